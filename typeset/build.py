"""The whole pipeline in one function: parse → compose/lay out → check → render.

    issue   = parse_issue(source)                 stage 1, typeset.parse
    laid    = lay_out(issue, layout, fonts)       stages 2-3, typeset.compose via typeset.layout
    check_glyphs, check_text_kept                 nothing missing, nothing lost
    render_pdf(laid.frames, pdf)                  stage 4, typeset.render

A build that would print a character no font has, or lose one, stops with an
error naming the characters and their source lines, and writes no PDF.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, TypesetError
from .fonts import FontSet
from .frames import DocumentFrames, TextLine
from .layout import LaidOut, lay_out
from .design import load_layout
from .model import Issue
from .parse import parse_issue
from .chars import is_han
from .render import render_pdf
from .sidecar import Sidecar, load_sidecar
from .parse.source import read_source

# Roles whose text is the issue's own; the others are furniture (running
# heads, jump lines, fillers) or repeated text (pull quotes, short titles).
SOURCE_ROLES = {"body", "byline", "subhead1", "subhead2", "kicker", "subtitle", "deck", "rubric",
                "banner", "epigraph", "promo", "jump"} | {f"headline{r}" for r in (1, 2, 3)}


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    report_path: Path
    laid: LaidOut
    diagnostics: tuple[Diagnostic, ...]


def build(source: str | Path, out_dir: str | Path = "build", layout_name: str = "yibin-tabloid",
          sidecar: Sidecar | None = None) -> BuildResult:
    source = Path(source)
    if sidecar is None:
        sidecar = load_sidecar(source.with_suffix(".yaml"))
    layout = load_layout(layout_name)
    issue = parse_issue(source, sidecar, layout.calendar.lunar_months)
    if not issue.items:
        raise TypesetError("no articles to set: the file has only a masthead or epigraph",
                           issue.source)
    fonts = FontSet.load(dict(layout.fonts))
    laid = lay_out(issue, layout, fonts, sidecar)
    check_glyphs(laid.frames, fonts, issue)
    check_text_kept(laid.frames, issue)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{source.stem}.pdf"
    report_path = out_dir / f"{source.stem}.layout.json"
    render_pdf(laid.frames, pdf, fonts)
    report = dict(laid.report, source=str(source), layout=layout.name,
                  diagnostics=[str(d) for d in issue.diagnostics])
    _write_atomic(report_path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    return BuildResult(pdf, report_path, laid, issue.diagnostics + tuple(fonts.notes))


def check_glyphs(frames: DocumentFrames, fonts: FontSet, issue: Issue) -> None:
    """Every drawn character exists in its role's fallback chain, or the build
    stops listing the characters and where they are in the source."""
    missing: dict[str, set[str]] = {}
    for page in frames.pages:
        for element in page.elements:
            if isinstance(element, TextLine):
                for glyph in element.glyphs:
                    if glyph.kind in ("char",):
                        for char in glyph.char:
                            if fonts.face_for(glyph.font, char) is None:
                                missing.setdefault(char, set()).add(glyph.font)
    if not missing:
        return
    lines = read_source(issue.source).lines
    where = []
    for char in sorted(missing):
        numbers = [n for n, line in enumerate(lines, 1) if char in line]
        where.append(f"{char} U+{ord(char):04X} (line {', '.join(map(str, numbers[:5])) or '?'}; "
                     f"font roles: {', '.join(sorted(missing[char]))})")
    first = min((n for n, line in enumerate(lines, 1) if any(c in line for c in missing)),
                default=None)
    raise TypesetError(f"{len(missing)} character(s) no font has: " + "; ".join(where)
                       + " — add a font that has them to the layout's fallback chains",
                       issue.source, first)


def significant(text: str) -> str:
    return "".join(c for c in text if is_han(c) or c.isascii() and c.isalnum())


def check_text_kept(frames: DocumentFrames, issue: Issue) -> None:
    """Every Han character, digit and letter of the issue is drawn as often as
    the model has it (furniture and repeated text aside)."""
    drawn = Counter()
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


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
