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
    """Every Han character, digit and letter of each story is drawn in that
    story's lines as often as the model has it, and in its reading order
    (furniture and repeated text aside); else the build stops naming the
    story, its source lines and the characters missing, in reading order.
    Lines are drawn in reading order — headline, then each column top to
    bottom, then the next part of a jump — so their text must read as the
    story's text does."""
    drawn: dict[str | None, list[str]] = {}      # in drawing order: the reading order
    for page in frames.pages:
        for element in page.elements:
            if isinstance(element, TextLine) and element.role in SOURCE_ROLES:
                drawn.setdefault(element.story, []).append(
                    significant("".join(g.char for g in element.glyphs)))
    losses = []
    for key, text, span in _expected(issue):
        printed = "".join(drawn.get(key, ()))
        lost = Counter(significant(text)) - Counter(printed)
        if lost:
            losses.append((key, span, _in_reading_order(text, lost), sum(lost.values())))
        elif printed != significant(text):
            wanted = significant(text)
            at = next((i for i, (a, b) in enumerate(zip(printed, wanted)) if a != b),
                      min(len(printed), len(wanted)))
            raise TypesetError(f"{key} (lines {span.first_line}–{span.last_line}) is printed "
                               f"out of reading order from “{wanted[at:at + 12]}” "
                               f"on (printed: “{printed[at:at + 12]}”)", issue.source,
                               span.first_line)
    if losses:
        key, span, chars, count = losses[0]
        more = (f"; and {sum(n for *_, n in losses[1:])} more in "
                f"{', '.join(k for k, *_ in losses[1:])}" if len(losses) > 1 else "")
        raise TypesetError(f"{count} character(s) of {key} (lines {span.first_line}–"
                           f"{span.last_line}) were not placed: {chars[:40]}{more}",
                           issue.source, span.first_line)


def _expected(issue: Issue):
    """(story key, its printed text, its source span) in reading order; a
    banner's title belongs to its first story."""
    if issue.epigraph:
        yield "epigraph", "".join(issue.epigraph.printed_text()), issue.epigraph.source
    for key, story, banner in issue.stories():
        yield key, (banner or "") + "".join(story.printed_text()), story.source


def _in_reading_order(text: str, lost: Counter) -> str:
    left = Counter(lost)
    out = []
    for char in significant(text):
        if left[char] > 0:
            out.append(char)
            left[char] -= 1
    return "".join(out)
