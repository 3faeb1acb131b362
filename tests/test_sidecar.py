"""The sidecar `<source>.yaml`: its schema (unknown keys, dates, numbers,
addresses, hostile YAML) and the staff decisions it makes for one issue and
one design; every refusal names the sidecar file, the line and the key."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from typeset.design import load_layout
from typeset.diagnostics import TypesetError
from typeset.parse import parse_issue
from typeset.sidecar import Sidecar, SidecarError, find_sidecar, load_sidecar, staff_plan

from .conftest import SEED_000


@pytest.fixture(scope="module")
def tabloid():
    return load_layout("tabloid")


def write_sidecar(folder: Path, text: str) -> Path:
    path = folder / "issue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def sidecar_error(folder: Path, text: str) -> SidecarError:
    path = write_sidecar(folder, text)
    with pytest.raises(SidecarError) as caught:
        load_sidecar(path)
    return caught.value


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the only occurrence of `fragment` in `text`."""
    assert text.count(fragment) == 1, fragment
    return text[:text.index(fragment)].count("\n") + 1


def plan_error(folder: Path, text: str, layout) -> SidecarError:
    """staff_plan's refusal of sidecar `text` for seed 000 on `layout`."""
    source = folder / "issue.txt"
    shutil.copy(SEED_000, source)
    sidecar = load_sidecar(write_sidecar(folder, text))
    issue = parse_issue(source, sidecar)
    with pytest.raises(SidecarError) as caught:
        staff_plan(sidecar, issue, layout)
    return caught.value


def plan(folder: Path, text: str, layout):
    source = folder / "issue.txt"
    shutil.copy(SEED_000, source)
    sidecar = load_sidecar(write_sidecar(folder, text))
    return staff_plan(sidecar, parse_issue(source, sidecar), layout)


# ---------------------------------------------------------------- schema

def test_a_sidecar_error_is_a_typeset_error():
    assert issubclass(SidecarError, TypesetError)


def test_an_unknown_top_level_key_gets_a_did_you_mean(tmp_path):
    err = sidecar_error(tmp_path, "sections: {2: 综合}\npagse: 2\n")
    d = err.diagnostic
    assert (d.file, d.line) == (str(tmp_path / "issue.yaml"), 2)
    assert "pagse" in d.message and "did you mean 'pages'" in d.message


def test_a_duplicate_key_is_an_error_naming_the_first_line(tmp_path):
    text = "pages: 2\nlayout: tabloid\npages: 4\n"
    err = sidecar_error(tmp_path, text)
    assert err.diagnostic.line == 3
    assert "duplicate key" in err.diagnostic.message and "first on line 1" in err.diagnostic.message


def test_an_impossible_date_is_an_error_naming_its_line(tmp_path):
    text = "masthead:\n  paper: 伊滨新闻\n  date: 2024-02-30\n"
    err = sidecar_error(tmp_path, text)
    d = err.diagnostic
    assert (d.file, d.line) == (str(tmp_path / "issue.yaml"), 3)
    assert "masthead.date" in d.message and "no such date" in d.message


def test_a_number_for_the_qr_address_is_an_error(tmp_path):
    err = sidecar_error(tmp_path, "pages: 2\npromo_qr_url: 12345\n")
    assert err.diagnostic.line == 2
    assert "promo_qr_url" in err.diagnostic.message and "web address" in err.diagnostic.message


def test_a_qr_address_too_long_to_scan_is_an_error(tmp_path):
    url = "https://example.org/" + "a" * 6000
    err = sidecar_error(tmp_path, f"promo_qr_url: {url}\n")
    assert err.diagnostic.line == 1
    assert "promo_qr_url" in err.diagnostic.message and f"{len(url)} characters" in str(err)


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/object/apply:os.system",
                                 "!!python/name:str"])
def test_a_python_tag_is_a_clean_sidecar_error_not_a_constructor_error(tmp_path, tag):
    err = sidecar_error(tmp_path, f"masthead:\n  paper: {tag} echo\n")
    assert err.diagnostic.line == 2 and "masthead.paper" in err.diagnostic.message


