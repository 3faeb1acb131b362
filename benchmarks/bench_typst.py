"""Typst (PyPI `typst`) setting the texts of a seed issue in the tabloid's grid:
a yardstick for typeset's own build times.

    python benchmarks/bench_typst.py [SEED] [--layout tabloid] [--keep DIR]

The issue is read with typeset's own parser (`typeset.parse.parse_issue`, as
build() reads it) and the geometry with its own layout loader
(`typeset.design.load_layout`): page size, margins, columns, gutter, body
size and line pitch of the layout; the fonts are the project's (fonts/),
named by the family and weight fontTools reads from each role's first file,
and Typst sees no others (`font_paths=[fonts/]`, `ignore_system_fonts=True`).
The document: the masthead's paper name (heavy, the layout's paper size) and
its other printed fields over the first four columns, the epigraph boxed,
headlines as headings (the lead at headline1, the rest at headline2, banners
at headline2 with a rule, subheads at subhead1/2), kickers, subtitles and
bylines in their roles' fonts, body paragraphs in song at the body size,
justified, 2-em first-line indent on every paragraph, lines and paragraphs on
the grid's pitch, `lang: "zh"`. Texts go in as Typst string literals, so no
character of the source is read as markup.

It is the same text in the same grid, not the same page: Typst fills the six
columns one after another (a continuous flow, headlines one column wide),
where typeset places each article as a module of several columns, sizes its
headlines to it, balances its columns and audits the page. Its page count is
reported beside typeset's.

Timed (`typst_figures()` returns them, for bench_all.py):
  cold   a fresh `python -c 'import typst; typst.compile(...)'` process writing
         the PDF, median of RUNS (after one unmeasured start)
  warm   `typst.compile()` again in this process (one warm-up), median of RUNS;
         Typst keeps its memoised layout across calls in a process (comemo), as
         typeset keeps its caches across builds
  pages  of Typst's PDF (pypdfium2)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.paths import SEEDS  # noqa: E402

FONTS = ROOT / "fonts"
RUNS = 5
SEED_000 = SEEDS / "000_75e0bf726cbcfecc.txt"

COLD = """\
import resource, sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def family(font_file: str) -> tuple[str, int]:
    """The family name Typst groups a font file under (typographic family,
    name ID 16, else name ID 1) and its OS/2 weight class."""
    from fontTools.ttLib import TTFont
    font = TTFont(FONTS / font_file, lazy=True)
    name = font["name"]
    family = name.getDebugName(16) or name.getDebugName(1)
    return family, font["OS/2"].usWeightClass


def q(text: str) -> str:
    """A Typst string literal: the text as it is, no markup."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _font(design, role: str) -> str:
    name, weight = family(design.fonts[role][0])
    return f'font: {q(name)}, weight: {weight}'


def _style(design, role: str) -> str:
    style = design.styles[role]
    return f'{_font(design, style.font)}, size: {style.size_pt}pt'


def _lines(design, role: str, texts, align: str | None = None) -> list[str]:
    """Short lines (kicker, subtitle, deck, byline) in a role's font, unindented."""
    style = design.styles[role]
    where = align or (style.align if style.align in ("center", "right", "left") else "left")
    return [f"#align({where}, par(first-line-indent: 0pt, text({_style(design, role)}, {q(t)})))"
            for t in texts]


def _body(design, blocks) -> list[str]:
    from typeset.model import LineGroup, Paragraph, Subhead
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.run_in:     # dateline, speaker: bold run-in, as typeset sets it
                head, rest = block.text[:block.run_in], block.text[block.run_in:]
                out.append(f"#text({_font(design, 'hei')}, {q(head)})#{q(rest)}")
            else:
                out.append(f"#{q(block.text)}")
        elif isinstance(block, Subhead):
            out.append(f"#heading(level: {2 + block.level}, {q(block.marker + block.text)})")
        elif isinstance(block, LineGroup):
            out.append(" \\\n".join(f"#{q(line)}" for line in block.lines))
        out.append("")
    return out


def _headline(design, headline, level: int) -> list[str]:
    out = _lines(design, "kicker", headline.kicker)
    if headline.rubric:
        out += _lines(design, "rubric", [headline.rubric], "left")
    main = " \\ ".join("#" + q(m) for m in headline.main)     # a line break between lines
    out.append(f"#heading(level: {level}, [{main}])")
    out += _lines(design, "subtitle", headline.subtitle)
    out += _lines(design, "deck", headline.deck)
    return out


def _article(design, item, level: int) -> list[str]:
    from typeset.model import Article, Continuation
    out = []
    if isinstance(item, Article) or item.headline is not None:
        out += _headline(design, item.headline, level)
    if isinstance(item, Continuation):
        out += _lines(design, "jump", [item.marker], "left")
    if item.byline and item.byline.position == "head":
        out += _lines(design, "byline", item.byline.printed_text())
    out += [""] + _body(design, item.body)
    if item.byline and item.byline.position == "end":
        out += _lines(design, "byline", item.byline.printed_text(), "right")
    return out + [""]


