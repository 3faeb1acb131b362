"""Reading the structure a person sees in a parsed issue.

The rules, in the order they are tried on each block (see blocks.py for the
predicates):

Headings (`##`, `###`)
  H1 A heading that starts with an ornament (■●◆…) is a section head inside
     the open article.
  H2 A short heading ending in 评论/述评/时评/… is a series label: it belongs
     to the article just closed (the extractor puts it after its column), or
     else to the next article; that article is a commentary.
  H3 `##` directly over `###` is a section banner; the `###` and any further
     `###` headings title the articles it groups. Any other `##` ends it.
  H4 Inside an open article (body begun, no byline yet) a heading is a part
     heading of that article — if the file's articles close with bylines at
     all, and unless a dateline paragraph (伊滨讯 3月28日) follows it.
  H5 A heading directly over an unmarked title block is a rubric (栏目).
  H6 Otherwise a heading is the headline of a new article.

Unmarked text
  T1 （上接01版）… starts a continuation; a title block right before it is
     the continuation's short title.
  T2 A run of short lines containing 二维码/公众号/扫码… is a promo block.
  T3 A title block (1–3 short lines that do not read as sentences), with an
     optional kicker line before it (…这么干——) and an optional deck after it
     (——访…), followed by body text, starts a new article — when no article
     is open, or when it is unmistakably a headline (kicker, deck or several
     lines). A single such line inside an open article is a part heading;
     right under a headline with no body yet it is the subtitle.
  T4 Title lines: with a deck, all lines are the main title; without one, a
     second line is the subtitle unless the first ends with a pause mark
     (抢抓机遇，/ 乘势而上开创新局 is one title on two lines).
  T5 A credit line — （张晚霞 倪睿）, （伊滨宣）, 洛报融媒记者 郭学锋 通讯员 文鹏 —
     is the byline of the open article and closes it.
  T6 A paragraph that stops mid-sentence (no 。！？；：…”） at its end) and
     reads as a sentence was cut at a column break: the next body block is
     joined to it. Paragraph ends like 樊灿涛强调： and 要求—— are kept.
  T7 A block of several lines keeps its hard line breaks (a line group); a
     one-line block is a paragraph. An article's first paragraph may open with
     a dateline, set bold in print.
  T8 Before the first article, text followed by a ——attribution line is the
     epigraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, warning
from ..model import (Article, Banner, Block, Byline, Continuation, Epigraph, Headline,
                     Item, LineGroup, Paragraph, Promo, Span, Subhead)
from .blocks import (SERIES_LABEL, SUBHEAD_MARKERS, Line, RawBlock, byline_of, continued_from,
                     credit_parts, dateline_length, ends_open, is_deck_block, is_kicker_block,
                     is_promo_line, is_title_block, reads_as_sentence)


@dataclass
class _Text:
    lines: list[Line]
    last: int   # last source line, beyond lines[-1] when a cut paragraph was joined


@dataclass
class _Head:
    text: str
    line: int
    level: int
    marker: str = ""


@dataclass
class _Draft:
    """An article or continuation while its blocks are being read."""
    first: int
    main: tuple[str, ...] = ()
    kicker: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    rubric: str | None = None
    series: str | None = None
    head_span: tuple[int, int] | None = None
    continued: tuple[int, str] | None = None
    body: list = field(default_factory=list)
    byline: Byline | None = None
    last: int = 0
    in_banner: bool = False


@dataclass(frozen=True)
class _TitleGroup:
    kicker: tuple[str, ...]
    main: tuple[str, ...]
    subtitle: tuple[str, ...]
    first: int
    last: int
    blocks: int          # how many blocks the group spans
    unmistakable: bool   # kicker, deck or several lines


class StructureReader:
    def __init__(self, blocks: list[RawBlock], file: str):
        self.blocks = blocks
        self.file = file
        self.items: list[Item] = []
        self.diagnostics: list[Diagnostic] = []
        self.draft: _Draft | None = None
        self.closed: _Draft | None = None     # the article just closed by its byline
        self.banner: tuple[str, int, list[Article]] | None = None
        self.pending_rubric: tuple[str, int] | None = None
        self.pending_series: tuple[str, int] | None = None    # label, line
        self.pending_title: _TitleGroup | None = None
        self.uses_bylines = any(byline_of(t) for b in blocks if not b.heading for t in b.texts)

    # ------------------------------------------------------------ entry

    def read(self, start: int = 0) -> tuple[Epigraph | None, list[Item]]:
        epigraph, i = self._epigraph(start)
        while i < len(self.blocks):
            block = self.blocks[i]
            i += self._heading(i) if block.heading else self._text(i)
        self._close()
        self._close_banner()
        if self.pending_title:
            self._start(self.pending_title.first)
            self._take_title(self.pending_title)
            self._close()
        labels = [self.pending_rubric] if self.pending_rubric else []
        if self.pending_series:
            labels.append(self.pending_series)
        for text, line in labels:
            # a label with nothing after it: keep its words, as a title of its own
            self.items.append(Article(Headline((text,), source=Span(self.file, line, line)), (),
                                      Span(self.file, line, line)))
        return epigraph, self.items

    # ------------------------------------------------------------ rules

    def _epigraph(self, i: int) -> tuple[Epigraph | None, int]:
        """T8: text before the first article ending in a ——attribution."""
        j = i
        while j < len(self.blocks) and not self.blocks[j].heading and not self._title_group(j):
            if self.blocks[j].texts[0].startswith("——") and j > i:
                text_lines = [line for b in self.blocks[i:j] for line in b.lines]
                attribution = self.blocks[j]
                return Epigraph("".join(line.text for line in text_lines),
                                "".join(attribution.texts),
                                Span(self.file, text_lines[0].number, attribution.last)), j + 1
            j += 1
        return None, i

    def _heading(self, i: int) -> int:
        block = self.blocks[i]
        text, line = block.texts[0], block.first
        following = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if text[0] in SUBHEAD_MARKERS:                                   # H1
            marker, rest = text[0], text[1:].strip()
            if self._open():
                self.draft.body.append(_Head(rest, line, 2, marker))
                self.draft.last = line
            else:
                self._new_article(rest, line)
            return 1
        if len(text) <= 16 and SERIES_LABEL.search(text):                # H2
            target = self.draft if self._open() else None
            if target is None and self.closed is not None and self.items:
                self._set_series(text, line)
            elif target is not None:
                target.series = _joined(target.series, text)
            else:
                self.pending_series = (_joined(self.pending_series and self.pending_series[0],
                                               text), line)
            return 1
        if block.heading == 2 and following is not None and following.heading == 3:  # H3
            self._close()
            self._close_banner()
            self.banner = (text, line, [])
            return 1
        if block.heading == 3 and self.banner is not None:               # H3, titles
            self._close()
            self._new_article(text, line)
            self.draft.in_banner = True
            return 1
        dateline_next = (following is not None and not following.heading
                         and dateline_length(following.texts[0]) > 0)
        if self._open() and self.draft.body and self.uses_bylines and not dateline_next:  # H4
            self.draft.body.append(_Head(text, line, 1 if block.heading == 2 else 2))
            self.draft.last = line
            return 1
        if block.heading == 2 and self._title_group(i + 1):              # H5
            self._close()
            self._close_banner()
            self.pending_rubric = (text, line)
            return 1
        if block.heading == 2:
            self._close_banner()
        self._new_article(text, line)                                    # H6
        return 1

    def _text(self, i: int) -> int:
        block = self.blocks[i]
        first = block.texts[0]
        continued = continued_from(first)
        if continued:                                                    # T1
            self._close()
            self._close_banner()
            title, self.pending_title = self.pending_title, None
            self._start(title.first if title else block.first)
            if title:
                self._take_title(title)
            self.draft.continued = continued
            rest = first[len(continued[1]):]
            lines = ([Line(block.first, rest)] if rest else []) + list(block.lines[1:])
            self._add_lines(lines)
            return 1
        promo_end = self._promo_run(i)                                   # T2
        if promo_end:
            self._close()
            self._close_banner()
            lines = [line for b in self.blocks[i:promo_end] for line in b.lines]
            self.items.append(Promo(tuple(line.text for line in lines),
                                    Span(self.file, lines[0].number, lines[-1].number)))
            return promo_end - i
        group = self._title_group(i)                                     # T3
        if group and self._open() and not group.unmistakable and reads_as_sentence(group.main[0]):
            group = None   # 对龙门实验室加大招才 with a comma inside: a cut paragraph (T6)
        if group:
            if self._open() and not self.draft.body and not self.draft.subtitle \
                    and not group.unmistakable and len(group.main) == 1:
                self.draft.subtitle = group.main
                self.draft.head_span = (self.draft.head_span or (group.first,))[:1] + (group.last,)
                return 1
            if not self._open() or group.unmistakable:
                self._close()
                if not self.banner or not self.banner[2]:
                    self._close_banner()
                after = self.blocks[i + group.blocks] if i + group.blocks < len(self.blocks) else None
                if after is not None and not after.heading and continued_from(after.texts[0]):
                    self.pending_title = group
                else:
                    self._start(group.first)
                    self._take_title(group)
                return group.blocks
            self.draft.body.append(_Head(group.main[0], group.first, 1))  # part heading
            self.draft.last = group.last
            return 1
        lines = list(block.lines)                                        # T5
        credit = byline_of(lines[-1].text)
        if credit:
            body_lines = lines[:-1]
            if not self._open():
                self._start(block.first)
            self._add_lines(body_lines)
            self.draft.byline = Byline(credit[0], Span(self.file, lines[-1].number, lines[-1].number),
                                       "end", credit[1], credit_parts(credit[0]))
            self.draft.last = lines[-1].number
            self._close()
            return 1
        if not self._open():
            if self.closed is not None and not self.closed.in_banner:
                self.diagnostics.append(warning(
                    "text after a byline with no headline: kept as an untitled article",
                    self.file, block.first))
            self._start(block.first)
        self._add_lines(lines)
        return 1

    # ------------------------------------------------------------ title groups

    def _title_group(self, i: int) -> _TitleGroup | None:
        blocks, n = self.blocks, len(self.blocks)
        j, kicker = i, ()
        if j < n and is_kicker_block(blocks[j]) and j + 1 < n and is_title_block(blocks[j + 1]):
            kicker = blocks[j].texts
            j += 1
        if j >= n or not is_title_block(blocks[j]) or self._promo_run(j):
            return None
        main = blocks[j].texts
        last = blocks[j].last
        j += 1
        subtitle: tuple[str, ...] = ()
        if j < n and is_deck_block(blocks[j]):
            subtitle = blocks[j].texts
            last = blocks[j].last
            j += 1
        if j >= n or blocks[j].heading:
            return None
        follow = blocks[j].texts[0]
        if is_title_block(blocks[j]) and not continued_from(follow):
            return None
        if not subtitle and len(main) > 1 and main[-2][-1] not in "，、：；":   # T4
            main, subtitle = main[:-1], main[-1:]
        unmistakable = bool(kicker or subtitle or len(main) > 1)
        return _TitleGroup(kicker, main, subtitle, blocks[i].first, last, j - i, unmistakable)

    def _promo_run(self, i: int) -> int:
        """End index of a run of short single-line blocks holding a promo line, else 0."""
        j = i
        while j < len(self.blocks):
            b = self.blocks[j]
            if b.heading or len(b.lines) != 1 or len(b.texts[0]) > 24 or "。" in b.texts[0] \
                    or byline_of(b.texts[0]) or continued_from(b.texts[0]):
                break
            j += 1
        return j if j > i and any(is_promo_line(b.texts[0]) for b in self.blocks[i:j]) else 0

    # ------------------------------------------------------------ drafts

    def _open(self) -> bool:
        return self.draft is not None

    def _start(self, line: int) -> None:
        self._close()
        self.draft = _Draft(first=line, last=line)
        if self.pending_rubric:
            self.draft.rubric = self.pending_rubric[0]
            self.draft.first = self.pending_rubric[1]
            self.pending_rubric = None
        if self.pending_series:
            self.draft.series, self.pending_series = self.pending_series[0], None

    def _new_article(self, title: str, line: int) -> None:
        self._start(line)
        self.draft.main = (title,)
        self.draft.head_span = (line, line)

    def _take_title(self, group: _TitleGroup) -> None:
        self.draft.kicker, self.draft.main, self.draft.subtitle = group.kicker, group.main, group.subtitle
        self.draft.head_span = (group.first, group.last)
        self.draft.last = group.last

    def _add_lines(self, lines: list[Line]) -> None:
        """T6/T7: append a text block, joining it to a paragraph cut at a column end."""
        if not lines:
            return
        body = self.draft.body
        previous = body[-1] if body and isinstance(body[-1], _Text) else None
        if previous is not None:
            tail = previous.lines[-1]
            if ends_open(tail.text) and reads_as_sentence(tail.text):
                previous.lines[-1] = Line(tail.number, tail.text + lines[0].text)
                previous.lines.extend(lines[1:])
                previous.last = self.draft.last = lines[-1].number
                return
        body.append(_Text(list(lines), lines[-1].number))
        self.draft.last = lines[-1].number

    def _set_series(self, label: str, line: int) -> None:
        last = self.items[-1]
        if isinstance(last, Banner) and last.items:
            article = last.items[-1]
            self.items[-1] = Banner(last.title, last.items[:-1] + (_with_series(article, label),),
                                    last.source)
        elif isinstance(last, Article):
            self.items[-1] = _with_series(last, label)
        else:
            self.pending_series = (label, line)

    def _close(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        item = self._finish(draft)
        self.closed = draft if draft.byline else None
        if isinstance(item, Article) and draft.in_banner and self.banner is not None:
            self.banner[2].append(item)
        else:
            self._close_banner()   # a story outside the banner comes after it
            self.items.append(item)

    def _close_banner(self) -> None:
        if self.banner is not None and self.draft is not None and self.draft.in_banner:
            self._close()          # the banner's last story, even one with no body yet
        banner, self.banner = self.banner, None
        if banner is None:
            return
        title, line, articles = banner
        if not articles:       # no story came under it: it labels what follows
            self.pending_rubric = (title, line)
            return
        last = articles[-1].source.last_line
        self.items.append(Banner(title, tuple(articles), Span(self.file, line, last)))

    def _finish(self, draft: _Draft) -> Article | Continuation:
        body = tuple(self._block(part, index == 0) for index, part in enumerate(draft.body))
        span = Span(self.file, draft.first, max(draft.last, draft.first))
        headline = None
        if draft.main or draft.kicker or draft.subtitle or draft.rubric or draft.series:
            first, last = draft.head_span or (draft.first, draft.first)
            headline = Headline(draft.main, draft.kicker, draft.subtitle, draft.rubric,
                                draft.series, Span(self.file, first, last))
        if draft.continued:
            return Continuation(draft.continued[0], draft.continued[1], body, span, headline,
                                draft.byline)
        if headline is None:
            headline = Headline((), series=draft.series)
        kind = "article"
        if (draft.series and SERIES_LABEL.search(draft.series)
                and "评" in draft.series):
            kind = "commentary"
        elif any(s.startswith("——访") for s in draft.subtitle) or (draft.rubric and "访" in draft.rubric):
            kind = "interview"
        return Article(headline, body, span, draft.byline, kind)

    def _block(self, part: _Text | _Head, first: bool) -> Block:
        if isinstance(part, _Head):
            return Subhead(part.text, Span(self.file, part.line, part.line), part.level, part.marker)
        span = Span(self.file, part.lines[0].number, part.last)
        if len(part.lines) == 1:
            text = part.lines[0].text
            return Paragraph(text, span, dateline_length(text) if first else 0)
        return LineGroup(tuple(line.text for line in part.lines), span)


def _joined(first: str | None, second: str) -> str:
    """Two labels for one story: both kept, in reading order."""
    return f"{first} {second}" if first else second


def _with_series(article: Article, label: str) -> Article:
    headline = article.headline
    headline = Headline(headline.main, headline.kicker, headline.subtitle, headline.rubric,
                        _joined(headline.series, label), headline.source)
    kind = "commentary" if "评" in label else article.kind
    return Article(headline, article.body, article.source, article.byline, kind)
