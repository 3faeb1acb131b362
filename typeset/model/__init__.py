"""The newspaper model: what the parser infers and every later stage reads.

All classes are frozen dataclasses. Every element keeps the source lines it came
from (`Span`), so a warning on page 3 can still say "000.txt:58".

`printed_text()` on each element yields the strings a reader sees, in reading
order; the nothing-is-lost checks compare it with the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from ..diagnostics import Diagnostic
from .masthead import Masthead
from .span import Span


# ---------------------------------------------------------------- body blocks

# What a paragraph is to the reader; the layout sets each role its own way.
PARAGRAPH_ROLES = {
    "body": "running text",
    "item": "an entry of a numbered list (1. … / 一是…): never joined to its neighbours",
    "turn": "a Q&A turn opening with its speaker (主持人：…)",
    "caption": "a photo caption (图为… / …摄) standing where its photo was",
}


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. `run_in` leading characters are set in bold: a dateline
    (伊滨讯 3月28日, with a byline in parentheses right after it), a 又讯 lead,
    a speaker's label (主持人：). They are part of the text as printed."""
    text: str
    source: Span
    run_in: int = 0
    role: str = "body"     # a key of PARAGRAPH_ROLES
    credit: int = 0        # a byline in parentheses right after the run-in: its length

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
    position: str = "end"      # "end": after the body; "head": under the headline;
    #                            "inline": inside the first paragraph, after its dateline
    parenthesized: bool = False  # printed as （张晚霞 倪睿）
    parts: tuple[str, ...] = ()  # where a credit line may break: 记者 郭学锋 | 通讯员 文鹏

    def printed_text(self) -> Iterator[str]:
        if self.position == "inline":
            return   # its words are the paragraph's
        yield f"（{self.text}）" if self.parenthesized else self.text


@dataclass(frozen=True)
class Headline:
    """The title group: rubric 栏目, kicker 引题, main title 主题 (one or more
    lines), subtitle 副题 (——访… is a subtitle), deck: the date or occasion
    line of a document (——2026年1月26日在…会议上, （2024年3月5日）)."""
    main: tuple[str, ...]
    kicker: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    rubric: str | None = None
    series: str | None = None
    source: Span | None = None
    deck: tuple[str, ...] = ()

    def printed_text(self) -> Iterator[str]:
        if self.series:
            yield self.series
        if self.rubric:
            yield self.rubric
        yield from self.kicker
        yield from self.main
        yield from self.subtitle
        yield from self.deck


@dataclass(frozen=True)
class PrintedJump:
    """Where the source's old pagination continued a story: its （下转第2版） and
    the （上接第1版） part, now read back into one article. `block` is the body
    index where the continued text starts; `joined` when its first paragraph
    finishes the sentence the jump cut (then it is that block, joined)."""
    to_page: int
    from_page: int
    block: int
    joined: bool
    source: Span                      # the continued part's lines
    title: Headline | None = None     # the short title printed over the continued part


# What an article is to the reader.
ARTICLE_KINDS = ("article", "interview", "commentary", "brief", "link_box")


@dataclass(frozen=True)
class Article:
    headline: Headline
    body: tuple[Block, ...]
    source: Span
    byline: Byline | None = None
    kind: str = "article"   # one of ARTICLE_KINDS
    jumps: tuple[PrintedJump, ...] = ()   # the source's own jumps, read back (texts in Issue.dropped)
    jump_to_page: int | None = None       # a printed （下转第N版） whose continuation is not in the file
    credits: tuple[Byline, ...] = ()      # further credit lines after an end byline, printed
                                          # after it: （文/图 经萱） then （记者 赵磊）

    @property
    def dateline(self) -> str | None:
        """The run-in dateline of the first paragraph of running text (a photo
        caption, or a link box's item title, may stand before it)."""
        for block in self.body:
            if isinstance(block, Subhead) or isinstance(block, Paragraph) and block.role == "caption":
                continue
            if isinstance(block, Paragraph) and block.run_in and block.role == "body":
                return block.text[: block.run_in]
            return None
        return None

    def printed_text(self) -> Iterator[str]:
        yield from self.headline.printed_text()
        if self.byline and self.byline.position == "head":
            yield from self.byline.printed_text()    # under the title group
        for block in self.body:
            yield from block.printed_text()
        if self.byline and self.byline.position == "end":
            yield from self.byline.printed_text()
        for credit in self.credits:
            yield from credit.printed_text()