def test_a_yaml_alias_bomb_under_editors_is_refused(tmp_path):
    lines = ["editors:", "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    err = sidecar_error(tmp_path, "\n".join(lines) + "\n")   # 9⁹ values if expanded
    assert err.diagnostic.file == str(tmp_path / "issue.yaml")
    assert "editors." in err.diagnostic.message


def test_a_sidecar_expanding_past_the_node_budget_is_an_error(tmp_path):
    entries = "\n".join(["  - &pin {item: item1, page: 2}"] + ["  - *pin"] * 7000)
    err = sidecar_error(tmp_path, f"placement:\n{entries}\n")
    assert "more than 20000 values" in err.diagnostic.message


@pytest.mark.parametrize("key, value", [("issue", -5), ("total_issue", 0)])
def test_an_issue_number_out_of_range_is_an_error(tmp_path, key, value):
    err = sidecar_error(tmp_path, f"masthead:\n  paper: 伊滨新闻\n  {key}: {value}\n")
    assert err.diagnostic.line == 3
    assert f"masthead.{key}" in err.diagnostic.message and f"got {value}" in err.diagnostic.message


def test_a_thousand_pages_is_an_error(tmp_path):
    err = sidecar_error(tmp_path, "pages: 1000\n")
    assert err.diagnostic.line == 1 and "pages" in err.diagnostic.message


def test_a_width_contradicting_the_columns_is_an_error_on_the_width_line(tmp_path):
    text = "placement:\n  - item: item2\n    columns: [1, 2]\n    width: 3\n"
    err = sidecar_error(tmp_path, text)
    assert err.diagnostic.line == line_of(text, "width: 3")
    assert "placement[0].width" in err.diagnostic.message
    assert "contradicts columns 1–2" in err.diagnostic.message


def test_a_missing_explicit_sidecar_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "elsewhere.yaml"
    with pytest.raises(SidecarError) as caught:
        find_sidecar(tmp_path / "issue.txt", missing)
    assert caught.value.diagnostic.file == str(missing)
    assert str(missing) in str(caught.value)


def test_without_a_sidecar_beside_the_source_the_sidecar_is_empty(tmp_path):
    source = tmp_path / "issue.txt"
    shutil.copy(SEED_000, source)
    sidecar = find_sidecar(source)
    assert sidecar == Sidecar()
    assert (sidecar.path, dict(sidecar.masthead), sidecar.placement) == (None, {}, ())


def test_the_sidecar_beside_the_source_is_found(tmp_path):
    source = tmp_path / "issue.txt"
    write_sidecar(tmp_path, "pages: 4\n")
    assert find_sidecar(source).pages == 4


def test_options_override_the_files_masthead_values(tmp_path):
    path = write_sidecar(tmp_path, "masthead:\n  paper: 伊滨新闻\n  date: 2024-12-31\n"
                                   "  issue: 52\n")
    sidecar = load_sidecar(path).with_options(paper="洛阳日报", date=dt.date(2025, 1, 2),
                                              issue=None)
    assert sidecar.masthead["paper_name"] == "洛阳日报"
    assert sidecar.masthead["date"] == dt.date(2025, 1, 2)
    assert sidecar.masthead["issue_number"] == 52          # an option left out keeps the file's


# ---------------------------------------------------------------- staff decisions

def test_an_editor_label_typo_gets_a_did_you_mean_and_its_line(tmp_path, tabloid):
    text = "pages: 2\neditors: {校对: 李娜, 责任编缉: 王伟}\n"
    err = plan_error(tmp_path, text, tabloid)
    d = err.diagnostic
    assert (d.file, d.line) == (str(tmp_path / "issue.yaml"), 2)
    assert "editors.责任编缉" in d.message and "did you mean '责任编辑'" in d.message


def test_an_item_pinned_twice_is_an_error_naming_the_first_entry(tmp_path, tabloid):
    text = ("placement:\n  - item: 区党工委\n    page: 2\n"
            "  - item: 樊灿涛调研\n    order: 1\n"
            "  - item: 区党工委\n    page: 3\n")
    err = plan_error(tmp_path, text, tabloid)
    assert err.diagnostic.line == 6
    assert "placement[2].item" in err.diagnostic.message
    assert "entry on line 2" in err.diagnostic.message


def test_two_items_with_the_same_order_is_an_error(tmp_path, tabloid):
    text = ("placement:\n  - item: item3\n    order: 1\n"
            "  - item: item1\n    order: 1\n")
    err = plan_error(tmp_path, text, tabloid)
    assert err.diagnostic.line == 5
    assert "placement[1].order" in err.diagnostic.message
    assert "already given on line 2" in err.diagnostic.message


def test_a_pin_past_the_last_page_is_an_error(tmp_path, tabloid):
    text = "placement:\n  - item: item2\n    page: 99\n"
    err = plan_error(tmp_path, text, tabloid)
    assert err.diagnostic.line == 3
    assert "placement[0].page" in err.diagnostic.message
    assert f"page 99 of {tabloid.pages.limit}" in err.diagnostic.message


def test_a_pin_below_the_last_grid_line_is_an_error(tmp_path, tabloid):
    text = "placement:\n  - item: item2\n    page: 2\n    lines: [80, 200]\n"
    err = plan_error(tmp_path, text, tabloid)
    assert err.diagnostic.line == 4
    assert "placement[0].lines" in err.diagnostic.message and "of 86" in err.diagnostic.message


def test_a_pin_past_the_last_column_is_an_error(tmp_path, tabloid):
    text = "placement:\n  - item: item2\n    columns: [5, 9]\n"
    err = plan_error(tmp_path, text, tabloid)
    assert err.diagnostic.line == 3
    assert "placement[0].columns" in err.diagnostic.message and "5–9 of 6" in err.diagnostic.message


def test_overlapping_pins_on_one_page_are_an_error_naming_the_other_pin(tmp_path, tabloid):
    text = ("placement:\n"
            "  - item: item2\n    page: 2\n    columns: [1, 3]\n    lines: [10, 40]\n"
            "  - item: item3\n    page: 2\n    columns: [3, 6]\n    lines: [30, 60]\n")
    err = plan_error(tmp_path, text, tabloid)
    d = err.diagnostic
    assert (d.file, d.line) == (str(tmp_path / "issue.yaml"), 6)
    assert "overlaps the pin of item2" in d.message
    assert f"{tmp_path / 'issue.yaml'}:2" in d.message


def test_the_same_rectangles_on_different_pages_do_not_overlap(tmp_path, tabloid):
    text = ("placement:\n"
            "  - item: item2\n    page: 2\n    columns: [1, 3]\n    lines: [10, 40]\n"
            "  - item: item3\n    page: 3\n    columns: [3, 6]\n    lines: [30, 60]\n")
    assert set(plan(tmp_path, text, tabloid).pins) == {"item2", "item3"}


def test_an_odd_page_count_on_an_even_layout_is_an_error(tmp_path, tabloid):
    assert tabloid.pages.even
    err = plan_error(tmp_path, "pages: 3\n", tabloid)
    assert err.diagnostic.line == 1
    assert "pages" in err.diagnostic.message and "even" in err.diagnostic.message


def test_an_item_is_found_by_its_key(tmp_path, tabloid):
    staff = plan(tmp_path, "placement:\n  - item: item2\n    page: 2\n", tabloid)
    assert staff.pins["item2"].page == 1


def test_an_item_is_found_by_part_of_its_title(tmp_path, tabloid):
    staff = plan(tmp_path, "placement:\n  - item: 龙门实验室\n    order: 1\n", tabloid)
    assert dict(staff.order) == {"item1": 1}


def test_a_title_part_matching_several_items_is_an_error_listing_them(tmp_path, tabloid):
    err = plan_error(tmp_path, "placement:\n  - item: 项目\n    page: 2\n", tabloid)
    assert err.diagnostic.line == 2
    assert "matches several items: item1, item3, item4.1" in err.diagnostic.message
