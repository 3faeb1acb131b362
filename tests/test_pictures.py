"""Pictures named in the sidecar's `pictures:` section: a file that cannot be
printed (missing, outside the issue's folder, not an image, corrupt, a
decompression bomb) is one error naming the sidecar line; a picture too coarse
for its placed width is a warning, or for print an error."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from PIL import Image

from typeset import pictures
from typeset.diagnostics import TypesetError
from typeset.parse import parse_issue
from typeset.pictures import (PRINT_MIN_PPI, WARN_PPI, PictureError, effective_ppi, load_pictures,
                              ppi_verdict, resolution)
from typeset.sidecar import PictureEntry, SidecarError, load_sidecar

BODY = ("记者从市发展改革委获悉，今年以来全市重点项目建设进展顺利，一批重大项目相继开工，"
        "完成投资同比增长百分之十二，为全年目标打下坚实基础。")
# item1 has a caption paragraph on line 5; item2 a photo-credit byline on line 13
ISSUE = (f"\n\n## 全市重点项目建设提速\n\n图为新区道路改造现场。（记者 王伟 摄）\n\n{BODY}\n\n"
         f"## 新区道路改造完工\n\n{BODY}\n\n（记者 李娜 摄）\n")


def folder_of(tmp_path: Path) -> Path:
    """The issue's folder, inside tmp_path, so that tmp_path itself is outside it."""
    folder = tmp_path / "issue"
    folder.mkdir(exist_ok=True)
    return folder


def photo(path: Path, size=(800, 600), mode="RGB", fmt=None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, 128 if mode in ("L", "1") else (200, 120, 40)).save(path, fmt)
    return path


def sidecar_with(tmp_path: Path, entries: str):
    path = folder_of(tmp_path) / "issue.yaml"
    path.write_text("masthead: {}\npictures:\n" + entries, encoding="utf-8")
    return load_sidecar(path)


def picture_error(tmp_path: Path, entries: str, issue=None) -> PictureError:
    sidecar = sidecar_with(tmp_path, entries)
    with pytest.raises(PictureError) as caught:
        load_pictures(sidecar, issue)
    return caught.value


def the_issue(tmp_path: Path):
    source = folder_of(tmp_path) / "issue.txt"
    source.write_text(ISSUE, encoding="utf-8")
    return parse_issue(source)


# ---------------------------------------------------------------- the sidecar's section

def test_a_pictures_entry_keeps_what_staff_wrote_and_its_line(tmp_path):
    sidecar = sidecar_with(tmp_path, "  - item: item1\n    file: a.jpg\n"
                                     "  - item: 道路\n    file: photos/b.png\n    caption: 图为工地\n"
                                     "    credit: 记者 王伟 摄\n    width: 2\n")
    assert sidecar.pictures == (PictureEntry("item1", "a.jpg", 3),
                                PictureEntry("道路", "photos/b.png", 5, "图为工地", "记者 王伟 摄", 2))


def test_a_misspelt_key_in_a_pictures_entry_gets_a_did_you_mean_and_its_line(tmp_path):
    with pytest.raises(SidecarError) as caught:
        sidecar_with(tmp_path, "  - item: item1\n    file: a.jpg\n    captoin: 图为工地\n")
    d = caught.value.diagnostic
    assert (d.file, d.line) == (str(folder_of(tmp_path) / "issue.yaml"), 5)
    assert "pictures[0].captoin" in d.message and "did you mean 'caption'" in d.message


def test_a_picture_zero_columns_wide_is_refused(tmp_path):
    with pytest.raises(SidecarError) as caught:
        sidecar_with(tmp_path, "  - item: item1\n    file: a.jpg\n    width: 0\n")
    assert caught.value.diagnostic.line == 5 and "pictures[0].width" in str(caught.value)


def test_a_pictures_entry_without_a_file_is_refused(tmp_path):
    with pytest.raises(SidecarError) as caught:
        sidecar_with(tmp_path, "  - item: item1\n    caption: 图为工地\n")
    assert caught.value.diagnostic.line == 3 and "pictures[0].file" in str(caught.value)
    assert "missing required key" in str(caught.value)


