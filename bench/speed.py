"""prdlint against proselint, side by side in one run: wall time, words/s, memory, scaling.

    python bench/speed.py                  # the corpus in ../shared/corpus, 5 runs each
    python bench/speed.py --repeat 3 --corpus DIR

Reads ``DIR/prds/*.md`` and ``DIR/stories/*.txt`` (the evaluation corpus, read in place and
never copied into the project); without a corpus it generates PRDs. Both tools get the same
explicit file list; the runs alternate so that both see the same machine load, and the
medians are compared. prdlint runs cold with ``--no-cache`` except in the cached rows.
This is a benchmark, not a test: it prints numbers and the targets of issue 4, and exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
Command = list[str]


def tool(name: str) -> Command:
    """The console script next to this Python (the virtual environment's), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        sys.exit(f"bench: {name} is not installed (pip install -e '.[dev]')")
    return [found]


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted((corpus / "prds").glob("*.md")) + sorted((corpus / "stories").glob("*.txt"))
    return [f for f in files if f.is_file()]


def generated_corpus(folder: Path, count: int = 60) -> list[Path]:
    """PRDs made up here (no corpus available): sections, lists, tables, stories."""
    folder.mkdir(parents=True, exist_ok=True)
    roles = ["user", "claims adjuster", "new trial admin", "customer", "night-shift nurse"]
    files = []
    for index in range(count):
        parts = [f"# Product {index}\n\n## Problem\n"]
        for para in range(20 + index % 15):
            parts.append(
                f"Teams lose {para + 3} hours a week because exports fail silently. "
                "Support tickets about this doubled last quarter, according to the help desk.\n"
            )
        parts.append("\n## Stories\n\n")
        for story in range(15):
            role = roles[(index + story) % len(roles)]
            parts.append(f"- As a {role}, I want export {story} so that I can file reports.\n")
        parts.append("\n| Metric | Target |\n|---|---|\n| Export failures | < 1% |\n")
        path = folder / f"generated-{index:03d}.md"
        path.write_text("".join(parts), encoding="utf-8")
        files.append(path)
    return files


def words(files: Sequence[Path]) -> int:
    return sum(len(re.findall(r"\S+", f.read_text(encoding="utf-8"))) for f in files)


def run_once(command: Command, cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, the largest process of the tree) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0
    return elapsed, usage.ru_maxrss


def tree_rss_peak(command: Command, cwd: Path) -> int:
    """Peak of the summed RSS (KiB) of a run and its worker processes, sampled every 10 ms."""
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    return peak


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat[1])
        match = re.search(r"VmRSS:\s+(\d+)", status)
        rss[int(entry.name)] = int(match.group(1)) if match else 0
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


class Timings:
    """Several runs of each command, interleaved; medians of wall time, max of peak RSS."""

    def __init__(self, repeat: int, cwd: Path) -> None:
        self.repeat = repeat
        self.cwd = cwd

    def compare(self, commands: dict[str, Command]) -> dict[str, tuple[float, int]]:
        walls: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, int] = dict.fromkeys(commands, 0)
        for _ in range(self.repeat):
            for name, command in commands.items():
                wall, peak = run_once(command, self.cwd)
                walls[name].append(wall)
                rss[name] = max(rss[name], peak)
        return {name: (statistics.median(walls[name]), rss[name]) for name in commands}


def replicate(files: Sequence[Path], times: int, folder: Path) -> list[Path]:
    """``times`` copies of every file under ``folder`` (distinct names, same text)."""
    copies = []
    for copy in range(times):
        target = folder / f"copy{copy:02d}"
        target.mkdir(parents=True, exist_ok=True)
        for index, source in enumerate(files):
            path = target / f"{index:03d}-{source.stem}.md"  # folders are walked for .md
            shutil.copyfile(source, path)
            copies.append(path)
    return copies


