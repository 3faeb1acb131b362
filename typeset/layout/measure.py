"""Measure first: every item's body composed once into a flow of grid lines.

Body text is always set at the base column measure (11 or 13 characters), so
an article's body is the same list of lines whatever the width of its module:
a module k columns wide holds it in k columns of ⌈lines ÷ k⌉ lines. Only the
headline depends on the module width; it is composed per width in
`headblock.py`.

A flow is a tuple of `FlowLine`s, each one grid line or a few (a subhead
occupies its 占行), each carrying the composed lines to draw in it.

Paragraphs are set by their role (model.PARAGRAPH_ROLES): running text, list
entries and Q&A turns as body text (a turn's speaker label run in bold, like
a dateline); a photo caption in the layout's `caption` style, or else the
body font a 字号 smaller, never indented. A dateline runs in bold and a credit
right after it (中国宁波网讯（董小军 陈琼）…) in the byline's font; a byline
standing inline in the first paragraph is not set again. A link box (相关链接)
is set a character narrower than a column, inside its frame (draw.py).

Pull quotes: only from a story of MIN_QUOTED_STORY characters or more, and
never next to the sentence they repeat (columns.QUOTE_CLEAR lines of other
text at least between them) nor level with it in the next column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..compose import ComposedParagraph, Composer, Line, ParagraphStyle, Run, compose_headline
from ..design import ZIHAO_PT, Layout, zihao_name
from ..design.units import LARGER_BODY_LEADING, LARGER_BODY_LINE, PULL_QUOTE_SCALE, SET_LINE
from ..model import (Article, Banner, Block, Byline, Continuation, Headline, Item, LineGroup,
                     Paragraph, Promo, Span, Subhead, title_of)
from .columns import quote_positions, sentence_lines
from .place import prices

# A boxed story (a link box, 相关链接): its text is set this many body
# characters narrower than a column, so the frame clears it by a character
# at each side of the module (draw.py spreads its columns inside the frame).
BOX_NARROWER = 1.0
BOX_PAD = 1.0         # body characters between the frame and the text beside it
BRIEF_MARK = "■"      # before each brief of a column of briefs (its title, else its text)


# Kinds of story set inside a rule frame: a link box (相关链接), a commentary
# (评论, 短评) under its series label — a box that tells the reader "opinion".
BOXED_KINDS = ("link_box", "commentary")


def boxed(item: Item) -> bool:
    """Is the story set inside a rule frame?"""
    return isinstance(item, Article) and item.kind in BOXED_KINDS


def has_title(head: Headline | None) -> bool:
    """Does a headline print a title group (main title, kicker or subtitle)?
    Labels, a deck or a byline alone are no title."""
    return bool(head and (head.main or head.kicker or head.subtitle))


def titled(item: Item) -> bool:
    """Does the story print a title over its text? (A continued part's short
    title is drawn whatever it has.)"""
    return has_title(item.headline if isinstance(item, (Article, Continuation)) else None)


def fixed_rank(item: Item) -> int | None:
    """The headline rank a story's kind fixes, whatever its module: a brief's
    title and a link box's label are set at the smallest rank (headline4)."""
    if isinstance(item, Article) and item.kind in ("brief", "link_box"):
        return 4
    return None


def smaller_size(size: float) -> float:
    """The next smaller 字号 than `size` pt (小五 → 六号)."""
    smaller = [pt for pt in ZIHAO_PT.values() if pt < size - 1e-9]
    return max(smaller) if smaller else size


@dataclass(frozen=True)
class FlowLine:
    height: int                     # sub-units occupied: `subdiv` units make one grid line
    lines: tuple[Line, ...]         # composed lines drawn in it (top to bottom)
    role: str                       # text role (design/roles.py): body, subhead1, brief_title …
    size: float                     # pt: the em of its lines
    source: Span | None = None
    paragraph_end: bool = False     # the last line of a paragraph
    paragraph_start: bool = False
    keep_with_next: bool = False    # a subhead: never the last thing in a column
    subdiv: int = 1                 # units per grid line in this item's flow (columns.py)
    # on a body paragraph's first line: its runs and style, so that it can be
    # set again a line longer where a column would end short (columns.py)
    setting: tuple[tuple[Run, ...], ParagraphStyle] | None = None
    # on a pull quote: the paragraph (its source) and the sentence it repeats,
    # which it never stands beside (columns.py)
    repeats: tuple[Span | None, str] | None = None


@dataclass(frozen=True)
class Measured:
    """An item with its body flow; `key` names it in reports and staff YAML."""
    key: str
    item: Item
    flow: tuple[FlowLine, ...]
    # typography problems the composer reported, each with the source it is in
    violations: tuple[tuple[Span | None, str], ...]

    @property
    def subdiv(self) -> int:
        return self.flow[0].subdiv if self.flow else 1

    @property
    def title(self) -> str:
        return title_of(self.item)


