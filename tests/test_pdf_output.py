"""The quality bar, asserted on the PDFs the pipeline produces.

Both seed issues are built once per session (seed 000 on tabloid, seed 004 on
city-broadsheet). Every check reads the PDF: characters come out of it with
pypdfium2 (origin, font size, stream order) and are grouped into printed lines by
baseline and x-proximity. The layout's own records are used only to *label* what was
read — which module a line sits in (the plan), which style role a line has (the
frames), where a paragraph ends (the model) — never as the text under test.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from typeset.build import build
from typeset.chars import significant
from typeset.design.roles import SOURCE_ROLES
from typeset.compose import check_text_lines
from typeset.frames import TextLine
from typeset.layout.draw import PageDraw, module_box
from typeset.design import load_layout
from typeset.model import Article, Banner, Continuation, LineGroup, Paragraph, Promo

pdfium = pytest.importorskip("pypdfium2")
import pypdfium2.raw as pdfium_c  # noqa: E402

from .paths import SEEDS  # noqa: E402
CASES = {
    "seed_000": (SEEDS / "000_75e0bf726cbcfecc.txt", "tabloid"),
    "seed_004": (SEEDS / "004_6d9df8fcdc2f8129.txt", "city-broadsheet"),
}

NO_START = set("。，、；：！？”’）》」』】·")
NO_END = set("“‘（《「『【")
# Parts of a number (15.5, 2,000, 30%) or a Latin word (60GWh, 220kV, Wi-Fi).
WESTERN = re.compile(r"[0-9A-Za-z.,%/\-]")
JUMP_LINE = re.compile(r"（(?:上接|下转)第\d+版）")


# ---------------------------------------------------------------- reading the PDF

@dataclass
class PdfChar:
    index: int          # position among the page's drawn characters, in stream order
    char: str
    x: float            # origin, PDF space (y up)
    y: float
    size: float


@dataclass
class PdfLine:
    page: int           # 1-based
    y: float            # baseline, PDF space
    size: float
    chars: list[PdfChar]
    role: str = "?"
    unit: str | None = None     # the plan module's key the line sits in
    module: int = -1            # index in plan.modules
    column: int = 0             # column inside the module, 0-based
    space_after: bool = False   # the source has whitespace at this line break

    @property
    def x(self) -> float:
        return self.chars[0].x

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)

    def __repr__(self) -> str:
        return f"p{self.page} y={self.y:.1f} {self.role} {self.text!r}"


def read_chars(textpage) -> list[PdfChar]:
    raw = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    chars: list[PdfChar] = []
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue   # spaces and line ends pdfium infers: not in the PDF
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        ch = chr(code)
        if not code or ch.isspace():
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ctypes.byref(x), ctypes.byref(y))
        chars.append(PdfChar(len(chars), ch, x.value, y.value, pdfium_c.FPDFText_GetFontSize(raw, i)))
    return chars


def group_lines(page: int, chars: list[PdfChar]) -> list[PdfLine]:
    """Characters on one baseline, at one size, drawn one after the other (a line is
    one BT/ET block) with no gap wider than 1.75 em, form one printed line. (Stream
    order matters: across a 1 em gutter, a hanging opening mark of the next column
    can come within 1.5 em of the previous column's last character.)"""
    rows: dict[tuple[float, float], list[PdfChar]] = {}
    for c in chars:
        rows.setdefault((round(c.y, 1), round(c.size, 2)), []).append(c)
    lines = []
    for (y, size), row in rows.items():
        row.sort(key=lambda c: c.x)
        current = [row[0]]
        for prev, c in zip(row, row[1:]):
            if c.x - prev.x > 1.75 * size or c.index != prev.index + 1:
                lines.append(PdfLine(page, y, size, current))
                current = []
            current.append(c)
        lines.append(PdfLine(page, y, size, current))
    return lines


@dataclass
class Built:
    name: str
    source: Path
    layout_name: str
    result: object               # BuildResult
    issue: object                # the model the build used
    report: dict
    pdf_bytes: bytes
    page_text: list[str]         # pypdfium2 full-page text per page
    lines: list[PdfLine]         # every printed line, labelled
    units: dict[str, list[PdfLine]] = field(default_factory=dict)   # body lines, reading order
    expected: dict[str, list[str]] = field(default_factory=dict)    # model body paragraphs


def expected_bodies(issue) -> dict[str, list[str]]:
    """Unit key (as the layout names it) → the texts printed as body paragraphs."""
    out: dict[str, list[str]] = {}

    def body(key, item):
        texts = []
        for block in item.body:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, LineGroup):
                texts.extend(block.lines)
        if isinstance(item, Continuation) and texts:
            texts[0] = item.marker + texts[0]
        out[key] = texts

    for n, item in enumerate(issue.items, 1):
        if isinstance(item, Banner):
            for k, article in enumerate(item.items, 1):
                body(f"item{n}.{k}", article)
        elif isinstance(item, (Article, Continuation)):
            body(f"item{n}", item)
        elif isinstance(item, Promo):
            out[f"item{n}"] = []
    return out


