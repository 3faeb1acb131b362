"""Page furniture: the masthead (报头) and epigraph box (报眼) on page 1,
running heads (报眉) on the others, the promo block's QR code."""

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from typeset.frames import Box, QRCode
from typeset.design import PT_PER_MM, load_layout

from .conftest import SEED_000, SEED_004
from .layout_support import glyph_text, lay_out_file, text_lines


@pytest.fixture(scope="module")
def seed000():
    return lay_out_file(SEED_000)


@pytest.fixture(scope="module")
def seed000_with_qr(tmp_path_factory):
    path = tmp_path_factory.mktemp("qr") / "issue.txt"
    shutil.copy(SEED_000, path)
    path.with_suffix(".yaml").write_text("promo_qr_url: https://example.org/today\n",
                                         encoding="utf-8")
    return lay_out_file(path)


def _texts(page, role):
    return [glyph_text(e) for e in text_lines(page, role)]


@pytest.mark.parametrize("wanted", ["伊滨新闻", "第6期", "总第274期", "甲辰年二月廿三",
                                    "审连00018号", "内部资料 免费交流"])
def test_page_one_masthead_prints(seed000, wanted):
    _, _, laid = seed000
    assert any(wanted in text for text in _texts(laid.frames.pages[0], "masthead"))


def test_the_masthead_is_on_page_one_only(seed000):
    _, _, laid = seed000
    assert all(not _texts(page, "masthead") for page in laid.frames.pages[1:])


def test_page_one_has_no_running_head(seed000):
    _, _, laid = seed000
    assert not _texts(laid.frames.pages[0], "running_head")


def test_every_inner_page_has_a_running_head_with_paper_and_folio(seed000):
    _, _, laid = seed000
    assert len(laid.frames.pages) >= 2
    for page in laid.frames.pages[1:]:
        heads = _texts(page, "running_head")
        assert any("伊滨新闻" in t for t in heads), heads
        assert any(f"第{page.number}版" in t for t in heads), heads


def test_running_heads_sit_above_the_type_area(seed000):
    _, layout, laid = seed000
    top = layout.page.margin_top_mm * PT_PER_MM
    for page in laid.frames.pages[1:]:
        assert all(e.baseline < top for e in text_lines(page, "running_head"))


def _epigraph_box(page):
    lines = text_lines(page, "epigraph")
    boxes = [e for e in page.elements if isinstance(e, Box) and e.stroke > 0 and
             all(e.x <= t.x and e.y < t.baseline < e.y + e.h for t in lines)]
    return lines, boxes


def test_the_epigraph_is_set_inside_a_ruled_box_on_page_one(seed000):
    _, _, laid = seed000
    lines, boxes = _epigraph_box(laid.frames.pages[0])
    assert lines
    assert len(boxes) == 1
    assert "要以科技创新引领产业创新" in glyph_text(lines[0])


def test_the_epigraph_attribution_is_drawn(seed000):
    issue, _, laid = seed000
    drawn = "".join(_texts(laid.frames.pages[0], "epigraph"))
    assert issue.epigraph.attribution.lstrip("—") in drawn
    assert "摘自习近平总书记在新时代推动中部地区崛起座谈会上的重要讲话精神" in drawn


def _qr_codes(laid):
    return [e for page in laid.frames.pages for e in page.elements if isinstance(e, QRCode)]


def test_the_promo_qr_code_encodes_the_papers_own_url(seed000):
    from typeset.paper import find_paper
    _, _, laid = seed000
    assert [q.data for q in _qr_codes(laid)] == [find_paper("伊滨新闻").qr_url]


def test_the_sidecars_promo_qr_url_replaces_the_papers(seed000_with_qr):
    _, _, laid = seed000_with_qr
    assert [q.data for q in _qr_codes(laid)] == ["https://example.org/today"]


def test_the_qr_code_sits_in_the_promo_module(seed000):
    _, layout, laid = seed000
    (code,) = _qr_codes(laid)
    promo = [(p.page, m) for p in laid.report.pages for m in p.modules if m.kind == "promo"]
    assert len(promo) == 1
    number, module = promo[0]
    grid = layout.grid
    ox = layout.type_area_origin_pt(number)[0]
    oy = layout.page.margin_top_mm * PT_PER_MM
    left = ox + grid.column_x(module.columns[0] - 1)
    right = ox + grid.column_x(module.columns[1] - 1) + grid.span_width_pt(1)
    top = oy + grid.line_top_y(module.lines[0] - 1)
    bottom = oy + grid.line_top_y(module.lines[1] - 1) + layout.body_size_pt
    page = laid.frames.pages[number - 1]
    assert code in page.elements
    assert left - 0.01 <= code.x and code.x + code.size <= right + 0.01
    assert top - 0.01 <= code.y and code.y + code.size <= bottom + 0.01


