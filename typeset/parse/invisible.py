"""Characters a reader never sees, decided by class before anything is read.

Text pasted from WeChat, the web or Word carries characters that print as
nothing — or, in a font that has a glyph for them, as a labelled box. Each
class has one rule:

- dropped, with a warning naming the line: format characters (zero-width
  space and joiners U+200B–200D, direction marks and embeddings U+200E–200F,
  U+202A–202E, U+2066–2069, word joiner U+2060, soft hyphen U+00AD, a stray
  U+FEFF) and variation selectors (VS15/VS16 U+FE0E/FE0F; ideographic
  variation sequences U+E0100… — no font typeset ships has the variants, so
  the base character prints in its usual form);
- made a space: a form feed or vertical tab inside a line;
- composed: a letter followed by combining accents becomes its precomposed
  form (NFC, applied only to that run: NFC over the whole text would rewrite
  compatibility ideographs such as U+F900 into other characters);
- refused, naming the line and column: an accent that has no precomposed form
  with its letter (it would float beside it), an unassigned code point.

Private-use characters (造字) pass: they print only from a font the layout
declares for them (the `zaozi` font role), else the glyph check stops the build.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..chars import is_variation_selector
from ..diagnostics import Diagnostic, TypesetError, warning

# Format characters, controls and unassigned code points are not printable;
# combining marks are, so the fast path looks for the blocks they live in.
_MAYBE_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a"
                          "\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                          "\u302a-\u302f\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f\U000e0100-\U000e01ef]")
SPACES = {"\f": " ", "\v": " ", "\u2028": " ", "\u2029": " "}


def clean_line(text: str, file: str, number: int) -> tuple[str, Diagnostic | None]:
    """The line as a reader sees it, and a warning listing what was dropped."""
    if text.isprintable() and not _MAYBE_MARKS.search(text):
        return text, None               # the common case at once: nothing invisible, no accents
    dropped: Counter[str] = Counter()
    out: list[str] = []
    marks = False
    for column, char in enumerate(text, 1):
        category = unicodedata.category(char)
        if char in SPACES:
            out.append(SPACES[char])
        elif category == "Cf" or is_variation_selector(char):
            dropped[char] += 1
        elif category == "Cn":
            raise TypesetError(f"U+{ord(char):04X} is not an assigned character: the text "
                               "is damaged here", file, number, column)
        else:
            marks = marks or category in ("Mn", "Me")
            out.append(char)
    cleaned = "".join(out)
    if marks:
        cleaned = _compose_accents(cleaned, file, number)
    note = None
    if dropped:
        listed = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'format character')}"
                           + (f" ×{n}" if n > 1 else "") for c, n in dropped.items())
        note = warning(f"dropped {sum(dropped.values())} invisible character"
                       f"{'s' if sum(dropped.values()) > 1 else ''}: {listed}", file, number)
    return cleaned, note


def _compose_accents(text: str, file: str, number: int) -> str:
    """Each letter with its combining marks, NFC-composed; a mark left over is an error."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.category(text[j]) in ("Mn", "Me"):
            j += 1
        run = text[i:j]
        if j > i + 1:
            run = unicodedata.normalize("NFC", run)
            left = [c for c in run if unicodedata.category(c) in ("Mn", "Me")]
            if left:
                raise TypesetError(
                    f"combining mark U+{ord(left[0]):04X} "
                    f"{unicodedata.name(left[0], '')} has no precomposed form with "
                    f"{run[0]!r}: it would print beside the letter, not on it; type the "
                    "accented letter itself", file, number, i + 1)
        out.append(run)
        i = j
    return "".join(out)
