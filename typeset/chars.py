"""Character classes every stage shares: one definition of "Han" and "CJK".

Stages differ in what they do with a character, never in what it is: the
parser restores full-width punctuation next to CJK text, the composer counts
Han characters for the 孤字 rule, the checks count Han characters, digits and
letters to prove nothing was lost.
"""

from __future__ import annotations

import re
import unicodedata


def is_han(char: str) -> bool:
    """A Han ideograph: the unified blocks (BMP and the supplementary planes),
    the compatibility ideographs, and 〇 (the ideographic zero of 二〇二四)."""
    code = ord(char)
    return (0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF or char == "〇")


def is_cjk(char: str) -> bool:
    """Han ideographs, CJK punctuation, full-width forms, kana: text a reader
    reads as Chinese, beside which punctuation is full width."""
    code = ord(char)
    return (0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF
            or char in "“”‘’—…·")


def is_significant(char: str) -> bool:
    """What the nothing-is-lost checks count: Han characters, ASCII digits and letters."""
    return is_han(char) or (char.isascii() and char.isalnum())


# Everything is_significant refuses, as one pattern: the loss checks run it
# over every line of an issue.
_INSIGNIFICANT = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
                            "〇0-9A-Za-z]+")


def significant(text: str) -> str:
    """The characters of `text` is_significant keeps, in order."""
    return _INSIGNIFICANT.sub("", text)


def is_variation_selector(char: str) -> bool:
    """VS1–VS16 (U+FE00–FE0F: VS15 text, VS16 emoji style) and the ideographic
    variation selectors VS17–VS256 (U+E0100–E01EF)."""
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def is_private_use(char: str) -> bool:
    """A private-use code point (造字 in Chinese newsrooms): its shape is the
    business of whichever font a layout declares for it, never of a fallback."""
    return unicodedata.category(char) == "Co"


def never_drawn(char: str) -> bool:
    """Characters whose glyph, if a font has one, is a placeholder box: control
    and format characters, surrogates, unassigned code points, variation
    selectors. Decided by Unicode class, not by what some font contains."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Cn") or is_variation_selector(char)
