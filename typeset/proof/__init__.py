"""Proofs: a PDF a proofreader marks up, separate from the print PDF (PDF/X
forbids annotations inside the bleed).

    result = proof(source, out_dir, since=OLD_SOURCE, png_dir=DIR)
    result.pdf        out_dir/<stem>.proof.pdf
    result.pngs       DIR/<stem>.proof-NN.png, one per sheet (() without png_dir)

The proof is built from the same laid-out pages as the print PDF
(typeset.build.prepare), as a draft: what would stop a print build is shown,
not refused. Each page is drawn on a larger sheet (sheet.py) with the
watermark 校样, a header strip (paper, issue, 第N版, 校次, build date, source
checksum, sign-off fields 校对/责编/签发), column numbers and grid line
numbers every 5th line, every mark (marks.py) outlined and numbered where it
happens and listed in the page's legend strip; legend sheets at the end list
them all. With `since`, the text changed since the earlier source
(diff.py) is highlighted in place, with PDF annotations (annotations.py: a
Highlight on replaced and inserted text, a Caret with the old text at each
deletion, a Text note per mark) and a bar beside each changed line.

校次 (rounds.py): `round`, else counted from the earlier proof in `out_dir`.
The PDF and its PNGs are written whole or not at all (typeset.output), and
are the same bytes for the same inputs (dates: SOURCE_DATE_EPOCH, else the
issue's date).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..audit import View
from ..build import Prepared, prepare
from ..diagnostics import Diagnostic
from ..frames import Picture
from ..output import ensure_folder, sha256, write_files
from ..parse.source import read_source
from ..render.job import PrintJob
from ..render.pdfx import pdf_date
from ..render.pdffix import writing
from .annotations import NOTE_SIZE, Note, add_annotations
from .diff import Change, PlacedChanges, Spot, place_changes, source_changes
from .marks import KINDS, Mark, collect_marks, issue_notes
from .png import png_name, render_pngs, stale_previews
from .rounds import ROUND_KEY, SOURCE_KEY, next_round
from .sheet import SIGN_OFF, Header, Sheet, Writer, draw_legend_sheets, draw_page_sheet, new_canvas

__all__ = ["proof", "ProofResult", "Mark", "Change", "KINDS", "change_bars"]


@dataclass(frozen=True)
class ProofResult:
    pdf: Path
    pngs: tuple[Path, ...]
    round: int                           # 校次
    marks: tuple[Mark, ...]              # drawn and listed, in legend order (numbered from 1)
    notes: tuple[Mark, ...]              # listed only: no place on a page
    changes: tuple[Change, ...]          # since the earlier source (() without one)
    unplaced: tuple[Change, ...]         # changes with nothing drawn
    sheets: int                          # pages of the proof PDF: the issue's and the legend's
    ready: Prepared                      # the laid-out issue (ready.laid: pages and report)
    placed: PlacedChanges                # the changes' highlights and carets on the pages
    view: View                           # the pages as the audit read them

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every mark and note as a warning, where it is."""
        return tuple(Diagnostic("warning", f"{m.where()}: {KINDS[m.kind]}: {m.message}",
                                m.file, m.source_line, rule=f"proof.{m.kind}")
                     for m in self.marks + self.notes)


