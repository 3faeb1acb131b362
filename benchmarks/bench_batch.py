"""`typeset batch` throughput on a synthetic archive (benchmarks/make_archive.py).

    python benchmarks/bench_batch.py [--issues 200] [--strict]

Makes the archive in a temporary folder (drafts unless --strict: see
make_archive.py), then builds it three times, each into a fresh OUT:
`-j 1` and `-j 2` as `python -m typeset.batch` processes, and through a
2-worker Dask LocalCluster (processes=True, one thread each). Prints per run:
issues built and failed, pages, wall time, pages per second and the peak
memory per worker, all read from the run's OUT/summary.json. About 10 minutes
for 200 issues on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from make_archive import make_archive  # noqa: E402


def run_local(archive: Path, out: Path, jobs: int) -> dict:
    subprocess.run([sys.executable, "-m", "typeset.batch", str(archive), "-o", str(out),
                    "-j", str(jobs), "--progress", "lines"], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def run_dask(archive: Path, out: Path) -> dict:
    from distributed import LocalCluster
    with LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                      dashboard_address=None) as cluster:
        subprocess.run([sys.executable, "-m", "typeset.batch", str(archive), "-o", str(out),
                        "--scheduler", cluster.scheduler_address, "--progress", "lines"],
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def line(name: str, s: dict) -> str:
    return (f"{name:<14} {s['built']:>5} {s['failed']:>6} {s['pages']:>6} {s['seconds']:>8.1f} "
            f"{s['pages_per_second']:>7.2f} {s['peak_rss_mb_per_worker']:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--strict", action="store_true", help="build for print, not drafts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        archive = Path(tmp) / "archive"
        make_archive(archive, args.issues, draft=not args.strict)
        print(f"{args.issues} issues ({'print' if args.strict else 'drafts'}), "
              f"archive {archive}")
        print(f"{'run':<14} {'built':>5} {'failed':>6} {'pages':>6} {'seconds':>8} "
              f"{'pages/s':>7} {'peak MB/w':>9}")
        for name, run in (("-j 1", lambda out: run_local(archive, out, 1)),
                          ("-j 2", lambda out: run_local(archive, out, 2)),
                          ("dask 2 workers", lambda out: run_dask(archive, out))):
            summary = run(Path(tmp) / f"out-{name.replace(' ', '')}")
            print(line(name, summary), flush=True)
            if name == "dask 2 workers":
                print(f"consistency findings: {len(summary['consistency'])}")


if __name__ == "__main__":
    main()
