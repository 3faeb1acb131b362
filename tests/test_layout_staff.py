"""Staff decisions in the sidecar: pins by page, order, section names and
editor credits in the running head; a pin that cannot be honoured, or a key
placement does not know, is an error naming the sidecar file and line."""

import re
import shutil

import pytest

from typeset.diagnostics import TypesetError

from .conftest import SEED_000
from .layout_support import glyph_text, jump_issue, lay_out_file, text_lines

PINNED = """\
sections: {2: 综合新闻}
editors: {责任编辑: 王伟}
placement:
  - item: 区党工委
    page: 2
"""


def _issue(folder, sidecar: str, name: str = "issue.txt"):
    path = folder / name
    shutil.copy(SEED_000, path)
    path.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pinned(tmp_path_factory):
    return lay_out_file(_issue(tmp_path_factory.mktemp("pinned"), PINNED))


@pytest.fixture(scope="module")
def ordered(tmp_path_factory):
    return lay_out_file(_issue(tmp_path_factory.mktemp("ordered"),
                               "placement:\n  - item: 樊灿涛调研\n    order: 1\n"))


def _pages_of(laid, title_part):
    return [p.page for p in laid.report.pages for m in p.modules if title_part in m.title]


def test_without_pins_the_pinned_article_would_be_on_page_one():
    _, _, laid = lay_out_file(SEED_000)
    assert _pages_of(laid, "区党工委") == [1]


def test_a_page_pin_puts_the_item_on_that_page(pinned):
    _, _, laid = pinned
    assert _pages_of(laid, "区党工委") == [2]


def test_unpinned_items_are_still_all_placed_once(pinned):
    _, _, laid = pinned
    items = [m.item for p in laid.report.pages for m in p.modules if m.kind != "filler"]
    assert sorted(items) == sorted(set(items))
    assert len(items) == 6


def test_section_names_appear_in_their_pages_running_head(pinned):
    _, _, laid = pinned
    heads = [glyph_text(e) for e in text_lines(laid.frames.pages[1], "running_head")]
    assert any("第2版" in t and "综合新闻" in t for t in heads), heads


def test_editor_credits_appear_in_the_running_head(pinned):
    _, _, laid = pinned
    heads = "".join(glyph_text(e) for e in text_lines(laid.frames.pages[1], "running_head"))
    assert "责任编辑：王伟" in heads


def test_order_one_makes_an_item_the_lead_of_page_one(ordered):
    _, _, laid = ordered
    first = laid.report.pages[0].modules[0]
    assert "樊灿涛调研" in first.title
    assert first.rank == 1                # 头条: the largest headline
    lead = min((m for m in laid.report.pages[0].modules), key=lambda m: m.lines[0])
    assert lead is first


def test_order_keeps_the_other_items_in_reading_order(ordered):
    _, _, laid = ordered
    titles = [m.title for p in laid.report.pages for m in p.modules
              if m.kind != "filler" and "樊灿涛" not in m.title]
    assert titles.index(next(t for t in titles if "龙门实验室" in t)) \
        < titles.index(next(t for t in titles if "区党工委" in t))


def test_an_impossible_pin_is_an_error_naming_the_sidecar_line(tmp_path):
    source = jump_issue(tmp_path / "issue.txt", 40,
                        "placement:\n  - item: 伊滨科技城\n    lines: [1, 3]\n")
    with pytest.raises(TypesetError) as caught:
        lay_out_file(source)
    sidecar = str(source.with_suffix(".yaml"))
    assert re.search(re.escape(sidecar) + r":2\b", str(caught.value)), str(caught.value)


def test_an_unknown_placement_key_is_an_error_naming_the_key_and_line(tmp_path):
    source = _issue(tmp_path, "pages: 2\nplacement:\n  - item: 龙门实验室\n    colour: red\n")
    with pytest.raises(TypesetError) as caught:
        lay_out_file(source)
    diagnostic = caught.value.diagnostic
    assert "colour" in diagnostic.message
    assert diagnostic.file == str(source.with_suffix(".yaml"))
    assert diagnostic.line == 4


def test_a_placement_item_that_matches_nothing_is_an_error(tmp_path):
    source = _issue(tmp_path, "placement:\n  - item: 不存在的标题\n    page: 2\n")
    with pytest.raises(TypesetError, match="不存在的标题") as caught:
        lay_out_file(source)
    assert caught.value.diagnostic.line == 2