def is_skipped(prdlint: Command, file: Path, cwd: Path) -> bool:
    done = subprocess.run(
        [*prdlint, "check", "--no-cache", str(file)], cwd=cwd, capture_output=True, text=True
    )
    return "skipped" in done.stderr


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--scale-repeat", type=int, default=2, help="runs at 1x, 4x and 16x")
    args = parser.parse_args(argv)
    prdlint, proselint = tool("prdlint"), tool("proselint")
    work = Path(tempfile.mkdtemp(prefix="prdlint-bench-"))
    try:
        report(args, prdlint, proselint, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(args: argparse.Namespace, prdlint: Command, proselint: Command, work: Path) -> None:
    files = corpus_files(args.corpus)
    source = f"{args.corpus} (prds/*.md + stories/*.txt)"
    if not files:
        files = generated_corpus(work / "generated")
        source = "generated PRDs (no corpus found)"
    count = words(files)
    names = [str(f) for f in files]
    timings = Timings(args.repeat, work)
    cores = os.cpu_count()
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"# prdlint speed, {stamp}; {platform.machine()}, {cores} cores; Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f} at start"
    )
    print(f"corpus: {source}: {len(files)} files, {count} words; median of {args.repeat} runs\n")
    rows: list[tuple[str, str, str, str, str]] = []
    results: dict[str, float] = {}

    def row(
        label: str, ours: tuple[float, int], theirs: tuple[float, int] | None, size: int
    ) -> None:
        ratio = f"{ours[0] / theirs[0]:.2f}" if theirs else "-"
        theirs_text = f"{theirs[0]:.2f} s" if theirs else "-"
        rows.append(
            (
                label,
                f"{ours[0]:.2f} s",
                theirs_text,
                ratio,
                f"{size / ours[0]:,.0f}" if size else "-",
            )
        )
        results[label] = ours[0] / theirs[0] if theirs else ours[0]

    cold = timings.compare(
        {
            "prdlint": [*prdlint, "check", "--no-cache", *names],
            "prdlint -j1": [*prdlint, "check", "--no-cache", "-j", "1", *names],
            "proselint": [*proselint, "check", *names],
        }
    )
    row("corpus, cold (default jobs)", cold["prdlint"], cold["proselint"], count)
    row("corpus, cold, --jobs 1", cold["prdlint -j1"], cold["proselint"], count)
    cache_dir = work / "cache"
    cached_command = [*prdlint, "check", "--cache-dir", str(cache_dir), *names]
    run_once(cached_command, work)  # fills the cache
    cached = timings.compare(
        {"prdlint": cached_command, "proselint": [*proselint, "check", *names]}
    )
    row("corpus, cache hit", cached["prdlint"], cached["proselint"], count)
    prds = [f for f in files if f.suffix == ".md"] or files
    largest = max(prds, key=lambda f: f.stat().st_size)
    singles = [largest]
    if is_skipped(prdlint, largest, work):
        linted = [
            f
            for f in sorted(prds, key=lambda f: -f.stat().st_size)
            if not is_skipped(prdlint, f, work)
        ]
        singles += linted[:1]
    for single in singles:
        one = timings.compare(
            {
                "prdlint": [*prdlint, "check", "--no-cache", str(single)],
                "proselint": [*proselint, "check", str(single)],
            }
        )
        note = ", skipped as not English" if single != singles[-1] else ""
        label = f"one file, cold: {single.name[:28]} ({single.stat().st_size // 1024} KB{note})"
        row(label, one["prdlint"], one["proselint"], words([single]))
    # What a document costs once a rule needs spaCy (import + load + parse): the same file
    # with one role whose head word PRD101 must lemmatise.
    needs_spacy = work / f"spacy-{singles[-1].stem}.md"
    text = singles[-1].read_text(encoding="utf-8")
    needs_spacy.write_text(text + "\n\nAs users, we want one shared plan.\n", encoding="utf-8")
    one = timings.compare(
        {
            "prdlint": [*prdlint, "check", "--no-cache", str(needs_spacy)],
            "proselint": [*proselint, "check", str(needs_spacy)],
        }
    )
    row("same file + one role to lemmatise (loads spaCy)", one["prdlint"], one["proselint"], 0)
    version = timings.compare(
        {"prdlint": [*prdlint, "--version"], "python": [sys.executable, "-c", "pass"]}
    )
    row("prdlint --version", version["prdlint"], None, 0)
    row("python -c pass (the floor)", version["python"], None, 0)
    print("| what | prdlint | proselint | ratio | prdlint words/s |")
    print("|---|---|---|---|---|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    tree_peak = tree_rss_peak([*prdlint, "check", "--no-cache", *names], work)
    largest_process = max(cold["prdlint"][1], cold["prdlint -j1"][1])
    print(
        f"\npeak RSS of a cold corpus run: largest process {largest_process / 1024:.0f} MB; "
        f"all processes together {tree_peak / 1024:.0f} MB (proselint "
        f"{cold['proselint'][1] / 1024:.0f} MB)"
    )
    scaling = scale(prdlint, files, args.scale_repeat, work)
    print("\n| corpus × | files | words | prdlint cold | words/s |")
    print("|---|---|---|---|---|")
    for times, (size, many, wall) in scaling.items():
        print(f"| {times}× | {many} | {size:,} | {wall:.2f} s | {size / wall:,.0f} |")
    targets: list[tuple[str, bool]] = [
        ("corpus cold ≤ 1.0× proselint", results["corpus, cold (default jobs)"] <= 1.0),
        ("cache hit ≤ 0.25× proselint", results["corpus, cache hit"] <= 0.25),
        (
            "one largest PRD cold ≤ 2.0× proselint",
            all(v <= 2.0 for k, v in results.items() if k.startswith("one file")),
        ),
        ("--version ≤ 0.15 s", results["prdlint --version"] <= 0.15),
        ("peak RSS ≤ 400 MB (all processes)", tree_peak / 1024 <= 400),
        ("linear: words/s at 16× within 25% of 1×", _linear(scaling)),
    ]
    print()
    for name, met in targets:
        print(f"{'met   ' if met else 'MISSED'} {name}")


def scale(
    prdlint: Command, files: Sequence[Path], repeat: int, work: Path
) -> dict[int, tuple[int, int, float]]:
    found: dict[int, tuple[int, int, float]] = {}
    size = words(files)
    for times in (1, 4, 16):
        folder = work / f"x{times}"
        copies = replicate(files, times, folder)
        walls = [
            run_once([*prdlint, "check", "--no-cache", str(folder)], work)[0] for _ in range(repeat)
        ]
        found[times] = (size * times, len(copies), statistics.median(walls))
        shutil.rmtree(folder, ignore_errors=True)
    return found


def _linear(scaling: dict[int, tuple[int, int, float]]) -> bool:
    rate: Callable[[int], float] = lambda t: scaling[t][0] / scaling[t][2]  # noqa: E731
    return rate(16) >= 0.75 * rate(1)


if __name__ == "__main__":
    sys.exit(main())
