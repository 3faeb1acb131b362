"""Font roles, fallback chains, per-character metrics and reportlab registration.

A layout names font *roles* ("song", "hei", "heavy", "kai") and gives each a
fallback chain of font files; the composer asks, per character, which face of
the chain draws it and how wide it is. Design choices:

- Only TrueType-outline (glyf) fonts are used, because reportlab cannot embed
  CFF; fonts/build_fonts.py converts the Noto CJK faces once.
- Parsing is lazy and minimal (faces.py): a face is read only when first
  needed, and then only the tables the composer needs.
- Only faces that are actually handed out are registered with reportlab (see
  `FontSet.register_for_reportlab`), through a TTFont that parses in bulk
  (reportlab_fonts.py).

    files.py            where font files are found
    faces.py            one face's cmap and advances
    reportlab_fonts.py  fast registration with reportlab
    fontset.py          roles, fallback chains, FontSet
"""

from .files import DEFAULT_ROLES, REPO_FONTS, SYSTEM_FONT_DIRS, find_font_file
from .fontset import FontError, FontSet
from .reportlab_fonts import _reportlab_font_class

__all__ = ["DEFAULT_ROLES", "REPO_FONTS", "SYSTEM_FONT_DIRS", "find_font_file", "FontError",
           "FontSet", "_reportlab_font_class"]
