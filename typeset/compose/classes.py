"""Character classes and the pair rules built on them (clreq basic level + GB/T 15834).

Language rules are data plus small functions on a pair of neighbours, as in SILE's
`languages/ja`: the tables below are typography.md's exact sets; `classify` maps any
character to one class letter, and `may_break` / `blank_*` answer questions about
a pair. The composer precomputes these once per character, so they may be plain Python.
"""

from __future__ import annotations

import unicodedata

# Class letters (typography.md "Character classes"):
#   P pause/stop  C closing  O opening  J connector  M interpunct  S solidus
#   D two-em dash part  E ellipsis part  H Han / other full-box CJK character
#   W western (Latin letters, digits, ASCII symbols: parts of words and numbers)
#   Z space
PAUSE = frozenset("。．，、：；！？‼⁇")
CLOSING = frozenset("”’」』）》〉】〗〕］｝")
OPENING = frozenset("“‘「『（《〈【〖〔［｛")
CONNECTOR = frozenset("-\u2013\u2014～")
INTERPUNCT = frozenset("\u00b7\u30fb\u2027")
SOLIDUS = frozenset("/／")
DASH_PARTS = frozenset("\u2014\u2e3a")        # —— is two U+2014; ⸺ is one U+2E3A
ELLIPSIS_PARTS = frozenset("\u2026\u22ef")    # …… and ⋯⋯

# Line-start / line-end prohibitions, as character sets (used by the audit on plain text).
NO_START = PAUSE | CLOSING | CONNECTOR | INTERPUNCT | SOLIDUS | DASH_PARTS | ELLIPSIS_PARTS
NO_END = OPENING | SOLIDUS

# Western characters that cannot start / end a word-like run at a break (a run such
# as "-5%" or "A/" must not be split off from its neighbour either).
_ASCII_NO_START = frozenset(",.;:!?)]}%-/'\"")
_ASCII_NO_END = frozenset("([{/-'\"")
# Units written after a number and kept with it (GB/T 15835): they join the number's run.
UNIT_SUFFIXES = frozenset("％‰℃°′″")

# Marks that are set on a 1 em body whatever the font's advance is, and where their ink
# sits inside that body: "L" ink on the left (blank right), "R" ink on the right
# (blank left), "C" centred (blank both sides).
INK_SIDE = {**{c: "L" for c in PAUSE}, **{c: "L" for c in CLOSING},
            **{c: "R" for c in OPENING}, **{c: "C" for c in INTERPUNCT}}
INK_SIDE["\u2014"] = "C"   # a lone — (connector) is centred in its 1 em body
INK_SIDE["～"] = "C"

_TABLE: dict[str, str] = {}
for _chars, _cls in ((PAUSE, "P"), (CLOSING, "C"), (OPENING, "O"), (CONNECTOR, "J"),
                     (INTERPUNCT, "M"), (SOLIDUS, "S"), (ELLIPSIS_PARTS, "E")):
    for _c in _chars:
        _TABLE[_c] = _cls
_TABLE["\u2014"] = "D"       # a pair of them is a dash; prepare() demotes a lone one to J
_TABLE["\u2e3a"] = "D"
for _c in " \t\u00a0\u3000":
    _TABLE[_c] = "Z"
for _i in range(0x21, 0x7F):
    _TABLE.setdefault(chr(_i), "W")   # "-" and "/" stay J/S; prepare() merges them into words
for _c in UNIT_SUFFIXES:
    _TABLE[_c] = "W"


def classify(ch: str) -> str:
    """The class letter of one character (cached in the table)."""
    cls = _TABLE.get(ch)
    if cls is None:
        cat = unicodedata.category(ch)
        # Latin, Greek, Cyrillic letters and marks and other narrow alphabetic text
        # behave like western word characters; everything else gets a full CJK box.
        if ord(ch) < 0x2000 and (cat[0] in "LMN" or cat in ("Sc", "Sm", "Sk")):
            cls = "W"
        elif cat in ("Zs",):
            cls = "Z"
        else:
            cls = "H"
        _TABLE[ch] = cls
    return cls


def fills_a_box(ch: str) -> bool:
    """A character set in a full em box (Han, kana, hangul, symbols; not
    punctuation or Latin): what the 孤字 rule counts as a character alone."""
    return _TABLE.get(ch) == "H" or (ch not in _TABLE and classify(ch) == "H")


def word_may_start_line(text: str) -> bool:
    return text[0] not in _ASCII_NO_START


def word_may_end_line(text: str) -> bool:
    return text[-1] not in _ASCII_NO_END


# Pair rule: may a line break fall between a unit of class `left` and one of class
# `right`? Units are already whole (a —— or a number is one unit), so only the
# class-level prohibitions remain.
_NO_BREAK_BEFORE = frozenset("PCJMSDE")
_NO_BREAK_AFTER = frozenset("OS")


def may_break(left: str, right: str) -> bool:
    return left not in _NO_BREAK_AFTER and right not in _NO_BREAK_BEFORE


def han_latin_space(left: str, right: str) -> bool:
    """¼ em goes between Han and western text (never next to CJK punctuation)."""
    return (left == "H" and right == "W") or (left == "W" and right == "H")
