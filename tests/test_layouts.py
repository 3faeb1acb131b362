"""Layouts: grid arithmetic in staff units, and errors that say file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.diagnostics import TypesetError
from typeset.design import (LAYOUTS_DIR, PT_PER_MM, LayoutError, load_layout, zihao_pt)

TABLOID_TEXT = (LAYOUTS_DIR / "tabloid.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tabloid():
    return load_layout("tabloid")


@pytest.fixture(scope="module")
def broadsheet():
    return load_layout("city-broadsheet")


def bad_layout(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The tabloid with `old` replaced by `new`; returns the file and the 1-based
    line where `new` starts."""
    assert TABLOID_TEXT.count(old) == 1, old
    text = TABLOID_TEXT.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text[:text.index(new)].count("\n") + 1


def load_error(path: Path) -> LayoutError:
    with pytest.raises(LayoutError) as info:
        load_layout(str(path))
    return info.value


# ---------------------------------------------------------------- grid arithmetic

def test_tabloid_type_area_is_71_characters_wide(tabloid):
    assert tabloid.grid.chars_across == 71
    assert tabloid.type_area[0] == 71 * 9


def test_broadsheet_type_area_is_111_characters_wide(broadsheet):
    assert broadsheet.grid.chars_across == 111
    assert broadsheet.type_area[0] == 111 * 9


def test_two_columns_on_a_13_char_grid_span_27_characters(broadsheet):
    assert broadsheet.grid.span_chars(2) == 27


def test_three_columns_on_a_13_char_grid_span_41_characters(broadsheet):
    assert broadsheet.grid.span_chars(3) == 41


def test_span_width_is_span_characters_times_body_size(broadsheet):
    assert broadsheet.grid.span_width_pt(3) == 41 * 9


def test_column_x_steps_by_column_plus_gutter(tabloid):
    assert tabloid.grid.column_x(0) == 0
    assert tabloid.grid.column_x(2) == 2 * 12 * 9


def test_san_po_er_divides_41_into_two_columns_of_20(broadsheet):
    r = broadsheet.grid.rebreak(41, 2)
    assert (r.column_chars, r.gutter_chars, r.leftover_chars) == (20, 1, 0)


def test_rebreak_leftover_widens_the_gutters(broadsheet):
    r = broadsheet.grid.rebreak(55, 3)  # 四栏 re-divided into 3: (55 − 2) ÷ 3 = 17 r 2
    assert (r.column_chars, r.leftover_chars, r.gutter_chars) == (17, 2, 2)
    assert r.column_offset_chars(2) + r.column_chars == 55


def test_every_baseline_is_a_whole_number_of_pitches_from_the_first(tabloid):
    g = tabloid.grid
    first = g.baseline_y(0)
    for line in range(g.lines):
        steps = (g.baseline_y(line) - first) / g.line_pitch_pt
        assert steps == pytest.approx(round(steps), abs=1e-9) and round(steps) == line


def test_last_line_box_ends_at_the_type_area_bottom(tabloid):
    g = tabloid.grid
    assert g.line_top_y(g.lines - 1) + g.body_size_pt == pytest.approx(g.type_area[1])


def test_spans_beyond_the_grid_are_refused(tabloid):
    with pytest.raises(ValueError):
        tabloid.grid.span_chars(7)


def test_tabloid_type_area_is_about_350_mm_tall(tabloid):
    assert tabloid.type_area[1] / PT_PER_MM == pytest.approx(350, abs=3)


def test_centred_margins_are_equal(tabloid):
    assert tabloid.page.margin_inner_mm == pytest.approx(tabloid.page.margin_outer_mm)


def test_grid_coordinates_map_to_pdf_with_y_up(tabloid):
    x, y = tabloid.to_pdf(0, 0, page_number=1)
    assert x == pytest.approx(tabloid.page.margin_inner_mm * PT_PER_MM)
    assert y == pytest.approx((390 - tabloid.page.margin_top_mm) * PT_PER_MM)


# ---------------------------------------------------------------- 字号

