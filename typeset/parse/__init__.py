"""Stage 1 of the pipeline: a parsed issue file → the newspaper model.

    read_source (encodings, line ends, invisible characters)
    → split_blocks (+ punctuation clean-up)          blocks.py, normalise.py
    → the masthead blocks (and a page label)         masthead.py
    → pass 1: each block's evidence                  evidence.py
    → pass 2: the grammar groups blocks into items   grammar.py
    → the source's own jumps read back               jumps.py
    → Issue
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostic, warning
from ..model import Continuation, Dropped, Issue, Span
from ..sidecar import Sidecar, find_sidecar
from .blocks import running_head_page, split_blocks
from .corrections import apply_structure
from .evidence import lost_characters
from .grammar import Decision, Reader
from .jumps import rejoin
from .masthead import complete, read_masthead
from .source import read_source


def parse_issue(path: str | Path, sidecar: Sidecar | None = None,
                month_style: str = "numeric") -> Issue:
    """Read `path`. The sidecar (`<stem>.yaml` beside the file, unless given)
    supplies masthead fields the file lacks; command-line options arrive
    merged into it."""
    source = read_source(path)
    if sidecar is None:
        sidecar = find_sidecar(path)
    blocks = split_blocks(source.lines)
    diagnostics: list[Diagnostic] = list(source.diagnostics)
    for number, raw in enumerate(source.lines, 1):
        for snippet in lost_characters(raw):
            diagnostics.append(warning(f"'{snippet}': a character seems lost upstream "
                                       "(□, �, or ? inside Han text); check the original page",
                                       source.path, number, rule="parse.lost_character"))

    masthead, found, start = read_masthead(blocks, source.path)
    diagnostics += found
    masthead, found = complete(masthead, dict(sidecar.masthead), month_style,
                               source.path)
    diagnostics += found

    line_count = len(source.lines)
    while line_count and not source.lines[line_count - 1].strip():
        line_count -= 1
    body, forced, staff_dropped = apply_structure(blocks[start:], sidecar.structure,
                                                  line_count, source.path, sidecar.path)
    first_page = running_head_page(masthead.page_label) if masthead.page_label else None
    reader = Reader(blocks[:start] + body, source.path, first_page, forced)
    reading = reader.read(start)
    masthead = replace(masthead, running_heads=tuple(text for text, _ in reading.running_heads))
    items, dropped, joins = rejoin(reading.items, reading.pages)
    diagnostics += reading.diagnostics
    dropped = tuple(Dropped(text, Span(source.path, line, line), "running head")
                    for text, line in reading.running_heads) + tuple(
        Dropped(text, Span(source.path, line, line), "rubric separator")
        for text, line in reading.separators) + dropped + staff_dropped
    first, why = _first_page(sidecar, masthead, items)
    items, stale, found, decided = _stale_markers(items, first, source.path)
    diagnostics += found
    return Issue(source.path, masthead, items, reading.epigraph, tuple(diagnostics),
                 dropped + stale, reading.decisions + joins + why + decided, first)


def _stale_markers(items, first: int, path: str):
    """R3: a continued part whose origin page is not in the file and not
    before the issue's first page keeps its text but not its （上接第N版）: the
    new print's page N is another page (a front page's file holding the old
    page 3 continues a story from the old page 2), so the marker would point
    at the wrong page or at one the issue lacks. Reported, so an archive team
    knows the story starts mid-way."""
    kept, dropped, found, decided = [], [], [], []
    for item in items:
        if isinstance(item, Continuation) and item.marker and item.from_page >= first:
            line = item.source.first_line
            dropped.append(Dropped(item.marker, Span(path, line, line),
                                   f"jump line of the old pagination (page {item.from_page} "
                                   "is not in this issue)"))
            found.append(warning(f"{item.marker}: this part's page {item.from_page} is not "
                                 f"in the file and the issue starts on page {first}; the "
                                 "story is printed from here without its 上接 line "
                                 "(give first_page: in the sidecar if the file is a paper's "
                                 "inner pages)", path, line, rule="parse.stale_jump"))
            decided.append(Decision(line, "R3", f"{item.marker} left out: page "
                                                f"{item.from_page} is not in the file"))
            item = replace(item, marker="")
        kept.append(item)
    return tuple(kept), tuple(dropped), found, tuple(decided)


def _first_page(sidecar: Sidecar, masthead, items) -> tuple[int, tuple[Decision, ...]]:
    """The issue's first page: staff's word (sidecar first_page:, --first-page),
    else — for a file with no masthead — the page after the pages its continued
    parts come from (R2; seed 004 continues stories from 01版), else 1. (A
    file with a masthead is a front page, whatever page label its source
    printed: the label numbers the old pagination.)"""
    if sidecar.first_page:
        return sidecar.first_page, ()
    origins = [item.from_page for item in items if isinstance(item, Continuation)]
    if masthead.source is None and origins:
        page = max(origins) + 1
        line = min(item.source.first_line for item in items if isinstance(item, Continuation))
        return page, (Decision(line, "R2", f"the file's pages start at 第{page}版"),)
    return 1, ()
