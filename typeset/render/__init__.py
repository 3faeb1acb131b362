"""Placed pages (typeset.frames) → a print PDF, with reportlab.

The renderer decides nothing about placement: it converts frame coordinates
(points on the trimmed page, origin top-left, y down) to PDF space (origin at the
bottom-left of the media box, which is the trimmed page plus the bleed on every
side) and draws. Design choices:

- Print colour only: every colour is CMYK (black 0,0,0,1; red 0,1,1,0; tint
  0,0,0,0.12; white 0,0,0,0) or the registration separation /All of the
  marks, set through the canvas API with enforceColorSpace="sep_cmyk" (an RGB
  colour is an error); pictures are separated to CMYK (images.py). 100 K
  overprints (OPM 1), everything else knocks out.
- A print page (marks.py): MediaBox = BleedBox + a 10 mm slug on every side,
  with crop marks, registration targets, a colour bar and the slug line; the
  user-space origin stays at the BleedBox's corner, so the media box starts
  at negative coordinates and frame → PDF coordinates are unchanged.
- PDF/X (pdfx.py, pikepdf): OutputIntent with the embedded output profile,
  XMP and Info that agree, PDF 1.6 — a post-processing step, `to_pdfx`.
- Fonts: registered with reportlab before the canvas exists and the canvas gets
  `initialFontName=`, so no non-embedded Helvetica lands in the PDF. Every face
  is a subset-embedded TrueType font (reportlab's 256-glyph subsets).
- Text is written as PDF operators directly (one BT/ET per line, a `Tm` only
  where a glyph is not where the previous one's advance leaves the pen, one hex
  string per run of same-subset glyphs). reportlab's TextObject would re-split
  every string into subsets; this caches each (role, char) → (subset font, code,
  advance) once per document and is several times faster.
- 破折号 "——" and 省略号 "……" are drawn as graphics (one unbroken rule; six round
  dots), because a font's two U+2014 glyphs leave a gap and sit at the Latin dash
  height; the characters are also written in text render mode 3 (invisible) at
  the same place so text extraction gives them back.
- reportlab writes ToUnicode entries as `<%04X>`, wrong for characters above
  U+FFFF; `pdffix.writing()` fixes that while the PDF is written.
- Deterministic bytes (Canvas(invariant=1), fixed metadata); files are
  written whole or not at all (typeset.output).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from reportlab.pdfbase.pdfdoc import PDFArray
from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontSet
from ..diagnostics import TypesetError
from ..frames import DocumentFrames, Picture
from ..output import write_file
from .glyphs import GlyphCache
from .job import OutputProfile, PrintJob
from .marks import SlugGlyphs, draw_marks, slug_pt
from .page import CMYK, PageRenderer, RenderError
from .pdffix import writing
from .pdfx import to_pdfx

__all__ = ["render_pdf", "pdf_bytes", "to_pdfx", "PrintJob", "OutputProfile", "RenderError",
           "CMYK"]


def render_pdf(document: DocumentFrames, path: Path, fonts: FontSet, *, proof: bool = False,
               job: PrintJob | None = None) -> None:
    """Write the document's pages to `path` as a print PDF (PDF/X), whole or not at all."""
    job = job or PrintJob(title=document.title, subject=document.subject)
    data = pdf_bytes(document, fonts, proof=proof, job=job)
    write_file(Path(path), data if proof else to_pdfx(data, job))


def pdf_bytes(document: DocumentFrames, fonts: FontSet, *, proof: bool = False,
              job: PrintJob | None = None) -> bytes:
    """The document's pages as a PDF, before its PDF/X post-processing (`to_pdfx`).

    Each page's BleedBox is the trimmed page plus its bleed on every side, its
    TrimBox the trimmed page, its MediaBox the BleedBox and the slug with the
    marks (marks.py). Same input → same bytes. ProofMarks are drawn only when
    `proof` is true. `job` gives the slug line (else the document's title).
    """
    if not document.pages:
        raise RenderError("the document has no pages (a PDF needs at least one)")
    _check_source_date_epoch()
    job = job or PrintJob(title=document.title, subject=document.subject)
    initial = fonts.register_for_reportlab()  # before the canvas: no Helvetica
    buffer = io.BytesIO()
    first = document.pages[0]
    size = (first.width + 2 * first.bleed, first.height + 2 * first.bleed)
    c = Canvas(buffer, pagesize=size, invariant=1, initialFontName=initial,
               pageCompression=1, enforceColorSpace="sep_cmyk")
    c.setTitle(document.title)
    c.setSubject(document.subject)
    c.setCreator("typeset")
    c.setProducer("typeset")
    c.setAuthor("")
    cache = GlyphCache(fonts, c._doc, initial)
    profile = job.profile.data if any(isinstance(e, Picture) for p in document.pages
                                      for e in p.elements) else None
    slug = slug_pt()
    role = "hei" if "hei" in fonts.chains else next(iter(fonts.chains))
    glyphs = SlugGlyphs(lambda ch: fonts.face_for(role, ch))
    for i, page in enumerate(document.pages, 1):
        b = page.bleed
        c.setPageSize((page.width + 2 * b, page.height + 2 * b))
        c.setTrimBox([_r(b), _r(b), _r(b + page.width), _r(b + page.height)])
        c.setBleedBox([0, 0, _r(page.width + 2 * b), _r(page.height + 2 * b)])
        PageRenderer(c, cache, page, proof, profile).draw()
        draw_marks(c, page, glyphs, *job.slug_text(page.number, i, len(document.pages)))
        c.showPage()
        c._doc.Pages.pages[-1].MediaBox = PDFArray(
            [_r(-slug), _r(-slug), _r(page.width + 2 * b + slug), _r(page.height + 2 * b + slug)])
    glyphs.define(c)
    with writing():
        c.save()
    return buffer.getvalue()


def _check_source_date_epoch() -> None:
    """reportlab dates the PDF from SOURCE_DATE_EPOCH when it is set (else the
    fixed date of invariant mode); reproducible-builds.org asks that a value
    that is not a whole number of seconds be refused, not half-read."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not value.isdigit():
        raise TypesetError(f"SOURCE_DATE_EPOCH={value!r}: expected a whole number of seconds "
                           "since 1970-01-01 UTC")


def _r(v: float) -> float | int:
    v = round(v, 3)
    return int(v) if v == int(v) else v
