"""The seeds built end to end: page counts and formats, fill, and every item
placed exactly once (a jumped article as a consistent chain of parts)."""

import pytest

from typeset.build import build, check_text_kept
from typeset.design import PT_PER_MM, load_layout
from typeset.parse import parse_issue

from .conftest import SEED_000, SEED_004
from .layout_support import assert_chain, jump_chains, unit_keys

SEEDS = {"000": (SEED_000, "tabloid"), "004": (SEED_004, "city-broadsheet")}


def _build(name, tmp_path_factory):
    source, layout = SEEDS[name]
    result = build(source, tmp_path_factory.mktemp(f"build{name}"), layout,
                   strict=False)   # seed 004 has no masthead
    issue = parse_issue(source, None, load_layout(layout).calendar.lunar_months)
    return issue, result


@pytest.fixture(scope="module")
def built000(tmp_path_factory):
    return _build("000", tmp_path_factory)


@pytest.fixture(scope="module")
def built004(tmp_path_factory):
    return _build("004", tmp_path_factory)


@pytest.fixture(params=list(SEEDS))
def built(request):
    return request.getfixturevalue(f"built{request.param}")


def test_seed_000_is_two_tabloid_pages(built000):
    _, result = built000
    pages = result.laid.frames.pages
    assert len(pages) == 2
    assert len(pages) % 2 == 0            # folded sheets
    for page in pages:                     # 四开: 270 × 390 mm
        assert page.width == pytest.approx(270 * PT_PER_MM)
        assert page.height == pytest.approx(390 * PT_PER_MM)


def test_seed_004_is_one_broadsheet_page(built004):
    _, result = built004
    pages = result.laid.frames.pages
    assert len(pages) == 1                 # 对开: 390 × 540 mm
    assert pages[0].width == pytest.approx(390 * PT_PER_MM)
    assert pages[0].height == pytest.approx(540 * PT_PER_MM)


def test_the_build_writes_a_pdf_and_a_report(built):
    _, result = built
    assert result.pdf.read_bytes().startswith(b"%PDF")
    assert result.report_path.stat().st_size > 0


def test_every_page_is_at_least_97_percent_filled(built):
    _, result = built
    fills = {p.page: p.fill for p in result.laid.report.pages}
    assert len(fills) == len(result.laid.frames.pages)
    assert all(f >= 0.97 for f in fills.values()), fills


def test_no_page_has_a_hole_or_overset(built):
    _, result = built
    for page in result.laid.report.pages:
        assert page.holes == () and page.overset_lines == 0, page.page


def test_every_item_is_placed_exactly_once_or_as_a_jump_chain(built):
    issue, result = built
    chains = jump_chains(result.laid.report)
    assert sorted(chains) == sorted(unit_keys(issue))
    for key, parts in chains.items():
        assert_chain(key, parts)


def test_every_character_of_the_text_is_drawn(built):
    issue, result = built
    check_text_kept(result.laid.frames, issue)
