"""Stage 1 of the pipeline: a parsed issue file → the newspaper model.

    read_source (encodings, line ends) → split_blocks (+ punctuation clean-up)
    → masthead → structure inference (infer.py) → Issue
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Issue
from ..sidecar import Sidecar, find_sidecar
from .source import read_source
from .blocks import split_blocks
from .infer import StructureReader
from .masthead import complete, is_masthead_block, read_masthead


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

    start, name, name_line, masthead_block = 0, None, None, None
    if blocks and blocks[0].heading == 1:
        name, name_line = blocks[0].texts[0], blocks[0].first
        start = 1
        if len(blocks) > 1 and is_masthead_block(blocks[1]):
            masthead_block = blocks[1]
            start = 2
    masthead, found = read_masthead(name, name_line, masthead_block, source.path)
    diagnostics += found
    masthead, found = complete(masthead, dict(sidecar.masthead), month_style,
                               source.path)
    diagnostics += found

    reader = StructureReader(blocks, source.path)
    epigraph, items = reader.read(start)
    diagnostics += reader.diagnostics
    return Issue(source.path, masthead, tuple(items), epigraph, tuple(diagnostics))
