"""The newspaper model: what the parser infers and every later stage reads.

All classes are frozen dataclasses. Every element keeps the source lines it came
from (`Span`), so a warning on page 3 can still say "000.txt:58".

`printed_text()` on each element yields the strings a reader sees, in reading
order; the nothing-is-lost checks compare it with the source.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterator, Union

from .diagnostics import Diagnostic


@dataclass(frozen=True)
class Span:
    file: str
    first_line: int
    last_line: int

    def __str__(self) -> str:
        if self.first_line == self.last_line:
            return f"{self.file}:{self.first_line}"
        return f"{self.file}:{self.first_line}-{self.last_line}"


# ---------------------------------------------------------------- body blocks

@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. `run_in` leading characters are a dateline set in bold
    (伊滨讯 3月28日), part of the paragraph's text as printed."""
    text: str
    source: Span
    run_in: int = 0

    def printed_text(self) -> Iterator[str]:
        yield self.text


@dataclass(frozen=True)
class Subhead:
    """A heading inside an article body. level 1: part heading (## inside an
    article, or an unmarked heading line); level 2: section heading (■…, ###).
    `marker` is the ornament printed before it (■), kept out of `text`."""
    text: str
    source: Span
    level: int = 2
    marker: str = ""

    def printed_text(self) -> Iterator[str]:
        yield self.marker + self.text


@dataclass(frozen=True)
class LineGroup:
    """Lines the source breaks by hand (parallel sentences of a commentary).
    Each line starts a new line in print and is never joined to the next."""
    lines: tuple[str, ...]
    source: Span

    def printed_text(self) -> Iterator[str]:
        yield from self.lines


Block = Union[Paragraph, Subhead, LineGroup]


# ---------------------------------------------------------------- items

@dataclass(frozen=True)
class Byline:
    text: str
    source: Span
    position: str = "end"      # "end": after the body; "head": under the headline
    parenthesized: bool = False  # printed as （张晚霞 倪睿）
    parts: tuple[str, ...] = ()  # where a credit line may break: 记者 郭学锋 | 通讯员 文鹏

    def printed_text(self) -> Iterator[str]:
        yield f"（{self.text}）" if self.parenthesized else self.text


@dataclass(frozen=True)
class Headline:
    """The title group: rubric 栏目, kicker 引题, main title 主题 (one or more
    lines), subtitle 副题 (a deck ——访… is a subtitle)."""
    main: tuple[str, ...]
    kicker: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    rubric: str | None = None
    series: str | None = None
    source: Span | None = None

    def printed_text(self) -> Iterator[str]:
        if self.series:
            yield self.series
        if self.rubric:
            yield self.rubric
        yield from self.kicker
        yield from self.main
        yield from self.subtitle


@dataclass(frozen=True)
class Article:
    headline: Headline
    body: tuple[Block, ...]
    source: Span
    byline: Byline | None = None
    kind: str = "news"   # "news" | "interview" | "commentary"

    @property
    def dateline(self) -> str | None:
        first = self.body[0] if self.body else None
        if isinstance(first, Paragraph) and first.run_in:
            return first.text[: first.run_in]
        return None

    def printed_text(self) -> Iterator[str]:
        yield from self.headline.printed_text()
        for block in self.body:
            yield from block.printed_text()
        if self.byline:
            yield from self.byline.printed_text()


@dataclass(frozen=True)
class Continuation:
    """The continued part of an article from an earlier page: (上接01版)."""
    from_page: int
    marker: str            # the marker as printed, e.g. （上接01版）
    body: tuple[Block, ...]
    source: Span
    headline: Headline | None = None
    byline: Byline | None = None

    def printed_text(self) -> Iterator[str]:
        if self.headline:
            yield from self.headline.printed_text()
        yield self.marker
        for block in self.body:
            yield from block.printed_text()
        if self.byline:
            yield from self.byline.printed_text()


@dataclass(frozen=True)
class Banner:
    """A section banner over a group of articles (## over ###)."""
    title: str
    items: tuple["Article", ...]
    source: Span

    def printed_text(self) -> Iterator[str]:
        yield self.title
        for item in self.items:
            yield from item.printed_text()


