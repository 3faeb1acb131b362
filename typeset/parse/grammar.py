"""Pass 2 of reading structure: clues (evidence.py) grouped into items.

A small grammar, read top to bottom. Each rule has a name; every decision is
logged with the rule that made it and the line it was made on, and
`typeset parse` prints them, so a person can see in a minute why an item came
out as it did. To add a rule: write its predicate in evidence.py (if it needs
new evidence), its line in RULES below, and its branch in the method named
there.

The reader keeps one open story (a draft), at most one open group (a banner
or a column of briefs), and labels waiting for the story they head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..diagnostics import Diagnostic, warning
from ..model import (Article, Banner, Block, Byline, Continuation, Epigraph, Headline, Item,
                     LineGroup, Paragraph, Promo, Span, Subhead)
from .blocks import Line, RawBlock
from .evidence import (AGAIN, Clue, closing_credit, cut_before, continued_from, credit_parts, dateline_length, ends_open,
                       glued_credit, inline_credit, is_occasion, is_short_label,
                       jump_out, list_number, mentions_photos, phrases, reads_as_headline,
                       reads_as_sentence, read_clue, set_by_hand, rubric_and_title, speaker)

RULES = {
    # the front matter
    "E1": "text before the first story, then a ——摘自 line: the epigraph",
    "P1": "a run of short lines with 二维码/公众号/扫码…: a promo block",
    "R1": "a running head of the source's pages (…第3版…): a page turns; not a story",
    "R2": "a file without a masthead whose parts continue from page N holds the pages after N",
    "R3": "a continued part whose origin page is not in the file nor before its first page "
          "loses its （上接第N版）: the new print has another page N",
    # labels
    "L1": "a 简讯-type label (简讯, 各地传真, 本周要闻…) groups the items that follow",
    "L2": "相关链接 / 新闻链接 / 背景资料 opens a link box; the label is its title",
    "L3": "a rubric (【…】, 记者手记, 热评丨…) heads the story that follows",
    "L4": "a series label (…系列评论) belongs to the story just closed, else the next",
    # headings and titles
    "H1": "a heading with an ornament (■…) or numbered (一、 （一）) is a section head",
    "H2": "## directly over ### is a banner over the stories it titles",
    "H3": "inside a banner or a column of briefs, a ### or a title starts the next item; in a "
          "column of briefs, so does a dateline lead-in (本报讯…) or a ■ lead-in",
    "H4a": "after the open story jumped out （下转…）, a heading starts a new item",
    "H4b": "a heading followed by a dateline paragraph starts a new item",
    "H4c": "a marked heading after a story whose byline is printed at its head starts a new item",
    "H4d": "in a paper whose stories close with bylines, a heading before the byline is a subhead",
    "H4e": "a ## heading, or one of several spaced phrases, starts a new item",
    "H4f": "otherwise a heading inside a story is its subhead",
    "H5": "a short ## over a title group is the rubric of that title",
    "H6": "a heading is the title of a new item",
    "T1": "（上接…版）… starts a continued part; a title right before it is its short title",
    "T2": "a title group (kicker / main / subtitle or deck) over body text starts an item",
    "T3": "a kicker with a dash, a short genre label over a title, 3 lines: kicker/main/subtitle",
    "T4": "a —— line under a title: a deck when it gives a date or occasion, else the subtitle",
    "T5": "a line under a document's title naming an official or body is its byline",
    # credits
    "C1": "a credit line closes the story: at its end, in parentheses, glued to the last sentence",
    "C2": "a credit in parentheses right after the dateline is the byline, printed inline",
    "C3": "a bare name on the last line of a story, under a finished sentence, is its byline",
    "C4": "a story credited with photos (文/图, 摄) has short lines between paragraphs as captions",
    "C5": "a credit standing alone after a story that closed with its byline is a further "
          "credit of that story (（文/图 经萱） then （记者 赵磊）), not an untitled story",
    # body
    "B1": "a paragraph cut mid-sentence joins the next text: a long or paused first half, 2+ "
          "blank lines between, a function word at its end, a second half no paragraph opens with",
    "B2": "numbered entries (1. 2. 一是…) are a list, never joined to their neighbours",
    "B3": "two or more speakers (主持人：/ name：) taking turns make an interview",
    "B4": "a photo caption (图为…, …摄) is a caption where its photo was",
    "B5": "a 图为 caption after another story's text makes photo news with the paragraph before it",
    "B6": "a titled story of one short paragraph (under 100 characters) is a brief",
    "B7": "lines broken by hand (a hard break; short sentence lines of like length) are a line "
          "group; other lines of one block are one paragraph",
    "W1": "reprint boilerplate (来源, 责任编辑, an address, a copyright notice) is kept and flagged",
    "J1": "a jump at a paragraph's end （下转第N版） ends the story's part on this page",
    "J2": "a （上接第M版） part of a story that jumped to its page in the same file is read back into it",
    "S1": "staff said so in the sidecar's structure: entries",
}

# which method reads a clue of each kind (BLOCK_KINDS); any other is body text
_HANDLERS = {"subhead": "_staff_subhead", "running_head": "_running_head", "jump_in": "_jump_in",
             "promo": "_promo", "label": "_label", "section": "_section", "credit": "_credit",
             "official": "_official", "caption": "_caption", "captions": "_captions",
             "residue": "_residue", "heading": "_heading", "dash": "_titles",
             "kicker": "_titles", "title": "_titles", "attribution": "_titles"}

BRIEF_MAX = 100    # characters: a single paragraph shorter than this is a brief's


@dataclass(frozen=True)
class Decision:
    line: int
    rule: str
    what: str

    def __str__(self) -> str:
        return f"{self.line}: {self.rule} {self.what}"


@dataclass
class _Text:
    lines: list[Line]
    last: int                      # last source line (beyond lines[-1] when a cut was joined)
    role: str = "body"


@dataclass
class _Head:
    text: str
    line: int
    level: int
    marker: str = ""
    plain: bool = False            # an unmarked short line (may turn out a caption, C4)


@dataclass
class _Draft:
    first: int
    rule: str
    page: int | None
    main: tuple[str, ...] = ()
    kicker: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    deck: tuple[str, ...] = ()
    rubric: str | None = None
    series: str | None = None
    head_span: tuple[int, int] | None = None
    continued: tuple[int, str] | None = None
    body: list = field(default_factory=list)
    byline: Byline | None = None
    last: int = 0
    in_group: bool = False
    kind: str = ""                 # "link_box" when opened by a link label
    jumped: tuple[int, str] | None = None    # (page, marker) of its （下转…）
    photo: bool = False

    @property
    def titled(self) -> bool:
        return bool(self.main)

    def paragraphs(self) -> list[_Text]:
        return [p for p in self.body if isinstance(p, _Text) and p.role != "caption"]


@dataclass
class _Group:
    title: str
    line: int
    kind: str                      # "banner" | "briefs"
    child_kind: str
    items: list = field(default_factory=list)
    titles: list = field(default_factory=list)    # the children's titles, for their shape


@dataclass(frozen=True)
class Reading:
    """What pass 2 gives back: items in reading order, and how it got there."""
    epigraph: Epigraph | None
    items: tuple[Item, ...]
    pages: tuple[tuple[int, int | None], ...]    # (item index, source page) for jump pairing
    running_heads: tuple[tuple[str, int], ...]   # (text, line)
    separators: tuple[tuple[str, int], ...]      # marks the reading takes out: 热评丨… (text, line)
    decisions: tuple[Decision, ...]
    diagnostics: tuple[Diagnostic, ...]


class Reader:
    def __init__(self, blocks: list[RawBlock], file: str, first_page: int | None = None,
                 forced: dict[int, str] | None = None):
        self.file = file
        forced = forced or {}
        self.clues = [read_clue(b, b.first - (blocks[k - 1].last if k else b.first) - 1,
                                forced.get(b.first, ""))
                      for k, b in enumerate(blocks)]
        self.items: list[Item] = []
        self.item_pages: list[tuple[int, int | None]] = []
        self.decisions: list[Decision] = []
        self.diagnostics: list[Diagnostic] = []
        self.draft: _Draft | None = None
        self.group: _Group | None = None
        self.pending_rubric: tuple[str, int] | None = None
        self.pending_series: tuple[str, int] | None = None
        self.pending_title: tuple[dict, int, int] | None = None
        self.last_closed: _Draft | None = None
        self.page = first_page
        self.running_heads: list[tuple[str, int]] = []
        self.separators: list[tuple[str, int]] = []
        self.closed_with_byline = 0
        self.closed_titled = 0

    # ------------------------------------------------------------ entry

    def read(self, start: int = 0) -> Reading:
        epigraph, i = self._epigraph(start)
        while i < len(self.clues):
            i += self._step(i)
        self._close()
        self._close_group()
        for text, line in filter(None, (self.pending_rubric, self.pending_series)):
            # a label with nothing after it keeps its words, as a title of its own
            self._decide(line, "H6", f"label '{text}' heads nothing: kept as a title")
            self.items.append(Article(Headline((text,), source=Span(self.file, line, line)), (),
                                      Span(self.file, line, line)))
            self.item_pages.append((len(self.items) - 1, self.page))
        return Reading(epigraph, tuple(self.items), tuple(self.item_pages),
                       tuple(self.running_heads), tuple(self.separators),
                       tuple(self.decisions), tuple(self.diagnostics))

    def _decide(self, line: int, rule: str, what: str) -> None:
        self.decisions.append(Decision(line, rule, what))

    def _step(self, i: int) -> int:
        clue = self.clues[i]
        if clue.forced:
            self._decide(clue.line, "S1", f"staff: {clue.forced}")
        if clue.forced == "article":
            self._close()
        return getattr(self, _HANDLERS.get(clue.kind, "_text"))(i)

    # ------------------------------------------------------------ front matter

    def _epigraph(self, i: int) -> tuple[Epigraph | None, int]:
        """E1: text before the first story, ending in a ——摘自 attribution."""
        j = i
        while j < len(self.clues) and self.clues[j].kind in ("text", "caption", "title",
                                                              "attribution", "dash"):
            clue = self.clues[j]
            if clue.text.startswith("——") and j > i:
                lines = [line for c in self.clues[i:j] for line in c.block.lines]
                if any(c.kind == "title" and self._title_group(k) for k, c in
                       enumerate(self.clues[i:j], i)):
                    break
                self._decide(clue.line, "E1", "the epigraph's attribution")
                return Epigraph("".join(line.text for line in lines), "".join(clue.block.texts),
                                Span(self.file, lines[0].number, clue.block.last)), j + 1
            j += 1
        return None, i

    def _running_head(self, i: int) -> int:
        clue = self.clues[i]
        self._close()
        self._close_group()
        self.page = clue.page
        self.running_heads.append((clue.text, clue.line))
        self._decide(clue.line, "R1", f"running head: page {clue.page}")
        return 1

    def _promo(self, i: int) -> int:
        end = i
        while end < len(self.clues) and len(self.clues[end].block.lines) == 1 \
                and self.clues[end].kind in ("promo", "title", "text") \
                and len(self.clues[end].text) <= 24 and "。" not in self.clues[end].text:
            end += 1
        self._close()
        self._close_group()
        lines = [line for c in self.clues[i:end] for line in c.block.lines]
        self._decide(lines[0].number, "P1", "promo block")
        self._append(Promo(tuple(line.text for line in lines),
                           Span(self.file, lines[0].number, lines[-1].number)))
        return end - i

    # ------------------------------------------------------------ labels

    def _label(self, i: int) -> int:
        clue = self.clues[i]
        text = clue.text.strip("【】")
        if clue.label == "briefs":                                          # L1
            self._close()
            self._close_group()
            self.group = _Group(text, clue.line, "briefs", clue.child_kind)
            self._decide(clue.line, "L1", f"column of {clue.child_kind}s under '{text}'")
        elif clue.label == "link":                                          # L2
            self._close()
            if self.group is not None and self.group.kind == "banner":
                self._close_group()
            self._start(clue.line, "L2")
            self.draft.main, self.draft.kind = (text,), "link_box"
            self.draft.head_span = (clue.line, clue.line)
            self.draft.in_group = self.group is not None
            self._decide(clue.line, "L2", f"link box '{text}'")
        elif clue.label == "series":                                        # L4
            self._series(text, clue.line)
        else:                                                               # L3
            self._close()
            if self.group is not None and self.group.kind == "banner" and self.group.items:
                self._close_group()
            self._pend_rubric(text, clue.line)
            self._decide(clue.line, "L3", f"rubric '{text}' over the next story")
        return 1

    def _pend_rubric(self, text: str, line: int) -> None:
        """A label waiting for the story it heads; two in a row both head it."""
        if self.pending_rubric is not None:
            text, line = _joined(self.pending_rubric[0], text), self.pending_rubric[1]
        self.pending_rubric = (text, line)

    def _series(self, text: str, line: int) -> None:
        if self.draft is not None:
            self.draft.series = _joined(self.draft.series, text)
            self._decide(line, "L4", "series label of the open story")
        elif self.last_closed is not None and self.items:
            self._decide(line, "L4", "series label of the story just closed")
            self._set_series(text)
        else:
            self.pending_series = (_joined(self.pending_series and self.pending_series[0], text),
                                   line)
            self._decide(line, "L4", "series label of the next story")

    # ------------------------------------------------------------ headings

    def _heading(self, i: int) -> int:
        clue = self.clues[i]
        text, line = clue.text, clue.line
        nxt = self.clues[i + 1] if i + 1 < len(self.clues) else None
        if nxt is not None and nxt.kind == "jump_in" and not clue.marker:   # T1
            self._close()
            self._close_group()
            self.pending_title = ({"kicker": (), "main": (text,), "subtitle": (), "deck": (),
                                   "first": line, "last": line, "span": 1,
                                   "unmistakable": True}, i, 1)
            return 1
        if clue.marker:                                                     # H1
            if self._open():
                self._subhead(text, line, 2, clue.marker, "H1")
            else:
                self._new_titled(text, line, "H1")
            return 1
        if clue.heading == 2 and nxt is not None and nxt.kind == "heading" and nxt.heading == 3:
            self._close()                                                   # H2
            self._close_group()
            self.group = _Group(text, line, "banner", "article")
            self._decide(line, "H2", f"banner '{text}'")
            return 1
        if clue.heading == 3 and self.group is not None:                    # H3
            self._close()
            self._new_titled(text, line, "H3")
            return 1
        rule = "H6"
        if self._open() and self.draft.body:
            verdict = self._inside_story(clue, i, marked=True)
            if verdict[0] == "subhead":
                self._subhead(text, line, 1 if clue.heading == 2 else 2, "", verdict[1])
                return 1
            rule = verdict[1]
        if clue.heading == 2 and len(text) <= 10 and self._title_group(i + 1):   # H5
            self._close()
            self._close_group()
            self._pend_rubric(text, line)
            self._decide(line, "H5", f"rubric '{text}' over the title below")
            return 1
        self._close()
        if clue.heading == 2:
            self._close_group()
        self._new_titled(text, line, rule)
        return 1

    def _inside_story(self, clue: Clue, i: int, marked: bool) -> tuple[str, str]:
        """H4: a heading or a one-line title inside an open story with body —
        its subhead, or the next item's title?"""
        draft = self.draft
        if draft.jumped:
            return "new", "H4a"
        if self._dateline_follows(i):
            return "new", "H4b"
        if marked and _credited_at_head(draft):
            return "new", "H4c"
        if self.closed_titled and self.closed_with_byline * 2 >= self.closed_titled:
            return "subhead", "H4d"
        if (marked and clue.heading == 2) or reads_as_headline(clue.text):
            return "new", "H4e"
        return "subhead", "H4f"

    def _dateline_follows(self, i: int) -> bool:
        nxt = self.clues[i + 1] if i + 1 < len(self.clues) else None
        while nxt is not None and nxt.kind in ("caption", "dash"):
            i += 1
            nxt = self.clues[i + 1] if i + 1 < len(self.clues) else None
        return nxt is not None and nxt.kind == "text" and dateline_length(nxt.text) > 0

    def _section(self, i: int) -> int:
        clue = self.clues[i]
        if self._open():                                                    # H1
            level = 1 if clue.text[0] != "（" else 2
            self._subhead(clue.text, clue.line, level, clue.marker, "H1")
        else:
            self._new_titled(clue.text, clue.line, "H6")
        return 1

    def _staff_subhead(self, i: int) -> int:
        clue = self.clues[i]
        if not self._open():
            self._start(clue.line, "S1")
        self._subhead(clue.text, clue.line, 1, clue.marker, "S1")
        return 1

    def _subhead(self, text: str, line: int, level: int, marker: str, rule: str,
                 plain: bool = False) -> None:
        self.draft.body.append(_Head(text, line, level, marker, plain))
        self.draft.last = line
        self._decide(line, rule, f"subhead '{text}'")

    # ------------------------------------------------------------ title groups

    def _title_group(self, i: int) -> dict | None:
        """T2/T3/T4: the title group starting at clue i — kicker, main, subtitle,
        deck, the lines it spans, how many clues — when body text follows it."""
        clues, n = self.clues, len(self.clues)
        j, kicker = i, ()
        if j < n and clues[j].kind == "kicker" and j + 1 < n and clues[j + 1].kind == "title":
            kicker = (clues[j].text,)
            j += 1
        if j >= n or clues[j].kind != "title":
            return None
        lines = list(clues[j].block.texts)
        last, j = clues[j].block.last, j + 1
        dashes = [t for t in lines[1:] if t.startswith("——")]
        lines = [t for t in lines if not t.startswith("——")]
        while j < n and clues[j].kind == "dash":
            dashes.append(clues[j].text)
            last, j = clues[j].block.last, j + 1
        if (j >= n or clues[j].kind in ("heading", "label", "running_head")
                or clues[j].kind == "title" and not self._turn(j)) and clues[i].forced != "title":
            return None   # a title is followed by its story's text
        if len(lines) == 1 and self._turn(i + len(kicker)) and clues[i].forced != "title":
            return None   # 记者：明年有什么打算？ a speaker's turn (B3)
        subtitle = tuple(t for t in dashes if not is_occasion(t))
        deck = tuple(t for t in dashes if is_occasion(t))
        main = tuple(lines)
        if not kicker and len(main) == 3:
            kicker, main, subtitle = main[:1], main[1:2], main[2:] + subtitle
        elif not kicker and len(main) == 2 and is_short_label(main[0]):
            kicker, main = main[:1], main[1:]
        elif kicker and len(main) == 2 and not subtitle and main[0][-1] not in "，、：；":
            main, subtitle = main[:1], main[1:]
        if not main:
            return None
        unmistakable = bool(kicker or subtitle or deck or len(main) > 1 or clues[i].forced)
        return {"kicker": kicker, "main": main, "subtitle": subtitle, "deck": deck,
                "first": clues[i].line, "last": last, "span": j - i,
                "unmistakable": unmistakable}

    def _turn(self, i: int) -> bool:
        """B3: a line opening with a speaker's label (记者：…) when that speaker
        opens another block close by — a turn of an interview, not a title."""
        who = speaker(self.clues[i].text)
        if not who or self.clues[i].heading:
            return False
        near = self.clues[max(0, i - 12): i] + self.clues[i + 1: i + 13]
        return any(speaker(c.text) == who for c in near if not c.heading)

    def _titles(self, i: int) -> int:
        clue = self.clues[i]
        if clue.kind == "dash" and self._open() and not self.draft.body:    # T4
            if is_occasion(clue.text) or self.draft.subtitle:
                self.draft.deck += (clue.text,)
                self._decide(clue.line, "T4", "deck (date or occasion)")
            else:
                self.draft.subtitle += (clue.text,)
                self._decide(clue.line, "T4", "subtitle")
            self.draft.head_span = (self.draft.head_span or (clue.line,))[:1] + (clue.line,)
            return 1
        group = self._title_group(i)
        if group is None:
            return self._text(i)
        split = rubric_and_title(group["main"][0]) if len(group["main"]) == 1 else None
        if split:                                                           # L3
            self._close()
            self._pend_rubric(split[0], clue.line)
            self.separators.append((group["main"][0][len(split[0])], clue.line))
            self._decide(clue.line, "L3", f"rubric '{split[0]}' run into its title")
            group = dict(group, main=(split[1],), unmistakable=True)
        after = self.clues[i + group["span"]] if i + group["span"] < len(self.clues) else None
        if after is not None and after.kind == "jump_in":                   # T1
            self._close()
            self._close_group()
            self.pending_title = (group, i, group["span"])
            return group["span"]
        if self._open():
            draft = self.draft
            if not draft.body and not draft.subtitle and not group["unmistakable"] \
                    and draft.kind != "link_box":
                draft.subtitle = group["main"]
                draft.head_span = (draft.head_span or (group["first"],))[:1] + (group["last"],)
                self._decide(clue.line, "T4", "subtitle under the title")
                return group["span"]
            if draft.kind == "link_box" and not any(isinstance(p, (_Text, _Head)) for p in draft.body):
                self._subhead(group["main"][0], clue.line, 1, "", "L2")
                return group["span"]
            line = group["main"][0]
            after_text = after.text if after is not None and after.kind == "text" else ""
            if not group["unmistakable"] and not self._dateline_follows(i) and after is not None \
                    and cut_before(line, after_text, after.gap):
                return self._text(i)   # 对龙门实验室加大招才 with a comma: a cut (B1)
            who = speaker(line)
            if who and any(speaker(p.lines[0].text) == who for p in draft.paragraphs()):
                return self._text(i)   # 主持人：最开始你不知道吗？ a turn of the speakers (B3)
            if not group["unmistakable"]:
                if draft.kind == "link_box":
                    verdict = ("new", "L2")      # the box holds one linked item
                elif draft.in_group and self.group is not None and self.group.child_kind == "brief":
                    verdict = ("new", "H3")      # briefs have no subheads
                else:
                    verdict = self._inside_story(clue, i, marked=False)
                if verdict[0] == "subhead":
                    self._subhead(group["main"][0], clue.line, 1, "", verdict[1], plain=True)
                    return group["span"]
                rule = verdict[1]
            else:
                rule = "T2"
            self._close()
        else:
            rule = "T2"
        if self.group is not None and not self._title_in_group(group):
            self._close_group()
        self._start(group["first"], rule if rule != "T2" or not group["kicker"] else "T3")
        self._take_title(group)
        self._decide(clue.line, self.draft.rule, "title " + " / ".join(group["main"]))
        return group["span"]

    def _title_in_group(self, group: dict) -> bool:
        """H3: a title inside an open group: a column of briefs takes every
        title; a banner takes titles shaped like its stories' (as many phrases)."""
        if self.group.kind == "briefs":
            return not group["unmistakable"]
        if group["unmistakable"] or not self.group.titles:
            return False
        return phrases(group["main"][0]) == phrases(self.group.titles[-1])

    def _take_title(self, group: dict) -> None:
        d = self.draft
        d.kicker, d.main, d.subtitle, d.deck = (group["kicker"], group["main"], group["subtitle"],
                                               group["deck"])
        d.head_span = (group["first"], group["last"])
        d.last = group["last"]
        if self.group is not None:
            d.in_group = True
            self.group.titles.append(group["main"][0])

    # ------------------------------------------------------------ continued parts

    def _jump_in(self, i: int) -> int:                                      # T1
        clue = self.clues[i]
        page, marker = continued_from(clue.text)
        self._close()
        self._close_group()
        title, self.pending_title = self.pending_title, None
        self._start(title[0]["first"] if title else clue.line, "T1")
        if title:
            self._take_title(title[0])
        self.draft.continued = (page, marker)
        self._decide(clue.line, "T1", f"continued from page {page}"
                     + (f", short title {''.join(title[0]['main'])}" if title else ""))
        rest = clue.block.texts[0][len(marker):]
        lines = ([Line(clue.block.first, rest)] if rest else []) + list(clue.block.lines[1:])
        if lines:
            self._add_text(lines, i)
        return 1

    # ------------------------------------------------------------ credits, captions, residue

    def _credit(self, i: int) -> int:                                       # C1
        clue = self.clues[i]
        credit = closing_credit(clue.text) or (clue.text, False)
        if self._open():
            self._byline(credit, clue.line, "end", "C1")
            self._close()
        elif self.items and isinstance(self.items[-1], Article) and self.items[-1].byline is None:
            last = self.items[-1]
            self.items[-1] = replace(last, source=Span(self.file, last.source.first_line,
                                                      clue.line),
                                     byline=self._make_byline(credit, clue.line, "end"))
            self._decide(clue.line, "C1", "byline of the story just closed")
        elif (closed := self._closed_with_byline()) is not None and not clue.marker:   # C5
            last, put = closed
            put(replace(last, credits=last.credits + (self._make_byline(credit, clue.line,
                                                                         "end"),),
                        source=Span(self.file, last.source.first_line, clue.line)))
            self._decide(clue.line, "C5", "a further credit of the story just closed")
        else:
            return self._text(i)
        return 1

    def _closed_with_byline(self):
        """The story just closed, when it closed with its byline at its end, and
        how to put it back changed (in its group, or the issue's items); else None."""
        if self.group is not None and self.group.items:
            items = self.group.items
            last, page = items[-1]

            def put(article):
                items[-1] = (article, page)
        elif self.items and self.group is None:
            last = self.items[-1]

            def put(article):
                self.items[-1] = article
        else:
            return None
        if isinstance(last, Article) and last.byline is not None \
                and last.byline.position == "end":
            return last, put
        return None

    def _official(self, i: int) -> int:                                     # T5
        clue = self.clues[i]
        if self._open() and not self.draft.paragraphs() and self.draft.byline is None:
            self.draft.byline = Byline(clue.text, Span(self.file, clue.line, clue.line), "head",
                                       False, credit_parts(clue.text))
            self._decide(clue.line, "T5", "the document's issuing official")
            return 1
        return self._text(i)

    def _caption(self, i: int) -> int:                                      # B4, B5
        clue = self.clues[i]
        text = clue.block.texts[0]
        if self._open() and text.startswith(("图为", "圖為")):
            paragraphs = self.draft.paragraphs()
            if len(paragraphs) >= 2 and self.draft.body[-1] is paragraphs[-1] and \
                    (self.draft.titled or self.draft.in_group):
                moved = self.draft.body.pop()
                self.draft.last = moved.lines[0].number - 1
                self._close()
                self._close_group()
                self._start(moved.lines[0].number, "B5")
                self.draft.photo = True
                self.draft.body.append(moved)
                self._decide(clue.line, "B5", "photo news: the caption and the paragraph above it")
        if not self._open():
            self._start(clue.line, "B4")
            self.draft.photo = True
        self.draft.body.append(_Text(list(clue.block.lines), clue.block.last, "caption"))
        self.draft.last = clue.block.last
        self._decide(clue.line, "B4", "photo caption")
        if self.draft.photo and self.draft.byline is None:
            credit = _photo_credit(text)
            if credit:
                self.draft.byline = Byline(credit, Span(self.file, clue.line, clue.line),
                                           "inline", False, (credit,))
        return 1

    def _captions(self, i: int) -> int:                                     # B4
        clue = self.clues[i]
        if not self._open():
            self._start(clue.line, "B4")
        for line in clue.block.lines:
            self.draft.body.append(_Text([line], line.number, "caption"))
        self.draft.last = clue.block.last
        self._decide(clue.line, "B4", f"{len(clue.block.lines)} photo labels")
        return 1

    def _residue(self, i: int) -> int:                                      # W1
        clue = self.clues[i]
        self.diagnostics.append(warning(
            f"reprint boilerplate '{clue.text[:30]}' kept; drop it with the sidecar's "
            "structure: if it should not print", self.file, clue.line, rule="parse.residue"))
        self._decide(clue.line, "W1", "reprint boilerplate, kept")
        return self._text(i)

    def _byline(self, credit: tuple[str, bool], line: int, position: str, rule: str) -> None:
        self.draft.byline = self._make_byline(credit, line, position)
        self.draft.last = max(self.draft.last, line)
        self._decide(line, rule, f"byline {credit[0]}")

    def _make_byline(self, credit: tuple[str, bool], line: int, position: str) -> Byline:
        return Byline(credit[0], Span(self.file, line, line), position, credit[1],
                      credit_parts(credit[0]))

    # ------------------------------------------------------------ body text

    def _text(self, i: int) -> int:
        clue = self.clues[i]
        lines = list(clue.block.lines)
        # C1: a credit on the block's last line, or glued to its last sentence
        credit, credit_line, rule = None, None, "C1"
        if len(lines) > 1 and closing_credit(lines[-1].text):
            credit, credit_line = closing_credit(lines[-1].text), lines[-1].number
            lines = lines[:-1]
        elif glued := glued_credit(lines[-1].text):
            at, names = glued
            credit, credit_line = (names, True), lines[-1].number
            lines[-1] = Line(lines[-1].number, lines[-1].text[:at])
        elif len(lines) > 1 and _bare_name(lines[-1].text) and not ends_open(lines[-2].text) \
                and self._item_starts_at(i + 1):                            # C3
            credit, credit_line, rule = (lines[-1].text, False), lines[-1].number, "C3"
            lines = lines[:-1]
        if not self._open():
            self._open_for_text(clue, i)
        elif self.draft.jumped:                                             # J1
            self._close()
            self._open_for_text(clue, i)
        elif self.draft.in_group and self.group is not None and self.group.kind == "briefs" \
                and (dateline_length(clue.text) or clue.marker) and self.draft.paragraphs():
            self._close()                                                   # H3
            self._open_for_text(clue, i)
        self._add_text(lines, i)
        if credit:
            self._byline(credit, credit_line, "end", rule)
            self._close()
        return 1

    def _open_for_text(self, clue: Clue, i: int) -> None:
        rule = "T2"
        if self.last_closed is not None and not self.last_closed.in_group and self.group is None \
                and self.last_closed.byline is not None and not dateline_length(clue.text):
            self.diagnostics.append(warning(
                "text after a byline with no headline: kept as an untitled article",
                self.file, clue.line))
        self._start(clue.line, rule)
        self.draft.in_group = self.group is not None
        self._decide(clue.line, rule, "untitled story" + (" in the group" if self.group else ""))

    def _add_text(self, lines: list[Line], i: int) -> None:
        """B1/B2/B7/J1: a text block into the open story."""
        gap = self.clues[i].gap
        jumped = jump_out(lines[-1].text)
        if jumped:                                                          # J1
            self._decide(self.clues[i].block.last, "J1", f"jumps to page {jumped[0]}")
        body = self.draft.body
        if lines:
            entries = [list_number(line.text) for line in lines]
            previous = body[-1] if body and isinstance(body[-1], _Text) else None
            if all(entries):                                                # B2
                for line in lines:
                    body.append(_Text([line], line.number, "item"))
                self._decide(lines[0].number, "B2", f"{len(lines)} list entries")
            elif previous is not None and self.clues[i].forced == "joined":
                tail = previous.lines[-1]                                   # S1
                previous.lines[-1] = Line(tail.number, tail.text + lines[0].text)
                previous.lines.extend(lines[1:])
                previous.last = lines[-1].number
            elif previous is not None and previous.role == "body" \
                    and (reads_as_sentence(previous.lines[-1].text) and ends_open(previous.lines[-1].text)
                         or cut_before(previous.lines[-1].text, lines[0].text, gap)) \
                    and not list_number(lines[0].text):                     # B1
                tail = previous.lines[-1]
                previous.lines[-1] = Line(tail.number, tail.text + lines[0].text)
                previous.lines.extend(lines[1:])
                previous.last = lines[-1].number
                self._decide(lines[0].number, "B1", f"joined to the paragraph cut at line {tail.number}")
            else:
                body.append(_Text(list(lines), lines[-1].number))
            self.draft.last = max(self.draft.last, self.clues[i].block.last)
        if jumped:
            self.draft.jumped = jumped
            self.draft.last = max(self.draft.last, self.clues[i].block.last)

    def _item_starts_at(self, i: int) -> bool:
        if i >= len(self.clues):
            return True
        clue = self.clues[i]
        return clue.kind in ("heading", "label", "running_head", "jump_in") or (
            clue.kind in ("title", "kicker") and self._title_group(i) is not None)

    # ------------------------------------------------------------ drafts and groups

    def _open(self) -> bool:
        return self.draft is not None

    def _start(self, line: int, rule: str) -> None:
        self._close()
        self.draft = _Draft(first=line, rule=rule, page=self.page, last=line)
        if self.pending_rubric:
            self.draft.rubric, self.draft.first = self.pending_rubric[0], min(
                line, self.pending_rubric[1])
            self.pending_rubric = None
        if self.pending_series:
            self.draft.series, self.pending_series = self.pending_series[0], None

    def _new_titled(self, title: str, line: int, rule: str) -> None:
        self._start(line, rule)
        self.draft.main = (title,)
        self.draft.head_span = (line, line)
        if self.group is not None:
            self.draft.in_group = True
            self.group.titles.append(title)
        self._decide(line, rule, f"title {title}")

    def _set_series(self, label: str) -> None:
        last = self.items[-1]
        if isinstance(last, Banner) and last.items:
            self.items[-1] = Banner(last.title, last.items[:-1] + (_with_series(last.items[-1], label),),
                                    last.source, last.kind)
        elif isinstance(last, Article):
            self.items[-1] = _with_series(last, label)
        else:
            self.pending_series = (label, last.source.last_line)

    def _append(self, item: Item) -> None:
        self.items.append(item)
        self.item_pages.append((len(self.items) - 1, self.page))

    def _close(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        item = self._finish(draft)
        self.last_closed = draft
        if draft.main and isinstance(item, Article):
            self.closed_titled += 1
            self.closed_with_byline += draft.byline is not None and draft.byline.position == "end"
        if draft.in_group and self.group is not None and isinstance(item, Article):
            self.group.items.append((item, draft.page))
        else:
            self._close_group()   # a story outside the group comes after it
            self.items.append(item)
            self.item_pages.append((len(self.items) - 1, draft.page))

    def _close_group(self) -> None:
        if self.group is not None and self.draft is not None and self.draft.in_group:
            self._close()
        group, self.group = self.group, None
        if group is None:
            return
        if not group.items:       # nothing came under it: it labels what follows
            self._pend_rubric(group.title, group.line)
            return
        articles = tuple(item for item, _ in group.items)
        last = articles[-1].source.last_line
        self.items.append(Banner(group.title, articles, Span(self.file, group.line, last),
                                 group.kind))
        self.item_pages.append((len(self.items) - 1, group.items[0][1]))

    # ------------------------------------------------------------ finishing a story

    def _finish(self, draft: _Draft) -> Article | Continuation:
        body_parts = list(draft.body)
        if draft.byline is not None and mentions_photos(draft.byline.text):     # C4
            for k, part in enumerate(body_parts):
                if isinstance(part, _Head) and part.plain:
                    body_parts[k] = _Text([Line(part.line, part.text)], part.line, "caption")
                    self._decide(part.line, "C4", "photo caption (the story is credited with photos)")
        speakers = _speakers(body_parts)                                            # B3
        blocks: list[Block] = []
        byline = draft.byline
        first_body = True
        for part in body_parts:
            if isinstance(part, _Head):
                blocks.append(Subhead(part.text, Span(self.file, part.line, part.line), part.level,
                                      part.marker))
                continue
            span = Span(self.file, part.lines[0].number, part.last)
            if part.role == "body" and len(part.lines) > 1 and set_by_hand(part.lines) == "lines":
                blocks.append(LineGroup(tuple(line.text for line in part.lines), span))
                first_body = False
                continue
            text = "".join(line.text for line in part.lines)                  # B7
            role, run_in, credit = part.role, 0, 0
            if role == "body":
                lead = dateline_length(text)
                if lead and (first_body or text.startswith(AGAIN)):
                    run_in = lead
                    credit = inline_credit(text, lead)
                    if credit and byline is None and first_body:             # C2
                        names = text[lead:lead + credit].strip().strip("（）")
                        byline = Byline(names, Span(self.file, part.lines[0].number,
                                                    part.lines[0].number),
                                        "inline", True, credit_parts(names))
                        self._decide(part.lines[0].number, "C2", f"byline {names}, inline")
                elif speakers and (who := speaker(text)) in speakers:
                    role, run_in = "turn", len(who) + 1
                first_body = False
            blocks.append(Paragraph(text, span, run_in, role, credit))
        span = Span(self.file, draft.first, max(draft.last, draft.first))
        headline = None
        if draft.main or draft.kicker or draft.subtitle or draft.rubric or draft.series:
            first, last = draft.head_span or (draft.first, draft.first)
            headline = Headline(draft.main, draft.kicker, draft.subtitle, draft.rubric,
                                draft.series, Span(self.file, first, last), draft.deck)
        jump_to = draft.jumped[0] if draft.jumped else None
        if draft.continued:
            return Continuation(draft.continued[0], draft.continued[1], tuple(blocks), span,
                                headline, byline, jump_to)
        if headline is None:
            headline = Headline((), series=draft.series)
        kind = self._kind(draft, blocks, speakers)
        return Article(headline, tuple(blocks), span, byline, kind, (), jump_to)

    def _kind(self, draft: _Draft, blocks: list[Block], speakers: set[str]) -> str:
        labels = " ".join(filter(None, (draft.series, draft.rubric)))
        if draft.kind:
            return draft.kind
        if "评" in labels or "評" in labels:
            return "commentary"
        if speakers or any(s.startswith("——访") for s in draft.subtitle) or "访" in labels:
            return "interview"
        if draft.in_group and self.group is not None and self.group.kind == "briefs":
            return self.group.child_kind
        paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.role == "body"]
        if draft.main and len(paragraphs) == 1 and len(blocks) == 1 and draft.byline is None \
                and len(paragraphs[0].text) < BRIEF_MAX and not draft.continued:
            self._decide(draft.first, "B6", "a brief")
            return "brief"
        return "article"


