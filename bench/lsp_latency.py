"""Latency and memory of ``prdlint server`` on a 5,000-word PRD (a benchmark, not a test).

    python bench/lsp_latency.py [--edits 50] [--memory-edits 1000] [--words 5000]

Starts the real server over stdio with pygls's client, opens a generated PRD, waits for the
first analysis, then sends one-paragraph edits one at a time and measures from didChange sent
to publishDiagnostics received for that version (targets: p50 <= 50 ms, p95 <= 150 ms). Then
it sends --memory-edits more edits and samples the server's RSS (target: flat). Last, it times
the same edits in-process to show where the time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from prd_gen import generate_prd, paragraph, story


class Bench:
    def __init__(self, text: str, uri: str, seed: int = 11) -> None:
        self.lines = text.split("\n")
        self.uri = uri
        self.rng = random.Random(seed)
        self.version = 1
        self.client = LanguageClient("prdlint-bench", "1")
        self.waiting: dict[int, asyncio.Future[float]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(_client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            self._published(params)

        # paragraph lines (filler prose) and story lines: what an edit rewrites
        self.prose = [i for i, line in enumerate(self.lines) if line.startswith("The ")]
        self.stories = [i for i, line in enumerate(self.lines) if line.startswith("- As ")]

    def _published(self, params: types.PublishDiagnosticsParams) -> None:
        future = self.waiting.pop(params.version or -1, None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    @property
    def pid(self) -> int:
        return self.client._server.pid  # type: ignore[union-attr]  # the server subprocess

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    async def start(self) -> float:
        await self.client.start_io(sys.executable, "-m", "prdlint", "server")
        await self.client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities())
        )
        self.client.initialized(types.InitializedParams())
        started = time.perf_counter()
        done = self._expect(1)
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri, language_id="markdown", version=1, text="\n".join(self.lines)
                )
            )
        )
        return await asyncio.wait_for(done, 120) - started

    def _expect(self, version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[version] = future
        return future

    def next_edit(self) -> tuple[int, str]:
        """A one-paragraph edit: new prose for a paragraph, or a story with another role."""
        if self.rng.random() < 0.2:
            row = self.rng.choice(self.stories)
            return row, story(self.rng, self.rng.randrange(100))
        return self.rng.choice(self.prose), paragraph(self.rng)

    async def edit(self) -> float:
        """Send one edit; seconds until its diagnostics arrive."""
        row, new = self.next_edit()
        old = self.lines[row]
        self.lines[row] = new
        self.version += 1
        done = self._expect(self.version)
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            start=types.Position(line=row, character=0),
                            end=types.Position(line=row, character=len(old)),
                        ),
                        text=new,
                    )
                ],
            )
        )
        return await asyncio.wait_for(done, 60) - sent

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def in_process(text: str, edits: int) -> None:
    """Where the time of one re-lint goes, measured without the protocol."""
    from prdlint.document.parse import parse_document
    from prdlint.server.linting import DocumentLinter

    with TemporaryDirectory() as folder:
        uri = (Path(folder) / "prd.md").as_uri()
        linter = DocumentLinter(root=Path(folder))
        linter.lint(uri, text)
        rng = random.Random(5)
        lines = text.split("\n")
        prose = [i for i, line in enumerate(lines) if line.startswith("The ")]
        lint_ms, parse_ms = [], []
        for _ in range(edits):
            lines[rng.choice(prose)] = paragraph(rng)
            edited = "\n".join(lines)
            started = time.perf_counter()
            parse_document(edited, "prd.md")
            parse_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            linter.lint(uri, edited)
            lint_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        linter.lint(uri, edited)
        cached_ms = (time.perf_counter() - started) * 1000
    print(
        f"in-process re-lint: median {statistics.median(lint_ms):.1f} ms, of which markdown "
        f"parsing into the document model {statistics.median(parse_ms):.1f} ms; "
        f"unchanged text (result cache): {cached_ms:.3f} ms"
    )


async def main(args: argparse.Namespace) -> int:
    text = generate_prd(args.words)
    with TemporaryDirectory() as folder:
        bench = Bench(text, (Path(folder) / "prd.md").as_uri())
        first = await bench.start()
        print(f"document: {len(text.split())} words, {len(bench.lines)} lines")
        print(f"first analysis (spaCy load included): {first * 1000:.0f} ms")
        latencies = [await bench.edit() * 1000 for _ in range(args.edits)]
        p50, p95 = percentile(latencies, 0.50), percentile(latencies, 0.95)
        verdict = "meets" if p50 <= 50 and p95 <= 150 else "MISSES"
        print(
            f"{args.edits} one-paragraph edits, didChange -> publishDiagnostics: p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms, max {max(latencies):.1f} ms ({verdict} p50<=50, p95<=150)"
        )
        samples = [(0, bench.rss_kib())]
        for index in range(1, args.memory_edits + 1):
            await bench.edit()
            if index % max(1, args.memory_edits // 10) == 0:
                samples.append((index, bench.rss_kib()))
        print(
            "server RSS over edits: "
            + ", ".join(f"{n}: {kib / 1024:.1f} MiB" for n, kib in samples)
        )
        growth = (samples[-1][1] - samples[len(samples) // 2][1]) / 1024
        print(f"RSS change over the second half: {growth:+.1f} MiB")
        await bench.stop()
    in_process(text, 30)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--memory-edits", type=int, default=1000)
    sys.exit(asyncio.run(main(parser.parse_args())))
