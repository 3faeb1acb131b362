"""Stage 1 of the pipeline: a parsed issue file → the newspaper model.

    read_source (encodings, line ends, invisible characters)
    → split_blocks (+ punctuation clean-up)          blocks.py, normalise.py
    → the masthead blocks                            masthead.py
    → pass 1: each block's evidence                  evidence.py
    → pass 2: the grammar groups blocks into items   grammar.py
    → the source's own jumps read back               jumps.py
    → Issue
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostic, warning
from ..model import Dropped, Issue, Span
from ..sidecar import Sidecar, find_sidecar
from .blocks import running_head_page, split_blocks
from .corrections import apply_structure
from .evidence import lost_characters
from .grammar import Reader
from .jumps import rejoin
from .masthead import complete, is_masthead_block, read_masthead
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

    start, name, name_line, masthead_block = 0, None, None, None
    if blocks and blocks[0].heading == 1:
        name, name_line = blocks[0].texts[0], blocks[0].first
        start = 1
        if len(blocks) > 1 and is_masthead_block(blocks[1]):
            masthead_block = blocks[1]
            start = 2
    import re as _re   # TEMPORARY until the masthead reader takes all its blocks
    while start < len(blocks) and not blocks[start].heading and (
            _re.search(r"刊号|邮发|社址|電話|电话|出版|主办|编印|印数|^[A-Z ]{6,}$|审连|准印",
                       blocks[start].text) or running_head_page(blocks[start].text)):
        start += 1
    masthead, found = read_masthead(name, name_line, masthead_block, source.path)
    diagnostics += found
    masthead, found = complete(masthead, dict(sidecar.masthead), month_style,
                               source.path)
    diagnostics += found

    line_count = len(source.lines)
    while line_count and not source.lines[line_count - 1].strip():
        line_count -= 1
    body, forced, staff_dropped = apply_structure(blocks[start:], sidecar.structure,
                                                  line_count, source.path, sidecar.path)
    reader = Reader(blocks[:start] + body, source.path, None, forced)
    reading = reader.read(start)
    items, dropped, joins = rejoin(reading.items, reading.pages)
    diagnostics += reading.diagnostics
    dropped = tuple(Dropped(text, Span(source.path, line, line), "running head")
                    for text, line in reading.running_heads) + dropped + staff_dropped
    return Issue(source.path, masthead, items, reading.epigraph, tuple(diagnostics),
                 dropped, reading.decisions + joins)
