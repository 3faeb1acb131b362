"""Reading a parsed issue file into clean text lines.

Files arrive from many hands: UTF-8 with or without BOM, GB18030/GBK from older
Windows tools, CRLF or lone CR line ends, tabs and stray spaces. This module
turns any of them into a list of lines, or raises one TypesetError that names
the file and line. Nothing here interprets the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import TypesetError

# Control characters other than tab/newline/CR/form feed mean the file is not text.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}


@dataclass(frozen=True)
class SourceText:
    path: str
    lines: tuple[str, ...]   # line i (0-based) is source line i + 1, without line end
    encoding: str


def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TypesetError("no such file", name) from None
    except IsADirectoryError:
        raise TypesetError("is a directory, not an issue file", name) from None
    except OSError as exc:
        raise TypesetError(f"cannot read file: {exc.strerror}", name) from None
    text, encoding = decode(data, name)
    if not text.strip():
        raise TypesetError("file is empty: an issue needs at least one article", name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        for column, char in enumerate(line, 1):
            code = ord(char)
            if (code < 0x20 and code not in _TEXT_CONTROLS) or code == 0x7F:
                raise TypesetError(f"control character U+{code:04X} in text: "
                                   "this looks like a binary file", name, number, column)
    return SourceText(name, tuple(lines), encoding)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (BOM optional) first; GB18030 (a superset of GBK and GB2312) second.

    GB18030 decodes almost any byte string, so it is accepted only when the
    result is mostly CJK text rather than mojibake of a binary file.
    """
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise TypesetError("NUL byte in file: this looks like a binary file, not text", name, line)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise TypesetError("not text: neither UTF-8 nor GB18030 (undecodable byte "
                               f"0x{data[utf8_error.start]:02X}); is this a binary file?",
                               name, line) from None
        if not _looks_like_text(text):
            line = data[: utf8_error.start].count(b"\n") + 1
            raise TypesetError("file is not UTF-8, and as GB18030 it does not read as "
                               "Chinese text: this looks like a binary file", name, line)
        return text, "gb18030"


def _looks_like_text(text: str) -> bool:
    common = sum(1 for c in text if c.isspace() or c.isascii() and c.isprintable()
                 or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                 or "\uff00" <= c <= "\uffef" or "\u2010" <= c <= "\u206f")
    return common >= 0.9 * len(text)
