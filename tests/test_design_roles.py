"""The text roles table (whose words a role's lines carry, which style settings
it honours) and the layout settings checked against it: a style may set only
what its role uses, and each refusal names the file, the line and the key."""

from __future__ import annotations


import pytest
import yaml

from typeset.design import LAYOUTS_DIR, available_layouts, load_layout
from typeset.design.layout_schema import DEFAULT_PAGE_LIMIT
from typeset.design.roles import HEADLINE_RANKS, SOURCE_ROLES, STYLE_ROLES

from .test_layouts import TABLOID_TEXT, bad_layout, load_error  # one way to break a layout


# ---------------------------------------------------------------- whose text

def test_the_headline_ranks_are_headline1_to_headline4():
    assert HEADLINE_RANKS == ("headline1", "headline2", "headline3", "headline4")


@pytest.mark.parametrize("role", [*HEADLINE_RANKS, "body", "byline"])
def test_a_role_carrying_the_issues_own_words_is_a_source_role(role):
    assert role in SOURCE_ROLES


@pytest.mark.parametrize("role", ["running_head", "jump", "filler", "masthead", "pullquote",
                                  "continued_title"])
def test_furniture_and_repeated_text_are_not_source_roles(role):
    assert role not in SOURCE_ROLES


# ---------------------------------------------------------------- styles and roles

@pytest.mark.parametrize("name", available_layouts())
def test_every_style_in_a_shipped_layout_is_a_style_role(name):
    styles = yaml.safe_load((LAYOUTS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))["styles"]
    assert set(styles) - set(STYLE_ROLES) == set()


def test_a_layout_without_a_caption_style_loads():
    assert "caption:" not in TABLOID_TEXT
    assert "caption" not in load_layout("tabloid").styles


def test_a_caption_style_when_given_is_read(tmp_path):
    path, _ = bad_layout(tmp_path, "  jump:      {font: kai, size: 小五, align: right}",
                         "  jump:      {font: kai, size: 小五, align: right}\n"
                         "  caption:   {font: kai, size: 小五, align: left}")
    assert load_layout(str(path)).styles["caption"].align == "left"


def test_a_layout_without_a_required_style_is_an_error(tmp_path):
    path, _ = bad_layout(tmp_path, "  kicker:    {font: kai, size: 四号, align: center}"
                                   "                  # 引题 in kai\n", "")
    err = load_error(path)
    assert err.key == "styles.kicker" and "missing required key" in str(err)


def test_a_frame_on_a_headline_is_refused_naming_the_roles_that_use_it(tmp_path):
    path, line = bad_layout(tmp_path, "headline1: {font: heavy, size: 一号, lines: 5, align: center}",
                            "headline1: {font: heavy, size: 一号, lines: 5, align: center, "
                            "frame: box}")
    err = load_error(path)
    assert (err.diagnostic.file, err.diagnostic.line, err.key) == (str(path), line,
                                                                   "styles.headline1.frame")
    assert "headline1 does not use 'frame'" in str(err)
    assert "it applies to: rubric, epigraph" in str(err)


def test_lines_on_a_kicker_is_refused_naming_the_roles_that_use_it(tmp_path):
    path, line = bad_layout(tmp_path, "kicker:    {font: kai, size: 四号, align: center}",
                            "kicker:    {font: kai, size: 四号, lines: 2, align: center}")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "styles.kicker.lines")
    assert "kicker does not use 'lines'" in str(err)
    assert "headline1, headline2, headline3, headline4, subhead1, subhead2" in str(err)


def test_an_indent_on_a_rubric_is_refused_naming_the_roles_that_use_it(tmp_path):
    path, line = bad_layout(tmp_path, "rubric:    {font: hei, size: 小四, frame: reverse}",
                            "rubric:    {font: hei, size: 小四, indent: 2, frame: reverse}")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "styles.rubric.indent")
    assert "rubric does not use 'indent'" in str(err) and "it applies to: body, epigraph" in str(err)


def test_a_setting_a_role_does_use_is_accepted(tmp_path):
    path, _ = bad_layout(tmp_path, "rubric:    {font: hei, size: 小四, frame: reverse}",
                         "rubric:    {font: hei, size: 小四, frame: box}")
    assert load_layout(str(path)).styles["rubric"].frame == "box"


def test_a_dateline_larger_than_the_body_size_is_an_error(tmp_path):
    path, line = bad_layout(tmp_path, "dateline:  {font: hei, size: 小五}",
                            "dateline:  {font: hei, size: 五号}")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line, "styles.dateline.size")
    assert "body size (9 pt)" in str(err)


# ---------------------------------------------------------------- pages

def test_the_page_limit_defaults_to_48():
    assert "limit:" not in TABLOID_TEXT
    assert DEFAULT_PAGE_LIMIT == 48
    assert load_layout("tabloid").pages.limit == 48


def test_a_page_count_over_the_default_limit_is_an_error(tmp_path):
    path, line = bad_layout(tmp_path, "  even: true", "  even: true\n  count: 50")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line + 1, "pages.count")
    assert "over pages.limit (48)" in str(err)


def test_a_page_count_over_the_given_limit_is_an_error(tmp_path):
    path, line = bad_layout(tmp_path, "  even: true", "  even: true\n  limit: 8\n  count: 10")
    err = load_error(path)
    assert (err.diagnostic.line, err.key) == (line + 2, "pages.count")
    assert "over pages.limit (8)" in str(err)


def test_a_page_count_within_the_limit_is_kept(tmp_path):
    path, _ = bad_layout(tmp_path, "  even: true", "  even: true\n  limit: 8\n  count: 8")
    pages = load_layout(str(path)).pages
    assert (pages.count, pages.limit) == (8, 8)
