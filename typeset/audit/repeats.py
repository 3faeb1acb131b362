"""Rule 3: nothing repeated — no filler, house ad or pull quote twice in an
issue, and a pull quote never next to the sentence it repeats.

A filler (role "filler": the library's notices and house ads) or a pull
quote (role "pullquote") is the run of its lines one after another in the
page's drawing order; two are the same when they read the same (Han
characters, digits and letters). A pull quote stands next to its sentence
when fewer than QUOTE_GAP lines of other text part them in the story's
reading order, or when it stands beside a line of it in the neighbouring
column (their lines overlap in height).
"""

from __future__ import annotations

from .view import Line, View, plain

QUOTE_GAP = 2       # lines of other text at least between a pull quote and its sentence


def _runs(view: View, role: str) -> list[list[Line]]:
    """Consecutive lines of `role` (in drawing order, same story) as one piece each."""
    runs: list[list[Line]] = []
    for page in view.pages:
        previous = None
        for line in page.lines:
            if line.role == role:
                if (previous is not None and previous.role == role and runs
                        and runs[-1][-1] is previous and previous.story == line.story
                        and line.order == previous.order + 1):
                    runs[-1].append(line)
                else:
                    runs.append([line])
            previous = line
    return runs


def check_repeats(view: View):
    for role, what in (("filler", "filler"), ("pullquote", "pull quote")):
        seen: dict[str, Line] = {}
        for run in _runs(view, role):
            text = plain("".join(line.text for line in run))
            if not text:
                continue
            first = seen.get(text)
            if first is None:
                seen[text] = run[0]
            else:
                yield view.at(run[0], f"the {what} “{text[:16]}” printed twice (first on page "
                                      f"{first.page})")
    yield from _quotes_beside_their_sentence(view)


def _quotes_beside_their_sentence(view: View):
    quotes = _runs(view, "pullquote")
    if not quotes:
        return
    # each story's body lines in reading order (drawing order), with their text
    flows: dict[str | None, list[Line]] = {}
    for line in view.all_lines():
        if line.role in ("body", "pullquote"):
            flows.setdefault(line.story, []).append(line)
    for run in quotes:
        sentence = plain("".join(line.text for line in run))
        flow = flows.get(run[0].story, [])
        body = [line for line in flow if line.role == "body"]
        starts, text = [], ""
        for line in body:
            starts.append(len(text))
            text += plain(line.text)
        at = text.find(sentence)
        if not sentence or at < 0:
            continue
        first = max(k for k, s in enumerate(starts) if s <= at)
        last = max(k for k, s in enumerate(starts) if s < at + len(sentence))
        carrying = body[first:last + 1]
        # reading-order distance: body lines between the quote and the sentence
        position = sum(1 for line in flow[:flow.index(run[0])] if line.role == "body")
        gap = first - position if position <= first else position - 1 - last
        beside = [line for line in carrying if line.page == run[0].page
                  and line.module is run[0].module and abs(line.column - run[0].column) == 1
                  and line.top < run[-1].bottom and line.bottom > run[0].top]
        if gap < QUOTE_GAP:
            yield view.at(run[0], f"the pull quote “{sentence[:16]}” stands {gap} line(s) "
                                  "from the sentence it repeats")
        elif beside:
            yield view.at(run[0], f"the pull quote “{sentence[:16]}” stands beside the sentence "
                                  f"it repeats (column {beside[0].column})")
