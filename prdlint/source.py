"""Reading a checked file into text: decoding, BOM and line endings, with clear failures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prdlint.errors import UnreadableFileError

BOM = "\ufeff"


@dataclass(frozen=True)
class SourceText:
    """The text of one document, normalised to ``\\n`` line endings and without a BOM.

    Line and column numbers computed on ``text`` equal those of the file on disk: a CRLF
    pair becomes one ``\\n`` at the same line end, and a BOM is not a visible column.
    """

    path: str
    text: str
    had_bom: bool = False


def decode(data: bytes, path: str) -> SourceText:
    """Decode file bytes as UTF-8, refusing binary data with a message naming the offset."""
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise UnreadableFileError(f"{path}: binary file (NUL byte at offset {nul}), not Markdown")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"{path}: invalid UTF-8 at byte offset {exc.start}; save the file as UTF-8"
        ) from None
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path=path, text=text, had_bom=had_bom)


def read_source(path: Path, display: str | None = None) -> SourceText:
    """Read and decode ``path``; every failure becomes an :class:`UnreadableFileError`."""
    shown = display if display is not None else str(path)
    return decode(read_bytes(path, shown), shown)


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of ``path``; every failure becomes an :class:`UnreadableFileError`."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFileError(f"{shown}: is a directory") from None
    except FileNotFoundError:
        raise UnreadableFileError(f"{shown}: file vanished before it could be read") from None
    except PermissionError:
        raise UnreadableFileError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise UnreadableFileError(f"{shown}: cannot read ({exc.strerror or exc})") from None