# ---------------------------------------------------------------- files that load

def test_a_good_rgb_jpeg_loads_with_its_pixel_size(tmp_path):
    path = photo(folder_of(tmp_path) / "photos" / "dam.jpg", (1200, 800))
    (pic,) = load_pictures(sidecar_with(tmp_path, "  - item: item1\n    file: photos/dam.jpg\n"
                                                  "    width: 2\n"))
    assert (pic.item, pic.path, pic.pixels, pic.mode) == ("item1", str(path.resolve()),
                                                          (1200, 800), "RGB")
    assert (pic.width_columns, pic.line, pic.sidecar) == (2, 3, str(folder_of(tmp_path) /
                                                                    "issue.yaml"))


def test_a_grey_png_loads_as_grey(tmp_path):
    photo(folder_of(tmp_path) / "grey.png", (640, 480), "L")
    (pic,) = load_pictures(sidecar_with(tmp_path, "  - item: item1\n    file: grey.png\n"))
    assert (pic.pixels, pic.mode) == ((640, 480), "L")


def test_loading_pictures_leaves_the_warning_filters_as_they_were(tmp_path):
    photo(folder_of(tmp_path) / "a.jpg")
    before = list(warnings.filters)
    load_pictures(sidecar_with(tmp_path, "  - item: item1\n    file: a.jpg\n"))
    assert warnings.filters == before


# ---------------------------------------------------------------- files that are refused

def test_a_picture_error_is_a_sidecar_error_and_a_typeset_error():
    assert issubclass(PictureError, SidecarError) and issubclass(PictureError, TypesetError)


def test_a_missing_picture_names_the_sidecar_file_and_line(tmp_path):
    photo(folder_of(tmp_path) / "a.jpg")
    err = picture_error(tmp_path, "  - item: item1\n    file: a.jpg\n"
                                  "  - item: item2\n    file: photos/missing.jpg\n")
    d = err.diagnostic
    assert (d.file, d.line) == (str(folder_of(tmp_path) / "issue.yaml"), 6)
    assert "pictures[1].file" in d.message and "no such file: photos/missing.jpg" in d.message


def test_a_picture_up_and_out_of_the_issues_folder_is_refused(tmp_path):
    photo(tmp_path / "outside.jpg")
    err = picture_error(tmp_path, "  - item: item1\n    file: ../outside.jpg\n")
    assert err.diagnostic.line == 4 and "outside the issue's folder" in err.diagnostic.message


def test_an_absolute_path_outside_the_issues_folder_is_refused(tmp_path):
    outside = photo(tmp_path / "outside.jpg")
    err = picture_error(tmp_path, f"  - item: item1\n    file: {outside}\n")
    assert err.diagnostic.line == 4 and "outside the issue's folder" in err.diagnostic.message


def test_an_absolute_path_inside_the_issues_folder_is_allowed(tmp_path):
    inside = photo(folder_of(tmp_path) / "a.jpg")
    (pic,) = load_pictures(sidecar_with(tmp_path, f"  - item: item1\n    file: {inside}\n"))
    assert pic.path == str(inside.resolve())


def test_a_symlink_pointing_out_of_the_issues_folder_is_refused(tmp_path):
    outside = photo(tmp_path / "outside.jpg")
    os.symlink(outside, folder_of(tmp_path) / "link.jpg")
    err = picture_error(tmp_path, "  - item: item1\n    file: link.jpg\n")
    assert err.diagnostic.line == 4 and "outside the issue's folder" in err.diagnostic.message


def test_a_text_file_named_jpg_is_not_an_image(tmp_path):
    (folder_of(tmp_path) / "notes.jpg").write_text("图片稍后补发\n", encoding="utf-8")
    err = picture_error(tmp_path, "  - item: item1\n    file: notes.jpg\n")
    assert err.diagnostic.line == 4
    assert "notes.jpg is not a JPEG, PNG or TIFF image" in err.diagnostic.message


