"""The model as a reader-facing outline and as JSON (`typeset parse`)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..model import (Article, Banner, Continuation, Issue, LineGroup, Paragraph, Promo,
                    Subhead)


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
    m = issue.masthead
    out = [f"{issue.source}"]
    out.append(f"masthead  {m.paper_name or '?'} · {m.date.isoformat() if m.date else '?'}"
               f" {m.weekday or ''} · 第{m.issue_number or '?'}期 · 总第{m.total_issue_number or '?'}期"
               f" · {m.lunar_date or '?'}")
    for label, value in (("licence", m.licence), ("approval", m.approval), ("sponsor", m.sponsor),
                         ("publisher", m.publisher), ("note", m.note)):
        if value:
            out.append(f"          {label}: {value}")
    if m.missing:
        out.append(f"          missing: {', '.join(m.missing)}")
    if issue.epigraph:
        e = issue.epigraph
        out.append(f"epigraph  {_short(e.text)}  {e.attribution}  [{e.source}]")
    for number, item in enumerate(issue.items, 1):
        out.extend(_item(item, f"{number}."))
    return "\n".join(out)


def _item(item, label: str, indent: str = "") -> list[str]:
    if isinstance(item, Banner):
        lines = [f"{indent}{label} banner  {item.title}  [{item.source}]"]
        for k, article in enumerate(item.items, 1):
            lines += _item(article, f"{label}{k}", indent + "   ")
        return lines
    if isinstance(item, Promo):
        return [f"{indent}{label} promo  {' / '.join(item.lines)}  [{item.source}]"]
    lines = []
    h = item.headline
    if isinstance(item, Continuation):
        lines.append(f"{indent}{label} continuation from page {item.from_page}"
                     f"{'  ' + ' / '.join(h.main) if h else ''}  [{item.source}]")
    else:
        lines.append(f"{indent}{label} {item.kind}  {' / '.join(h.main) or '(untitled)'}  [{item.source}]")
    if h:
        for name, value in (("rubric", h.rubric), ("series", h.series),
                            ("kicker", " / ".join(h.kicker)), ("subtitle", " / ".join(h.subtitle))):
            if value:
                lines.append(f"{indent}     {name}: {value}")
    if isinstance(item, Article) and item.dateline:
        lines.append(f"{indent}     dateline: {item.dateline}")
    for block in item.body:
        lines.append(f"{indent}     {_block(block)}")
    if item.byline:
        lines.append(f"{indent}     byline: {item.byline.text} ({item.byline.position})")
    return lines


def _block(block) -> str:
    if isinstance(block, Subhead):
        return f"{'#' * (block.level + 1)} {block.marker}{block.text}  [{block.source}]"
    if isinstance(block, LineGroup):
        return f"lines×{len(block.lines)}  {_short(block.lines[0])}  [{block.source}]"
    assert isinstance(block, Paragraph)
    return f"¶ {_short(block.text)}  [{block.source}]"


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
