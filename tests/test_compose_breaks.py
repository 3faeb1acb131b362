"""The total-fit breaker on hand-built box/glue lists (no fonts, no Chinese rules)."""

import itertools
import random

import pytest

from typeset.compose.breaks import (INF, breaks_in_lines, find_breaks, input_from_items, line_badness,
                                    line_demerits)


def words(widths, space=(1.0, 1.0, 0.5)):
    items = []
    for k, w in enumerate(widths):
        if k:
            items.append(("glue", *space))
        items.append(("box", w))
    return items


def brute_force(inp, measure, first):
    """Every combination of breaks, priced with the breaker's own cost functions."""
    n = inp.n
    candidates = [p for p in range(1, n) if inp.breakable[p]]
    best, best_ends = INF, None
    for r in range(len(candidates) + 1):
        for combo in itertools.combinations(candidates, r):
            ends = list(combo) + [n]
            total, a = 0.0, 0
            for b in ends:
                bad = line_badness(inp.w_end[b] - inp.w_start[a], inp.sh_end[b] - inp.sh_start[a],
                                   inp.st_end[b] - inp.st_start[a], inp.g_end[b] - inp.g_start[a],
                                   first if a == 0 else measure, b == n)
                if bad == INF:
                    break
                total += line_demerits(bad, inp.penalty[b])
                a = b
            else:
                if total < best:
                    best, best_ends = total, tuple(ends)
    return best_ends


def test_total_fit_picks_the_known_optimum_where_first_fit_fails():
    # measure 7, spaces 1 em (+1, -½). First fit crams "2 3 1" (8 em, both spaces
    # shrunk) and is left with "5" alone, which has no glue to reach 7 em.
    # Total fit sets "2 3" (stretched to 7) / "1 5" (exactly 7) / "5" (last line).
    inp = input_from_items(words([2, 3, 1, 5, 5]))
    result = find_breaks(inp, 7, 7)
    assert result.ends == (2, 4, 5)
    assert not result.emergency


@pytest.mark.parametrize("seed", range(40))
def test_breaker_finds_the_brute_force_optimum(seed):
    rng = random.Random(seed)
    widths = [rng.choice([1, 2, 2, 3, 3, 4, 5]) for _ in range(rng.randint(3, 11))]
    measure = rng.choice([6, 7, 8, 10])
    inp = input_from_items(words(widths))
    expected = brute_force(inp, measure, measure)
    got = find_breaks(inp, measure, measure)
    if expected is None:
        assert got.emergency      # nothing fits: the fallback still returns lines
    else:
        assert got.ends == expected


def test_a_forbidden_penalty_is_never_a_break():
    items = [("box", 4), ("penalty", 10000), ("box", 4), ("glue", 1, 1, 0.5), ("box", 4)]
    inp = input_from_items(items)
    assert 1 not in find_breaks(inp, 9, 9).ends


def test_indent_shortens_the_first_line_only():
    inp = input_from_items(words([2, 2, 2, 2, 2, 2]))
    ends = find_breaks(inp, 8, 5).ends       # first line: 5 em, then 8 em
    assert ends[0] == 2                      # "2 2" (5 em) then "2 2 2" (8 em)
    assert ends[1] == 5


def brute_force_in_lines(inp, measure, first, count, tol):
    """The least demerits of any breaks giving exactly `count` lines, each
    within `tol` a gap (breaks_in_lines' contract), or None."""
    n = inp.n
    candidates = [p for p in range(1, n) if inp.breakable[p]]
    best = None
    for combo in itertools.combinations(candidates, count - 1):
        ends, total, a = list(combo) + [n], 0.0, 0
        for b in ends:
            bad = line_badness(inp.w_end[b] - inp.w_start[a], inp.sh_end[b] - inp.sh_start[a],
                               inp.st_end[b] - inp.st_start[a], inp.g_end[b] - inp.g_start[a],
                               first if a == 0 else measure, b == n, tol)
            if bad == INF or (b == n and inp.lonely[a]):
                break
            total += line_demerits(bad, inp.penalty[b])
            a = b
        else:
            best = total if best is None else min(best, total)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_a_paragraph_set_in_exactly_n_lines_is_the_least_demerits_of_those(seed):
    """breaks_in_lines (a paragraph driven a line longer or shorter to level
    a column) finds the cheapest breaks of exactly that many lines, among
    all of them: its window over line starts never skips one that fits."""
    rng = random.Random(seed)
    widths = [rng.choice([1, 1.5, 2, 2.5, 3]) for _ in range(rng.randint(4, 11))]
    measure = rng.choice([5, 6, 7, 8])
    first = measure - rng.choice([0, 2])
    inp = input_from_items(words(widths, space=(0.5, 0.5, 0.25)))
    natural = len(find_breaks(inp, measure, first).ends)
    for count in range(max(1, natural - 1), natural + 3):
        for tol in (0.125, 0.25):
            expected = brute_force_in_lines(inp, measure, first, count, tol)
            got = breaks_in_lines(inp, measure, first, count, tol)
            if expected is None:
                assert got is None, (count, tol)
                continue
            assert got is not None, (count, tol)
            total, a = 0.0, 0
            for b in got.ends:
                total += line_demerits(line_badness(
                    inp.w_end[b] - inp.w_start[a], inp.sh_end[b] - inp.sh_start[a],
                    inp.st_end[b] - inp.st_start[a], inp.g_end[b] - inp.g_start[a],
                    first if a == 0 else measure, b == inp.n, tol), inp.penalty[b])
                a = b
            assert len(got.ends) == count and total == pytest.approx(expected)
