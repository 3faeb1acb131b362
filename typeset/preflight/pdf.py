"""The preflight checks, on any PDF, with pikepdf (see the package docstring)."""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path

import pikepdf
from pikepdf import Name

from ..diagnostics import TypesetError
from . import ERROR, NOTE, WARNING, Finding
from .internal import KINDS, check_pdf_text

PT_PER_MM = 72 / 25.4
TOLERANCE = 0.02          # pt, for box comparisons
PROCESS_INKS = {"Cyan", "Magenta", "Yellow", "Black", "All", "None"}
# the newest PDF version each PDF/X flavour allows
MAX_VERSION = {"PDF/X-1a:2001": "1.3", "PDF/X-1a:2003": "1.4", "PDF/X-3:2002": "1.3",
               "PDF/X-3:2003": "1.4", "PDF/X-4": "1.6", "PDF/X-4p": "1.6",
               "PDF/X-5g": "1.6", "PDF/X-5pg": "1.6", "PDF/X-5n": "1.6", "PDF/X-6": "2.0"}
NO_TRANSPARENCY = ("PDF/X-1a", "PDF/X-3")
OPERATORS = "q Q cm gs rg RG g G k K cs CS sc scn SC SCN Tr Tf Tj TJ ' \" f F f* B B* b b* S s Do sh BI ID EI"
FILL_OPS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_OPS = {"S", "s", "B", "B*", "b", "b*"}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/",
}


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0
    pdfx: str | None = None           # the PDF/X flavour claimed
    condition: str | None = None      # the OutputIntent's OutputConditionIdentifier
    kind: str | None = None           # internal | public | None: the paper's kind (internal.py)
    kind_from: str | None = None      # "given", or the page-1 words it was read from

    def add(self, severity, code, message, page=None) -> None:
        self.findings.append(Finding(severity, code, message, page))


def check(path, min_bleed_mm: float = 3.0, min_ppi: float = 170.0,
          kind: str | None = None) -> Report:
    if kind not in (None, *KINDS):
        raise ValueError(f"kind {kind!r}: one of {', '.join(KINDS)} or None")
    path = Path(path)
    if not path.is_file():
        raise TypesetError("no such PDF file" if not path.exists() else "not a file", str(path))
    report = Report(str(path))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        report.add(ERROR, "file.encrypted", "the PDF is encrypted with a password (PDF/X forbids encryption)")
        return report
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        report.add(ERROR, "file.unreadable", f"not a readable PDF: {exc}")
        return report
    with pdf:
        report.pages = len(pdf.pages)
        if pdf.is_encrypted:
            report.add(ERROR, "file.encrypted", "the PDF is encrypted (PDF/X forbids encryption)")
        for problem in pdf.check_pdf_syntax():
            report.add(ERROR, "file.syntax", f"qpdf: {problem}")
        _identification(pdf, report)
        _output_intent(pdf, report)
        walker = _Walker(pdf, report, min_ppi)
        for n, page in enumerate(pdf.pages, 1):
            _boxes(page, n, report, min_bleed_mm)
            _annotations(page, n, report)
            walker.page(page, n)
        walker.finish()
        if report.pdfx and report.pdfx.startswith(NO_TRANSPARENCY):
            for n, what in transparency(pdf):
                report.add(ERROR, "transparency", f"{what}: {report.pdfx} allows no transparency", n)
    check_pdf_text(path, report, kind)
    report.findings.sort(key=lambda f: (f.page or 0))
    return report


# ---------------------------------------------------------------- identification