def test_the_qr_code_stands_where_its_text_says(seed000):
    """扫描左侧二维码: the code left of every line of the promo, level with
    them — in seed 000's one-column promo too, a smaller code beside them."""
    _, _, laid = seed000
    (code,) = _qr_codes(laid)
    page = next(p for p in laid.frames.pages if code in p.elements)
    lines = [e for e in page.elements if getattr(e, "role", None) == "promo"]
    assert "".join(glyph_text(line) for line in lines).startswith("扫描左侧二维码")
    assert all(line.x >= code.x + code.size for line in lines)
    middle = code.y + code.size / 2
    assert min(line.baseline for line in lines) < middle < max(line.baseline for line in lines)


@pytest.mark.parametrize("lines,side", [
    (("扫描左侧二维码", "关注官方微信"), "left"), (("扫描右边二维码",), "right"),
    (("扫描下方二维码，下载客户端",), "below"), (("扫码上方二维码",), "above"),
    (("扫码关注我们",), None)])
def test_a_promos_text_says_where_its_code_is(lines, side):
    from typeset.model import Promo, Span
    assert Promo(lines, Span("x.txt", 1, 2)).code_side == side


def test_a_layout_with_a_logo_prints_the_paper_name_as_that_image(tmp_path):
    from PIL import Image

    from typeset.build import build
    from typeset.frames import Picture
    Image.new("RGB", (400, 120), "white").save(tmp_path / "logo.png")
    text = (Path(__file__).resolve().parents[1] / "layouts" / "tabloid.yaml").read_text(
        encoding="utf-8")
    text = text.replace("  paper_size: 72 ", "  logo: logo.png\n  paper_size: 72 ")
    assert "logo: logo.png" in text
    (tmp_path / "paper.yaml").write_text(text, encoding="utf-8")
    result = build(SEED_000, tmp_path / "out", str(tmp_path / "paper.yaml"))
    pictures = [e for e in result.laid.frames.pages[0].elements if isinstance(e, Picture)]
    assert len(pictures) == 1 and pictures[0].path.endswith("logo.png")
    assert abs(pictures[0].w / pictures[0].h - 400 / 120) < 0.01


