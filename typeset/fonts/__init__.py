"""Font roles, fallback chains, per-character metrics and reportlab registration.

A layout names font *roles* ("song", "hei", "heavy", "kai") and gives each a
fallback chain of font files; the composer asks, per character, which face of
the chain draws it and how wide it is. Design choices:

- Only TrueType-outline (glyf) fonts are used, because reportlab cannot embed
  CFF; fonts/build_fonts.py converts the Noto CJK faces once.
- Each font file is parsed once per process, and the parse is shared by the
  composer and reportlab (faces.py): cmap, advances, hmtx and loca as arrays,
  the file's bytes memory-mapped, never read whole. A face is read only when
  first needed.
- The parsed arrays are cached on disk, one file per font file, and mapped
  read-only on later starts (cache.py: $TYPESET_FONT_CACHE, else
  $XDG_CACHE_HOME/typeset/fonts or ~/.cache/typeset/fonts; keyed on the font's
  path, size, mtime and inode; written atomically; a stale or corrupt cache is
  rebuilt, an unwritable folder means no cache).
- Only faces that are actually handed out are registered with reportlab (see
  `FontSet.register_for_reportlab`), through a TTFont that takes the shared
  parse instead of parsing the file again (reportlab_fonts.py).

    files.py            where font files are found
    cache.py            the on-disk cache of parsed tables
    faces.py            one font file, parsed once: cmap, advances, reportlab's tables
    reportlab_fonts.py  registration with reportlab from the shared parse
    fontset.py          roles, fallback chains, FontSet
"""

from .files import DEFAULT_ROLES, REPO_FONTS, SYSTEM_FONT_DIRS, find_font_file
from .fontset import FontError, FontSet
from .reportlab_fonts import _reportlab_font_class

__all__ = ["DEFAULT_ROLES", "REPO_FONTS", "SYSTEM_FONT_DIRS", "find_font_file", "FontError",
           "FontSet", "_reportlab_font_class"]
