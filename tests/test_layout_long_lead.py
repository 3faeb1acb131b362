"""A lead story longer than two pages, set as an editor sets it: it starts on
page 1 under the masthead and continues at the top of as many pages as it
needs, a （下转第N版）/（上接第M版） pair at each turn, the other stories filling
around its last part (place.search.RULES "close", "jump")."""

import random
import re

import pytest

from typeset.check import check_text_kept

from .layout_support import (article, assert_chain, glyph_text, jump_chains, lay_out_file,
                             module_cells, paragraph, write_issue)

LEAD = "伊滨科技城建设全面提速"


def long_lead_issue(path, lead_paragraphs: int, shorts: int):
    """A lead of `lead_paragraphs` × ~120 Han characters (78: about 2.5
    tabloid pages) and `shorts` stories of four paragraphs."""
    rng = random.Random(1)
    articles = [article(LEAD, [paragraph(rng, 120) for _ in range(lead_paragraphs)])]
    articles += [article(f"短讯第{n}条", [paragraph(rng, 150) for _ in range(4)],
                         "记者 李娜") for n in range(1, shorts + 1)]
    return write_issue(path, articles)


def lead_parts(laid):
    chains = jump_chains(laid.report)
    return chains[next(key for key, parts in chains.items() if parts[0][1].title == LEAD)]


def jump_texts(layout, laid, page, module):
    return [glyph_text(e) for cell in module_cells(layout, laid, page - 1, module, ("jump",))
            for e in cell]


@pytest.fixture(scope="module")
def two_and_a_half(tmp_path_factory):
    return lay_out_file(long_lead_issue(tmp_path_factory.mktemp("lead") / "lead.txt", 78, 8))


def test_the_lead_starts_on_page_one_under_the_masthead(two_and_a_half):
    _, _, laid = two_and_a_half
    front = laid.report.pages[0].modules
    assert front and front[0].title == LEAD and front[0].rank == 1
    assert front[0].lines[0] == min(m.lines[0] for m in front)


def test_the_lead_turns_twice_with_a_jump_pair_at_each_turn(two_and_a_half):
    _, layout, laid = two_and_a_half
    parts = lead_parts(laid)
    assert [page for page, _ in parts] == [1, 2, 3]
    assert_chain(parts[0][1].item, parts)
    (p1, first), (p2, second), (p3, third) = parts
    assert jump_texts(layout, laid, p1, first) == ["（下转第2版）"]
    assert jump_texts(layout, laid, p2, second) == ["（上接第1版）", "（下转第3版）"]
    assert jump_texts(layout, laid, p3, third) == ["（上接第2版）"]


def test_each_continuation_is_at_the_top_of_its_page(two_and_a_half):
    _, _, laid = two_and_a_half
    for page, part in lead_parts(laid)[1:]:
        assert part.lines[0] == 1, page
        assert laid.report.pages[page - 1].modules[0] == part


def test_the_other_stories_fill_around_it_and_nothing_is_lost(two_and_a_half):
    issue, _, laid = two_and_a_half
    check_text_kept(laid.frames, issue)
    pages = laid.report.pages
    assert len(pages) % 2 == 0
    last_part_page = lead_parts(laid)[-1][0]
    assert any(m.title.startswith("短讯") for m in pages[last_part_page - 1].modules)
    assert all(page.fill >= 0.9 for page in pages), [page.fill for page in pages]


def test_a_lead_with_one_brief_after_it_still_opens_page_one(tmp_path):
    """The corpus's government report (p04) in small: a lead of 2.5 pages and one
    brief. Page 1 once went out with its masthead alone, the lead starting on
    page 2, because an empty front page priced like any other white."""
    issue, _, laid = lay_out_file(long_lead_issue(tmp_path / "brief.txt", 78, 1))
    check_text_kept(laid.frames, issue)
    parts = lead_parts(laid)
    assert parts[0][0] == 1 and parts[0][1].rank == 1
    assert len(parts) >= 3
    assert_chain(parts[0][1].item, parts)
    for page in laid.frames.pages:
        for line in (e for e in page.elements if getattr(e, "role", "") == "jump"):
            assert re.fullmatch(r"（(下转|上接)第\d+版）", glyph_text(line))