@dataclass(frozen=True)
class Continuation:
    """The continued part of an article from an earlier page: (上接01版)."""
    from_page: int
    marker: str            # the marker as printed, e.g. （上接01版）
    body: tuple[Block, ...]
    source: Span
    headline: Headline | None = None
    byline: Byline | None = None
    jump_to_page: int | None = None

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
    """A title over a group of articles: a section banner (## over ###), or a
    column label over briefs (简讯, 各地传真: kind "briefs")."""
    title: str
    items: tuple["Article", ...]
    source: Span
    kind: str = "banner"     # "banner" | "briefs"

    @property
    def sets_as_one(self) -> bool:
        """A column of briefs (简讯) the page carries as one story: a column
        label over briefs only, none with a subhead — each brief led in by its
        title. A label over longer dispatches (各地传真 of photo stories)
        stays a banner over its stories."""
        return self.kind == "briefs" and all(
            item.kind == "brief" and not any(isinstance(b, Subhead) for b in item.body)
            for item in self.items)

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

    @property
    def code_side(self) -> str | None:
        """Where the text says its code is — 扫描左侧二维码: left of the text
        (left, right, above, below) — or None when it does not say."""
        text = "".join(self.lines)
        for side, words in CODE_SIDES.items():
            if any(word in text for word in words):
                return side
        return None


# Where a promo's text places its QR code ("scan the code on the left" …).
CODE_SIDES = {"left": ("左侧", "左边", "左方", "左图"), "right": ("右侧", "右边", "右方", "右图"),
              "above": ("上方", "上面", "上图"), "below": ("下方", "下面", "下图")}


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
class Dropped:
    """Source text the new print does not repeat, and why: the old pagination's
    running heads and jump lines, lines staff dropped in the sidecar. Kept so
    that nothing leaves the model unaccounted for."""
    text: str
    source: Span
    reason: str     # "running head" | "jump line" | "dropped by staff"


@dataclass(frozen=True)
class Issue:
    source: str
    masthead: Masthead
    items: tuple[Item, ...]
    epigraph: Epigraph | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    dropped: tuple[Dropped, ...] = ()
    decisions: tuple = field(default=(), compare=False)   # the parser's, rule by rule
    first_page: int = 1    # the number of its first page: 2 or more for a paper's inner pages

    def printed_text(self) -> Iterator[str]:
        yield from self.masthead.printed_text()
        if self.epigraph:
            yield from self.epigraph.printed_text()
        for item in self.items:
            yield from item.printed_text()

    def accounted_text(self) -> Iterator[str]:
        """Every string of the source the model holds: what prints, then what
        the print leaves out on purpose (`dropped`). The nothing-lost checks
        compare it with the source."""
        yield from self.printed_text()
        for dropped in self.dropped:
            yield dropped.text

    def stories(self) -> Iterator[tuple[str, "Article | Continuation | Banner | Promo",
                                        str | None]]:
        """Every item as the page carries it — a banner's stories in its place,
        a column of briefs whole (Banner.sets_as_one) — with the key staff use
        for it (item3; item2.1 for a banner's first story) and the banner title
        over it (on a banner's first story only)."""
        for n, item in enumerate(self.items, 1):
            if isinstance(item, Banner) and item.sets_as_one:
                yield f"item{n}", item, None      # its title is in its printed text
            elif isinstance(item, Banner):
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
