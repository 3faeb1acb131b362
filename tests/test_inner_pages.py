"""A paper's inner pages (Issue.first_page > 1: seed 004 holds pages from
第2版) print no masthead; every page has its running head with its own
folio, and jump lines name printed folios."""

from .conftest import SEED_004
from .layout_support import glyph_text, lay_out_file, text_lines


def test_inner_pages_print_no_masthead_and_a_running_head_on_every_page():
    issue, _, laid = lay_out_file(SEED_004)
    assert issue.first_page == 2
    for page in laid.frames.pages:
        assert not text_lines(page, "masthead")
        heads = "".join(glyph_text(e) for e in text_lines(page, "running_head"))
        assert f"第{page.number}版" in heads


def test_inner_pages_are_numbered_from_the_first_page():
    _, _, laid = lay_out_file(SEED_004)
    assert [p.number for p in laid.frames.pages] == [2, 3][:len(laid.frames.pages)]
    assert [p.page for p in laid.report.pages] == [p.number for p in laid.frames.pages]


def test_a_draft_without_a_paper_name_says_so_in_its_running_heads():
    _, _, laid = lay_out_file(SEED_004)
    heads = "".join(glyph_text(e) for e in text_lines(laid.frames.pages[0], "running_head"))
    assert "报名缺失" in heads
