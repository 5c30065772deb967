"""``--jobs``: files over worker processes, with the same output as one process."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

try:
    from speed_helpers import prdlint, write_docs
except ImportError:  # tests/ collected as a package
    from tests.speed_helpers import prdlint, write_docs


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", 7)
    docs[3].write_bytes(b"\x00binary")  # a PRD901 finding from a worker's file
    # Over PARALLEL_MIN_BYTES in all, so that the workers really start.
    (tmp_path / "docs" / "big.md").write_text(
        "# Big\n\n" + "As a user, I want a thing so that I can work.\n\n" * 6000, encoding="utf-8"
    )
    serial = prdlint("check", "--no-cache", "-j", "1", "docs", cwd=tmp_path)
    parallel = prdlint("check", "--no-cache", "-j", "3", "docs", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    text = parallel.stdout.splitlines()
    paths = [line.split(":", 1)[0] for line in text if line.startswith("docs/")]
    assert paths == sorted(paths)
    assert {Path(p).name for p in paths} >= {"big.md", "doc01.md", "doc03.md", "doc06.md"}
    assert any("PRD901" in line for line in text)
    assert sum("PRD101" in line for line in text) > 6000


def test_jobs_with_the_cache_fill_it_from_the_parent(tmp_path: Path) -> None:
    write_docs(tmp_path / "docs", 5, spacy=False)
    first = prdlint("check", "-j", "2", "docs", cwd=tmp_path)
    second = prdlint("check", "-j", "2", "docs", cwd=tmp_path)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    assert len(list((tmp_path / ".prdlint_cache" / "v1").glob("*/*.json"))) == 5


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    write_docs(tmp_path / "docs", 1)
    done = prdlint("check", "-j", "0", "docs", cwd=tmp_path)
    assert done.returncode == 2
    assert "--jobs" in done.stderr


POOL_PROBE = """
import sys
import prdlint.parallel as parallel
started = []

class Recording(parallel.ProcessPoolExecutor):
    def __init__(self, workers, **kwargs):
        started.append(workers)
        super().__init__(workers, **kwargs)

parallel.ProcessPoolExecutor = Recording
from prdlint.cli.entry import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("POOLS=" + repr(started), file=sys.stderr)
"""


def pools_started(*args: str, cwd: Path) -> list[int]:
    done = subprocess.run(
        [sys.executable, "-c", POOL_PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith("POOLS="), done.stderr
    return ast.literal_eval(line.removeprefix("POOLS="))


def test_workers_start_only_when_there_is_enough_to_lint(tmp_path: Path) -> None:
    write_docs(tmp_path / "small", 4, spacy=False)
    assert pools_started("check", "--no-cache", "-j", "2", "small", cwd=tmp_path) == []
    big = tmp_path / "big"
    write_docs(big, 2, spacy=False)
    (big / "large.md").write_text("# L\n\n" + "Plain words here.\n\n" * 14000, encoding="utf-8")
    assert pools_started("check", "--no-cache", "-j", "2", "big", cwd=tmp_path) == [2]
    assert pools_started("check", "--no-cache", "-j", "1", "big", cwd=tmp_path) == []
    assert pools_started("check", "--no-cache", "-j", "8", "big/large.md", cwd=tmp_path) == []