def _identification(pdf: pikepdf.Pdf, report: Report) -> None:
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    xmp = _xmp(pdf, report)
    info_version = _text(info.get("/GTS_PDFXVersion"))
    info_conf = _text(info.get("/GTS_PDFXConformance"))
    xmp_version = xmp.get("pdfxid:GTS_PDFXVersion") or xmp.get("pdfx:GTS_PDFXVersion")
    xmp_conf = xmp.get("pdfx:GTS_PDFXConformance")
    version = xmp.get("pdfxid:GTS_PDFXVersion") or info_version or xmp_version
    if not version:
        report.add(ERROR, "pdfx.missing", "no PDF/X identification (GTS_PDFXVersion in the Info "
                                          "dictionary or pdfxid:GTS_PDFXVersion in the XMP)")
        flavour = None
    else:
        if info_version and xmp_version and info_version != xmp_version:
            report.add(ERROR, "pdfx.disagree", f"Info says {info_version}, XMP says {xmp_version}")
        flavour = version
        conf = info_conf or xmp_conf
        if version.startswith("PDF/X-1:") or version.startswith("PDF/X-1a"):
            if version.startswith("PDF/X-1:") and not conf:
                report.add(ERROR, "pdfx.conformance", f"{version} without GTS_PDFXConformance")
            flavour = conf or version
        if flavour.startswith("PDF/X-4") and not xmp.get("pdfxid:GTS_PDFXVersion"):
            report.add(ERROR, "pdfx.xmp", "PDF/X-4 is identified in the XMP (pdfxid:GTS_PDFXVersion), "
                                          "and this PDF's XMP does not say it")
        limit = MAX_VERSION.get(flavour)
        if limit is None:
            report.add(WARNING, "pdfx.unknown", f"unknown PDF/X flavour {flavour!r}: not checked against "
                                                "its rules")
        elif _version(pdf.pdf_version) > _version(limit):
            report.add(ERROR, "pdfx.version", f"PDF {pdf.pdf_version}: {flavour} allows PDF {limit} at most")
    report.pdfx = flavour

    trapped = info.get("/Trapped")
    trapped = str(trapped).lstrip("/") if trapped is not None else None
    if trapped not in ("True", "False"):
        sev = ERROR if flavour else WARNING
        report.add(sev, "info.trapped", f"Info /Trapped is {trapped or 'missing'}: PDF/X wants True or False")
    for key in ("/CreationDate", "/ModDate", "/Title"):
        if key not in info and flavour:
            report.add(ERROR, "info.missing", f"Info {key[1:]} missing (PDF/X requires it)")
    if not xmp:
        if flavour and flavour.startswith(("PDF/X-4", "PDF/X-5", "PDF/X-6")):
            report.add(ERROR, "xmp.missing", f"no XMP metadata ({flavour} requires it)")
        return
    pairs = [("/Title", "dc:title"), ("/Subject", "dc:description"), ("/Author", "dc:creator"),
             ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer"), ("/Trapped", "pdf:Trapped"),
             ("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]
    for key, prop in pairs:
        a = info.get(key)
        a = a if _text(a) else None            # an empty Info string says nothing
        b = xmp.get(prop) or None
        if a is None and b is None:
            continue
        if key.endswith("Date"):
            same = a is not None and b is not None and _pdf_date(_text(a)) == _xmp_date(b) is not None
        elif key == "/Trapped":
            same = b is None or str(a).lstrip("/") == b
        else:
            same = _text(a) == b
        if not same and (a is not None or key in ("/Title", "/CreationDate", "/ModDate")):
            report.add(ERROR, "xmp.disagree", f"Info {key[1:]} {_text(a)!r} and XMP {prop} {b!r} disagree")
    if flavour and flavour.startswith(("PDF/X-4", "PDF/X-5", "PDF/X-6")):
        for prop in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "dc:title"):
            if not xmp.get(prop):
                report.add(ERROR, "xmp.missing", f"XMP {prop} missing ({flavour} requires it)")


def _xmp(pdf: pikepdf.Pdf, report: Report) -> dict[str, str]:
    """The XMP properties this preflight reads, as prefix:name → text."""
    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return {}
    try:
        root = ET.fromstring(meta.read_bytes())
    except (ET.ParseError, pikepdf.PdfError) as exc:
        report.add(ERROR, "xmp.unreadable", f"the XMP metadata does not parse: {exc}")
        return {}
    by_uri = {uri: prefix for prefix, uri in NS.items()}
    out: dict[str, str] = {}
    for desc in root.iter(f"{{{NS['rdf']}}}Description"):
        for key, value in desc.attrib.items():
            prop = _prop(key, by_uri)
            if prop:
                out.setdefault(prop, value)
        for child in desc:
            prop = _prop(child.tag, by_uri)
            if not prop:
                continue
            items = [li for li in child.iter(f"{{{NS['rdf']}}}li")]
            if items:
                default = [li for li in items
                           if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
                text = (default or items)[0].text or ""
            else:
                text = (child.text or "").strip()
            out.setdefault(prop, text)
    return out


def _prop(tag: str, by_uri: dict[str, str]) -> str | None:
    m = re.match(r"\{(.*)\}(.*)", tag)
    if not m or m.group(1) not in by_uri:
        return None
    return f"{by_uri[m.group(1)]}:{m.group(2)}"


def _text(obj) -> str | None:
    if obj is None:
        return None
    return str(obj)


def _version(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", str(v))[:2])


def _pdf_date(text: str | None) -> dt.datetime | None:
    m = re.match(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([+\-Z])?(\d\d)?'?(\d\d)?", text or "")
    if not m:
        return None
    y, mo, d, h, mi, s = (int(v) if v else default for v, default in
                          zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    sign, oh, om = m.group(7), int(m.group(8) or 0), int(m.group(9) or 0)
    offset = dt.timedelta(hours=oh, minutes=om) * (-1 if sign == "-" else 1)
    try:
        return dt.datetime(y, mo, d, h, mi, s, tzinfo=dt.timezone(offset))
    except ValueError:
        return None


def _xmp_date(text: str | None) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat((text or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------- output intent

def _output_intent(pdf: pikepdf.Pdf, report: Report) -> None:
    intents = pdf.Root.get("/OutputIntents")
    gts = [oi for oi in (intents or []) if isinstance(oi, pikepdf.Dictionary)
           and oi.get("/S") == Name.GTS_PDFX]
    if not gts:
        report.add(ERROR, "outputintent.missing", "no /GTS_PDFX OutputIntent: the printing condition "
                                                  "the colours are meant for is not said")
        return
    if len(gts) > 1:
        report.add(ERROR, "outputintent.many", f"{len(gts)} /GTS_PDFX OutputIntents (PDF/X allows one)")
    oi = gts[0]
    ident = _text(oi.get("/OutputConditionIdentifier"))
    report.condition = ident
    if not ident:
        report.add(ERROR, "outputintent.identifier", "the OutputIntent has no OutputConditionIdentifier")
    profile = oi.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        registered = str(oi.get("/RegistryName", "")).startswith("http://www.color.org")
        x4 = bool(report.pdfx and report.pdfx.startswith(("PDF/X-4", "PDF/X-5", "PDF/X-6")))
        if x4 and "/DestOutputProfileRef" not in oi:
            report.add(ERROR, "outputintent.profile", "the OutputIntent embeds no output profile "
                                                      "(DestOutputProfile)")
        elif not registered:
            report.add(ERROR, "outputintent.profile", f"no embedded output profile and {ident!r} is not "
                                                      "a registered condition")
        return
    try:
        data = profile.read_bytes()
    except pikepdf.PdfError as exc:
        report.add(ERROR, "outputintent.profile", f"the output profile cannot be read: {exc}")
        return
    if len(data) < 128 or data[36:40] != b"acsp":
        report.add(ERROR, "outputintent.profile", "the DestOutputProfile is not an ICC profile")
        return
    space, klass = data[16:20], data[12:16]
    if space != b"CMYK":
        report.add(ERROR, "outputintent.profile", f"the output profile is {space.decode('latin-1').strip()},"
                                                  " not CMYK: not a newspaper press's condition")
    if klass != b"prtr":
        report.add(ERROR, "outputintent.profile", f"the output profile's class is "
                                                  f"{klass.decode('latin-1')!r}, not an output ('prtr') profile")
    n = profile.get("/N")
    if n is None or int(n) != {b"CMYK": 4, b"RGB ": 3, b"GRAY": 1}.get(space, -1):
        report.add(ERROR, "outputintent.profile", f"the output profile's /N is {n}, its data has "
                                                  f"{space.decode('latin-1').strip()}")


# ---------------------------------------------------------------- boxes, annotations

def _rect(obj) -> tuple[float, float, float, float] | None:
    if obj is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE
            and inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def _boxes(page: pikepdf.Page, n: int, report: Report, min_bleed_mm: float) -> None:
    obj = page.obj
    media = _rect(page.mediabox)
    if media is None:
        report.add(ERROR, "box.media", "no usable MediaBox", n)
        return
    crop = _rect(obj.get("/CropBox")) if "/CropBox" in obj else None
    trim = _rect(obj.get("/TrimBox"))
    art = _rect(obj.get("/ArtBox"))
    bleed = _rect(obj.get("/BleedBox"))
    if trim and art:
        report.add(ERROR, "box.trim_and_art", "both a TrimBox and an ArtBox (PDF/X allows one)", n)
    if not trim and not art:
        report.add(ERROR, "box.trim", "no TrimBox: the page's finished size is not said", n)
        return
    trim = trim or art
    if bleed is None:
        bleed = crop or media
        if min_bleed_mm > 0:
            report.add(WARNING, "box.bleed", "no BleedBox (the bleed is taken as the "
                                             f"{'CropBox' if crop else 'MediaBox'})", n)
    if not _inside(trim, bleed):
        report.add(ERROR, "box.order", "the TrimBox is not inside the BleedBox", n)
    if not _inside(bleed, media):
        report.add(ERROR, "box.order", "the BleedBox is not inside the MediaBox", n)
    if crop and not _inside(bleed, crop):
        report.add(WARNING, "box.crop", "the CropBox cuts into the BleedBox", n)
    if min_bleed_mm > 0:
        sides = {"left": trim[0] - bleed[0], "bottom": trim[1] - bleed[1],
                 "right": bleed[2] - trim[2], "top": bleed[3] - trim[3]}
        short = {k: v for k, v in sides.items() if v < min_bleed_mm * PT_PER_MM - TOLERANCE}
        if short:
            listed = ", ".join(f"{v / PT_PER_MM:.1f} mm {k}" for k, v in short.items())
            report.add(ERROR, "box.bleed", f"bleed {listed}: at least {min_bleed_mm:g} mm wanted", n)
    slug = min(bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3])
    if slug < 1:
        report.add(WARNING, "box.slug", "no slug (MediaBox = BleedBox): no room for crop marks", n)


def _annotations(page: pikepdf.Page, n: int, report: Report) -> None:
    annots = page.obj.get("/Annots")
    if not annots:
        return
    bleed = _rect(page.obj.get("/BleedBox")) or _rect(page.obj.get("/CropBox")) or _rect(page.mediabox)
    for annot in annots:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        rect = _rect(annot.get("/Rect"))
        kind = str(annot.get("/Subtype", "/?")).lstrip("/")
        if rect and bleed and rect[0] < bleed[2] and rect[2] > bleed[0] and rect[1] < bleed[3] \
                and rect[3] > bleed[1]:
            report.add(ERROR, "annotation.bleed", f"a {kind} annotation inside the BleedBox "
                                                  "(PDF/X forbids it)", n)


# ---------------------------------------------------------------- transparency

def transparency(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """(page, what) for every use of transparency the pages' resources make:
    ExtGState alpha below 1, soft masks, blend modes other than Normal,
    transparency groups, images with a soft mask."""
    found: list[tuple[int, str]] = []
    for n, page in enumerate(pdf.pages, 1):
        group = page.obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
            found.append((n, "a page transparency group"))
        seen: set = set()
        _transparency_in(page.obj.get("/Resources"), n, found, seen, 0)
    return found


def _transparency_in(resources, n, found, seen, depth) -> None:
    if not isinstance(resources, pikepdf.Dictionary) or depth > 12:
        return
    for name, gs in (resources.get("/ExtGState") or {}).items():
        if not isinstance(gs, pikepdf.Dictionary):
            continue
        for key in ("/ca", "/CA"):
            if key in gs and float(gs[key]) < 1:
                found.append((n, f"ExtGState {name} {key[1:]} {float(gs[key]):g}"))
        if "/SMask" in gs and gs.SMask != Name("/None"):
            found.append((n, f"ExtGState {name} soft mask"))
        bm = gs.get("/BM")
        if bm is not None:
            modes = [str(m) for m in (bm if isinstance(bm, pikepdf.Array) else [bm])]
            if modes and modes[0] not in ("/Normal", "/Compatible"):
                found.append((n, f"ExtGState {name} blend mode {modes[0][1:]}"))
    for name, xobj in (resources.get("/XObject") or {}).items():
        if not isinstance(xobj, pikepdf.Stream):
            continue
        key = xobj.objgen
        if key in seen and key != (0, 0):
            continue
        seen.add(key)
        if xobj.get("/Subtype") == Name.Image:
            if "/SMask" in xobj or int(xobj.get("/SMaskInData", 0)):
                found.append((n, f"image {name} with a soft mask"))
        elif xobj.get("/Subtype") == Name.Form:
            group = xobj.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and group.get("/S") == Name.Transparency:
                found.append((n, f"form {name}: a transparency group"))
            _transparency_in(xobj.get("/Resources"), n, found, seen, depth + 1)


# ---------------------------------------------------------------- content streams

@dataclass(frozen=True)
class _State:
    fill_space: tuple = ("gray", "DeviceGray")
    stroke_space: tuple = ("gray", "DeviceGray")
    fill: tuple = (0.0,)
    stroke: tuple = (0.0,)
    op: bool = False
    OP: bool = False
    opm: int = 0
    ctm: tuple = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    tr: int = 0


def _mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


@dataclass
class _PageTally:
    rgb_ops: int = 0
    rgb_example: str = ""
    gray_ops: int = 0
    lab: int = 0
    white_overprint: int = 0
    black_text_knockout: int = 0
    black_rule_knockout: int = 0
    rgb_images: list = field(default_factory=list)
    low_ppi: list = field(default_factory=list)


class _Walker:
    """Walks every page's content (forms, patterns, inline images included)
    tracking colour, overprint and the CTM; remembers the fonts used."""

    def __init__(self, pdf, report: Report, min_ppi: float):
        self.pdf = pdf
        self.report = report
        self.min_ppi = min_ppi
        self.fonts: dict = {}          # objgen → (page, name, font)
        self.spots: dict[str, int] = {}
        self._spaces: dict = {}

    def page(self, page: pikepdf.Page, n: int) -> None:
        tally = _PageTally()
        resources = _inherited(page.obj, "/Resources") or pikepdf.Dictionary()
        try:
            self._walk(page, resources, _State(), n, tally, 0)
        except pikepdf.PdfError as exc:
            self.report.add(ERROR, "content.unreadable", f"the page's content does not parse: {exc}", n)
        self._page_findings(n, tally)

    def _page_findings(self, n: int, t: _PageTally) -> None:
        add = self.report.add
        if t.rgb_ops:
            add(ERROR, "colour.rgb", f"{t.rgb_ops} colour setting(s) in RGB ({t.rgb_example}): "
                                     "a newspaper prints CMYK", n)
        for name, space in t.rgb_images[:5]:
            add(ERROR, "image.rgb", f"image {name} is {space}: separate it to CMYK", n)
        if len(t.rgb_images) > 5:
            add(ERROR, "image.rgb", f"and {len(t.rgb_images) - 5} more RGB images", n)
        if t.lab:
            add(WARNING, "colour.lab", f"{t.lab} colour setting(s) in Lab (converted by the RIP)", n)
        if t.gray_ops:
            add(NOTE, "colour.gray", f"{t.gray_ops} DeviceGray colour setting(s) (they print on the "
                                     "black plate)", n)
        if t.white_overprint:
            add(ERROR, "overprint.white", f"{t.white_overprint} white object(s) set to overprint: "
                                          "they will not print", n)
        if t.black_text_knockout:
            add(WARNING, "overprint.black_text", f"{t.black_text_knockout} run(s) of 100 K text knock out "
                                                 "(overprint off): misregistration shows white edges", n)
        if t.black_rule_knockout:
            add(WARNING, "overprint.black_rule", f"{t.black_rule_knockout} 100 K stroke(s) knock out "
                                                 "(overprint off)", n)
        for name, ppi in t.low_ppi[:5]:
            add(WARNING, "image.resolution", f"image {name} at {ppi:.0f} ppi as placed (at least "
                                             f"{self.min_ppi:.0f} wanted)", n)

    def finish(self) -> None:
        add = self.report.add
        for name, page in sorted(self.spots.items(), key=lambda kv: kv[1]):
            add(WARNING, "colour.spot", f"spot colour {name!r}: a four-colour press has no plate "
                                        "for it", page)
        for key, (page, name, font) in self.fonts.items():
            self._font(font, name, page)

    # -- walking
    def _walk(self, owner, resources, state: _State, n: int, t: _PageTally, depth: int) -> None:
        if depth > 12:
            return
        stack: list[_State] = []
        for instr in pikepdf.parse_content_stream(owner, OPERATORS):
            if isinstance(instr, pikepdf.ContentStreamInlineImage):
                self._inline_image(instr.iimage, resources, state, n, t)
                continue
            operands, op = instr.operands, str(instr.operator)
            if op == "q":
                stack.append(state)
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm" and len(operands) == 6:
                state = replace(state, ctm=_mul(tuple(map(float, operands)), state.ctm))
            elif op == "gs" and operands:
                state = self._gs(resources, operands[0], state)
            elif op in ("rg", "RG"):
                t.rgb_ops += 1
                t.rgb_example = t.rgb_example or f"{' '.join(_num(v) for v in operands)} {op}"
                state = self._set(state, op == "rg", ("rgb", "DeviceRGB"), _floats(operands))
            elif op in ("g", "G"):
                t.gray_ops += 1
                state = self._set(state, op == "g", ("gray", "DeviceGray"), _floats(operands))
            elif op in ("k", "K"):
                state = self._set(state, op == "k", ("cmyk", "DeviceCMYK"), _floats(operands))
            elif op in ("cs", "CS") and operands:
                space = self._space(operands[0], resources, n)
                self._count_space(space, t, f"/{str(operands[0]).lstrip('/')} {op}")
                state = self._set(state, op == "cs", space, None)
            elif op in ("sc", "scn", "SC", "SCN"):
                fill = op in ("sc", "scn")
                space = state.fill_space if fill else state.stroke_space
                if space[0] == "pattern" and operands and isinstance(operands[-1], Name):
                    self._pattern(resources, operands[-1], state, n, t, depth)
                else:
                    state = self._set(state, fill, space, _floats(operands))
            elif op == "Tr" and operands:
                state = replace(state, tr=int(operands[0]))
            elif op == "Tf" and operands:
                self._use_font(resources, operands[0], n)
            elif op in TEXT_OPS:
                if state.tr in (0, 2, 4, 6):
                    self._paint(state, True, t, text=True)
                if state.tr in (1, 2, 5, 6):
                    self._paint(state, False, t)
            elif op in FILL_OPS or op in STROKE_OPS:
                if op in FILL_OPS:
                    self._paint(state, True, t)
                if op in STROKE_OPS:
                    self._paint(state, False, t)
            elif op == "Do" and operands:
                self._do(resources, operands[0], state, n, t, depth)
            elif op == "sh" and operands:
                shading = (resources.get("/Shading") or {}).get(str(operands[0]))
                if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
                    space = self._space(shading.get("/ColorSpace"), resources, n)
                    self._count_space(space, t, f"shading {operands[0]}")

    def _set(self, state, fill: bool, space, values) -> _State:
        if fill:
            return replace(state, fill_space=space, fill=values if values is not None else (0.0,))
        return replace(state, stroke_space=space, stroke=values if values is not None else (0.0,))

    def _count_space(self, space, t: _PageTally, example: str) -> None:
        if space[0] == "rgb":
            t.rgb_ops += 1
            t.rgb_example = t.rgb_example or f"{example}: {space[1]}"
        elif space[0] == "lab":
            t.lab += 1

    def _gs(self, resources, name, state: _State) -> _State:
        gs = (resources.get("/ExtGState") or {}).get(str(name))
        if not isinstance(gs, pikepdf.Dictionary):
            return state
        changes = {}
        if "/OP" in gs:
            changes["OP"] = bool(gs.OP)
            if "/op" not in gs:
                changes["op"] = bool(gs.OP)
        if "/op" in gs:
            changes["op"] = bool(gs.op)
        if "/OPM" in gs:
            changes["opm"] = int(gs.OPM)
        return replace(state, **changes) if changes else state

    def _paint(self, state: _State, fill: bool, t: _PageTally, text: bool = False) -> None:
        space, values = (state.fill_space, state.fill) if fill else (state.stroke_space, state.stroke)
        overprint = state.op if fill else state.OP
        kind = space[0]
        if kind == "cmyk" and len(values) == 4:
            if overprint and state.opm == 1 and not any(values):
                t.white_overprint += 1
            elif values == (0.0, 0.0, 0.0, 1.0) and not overprint:
                if text:
                    t.black_text_knockout += 1
                elif not fill:
                    t.black_rule_knockout += 1
        elif kind == "gray" and overprint and values and values[0] >= 1.0:
            t.white_overprint += 1

    def _space(self, cs, resources, n: int) -> tuple[str, str]:
        """(kind, label): kind is cmyk, rgb, gray, lab, spot, pattern or other."""
        if cs is None:
            return ("other", "none")
        if isinstance(cs, Name):
            name = str(cs)
            simple = {"/DeviceRGB": ("rgb", "DeviceRGB"), "/RGB": ("rgb", "DeviceRGB"),
                      "/DeviceCMYK": ("cmyk", "DeviceCMYK"), "/CMYK": ("cmyk", "DeviceCMYK"),
                      "/DeviceGray": ("gray", "DeviceGray"), "/G": ("gray", "DeviceGray"),
                      "/Pattern": ("pattern", "Pattern")}
            if name in simple:
                return simple[name]
            found = (resources.get("/ColorSpace") or {}).get(name) if resources is not None else None
            return self._space(found, None, n) if found is not None else ("other", name)
        if isinstance(cs, pikepdf.Array) and len(cs):
            key = cs.objgen if cs.is_indirect else None
            if key and key in self._spaces:
                return self._spaces[key]
            family = str(cs[0])
            if family == "/ICCBased":
                comps = int(cs[1].get("/N", 0))
                result = {1: ("gray", "ICCBased gray"), 3: ("rgb", "ICCBased RGB"),
                          4: ("cmyk", "ICCBased CMYK")}.get(comps, ("other", "ICCBased"))
            elif family == "/CalRGB":
                result = ("rgb", "CalRGB")
            elif family == "/CalGray":
                result = ("gray", "CalGray")
            elif family == "/Lab":
                result = ("lab", "Lab")
            elif family in ("/Indexed", "/I"):
                base = self._space(cs[1], resources, n)
                result = (base[0], f"Indexed {base[1]}")
            elif family == "/Pattern":
                result = ("pattern", "Pattern")
            elif family == "/Separation":
                ink = str(cs[1]).lstrip("/")
                self._spot(ink, n)
                result = ("spot", f"Separation {ink}")
            elif family == "/DeviceN":
                inks = [str(v).lstrip("/") for v in cs[1]]
                for ink in inks:
                    self._spot(ink, n)
                result = ("spot", f"DeviceN {'/'.join(inks)}")
            else:
                result = ("other", family)
            if key:
                self._spaces[key] = result
            return result
        return ("other", str(cs))

    def _spot(self, ink: str, n: int) -> None:
        if ink not in PROCESS_INKS:
            self.spots.setdefault(ink, n)

    def _do(self, resources, name, state: _State, n: int, t: _PageTally, depth: int) -> None:
        xobj = (resources.get("/XObject") or {}).get(str(name))
        if not isinstance(xobj, pikepdf.Stream):
            return
        subtype = xobj.get("/Subtype")
        if subtype == Name.Image:
            self._image(str(name), xobj, resources, state, n, t)
        elif subtype == Name.Form:
            matrix = xobj.get("/Matrix")
            inner = state
            if matrix is not None and len(matrix) == 6:
                inner = replace(state, ctm=_mul(tuple(map(float, matrix)), state.ctm))
            self._walk(xobj, xobj.get("/Resources") or resources, inner, n, t, depth + 1)

    def _image(self, name: str, xobj, resources, state: _State, n: int, t: _PageTally) -> None:
        if bool(xobj.get("/ImageMask", False)):
            return
        cs = xobj.get("/ColorSpace")
        if cs is None:
            if xobj.get("/Filter") == Name.JPXDecode:
                self.report.add(WARNING, "image.jpx", f"image {name}: JPEG 2000 with its colour "
                                                      "space in its own data (not checked)", n)
            return
        space = self._space(cs, resources, n)
        if space[0] == "rgb":
            t.rgb_images.append((name, space[1]))
        elif space[0] == "lab":
            t.lab += 1
        self._resolution(name, int(xobj.get("/Width", 0)), int(xobj.get("/Height", 0)),
                         int(xobj.get("/BitsPerComponent", 8)), state, t)

    def _inline_image(self, image, resources, state: _State, n: int, t: _PageTally) -> None:
        if image.image_mask:
            return
        items = list(getattr(image, "_image_object", ()))     # the BI … ID dictionary, as pairs
        keys = {str(k): v for k, v in zip(items[::2], items[1::2])}
        cs = keys.get("/CS", keys.get("/ColorSpace"))
        space = self._space(cs, resources, n) if cs is not None else ("other", "?")
        if space[0] == "rgb":
            t.rgb_images.append(("(inline)", space[1]))
        self._resolution("(inline)", image.width, image.height, image.bits_per_component, state, t)

    def _resolution(self, name, w, h, bits, state: _State, t: _PageTally) -> None:
        if bits == 1 or w < 32 or h < 32 or self.min_ppi <= 0:
            return
        a, b, c, d, _, _ = state.ctm
        wpt, hpt = math.hypot(a, b), math.hypot(c, d)
        if wpt < 1 or hpt < 1:
            return
        ppi = min(w / (wpt / 72), h / (hpt / 72))
        if ppi < self.min_ppi:
            t.low_ppi.append((name, ppi))

    def _pattern(self, resources, name, state, n, t, depth) -> None:
        pattern = (resources.get("/Pattern") or {}).get(str(name))
        if pattern is None:
            return
        if int(pattern.get("/PatternType", 0)) == 2:
            shading = pattern.get("/Shading")
            if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
                space = self._space(shading.get("/ColorSpace"), resources, n)
                self._count_space(space, t, f"pattern {name}")
        elif isinstance(pattern, pikepdf.Stream):
            self._walk(pattern, pattern.get("/Resources") or resources, state, n, t, depth + 1)

    # -- fonts
    def _use_font(self, resources, name, n: int) -> None:
        font = (resources.get("/Font") or {}).get(str(name))
        if not isinstance(font, pikepdf.Dictionary):
            self.report.add(ERROR, "font.missing", f"font resource {name} is not defined", n)
            return
        key = font.objgen if font.is_indirect else id(font)
        self.fonts.setdefault(key, (n, str(font.get("/BaseFont", name)).lstrip("/"), font))

    def _font(self, font, name: str, page: int) -> None:
        add = self.report.add
        subtype = font.get("/Subtype")
        if subtype == Name.Type3:
            if "/ToUnicode" not in font:
                add(WARNING, "font.text", f"Type 3 font {name}: no ToUnicode, its text may not "
                                          "extract", page)
            return
        descriptor_owner = font
        if subtype == Name.Type0:
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0] if descendants else None
        fd = descriptor_owner.get("/FontDescriptor") if descriptor_owner is not None else None
        embedded = isinstance(fd, pikepdf.Dictionary) and any(
            k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded:
            add(ERROR, "font.embedded", f"font {name} is not embedded", page)
        elif not re.match(r"[A-Z]{6}\+", name):
            add(WARNING, "font.subset", f"font {name} is embedded whole, not as a subset", page)
        if "/ToUnicode" not in font:
            encoding = font.get("/Encoding")
            identity = subtype == Name.Type0 and str(encoding) in ("/Identity-H", "/Identity-V")
            symbolic = isinstance(fd, pikepdf.Dictionary) and int(fd.get("/Flags", 0)) & 4 \
                and encoding is None
            if identity or symbolic or subtype == Name.Type0:
                add(WARNING, "font.text", f"font {name} has no ToUnicode map: its text does not "
                                          "extract", page)


def _inherited(obj, key):
    for _ in range(32):
        if obj is None:
            return None
        if key in obj:
            return obj[key]
        obj = obj.get("/Parent")
    return None


def _floats(operands) -> tuple[float, ...]:
    out = []
    for v in operands:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            pass
    return tuple(out)


def _num(v) -> str:
    try:
        return f"{float(v):g}"
    except (TypeError, ValueError):
        return str(v)
