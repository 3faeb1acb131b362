"""A synthetic archive for `typeset batch`: a weekly paper's back issues.

    python benchmarks/make_archive.py OUT_DIR [--issues 200] [--seed 0] [--draft]

Writes OUT_DIR/<year>/<date>.txt, one issue a week (Mondays) from 2021-01-04:
第N期 starts again at 1 each year, 总第N期 runs on, the printed weekday and
lunar date are the date's, and the masthead says 每周一出版 — a run the
batch's consistency check passes. Each issue's articles are the real ones of
../shared/seeds and ../shared/corpus (benchmarks/issues.py: shuffled, cut
short or joined), 1–3 pages' worth. The same arguments give the same files.
`--draft` adds OUT_DIR/typeset.yaml with `draft: true`: most of these
shuffled issues break a blocking rule of the page audit somewhere, and a
throughput figure wants every issue built.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import issues  # noqa: E402  (benchmarks/issues.py: articles of the seeds and the corpus)

from typeset import calendar  # noqa: E402

FIRST_DATE = dt.date(2021, 1, 4)     # a Monday
FIRST_TOTAL = 101


def masthead(date: dt.date, number: int, total: int) -> str:
    return ("\n\n# 伊滨新闻\n\n"
            f"{date.year}年{date.month}月{date.day}日 {calendar.weekday_name(date)} 第{number}期 "
            "■ 每周一出版 ■ 河南省新闻出版局批准 ■ 河南省连续性内部资料(洛阳)审连00018号\n"
            f"{calendar.lunar_date(date).masthead()} 总第{total}期 ■ "
            "主管主办:洛阳市城乡一体化示范区管委会 ■ 编辑出版:区融媒体中心 内部资料 免费交流\n\n")


def archive_issues(count: int, seed: int = 0):
    """(relative path, text) of each issue, in date order."""
    rng = random.Random(seed)
    number = 0
    for i in range(count):
        date = FIRST_DATE + dt.timedelta(weeks=i)
        number = 1 if i and date.year != (date - dt.timedelta(weeks=1)).year else number + 1
        body = issues.make_issue(rng.randint(1, 3), "tabloid", seed * 100_000 + i)
        body = body.removeprefix(issues.masthead(seed * 100_000 + i))
        yield f"{date.year}/{date.isoformat()}.txt", masthead(date, number, FIRST_TOTAL + i) + body


def make_archive(folder: Path, count: int = 200, seed: int = 0,
                 draft: bool = False) -> list[Path]:
    written = []
    if draft:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "typeset.yaml").write_text("draft: true\n", encoding="utf-8")
    for rel, text in archive_issues(count, seed):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--draft", action="store_true", help="a typeset.yaml with draft: true")
    args = parser.parse_args()
    paths = make_archive(args.out, args.issues, args.seed, args.draft)
    print(f"wrote {len(paths)} issues under {args.out}")