def _credited_at_head(draft: _Draft) -> bool:
    """The story's byline stands at its head: under the title, or in
    parentheses after the first paragraph's dateline (C2)."""
    if draft.byline is not None and draft.byline.position != "end":
        return True
    paragraphs = draft.paragraphs()
    if not paragraphs:
        return False
    text = paragraphs[0].lines[0].text
    lead = dateline_length(text)
    return bool(lead and inline_credit(text, lead))


def _speakers(parts: list) -> set[str]:
    """B3: speakers who each open at least two paragraphs, two or more of them."""
    counts: dict[str, int] = {}
    for part in parts:
        if isinstance(part, _Text) and part.role == "body" and len(part.lines) == 1:
            who = speaker(part.lines[0].text)
            if who:
                counts[who] = counts.get(who, 0) + 1
    found = {who for who, n in counts.items() if n >= 2}
    return found if len(found) >= 2 else set()


def _bare_name(text: str) -> bool:
    """刘海生: a name alone, 2–4 Han characters."""
    return 2 <= len(text) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in text)


def _photo_credit(text: str) -> str | None:
    """图为…（冯小平 摄） → 冯小平 摄"""
    match = re.search(r"（([^（）]{1,12}[摄攝])）$", text)
    return match.group(1) if match else None


def _joined(first: str | None, second: str) -> str:
    """Two labels for one story: both kept, in reading order."""
    return f"{first} {second}" if first else second


def _with_series(article: Article, label: str) -> Article:
    h = article.headline
    headline = Headline(h.main, h.kicker, h.subtitle, h.rubric, _joined(h.series, label),
                        h.source, h.deck)
    kind = "commentary" if "评" in label else article.kind
    return replace(article, headline=headline, kind=kind)