def proof(source: str | Path, out_dir: str | Path = "build", *, since: str | Path | None = None,
          png_dir: str | Path | None = None, layout: str | None = None, sidecar=None,
          lunar_months: str | None = None, round: int | None = None) -> ProofResult:
    """Write the proof of `source` to `out_dir`/<stem>.proof.pdf (and its PNG
    previews to `png_dir`). `since`: an earlier version of the source, whose
    changes are highlighted. `layout`, `sidecar`, `lunar_months` as for
    typeset.build.build(). `round`: the 校次, else counted (rounds.py)."""
    source = Path(source)
    ready = prepare(source, layout, sidecar, lunar_months, strict=False)
    issue, laid = ready.issue, ready.laid
    view = View(laid, ready.design, issue)
    marks = collect_marks(ready, view)
    notes = issue_notes(ready)
    numbered = list(enumerate(marks, 1))

    changes: tuple[Change, ...] = ()
    placed = PlacedChanges((), ())
    since_text = ""
    if since is not None:
        old = read_source(since)
        new = read_source(source)
        changes = source_changes("\n".join(old.lines), "\n".join(new.lines))
        placed = place_changes(changes, laid.frames, issue, new.lines)
        since_text = f"{Path(since).name} sha256:{sha256(Path(since).read_bytes())[:16]}"

    job = PrintJob.for_issue(issue, source, laid.frames.title, laid.frames.subject,
                             profile=ready.staff.output_profile)
    out_dir = Path(out_dir)
    pdf_path = out_dir / f"{source.stem}.proof.pdf"
    number = round if round is not None else next_round(pdf_path, job.source_sha256)
    built = job.build_date()
    header = Header(paper=job.paper, date=job.date.isoformat() if job.date else "",
                    issue=job.issue_text, round=number,
                    build_date=built.isoformat(timespec="minutes"),
                    source=f"{job.source_name} sha256:{job.source_sha256[:16]}",
                    since=since_text, editors=_sign_off(ready.staff.editors))

    buffer = io.BytesIO()
    c, cache, role = new_canvas(buffer, ready.fonts, laid.frames.title)
    text = Writer(c, cache, role)
    frames = laid.frames.pages
    profile = job.profile.data if any(isinstance(e, Picture) for p in frames
                                      for e in p.elements) else None
    sheets: list[Sheet] = []
    for index, frame in enumerate(frames):
        mine = [(n, m) for n, m in numbered if m.page == index]
        spots = [s for s in placed.spots if s.page == index]
        sheets.append(draw_page_sheet(c, cache, text, frame, (view.pages[index], view.grid),
                                      header, mine, spots, change_bars(view, index, spots), profile))
    first = sheets[0]
    legend = draw_legend_sheets(c, text, (first.width, first.height), header,
                                [(n, m) for n, m in numbered if m.page is not None],
                                placed.unplaced, notes + [m for m in marks if m.page is None])
    with writing():            # reportlab's ToUnicode entries above U+FFFF, fixed (render.pdffix)
        c.save()
    pdf = _finish(buffer.getvalue(), sheets, numbered, placed.spots, job, number, built)

    files = [(pdf_path, pdf)]
    pngs: tuple[Path, ...] = ()
    ensure_folder(out_dir)
    if png_dir is not None:
        png_dir = Path(png_dir)
        ensure_folder(png_dir)
        images = render_pngs(pdf)
        pngs = tuple(png_dir / png_name(source.stem, i) for i in range(1, len(images) + 1))
        files += list(zip(pngs, images))
    write_files(files)
    if png_dir is not None:
        for path in stale_previews(png_dir, source.stem, len(pngs)):
            with contextlib.suppress(OSError):
                path.unlink()
    return ProofResult(pdf_path, pngs, number, tuple(m for _, m in numbered), tuple(notes),
                       changes, placed.unplaced, len(sheets) + legend, ready, placed, view)


def _sign_off(editors) -> tuple[tuple[str, str], ...]:
    """The sign-off fields' names the sidecar or paper file already knows."""
    out = []
    for label, keys in SIGN_OFF:
        name = next((editors[k] for k in keys if k in editors), "")
        out.append((label, str(name)))
    return tuple(out)


def change_bars(view: View, index: int, spots: list[Spot]):
    """(x, y, h) of a change bar right of each changed line, in the gutter
    after the grid column its text ends in."""
    page, grid = view.pages[index], view.grid
    out, seen = [], set()
    for spot in spots:
        line = spot.line
        if id(line) in seen:
            continue
        seen.add(id(line))
        glyphs = [g for g in line.glyphs if g.kind != "space"]
        right = line.x + max(g.x + g.width for g in glyphs) * line.size if glyphs else spot.x
        col = view.column_of(page, right - 0.5)
        x = page.left + grid.column_x(col - 1) + grid.span_width_pt(1) + 1.0
        out.append((x, spot.y, spot.h))
    return out


def _finish(data: bytes, sheets: list[Sheet], numbered, spots, job, number: int,
            built: dt.datetime) -> bytes:
    """The annotations, and Info saying which round of which source this is."""
    notes: list[Note] = []
    for n, m in numbered:
        if m.page is None:
            continue
        s = sheets[m.page]
        x0, y0, x1, y1 = s.rect(*m.rect)
        notes.append(Note(m.page, "Text", (x1 + 0.5, y1 - NOTE_SIZE, x1 + 0.5 + NOTE_SIZE, y1),
                          f"{n}. {m.where()} {KINDS[m.kind]}：{m.message}"
                          + (f"〔{m.source()}〕" if m.source() else "")))
    runs: dict[tuple[int, int], list[Spot]] = {}
    for spot in spots:
        runs.setdefault((spot.page, id(spot.change)), []).append(spot)
    for (page, _), group in runs.items():
        s = sheets[page]
        change = group[0].change
        if change.kind == "delete":
            spot = group[0]
            x, y = s.x(spot.x), s.y(spot.y + spot.h)
            notes.append(Note(page, "Caret", (x - 2.5, y - 1, x + 2.5, y + spot.h * 0.45),
                              f"删除：{change.old}"))
            continue
        quads = tuple(s.rect(sp.x, sp.y, sp.w, sp.h) for sp in group)
        rect = (min(q[0] for q in quads), min(q[1] for q in quads),
                max(q[2] for q in quads), max(q[3] for q in quads))
        what = (f"原文：{change.old}" if change.kind == "replace" else "插入") + \
            f"（源稿第{change.line}行）"
        notes.append(Note(page, "Highlight", rect, what, quads))
    date = pdf_date(built)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        add_annotations(pdf, notes, date)
        info = pdf.docinfo
        info[ROUND_KEY] = number
        info[SOURCE_KEY] = job.source_sha256
        info["/CreationDate"] = date
        info["/ModDate"] = date
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