@dataclass(frozen=True)
class BodyScale:
    """Body type for an article: the grid's own size, or a larger one set N
    lines to G grid lines, so groups of lines still start on the grid."""
    name: str
    size: float        # pt
    lines: int         # N lines of this size …
    grid_lines: int    # … occupy G lines of the grid
    cost: float        # placement cost per article: larger type only when the page needs it


def body_scales(layout: Layout) -> tuple[BodyScale, ...]:
    """The grid's body size, then each larger size for which some N lines fit
    G grid lines with 20–45 % leading (五号 on an 11.6 pt grid: 5 lines in 6)."""
    body, pitch = layout.body_size_pt, layout.line_pitch_pt
    low, high = LARGER_BODY_LEADING
    scales = [BodyScale(zihao_name(body) or f"{body:g}pt", body, 1, 1, 0.0)]
    for name, cost in prices.LARGER_BODY.items():
        size = ZIHAO_PT[name]
        for grid_lines in range(1, 9):
            lines = round(grid_lines * pitch / (size * LARGER_BODY_LINE))
            if lines >= 1 and low <= (grid_lines * pitch / lines - size) / size <= high:
                scales.append(BodyScale(name, size, lines, grid_lines, cost))
                break
    return tuple(scales)


def measure_item(key: str, item: Item, composer: Composer,
                 scale: BodyScale | None = None) -> Measured:
    flow: list[FlowLine] = []
    violations: list[tuple[Span | None, str]] = []
    layout = composer.layout
    subdiv = scale.lines if scale else 1
    body_size = scale.size if scale else layout.body_size_pt
    column_em = composer.column_em - (BOX_NARROWER if boxed(item) else 0.0)
    body_measure = float(int(column_em * layout.body_size_pt / body_size))

    def add(result: ComposedParagraph, role: str, source: Span | None,
            size: float | None = None, setting=None) -> None:
        violations.extend((source, v) for v in result.violations)
        count = len(result.lines)
        if size is None:
            size = composer.style(role).size_pt if role != "body" else body_size
        # a body line of a larger size is grid_lines/lines of a grid line tall
        # (so is a caption larger than the grid's body size), and so is its
        # credit line: it ends its column level with the other columns' lines
        larger = role in ("body", "byline", "brief_title") or (role == "caption"
                                                and size > layout.body_size_pt + 1e-9)
        height = scale.grid_lines if scale and larger else subdiv
        for index, line in enumerate(result.lines):
            flow.append(FlowLine(height, (line,), role, size, source, index == count - 1,
                                 index == 0, subdiv=subdiv,
                                 setting=setting if index == 0 else None))

    if isinstance(item, Banner) and not item.sets_as_one:
        raise ValueError("banners are measured through their articles")
    if isinstance(item, Promo):
        promo = composer.style("promo")
        for text in item.lines:
            add(composer.paragraph((Run(text, promo.font),), composer.column_em, 0, promo.align,
                                   promo.align), "promo", item.source)
        return Measured(key, item, tuple(flow), tuple(violations))

    style = composer.style("body")

    def body_paragraph(runs: tuple[Run, ...], source: Span | None) -> None:
        setting = ParagraphStyle(body_measure, style.indent_chars, style.align)
        add(composer.paragraph(runs, body_measure, style.indent_chars, style.align), "body",
            source, setting=(runs, setting))

    def caption(block: Paragraph, runs: tuple[Run, ...]) -> None:
        font, size, align = caption_style(composer, body_size)
        body_font = composer.style("body").font     # a run-in keeps its own font
        runs = tuple(Run(run.text, font) if run.font == body_font else run for run in runs)
        measure = float(int(column_em * layout.body_size_pt / size))
        last = align if align in ("center", "right") else "left"
        add(composer.paragraph(runs, measure, 0, align, last), "caption", block.source, size)

    def text(body: tuple[Block, ...], lead: tuple[Run, ...], source: Span,
             closing: tuple[Byline, ...]) -> None:
        """A story's body, `lead` run in at the head of its first line, then
        its closing credits."""
        for block in body:
            if isinstance(block, Paragraph):
                if block.role == "caption":
                    caption(block, lead + _paragraph_runs(block, composer))
                else:     # body, list entry, Q&A turn: body text (a turn's label run in bold)
                    body_paragraph(lead + _paragraph_runs(block, composer), block.source)
                lead = ()
            elif isinstance(block, LineGroup):
                for line in block.lines:
                    body_paragraph(lead + (Run(line, style.font),), block.source)
                    lead = ()
            elif isinstance(block, Subhead):
                flow.extend(_subhead(block, composer, violations, subdiv, column_em))
        if lead:   # a continuation whose body is empty still prints its marker
            add(composer.paragraph(lead, column_em, 0), "body", source)
        byline_style = composer.style("byline")
        measure = column_em * layout.body_size_pt / byline_style.size_pt
        for credit in closing:
            align = "right" if credit.parenthesized else byline_style.align
            for line in credit_lines(credit, measure, byline_style.font, composer):
                add(composer.paragraph((Run(line, byline_style.font),), measure, 0, align, align),
                    "byline", credit.source)

    if isinstance(item, Banner):       # a column of briefs: one text, each brief led in
        lead_font = composer.style("dateline").font
        for brief in item.items:
            lead = (Run(BRIEF_MARK, lead_font),)
            if has_title(brief.headline):     # ■ and its title on lines of their own, in bold,
                title = BRIEF_MARK + " ".join(brief.headline.printed_text())   # broken between words
                before = len(flow)
                for line in compose_headline(title, body_measure, composer.metrics, lead_font):
                    add(composer.paragraph((Run(line, lead_font),), body_measure, 0, "left",
                                           "left"), "brief_title",
                        brief.headline.source or brief.source, body_size)
                flow[before:] = [replace(f, keep_with_next=True) for f in flow[before:]]
                lead = ()
            if brief.byline is not None and brief.byline.position == "head":
                lead += (Run(f"（{brief.byline.text}）", composer.style("byline").font),)
            text(brief.body, lead, brief.source, _closing(brief))
    elif isinstance(item, Continuation):
        # its printed marker （上接01版） runs in at the head of its first line
        marker = (Run(item.marker, composer.style("jump").font),) if item.marker else ()
        text(item.body, marker, item.source, _closing(item))
    else:
        text(item.body, (), item.source, _closing(item))
    return Measured(key, item, tuple(flow), tuple(violations))


