"""`typeset batch ARCHIVE -o OUT [-j N] [--proof] [--force] [--scheduler ADDRESS]`

Every issue under ARCHIVE built into OUT (mirroring the archive's folders),
in parallel, resumable: unchanged issues recorded in OUT/batch.sqlite are
skipped, an interrupted run picks up where it stopped. Exit 0 when every
issue is built, 1 when some are not (each named with file, line and reason),
2 on a usage error, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import time
from pathlib import Path

from ..diagnostics import TypesetError
from ..output import ensure_folder
from .commit import commit, is_done, sweep_temporaries
from .consistency import check_archive
from .discover import discover
from .fingerprint import issue_hash
from .progress import Progress
from .state import State
from .summary import Summary
from .worker import BUILT, FAILED, Task


def add_parser(subparsers) -> argparse.ArgumentParser:
    cmd = subparsers.add_parser(
        "batch", help="build every issue of an archive folder, resumably",
        description=__doc__.split("\n\n")[1].replace("\n", " "))
    add_arguments(cmd)
    return cmd


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("archive", help="folder of issue files (searched recursively)")
    cmd.add_argument("-o", "--output", required=True, help="output folder (holds the run's state)")
    cmd.add_argument("-j", "--jobs", type=int, default=None,
                     help="worker processes (default: the number of cores)")
    cmd.add_argument("--glob", default="*.txt", help="issue file names (default: *.txt)")
    cmd.add_argument("--force", action="store_true", help="rebuild issues that are unchanged")
    cmd.add_argument("--proof", action="store_true",
                     help="also write each issue's proof PDF (<stem>.proof.pdf)")
    cmd.add_argument("--pdfx", choices=("4", "1a"), default=None,
                     help="the print PDFs' flavour: PDF/X-4 (the default, or $TYPESET_PDFX) "
                          "or PDF/X-1a for old RIPs")
    cmd.add_argument("--scheduler", metavar="ADDRESS",
                     help="build on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    cmd.add_argument("--progress", choices=("auto", "bar", "lines"), default="auto",
                     help="a progress bar (on a terminal, the default) or a line per issue")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="typeset batch", description=__doc__.split("\n\n")[1])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args) -> int:
    previous = signal.signal(signal.SIGTERM, _interrupted)   # like Ctrl-C: stop, say what is done
    try:
        return _run(args)
    except TypesetError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return 2
    except KeyboardInterrupt:       # before any issue was sent to a worker
        print(f"{args.archive}: interrupted: no issue was built", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def _usage(message: str, where: str | None = None) -> TypesetError:
    return TypesetError(message, where)


def _run(args) -> int:
    archive, out = Path(args.archive), Path(args.output)
    if not archive.is_dir():
        raise _usage("not a folder of issues", str(archive))
    jobs_n = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs_n < 1:
        raise _usage(f"-j must be 1 or more, not {jobs_n}")
    if args.proof:
        _need_proof()
    started = time.perf_counter()
    jobs = discover(archive, args.glob)
    if not jobs:
        raise _usage(f"no issue files ({args.glob}) in this folder", str(archive))
    ensure_folder(out)
    sweep_temporaries(out)
    state = State(out)
    try:
        return _build_all(args, archive, out, jobs, jobs_n, state, started)
    finally:
        state.close()


def _build_all(args, archive, out, jobs, jobs_n, state, started) -> int:
    rows = state.rows()
    summary = Summary(str(archive), str(out), "dask" if args.scheduler else "local",
                      issues=len(jobs))
    todo, digests = [], {}
    for job in jobs:
        digests[job.rel] = digest = issue_hash(job, not job.settings.draft, args.proof,
                                               args.pdfx)
        row = rows.get(job.rel)
        if not args.force and is_done(row, digest, out, job.stem):
            summary.skipped += 1
            summary.still_failed += row.status == FAILED
        else:
            todo.append(job)
    progress = Progress(len(jobs), bar={"auto": None, "bar": True, "lines": False}[args.progress])
    progress.skipped(summary.skipped)
    executor = None
    try:
        if todo:
            executor = _executor(args, jobs_n)
            tasks = (Task(job, strict=not job.settings.draft, proof=args.proof, pdfx=args.pdfx)
                     for job in todo)
            for outcome in executor.run(tasks):
                commit(state, out, _stem(outcome.rel), digests[outcome.rel], outcome)
                summary.add(outcome)
                progress.finished(outcome)
            executor.close()
            executor = None
    except KeyboardInterrupt:
        progress.close()
        if executor is not None:
            executor.close(stop=True)
        done = summary.built + summary.failed
        print(f"interrupted: {done} issue(s) finished this run ({summary.built} built, "
              f"{summary.failed} failed), {summary.skipped} were already done, "
              f"{len(todo) - done} not finished; run the same command again to resume: "
              f"{_command_line(args)}", file=sys.stderr)
        summary.interrupted = True
        summary.seconds = time.perf_counter() - started
        summary.write(out)
        return 130
    progress.close()
    summary.seconds = time.perf_counter() - started
    rows = state.rows()
    current = [rows[j.rel] for j in jobs if j.rel in rows]
    summary.add_failures([r for r in current if r.status != BUILT])
    summary.add_consistency(check_archive((r.facts for r in current), _paper_rules))
    summary.write(out)
    for line in summary.lines():
        print(line)
    return summary.exit_status


def _stem(rel: str) -> str:
    return str(Path(rel).with_suffix(""))


def _executor(args, jobs_n: int):
    from .executor import DaskExecutor, LocalExecutor
    return DaskExecutor(args.scheduler) if args.scheduler else LocalExecutor(jobs_n)


def _need_proof() -> None:
    try:
        from .. import proof  # noqa: F401   (typeset.proof: the proof command's module)
    except ImportError:
        raise _usage("--proof needs typeset.proof, which this typeset does not have") from None


def _paper_rules(facts: dict) -> tuple[str | None, tuple[int, ...]]:
    """A paper's numbering rules from its paper file, if it has one."""
    from ..paper import PaperError, find_paper
    try:
        paper = find_paper(facts.get("paper"), facts.get("paper_file"),
                           Path(facts["file"]).parent)
    except PaperError:          # its build failed and said why
        return None, ()
    return (paper.restart, paper.weekdays) if paper else (None, ())


def _command_line(args) -> str:
    words = ["python -m typeset batch", shlex.quote(str(args.archive)), "-o",
             shlex.quote(str(args.output))]
    if args.jobs is not None:
        words += ["-j", str(args.jobs)]
    if args.glob != "*.txt":
        words += ["--glob", shlex.quote(args.glob)]
    if args.proof:
        words.append("--proof")
    if args.scheduler:
        words += ["--scheduler", args.scheduler]
    return " ".join(words)