def _layout_variant(tmp_path, old: str, new: str) -> str:
    text = (Path(__file__).resolve().parents[1] / "layouts" / "tabloid.yaml").read_text(
        encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_the_masthead_shows_only_the_fields_the_layout_names(tmp_path):
    text = (Path(__file__).resolve().parents[1] / "layouts" / "tabloid.yaml").read_text(
        encoding="utf-8")
    fields = re.search(r"^  fields: \[[^\]]*\][^\n]*$", text.split("\nmasthead:")[1], re.M).group(0)
    layout = _layout_variant(tmp_path, fields,
                             "  fields: [paper, date, issue, total_issue, licence, internal_notice]")
    _, _, laid = lay_out_file(SEED_000, layout)
    masthead = "".join(glyph_text(e) for e in text_lines(laid.frames.pages[0], "masthead"))
    assert "第6期" in masthead and "审连00018号" in masthead
    assert "甲辰年二月廿三" not in masthead and "星期一" not in masthead
    assert "编辑出版" not in masthead


def test_editor_credits_go_to_the_page_foot_when_the_running_head_has_no_editors_field(tmp_path):
    layout = _layout_variant(tmp_path, "fields: [paper, date, page, section, editors]",
                             "fields: [paper, date, page, section]")
    issue = tmp_path / "issue.txt"
    shutil.copy(SEED_000, issue)
    (tmp_path / "issue.yaml").write_text("editors: {责任编辑: 王伟}\n", encoding="utf-8")
    _, layout_obj, laid = lay_out_file(issue, layout)
    page = laid.frames.pages[1]
    credit = [e for e in text_lines(page, "running_head") if "王伟" in glyph_text(e)]
    assert len(credit) == 1
    foot = layout_obj.page.margin_top_mm * PT_PER_MM + layout_obj.type_area[1]
    assert credit[0].baseline > foot


def test_a_broadsheet_rules_the_gutters_between_an_articles_columns():
    from typeset.frames import Rule
    _, layout, laid = lay_out_file(SEED_004, "city-broadsheet")
    assert layout.rules.column_rule_pt > 0
    vertical = [e for e in laid.frames.pages[0].elements
                if isinstance(e, Rule) and e.x1 == e.x2 and e.width == layout.rules.column_rule_pt]
    assert len(vertical) >= 7


def test_no_filler_text_is_printed_twice_in_an_issue():
    _, _, laid = lay_out_file(SEED_000)
    texts = [m.variant for p in laid.report.pages for m in p.modules if m.kind == "filler"]
    assert len(texts) == len(set(texts))


def test_a_lunar_date_printed_with_its_label_gets_the_label_once():
    from typeset.layout.furniture import masthead_lines
    from typeset.model import Masthead
    lines = masthead_lines(Masthead(lunar_date="农历甲辰年五月十三"), 2, ("lunar_date",))
    assert lines[0] == "农历甲辰年五月十三"


# ------------------------------------------------------------------ the masthead of any paper

def _corpus_masthead(name: str):
    from typeset.parse.blocks import split_blocks
    from typeset.parse.masthead import complete, read_masthead
    from typeset.parse.source import read_source
    from .paths import CORPUS, SEEDS
    path = CORPUS / name if name.startswith("p0") else SEEDS / name
    masthead, _, _ = read_masthead(split_blocks(read_source(path).lines), str(path))
    return complete(masthead, {})[0]


def _masthead_top(masthead, layout_name: str, epigraph: bool):
    """Page 1's top as the layout draws it, the epigraph beside the masthead
    (a narrower masthead) or none."""
    from typeset.compose import Composer
    from typeset.layout.furniture import page_one_top
    from typeset.model import Epigraph, Span
    from .layout_support import fonts_for
    layout = load_layout(layout_name)
    composer = Composer(layout, fonts_for(layout))
    quote = Epigraph("只要哪里出现了用电险情，供电服务队就会在第一时间赶到。", "——摘自本期",
                     Span("x", 1, 1)) if epigraph else None
    top = page_one_top(masthead, quote, 2, composer)
    return layout, composer, [e for e in top.elements if getattr(e, "role", None) == "masthead"]


CORPUS_NAMES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "shared" /
                                       "corpus").glob("p0*.txt"))


@pytest.mark.parametrize("layout_name", ["tabloid", "city-broadsheet"])
@pytest.mark.parametrize("epigraph", [False, True], ids=["full width", "beside an epigraph"])
@pytest.mark.parametrize("name", CORPUS_NAMES + ["000_75e0bf726cbcfecc.txt"])
def test_the_masthead_prints_every_field_it_carries_once_and_nothing_else(name, layout_name,
                                                                         epigraph):
    """Every Han character, digit and letter the source's masthead printed —
    fields known or not — is drawn once; nothing it did not print is."""
    from typeset.chars import significant
    masthead = _corpus_masthead(name)
    _, _, lines = _masthead_top(masthead, layout_name, epigraph)
    drawn = Counter(significant("".join(glyph_text(e) for e in lines)))
    assert drawn == Counter(significant("".join(masthead.printed_text())))


@pytest.mark.parametrize("name", CORPUS_NAMES + ["000_75e0bf726cbcfecc.txt"])
def test_a_public_papers_masthead_never_prints_the_internal_notice(name):
    masthead = _corpus_masthead(name)
    _, _, lines = _masthead_top(masthead, "tabloid", False)
    drawn = "".join(glyph_text(e) for e in lines)
    assert drawn.count("内部资料") == (0 if masthead.kind == "public" else
                                      "".join(masthead.printed_text()).count("内部资料"))