def label(built: Built, layout) -> None:
    frames = built.result.laid.frames
    plan = built.result.laid.plan
    grid = layout.grid
    pitch = (grid.column_chars + grid.gutter_chars) * grid.body_size_pt
    # role of each frame line, keyed by page and PDF baseline
    roles: dict[tuple[int, float], list[tuple[float, float, str]]] = {}
    for sheet, page in enumerate(frames.pages, 1):     # the PDF's page order
        for el in page.elements:
            if isinstance(el, TextLine) and any(g.kind != "space" for g in el.glyphs):
                y = round(page.bleed + page.height - el.baseline, 1)
                x0 = page.bleed + el.x + min(g.x - g.offset for g in el.glyphs) * el.size
                x1 = page.bleed + el.x + max(g.x + g.width for g in el.glyphs) * el.size
                roles.setdefault((sheet, y), []).append((x0, x1, el.role))
    boxes = []
    for index, m in enumerate(plan.modules):
        page = frames.pages[m.page]
        ox, oy = PageDraw(layout, page.number).origin      # margins by the folio's side
        x, y, w, h = module_box(layout, m)
        left, top = page.bleed + ox + x, page.bleed + oy + y
        boxes.append((index, m, left, left + w, top, top + h, page))
    for line in built.lines:
        near = [r for dy in (0.0, 0.1, -0.1)
                for r in roles.get((line.page, round(line.y + dy, 1)), [])]
        found = [role for x0, x1, role in near if x0 - 1 <= line.x <= x1]
        line.role = found[0] if found else "?"
        for index, m, x0, x1, top, bottom, page in boxes:
            ty = page.height + 2 * page.bleed - line.y   # baseline, media box y down
            slack = 0.6 * line.size   # an opening mark may hang half an em left of its box
            if m.page + 1 == line.page and x0 - slack <= line.x <= x1 and top <= ty <= bottom + 1:
                line.unit, line.module = m.key, index
                line.column = int((line.x - x0 + slack) // pitch)
                break
    for line in sorted((ln for ln in built.lines if ln.role == "body" and ln.unit),
                       key=lambda ln: (ln.module, ln.column, -ln.y)):
        built.units.setdefault(line.unit, []).append(line)


def make_built(name: str, out_dir: Path) -> Built:
    source, layout_name = CASES[name]
    result = build(source, out_dir, layout_name, strict=False)   # seed 004 has no masthead
    layout = load_layout(layout_name)
    from typeset.parse import parse_issue
    from typeset.sidecar import find_sidecar
    issue = parse_issue(source, find_sidecar(source), layout.calendar.lunar_months)
    import json
    report = json.loads(result.report_path.read_text(encoding="utf-8"))
    data = result.pdf.read_bytes()
    doc = pdfium.PdfDocument(data)
    page_text, lines = [], []
    try:
        for number in range(len(doc)):
            textpage = doc[number].get_textpage()
            page_text.append(textpage.get_text_range())
            lines.extend(group_lines(number + 1, read_chars(textpage)))
    finally:
        doc.close()
    built = Built(name, source, layout_name, result, issue, report, data, page_text, lines)
    label(built, layout)
    built.expected = expected_bodies(issue)
    return built


@pytest.fixture(scope="session")
def outputs(tmp_path_factory) -> dict[str, Built]:
    return {name: make_built(name, tmp_path_factory.mktemp(name)) for name in CASES}


@pytest.fixture(params=list(CASES), ids=list(CASES))
def out(request, outputs) -> Built:
    return outputs[request.param]


def strip_ws(text: str) -> str:
    return "".join(text.split())


def body_lines_with_ends(built: Built) -> list[tuple[list[PdfLine], list[bool]]]:
    """Each unit's body lines in reading order, with paragraph-end flags found by
    walking the model's paragraphs through the lines; a line whose break falls at
    whitespace of the source gets space_after (the audit then allows a split there)."""
    runs = []
    for key, paragraphs in built.expected.items():
        lines = built.units.get(key, [])
        if not lines:
            continue
        ends, cursor = [], 0
        # positions of paragraph boundaries in whitespace-free text, and the source
        # text without whitespace mapped back to "whitespace follows here"
        flat, space_after_pos, bounds = "", set(), set()
        for text in paragraphs:
            for ch in text:
                if ch.isspace():
                    space_after_pos.add(len(flat))
                else:
                    flat += ch
            bounds.add(len(flat))
        for line in lines:
            cursor += len(line.text)
            ends.append(cursor in bounds)
            line.space_after = cursor in space_after_pos
        runs.append((lines, ends))
    return runs


# ---------------------------------------------------------------- the checks

def test_every_font_is_embedded_and_none_is_helvetica(out):
    data = out.pdf_bytes
    objects = re.findall(rb"\d+ 0 obj\s*(<<.*?)endobj", data, re.S)
    descriptors = [o for o in objects if re.search(rb"/Type\s*/FontDescriptor\b", o)]
    fonts = [o for o in objects if re.search(rb"/Type\s*/Font\b(?!Descriptor)", o)]
    assert descriptors and len(descriptors) == len(fonts)
    for d in descriptors:
        assert re.search(rb"/FontFile[23]?\s+\d+ 0 R", d), f"font not embedded: {d[:300]!r}"
    assert b"Helvetica" not in data
    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(out.result.pdf)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows
        for row in rows:
            assert "Helvetica" not in row
            # columns from the right: object ID (2 fields), uni, sub, emb
            assert row.split()[-5] == "yes", f"pdffonts: not embedded: {row}"


def test_every_printed_line_is_labelled_by_the_frames(out):
    unlabelled = [ln for ln in out.lines if ln.role == "?"]
    assert not unlabelled, unlabelled[:5]
    assert sum(len(v) for v in out.units.values()) > 50


def test_every_body_line_sits_in_a_module_column_of_its_unit(out):
    strays = [ln for ln in out.lines if ln.role == "body" and ln.unit is None]
    assert not strays, strays[:5]


def test_no_body_line_starts_with_a_stop_or_closing_mark(out):
    bad = []
    for lines, ends in body_lines_with_ends(out):
        for i, line in enumerate(lines):
            starts_paragraph = i == 0 or ends[i - 1]
            if not starts_paragraph and line.text[0] in NO_START:
                bad.append(line)
    assert not bad, bad


def test_no_body_line_ends_with_an_opening_mark(out):
    bad = [line for lines, _ in body_lines_with_ends(out) for line in lines
           if line.text[-1] in NO_END]
    assert not bad, bad


def test_dashes_and_ellipses_are_never_split_across_lines(out):
    bad = []
    for lines, ends in body_lines_with_ends(out):
        for i, (a, b) in enumerate(zip(lines, lines[1:])):
            if not ends[i] and a.text[-1] in "—…⋯" and b.text[0] == a.text[-1]:
                bad.append((a, b))
    assert not bad, bad


def test_no_number_or_latin_word_is_split_across_lines(out):
    bad = []
    for lines, ends in body_lines_with_ends(out):
        for i, (a, b) in enumerate(zip(lines, lines[1:])):
            if ends[i] or a.space_after:
                continue
            if WESTERN.match(a.text[-1]) and WESTERN.match(b.text[0]):
                bad.append((a, b))
    assert not bad, bad


def test_the_known_numbers_and_units_are_printed_whole(out):
    """60GWh, 220kV (seed 000), 15.5亿元, 2000余万元 (seed 004): each on one line."""
    model = "".join(p for ps in out.expected.values() for p in ps)
    words = [w for w in ("60GWh", "220kV", "15.5亿元", "2000余万元") if w in model]
    assert words
    printed = "\n".join(ln.text for lines in out.units.values() for ln in lines)
    for word in words:
        assert printed.count(word) == model.count(word), f"{word} is split across lines"


def test_no_paragraph_ends_with_a_lone_han_character(out):
    """孤字: a paragraph's last line (of two or more) holding one Han character and
    nothing else but punctuation — any punctuation, —— and …… included (44个。 is
    not one: the digits are text)."""
    from typeset.chars import is_han
    bad = []
    for lines, ends in body_lines_with_ends(out):
        for i, line in enumerate(lines):
            first_of_paragraph = i == 0 or ends[i - 1]
            if (ends[i] and not first_of_paragraph and sum(map(is_han, line.text)) == 1
                    and not any(c.isalnum() and not is_han(c) for c in line.text)):
                bad.append(line)
    assert not bad, bad


def test_the_audit_finds_nothing_in_the_printed_body_lines(out):
    problems = []
    for lines, ends in body_lines_with_ends(out):
        texts = [ln.text + (" " if ln.space_after else "") for ln in lines]
        problems += [f"{lines[int(p.split()[1].rstrip(':')) - 1]!r}: {p}"
                     for p in check_text_lines(texts, ends)]
    assert not problems, problems


def test_body_lines_read_back_as_the_model_paragraphs_in_order(out):
    for key, paragraphs in out.expected.items():
        printed = "".join(ln.text for ln in out.units.get(key, []))
        assert printed == strip_ws("".join(paragraphs)), key


def test_every_paragraph_is_in_the_pdfium_page_text_in_order(out):
    """Per unit: the page text of its parts (jump parts in page order, jump lines cut)."""
    doc = pdfium.PdfDocument(out.pdf_bytes)
    try:
        check_paragraphs_in(out, lambda page, box: doc[page].get_textpage().get_text_bounded(*box))
    finally:
        doc.close()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed")
def test_every_paragraph_is_in_the_pdftotext_text_in_order(out):
    def text(page, box):
        left, bottom, right, top = box
        from typeset.render.marks import slug_pt
        height = out.result.laid.frames.pages[page]
        media_h = height.height + 2 * height.bleed
        s = slug_pt()      # pdftotext measures from the media box, a slug outside the bleed
        args = ["pdftotext", "-q", "-raw", "-f", str(page + 1), "-l", str(page + 1),
                "-x", str(int(left + s)), "-y", str(int(media_h + s - top)),
                "-W", str(int(right - left + 1)),
                "-H", str(int(top - bottom + 1)), str(out.result.pdf), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout
    check_paragraphs_in(out, text)


def check_paragraphs_in(out: Built, extract) -> None:
    layout = load_layout(out.layout_name)
    frames = out.result.laid.frames
    parts: dict[str, str] = {}
    for m in out.result.laid.plan.modules:
        page = frames.pages[m.page]
        ox, oy = PageDraw(layout, page.number).origin      # margins by the folio's side
        x, y, w, h = module_box(layout, m)
        left, top = page.bleed + ox + x, page.bleed + oy + y
        media_h = page.height + 2 * page.bleed
        box = (left - 0.5, media_h - top - h - 0.5, left + w + 0.5, media_h - top + 0.5)
        parts[m.key] = parts.get(m.key, "") + JUMP_LINE.sub("", strip_ws(extract(m.page, box)))
    missing = []
    for key, paragraphs in out.expected.items():
        text, cursor = parts.get(key, ""), 0
        for paragraph in paragraphs:
            found = text.find(strip_ws(paragraph), cursor)
            if found < 0:
                missing.append((key, paragraph[:30]))
            else:
                cursor = found + len(strip_ws(paragraph))
    assert not missing, missing


def test_printed_characters_are_the_model_plus_the_furniture(out):
    """Han characters, digits and letters: the PDF's equal the model's (masthead
    aside) plus those of furniture lines (masthead, running heads, jump lines, pull
    quotes), none more, none fewer."""
    extracted = Counter(significant("".join(out.page_text)))
    expected = Counter()
    if out.issue.epigraph:
        expected.update(significant("".join(out.issue.epigraph.printed_text())))
    for item in out.issue.items:
        expected.update(significant("".join(item.printed_text())))
    for page in out.result.laid.frames.pages:
        for el in page.elements:
            if isinstance(el, TextLine) and el.role not in SOURCE_ROLES:
                expected.update(significant("".join(g.char for g in el.glyphs)))
    assert extracted - expected == Counter(), "printed but not in the model"
    assert expected - extracted == Counter(), "in the model but not printed"


@pytest.mark.parametrize("name", list(CASES))
def test_the_same_input_gives_the_same_bytes(name, tmp_path):
    source, layout_name = CASES[name]
    first = build(source, tmp_path / "a", layout_name, strict=False)
    second = build(source, tmp_path / "b", layout_name, strict=False)
    assert first.pdf.read_bytes() == second.pdf.read_bytes()
    assert first.report_path.read_bytes() == second.report_path.read_bytes()


def test_every_page_has_a_fill_between_0_and_1_in_the_report(out):
    pages = out.report["pages"]
    first = out.result.laid.frames.pages[0].number     # inner pages start past 1
    assert [p["page"] for p in pages] == list(range(first, first + len(out.page_text)))
    for p in pages:
        assert isinstance(p["fill"], float | int) and 0 < p["fill"] <= 1, p


def test_every_item_is_placed_once_except_jump_parts(out):
    placed = Counter()
    jumped = set()
    for p in out.report["pages"]:
        for m in p["modules"]:
            if m["item"].startswith("filler:"):
                continue
            placed[m["item"]] += 1
            if m["jump_to"] or m["jump_from"]:
                jumped.add(m["item"])
    assert set(placed) == set(out.expected), "items missing from / unknown to the report"
    twice = {k for k, n in placed.items() if n > 1 and k not in jumped}
    assert not twice, twice
