"""What a print PDF says about itself: the job (paper, issue, source checksum,
PDF/X flavour, output profile) and the one build date every date in the file is.

    job = PrintJob.for_issue(issue, source)    # in build(); PrintJob() for bare frames
    job.build_date()                            # SOURCE_DATE_EPOCH, else the issue date
    job.document_id                             # uuid: the same issue, the same id

Never the clock: the same input gives the same bytes. The output profile is
the paper file's (`output_profile:`, `output_condition:` — its printer's own,
e.g. ISOnewspaper26v4), else the one TYPESET_OUTPUT_PROFILE names (and
TYPESET_OUTPUT_CONDITION its OutputConditionIdentifier), else the one in color/.
The PDF/X flavour is the build's `pdfx` ("4", the default, or "1a" for
PDF/X-1a:2001 for old RIPs: `typeset build --pdfx 1a`); where no one passes
it (`typeset batch`, a bare PrintJob()), TYPESET_PDFX says, else PDF/X-4 —
`pdfx_flavour()` is the one place that decides.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import struct
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import TypesetError

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PROFILE = ROOT / "color" / "typeset-newsprint-TR002.icc"
DEFAULT_CONDITION = "CGATS TR 002"          # ICC characterisation data registry name
DEFAULT_CONDITION_TEXT = "Coldset offset on newsprint (CGATS/SNAP TR 002-2007)"
REGISTRY = "http://www.color.org"
PDFX_FLAVOURS = ("4", "1a")
BEIJING = dt.timezone(dt.timedelta(hours=8))
NO_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)   # a draft with no date (reportlab's invariant date)
_NAMESPACE = uuid.UUID("5f0c3a52-7d0e-4a43-9a55-1c1f5d1e0b7a")   # typeset's, for uuid5


@dataclass(frozen=True)
class OutputProfile:
    """The CMYK output condition a print PDF's OutputIntent names and embeds."""
    path: Path
    identifier: str          # OutputConditionIdentifier
    condition: str           # OutputCondition (human-readable)
    registry: str = REGISTRY

    @functools.cached_property
    def data(self) -> bytes:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise TypesetError(f"cannot read the output profile: {exc.strerror}", str(self.path)) from None
        if len(data) < 132 or data[36:40] != b"acsp":
            raise TypesetError("not an ICC profile", str(self.path))
        if data[16:20] != b"CMYK":
            raise TypesetError(f"the output profile is {data[16:20].decode('latin-1').strip()}, "
                               "not CMYK", str(self.path))
        return data

    @functools.cached_property
    def description(self) -> str:
        return icc_description(self.data) or self.path.stem

    @property
    def version(self) -> tuple[int, int]:
        return self.data[8], self.data[9] >> 4


def icc_description(data: bytes) -> str | None:
    """The profile's 'desc' tag text (v2 textDescriptionType or v4 mluc)."""
    (count,) = struct.unpack_from(">I", data, 128)
    for i in range(min(count, 100)):
        sig, offset, size = struct.unpack_from(">4sII", data, 132 + 12 * i)
        if sig != b"desc":
            continue
        tag = data[offset:offset + size]
        if tag[:4] == b"desc":
            (n,) = struct.unpack_from(">I", tag, 8)
            return tag[12:12 + n].rstrip(b"\0").decode("latin-1")
        if tag[:4] == b"mluc":
            records, rec_size = struct.unpack_from(">II", tag, 8)
            if records:
                length, off = struct.unpack_from(">II", tag, 16 + 4)
                return tag[off:off + length].decode("utf-16-be")
    return None


def default_profile() -> OutputProfile:
    path = os.environ.get("TYPESET_OUTPUT_PROFILE", "").strip()
    ident = os.environ.get("TYPESET_OUTPUT_CONDITION", "").strip()
    if not path:
        return OutputProfile(DEFAULT_PROFILE, ident or DEFAULT_CONDITION,
                             DEFAULT_CONDITION_TEXT, REGISTRY)
    return paper_profile(path, ident or None)


def paper_profile(path: str, identifier: str | None) -> OutputProfile:
    """A paper file's own output profile (its condition named as the file, when
    the paper file does not say)."""
    profile = OutputProfile(Path(path), identifier or Path(path).stem, "", REGISTRY)
    return OutputProfile(profile.path, profile.identifier, profile.description, REGISTRY)


