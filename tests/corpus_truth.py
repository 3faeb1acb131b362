"""The model, described in the vocabulary of ../shared/corpus/truth.json.

`describe(issue)` gives the items a careful reader lists for an issue: the
source's own pagination as printed (a story read back from its jumps is shown
as its parts again, each where the file has it), and each item's fields as
the corpus README defines them. `differences(truth, described)` lists every
field that differs, with half- and full-width punctuation folded and spaces
and hard breaks ignored.
"""

from __future__ import annotations

import json
import re

from typeset.model import (Article, Banner, Continuation, Issue, LineGroup, Paragraph, Promo,
                           Subhead)

from .paths import CORPUS

FIELDS = ("kind", "rubric", "kicker", "title", "subtitle", "deck", "dateline", "byline",
          "subheads", "paragraphs", "jump_to_page", "continued_from_page")
# fields only some truth items carry: compared where the truth gives them
OPTIONAL = ("photo_captions", "lists", "qa_labels", "turns", "sub_items")

_FOLD = str.maketrans("（）：，！？；．　", "():,!?;. ")


def fold(value):
    if isinstance(value, str):
        return re.sub(r"\s+", "", value.translate(_FOLD))
    if isinstance(value, list):
        return [fold(v) for v in value]
    if isinstance(value, dict):
        return {k: fold(v) for k, v in value.items()}
    return value


def truth() -> dict[str, dict]:
    return {entry["file"]: entry for entry in json.loads((CORPUS / "truth.json").read_text("utf-8"))}


def describe(issue: Issue) -> list[dict]:
    out: list[tuple[int, dict]] = []
    if issue.epigraph is not None:
        out.append((issue.epigraph.source.first_line,
                    _blank(kind="epigraph", byline=issue.epigraph.attribution, paragraphs=1)))
    for item in issue.items:
        out.extend(_parts(item))
    out.sort(key=lambda pair: pair[0])
    return [entry for _, entry in out]


def _blank(**fields) -> dict:
    entry = {name: None for name in FIELDS}
    entry.update(subheads=[], title=[], paragraphs=0)
    entry.update(fields)
    return entry


def _parts(item) -> list[tuple[int, dict]]:
    if isinstance(item, Banner):
        children = [entry for child in item.items for _, entry in _parts(child)]
        kind = "brief" if item.kind == "briefs" else "banner"
        return [(item.source.first_line, _blank(kind=kind, title=[item.title], children=children))]
    if isinstance(item, Promo):
        return [(item.source.first_line, _blank(kind="promo", paragraphs=len(item.lines)))]
    if isinstance(item, Continuation):
        entry = _story(item, item.body, "continuation")
        entry["continued_from_page"] = item.from_page
        return [(item.source.first_line, entry)]
    # an article read back from the source's jumps: its parts as printed
    cuts = [0] + [j.block for j in item.jumps] + [len(item.body)]
    parts = []
    for n, jump in enumerate((None,) + item.jumps):
        start, end = cuts[n], cuts[n + 1] + (1 if n + 1 < len(cuts) - 1
                                              and item.jumps[n].joined else 0)
        body = item.body[start:end]
        if jump is None:
            entry = _story(item, body, item.kind)
            line = item.source.first_line
        else:
            entry = _story(item, body, "continuation", head=False)
            entry["continued_from_page"] = jump.from_page
            entry["title"] = list(jump.title.main) if jump.title else []
            line = jump.source.first_line
        later = item.jumps[n] if n < len(item.jumps) else None
        entry["jump_to_page"] = later.to_page if later else item.jump_to_page
        parts.append((line, entry))
    return parts


def _story(item, body, kind: str, head: bool = True) -> dict:
    h = item.headline
    entry = _blank(kind=kind)
    if h is not None and head:
        entry.update(rubric=h.rubric or (h.series if kind == "commentary" else None),
                     kicker="".join(h.kicker) or None, title=list(h.main),
                     subtitle="".join(h.subtitle) or None, deck="".join(h.deck) or None)
    if item.byline is not None and head:
        b = item.byline
        entry["byline"] = f"（{b.text}）" if b.parenthesized else b.text
    paragraphs = [b for b in body if isinstance(b, Paragraph)]
    texts = [b for b in paragraphs if b.role in ("body", "turn")]
    if head and isinstance(item, Article):
        entry["dateline"] = item.dateline
    entry["subheads"] = [b.marker + b.text for b in body if isinstance(b, Subhead)]
    entry["paragraphs"] = len(texts) + sum(1 for b in body if isinstance(b, LineGroup))
    entry["jump_to_page"] = item.jump_to_page
    entry["photo_captions"] = [b.text for b in paragraphs if b.role == "caption"]
    lists, run = [], 0
    for b in list(body) + [None]:
        if isinstance(b, Paragraph) and b.role == "item":
            run += 1
        elif run:
            lists.append({"items": run})
            run = 0
    entry["lists"] = lists
    speakers = list(dict.fromkeys(b.text[:b.run_in - 1] for b in paragraphs if b.role == "turn"))
    entry["qa_labels"] = speakers
    entry["turns"] = sum(len(re.findall("(?:^|(?<=[。！？]))(?:" + "|".join(speakers) + ")：", b.text))
                         for b in paragraphs if b.role == "turn") if speakers else 0
    entry["sub_items"] = [
        {"dateline": b.text[:b.run_in],
         "byline": b.text[b.run_in:b.run_in + b.credit].strip() or None}
        for b in texts[1:] if b.run_in and b.role == "body"]
    return entry


def differences(expected: list[dict], found: list[dict], where: str = "") -> list[str]:
    out = []
    for n in range(max(len(expected), len(found))):
        label = f"{where}item {n + 1}"
        if n >= len(expected):
            out.append(f"{label}: extra {found[n]['kind']} {found[n]['title']}")
            continue
        if n >= len(found):
            out.append(f"{label}: missing {expected[n]['kind']} {expected[n]['title']}")
            continue
        want, got = expected[n], found[n]
        for name in FIELDS + tuple(k for k in OPTIONAL if k in want):
            a, b = fold(want.get(name)), fold(got.get(name))
            if name == "subheads" or name == "title":
                a, b = a or [], b or []
            if a != b:
                out.append(f"{label} {name}: want {want.get(name)!r}, got {got.get(name)!r}")
        if want.get("children") or got.get("children"):
            out.extend(differences(want.get("children") or [], got.get("children") or [],
                                   label + "."))
    return out
