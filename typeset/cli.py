"""Command line: `typeset parse FILE`, `typeset build FILE`, `typeset check PDF`,
`typeset proof FILE`, `typeset watch FILE`.

Errors in the input come out as one line `file:line: error: message` on
stderr with exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys

from .design.load import DEFAULT_LAYOUT
from .diagnostics import TypesetError
from .preflight.internal import KINDS
from .sidecar import find_sidecar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="typeset", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    parse_cmd = commands.add_parser("parse", help="print the structure read from an issue file")
    parse_cmd.add_argument("source")
    parse_cmd.add_argument("--json", action="store_true", help="print JSON instead of an outline")
    _masthead_options(parse_cmd)

    build_cmd = commands.add_parser("build", help="typeset an issue file into a PDF")
    build_cmd.add_argument("source")
    build_cmd.add_argument("-o", "--output", default="build", help="output folder (default: build)")
    build_cmd.add_argument("--layout", default=None,
                           help="layout name in layouts/ or a YAML path (default: the sidecar's "
                                "layout:, else " + DEFAULT_LAYOUT + ")")
    build_cmd.add_argument("--draft", action="store_true",
                           help="a draft for proofing: masthead facts that do not check "
                                "(no paper name or date, a wrong lunar date) are warnings, "
                                "not errors")
    build_cmd.add_argument("--pdfx", type=_pdfx, default=None, metavar="{4,1a}",
                           help="the print PDF's flavour: 4 (PDF/X-4, the default) or 1a "
                                "(PDF/X-1a:2001, no transparency, for old RIPs); without it "
                                "$TYPESET_PDFX, else 4")
    _masthead_options(build_cmd)

    check_cmd = commands.add_parser(
        "check", help="preflight a PDF for print: one line per finding; exit 1 if any blocks print",
        description="Preflight any PDF for a newspaper press: page boxes and bleed, PDF/X "
                    "identification and OutputIntent, fonts, colour spaces (RGB operators and "
                    "images), overprint, transparency, annotations in the bleed, text "
                    "extraction. Exit 0: nothing blocks print; 1: an error does; 2: usage.")
    check_cmd.add_argument("pdf", nargs="+")
    check_cmd.add_argument("--min-bleed-mm", type=float, default=3.0,
                           help="bleed every page needs beyond its TrimBox (default 3; 0: not checked)")
    check_cmd.add_argument("--min-ppi", type=float, default=170.0,
                           help="warn about images below this resolution as placed (default 170)")
    check_cmd.add_argument("--kind", choices=KINDS, default=None,
                           help="the paper's kind: internal (连续性内部资料: its licence number, "
                                "内部资料 免费交流 and issue number on page 1; no 本报, 记者 or "
                                "刊号) or public (those rules do not apply); default: read off "
                                "page 1")
    check_cmd.add_argument("--quiet", action="store_true", help="errors and the summary only")

    proof_cmd = commands.add_parser(
        "proof", help="a proof PDF to mark up: watermark, line numbers, every finding marked",
        description="Write <stem>.proof.pdf: the issue's pages (as a draft) with the watermark "
                    "校样, a header strip (校次, build date, source checksum, sign-off fields), "
                    "column and line numbers, every finding drawn where it happens and listed "
                    "in a legend; --since highlights and annotates what changed.")
    _proof_options(proof_cmd)
    watch_cmd = commands.add_parser(
        "watch", help="rebuild the proof (and its PNGs) whenever the source, its sidecar, the "
                      "layout or the paper file changes",
        description="Build the proof, then rebuild it on every change to the source, its "
                    "sidecar, the layout or the paper file, printing the page summary and the "
                    "diagnostics each time; a failed rebuild keeps the last good proof. Ctrl-C "
                    "stops.")
    _proof_options(watch_cmd)

    from .batch.command import add_parser as add_batch, run as run_batch
    add_batch(commands)

    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupted)   # like Ctrl-C: clean up, one line
    try:
        if args.command == "batch":
            return run_batch(args)
        if args.command == "parse":
            return _parse(args)
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "proof":
            return _proof(args)
        if args.command == "watch":
            return _watch(args)
    except TypesetError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # output files are renamed into place only when complete (typeset/output.py)
        print(f"{getattr(args, 'source', 'typeset')}: interrupted: no new output was written",
              file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def _masthead_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--sidecar", help="staff YAML for this issue (default: <source>.yaml beside "
                                       "it); for sources in read-only folders")
    cmd.add_argument("--paper", help="paper name when the file has no masthead")
    cmd.add_argument("--date", type=_iso_date, help="issue date, e.g. 2024-12-31")
    cmd.add_argument("--issue", type=int, help="issue number within the year (第N期)")
    cmd.add_argument("--total-issue", type=int, help="cumulative issue number (总第N期)")
    cmd.add_argument("--first-page", type=int, default=None,
                     help="the issue's first page: 2 or more for a paper's inner pages")
    cmd.add_argument("--lunar-months", choices=("numeric", "traditional"), default=None,
                     help="print months 11/12 as 十一月/十二月 or 冬月/腊月 (default: the "
                          "layout's calendar setting)")


def _proof_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("source")
    cmd.add_argument("-o", "--output", default="build", help="output folder (default: build)")
    cmd.add_argument("--since", metavar="OLD_SOURCE",
                     help="an earlier version of the source: highlight and annotate what changed")
    cmd.add_argument("--png", metavar="DIR", help="also write a PNG preview of every sheet here")
    cmd.add_argument("--round", type=_positive, default=None, metavar="N",
                     help="the 校次 (default: the earlier proof's in the output folder, plus one "
                          "if the source changed since; 1 without one)")
    cmd.add_argument("--layout", default=None,
                     help="layout name in layouts/ or a YAML path (default: the sidecar's "
                          "layout:, else " + DEFAULT_LAYOUT + ")")
    _masthead_options(cmd)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a round number 1, 2, 3…: {text!r}")
    return value


def _proof(args) -> int:
    from .proof import proof
    from .proof.summary import print_result
    result = proof(args.source, args.output, since=args.since, png_dir=args.png,
                   layout=args.layout, sidecar=_sidecar(args), lunar_months=args.lunar_months,
                   round=args.round)
    print_result(result, sys.stdout, sys.stderr)
    return 0


def _watch(args) -> int:
    from .proof.watch import watch
    # the sidecar is read afresh for every rebuild: editing it is what watch is for
    return watch(args.source, args.output, png_dir=args.png, since=args.since,
                 layout=args.layout, sidecar_path=args.sidecar, load_sidecar=lambda: _sidecar(args),
                 lunar_months=args.lunar_months, round=args.round)


def _pdfx(text: str) -> str:
    # checked by render.job.pdfx_flavour, imported only now: it loads the renderer (reportlab)
    from .render.job import pdfx_flavour
    try:
        return pdfx_flavour(text)
    except TypesetError as exc:
        raise argparse.ArgumentTypeError(exc.diagnostic.message) from None


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2024-12-31: {text!r}") from None


def _sidecar(args):
    return find_sidecar(args.source, args.sidecar).with_options(
        paper=args.paper, date=args.date, issue=args.issue, total_issue=args.total_issue,
        first_page=args.first_page)


def _build(args) -> int:
    from .build import build
    result = build(args.source, args.output, args.layout, _sidecar(args), args.lunar_months,
                   strict=not args.draft, pdfx=args.pdfx)
    for diagnostic in result.diagnostics:
        if diagnostic.severity != "info":
            print(diagnostic, file=sys.stderr)
    for page in result.laid.report.pages:
        jumps = [f"{j.item}→{j.to}" for j in page.jumps]
        print(f"page {page.page}: {len(page.modules)} modules, fill {page.fill:.1%}"
              + (f", jumps {' '.join(jumps)}" if jumps else ""))
    print(f"wrote {result.pdf} and {result.report_path}")
    return 0


def _check(args) -> int:
    from .preflight import ERROR, NOTE, check_pdf
    status = 0
    for path in args.pdf:
        report = check_pdf(path, min_bleed_mm=args.min_bleed_mm, min_ppi=args.min_ppi,
                           kind=args.kind)
        counts = {s: sum(1 for f in report.findings if f.severity == s)
                  for s in (ERROR, "warning", NOTE)}
        for finding in report.findings:
            if not args.quiet or finding.severity == ERROR:
                print(finding.line(path))
        what = ", ".join(p for p in (report.pdfx, f"{report.pages} pages",
                                     report.condition and f"output condition {report.condition}") if p)
        if counts[ERROR]:
            status = 1
            verdict = f"not fit for print: {counts[ERROR]} error(s), {counts['warning']} warning(s)"
        else:
            verdict = "fit for print" + (f" ({counts['warning']} warning(s))" if counts["warning"] else "")
        print(f"{path}: {verdict} [{what}]")
    return status


def _parse(args) -> int:
    from .design import load_layout
    from .parse import parse_issue
    from .parse.outline import issue_to_json, outline
    sidecar = _sidecar(args)
    months = (args.lunar_months
              or load_layout(sidecar.layout_name()).calendar.lunar_months)
    issue = parse_issue(args.source, sidecar, months)
    if args.json:
        json.dump(issue_to_json(issue), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(outline(issue))
    for diagnostic in issue.diagnostics:
        print(diagnostic, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