def pdfx_flavour(value: str | None = None) -> str:
    """The PDF/X flavour, "4" or "1a": `value` when given (build's `pdfx`, the
    command line's --pdfx), else $TYPESET_PDFX, else "4". PDF/X-4, X-4, x1a
    and the like are read as 4 and 1a; anything else is a TypesetError."""
    given = value is not None
    text = value if given else os.environ.get("TYPESET_PDFX", "")
    flavour = str(text).strip().lower() or "4"
    flavour = flavour.removeprefix("pdf/x-").removeprefix("x-").removeprefix("x")
    if flavour not in PDFX_FLAVOURS:
        where = f"pdfx={value!r}" if given else f"TYPESET_PDFX={text!r}"
        raise TypesetError(f"{where}: expected 4 (PDF/X-4) or 1a (PDF/X-1a:2001)")
    return flavour


@dataclass(frozen=True)
class PrintJob:
    """Facts about one print PDF that are not on its pages."""
    title: str = ""
    subject: str = ""
    paper: str = ""
    date: dt.date | None = None
    issue_text: str = ""             # 第6期 总第274期
    source_name: str = ""
    source_sha256: str = ""
    first_page: int = 1
    pdfx: str = field(default_factory=pdfx_flavour)
    profile: OutputProfile = field(default_factory=default_profile)

    @classmethod
    def for_issue(cls, issue, source: str | Path, title: str = "", subject: str = "",
                  pdfx: str | None = None,
                  profile: tuple[str, str | None] | None = None) -> "PrintJob":
        """The job for `issue` built from `source`; `pdfx`: see pdfx_flavour();
        `profile`: the paper's (path, condition identifier), else default_profile()."""
        m = issue.masthead
        parts = [m.issue_text or (f"第{m.issue_number}期" if m.issue_number else ""),
                 m.total_issue_text or (f"总第{m.total_issue_number}期" if m.total_issue_number else "")]
        source = Path(source)
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        return cls(title=title, subject=subject, paper=m.paper_name or "", date=m.date,
                   issue_text=" ".join(p for p in parts if p), source_name=source.name,
                   source_sha256=digest, first_page=issue.first_page, pdfx=pdfx_flavour(pdfx),
                   profile=paper_profile(*profile) if profile else default_profile())

    def build_date(self) -> dt.datetime:
        """SOURCE_DATE_EPOCH (UTC) when set, else the issue's date at 00:00 Beijing
        time, else 2000-01-01 (a draft without a date). Never the clock."""
        value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if value:
            if not value.isdigit():
                raise TypesetError(f"SOURCE_DATE_EPOCH={value!r}: expected a whole number of "
                                   "seconds since 1970-01-01 UTC")
            return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
        if self.date is not None:
            return dt.datetime(self.date.year, self.date.month, self.date.day, tzinfo=BEIJING)
        return NO_DATE

    @property
    def document_key(self) -> str:
        """What identifies the document across rebuilds and corrections: the paper,
        date, issue numbers and first page; without a paper and date, the source's name."""
        if self.paper and self.date:
            return "|".join(("issue", self.paper, self.date.isoformat(), self.issue_text,
                             str(self.first_page)))
        return "|".join(("source", self.source_name or self.title, str(self.first_page)))

    @property
    def document_id(self) -> uuid.UUID:
        return uuid.uuid5(_NAMESPACE, self.document_key)

    def slug_text(self, folio: int, index: int, count: int) -> tuple[str, str]:
        """The slug line of the index-th of count pages (folio: its 版 number), in
        two parts: the issue's facts; the file's."""
        date = self.date.isoformat() if self.date else "无日期"
        left = "  ".join(p for p in (self.paper or self.title or "（报名缺失）", date,
                                     self.issue_text, f"第{folio}版") if p)
        flavour = {"4": "PDF/X-4", "1a": "PDF/X-1a"}[self.pdfx]
        source = (f"{self.source_name} sha256:{self.source_sha256[:16]}"
                  if self.source_sha256 else self.source_name)
        right = "  ".join(p for p in (f"{index}/{count}", source,
                                      f"{flavour} {self.profile.identifier}", "typeset") if p)
        return left, right