def _closing(item: Article | Continuation) -> tuple[Byline, ...]:
    """The credits set after a story's text: its byline when it stands at the
    end (an inline one is in the first paragraph, one under the head is in
    the head block, headblock.py), then further credits after it."""
    byline = item.byline
    return (((byline,) if byline is not None and byline.position == "end" else ())
            + (item.credits if isinstance(item, Article) else ()))


def credit_lines(byline: Byline, measure: float, font: str, composer: Composer) -> list[str]:
    """A credit line broken only between its parts (Byline.parts: 洛报融媒记者
    郭学锋 / 通讯员 文鹏), never inside a name or a role."""
    groups = list(byline.parts or (byline.text,))
    if byline.parenthesized:
        groups[0] = "（" + groups[0]
        groups[-1] += "）"
    # a group wider than the column breaks between its names
    groups = [token for group in groups for token in (
        [group] if composer.width(group, font) <= measure else group.split(" "))]
    lines: list[str] = []
    for group in groups:
        candidate = f"{lines[-1]} {group}" if lines else group
        if lines and composer.width(candidate, font) <= measure:
            lines[-1] = candidate
        else:
            lines.append(group)
    return lines


def caption_style(composer: Composer, body_size: float) -> tuple[str, float, str]:
    """Font, size and alignment of a photo caption: the layout's `caption`
    style when it has one, else the body font a 字号 below the body's size."""
    layout = composer.layout
    if "caption" in layout.styles:
        style = layout.style("caption")
        return style.font, style.size_pt, style.align
    body = layout.style("body")
    return body.font, smaller_size(body_size), body.align


def _paragraph_runs(block: Paragraph, composer: Composer) -> tuple[Run, ...]:
    """The paragraph's runs: its run-in (a dateline, a speaker's label) in the
    dateline's bold, a credit right after a dateline — （董小军 陈琼） — in the
    byline's font, the rest in the body font."""
    body_font = composer.style("body").font
    run_in, credit = block.run_in, block.run_in + block.credit
    runs = (Run(block.text[:run_in], composer.style("dateline").font),
            Run(block.text[run_in:credit], composer.style("byline").font),
            Run(block.text[credit:], body_font))
    return tuple(run for run in runs if run.text) or (Run(block.text, body_font),)


