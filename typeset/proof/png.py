"""PNG previews of a proof's pages, rendered with pdfium (pypdfium2), for a
quick look without a PDF viewer; annotations are drawn from their own
appearance streams."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium

PNG_DPI = 80                     # a whole tabloid sheet on a laptop screen, body text legible zoomed


def png_name(stem: str, index: int) -> str:
    """The preview of the index-th sheet (1-based) of the proof of `stem`."""
    return f"{stem}.proof-{index:02d}.png"


def stale_previews(folder: Path, stem: str, count: int) -> list[Path]:
    """Earlier previews of `stem` past its `count` sheets (the proof got shorter)."""
    pattern = re.compile(re.escape(stem) + r"\.proof-(\d+)\.png$")
    out = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            m = pattern.match(path.name)
            if m and int(m.group(1)) > count:
                out.append(path)
    return out


def render_pngs(pdf: bytes, dpi: int = PNG_DPI) -> list[bytes]:
    """Each page of `pdf` as PNG bytes (same PDF, same bytes)."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            try:
                image = page.render(scale=dpi / 72.0, draw_annots=True).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=False)
            out.append(buffer.getvalue())
    finally:
        doc.close()
    return out
