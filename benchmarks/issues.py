"""Synthetic issues of any length, for the scaling benchmark (bench_scaling.py).

    python benchmarks/issues.py PAGES LAYOUT [SEED]     # one issue to stdout

`make_issue(pages, layout, seed)` returns the text of an issue in the
parsed-issue format of ../shared/seeds: the 伊滨新闻 masthead, then `## title`
articles with roughly `pages` pages' worth of body text for `layout`
(HAN_PER_PAGE Han characters a page). The articles are the real ones of
../shared/seeds and ../shared/corpus, split at their `##`/`###` headings,
shuffled, sometimes cut short or joined in pairs, and reused in new shuffles
until the budget is met. Old jump lines （下转…/（上接… are left out.
The same arguments give the same text.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.paths import SHARED  # noqa: E402  (the one place that knows where ../shared is)

# Body Han characters to generate per page: below the grid's capacity
# (tabloid 6 × 11 × 86, broadsheet 8 × 13 × 120) to leave room for headlines.
HAN_PER_PAGE = {"tabloid": 3_500, "city-broadsheet": 7_300}

BYLINES = ["王小明", "李娜", "张伟", "刘洋", "陈静", "赵磊"]
JUMP_MARKS = ("（上接", "（下转", "(上接", "(下转", "下转第", "上接第")
# A line shorter than this that does not end a sentence is a title, byline, caption,
# running head or half of a cut paragraph in the source: left out (see prose_line).
SHORT = 40
SENTENCE_ENDS = ("。", "！", "？", "；", "：", "…", "——", "”", "’", "」", "』",
                 "!", "?", ";", ":", ".")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

Article = tuple[str, list[str]]          # (title, paragraphs)


def han_count(text: str) -> int:
    """Number of Han characters (CJK unified ideographs, ext. A, compatibility)."""
    return len(_HAN.findall(text))


def read_source(path: Path) -> str:
    """A seed or corpus file as text with LF line ends (p03 is GB18030, p02 has a BOM)."""
    encoding = "gb18030" if "gb18030" in path.name else "utf-8-sig"
    return path.read_bytes().decode(encoding).replace("\r\n", "\n").replace("\r", "\n")


def prose_line(line: str) -> bool:
    """A line to keep as a paragraph: no jump line, and long or ending a sentence.
    (Set off by blank lines, the unmarked titles and bylines inside the sources'
    articles would parse as new untitled articles.)"""
    if any(mark in line for mark in JUMP_MARKS):
        return False
    return len(line) >= SHORT or line.endswith(SENTENCE_ENDS)


def split_articles(text: str) -> list[Article]:
    """Articles at `## `/`### ` headings: the heading is the title, the following
    non-blank lines of 2+ characters are the paragraphs (one a line). Text before
    the first heading, `#` masthead lines, jump lines and short non-sentence lines
    (prose_line) are dropped."""
    articles: list[Article] = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith(("## ", "### ")):
            articles.append((line.lstrip("#").strip(), []))
        elif line.startswith("#") or len(line) < 2 or not articles:
            continue
        elif prose_line(line):
            articles[-1][1].append(line)
    return articles


def usable(article: Article) -> bool:
    title, paragraphs = article
    if title.startswith(("（上接", "(上接")) or "下转" in title or "上接" in title:
        return False
    return len(paragraphs) >= 2 and han_count("".join(paragraphs)) >= 150


def source_articles() -> list[Article]:
    """Every usable article of ../shared/seeds/*.txt and ../shared/corpus/*.txt."""
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    return [a for f in files for a in split_articles(read_source(f)) if usable(a)]


def masthead(seed: int) -> str:
    issue = 6 + seed % 40                # the date stays, so weekday and lunar date agree
    return ("\n\n# 伊滨新闻\n\n"
            f"2024年4月1日 第{issue}期 ■ 河南省新闻出版局批准 ■ 河南省连续性内部资料(洛阳)审连00018号\n"
            f"甲辰年二月廿三 总第{268 + issue}期 ■ 主管主办:洛阳市城乡一体化示范区管委会 ■ "
            "编辑出版:区融媒体中心 内部资料 免费交流\n\n")


def within(paragraphs: list[str], need: int) -> list[str]:
    """The first paragraphs (2 at least) that give `need` Han characters, or all."""
    for n in range(2, len(paragraphs) + 1):
        if han_count("".join(paragraphs[:n])) >= need:
            return paragraphs[:n]
    return paragraphs


def make_issue(pages: int, layout: str, seed: int = 0) -> str:
    """Issue text with about `pages` × HAN_PER_PAGE[layout] Han characters of body."""
    budget = pages * HAN_PER_PAGE[layout]
    rng = random.Random(seed)
    stock = source_articles()
    pool: list[Article] = []
    parts = [masthead(seed)]
    han = 0
    while han < budget:
        if len(pool) < 2:                            # a new round of the same articles
            pool += rng.sample(stock, len(stock))
        title, paragraphs = pool.pop()
        roll = rng.random()
        if roll < 0.25:                              # a short one: its first 2–4 paragraphs
            paragraphs = paragraphs[:rng.randint(2, 4)]
        elif roll < 0.40:                            # a long one: two articles' text
            paragraphs = paragraphs + pool.pop()[1]
        paragraphs = within(paragraphs, budget - han)
        byline = rng.choice(BYLINES)
        parts.append(f"## {title}\n\n" + "\n\n".join(paragraphs) + f"\n\n（记者 {byline}）\n\n")
        han += han_count("".join(paragraphs))
    return "".join(parts)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python benchmarks/issues.py PAGES LAYOUT [SEED]")
    sys.stdout.write(make_issue(int(sys.argv[1]), sys.argv[2],
                                int(sys.argv[3]) if len(sys.argv) == 4 else 0))
