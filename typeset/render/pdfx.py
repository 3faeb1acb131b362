"""reportlab's PDF → PDF/X-4 (ISO 15930-7), or PDF/X-1a:2001 for old RIPs.

reportlab has no OutputIntent API (its catalog knows no /OutputIntents and its
XMP class is private), so the PDF it writes is finished here with pikepdf
(qpdf; MPL-2.0), in one open-modify-save pass that copies every page stream
and font as it is (nothing is decoded or recompressed):

- /OutputIntents: one /GTS_PDFX intent with the output profile embedded
  (DestOutputProfile, /N 4), OutputConditionIdentifier, OutputCondition,
  RegistryName, Info (the profile's description);
- Info: Title, Subject, Creator, Producer, CreationDate = ModDate = the job's
  build date (SOURCE_DATE_EPOCH, else the issue's date; never the clock),
  /Trapped /False; reportlab's empty Author and Keywords dropped; for X-1a
  also GTS_PDFXVersion and GTS_PDFXConformance;
- XMP metadata that says the same (pdfxid:GTS_PDFXVersion, pdf:Trapped,
  xmp dates, xmpMM:DocumentID derived from the issue — uuid5 of paper, date
  and numbers — so every rebuild of one issue is the same document;
  InstanceID from this rendition's bytes; VersionID; RenditionClass);
- trailer /ID: the DocumentID's 16 bytes, then qpdf's deterministic digest of
  the file;
- PDF 1.6 (X-4) or 1.3 (X-1a:2001, no object streams, no transparency).
Every page must have TrimBox and BleedBox, no ArtBox and no annotation inside
its BleedBox; a PDF that does not is refused (RenderError), not written.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import uuid
import zlib
from html import escape as _html_escape

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

from .. import __version__
from .job import PrintJob
from .page import RenderError

PRODUCER = f"typeset {__version__}"
CREATOR = "typeset"


def escape(text: str) -> str:
    """&, < and > as XML entities: what xml.sax.saxutils.escape does, without its
    import of urllib.request, http, email and ssl (~35 ms of every build)."""
    return _html_escape(text, quote=False)


VERSION_ID = "1"      # a re-plate of the same issue would count up here


def to_pdfx(data: bytes, job: PrintJob) -> bytes:
    """The finished print PDF: `data` (reportlab's output) made PDF/X per `job`."""
    when = job.build_date()
    doc_id = job.document_id
    instance = uuid.uuid5(doc_id, hashlib.sha256(data).hexdigest())
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _check_pages(pdf)
        if job.pdfx == "1a":
            _check_no_transparency(pdf)
        old = pdf.trailer.get("/Info")
        title = job.title or (str(old.get("/Title", "")) if old is not None else "")
        subject = job.subject or (str(old.get("/Subject", "")) if old is not None else "")
        title = title or job.source_name or "typeset"

        profile = job.profile
        icc = Stream(pdf, _deflated(profile.data))
        icc.Filter = Name.FlateDecode
        icc.N = 4
        intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX,
                            OutputConditionIdentifier=String(profile.identifier),
                            OutputCondition=String(profile.condition or profile.description),
                            RegistryName=String(profile.registry),
                            Info=String(profile.description),
                            DestOutputProfile=pdf.make_indirect(icc))
        pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])

        stamp = pdf_date(when)
        info = Dictionary(Title=String(title), Creator=String(CREATOR),
                          Producer=String(PRODUCER), CreationDate=String(stamp),
                          ModDate=String(stamp))
        info.Trapped = Name("/False")      # (pikepdf's Name.False_ would write /False_)
        if subject:
            info.Subject = String(subject)
        if job.pdfx == "1a":
            info.GTS_PDFXVersion = String("PDF/X-1:2001")
            info.GTS_PDFXConformance = String("PDF/X-1a:2001")
        else:
            info.GTS_PDFXVersion = String("PDF/X-4")
        pdf.trailer.Info = pdf.make_indirect(info)

        meta = Stream(pdf, xmp(job, title, subject, when, doc_id, instance).encode("utf-8"))
        meta.Type = Name.Metadata
        meta.Subtype = Name.XML
        pdf.Root.Metadata = pdf.make_indirect(meta)
        pdf.trailer.ID = Array([String(doc_id.bytes), String(doc_id.bytes)])

        out = io.BytesIO()
        pdf.save(out, force_version="1.3" if job.pdfx == "1a" else "1.6",
                 fix_metadata_version=False, compress_streams=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 deterministic_id=True)
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def _deflated(data: bytes) -> bytes:
    return zlib.compress(data, 6)   # 10 ms for the 168 kB profile (level 9: 50 ms, 0.3 % smaller)


def pdf_date(when: dt.datetime) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' (PDF 32000 7.9.4)."""
    off = int(when.utcoffset().total_seconds()) // 60
    sign = "+" if off >= 0 else "-"
    return when.strftime("D:%Y%m%d%H%M%S") + "%s%02d'%02d'" % (sign, abs(off) // 60, abs(off) % 60)


def xmp_date(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def xmp(job: PrintJob, title: str, subject: str, when: dt.datetime, doc_id: uuid.UUID,
        instance: uuid.UUID) -> str:
    """The XMP packet: the same facts as the Info dictionary, and the PDF/X claim."""
    date = escape(xmp_date(when))

    def alt(text: str) -> str:
        return ('<rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt>' % escape(text))

    if job.pdfx == "1a":
        claim = ("<pdfx:GTS_PDFXVersion>PDF/X-1:2001</pdfx:GTS_PDFXVersion>\n"
                 "   <pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>")
    else:
        claim = "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"
    description = f"\n   <dc:description>{alt(subject)}</dc:description>" if subject else ""
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title>{alt(title)}</dc:title>{description}
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance}</xmpMM:InstanceID>
   <xmpMM:VersionID>{VERSION_ID}</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   {claim}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    padding = (" " * 99 + "\n") * 20       # room to edit the packet in place
    return body + padding + '<?xpacket end="w"?>'


def _check_pages(pdf: pikepdf.Pdf) -> None:
    for n, page in enumerate(pdf.pages, 1):
        obj = page.obj
        if "/TrimBox" not in obj or "/BleedBox" not in obj:
            raise RenderError(f"page {n}: PDF/X needs a TrimBox and a BleedBox")
        if "/ArtBox" in obj:
            raise RenderError(f"page {n}: PDF/X allows a TrimBox or an ArtBox, not both")
        bleed = [float(v) for v in obj.BleedBox]
        for annot in obj.get("/Annots", []):
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            if rect[0] < bleed[2] and rect[2] > bleed[0] and rect[1] < bleed[3] and rect[3] > bleed[1]:
                raise RenderError(f"page {n}: an annotation inside the BleedBox (PDF/X forbids it)")


def _check_no_transparency(pdf: pikepdf.Pdf) -> None:
    from ..preflight.pdf import transparency
    found = transparency(pdf)
    if found:
        page, what = found[0]
        raise RenderError(f"page {page}: PDF/X-1a allows no transparency ({what})")
