"""Golden traces of the layout's decisions, for every seed and corpus issue in
both layouts: page, module, story, columns, lines, headline rank, air, body
variant, and every layout warning with its source line.

A change in decisions shows up here as a readable diff. When a change is
meant, regenerate the traces and read the diff before committing:

    TYPESET_UPDATE_GOLDEN=1 python -m pytest -q tests/test_golden_layout.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from typeset.check import check_text_kept

from .paths import CORPUS, SEEDS
from .layout_support import lay_out_file

GOLDEN = Path(__file__).resolve().parent / "golden"
SOURCES = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
LAYOUTS = ("tabloid", "city-broadsheet")


def trace(source: Path, layout_name: str) -> str:
    issue, _, laid = lay_out_file(source, layout_name)
    check_text_kept(laid.frames, issue)     # every story's text drawn, in reading order
    report = laid.report
    out = [f"# {source.name} on {layout_name}: {len(report.pages)} pages, cost {report.cost}"]
    for page in report.pages:
        out.append(f"page {page.page}  fill {page.fill:.4f}")
        for m in page.modules:
            jumps = "".join((f"  from p{m.jump_from}" if m.jump_from else "",
                             f"  to p{m.jump_to}" if m.jump_to else ""))
            out.append(f"  {m.item:<14} {m.kind:<12} cols {m.columns[0]}-{m.columns[1]}"
                       f"  lines {m.lines[0]:>2}-{m.lines[1]:<3} rank {m.rank}  air {m.air}"
                       f"  {'' if m.kind == 'filler' else m.variant[:24]}{jumps}  | {m.title[:20]}")
    for warning in report.warnings:
        out.append(f"warning line {warning.line}: {warning.message}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_layout_decisions_match_the_golden_trace(source, layout_name):
    golden = GOLDEN / f"{source.stem}.{layout_name}.trace"
    made = trace(source, layout_name)
    if os.environ.get("TYPESET_UPDATE_GOLDEN"):
        golden.write_text(made, encoding="utf-8")
    assert golden.exists(), f"no golden trace {golden.name}: run with TYPESET_UPDATE_GOLDEN=1"
    assert made == golden.read_text(encoding="utf-8")


def test_every_corpus_file_has_its_golden_traces():
    assert len(SOURCES) >= 10
    names = {p.name for p in GOLDEN.glob("*.trace")}
    assert {f"{s.stem}.{lay}.trace" for s in SOURCES for lay in LAYOUTS} <= names
