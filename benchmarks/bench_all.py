"""Issue 11's figures in one run, beside Typst's and the targets.

    python benchmarks/bench_all.py [--issues 40] [--runs 5] [--strict] [--no-dask] [--json FILE]
                                   [--commit LABEL]

In this order, on this machine:
  (a) cold     seed 000 on tabloid: `python -m typeset build SEED -o TMP --layout
               tabloid` as a fresh process, a build for print (the default: PDF/X,
               page audit), median of RUNS (bench_build.cold)
  (f) Typst    the same texts in the same grid with the project's fonts, cold
               process and warm compile, medians of RUNS (bench_typst.typst_figures)
  (b) warm     build() in this process after a warm-up, median of RUNS, ÷ pages
               (bench_build.warm: strict=False, otherwise the same build, PDF/X too)
  (c) batch    a synthetic archive of ISSUES weekly issues (make_archive.py; drafts
               unless --strict, as bench_batch.py: the shuffled issues break audit
               rules), `python -m typeset.batch` at -j 1 and -j 2 into fresh
               folders: pages/s and peak memory per worker from OUT/summary.json
               (bench_batch.run_local)
  (d) skipped  the -j 2 run again on the same OUT: every issue unchanged, so
               skipped; its summary's seconds (the run after imports) scaled
               linearly to 1,000 issues, plus the process start-up it does not
               count (conservative: the run's fixed costs are scaled too)
  (e) dask     the same archive through a 2-worker Dask LocalCluster
               (bench_batch.run_dask), if dask.distributed imports
Children keep their bytecode in a temporary PYTHONPYCACHEPREFIX (compiled by
an unmeasured first run of each kind), as bench_build.py does. Then prints one table: figure | typeset | Typst | ratio (typeset ÷ Typst) |
target | ok?. About 4 minutes with 40 issues on 2 cores, 12 with 200.

Timings move by ±30 % when the shared machine is loaded; the load average is
printed before and after. A run also says whether typeset/ changed under it
(its code is part of each issue's batch fingerprint, so a change between (c)
and (d) would rebuild instead of skipping: (d) then says so).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import bench_build  # noqa: E402   cold(), warm(), mark()
from bench_batch import run_dask, run_local  # noqa: E402
from bench_typst import SEED_000, typst_figures  # noqa: E402
from make_archive import make_archive  # noqa: E402

from typeset.batch.fingerprint import code_hash  # noqa: E402

LAYOUT = "tabloid"
# Issue 11's targets (2 cores)
COLD_S = 0.45            # seed 000, fresh process, for print
COLD_TIMES_TYPST = 4.0   # … and at most 4 × Typst's cold process
WARM_PER_PAGE_S = 0.1    # per tabloid page, in-process
BATCH_PAGES_S = 10.0     # at -j 2
WORKER_MB = 400.0        # peak per worker
SKIP_1000_S = 5.0        # rerun of an unchanged 1,000-issue archive (all skipped)


def git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return done.stdout.strip()


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(run, *args) -> tuple[dict, float]:
    t = time.perf_counter()
    summary = run(*args)
    return summary, time.perf_counter() - t


def batch_note(s: dict) -> str:
    return (f"{s['built']} built, {s['skipped']} skipped, {s['failed']} failed, {s['pages']} pages "
            f"in {s['seconds']:.1f} s, {s['pages_per_second']:.2f} pages/s, peak "
            f"{s['peak_rss_mb_per_worker']:.0f} MB/worker ({len(s['workers'])} workers)")


def measure(args) -> dict:
    fig: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-all-") as tmp:
        tmp = Path(tmp)
        # Every child (builds, batch workers, Dask workers, Typst) keeps its bytecode, as an
        # installed package has it, also where PYTHONDONTWRITEBYTECODE is set: bench_build.cold's
        # folder, for all of them
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"(a) cold process, seed 000, {LAYOUT}, for print …", flush=True)
        bench_build.RUNS = args.runs
        wall, cpu, rss = bench_build.cold(SEED_000, LAYOUT, str(tmp / "cold"), str(tmp / "pycache"))
        fig["cold"] = {"wall_s": wall, "cpu_s": cpu, "rss_mib": rss}
        print(f"    {wall:.3f} s (CPU {cpu:.3f} s), peak RSS {rss:.0f} MiB", flush=True)

        print("(f) Typst, same texts and grid …", flush=True)
        fig["typst"] = typst_figures(SEED_000, LAYOUT, args.runs)
        t = fig["typst"]
        print(f"    cold {t['cold_s']:.3f} s, warm {t['warm_s']:.3f} s, {t['pages']} pages, "
              f"peak RSS {t['cold_rss_mib']:.0f} MiB", flush=True)

        print("(b) warm build in-process …", flush=True)
        warm_s, pages = bench_build.warm(SEED_000, LAYOUT, str(tmp / "warm"))
        fig["warm"] = {"s": warm_s, "pages": pages}
        print(f"    {warm_s:.3f} s, {pages} pages, {warm_s / pages:.3f} s/page", flush=True)

        kind = "print" if args.strict else "drafts"
        make_archive(tmp / "warm-up", 2, draft=not args.strict)   # compiles the batch's bytecode
        run_local(tmp / "warm-up", tmp / "out-warm-up", 2)
        archive = tmp / "archive"
        make_archive(archive, args.issues, draft=not args.strict)
        fig["archive"] = {"issues": args.issues, "kind": kind}
        for jobs in (1, 2):
            print(f"(c) batch -j {jobs}, {args.issues} issues ({kind}) …", flush=True)
            s, wall = timed(run_local, archive, tmp / f"out-j{jobs}", jobs)
            fig[f"j{jobs}"] = dict(s, process_s=wall)
            print(f"    {batch_note(s)}", flush=True)

        print("(d) rerun -j 2, archive unchanged …", flush=True)
        fig["code_hash_before_rerun"] = code_hash.__wrapped__()[:12]
        s, wall = timed(run_local, archive, tmp / "out-j2", 2)
        per_1000 = (wall - s["seconds"]) + s["seconds"] * 1000 / args.issues
        fig["skip"] = dict(s, process_s=wall, est_1000_s=per_1000)
        print(f"    {batch_note(s)}; process {wall:.2f} s; 1,000 issues ≈ {per_1000:.1f} s",
              flush=True)

        fig["dask"] = None
        if not args.no_dask:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("(e) dask.distributed does not import: skipped", flush=True)
            else:
                print("(e) Dask LocalCluster, 2 workers …", flush=True)
                s, wall = timed(run_dask, archive, tmp / "out-dask")
                fig["dask"] = dict(s, process_s=wall)
                print(f"    {batch_note(s)}; consistency findings {len(s['consistency'])}",
                      flush=True)
    return fig


def fmt(x, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def table(fig: dict) -> list[list[str]]:
    mark = bench_build.mark
    c, t, w = fig["cold"], fig["typst"], fig["warm"]
    rows = []

    def row(name, ours, theirs, spec, target="—", ok=None):
        ratio = f"{ours / theirs:.2f}×" if ours is not None and theirs else "—"
        rows.append([name, fmt(ours, spec), fmt(theirs, spec), ratio, target,
                     "" if ok is None else mark(ok)])

    ratio = c["wall_s"] / t["cold_s"]
    row("cold process, seed 000, s", c["wall_s"], t["cold_s"], ".3f",
        f"≤ {COLD_S} s and ≤ {COLD_TIMES_TYPST:g}× Typst",
        c["wall_s"] <= COLD_S and ratio <= COLD_TIMES_TYPST)
    row("cold process CPU, s", c["cpu_s"], None, ".3f")
    row("warm build, seed 000, s", w["s"], t["warm_s"], ".3f")
    row("pages of seed 000", w["pages"], t["pages"], "d")
    ours_pp, theirs_pp = w["s"] / w["pages"], t["warm_s"] / t["pages"]
    row("warm per page, s", ours_pp, theirs_pp, ".3f", f"≤ {WARM_PER_PAGE_S} s",
        ours_pp <= WARM_PER_PAGE_S)
    row("peak RSS, cold process, MiB", c["rss_mib"], t["cold_rss_mib"], ".0f")
    a = fig["archive"]
    j1, j2 = fig["j1"], fig["j2"]
    row(f"batch -j 1, pages/s ({a['issues']} issues, {j1['pages']} pages)",
        j1["pages_per_second"], None, ".2f")
    row(f"batch -j 2, pages/s ({j2['built']} built, {j2['failed']} failed)",
        j2["pages_per_second"], None, ".2f", f"≥ {BATCH_PAGES_S:g}",
        j2["pages_per_second"] >= BATCH_PAGES_S)
    runs = [r for r in (j1, j2, fig["dask"]) if r]
    peak = max(r["peak_rss_mb_per_worker"] for r in runs)
    row("peak memory per worker, MB (-j 1, -j 2, Dask)", peak, None, ".0f",
        f"≤ {WORKER_MB:g} MB", peak <= WORKER_MB)
    s = fig["skip"]
    all_skipped = s["skipped"] == s["issues"] and not s["built"]
    row(f"rerun unchanged, {s['issues']} issues, s (run / process)", s["seconds"], None, ".2f")
    rows[-1][1] = f"{s['seconds']:.2f} / {s['process_s']:.2f}"
    row("… scaled to 1,000 issues, s", s["est_1000_s"], None, ".1f", f"≤ {SKIP_1000_S:g} s",
        s["est_1000_s"] <= SKIP_1000_S and all_skipped)
    if not all_skipped:
        rows[-1][4] += f" (NOT all skipped: {s['built']} rebuilt)"
    d = fig["dask"]
    if d:
        row(f"Dask LocalCluster 2 workers, pages/s ({d['built']} built, {d['failed']} failed)",
            d["pages_per_second"], None, ".2f")
    return rows


def print_table(rows: list[list[str]]) -> str:
    head = ["figure", "typeset", "Typst", "ratio", "target", "ok?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=40, help="archive size (issue 11: 200)")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (cold, warm)")
    parser.add_argument("--strict", action="store_true", help="batch builds for print, not drafts")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--commit", help="what is measured, where this is not a git checkout "
                        "(e.g. a `git archive HEAD` snapshot, which the others' edits leave alone)")
    args = parser.parse_args()
    import typst
    import typeset
    code_before = code_hash.__wrapped__()
    head = {"date": time.strftime("%Y-%m-%d %H:%M"), "commit": args.commit or git("rev-parse", "--short", "HEAD") or "?",
            "typeset_dirty": bool(git("status", "--porcelain", "--", "typeset")),
            "python": platform.python_version(), "typst": typst.__version__,
            "cores": os.cpu_count(), "load_before": loadavg()}
    print(f"commit {head['commit']}{' (typeset/ modified)' if head['typeset_dirty'] else ''}, "
          f"Python {head['python']}, typst {head['typst']}, {head['cores']} cores, "
          f"load {head['load_before']}; typeset {Path(typeset.__file__).parent} "
          f"(code {code_before[:12]})", flush=True)
    started = time.perf_counter()
    fig = measure(args)
    head["load_after"] = loadavg()
    head["minutes"] = round((time.perf_counter() - started) / 60, 1)
    head["typeset_changed_during_run"] = code_hash.__wrapped__() != code_before
    rows = table(fig)
    print()
    print(print_table(rows))
    print(f"\nload {head['load_before']} → {head['load_after']}, {head['minutes']} min"
          + ("; typeset/ CHANGED during the run" if head["typeset_changed_during_run"] else ""))
    if args.json:
        args.json.write_text(json.dumps({"run": head, "figures": fig, "table": rows},
                                        ensure_ascii=False, indent=1, default=str) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
