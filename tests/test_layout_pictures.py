"""Pictures on the page: a sidecar's `pictures:` entry printed under its
story's headline, across its module, with caption and credit, in CMYK; a
picture too coarse for its placed size is a warning on a draft and refused
for print; a picture that cannot be used stops the build with its sidecar
line and writes nothing. (Loading and checking the files: test_pictures.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from typeset.build import build
from typeset.diagnostics import TypesetError
from typeset.frames import Picture, TextLine

from .conftest import SEED_000
from .layout_support import glyph_text

TITLE = "中州时代"          # part of seed 000's item4.1 title


def issue_with_picture(tmp_path: Path, entry: str, size=(1600, 1000)) -> Path:
    folder = tmp_path / "issue"
    folder.mkdir()
    source = folder / SEED_000.name
    shutil.copy(SEED_000, source)
    Image.new("RGB", size, (190, 120, 60)).save(folder / "photo.jpg", quality=90)
    source.with_suffix(".yaml").write_text("pictures:\n" + entry, encoding="utf-8")
    return source


def story_elements(result, key: str):
    for page in result.laid.frames.pages:
        mine = [e for e in page.elements if isinstance(e, TextLine) and e.story == key]
        if mine:
            return page, mine
    raise AssertionError(f"{key} is not drawn")


def test_a_picture_stands_under_its_headline_and_over_its_text_with_its_caption(tmp_path):
    source = issue_with_picture(tmp_path, f"  - item: {TITLE}\n    file: photo.jpg\n"
                                          "    caption: 机电安装现场\n    credit: 记者 王伟 摄\n"
                                          "    width: 3\n")
    result = build(source, tmp_path / "out", "tabloid", strict=False)
    module = next(m for m in result.laid.plan.modules if m.key == "item4.1")
    assert module.width == 3                       # the width staff gave its picture
    page, lines = story_elements(result, "item4.1")
    (picture,) = [e for e in page.elements if isinstance(e, Picture)]
    heads = [e for e in lines if e.role.startswith("headline")]
    body = [e for e in lines if e.role == "body"]
    captions = [e for e in page.elements if isinstance(e, TextLine) and e.role == "picture_caption"
                and picture.y < e.baseline < picture.y + picture.h + 3 * e.size * 2]
    assert max(h.baseline for h in heads) < picture.y
    assert picture.y + picture.h < min(c.baseline for c in captions)
    assert max(c.baseline for c in captions) < min(b.baseline for b in body)
    assert "机电安装现场 记者 王伟 摄" in "".join(glyph_text(c) for c in captions)
    # the picture's aspect is kept
    assert picture.w / picture.h == pytest.approx(1600 / 1000, rel=1e-3)
    with pikepdf.open(result.pdf) as pdf:         # printed, separated to CMYK
        images = [pikepdf.PdfImage(image) for p in pdf.pages for image in p.get_images().values()]
    assert any(image.colorspace == "/DeviceCMYK" for image in images)


def test_nothing_is_drawn_over_a_picture_and_the_audit_holds(tmp_path):
    source = issue_with_picture(tmp_path, f"  - item: {TITLE}\n    file: photo.jpg\n"
                                          "    caption: 机电安装现场\n")
    result = build(source, tmp_path / "out", "tabloid", strict=False)
    blocking = [d for d in result.diagnostics if d.rule in
                ("audit.overlap", "audit.white_hole", "audit.repeated")]
    assert not blocking, blocking


def test_a_picture_too_coarse_for_its_size_is_a_draft_warning_at_its_sidecar_line(tmp_path):
    source = issue_with_picture(tmp_path, f"  - item: {TITLE}\n    file: photo.jpg\n",
                                size=(200, 120))
    result = build(source, tmp_path / "out", "tabloid", strict=False)
    (warning,) = [d for d in result.diagnostics if d.rule == "picture.print_ppi"]
    assert warning.file == str(source.with_suffix(".yaml")) and warning.line == 2
    assert "ppi" in warning.message


def test_a_build_for_print_refuses_a_coarse_picture_and_writes_nothing(tmp_path):
    source = issue_with_picture(tmp_path, f"  - item: {TITLE}\n    file: photo.jpg\n",
                                size=(200, 120))
    out = tmp_path / "out"
    with pytest.raises(TypesetError) as caught:
        build(source, out, "tabloid")
    assert "ppi" in str(caught.value) and caught.value.diagnostic.line == 2
    assert not out.exists() or not list(out.iterdir())


def test_a_missing_picture_stops_the_build_at_its_sidecar_line(tmp_path):
    source = issue_with_picture(tmp_path, f"  - item: {TITLE}\n    file: lost.jpg\n")
    out = tmp_path / "out"
    with pytest.raises(TypesetError) as caught:
        build(source, out, "tabloid", strict=False)
    assert "lost.jpg" in str(caught.value) and caught.value.diagnostic.line == 3
    assert not out.exists() or not list(out.iterdir())


def test_a_picture_wider_than_the_page_is_refused_at_its_sidecar_line(tmp_path):
    source = issue_with_picture(tmp_path, f"  - item: {TITLE}\n    file: photo.jpg\n"
                                          "    width: 9\n")
    with pytest.raises(TypesetError) as caught:
        build(source, tmp_path / "out", "tabloid", strict=False)
    assert "9 columns" in str(caught.value) and caught.value.diagnostic.line == 2