@pytest.mark.parametrize("name, pt", [("初号", 42), ("小初", 36), ("一号", 26), ("二号", 22),
                                      ("三号", 16), ("四号", 14), ("五号", 10.5),
                                      ("小五", 9), ("小五号", 9), ("六号", 7.5)])
def test_zihao_names_convert_to_pt(name, pt):
    assert zihao_pt(name) == pt


def test_style_sizes_are_read_as_zihao(tabloid):
    assert tabloid.style("headline1").size_pt == 26


# ---------------------------------------------------------------- shipped layouts

@pytest.mark.parametrize("name", ["tabloid", "city-broadsheet"])
def test_shipped_layouts_load(name):
    assert load_layout(name).name == name


def test_a_path_is_read_as_is(tmp_path):
    path = tmp_path / "copy.yaml"
    path.write_text(TABLOID_TEXT, encoding="utf-8")
    assert load_layout(str(path)).name == "tabloid"


# ---------------------------------------------------------------- errors

def test_unknown_key_is_reported_with_a_suggestion(tmp_path):
    path, line = bad_layout(tmp_path, "  column_chars: 11", "  colum_chars: 11")
    err = load_error(path)
    assert (err.diagnostic.file, err.diagnostic.line, err.key) == (str(path), line,
                                                                   "grid.colum_chars")
    assert "did you mean 'column_chars'" in str(err)


def test_wrong_type_is_reported(tmp_path):
    path, line = bad_layout(tmp_path, "  lines: 86", "  lines: many")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "grid.lines")
    assert "whole number" in str(err)


def test_missing_required_font_role_is_reported(tmp_path):
    path, line = bad_layout(tmp_path, "  kai: [LXGWWenKai-Regular.ttf, NotoSerifCJKsc-Regular.ttf, "
                            "BabelStoneHan.ttf]\n", "")
    err = load_error(path)
    assert err.key == "fonts" and "'kai'" in str(err)
    assert err.diagnostic.line == TABLOID_TEXT[:TABLOID_TEXT.index("fonts:")].count("\n") + 1


def test_style_font_must_be_a_defined_role(tmp_path):
    path, line = bad_layout(tmp_path, "headline1: {font: heavy", "headline1: {font: heiti")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "styles.headline1.font")
    assert "unknown font role 'heiti'" in str(err) and "roles: song, hei, heavy, kai" in str(err)


def test_missing_required_key_is_reported_at_its_section(tmp_path):
    path, _ = bad_layout(tmp_path, "  lines: 86\n", "")
    err = load_error(path)
    assert err.key == "grid.lines"
    assert err.diagnostic.line == TABLOID_TEXT[:TABLOID_TEXT.index("grid:")].count("\n") + 1


def test_type_area_wider_than_the_page_is_an_error(tmp_path):
    path, line = bad_layout(tmp_path, "  width_mm: 270", "  width_mm: 200")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "page.width_mm")
    assert "does not fit" in str(err)


def test_margin_pushing_the_type_area_off_the_page_is_an_error(tmp_path):
    path, line = bad_layout(tmp_path, "  margin_top_mm: 18", "  margin_top_mm: 45")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "page.margin_top_mm")


def test_headlines_must_rank_by_size(tmp_path):
    path, line = bad_layout(tmp_path, "headline3: {font: hei, size: 三号",
                            "headline3: {font: hei, size: 小一")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "styles.headline3.size")


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path, line = bad_layout(tmp_path, "  columns: 6 ", "  columns: [6 ")
    err = load_error(path)
    assert isinstance(err, TypesetError)
    assert err.diagnostic.file == str(path) and "YAML syntax error" in str(err)
    assert line <= err.diagnostic.line <= line + 2


def test_missing_file_names_it_and_the_available_layouts(tmp_path):
    err = load_error(tmp_path / "nope.yaml")
    assert err.diagnostic.file == str(tmp_path / "nope.yaml")
    assert "city-broadsheet, tabloid" in str(err)


def test_unknown_layout_name_suggests_a_close_one():
    with pytest.raises(LayoutError, match="did you mean 'tabloid'"):
        load_layout("yibin-tabloit")
