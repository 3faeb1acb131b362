"""What changed since an earlier source, and where it is drawn."""

import time
from types import SimpleNamespace

from typeset.compose import Glyph
from typeset.frames import DocumentFrames, PageFrame, TextLine
from typeset.model.span import Span
from typeset.proof.diff import place_changes, source_changes


def test_a_replaced_phrase_is_one_replacement_with_its_old_text_and_line():
    (change,) = source_changes("甲乙\n会议由张三主持。\n", "甲乙\n会议由李四主持。\n")
    assert (change.kind, change.old, change.new, change.line) == ("replace", "张三", "李四", 2)


def test_an_insertion_has_no_old_text():
    (change,) = source_changes("会议召开。", "会议今天召开。")
    assert (change.kind, change.new, change.old) == ("insert", "今天", "")


def test_a_deletion_has_no_extent_in_the_new_text():
    (change,) = source_changes("会议今天召开。", "会议召开。")
    assert (change.kind, change.old, change.start, change.end) == ("delete", "今天", 2, 2)


def test_the_diff_is_fast_on_ten_thousand_han_characters():
    old = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(10_000))
    new = old[:5000] + "新增的一句话。" + old[5003:]
    start = time.perf_counter()
    changes = source_changes(old, new)
    assert time.perf_counter() - start < 0.1
    assert changes and all(c.line == 1 for c in changes)


def _line(text, y, story="item1", role="body"):
    glyphs = tuple(Glyph(ch, "song", float(i), 1.0) for i, ch in enumerate(text))
    return TextLine(10.0, y, 10.0, glyphs, role=role, story=story)


def _issue(first, last):
    story = SimpleNamespace(source=Span("i.txt", first, last))
    return SimpleNamespace(epigraph=None, stories=lambda: [("item1", story, None)])


def test_a_change_is_highlighted_on_the_glyphs_that_print_it():
    old = ["## 标题", "", "会议由张三主持,部署工作。"]
    new = ["## 标题", "", "会议由李四主持,部署工作。"]
    line = _line("会议由李四主持，部署工作。", 50.0)      # the comma printed full width
    frames = DocumentFrames((PageFrame(1, 300, 300, 0, (line,)),), "t")
    placed = place_changes(source_changes("\n".join(old), "\n".join(new)), frames,
                           _issue(1, 3), tuple(new))
    (spot,) = placed.spots
    assert (spot.x, spot.w) == (10.0 + 3 * 10.0, 2 * 10.0) and spot.line is line


def test_a_changed_punctuation_mark_maps_through_its_printed_form():
    old = ["会议召开,部署工作。"]
    new = ["会议召开;部署工作。"]
    line = _line("会议召开；部署工作。", 50.0)
    frames = DocumentFrames((PageFrame(1, 300, 300, 0, (line,)),), "t")
    placed = place_changes(source_changes(old[0], new[0]), frames, _issue(1, 1), tuple(new))
    (spot,) = placed.spots
    assert spot.x == 10.0 + 4 * 10.0


def test_a_deletion_is_a_caret_after_the_character_before_it():
    old, new = "会议今天召开。", "会议召开。"
    line = _line("会议召开。", 50.0)
    frames = DocumentFrames((PageFrame(1, 300, 300, 0, (line,)),), "t")
    (spot,) = place_changes(source_changes(old, new), frames, _issue(1, 1), (new,)).spots
    assert spot.w == 0 and spot.x == 10.0 + 2 * 10.0


def test_text_the_layout_added_is_never_a_change():
    old, new = "会议召开。", "会议召开了。"
    lines = (_line("会议召开了。", 50.0), _line("（下转第2版）", 62.0, role="jump"))
    frames = DocumentFrames((PageFrame(1, 300, 300, 0, lines),), "t")
    (spot,) = place_changes(source_changes(old, new), frames, _issue(1, 1), (new,)).spots
    assert spot.line is lines[0]


def test_a_change_in_a_line_not_printed_is_listed_as_unplaced():
    old = ["会议召开。", "", "转载须注明出处"]
    new = ["会议召开。", "", "转载须经同意"]
    frames = DocumentFrames((PageFrame(1, 300, 300, 0, (_line("会议召开。", 50.0),)),), "t")
    placed = place_changes(source_changes("\n".join(old), "\n".join(new)), frames,
                           _issue(1, 1), tuple(new))
    assert placed.spots == () and [c.line for c in placed.unplaced] == [3]
