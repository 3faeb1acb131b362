"""PDF annotations on the proof, added with pikepdf after reportlab has drawn it.

    add_annotations(pdf, notes, info)    notes: Note values, PDF coordinates

- Highlight over replaced and inserted text (QuadPoints, one quad per line
  run), its /Contents saying what it was;
- Caret at each deletion, its /Contents the deleted text;
- Text (a note icon) for every mark, its /Contents the warning.

Every annotation carries its own appearance stream (/AP /N): viewers that
do not synthesise one (pdfium, poppler for some types) draw it as it is, and
all draw the same thing. Printable (/F 4). Dates are the build date, so the
bytes stay the same for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

HIGHLIGHT = (1.0, 0.85, 0.0)
CARET = (0.0, 0.3, 0.8)
NOTE = (1.0, 0.75, 0.2)
NOTE_SIZE = 8.0


@dataclass(frozen=True)
class Note:
    page: int                          # PDF page index
    kind: str                          # Highlight | Caret | Text
    rect: tuple[float, float, float, float]     # x0, y0, x1, y1 (PDF points)
    contents: str
    quads: tuple[tuple[float, float, float, float], ...] = ()   # Highlight: x0, y0, x1, y1 each
    title: str = "typeset"


def add_annotations(pdf: pikepdf.Pdf, notes, date: str) -> None:
    """`date`: a PDF date string (D:YYYYMMDDHHmmSS+HH'mm') for /M."""
    for note in notes:
        page = pdf.pages[note.page]
        annot = _annotation(pdf, note, date)
        if "/Annots" not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(pdf.make_indirect(annot))


def _annotation(pdf: pikepdf.Pdf, note: Note, date: str) -> Dictionary:
    x0, y0, x1, y1 = note.rect
    common = dict(Type=Name.Annot, Rect=Array([_r(x0), _r(y0), _r(x1), _r(y1)]),
                  Contents=String(note.contents), T=String(note.title), M=String(date),
                  F=4)
    if note.kind == "Highlight":
        quads = []
        for a, b, c, d in note.quads:
            quads += [a, d, c, d, a, b, c, b]    # top-left, top-right, bottom-left, bottom-right
        ops = "".join("%.2f %.2f %.2f %.2f re " % (a - x0, b - y0, c - a, d - b)
                      for a, b, c, d in note.quads)
        ap = _form(pdf, note.rect, f"/GS0 gs {_rgb(HIGHLIGHT)} rg {ops}f",
                   Dictionary(ExtGState=Dictionary(GS0=Dictionary(
                       Type=Name.ExtGState, BM=Name.Multiply, ca=0.6, CA=0.6))))
        return Dictionary(Subtype=Name.Highlight, QuadPoints=Array([_r(v) for v in quads]),
                          C=Array(list(HIGHLIGHT)), CA=0.6, AP=Dictionary(N=ap), **common)
    if note.kind == "Caret":
        w, h = x1 - x0, y1 - y0
        ap = _form(pdf, note.rect, f"{_rgb(CARET)} rg 0 0 m {w:.2f} 0 l {w / 2:.2f} {h:.2f} l f")
        return Dictionary(Subtype=Name.Caret, C=Array(list(CARET)), Sy=Name("/None"),
                          AP=Dictionary(N=ap), **common)
    if note.kind == "Text":
        w, h = x1 - x0, y1 - y0
        ap = _form(pdf, note.rect,
                   f"{_rgb(NOTE)} rg 0 0 0 RG 0.5 w 0.25 0.25 {w - 0.5:.2f} {h - 0.5:.2f} re B "
                   f"0 0 0 rg 1.5 {h * 0.62:.2f} {w - 3:.2f} 0.6 re 1.5 {h * 0.38:.2f} "
                   f"{w - 3:.2f} 0.6 re f")
        return Dictionary(Subtype=Name.Text, Name=Name.Comment, C=Array(list(NOTE)),
                          Open=False, AP=Dictionary(N=ap), **common)
    raise ValueError(f"unknown annotation kind {note.kind!r}")


def _form(pdf: pikepdf.Pdf, rect, content: str, resources: Dictionary | None = None):
    x0, y0, x1, y1 = rect
    stream = pikepdf.Stream(pdf, content.encode("ascii"))
    stream.Type = Name.XObject
    stream.Subtype = Name.Form
    stream.BBox = Array([0, 0, _r(x1 - x0), _r(y1 - y0)])
    stream.Matrix = Array([1, 0, 0, 1, 0, 0])
    stream.Resources = resources if resources is not None else Dictionary()
    return stream


def _rgb(color) -> str:
    return " ".join("%.3g" % v for v in color)


def _r(v: float):
    v = round(v, 2)
    return int(v) if v == int(v) else v
