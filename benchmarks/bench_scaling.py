"""How the whole build scales with the length of an issue: cold builds of
synthetic issues (benchmarks/issues.py) from 2 to 32 pages.

    python benchmarks/bench_scaling.py [--cases tabloid-4,tabloid-32] [--timeout S] [--keep DIR]

Each case writes `scale_<layout>_<n>.txt` and its sidecar `scale_<layout>_<n>.yaml`
(`layout:`, and `pages:` for the fixed case), then builds it with
`typeset.build.build()` in a fresh Python process (imports, fonts, parse,
compose, layout, check, PDF). Per case it prints:
  pages    requested (the text's budget, or the sidecar's fixed count) and made
  han      Han characters in the issue file
  wall     seconds from before `import typeset.build` to the end of build()
  layout   the build's own `timings['layout']` (lay_out: compose + placement), if it reports one
  s/page   wall / pages made
  peak MB  the child process's max resident set (getrusage)
then the targets: 32 tabloid pages (content-decided and fixed) ≤ 10 s and ≤ 400 MB
cold, and s/page at 32 tabloid pages ≤ 1.5 × s/page at 4. A case that times out
or exits non-zero is shown FAILED with the end of its stderr; the run goes on.
Run on an idle machine: on the shared 2-core box figures move by ±30 %.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from issues import han_count, make_issue  # noqa: E402

TARGET_WALL_S = 10.0        # 32 tabloid pages, cold
TARGET_PEAK_MB = 400.0
TARGET_GROWTH = 1.5         # s/page at 32 pages ÷ s/page at 4 pages

TABLOID, BROADSHEET = "tabloid", "city-broadsheet"


@dataclass(frozen=True)
class Case:
    name: str
    layout: str
    pages: int
    fixed: bool = False      # `pages:` in the sidecar, else the content decides


CASES = [Case(f"tabloid-{n}", TABLOID, n) for n in (2, 4, 8, 16, 32)] + [
    Case("tabloid-32-fixed", TABLOID, 32, fixed=True),
    Case("broadsheet-8", BROADSHEET, 8),
    Case("broadsheet-24", BROADSHEET, 24),
]

# Run in the child as `python -c SNIPPET SRC OUT`; prints one JSON line.
SNIPPET = """\
import time, json, resource, sys
t = time.perf_counter()
from typeset.build import build
r = build(sys.argv[1], sys.argv[2])
wall = time.perf_counter() - t
print(json.dumps({"wall": wall, "pages": len(r.laid.frames.pages),
                  "timings": dict(getattr(r, "timings", {}) or {}),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_case(case: Case, folder: Path) -> tuple[Path, int]:
    """The case's issue and sidecar in `folder`; returns the issue path and its Han count."""
    stem = f"scale_{case.layout}_{case.pages}" + ("_fixed" if case.fixed else "")
    text = make_issue(case.pages, case.layout)
    source = folder / f"{stem}.txt"
    source.write_text(text, encoding="utf-8")
    sidecar = f"layout: {case.layout}\n" + (f"pages: {case.pages}\n" if case.fixed else "")
    (folder / f"{stem}.yaml").write_text(sidecar, encoding="utf-8")
    return source, han_count(text)


def cold_build(source: Path, out_dir: Path, timeout: float) -> dict:
    """build() of `source` in a fresh process: its JSON line, or {'error': why}."""
    try:
        run = subprocess.run([sys.executable, "-c", SNIPPET, str(source), str(out_dir)],
                             cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        stderr = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else e.stderr
        return {"error": f"timed out after {timeout:g} s", "stderr": stderr or ""}
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        return {"error": f"exit code {run.returncode}", "stderr": run.stderr}
    return json.loads(lines[-1])


def per_page(result: dict | None) -> float | None:
    if result and "error" not in result and result["pages"]:
        return result["wall"] / result["pages"]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", help="comma-separated: " + ",".join(c.name for c in CASES))
    parser.add_argument("--timeout", type=float, default=300, help="seconds per case (300)")
    parser.add_argument("--keep", metavar="DIR", help="write the issues and builds here and keep them")
    args = parser.parse_args()
    cases = CASES
    if args.cases:
        wanted = args.cases.split(",")
        unknown = [w for w in wanted if w not in {c.name for c in CASES}]
        if unknown:
            parser.error(f"unknown case {', '.join(unknown)}; known: {', '.join(c.name for c in CASES)}")
        cases = [c for c in CASES if c.name in wanted]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results: dict[str, dict] = {}
        print(f"{'case':<18} {'pages':>5} {'made':>5} {'han':>8} {'wall s':>7} {'layout s':>8} "
              f"{'s/page':>7} {'peak MB':>7}")
        for case in cases:
            source, han = write_case(case, folder)
            r = results[case.name] = cold_build(source, folder / "build", args.timeout)
            head = f"{case.name:<18} {case.pages:>5}"
            if "error" in r:
                print(f"{head} {'-':>5} {han:>8,} FAILED: {r['error']}")
                for line in r["stderr"].strip().splitlines()[-3:]:
                    print(f"    {line}")
                continue
            layout = r["timings"].get("layout")
            print(f"{head} {r['pages']:>5} {han:>8,} {r['wall']:>7.2f} "
                  f"{f'{layout:.2f}' if layout is not None else '-':>8} "
                  f"{per_page(r):>7.3f} {r['maxrss_mb']:>7.0f}")
        if args.keep:
            print(f"issues and builds kept in {folder}")

    print("\ntargets:")
    for name in ("tabloid-32", "tabloid-32-fixed"):
        r = results.get(name)
        if r is None:
            print(f"  {name}: ≤ {TARGET_WALL_S:g} s, ≤ {TARGET_PEAK_MB:g} MB cold: not run")
        elif "error" in r:
            print(f"  {name}: ≤ {TARGET_WALL_S:g} s, ≤ {TARGET_PEAK_MB:g} MB cold: MISSED (failed)")
        else:
            ok = r["wall"] <= TARGET_WALL_S and r["maxrss_mb"] <= TARGET_PEAK_MB
            print(f"  {name}: {r['wall']:.2f} s, {r['maxrss_mb']:.0f} MB (≤ {TARGET_WALL_S:g} s, "
                  f"≤ {TARGET_PEAK_MB:g} MB): {'ok' if ok else 'MISSED'}")
    at4, at32 = per_page(results.get("tabloid-4")), per_page(results.get("tabloid-32"))
    label = f"  s/page at 32 ≤ {TARGET_GROWTH:g} × s/page at 4 (tabloid)"
    if "tabloid-4" not in results or "tabloid-32" not in results:
        print(f"{label}: not run")
    elif at4 is None or at32 is None:
        print(f"{label}: MISSED (failed)")
    else:
        ratio = at32 / at4
        print(f"{label}: {at32:.3f} / {at4:.3f} = {ratio:.2f}×: "
              f"{'ok' if ratio <= TARGET_GROWTH else 'MISSED'}")


if __name__ == "__main__":
    main()