def typst_source(issue, design) -> str:
    """A Typst document of `issue`'s texts in `design`'s grid."""
    from typeset.model import Article, Banner, Continuation, Promo
    page, grid = design.page, design.grid
    size, pitch = grid.body_size_pt, grid.line_pitch_pt
    lead = pitch - size                                  # leading between em boxes
    masthead_width = design.masthead.columns * (grid.column_chars + grid.gutter_chars) - 1
    h = {level: _style(design, role) for level, role in
         ((1, "headline1"), (2, "headline2"), (3, "subhead1"), (4, "subhead2"))}
    out = [
        f"#set page(width: {page.width_mm}mm, height: {page.height_mm}mm, "
        f"margin: (top: {page.margin_top_mm:.3f}mm, bottom: {page.margin_bottom_mm:.3f}mm, "
        f"inside: {page.margin_inner_mm:.3f}mm, outside: {page.margin_outer_mm:.3f}mm), "
        f"columns: {grid.columns})",
        f"#set columns(gutter: {grid.gutter_chars * size}pt)",
        f"#set text({_font(design, 'song')}, size: {size}pt, lang: \"zh\", region: \"cn\", "
        "top-edge: 0.88em, bottom-edge: -0.12em)",       # the ideographic em box: 1 em tall
        f"#set par(justify: true, first-line-indent: (amount: 2em, all: true), "
        f"leading: {lead:.2f}pt, spacing: {lead:.2f}pt)",
        f"#show heading: set block(above: {pitch}pt, below: {pitch}pt)",
        "#show heading: set par(first-line-indent: 0pt, justify: false)",
        "#show heading: set align(center)",
        "#show heading.where(level: 4): set align(left)",
    ]
    out += [f"#show heading.where(level: {level}): set text({style})" for level, style in h.items()]
    fields = list(issue.masthead.printed_text())
    paper_font = _font(design, design.masthead.paper_font)
    out += [
        f"#place(top + left, scope: \"parent\", float: true, clearance: {pitch}pt, "
        f"block(width: {masthead_width * size}pt)[",
        f"  #par(first-line-indent: 0pt, text({paper_font}, size: {design.masthead.paper_size_pt}pt,"
        f" {q(fields[0])}))",
        f"  #par(first-line-indent: 0pt, {q('  '.join(fields[1:]))})",
        "])", ""]
    if issue.epigraph:
        out += [f"#block(stroke: {design.rules.box_rule_pt}pt, inset: {size / 2}pt)[",
                f"  #set text({_style(design, 'epigraph')})",
                f"  #{q(issue.epigraph.text)}", "",
                f"  #align(right, {q(issue.epigraph.attribution)})", "]", ""]
    first = True
    for item in issue.items:
        if isinstance(item, Banner):
            out += [f"#line(length: 100%, stroke: {design.rules.module_rule_pt}pt)",
                    f"#heading(level: 2, {q(item.title)})", ""]
            for article in item.items:
                out += _article(design, article, 3)
        elif isinstance(item, (Article, Continuation)):
            out += _article(design, item, 1 if first else 2)
            first = False
        elif isinstance(item, Promo):
            out += _lines(design, "promo", item.lines) + [""]
    return "\n".join(out) + "\n"


def write_document(seed: Path, layout: str, folder: Path) -> Path:
    from typeset.design import load_layout
    from typeset.parse import parse_issue
    from typeset.sidecar import find_sidecar
    design = load_layout(layout)
    issue = parse_issue(seed, find_sidecar(seed), design.calendar.lunar_months)
    path = folder / f"{seed.stem}.typ"
    path.write_text(typst_source(issue, design), encoding="utf-8")
    return path


def pdf_pages(pdf: bytes) -> int:
    import pypdfium2
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def typst_figures(seed: Path = SEED_000, layout: str = "tabloid", runs: int = RUNS,
                  keep: Path | None = None) -> dict:
    """Typst's cold and warm times (s, medians of `runs`), the pages of its PDF
    and the peak RSS (MiB) of its cold process."""
    import typst
    with tempfile.TemporaryDirectory(prefix="bench-typst-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        doc = write_document(seed, layout, folder)
        out = doc.with_suffix(".pdf")
        args = [sys.executable, "-c", COLD, str(doc), str(out), str(FONTS)]
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)   # first start
        cold, rss = [], 0.0
        for _ in range(runs):
            t = time.perf_counter()
            done = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True)
            cold.append(time.perf_counter() - t)
            rss = max(rss, int(done.stdout.split()[-1]) / 1024)   # its own: not other children's
        pdf, warnings = typst.compile_with_warnings(str(doc), font_paths=[str(FONTS)],
                                                    ignore_system_fonts=True)   # warm-up
        warm = []
        for _ in range(runs):
            t = time.perf_counter()
            pdf = typst.compile(str(doc), font_paths=[str(FONTS)], ignore_system_fonts=True)
            warm.append(time.perf_counter() - t)
        return {"cold_s": statistics.median(cold), "cold_best_s": min(cold),
                "warm_s": statistics.median(warm), "pages": pdf_pages(pdf),
                "pdf_bytes": len(pdf), "cold_rss_mib": rss, "warnings": len(warnings or ()),
                "typst": typst.__version__, "source": str(doc) if keep else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=SEED_000)
    parser.add_argument("--layout", default="tabloid")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--keep", type=Path, help="write the .typ and the PDF here")
    args = parser.parse_args()
    f = typst_figures(args.seed, args.layout, args.runs, args.keep)
    print(f"Typst {f['typst']}, {args.seed.name}, {args.layout}: {f['pages']} pages, "
          f"{f['pdf_bytes'] / 1024:.0f} KiB, {f['warnings']} warning(s)")
    print(f"  cold process  {f['cold_s']:.3f} s median of {args.runs} (best {f['cold_best_s']:.3f}),"
          f" peak RSS {f['cold_rss_mib']:.0f} MiB")
    print(f"  warm compile  {f['warm_s']:.3f} s median of {args.runs}, "
          f"{f['warm_s'] / f['pages']:.3f} s/page")
    if f["source"]:
        print(f"  source {f['source']}")


if __name__ == "__main__":
    main()
