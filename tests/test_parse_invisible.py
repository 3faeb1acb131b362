"""Characters a reader never sees: each class has its rule, and none prints as a box.

Pasted text carries zero-width spaces, direction marks, soft hyphens,
variation selectors and combining accents. They are dropped with a warning,
composed, or refused with the line and column — decided by Unicode class,
never by whether some fallback font happens to have a (placeholder) glyph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.build import build
from typeset.design import LAYOUTS_DIR
from typeset.diagnostics import TypesetError
from typeset.fonts import FontSet
from typeset.parse import parse_issue

BODY = "伊滨讯 3月28日，区党工委理论学习中心组举行集体学习研讨，深入学习领会会议精神。"


def issue_with(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "issue.txt"
    path.write_text(f"## 区党工委举行集体学习\n\n{body}\n", encoding="utf-8")
    return path


def body_text(issue) -> str:
    return "".join(block.text for block in issue.items[0].body)


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
                                       "\u2060", "\u202a", "\u202e", "\u2066", "\ufeff",
                                       "\u00ad", "\ufe0e", "\ufe0f", "\U000e0100"])
def test_an_invisible_character_is_dropped_with_a_warning_naming_its_line(tmp_path, invisible):
    issue = parse_issue(issue_with(tmp_path, BODY[:10] + invisible + BODY[10:]))
    assert body_text(issue) == BODY
    (note,) = [d for d in issue.diagnostics if "invisible" in d.message]
    assert note.line == 3 and f"U+{ord(invisible):04X}" in note.message


def test_many_zero_width_spaces_on_a_line_are_one_warning_with_a_count(tmp_path):
    issue = parse_issue(issue_with(tmp_path, "\u200b".join(BODY)))
    (note,) = [d for d in issue.diagnostics if "invisible" in d.message]
    assert f"×{len(BODY) - 1}" in note.message


def test_a_form_feed_inside_a_line_is_a_space(tmp_path):
    issue = parse_issue(issue_with(tmp_path, "Latin\ftext " + BODY))
    assert body_text(issue).startswith("Latin text")


def test_a_letter_with_a_combining_accent_is_composed(tmp_path):
    issue = parse_issue(issue_with(tmp_path, BODY + "Cafe\u0301 Pele\u0301。"))
    assert body_text(issue).endswith("Café Pelé。")


def test_compatibility_ideographs_are_not_rewritten(tmp_path):
    """NFC over the whole text would turn U+F900 (豈) into U+8C48."""
    issue = parse_issue(issue_with(tmp_path, BODY + "\uf900字，e\u0301。"))
    assert "\uf900" in body_text(issue)


def test_an_accent_with_no_precomposed_form_is_refused_at_its_column(tmp_path):
    with pytest.raises(TypesetError) as info:
        parse_issue(issue_with(tmp_path, "x\u0301" + BODY))
    d = info.value.diagnostic
    assert (d.line, d.column) == (3, 1) and "U+0301" in d.message


def test_an_unassigned_code_point_is_refused_at_its_column(tmp_path):
    with pytest.raises(TypesetError) as info:
        parse_issue(issue_with(tmp_path, BODY[:5] + "\u0378" + BODY[5:]))
    assert (info.value.diagnostic.line, info.value.diagnostic.column) == (3, 6)


def test_no_font_serves_a_format_character_even_one_that_has_a_glyph_for_it():
    fonts = FontSet.load({"song": ["NotoSerifCJKsc-Regular.ttf", "BabelStoneHan.ttf"]})
    for char in ("\u200d", "\u202e", "\ufe0f"):
        assert fonts.face_for("song", char) is None


def test_a_private_use_character_without_a_declared_font_stops_the_build(tmp_path):
    path = issue_with(tmp_path, BODY + "造\ue000字。")
    with pytest.raises(TypesetError, match="U\\+E000.*zaozi"):
        build(path, tmp_path / "out", strict=False)
    assert not (tmp_path / "out" / "issue.pdf").exists()


def test_a_private_use_character_prints_from_the_font_the_layout_declares(tmp_path):
    babelstone = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
    if not babelstone.exists():
        pytest.skip("BabelStone Han (Debian fonts-babelstone-han) stands in for a 造字 font")
    layout = tmp_path / "with-zaozi.yaml"
    text = (LAYOUTS_DIR / "tabloid.yaml").read_text(encoding="utf-8")
    layout.write_text(text.replace("fonts:", "fonts:\n  zaozi: [BabelStoneHan.ttf]", 1),
                      encoding="utf-8")
    result = build(issue_with(tmp_path, BODY + "造\ue000字。"), tmp_path / "out", str(layout), strict=False)
    assert result.pdf.exists()
