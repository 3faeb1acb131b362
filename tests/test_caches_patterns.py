"""Regular expressions compiled once per machine (typeset.caches.Patterns): the
Pattern made from the stored code is the one re.compile makes."""

from __future__ import annotations

import re

import pytest

from typeset import caches
from typeset.caches import Patterns
from typeset.parse import evidence, masthead

SAMPLE = r"^(?P<label>准印证号?)[:：]?(?P<value>[\u3400-\u4dbf\u4e00-\u9fff]{2,8}\d+号)$"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPESET_PATTERN_CACHE", str(tmp_path))
    return tmp_path


def module_patterns(module) -> list[re.Pattern]:
    found = [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    for value in vars(module).values():
        if isinstance(value, tuple):
            found += [p for row in value if isinstance(row, tuple)
                      for p in row if isinstance(p, re.Pattern)]
    return found


@pytest.mark.parametrize("module", [evidence, masthead])
def test_the_readers_patterns_are_what_re_compile_makes(module):
    patterns = module_patterns(module)
    assert len(patterns) >= 19
    for pattern in patterns:
        assert pattern == re.compile(pattern.pattern, pattern.flags), pattern.pattern


def test_a_pattern_compiled_once_is_read_back_from_the_file(folder, monkeypatch):
    first = Patterns("sample")
    made = first.compile(SAMPLE)
    assert first.save() and (folder / "sample.marshal").is_file()
    monkeypatch.setattr(caches.re, "compile", lambda *a: pytest.fail("compiled again"))
    again = Patterns("sample").compile(SAMPLE)
    assert again == made and again.match("准印证号：豫内字12号").group("value") == "豫内字12号"


def test_flags_are_part_of_what_a_pattern_is_found_by(folder):
    first = Patterns("flags")
    first.compile("abc")
    first.save()
    assert Patterns("flags").compile("abc", re.IGNORECASE).match("ABC")


def test_nothing_is_written_when_every_pattern_was_found(folder):
    first = Patterns("quiet")
    first.compile(SAMPLE)
    assert first.save()
    second = Patterns("quiet")
    second.compile(SAMPLE)
    assert not second.save()


def test_a_damaged_file_is_compiled_afresh(folder):
    first = Patterns("damaged")
    first.compile(SAMPLE)
    first.save()
    file = folder / "damaged.marshal"
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))
    again = Patterns("damaged")
    assert again.compile(SAMPLE) == re.compile(SAMPLE)
    assert again.save()                 # and the file is written whole again


def test_a_file_of_another_python_is_not_used(folder, monkeypatch):
    first = Patterns("other")
    first.compile(SAMPLE)
    first.save()
    monkeypatch.setattr(caches, "_engine_key", lambda: ("another python", 0, 4))
    again = Patterns("other")
    assert again._stored == {}
    assert again.compile(SAMPLE) == re.compile(SAMPLE)


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPESET_PATTERN_CACHE", "off")
    patterns = Patterns("off")
    assert patterns.compile(SAMPLE) == re.compile(SAMPLE)
    assert not patterns.save()


def test_an_unwritable_folder_still_compiles(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("in the way")
    monkeypatch.setenv("TYPESET_PATTERN_CACHE", str(tmp_path / "file" / "below"))
    patterns = Patterns("blocked")
    assert patterns.compile(SAMPLE) == re.compile(SAMPLE)
    assert not patterns.save()