def test_a_gif_is_not_a_format_for_print(tmp_path):
    photo(folder_of(tmp_path) / "anim.gif", mode="P", fmt="GIF")
    err = picture_error(tmp_path, "  - item: item1\n    file: anim.gif\n")
    assert "is not a JPEG, PNG or TIFF image" in err.diagnostic.message


def test_a_truncated_jpeg_is_refused_as_corrupt(tmp_path):
    path = folder_of(tmp_path) / "cut.jpg"
    noisy = Image.effect_noise((800, 600), 64).convert("RGB")
    noisy.save(path, quality=90)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])   # the upload broke off
    err = picture_error(tmp_path, "  - item: item1\n    file: cut.jpg\n")
    assert err.diagnostic.line == 4 and "cut.jpg is corrupt or truncated" in err.diagnostic.message


def test_a_png_declaring_144_megapixels_is_refused_as_a_decompression_bomb(tmp_path):
    path = folder_of(tmp_path) / "bomb.png"
    Image.new("1", (12000, 12000)).save(path)      # a few kilobytes on disk
    assert path.stat().st_size < 100_000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")            # as outside pytest: Pillow only warns
        err = picture_error(tmp_path, "  - item: item1\n    file: bomb.png\n")
    assert err.diagnostic.line == 4 and "too many pixels" in err.diagnostic.message
    assert "144000000 pixels" in err.diagnostic.message


def test_a_picture_over_the_pixel_limit_is_refused_from_its_header(tmp_path, monkeypatch):
    monkeypatch.setattr(pictures, "MAX_PIXELS", 100_000)
    photo(folder_of(tmp_path) / "big.jpg", (400, 300))
    err = picture_error(tmp_path, "  - item: item1\n    file: big.jpg\n")
    assert "big.jpg: 400 × 300 pixels, over the limit" in err.diagnostic.message


# ---------------------------------------------------------------- items

def test_a_picture_is_given_to_the_item_its_title_names(tmp_path):
    photo(folder_of(tmp_path) / "a.jpg")
    sidecar = sidecar_with(tmp_path, "  - item: 改造完工\n    file: a.jpg\n")
    (pic,) = load_pictures(sidecar, the_issue(tmp_path))
    assert pic.item == "item2"


def test_a_picture_of_no_item_names_its_item_line(tmp_path):
    photo(folder_of(tmp_path) / "a.jpg")
    err = picture_error(tmp_path, "  - item: 不存在的标题\n    file: a.jpg\n",
                        the_issue(tmp_path))
    assert err.diagnostic.line == 3
    assert "pictures[0].item" in err.diagnostic.message and "no item '不存在的标题'" in str(err)


def test_effective_resolution_is_pixels_over_placed_inches():
    assert effective_ppi(1000, 360) == pytest.approx(200)   # 360 pt = 5 in


@pytest.mark.parametrize("ppi, for_print, verdict", [
    (250, True, None), (150, True, "warning"), (100, True, "error"), (100, False, "warning"),
], ids=["sharp", "soft", "coarse for print", "coarse in a draft"])
def test_the_ppi_verdicts(ppi, for_print, verdict):
    assert ppi_verdict(ppi, for_print) == verdict
    assert PRINT_MIN_PPI < 150 < WARN_PPI < 250


def test_a_coarse_picture_is_a_print_error_at_its_sidecar_line(tmp_path):
    photo(folder_of(tmp_path) / "small.jpg", (500, 375))
    (pic,) = load_pictures(sidecar_with(tmp_path, "  - item: item1\n    file: small.jpg\n"))
    d = resolution(pic, 360)                     # 500 px over 5 in: 100 ppi
    assert (d.severity, d.rule, d.file, d.line) == ("error", "picture.print_ppi",
                                                    str(folder_of(tmp_path) / "issue.yaml"), 3)
    assert "100 ppi as placed" in d.message
    assert resolution(pic, 240).rule == "picture.low_ppi"      # 150 ppi: soft
    assert resolution(pic, 360, for_print=False).severity == "warning"   # a draft only warns
    assert resolution(pic, 180) is None                        # 200 ppi: sharp enough
