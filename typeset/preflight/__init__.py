"""Preflight: is a PDF — ours or anyone's — fit to send to a newspaper press?

    report = check_pdf(path)            # .findings: document first, then by page
    typeset check FILE.pdf              # one line per finding; exit 1 on an error

What is checked (pdf.py), each finding an error (blocks print), a warning or
a note:
- the file: readable, not encrypted, qpdf's syntax check;
- PDF/X identification (Info GTS_PDFXVersion and/or XMP pdfxid), the PDF
  version it allows, /Trapped True or False, XMP and Info agreeing (title,
  dates, producer, trapped), XMP's DocumentID, VersionID, RenditionClass;
- the OutputIntent: one /GTS_PDFX, its OutputConditionIdentifier, its
  DestOutputProfile a CMYK output profile with /N 4;
- page boxes: MediaBox ⊇ BleedBox ⊇ TrimBox, a TrimBox or an ArtBox (not
  both), bleed of at least `min_bleed_mm` on every side, the slug;
- fonts: every font used is embedded; subset or not; text that does not
  extract (no ToUnicode where it is needed);
- colour, from the content streams (pages, forms, inline images) and the
  images they draw: RGB operators and colour spaces, RGB images, Lab, spot
  colours beyond the process inks and All; image resolution as placed;
- overprint: white set to overprint (it vanishes), 100 K text that knocks out;
- transparency where the PDF/X flavour forbids it (X-1a, X-3);
- annotations inside the BleedBox;
- an internal publication's (连续性内部资料, internal.py) licence number,
  内部资料 免费交流 and issue number on page 1 (errors), 本报, 记者 or a 刊号 in
  its text (warnings by page); the paper's kind given (`kind=`) or read off
  page 1.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass(frozen=True)
class Finding:
    severity: str            # error | warning | note
    code: str                # short stable name: rgb.operator, pdfx.missing, …
    message: str
    page: int | None = None  # 1-based; None for the document

    def line(self, path: str) -> str:
        where = f"page {self.page}: " if self.page is not None else ""
        return f"{path}: {where}{self.severity}: {self.message} [{self.code}]"


def check_pdf(path, min_bleed_mm: float = 3.0, min_ppi: float = 170.0, kind: str | None = None):
    """The Report (findings, page count, PDF/X flavour, output condition, the
    paper's kind) for the PDF at `path` (see the module docstring). `kind`
    "internal" or "public" says the paper's kind; None reads it off page 1.
    A path that is not a file is a TypesetError (a usage error); a file that is
    not a readable PDF is a finding."""
    from .pdf import check
    return check(path, min_bleed_mm=min_bleed_mm, min_ppi=min_ppi, kind=kind)


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


__all__ = ["Finding", "check_pdf", "blocking", "ERROR", "WARNING", "NOTE"]
