"""One body size for news text per page (the page rules' rule 4; search.RULES
"one-body"): the first story module placed on a page fixes the page's body
size, every later story module on it takes that size; fillers, promos and
framed link boxes are exempt, and a jump's part overleaf fixes its page's size.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import pytest

from typeset.build import build
from typeset.frames import TextLine
from typeset.layout.measure import BOXED_KINDS
from typeset.layout.place import KINDS, Search, UnitSpec, plan_pages
from typeset.layout.place.search import RULES

from .paths import CORPUS, SEEDS
from .test_place import assert_sound, geometry, head, no_fillers, notice


def sized(key: str, lines: int, larger_cost: float | None = 30.0) -> UnitSpec:
    """A story of `lines` one-line paragraphs at the grid's size (subdiv 1),
    and — unless larger_cost is None — the same set larger: two sub-units per
    grid line, each paragraph three sub-units (1½ grid lines)."""
    flows, costs, subdivs = [(1,) * lines], [0.0], [1]
    if larger_cost is not None:
        flows.append((3,) * lines)
        costs.append(larger_cost)
        subdivs.append(2)
    return UnitSpec(key, tuple(flows), tuple(costs), tuple(subdivs), KINDS["article"])


def page_sizes(plan, units) -> dict[int, set[int]]:
    by_key = {u.key: u for u in units}
    out: dict[int, set[int]] = defaultdict(set)
    for m in plan.modules:
        unit = by_key.get(m.key)
        if unit is not None and unit.kind.larger_body:
            out[m.page].add(unit.subdivs[m.variant])
    return out


def test_the_rule_is_stated():
    assert "one-body" in RULES


def test_two_stories_that_would_pick_different_sizes_share_one():
    """item1 fills page 1 best set larger (11 lines over item2's 29 of 40, the
    larger size cheap); item2 and item3 only have the grid's size. Without the
    rule item1 took the larger size and item2 the grid's on the same page;
    now page 1 keeps one size (item1 at the grid's, headline air for the rest)."""
    units = [sized("item1", 36, 5.0), sized("item2", 6 * 27, None), sized("item3", 6 * 30, None)]
    plan = plan_pages(units, geometry(), head, no_fillers)
    assert_sound(plan, units)
    sizes = page_sizes(plan, units)
    assert {m.key for m in plan.modules if m.page == 0} == {"item1", "item2"}
    assert sizes[0] == {1} and all(len(s) == 1 for s in sizes.values()), sizes


def test_a_page_set_larger_sets_every_story_larger():
    """Both stories may be set larger; if the page takes the larger size,
    both take it (and if not, neither)."""
    units = [sized("item1", 60), sized("item2", 6 * 13, 30.0), sized("item3", 30, 60.0)]
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    sizes = page_sizes(plan, units)
    assert all(len(s) == 1 for s in sizes.values()), sizes


def test_a_jump_part_fixes_the_size_of_the_page_it_continues_on():
    """A long lead jumps overleaf in the larger size; the story after it on
    page 2 takes the continued part's size."""
    units = [sized("item1", 6 * 50, 0.0), sized("item2", 6 * 8), sized("item3", 6 * 6)]
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    parts = [m for m in plan.modules if m.key == "item1"]
    assert len(parts) >= 2
    sizes = page_sizes(plan, units)
    assert all(len(s) == 1 for s in sizes.values()), sizes
    for part in parts:
        assert units[0].subdivs[part.variant] in sizes[part.page]


def test_promos_and_link_boxes_are_exempt():
    promo = UnitSpec("item9", ((1,) * 4,), (0.0,), (1,), KINDS["promo"])
    units = [sized("item1", 60), promo]
    search = Search(units, geometry(), head, no_fillers)
    assert search.size_key(1, 2) == 0          # a promo takes no page size
    assert search.size_key(0, 2) == 2          # a story of two sizes: the page's
    assert search.size_key(0, 3) == -1         # a size it does not have: not here
    assert search.size_key(0, 0) == 0          # no size yet: any


# --- every seed and corpus issue, both layouts, built as drafts -------------

SOURCES = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("p0*.txt"))
LAYOUTS = ("tabloid", "city-broadsheet")


@lru_cache(maxsize=None)
def _built(source, layout_name, out):
    return build(source, out, layout=layout_name, strict=False)


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_every_page_has_one_body_size(source, layout_name, tmp_path_factory):
    result = _built(source, layout_name, str(tmp_path_factory.mktemp("one-body")))
    laid = result.laid
    boxes = {m.item for page in laid.report.pages for m in page.modules
             if m.kind in BOXED_KINDS}      # framed: exempt
    for page in laid.frames.pages:
        sizes: dict[float, set] = defaultdict(set)
        for e in page.elements:
            if isinstance(e, TextLine) and e.role == "body" and e.story not in boxes:
                sizes[round(e.size, 2)].add(e.story)
        assert len(sizes) <= 1, (page.number, {k: sorted(v, key=str) for k, v in sizes.items()})
