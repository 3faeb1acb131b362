"""The model as a reader-facing outline and as JSON (`typeset parse`)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..model import (Article, Banner, Continuation, Issue, LineGroup, Paragraph, Promo,
                     Subhead)
from .grammar import RULES
from .masthead import describe


def issue_to_json(issue: Issue) -> dict:
    def convert(value):
        if dataclasses.is_dataclass(value):
            out = {"type": type(value).__name__}
            for f in dataclasses.fields(value):
                if f.name == "diagnostics":
                    continue
                out[f.name] = convert(getattr(value, f.name))
            if isinstance(value, Article):
                out["dateline"] = value.dateline
            return out
        if isinstance(value, (tuple, list)):
            return [convert(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    data = convert(issue)
    data["diagnostics"] = [str(d) for d in issue.diagnostics]
    return data


def outline(issue: Issue) -> str:
    """The issue as a reader's outline, with source lines; every decision the
    reader made is listed under the element it made, with its rule."""
    why: dict[int, list] = {}
    for decision in issue.decisions:
        why.setdefault(decision.line, []).append(decision)
    out = [f"{issue.source}"]
    out.extend(describe(issue.masthead))
    if issue.epigraph:
        e = issue.epigraph
        out.append(f"epigraph  {_short(e.text)}  {e.attribution}  [{e.source}]")
    for number, item in enumerate(issue.items, 1):
        out.extend(_item(item, f"{number}."))
    for dropped in issue.dropped:
        out.append(f"not printed again ({dropped.reason}): {dropped.text}  [{dropped.source}]")
    out.append("")
    out.append("why, line by line:")
    for line in sorted(why):
        for d in why[line]:
            out.append(f"  {line:>5}  {d.rule:<4} {d.what}  — {RULES.get(d.rule, '')}")
    return "\n".join(out)


def _item(item, label: str, indent: str = "") -> list[str]:
    if isinstance(item, Banner):
        name = "column of briefs" if item.kind == "briefs" else "banner"
        lines = [f"{indent}{label} {name}  {item.title}  [{item.source}]"]
        for k, article in enumerate(item.items, 1):
            lines += _item(article, f"{label}{k}", indent + "   ")
        return lines
    if isinstance(item, Promo):
        return [f"{indent}{label} promo  {' / '.join(item.lines)}  [{item.source}]"]
    lines = []
    h = item.headline
    if isinstance(item, Continuation):
        lines.append(f"{indent}{label} continuation from page {item.from_page} (its origin is not in "
                     f"the file){'  ' + ' / '.join(h.main) if h else ''}  [{item.source}]")
    else:
        lines.append(f"{indent}{label} {item.kind}  {' / '.join(h.main) or '(untitled)'}  [{item.source}]")
    if h:
        for name, value in (("rubric", h.rubric), ("series", h.series),
                            ("kicker", " / ".join(h.kicker)), ("subtitle", " / ".join(h.subtitle)),
                            ("deck", " / ".join(h.deck))):
            if value:
                lines.append(f"{indent}     {name}: {value}")
    if isinstance(item, Article) and item.dateline:
        lines.append(f"{indent}     dateline: {item.dateline}")
    if item.byline and item.byline.position != "end":
        lines.append(f"{indent}     byline: {item.byline.text} ({item.byline.position})")
    starts = {j.block: j for j in getattr(item, "jumps", ())}
    for n, block in enumerate(item.body):
        if n in starts:
            j = starts[n]
            lines.append(f"{indent}     — the source continued it on page {j.to_page} "
                         f"(read back from line {j.source.first_line}) —")
        lines.append(f"{indent}     {_block(block)}")
    if item.byline and item.byline.position == "end":
        lines.append(f"{indent}     byline: {item.byline.text}")
    if item.jump_to_page is not None:
        lines.append(f"{indent}     jumps to page {item.jump_to_page}, not in the file: its line is kept")
    return lines


_ROLE_MARK = {"body": "¶", "item": "•", "turn": "?", "caption": "▣"}


def _block(block) -> str:
    if isinstance(block, Subhead):
        return f"{'#' * (block.level + 1)} {block.marker}{block.text}  [{block.source}]"
    if isinstance(block, LineGroup):
        return f"lines×{len(block.lines)}  {_short(block.lines[0])}  [{block.source}]"
    assert isinstance(block, Paragraph)
    mark = _ROLE_MARK[block.role] if block.role != "turn" else block.text[:block.run_in]
    return f"{mark} {_short(block.text)}  [{block.source}]"


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
