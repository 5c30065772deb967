"""Which lines changed since a git ref: unified diff hunks → changed line sets per path.

``prdlint check --diff REF`` compares the merge-base of REF and HEAD with the working tree, so a
branch's commits, staged and unstaged edits all count, and untracked (not ignored) files count
as wholly new. git runs as a subprocess with argument lists (never a shell) and never touches
the network; a missing ref or a shallow clone without the merge-base is a :class:`GitDiffError`.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prdlint.errors import UsageError

_HUNK = re.compile(r"^@@ -\d+(?:,(?P<old_count>\d+))? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
# Settings a user's git config could set that would change the output we parse.
_GIT_CONFIG = ("-c", "core.quotePath=false", "-c", "diff.noprefix=false")


class GitDiffError(UsageError):
    """git cannot say what changed: not a repository, a missing ref, no merge-base (exit 2)."""


@dataclass
class FileChange:
    """One file of a diff. ``path`` is the new path relative to the repository root.

    ``lines`` are the 1-based lines of the new file that were added or changed; ``changed`` is
    whether the content changed at all (a pure deletion of lines changes a file without adding
    any; a pure rename or mode change does not change it).
    """

    path: str | None
    old_path: str | None = None
    lines: set[int] = field(default_factory=set)
    changed: bool = False
    binary: bool = False
    whole: bool = False

    def covers(self, line: int, end_line: int) -> bool:
        """Whether any of the lines ``line``..``end_line`` was added or changed."""
        if self.whole:
            return True
        return any(n in self.lines for n in range(line, max(line, end_line) + 1))

    @property
    def deleted(self) -> bool:
        return self.path is None


def unquote_path(raw: str) -> str:
    """A path as git prints it in a diff header: C-quoted when it holds special bytes."""
    if not (len(raw) >= 2 and raw.startswith('"') and raw.endswith('"')):
        return raw
    body = raw[1:-1]
    out = bytearray()
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            out.extend(char.encode("utf-8", "surrogateescape"))
            index += 1
            continue
        nxt = body[index + 1 : index + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            index += 2
        elif re.fullmatch(r"[0-7]{3}", body[index + 1 : index + 4]):
            out.append(int(body[index + 1 : index + 4], 8))
            index += 4
        else:
            out.extend(b"\\")
            index += 1
    return out.decode("utf-8", "surrogateescape")


def _strip_prefix(raw: str, prefix: str) -> str | None:
    path = unquote_path(raw.rstrip("\n").removesuffix("\t"))  # git adds a tab after spaces
    if path == "/dev/null":
        return None
    return path[len(prefix) :] if path.startswith(prefix) else path


def parse_unified_diff(text: str) -> dict[str, FileChange]:
    """Parse ``git diff`` output (any context size; ``-U0`` is cheapest) into changes by path.

    The key is the new path, or the old path for a deleted file. Renamed files are keyed by
    their new path and keep ``old_path``.
    """
    changes: dict[str, FileChange] = {}
    current: FileChange | None = None
    new_line = 0
    old_left = new_left = 0  # lines of the old and new file left in the current hunk

    def finish() -> None:
        if current is not None:
            key = current.path if current.path is not None else current.old_path
            if key is not None:
                changes[key] = current

    # Only "\n" ends a line of git's output: str.splitlines would also split the CR of CRLF
    # files, form feeds and U+2028 inside a line, and throw the hunk's line count off.
    for line in text.split("\n"):
        in_hunk = old_left > 0 or new_left > 0
        if not in_hunk and line.startswith("diff --git "):
            finish()
            current = _from_git_header(line[len("diff --git ") :])
            continue
        if current is None:
            continue
        if in_hunk:
            if line.startswith("+"):
                current.lines.add(new_line)
                new_line += 1
                new_left -= 1
            elif line.startswith("-"):
                old_left -= 1
            elif line.startswith(" "):
                new_line += 1
                new_left -= 1
                old_left -= 1
            continue
        match = _HUNK.match(line)
        if match:
            current.changed = True
            new_line = int(match.group("start"))
            new_left = _count(match.group("count"))
            old_left = _count(match.group("old_count"))
            continue
        _file_header(line, current)
    finish()
    return changes


def _count(value: str | None) -> int:
    return 1 if value is None else int(value)


def _from_git_header(rest: str) -> FileChange:
    """``a/P b/P`` (or quoted): the paths, for diffs without ---/+++ lines (empty new file)."""
    quoted = re.fullmatch(r'("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)', rest)
    if quoted:
        old, new = (_strip_prefix(quoted.group(i), "a/" if i == 1 else "b/") for i in (1, 2))
        return FileChange(path=new, old_path=old)
    half = (len(rest) - 1) // 2
    if len(rest) % 2 == 1 and rest[half] == " " and rest[2:half] == rest[half + 3 :]:
        return FileChange(path=rest[half + 3 :], old_path=rest[2:half])
    return FileChange(path=None)


def _file_header(line: str, current: FileChange) -> None:
    """Record one extended header line of a file's diff."""
    if line.startswith("--- "):
        current.old_path = _strip_prefix(line[4:], "a/")
    elif line.startswith("+++ "):
        current.path = _strip_prefix(line[4:], "b/")
    elif line.startswith("rename from "):
        current.old_path = unquote_path(line[len("rename from ") :])
    elif line.startswith("rename to "):
        current.path = unquote_path(line[len("rename to ") :])
    elif line.startswith("new file mode"):
        current.changed = current.whole = True
    elif line.startswith("deleted file mode"):
        current.path = None
        current.changed = True
    elif line.startswith("Binary files "):
        current.binary = current.changed = True
        match = re.match(r"^Binary files (.+) and (.+) differ$", line)
        if match:
            current.old_path = _strip_prefix(match.group(1), "a/")
            current.path = _strip_prefix(match.group(2), "b/")


