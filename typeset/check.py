"""Nothing missing, nothing lost: checks on the placed pages before any PDF.

A build that would print a character no font has, or lose one, stops with an
error naming the characters and their source lines, and writes no PDF.
Which lines carry the issue's own text is the roles table's to say
(design/roles.py: SOURCE); furniture and repeated text are not counted.
"""

from __future__ import annotations

from collections import Counter

from .chars import is_private_use, never_drawn, significant
from .design.roles import SOURCE_ROLES
from .diagnostics import TypesetError
from .fonts import FontSet
from .fonts.fontset import PRIVATE_USE_ROLE
from .frames import DocumentFrames, TextLine
from .model import Issue
from .parse.source import read_source


def check_glyphs(frames: DocumentFrames, fonts: FontSet, issue: Issue) -> None:
    """Every drawn character exists in its role's fallback chain, or the build
    stops listing the characters and where they are in the source."""
    missing: dict[str, set[str]] = {}
    for page in frames.pages:
        for element in page.elements:
            if isinstance(element, TextLine):
                for glyph in element.glyphs:
                    if glyph.kind == "char":
                        for char in glyph.char:
                            if fonts.face_for(glyph.font, char) is None:
                                missing.setdefault(char, set()).add(glyph.font)
    if not missing:
        return
    lines = read_source(issue.source).lines
    where = []
    for char in sorted(missing):
        numbers = [n for n, line in enumerate(lines, 1) if char in line]
        why = ("a character that never prints: remove it" if never_drawn(char) else
               f"造字: declare a font for it as the layout's `{PRIVATE_USE_ROLE}` font role"
               if is_private_use(char) else f"font roles: {', '.join(sorted(missing[char]))}")
        where.append(f"{char} U+{ord(char):04X} (line {', '.join(map(str, numbers[:5])) or '?'}; "
                     f"{why})")
    first = min((n for n, line in enumerate(lines, 1) if any(c in line for c in missing)),
                default=None)
    raise TypesetError(f"{len(missing)} character(s) no font has: " + "; ".join(where)
                       + " — add a font that has them to the layout's fallback chains",
                       issue.source, first)


def check_text_kept(frames: DocumentFrames, issue: Issue) -> None:
    """Every Han character, digit and letter of the issue is drawn as often as
    the model has it (furniture and repeated text aside)."""
    drawn: Counter[str] = Counter()
    for page in frames.pages:
        for element in page.elements:
            if isinstance(element, TextLine) and element.role in SOURCE_ROLES:
                drawn.update(significant("".join(g.char for g in element.glyphs)))
    expected = Counter(significant("".join(_printed_without_masthead(issue))))
    lost = expected - drawn
    if lost:
        sample = "".join(sorted(lost.elements()))[:40]
        raise TypesetError(f"{sum(lost.values())} character(s) of the text were not placed: "
                           f"{sample}", issue.source)


def _printed_without_masthead(issue: Issue):
    if issue.epigraph:
        yield from issue.epigraph.printed_text()
    for item in issue.items:
        yield from item.printed_text()
