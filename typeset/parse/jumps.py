"""Jump lines already in the source belong to its old pagination.

A story the source continued on another page — its （下转第3版） and, further
on in the same file, the part that opens （上接第1版） — is one story: the
parts are read back into one article, the cut sentence joined again, and the
printed jump texts taken out of the text (the layout prints its own). Each
join is kept in `Article.jumps`, each text taken out in `Issue.dropped`.

A part whose other half is not in the file keeps its printed line: a
`Continuation` whose origin is missing, an article whose jump leads off the
file (`jump_to_page`).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, Continuation, Dropped, Item, Paragraph, PrintedJump, Span
from .evidence import ends_open, jump_out
from .grammar import Decision


def rejoin(items: tuple[Item, ...], pages: tuple[tuple[int, int | None], ...]
           ) -> tuple[tuple[Item, ...], tuple[Dropped, ...], tuple[Decision, ...]]:
    page_of = dict(pages)
    out: list[Item] = []
    open_jumps: list[tuple[int, int, int | None]] = []   # (index in out, to page, from page)
    dropped: list[Dropped] = []
    decisions: list[Decision] = []
    for k, item in enumerate(items):
        page = page_of.get(k)
        if isinstance(item, Continuation):
            match = next((j for j in open_jumps
                          if (j[2] is None or j[2] == item.from_page)
                          and (page is None or j[1] == page)
                          and _may_join(out[j[0]], item)), None)
            if match is not None:
                open_jumps.remove(match)
                origin = out[match[0]]
                out[match[0]], gone = _joined(origin, item, match[1])
                dropped.extend(gone)
                decisions.append(Decision(item.source.first_line, "J2",
                                          f"the part continued from page {item.from_page} is "
                                          f"read back into the story at line "
                                          f"{origin.source.first_line}"))
                if item.jump_to_page is not None:
                    open_jumps.append((match[0], item.jump_to_page, page))
                continue
        out.append(item)
        if isinstance(item, (Article, Continuation)) and item.jump_to_page is not None:
            open_jumps.append((len(out) - 1, item.jump_to_page, page))
    return tuple(out), tuple(dropped), tuple(decisions)


def _may_join(origin: Article | Continuation, part: Continuation) -> bool:
    """A story that printed its closing byline before the jump is complete,
    and one story has one byline: such parts are not one story."""
    if origin.byline is not None and origin.byline.position == "end":
        return False
    return origin.byline is None or part.byline is None


def _joined(origin: Article | Continuation, part: Continuation, to_page: int
            ) -> tuple[Article | Continuation, list[Dropped]]:
    file = origin.source.file
    body = list(origin.body)
    dropped: list[Dropped] = []
    # the origin's jump line, at its last paragraph's end
    for n in range(len(body) - 1, -1, -1):
        block = body[n]
        if isinstance(block, Paragraph) and (found := jump_out(block.text)):
            body[n] = replace(block, text=block.text[: -len(found[1])])
            dropped.append(Dropped(found[1], Span(file, block.source.last_line,
                                                  block.source.last_line), "jump line"))
            break
    if part.headline is not None:
        for text in part.headline.printed_text():
            dropped.append(Dropped(text, part.headline.source, "repeated title"))
    dropped.append(Dropped(part.marker, Span(file, part.source.first_line,
                                             part.source.first_line), "jump line"))
    rest = list(part.body)
    joined = bool(body and rest and isinstance(body[-1], Paragraph) and body[-1].role == "body"
                  and isinstance(rest[0], Paragraph) and rest[0].role == "body"
                  and ends_open(body[-1].text))
    at = len(body) - 1 if joined else len(body)
    if joined:
        head, tail = body[-1], rest.pop(0)
        body[-1] = replace(head, text=head.text + tail.text,
                           source=Span(file, head.source.first_line, tail.source.last_line))
    body.extend(rest)
    jump = PrintedJump(to_page, part.from_page, at, joined, part.source, part.headline)
    fields = dict(body=tuple(body), source=Span(file, origin.source.first_line,
                                                part.source.last_line),
                  jump_to_page=part.jump_to_page)
    if isinstance(origin, Article):
        fields["jumps"] = origin.jumps + (jump,)
    if part.byline is not None:
        fields["byline"] = part.byline
    return replace(origin, **fields), dropped
