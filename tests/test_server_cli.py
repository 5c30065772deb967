"""``prdlint server`` as a command: start-up, shutdown and exit, and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from prdlint.cli.main import cli


def _message(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def _run_session(*messages: dict[str, object]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "prdlint", "server"],
        input=b"".join(_message(m) for m in messages),
        capture_output=True,
        timeout=120,
        check=False,
    )


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}


def test_shutdown_then_exit_ends_the_server_with_status_0() -> None:
    done = _run_session(
        INITIALIZE,
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b'"codeActionProvider"' in done.stdout and b'"hoverProvider": true' in done.stdout


def test_exit_without_shutdown_is_status_1_as_lsp_says() -> None:
    done = _run_session(INITIALIZE, {"jsonrpc": "2.0", "method": "exit"})
    assert done.returncode == 1


def test_server_command_is_listed_and_documented() -> None:
    result = CliRunner().invoke(cli, ["server", "--help"])
    assert result.exit_code == 0
    assert "Language" in result.output or "language server" in result.output
    assert "--debounce-ms" in result.output


def test_the_cli_imports_no_lsp_library_until_the_server_runs() -> None:
    code = (
        "import sys, prdlint.cli.main; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_pygls_the_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from prdlint.errors import UsageError

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pygls" else real(name, *a)
    )
    result = CliRunner().invoke(cli, ["server"])
    assert isinstance(result.exception, UsageError)
    assert "pip install 'prdlint[server]'" in str(result.exception)
