"""What a fresh build process spends before and besides laying out: imports,
fonts, the QR code, the PDF, and its peak memory.

    python benchmarks/bench_startup.py [--runs N] [--root DIR ...] [--stages-only]

For seed 000 (tabloid) and a 16-page synthetic tabloid issue
(benchmarks/issues.py), each measured in fresh processes:
  cold process   wall time of `python -m typeset build SEED -o TMP`, median and
                 best of N,
                 with the font cache warm (every start after the first), with
                 an empty cache (a machine's first start: parse and write it)
                 and with the cache off (TYPESET_FONT_CACHE=off: an unwritable
                 cache folder behaves the same)
  stages         in a fresh process: `import typeset.build`, then build()'s own
                 timings (parse, fonts, layout, check, render, write), medians
  peak RSS       getrusage max resident set of that process after its first
                 build (MiB), the largest of the runs
  warm per page  build() again in the same process after a warm-up, ÷ pages

`--root DIR` (repeatable) measures other checkouts of typeset (e.g. a `git
worktree` of an older commit) with this script, their runs interleaved, so
before/after figures are taken alike and under the same load. Run on an idle
machine: on the shared 2-core box figures move by ±30 % under load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from issues import make_issue  # noqa: E402

SEED = HERE.parent.parent / "shared" / "seeds" / "000_75e0bf726cbcfecc.txt"

STAGES = """\
import json, resource, sys, time
t = time.perf_counter()
from typeset.build import build
imports = time.perf_counter() - t
r = build(sys.argv[1], sys.argv[2], strict=False)
out = {"imports": imports, **r.timings, "pages": len(r.laid.frames.pages),
       "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if len(sys.argv) > 3:
    t = time.perf_counter()
    r = build(sys.argv[1], sys.argv[2], strict=False)
    out["warm"] = time.perf_counter() - t
print(json.dumps(out))
"""


def env_for(root: Path, cache: str | None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root))
    if cache is not None:
        env["TYPESET_FONT_CACHE"] = cache
    return env


def cold_once(root: Path, source: Path, out: str, cache: str) -> float:
    args = [sys.executable, "-m", "typeset", "build", "--draft", str(source), "-o", out]
    t = time.perf_counter()
    subprocess.run(args, cwd=root, env=env_for(root, cache), check=True, capture_output=True)
    return time.perf_counter() - t


def stages_once(root: Path, source: Path, out: str, cache: str) -> dict:
    args = [sys.executable, "-c", STAGES, str(source), out, "warm"]
    run = subprocess.run(args, cwd=root, env=env_for(root, cache), check=True,
                         capture_output=True, text=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def summary(rows: list[dict]) -> dict:
    result = {k: statistics.median(r[k] for r in rows) for k in rows[0] if k != "maxrss_mb"}
    result["maxrss_mb"] = max(r["maxrss_mb"] for r in rows)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, action="append",
                        help="a checkout to measure (repeatable; default this one)")
    parser.add_argument("--stages-only", action="store_true", help="skip the cold-process timings")
    args = parser.parse_args()
    roots = [r.resolve() for r in (args.root or [HERE.parent])]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        issue16 = tmp / "issue16.txt"
        issue16.write_text(make_issue(16, "tabloid"), encoding="utf-8")
        (tmp / "issue16.yaml").write_text("layout: tabloid\n", encoding="utf-8")
        out = str(tmp / "out")
        warm_cache = {root: str(tmp / f"cache-{i}") for i, root in enumerate(roots)}
        for root in roots:  # fill each checkout's font cache
            cold_once(root, SEED, out, warm_cache[root])
        if not args.stages_only:
            for mode in ("warm", "empty", "off"):
                times: dict[Path, list[float]] = {root: [] for root in roots}
                for i in range(args.runs):  # interleaved, so load on the machine hits all alike
                    for j, root in enumerate(roots):
                        cache = {"warm": warm_cache[root], "off": "off"}.get(mode) or str(
                            tmp / f"cache-empty-{j}-{i}")
                        times[root].append(cold_once(root, SEED, out, cache))
                for root in roots:
                    print(f"{root}: seed 000 cold process, font cache {mode:<5} "
                          f"{statistics.median(times[root]):.3f} s median of {args.runs}, "
                          f"{min(times[root]):.3f} s best")
        for name, source in (("seed 000", SEED), ("16-page issue", issue16)):
            rows: dict[Path, list[dict]] = {root: [] for root in roots}
            for _ in range(args.runs):
                for root in roots:
                    rows[root].append(stages_once(root, source, out, warm_cache[root]))
            for root in roots:
                r = summary(rows[root])
                parts = " ".join(f"{k} {r[k]:.3f}" for k in
                                 ("imports", "parse", "fonts", "layout", "check", "render", "write")
                                 if k in r)
                print(f"{root}: {name}, {r['pages']:.0f} pages: {parts} s")
                print(f"  warm build {r['warm']:.3f} s, {r['warm'] / r['pages']:.3f} s/page; "
                      f"peak RSS {r['maxrss_mb']:.0f} MiB")


if __name__ == "__main__":
    main()
