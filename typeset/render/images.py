"""Pictures in print colour: every image the PDF carries is CMYK.

A CMYK picture is used as it is. An RGB one (its own embedded profile, else
sRGB) is separated to the output profile with littleCMS (Pillow's ImageCms),
relative colorimetric with black-point compensation — the newsprint profile's
ink limit and black generation come with it. A grey picture goes on the black
plate only (K = 1 − grey). Transparency is flattened onto white paper: PDF/X-1a
allows no soft masks, and a picture on newsprint has paper behind it.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageCms
from reportlab.lib.utils import ImageReader


def cmyk_image(path: str, profile: bytes | None) -> ImageReader:
    p = Path(path)
    st = p.stat()   # OSError for a missing file: the caller names it
    return ImageReader(_separated(str(p), st.st_mtime_ns, st.st_size, profile))


@functools.lru_cache(maxsize=32)
def _separated(path: str, mtime: int, size: int, profile: bytes | None) -> Image.Image:
    with Image.open(path) as im:
        im.load()
        return to_cmyk(im, profile)


def to_cmyk(im: Image.Image, profile: bytes | None) -> Image.Image:
    if im.mode == "CMYK":
        return im.copy()
    source_icc = im.info.get("icc_profile")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        im = flat.convert("RGB") if im.mode != "LA" else flat.convert("L")
    if im.mode in ("1", "L", "I", "I;16", "F"):
        grey = im.convert("L")
        black = grey.point(lambda v: 255 - v)
        zero = Image.new("L", grey.size, 0)
        return Image.merge("CMYK", (zero, zero, zero, black))
    rgb = im.convert("RGB")
    if profile is None:
        return rgb.convert("CMYK")     # no profile: PIL's naive separation (not for print)
    return _transform(source_icc, profile).apply(rgb)


@functools.lru_cache(maxsize=8)
def _transform(source_icc: bytes | None, profile: bytes) -> ImageCms.ImageCmsTransform:
    src = (ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc
           else ImageCms.createProfile("sRGB"))
    dst = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    return ImageCms.buildTransform(src, dst, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
