"""Pictures of the items: the sidecar's `pictures:` entries checked and opened.

    pictures:
      - item: 作风硬                 # an item key or part of its title, as in placement:
        file: photos/dam.jpg        # relative to the sidecar's folder
        caption: 图为施工现场          # optional
        credit: 记者 王伟 摄           # optional
        width: 2                    # optional, columns

`load_pictures` runs before anything is laid out or written: a file that is
missing, outside the issue's folder, not a JPEG/PNG/TIFF, corrupt or too
large is one `PictureError` naming the sidecar line, and nothing is built.
Pillow opens only the formats listed here (a hostile file is never handed
to the other decoders), and a decompression bomb — a small file declaring a
huge image — is refused from its header before a pixel is decoded.

Caption and credit are the sidecar's: a caption paragraph in the text
(图为…) stays where the text has it, so no words are printed twice. The
colour separation is typeset.render.images's;
the resolution as placed is judged here (`resolution`), once the layout
knows the placed width.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .diagnostics import Diagnostic
from .model import Issue, title_of
from .sidecar import Sidecar, SidecarError, resolve_item

FORMATS = ("JPEG", "PNG", "TIFF")   # what photo desks deliver; nothing else is decoded
# 80 megapixels: a 10,000 × 8,000 camera file. A full broadsheet page at 300 ppi
# is about 25 MP, so anything larger is a mistake or an attack. It is below
# Pillow's own MAX_IMAGE_PIXELS (89 MP), whose warning we also make an error,
# so a bomb is refused whichever check sees it first.
MAX_PIXELS = 80_000_000

WARN_PPI = 200          # below this, a picture prints visibly soft: a warning
PRINT_MIN_PPI = 120     # below this, it prints as blocks: an error for print


class PictureError(SidecarError):
    """A picture the sidecar names that cannot be used."""


@dataclass(frozen=True)
class PictureSource:
    """A checked picture: `path` resolved, `pixels` (width, height), Pillow's
    `mode` (RGB, L, CMYK, …). `item` is the item's key when an issue was
    given, else as written. `sidecar` and `line` are where it is named."""
    item: str
    path: str
    pixels: tuple[int, int]
    mode: str
    caption: str | None
    credit: str | None
    width_columns: int | None
    line: int
    sidecar: str | None = None


def load_pictures(sidecar: Sidecar, issue: Issue | None = None) -> tuple[PictureSource, ...]:
    """Every `pictures:` entry of `sidecar`, its file checked and opened.
    With `issue`, each `item:` is resolved to the item's key exactly as
    placement entries are (an unknown or ambiguous item is an error)."""
    if not sidecar.pictures:
        return ()
    base = Path(sidecar.path).parent.resolve()
    titles = {key: title_of(story) for key, story, _ in issue.stories()} if issue else {}
    out = []
    for index, entry in enumerate(sidecar.pictures):
        where = f"pictures[{index}]"

        def fail(message: str, key: str = "file"):
            raise PictureError(message, sidecar.path,
                               sidecar.lines.get(f"{where}.{key}", entry.line), f"{where}.{key}")

        path = _inside(base, entry.file, fail)
        pixels, mode = _open(path, entry.file, fail)
        item = entry.item
        if issue is not None:
            item = resolve_item(entry.item, titles, lambda m: fail(m, "item"))
        out.append(PictureSource(item, str(path), pixels, mode, entry.caption, entry.credit,
                                 entry.width, entry.line, sidecar.path))
    return tuple(out)


def _inside(base: Path, name: str, fail) -> Path:
    """The file, resolved (`..` and symlinks followed), only if it lies in the
    issue's folder: a sidecar must not make a build read other files."""
    try:
        path = (base / name).resolve()
    except (OSError, RuntimeError) as exc:       # RuntimeError: a symlink loop
        fail(f"cannot resolve {name}: {exc}")
    if not path.is_relative_to(base):
        fail(f"{name} is outside the issue's folder {base}: pictures must be in it "
             "(or a folder under it)")
    if not path.exists():
        fail(f"no such file: {name} (in {base})")
    if not path.is_file():
        fail(f"{name} is not a file")
    return path


def _open(path: Path, name: str, fail) -> tuple[tuple[int, int], str]:
    """(pixels, mode) of a picture that decodes completely."""
    kinds = ", ".join(FORMATS[:-1]) + " or " + FORMATS[-1]
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; for us that is a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=FORMATS) as im:
                size, mode = im.size, im.mode
                if size[0] * size[1] > MAX_PIXELS:   # from the header: nothing decoded yet
                    fail(f"{name}: {size[0]} × {size[1]} pixels, over the limit of "
                         f"{MAX_PIXELS // 1_000_000} megapixels")
                im.verify()       # PNG: every chunk's checksum, without decoding
            # verify() leaves the image unusable: reopen to decode every pixel,
            # which is what finds a truncated or damaged JPEG or TIFF.
            with Image.open(path, formats=FORMATS) as im:
                im.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            fail(f"{name}: too many pixels ({exc})")
        except UnidentifiedImageError:
            fail(f"{name} is not a {kinds} image")
        except PictureError:
            raise
        except MemoryError:
            fail(f"{name}: too large to decode")
        except Exception as exc:   # noqa: BLE001 — a damaged file fails decoders in many ways
            fail(f"{name} is corrupt or truncated: {exc}")
    return size, mode



# ---------------------------------------------------------------- resolution as placed

def effective_ppi(pixels_wide: int, placed_width_pt: float) -> float:
    """Pixels per inch of a picture `pixels_wide` across, placed `placed_width_pt` wide."""
    if placed_width_pt <= 0:
        raise ValueError(f"placed width {placed_width_pt} pt: must be positive")
    return pixels_wide / (placed_width_pt / 72.0)


def ppi_verdict(ppi: float, for_print: bool = True) -> str | None:
    """None when fine; "warning" under WARN_PPI; under PRINT_MIN_PPI "error"
    for print (a draft or proof only warns)."""
    if ppi < PRINT_MIN_PPI:
        return "error" if for_print else "warning"
    return "warning" if ppi < WARN_PPI else None


def resolution(picture: PictureSource, placed_width_pt: float,
               for_print: bool = True) -> Diagnostic | None:
    """The diagnostic of `picture` placed `placed_width_pt` wide, at its
    sidecar line: rule picture.low_ppi (soft) or picture.print_ppi (too
    coarse to print), or None."""
    ppi = effective_ppi(picture.pixels[0], placed_width_pt)
    verdict = ppi_verdict(ppi, for_print)
    if verdict is None:
        return None
    coarse = ppi < PRINT_MIN_PPI
    limit = PRINT_MIN_PPI if coarse else WARN_PPI
    return Diagnostic(verdict, f"picture {Path(picture.path).name} of {picture.item}: "
                               f"{ppi:.0f} ppi as placed ({placed_width_pt:.0f} pt wide), under "
                               f"{limit}", picture.sidecar, picture.line,
                      rule="picture.print_ppi" if coarse else "picture.low_ppi")