@dataclass(frozen=True)
class Promo:
    """A promotional filler: QR code with a few lines of text."""
    lines: tuple[str, ...]
    source: Span

    def printed_text(self) -> Iterator[str]:
        yield from self.lines


@dataclass(frozen=True)
class Epigraph:
    text: str
    attribution: str
    source: Span

    def printed_text(self) -> Iterator[str]:
        yield self.text
        yield self.attribution


Item = Union[Article, Continuation, Banner, Promo]


@dataclass(frozen=True)
class Masthead:
    """The 报头 block. Printed fields keep their printed form; `date` and
    `weekday` are derived. `missing` names fields that no source supplied."""
    paper_name: str | None = None
    date: _dt.date | None = None
    date_text: str | None = None       # 2024年4月1日
    weekday: str | None = None         # 星期一
    issue_number: int | None = None    # 第6期
    total_issue_number: int | None = None  # 总第274期
    lunar_date: str | None = None      # as printed, else computed: 甲辰年二月廿三
    approval: str | None = None        # 河南省新闻出版局批准
    licence: str | None = None         # 河南省连续性内部资料(洛阳)审连00018号
    sponsor: str | None = None         # 主管主办：… (its label as printed in sponsor_label)
    publisher: str | None = None       # 编辑出版：…
    note: str | None = None            # 内部资料 免费交流
    issue_text: str | None = None      # 第06期 as printed (zeros kept), if printed
    total_issue_text: str | None = None
    sponsor_label: str = "主管主办"     # 主管, 主办 or 主管主办, as printed
    publisher_label: str = "编辑出版"   # 出版 or 编辑出版
    extra: tuple[str, ...] = ()        # printed text no field took
    source: Span | None = None
    from_sidecar: tuple[str, ...] = ()  # fields supplied by the sidecar or options
    missing: tuple[str, ...] = ()

    def shown(self, name: str) -> str | None:
        """A field as the masthead prints it: 第6期, 总第274期, 主办：…"""
        value = getattr(self, name)
        if value is None:
            return None
        if name == "issue_number":
            return self.issue_text or f"第{value}期"
        if name == "total_issue_number":
            return self.total_issue_text or f"总第{value}期"
        if name == "sponsor":
            return f"{self.sponsor_label}：{value}"
        if name == "publisher":
            return f"{self.publisher_label}：{value}"
        return value

    def printed_text(self) -> Iterator[str]:
        """Only what the source printed (fields from a sidecar are not source text)."""
        if self.source is None:
            return
        for name in ("paper_name", "date_text", "issue_number", "total_issue_number",
                     "lunar_date", "approval", "licence", "sponsor", "publisher", "note"):
            if name not in self.from_sidecar and getattr(self, name) is not None:
                yield self.shown(name)
        yield from self.extra


@dataclass(frozen=True)
class Issue:
    source: str
    masthead: Masthead
    items: tuple[Item, ...]
    epigraph: Epigraph | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def printed_text(self) -> Iterator[str]:
        yield from self.masthead.printed_text()
        if self.epigraph:
            yield from self.epigraph.printed_text()
        for item in self.items:
            yield from item.printed_text()

    def stories(self) -> Iterator[tuple[str, "Article | Continuation | Promo", str | None]]:
        """Every item as the page carries it — a banner's stories in its place —
        with the key staff use for it (item3; item2.1 for a banner's first
        story) and the banner title over it (on a banner's first story only)."""
        for n, item in enumerate(self.items, 1):
            if isinstance(item, Banner):
                for k, story in enumerate(item.items, 1):
                    yield f"item{n}.{k}", story, item.title if k == 1 else None
            else:
                yield f"item{n}", item, None

    def articles(self) -> Iterator[Article]:
        for item in self.items:
            if isinstance(item, Banner):
                yield from item.items
            elif isinstance(item, Article):
                yield item


def title_of(item: Item) -> str:
    """The title staff and reports name an item by."""
    if isinstance(item, Banner):
        return item.title
    if isinstance(item, Promo):
        return item.lines[0]
    headline = item.headline
    if headline and headline.main:
        return "".join(headline.main)
    if isinstance(item, Continuation):
        return item.marker
    return "(untitled)"
