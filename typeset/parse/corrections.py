"""Staff corrections to the reading: the sidecar's `structure:` entries.

    structure:
      - {lines: 40, is: article}        # line 40 starts a new article
      - {lines: 40-41, is: title}
      - {lines: 75, is: subhead}
      - {lines: [12, 15], is: joined}   # the block at 15 joins the paragraph at 12
      - {lines: 158-160, is: dropped}

Each entry is checked against the source (the lines exist and are not blank,
a title has at most three lines, a join has a paragraph to join, entries do
not overlap); an entry that cannot be honoured is an error naming the
sidecar's file and line. The blocks are cut where an entry starts or ends, so
staff can split what the extractor glued; what an entry says a block is, the
evidence pass takes as given (evidence.Clue.forced).
"""

from __future__ import annotations

from ..model import Dropped, Span
from ..sidecar import SidecarError, StructureEntry
from .blocks import RawBlock

TITLE_LINES = 3


def apply_structure(blocks: list[RawBlock], entries: tuple[StructureEntry, ...],
                    source_lines: int, source: str, sidecar: str | None
                    ) -> tuple[list[RawBlock], dict[int, str], tuple[Dropped, ...]]:
    """(blocks cut where the entries say, {first line of a block: what staff
    say it is}, the lines staff dropped)."""
    if not entries:
        return blocks, {}, ()

    def fail(entry: StructureEntry, message: str):
        raise SidecarError(f"structure: lines {_lines(entry)}: {message}", sidecar, entry.line)

    covered: dict[int, StructureEntry] = {}
    for entry in entries:
        if entry.last > source_lines:
            fail(entry, f"{source} has {source_lines} lines")
        span = (entry.first, entry.last) if entry.kind != "joined" else (entry.last, entry.last)
        for n in range(span[0], span[1] + 1):
            if n in covered and covered[n].kind != "joined":
                fail(entry, f"line {n} is already given by the entry at sidecar line "
                            f"{covered[n].line}")
            covered[n] = entry
    text_lines = {line.number for b in blocks for line in b.lines}
    for entry in entries:
        for n in ((entry.first, entry.last) if entry.kind == "joined" else (entry.first,)):
            if n not in text_lines:
                fail(entry, f"line {n} of {source} is blank (or the masthead's)")
    cuts = {e.first for e in entries} | {e.last + 1 for e in entries if e.kind != "joined"}
    blocks = [part for b in blocks for part in _cut(b, cuts)]
    forced: dict[int, str] = {}
    dropped: list[Dropped] = []
    out: list[RawBlock] = []
    by_first = {e.first if e.kind != "joined" else e.last: e for e in entries}
    k = 0
    while k < len(blocks):
        block = blocks[k]
        entry = by_first.get(block.first)
        if entry is None:
            out.append(block)
            k += 1
            continue
        if entry.kind == "joined":
            if not any(b.heading == 0 and b.first <= entry.first <= b.last for b in out):
                fail(entry, f"line {entry.first} is not a paragraph before line {entry.last}")
            forced[block.first] = "joined"
            out.append(block)
            k += 1
            continue
        inside = [block]
        while k + len(inside) < len(blocks) and blocks[k + len(inside)].last <= entry.last:
            inside.append(blocks[k + len(inside)])
        k += len(inside)
        if entry.kind == "dropped":
            for b in inside:
                for line in b.lines:
                    dropped.append(Dropped(line.text, Span(source, line.number, line.number),
                                           "dropped by staff"))
            continue
        lines = tuple(line for b in inside for line in b.lines)
        if entry.kind == "title" and len(lines) > TITLE_LINES:
            fail(entry, f"a title has at most {TITLE_LINES} lines, these are {len(lines)}")
        if entry.kind in ("title", "subhead", "byline", "caption") and len(inside) > 1:
            inside = [RawBlock(lines)]
        elif entry.kind in ("subhead", "byline", "caption") and len(lines) > 1:
            fail(entry, f"a {entry.kind} is one line")
        forced[inside[0].first] = entry.kind
        out.extend(inside)
    return out, forced, tuple(dropped)


def _cut(block: RawBlock, cuts: set[int]) -> list[RawBlock]:
    parts: list[list] = [[]]
    for line in block.lines:
        if line.number in cuts and parts[-1]:
            parts.append([])
        parts[-1].append(line)
    return [RawBlock(tuple(p), block.heading) for p in parts]


def _lines(entry: StructureEntry) -> str:
    return str(entry.first) if entry.first == entry.last else f"{entry.first}-{entry.last}"
