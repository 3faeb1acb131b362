"""A long article jumps: （下转第N版） ends its first part, （上接第M版） opens
the next; an article longer than a fixed page count is an error, never cut."""

import re

import pytest

from typeset.build import build, check_text_kept
from typeset.diagnostics import TypesetError

from .layout_support import (LONG_TITLE, assert_chain, glyph_text, grid_offset, jump_chains,
                             jump_issue, lay_out_file, module_cells, on_grid,
                             text_lines)


@pytest.fixture(scope="module")
def jumped(tmp_path_factory):
    return lay_out_file(jump_issue(tmp_path_factory.mktemp("jump") / "jump.txt"))


def _parts(laid):
    chains = jump_chains(laid.report)
    return chains[next(key for key, parts in chains.items() if parts[0][1].title == LONG_TITLE)]


def _in_part(layout, laid, page, module, role):
    return [e for cell in module_cells(layout, laid, page - 1, module, (role,)) for e in cell]


def test_the_long_article_is_split_into_a_chain_of_parts(jumped):
    _, _, laid = jumped
    parts = _parts(laid)
    assert len(parts) >= 2
    assert_chain(parts[0][1].item, parts)


def test_the_first_part_ends_with_continued_on_the_next_parts_page(jumped):
    _, layout, laid = jumped
    (page, first), (next_page, _) = _parts(laid)[:2]
    texts = [glyph_text(e) for e in _in_part(layout, laid, page, first, "jump")]
    assert texts == [f"（下转第{next_page}版）"]
    # and it is the part's last line
    body = _in_part(layout, laid, page, first, "body")
    jump = _in_part(layout, laid, page, first, "jump")[0]
    column_of_jump = [e for e in body if abs(e.x - jump.x) < 0.01]
    assert all(e.baseline < jump.baseline for e in column_of_jump)


def test_the_next_part_opens_with_continued_from_the_first_parts_page(jumped):
    _, layout, laid = jumped
    (page, _), (next_page, following) = _parts(laid)[:2]
    jumps = _in_part(layout, laid, next_page, following, "jump")
    assert [glyph_text(e) for e in jumps] == [f"（上接第{page}版）"]
    body = _in_part(layout, laid, next_page, following, "body")
    assert jumps[0].baseline <= min(e.baseline for e in body)


def test_jump_lines_name_only_pages_that_hold_the_other_part(jumped):
    _, _, laid = jumped
    pages_of = {n for n, _ in _parts(laid)}
    for page in laid.frames.pages:
        for e in text_lines(page, "jump"):
            match = re.fullmatch(r"（(下转|上接)第(\d+)版）", glyph_text(e))
            assert match, glyph_text(e)
            target = int(match.group(2))
            assert target in pages_of and target != page.number
            assert (target > page.number) == (match.group(1) == "下转")


def test_each_part_of_a_jump_holds_at_least_five_body_lines(jumped):
    _, layout, laid = jumped
    for page, part in _parts(laid):
        assert len(_in_part(layout, laid, page, part, "body")) >= 5, page


def test_both_parts_are_set_in_one_body_size(jumped):
    """A jumped article goes on overleaf in the body it started in; at the
    grid's own size its lines stand on the line grid."""
    _, layout, laid = jumped
    sizes = set()
    for page, part in _parts(laid):
        body = _in_part(layout, laid, page, part, "body")
        assert body
        sizes |= {e.size for e in body}
        if sizes == {layout.body_size_pt}:
            assert all(on_grid(layout, grid_offset(layout, e.baseline)) for e in body), page
    assert len(sizes) == 1


def test_the_continued_part_has_a_short_headline(jumped):
    _, layout, laid = jumped
    (page, _), (next_page, following) = _parts(laid)[:2]
    assert following.rank == 4
    heads = [e for e in laid.frames.pages[next_page - 1].elements
             if getattr(e, "role", "") == "continued_title"]
    assert any(LONG_TITLE in glyph_text(e) for e in heads), heads
    # set as a rank-4 headline; repeated text, so the text-kept check does not count it
    assert {e.size for e in heads} == {layout.style("headline4").size_pt}


def test_a_jumped_issue_keeps_every_character(jumped):
    issue, _, laid = jumped
    check_text_kept(laid.frames, issue)


@pytest.fixture(scope="module")
def very_long(tmp_path_factory):
    return tmp_path_factory.mktemp("long"), 120


def test_an_article_longer_than_the_fixed_page_count_is_an_overset_error(very_long):
    folder, paragraphs = very_long
    source = jump_issue(folder / "fixed.txt", paragraphs, "pages: 2\n")
    with pytest.raises(TypesetError, match="overset"):
        build(source, folder / "out")


def test_without_a_page_count_a_very_long_article_jumps_across_more_pages(very_long):
    folder, paragraphs = very_long
    result = build(jump_issue(folder / "free.txt", paragraphs), folder / "out")  # check_text_kept passes
    parts = _parts(result.laid)
    assert len(parts) >= 3
    assert_chain(parts[0][1].item, parts)
    assert len(result.laid.frames.pages) % 2 == 0