@dataclass
class DiffScope:
    """What changed between the merge-base of a ref and HEAD, and the working tree."""

    ref: str
    base: str
    root: Path
    files: dict[str, FileChange]

    def change_for(self, path: Path) -> FileChange | None:
        """The change of a file (absolute, or relative to the current directory), if any."""
        try:
            relative = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None
        change = self.files.get(relative)
        return None if change is None or change.deleted else change


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",  # git diff must not even refresh the index
        "GIT_NO_LAZY_FETCH": "1",  # a partial clone must not fetch missing blobs
        "LC_ALL": "C",
    }
    try:
        return subprocess.run(
            ["git", *_GIT_CONFIG, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise GitDiffError("--diff needs git, and no git executable is on PATH") from None


def _is_shallow(cwd: Path) -> bool:
    done = _git(["rev-parse", "--is-shallow-repository"], cwd)
    return done.returncode == 0 and done.stdout.strip() == "true"


def changes_since(ref: str, cwd: Path | None = None) -> DiffScope:
    """The files and lines changed since the merge-base of ``ref`` and HEAD (see module doc)."""
    here = (cwd or Path.cwd()).resolve()
    if not ref or ref.startswith("-"):
        raise GitDiffError(f"--diff {ref!r}: not a git ref")
    top = _git(["rev-parse", "--show-toplevel"], here)
    if top.returncode != 0:
        raise GitDiffError(f"--diff {ref}: {here} is not inside a git repository")
    root = Path(top.stdout.strip()).resolve()
    if _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], root).returncode != 0:
        raise GitDiffError(f"--diff {ref}: HEAD has no commit yet")
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        hint = (
            "this is a shallow clone: fetch the history (e.g. actions/checkout with "
            "fetch-depth: 0, or git fetch --unshallow)"
            if _is_shallow(root)
            else "fetch it first (e.g. git fetch origin main) or name a branch, tag or commit"
        )
        raise GitDiffError(f"--diff {ref}: no such commit in this repository; {hint}")
    merge = _git(["merge-base", ref, "HEAD"], root)
    if merge.returncode != 0 or not merge.stdout.strip():
        if _is_shallow(root):
            raise GitDiffError(
                f"--diff {ref}: no merge-base with HEAD in this shallow clone; fetch the "
                "history (e.g. actions/checkout with fetch-depth: 0, or git fetch --unshallow)"
            )
        raise GitDiffError(f"--diff {ref}: {ref} and HEAD share no history (no merge-base)")
    base = merge.stdout.split()[0]
    diff = _git(
        [
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-relative",
            "--ignore-submodules",
            "--find-renames",
            "--unified=0",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            base,
            "--",
        ],
        root,
    )
    if diff.returncode != 0:
        detail = diff.stderr.strip().splitlines()[-1:] or ["git diff failed"]
        raise GitDiffError(f"--diff {ref}: {detail[0]}")
    files = parse_unified_diff(diff.stdout)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    if untracked.returncode == 0:
        for name in untracked.stdout.split("\0"):
            if name:
                files[name] = FileChange(path=name, changed=True, whole=True)
    return DiffScope(ref=ref, base=base, root=root, files=files)
