"""What a fresh build process spends before and besides laying out: imports,
fonts, the QR code, the PDF, and its peak memory.

    python benchmarks/bench_startup.py [--runs N] [--root DIR ...] [--stages-only]

For seed 000 (tabloid) and a 16-page synthetic tabloid issue
(benchmarks/issues.py), each measured in fresh processes:
  cold process   wall and CPU (user + system) time of `python -m typeset build
                 SEED -o TMP` — a build for print: PDF/X, page audit, headline
                 words —, median and best of N,
                 with the user caches warm (every start after the first: fonts,
                 headline words, the reader's compiled patterns), empty (a
                 machine's first start: parse and write them) and off
                 (TYPESET_*_CACHE=off: an unwritable cache folder behaves the same)
  stages         in a fresh process: `import typeset.build`, then build()'s own
                 timings (parse, fonts, layout, check, render, write), medians
  peak RSS       getrusage max resident set of that process after its first
                 build (MiB), the largest of the runs
  warm per page  build() again in the same process after a warm-up, ÷ pages

`--root DIR` (repeatable) measures other checkouts of typeset (e.g. a `git
worktree` of an older commit) with this script, their runs interleaved, so
before/after figures are taken alike and under the same load. Run on an idle
machine: on the shared 2-core box wall times move by ±30 % under load (CPU
times less). Children compile their bytecode once into a temporary
PYTHONPYCACHEPREFIX (as an installed package has it), also where the shell
sets PYTHONDONTWRITEBYTECODE, which would make every start compile every module.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


CACHES = {"TYPESET_FONT_CACHE": "fonts", "TYPESET_WORD_CACHE": "words",
          "TYPESET_PATTERN_CACHE": "patterns"}
PYCACHE = Path(tempfile.gettempdir())     # main() sets a folder of its own


def env_for(root: Path, cache: str | None) -> dict:
    """The child's environment: `cache` a folder holding every user cache, or "off"."""
    pycache = PYCACHE / root.as_posix().strip("/").replace("/", "_")
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cache is not None:
        for setting, name in CACHES.items():
            env[setting] = cache if cache == "off" else str(Path(cache) / name)
    return env


def cold_once(root: Path, source: Path, out: str, cache: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh build process, for print."""
    args = [sys.executable, "-m", "typeset", "build", str(source), "-o", out]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, cwd=root, env=env_for(root, cache), check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
    global PYCACHE
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        PYCACHE = tmp / "pycache"
        issue16 = tmp / "issue16.txt"
        issue16.write_text(make_issue(16, "tabloid"), encoding="utf-8")
        (tmp / "issue16.yaml").write_text("layout: tabloid\n", encoding="utf-8")
        out = str(tmp / "out")
        warm_cache = {root: str(tmp / f"cache-{i}") for i, root in enumerate(roots)}
        for root in roots:  # fill each checkout's font cache
            cold_once(root, SEED, out, warm_cache[root])
        if not args.stages_only:
            for mode in ("warm", "empty", "off"):
                times: dict[Path, list[tuple[float, float]]] = {root: [] for root in roots}
                for i in range(args.runs):  # interleaved, so load on the machine hits all alike
                    for j, root in enumerate(roots):
                        cache = {"warm": warm_cache[root], "off": "off"}.get(mode) or str(
                            tmp / f"cache-empty-{j}-{i}")
                        times[root].append(cold_once(root, SEED, out, cache))
                for root in roots:
                    wall = [w for w, _ in times[root]]
                    cpu = [c for _, c in times[root]]
                    print(f"{root}: seed 000 cold process, caches {mode:<5} "
                          f"wall {statistics.median(wall):.3f} s median of {args.runs}, "
                          f"{min(wall):.3f} s best; CPU {statistics.median(cpu):.3f} s median, "
                          f"{min(cpu):.3f} s best")
        for name, source in (("seed 000", SEED), ("16-page issue", issue16)):
            rows: dict[Path, list[dict]] = {root: [] for root in roots}
            for _ in range(args.runs):
                for root in roots:
                    rows[root].append(stages_once(root, source, out, warm_cache[root]))
            for root in roots:
                r = summary(rows[root])
                parts = " ".join(f"{k} {r[k]:.3f}" for k in
                                 ("imports", "parse", "fonts", "layout", "check", "audit", "render",
                                  "pdfx", "write")
                                 if k in r)
                print(f"{root}: {name}, {r['pages']:.0f} pages: {parts} s")
                print(f"  warm build {r['warm']:.3f} s, {r['warm'] / r['pages']:.3f} s/page; "
                      f"peak RSS {r['maxrss_mb']:.0f} MiB")


if __name__ == "__main__":
    main()
