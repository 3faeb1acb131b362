"""Scoped fixes to reportlab's PDF writing (see `writing`)."""

from __future__ import annotations

import contextlib
import threading

from reportlab import rl_config
from reportlab.pdfbase import ttfonts

_ORIGINAL_TOUNICODE = ttfonts.makeToUnicodeCMap
_patch_lock = threading.Lock()
_patch_depth = 0
_saved_a85 = 1


def _tounicode_cmap_utf16(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with entries above U+FFFF written as UTF-16.

    reportlab 5.1 writes every bfchar entry as `<%02X> <%04X>`, so U+2A6A5 becomes
    `<2A6A5>`, an odd number of hex digits that readers decode as some other
    character. The PDF spec (9.10.3) wants the destination as UTF-16BE: the
    surrogate pair `<D869DEA5>`. BMP entries are left byte-identical.
    """
    cmap = _ORIGINAL_TOUNICODE(fontname, subset)
    for code, cp in enumerate(subset):
        if cp > 0xFFFF:
            v = cp - 0x10000
            utf16 = "%04X%04X" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
            cmap = cmap.replace("\n<%02X> <%04X>\n" % (code, cp), "\n<%02X> <%s>\n" % (code, utf16), 1)
    return cmap


@contextlib.contextmanager
def writing():
    """reportlab settings in force while Canvas.save writes the PDF, then restored.

    - The fixed ToUnicode builder: TTFont.addObjects (run by Canvas.save) looks up
      the module-level `ttfonts.makeToUnicodeCMap` at call time, so replacing the
      module attribute is enough and no reportlab class is copied.
    - rl_config.useA85 = 0: page streams are only Flate-compressed, not also
      ASCII85-encoded (pure Python in reportlab: 35 ms for two tabloid pages, and
      25 % larger files). PDFPage.format reads the setting at save time.
    Scoped: restored when the last concurrent render leaves (counted under a lock),
    so other reportlab users in the process are untouched.
    """
    global _patch_depth, _saved_a85
    with _patch_lock:
        if _patch_depth == 0:
            _saved_a85 = rl_config.useA85
        _patch_depth += 1
        ttfonts.makeToUnicodeCMap = _tounicode_cmap_utf16
        rl_config.useA85 = 0
    try:
        yield
    finally:
        with _patch_lock:
            _patch_depth -= 1
            if _patch_depth == 0:
                ttfonts.makeToUnicodeCMap = _ORIGINAL_TOUNICODE
                rl_config.useA85 = _saved_a85