@pytest.mark.parametrize("layout_name", ["tabloid", "city-broadsheet"])
@pytest.mark.parametrize("epigraph", [False, True], ids=["full width", "beside an epigraph"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_the_masthead_lines_stay_inside_it_and_apart(name, layout_name, epigraph):
    from typeset.frames import TextLine
    layout, _, lines = _masthead_top(_corpus_masthead(name), layout_name, epigraph)
    grid = layout.grid
    width = grid.span_width_pt(layout.masthead.columns if epigraph else grid.columns)
    boxes = []
    for e in lines:
        if not isinstance(e, TextLine):
            continue
        right = e.x + max(g.x + g.width for g in e.glyphs) * e.size
        assert e.x >= -0.01 and right <= width + 0.01, glyph_text(e)
        boxes.append((e.x, right, e.baseline - 0.88 * e.size, e.baseline + 0.12 * e.size,
                      glyph_text(e)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]
            assert not overlap, (a[4], b[4])


def test_a_sidecar_masthead_prints_the_dates_weekday_and_lunar_date():
    """No masthead in the file: the sidecar's date, with the weekday and
    lunar date computed for it (labelled 农历)."""
    import datetime
    from typeset.parse.masthead import complete
    from typeset.model import Masthead
    masthead, _ = complete(Masthead(), {"paper_name": "伊滨新闻",
                                        "date": datetime.date(2024, 12, 31)})
    _, _, lines = _masthead_top(masthead, "tabloid", False)
    drawn = "".join(glyph_text(e) for e in lines)
    assert "2024年12月31日" in drawn and "星期二" in drawn and "农历甲辰年十二月初一" in drawn


def test_every_masthead_field_has_a_place_in_the_layout():
    """Each field a masthead prints is drawn under one layout field name,
    and each name the layout schema offers draws something."""
    from typeset.design.layout_schema import MASTHEAD_FIELDS
    from typeset.layout.furniture import FOOT_ROW, INFO_ROWS, OWN_PLACE
    from typeset.model.masthead import PRINTED_FIELDS
    places = [pair for row in INFO_ROWS + (FOOT_ROW, OWN_PLACE) for pair in row]
    names = [name for name, _ in places]
    drawn = [field for _, parts in places for field in parts]
    assert sorted(names) == sorted(MASTHEAD_FIELDS)
    assert sorted(set(PRINTED_FIELDS) - {"printed_weekday"} | {"extra"}) == sorted(
        set(drawn) - {"weekday"})
    assert len(drawn) == len(set(drawn))
    for layout_name in ("tabloid", "city-broadsheet"):
        assert set(load_layout(layout_name).masthead.fields) == set(MASTHEAD_FIELDS)


def test_a_plan_wanting_more_fillers_than_the_paper_has_is_made_again_without_white(tmp_path):
    """A four-page back issue of the synthetic archive (benchmarks/make_archive.py,
    seeded) first asks for more filler spaces than the paper has texts; no
    text is printed twice, so the plan is made again with fillers dearer
    instead of leaving the space white."""
    import subprocess
    import sys

    from .paths import ROOT
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), str(tmp_path),
                    "--issues", "10"], check=True, capture_output=True)
    _, _, laid = lay_out_file(tmp_path / "2021" / "2021-03-08.txt")
    assert not [w for w in laid.report.warnings if "no filler left" in w.message]
    texts = [m.variant for p in laid.report.pages for m in p.modules if m.kind == "filler"]
    assert len(texts) == len(set(texts))


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The synthetic archive of 200 back issues (benchmarks/make_archive.py, seeded)."""
    import subprocess
    import sys

    from .paths import ROOT
    folder = tmp_path_factory.mktemp("archive")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), str(folder),
                    "--issues", "200"], check=True, capture_output=True)
    return folder


def test_a_pull_quote_no_filling_keeps_clear_of_its_sentence_is_left_out(archive, tmp_path):
    """Back issue 2023-07-03: item6's pull quote stood level with the
    sentence it repeats, in the next column, wherever it went, and the build
    for print was refused (rule 3). The quote is now left out and the story
    planned again with fewer quotes: the issue builds for print, no sentence
    printed twice side by side."""
    from typeset.build import build

    result = build(archive / "2023" / "2023-07-03.txt", tmp_path, strict=True)
    assert not [d for d in result.diagnostics if d.rule == "audit.repeated"]
    variants = {m.item: m.variant for p in result.laid.report.pages for m in p.modules}
    assert "2 pull quotes" not in variants["item6"]


@pytest.mark.parametrize("issue, layout_name, was", [
    ("2021/2021-10-04.txt", "tabloid", "three pages of copy, the fourth of the pair blank"),
    ("2024/2024-09-02.txt", "tabloid", "17 lines white at page 2's foot, the copy run on"),
    ("2021/2021-08-23.txt", "tabloid", "a jump with a byline and 4 body lines overleaf"),
])
def test_back_issues_the_audit_refused_build_for_print(archive, tmp_path, issue, layout_name,
                                                       was):
    """What the page audit refuses (a blank page, a blank band mid-issue, a
    jump with fewer than 5 body lines on a side) placement prices as refused
    and avoids: each of these back issues gave one (`was`) while the columns
    were taught to end level (tighter modules shift the pages), and builds
    for print, no page without a module."""
    from typeset.build import build

    result = build(archive / issue, tmp_path, layout_name, strict=True)   # raises if refused
    assert all(page.modules for page in result.laid.report.pages), was
