"""Where font files are found: the repo's fonts/, then the system font folders."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

REPO_FONTS = Path(__file__).resolve().parents[2] / "fonts"
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                    Path.home() / ".fonts", Path.home() / ".local/share/fonts")

# The fonts committed in fonts/ plus the optional system fallback BabelStone Han
# (Debian fonts-babelstone-han; Arphic licence, so found by path, never copied).
DEFAULT_ROLES: dict[str, list[str]] = {
    "song": ["NotoSerifCJKsc-Regular.ttf", "BabelStoneHan.ttf"],
    "hei": ["NotoSansCJKsc-Bold.ttf", "BabelStoneHan.ttf"],
    "heavy": ["NotoSansCJKsc-Black.ttf", "BabelStoneHan.ttf"],
    "kai": ["LXGWWenKai-Regular.ttf", "NotoSerifCJKsc-Regular.ttf", "BabelStoneHan.ttf"],
}


@lru_cache(maxsize=None)
def _system_index() -> dict[str, Path]:
    """File name -> path of every font file under the system dirs (first in sorted order)."""
    index: dict[str, Path] = {}
    for root in SYSTEM_FONT_DIRS:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                for fn in sorted(filenames):
                    index.setdefault(fn, Path(dirpath) / fn)
    return index


def find_font_file(name: str | os.PathLike) -> Path | None:
    """Locate a font file: absolute path, else repo fonts/, else the system font dirs."""
    p = Path(name).expanduser()
    if p.is_absolute():
        return p if p.is_file() else None
    if (REPO_FONTS / p).is_file():
        return REPO_FONTS / p
    for root in SYSTEM_FONT_DIRS:
        if (root / p).is_file():
            return root / p
    return _system_index().get(p.name) if len(p.parts) == 1 else None

