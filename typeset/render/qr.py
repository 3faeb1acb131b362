"""QR code modules, from reportlab's own encoder without its barcode package.

`reportlab.graphics.barcode.qr.QrCodeWidget` is a thin widget around
`qrencoder.QRCode`, but importing anything under `reportlab.graphics.barcode`
runs the package's `__init__`, which imports every barcode widget, reportlab's
graphics shapes and platypus (its paragraph module alone compiles regular
expressions for ~25 ms): ~45 ms of a 0.7 s build for one QR code. The encoder
module itself imports only `re` and `itertools`, so it is loaded here from its
file on its own (~1 ms). Same encoder, same modules, same PDF bytes; where the
file cannot be found (an unusual reportlab install) the ordinary import is used.

segno (a pure-Python encoder) was measured as the alternative: its codes scan
too, but it chooses other masks, so every PDF with a QR code would change
bytes, and `import segno` takes ~24 ms.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004 asks for 4)
_ENCODER = "reportlab.graphics.barcode.qrencoder"


@lru_cache(maxsize=None)
def _encoder():
    loaded = sys.modules.get(_ENCODER)
    if loaded is not None:
        return loaded
    try:
        import reportlab

        path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
        spec = importlib.util.spec_from_file_location("typeset.render._qrencoder", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.QRCode  # noqa: B018  (the class this module is used for)
        return module
    except Exception:
        from reportlab.graphics.barcode import qrencoder

        return qrencoder


def qr_modules(data: str, level: str = "M") -> list[list]:
    """The code's modules, row by row (truthy: dark), without the quiet zone;
    exactly what QrCodeWidget(data, barLevel=level) draws."""
    encoder = _encoder()
    qr = encoder.QRCode(None, getattr(encoder.QRErrorCorrectLevel, level))
    qr.addData(data)
    qr.make()
    return qr.modules
