"""Reading a parsed issue file into clean text lines.

Files arrive from many hands: UTF-8 with or without BOM, GB18030/GBK from older
Windows tools, CRLF or lone CR line ends, tabs and stray spaces. This module
turns any of them into a list of lines, or raises one TypesetError that names
the file and line. Characters a reader never sees are dealt with by class
(invisible.py). Nothing here interprets the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, TypesetError
from .invisible import clean_line

# Control characters other than tab/newline/CR/form feed mean the file is not text.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D}   # tab, LF, VT (Word's line break), FF, CR


@dataclass(frozen=True)
class SourceText:
    path: str
    lines: tuple[str, ...]   # line i (0-based) is source line i + 1, without line end
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()   # invisible characters dropped (invisible.py)


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
    cleaned, notes = [], []
    for number, line in enumerate(lines, 1):
        text_line, note = clean_line(line, name, number)
        cleaned.append(text_line)
        if note:
            notes.append(note)
    return SourceText(name, tuple(cleaned), encoding, tuple(notes))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16 with a byte-order mark; else UTF-8 (BOM optional); else GB18030
    (a superset of GBK and GB2312).

    GB18030 decodes almost any byte string, so it is accepted only when the
    result is mostly CJK text rather than mojibake of a binary file. A byte
    that decodes in neither is reported on its own line.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise TypesetError(f"UTF-16 text with a broken character at byte {error.start}; "
                               "save it as UTF-8", name, _line_of(data, error.start)) from None
    if b"\x00" in data:
        raise TypesetError("NUL byte in file: this looks like a binary file, not text", name,
                           _line_of(data, data.index(b"\x00")))
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            where = max(utf8_error.start, gb_error.start)   # the first byte that fits neither
            raise TypesetError("not text: neither UTF-8 nor GB18030 (undecodable byte "
                               f"0x{data[where]:02X}); is this a binary file?",
                               name, _line_of(data, where)) from None
        if not _looks_like_text(text):
            raise TypesetError("file is not UTF-8, and as GB18030 it does not read as "
                               "Chinese text: this looks like a binary file", name,
                               _line_of(data, utf8_error.start))
        return text, "gb18030"


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _looks_like_text(text: str) -> bool:
    common = sum(1 for c in text if c.isspace() or c.isascii() and c.isprintable()
                 or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                 or "\uff00" <= c <= "\uffef" or "\u2010" <= c <= "\u206f")
    return common >= 0.9 * len(text)
