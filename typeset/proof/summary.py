"""What `typeset proof` and `typeset watch` print after a proof: the
diagnostics (stderr), a line per page and the files written (stdout)."""

from __future__ import annotations

from typing import TextIO


def print_result(result, out: TextIO, err: TextIO) -> None:
    for diagnostic in result.diagnostics:
        print(diagnostic, file=err)
    marks_on = {}
    for mark in result.marks:
        if mark.folio is not None:
            marks_on[mark.folio] = marks_on.get(mark.folio, 0) + 1
    for page in result.ready.laid.report.pages:
        jumps = [f"{j.item}→{j.to}" for j in page.jumps]
        print(f"page {page.page}: {len(page.modules)} modules, fill {page.fill:.1%}, "
              f"{marks_on.get(page.page, 0)} marks"
              + (f", jumps {' '.join(jumps)}" if jumps else ""), file=out)
    changes = (f", {len(result.changes)} changes since the earlier source"
               + (f" ({len(result.unplaced)} not on the pages)" if result.unplaced else "")
               if result.changes else "")
    pngs = f" and {len(result.pngs)} PNGs in {result.pngs[0].parent}" if result.pngs else ""
    print(f"wrote {result.pdf} (校次 {result.round}, {result.sheets} sheets{changes}){pngs}",
          file=out, flush=True)
    err.flush()