def _subhead(block: Subhead, composer: Composer, violations: list[tuple[Span | None, str]],
             subdiv: int, column_em: float) -> list[FlowLine]:
    role = "subhead1" if block.level == 1 else "subhead2"
    style = composer.style(role)
    measure = column_em * composer.layout.body_size_pt / style.size_pt
    text = block.marker + block.text
    result = composer.paragraph((Run(text, style.font),), measure, 0,
                                "center" if style.align == "center" else "left",
                                "center" if style.align == "center" else "left")
    violations.extend((block.source, v) for v in result.violations)
    pitch = composer.layout.line_pitch_pt
    needed = -(-len(result.lines) * style.size_pt * SET_LINE.height // pitch)
    height = max(style.lines or 2, int(needed) + 1)
    return [FlowLine(height * subdiv, result.lines, role, style.size_pt, block.source, True, True,
                     True, subdiv)]


_SENTENCE = re.compile(r"[^。！？；]*[。！？]")

# A story shorter than this (in characters of its running text) is read
# whole at a glance: a pull quote would only repeat it.
MIN_QUOTED_STORY = 600


def _running_text(item: Article) -> list[tuple[str, int]]:
    """(text, body block index) of the story's running text: paragraphs
    (past their run-in) and hand-broken lines, not captions."""
    out = []
    for index, block in enumerate(item.body):
        if isinstance(block, Paragraph) and block.role != "caption":
            out.append((block.text[block.run_in:], index))
        elif isinstance(block, LineGroup):
            out.extend((line, index) for line in block.lines)
    return out


def pull_quote_sentences(item: Item, count: int = 2, shortest: int = 12,
                         longest: int = 32) -> list[tuple[str, int]]:
    """Sentences worth pulling out as quotes, with the index of the body block
    they come from: a sentence in quotation marks first, else a plain one,
    12–32 characters, from different paragraphs, spread through the text.
    None from a story shorter than MIN_QUOTED_STORY characters."""
    if not isinstance(item, Article) or item.kind in ("brief", "link_box"):
        return []     # a brief is too short to quote; a box quotes nothing
    texts = _running_text(item)
    if sum(len(text) for text, _ in texts) < MIN_QUOTED_STORY:
        return []
    quoted: list[tuple[str, int]] = []
    plain: list[tuple[str, int]] = []
    for text, index in texts:
        if len(text) < 80:      # a short paragraph would read twice in a row
            continue
        # not the opening sentence: the quote would repeat the paragraph's first words
        for sentence in _SENTENCE.findall(text)[1:]:
            sentence = sentence.strip().lstrip("，、")
            inner = sentence.strip("“”")
            if shortest <= len(inner) <= longest:
                (quoted if sentence.startswith("“") else plain).append((inner, index))
    chosen: list[tuple[str, int]] = []
    for sentence, index in quoted + plain:
        if all(abs(index - other) > 1 for _, other in chosen):
            chosen.append((sentence, index))
        if len(chosen) == count:
            break
    return sorted(chosen, key=lambda c: c[1])


def line_units(flow: tuple[FlowLine, ...]) -> int:
    """Sub-units of one body line of the flow (a jump line is one such line,
    so that it keeps the columns' lines level with each other; a pull quote
    takes whole ones)."""
    return next((f.height for f in flow if f.role == "body"), flow[0].subdiv if flow else 1)


def pull_quote_flow(text: str, source: Span | None, composer: Composer, subdiv: int,
                    line: int | None = None) -> FlowLine:
    """A pull quote in one column: kai, larger than the body, between rules.
    Its slot is whole grid lines, and in a body set larger than the grid's
    whole body lines of it too (`line`: the sub-units of one): the column it
    stands in then ends level with the others."""
    style = composer.style("kicker")
    size = min(style.size_pt, composer.layout.body_size_pt * PULL_QUOTE_SCALE)
    measure = int(composer.column_em * composer.layout.body_size_pt / size)
    result = composer.paragraph((Run(text, style.font),), measure, 0, "center", "center")
    pitch = composer.layout.line_pitch_pt
    height = (int(-(-len(result.lines) * size * SET_LINE.height // pitch)) + 2) * subdiv
    line = line or subdiv
    return FlowLine(-(-height // line) * line, result.lines, "pullquote", size, None, True,
                    True, False, subdiv, repeats=(source, text))


def with_pull_quotes(measured: Measured, composer: Composer) -> tuple[tuple[FlowLine, ...], ...]:
    """The body flow without, with one and with two pull quotes, each placed
    near the sentence it repeats but never beside it (columns.quote_positions); a
    quote with no such place is not pulled."""
    variants = [measured.flow]
    placed: list[tuple[int, str, Span | None]] = []
    for sentence, block_index in pull_quote_sentences(measured.item):
        source = measured.item.body[block_index].source
        lines = sentence_lines(measured.flow, source, sentence)
        position = next(quote_positions(measured.flow, lines, [p[0] for p in placed]), None) \
            if lines else None
        if position is not None:
            placed.append((position, sentence, source))
    line = line_units(measured.flow) if measured.flow else measured.subdiv
    for count in range(1, len(placed) + 1):
        flow = list(measured.flow)
        for position, sentence, source in sorted(placed[:count], reverse=True):
            flow.insert(position, pull_quote_flow(sentence, source, composer, measured.subdiv,
                                                  line))
        variants.append(tuple(flow))
    return tuple(variants)
