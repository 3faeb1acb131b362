"""Rule 2: jumps pair.

Read from the frames: the jump lines (role "jump": （下转第N版）, （上接第N版）),
the continued parts' short titles (role "continued_title") and each
story's body lines, page by page.

- every （下转第N版） on page p has its （上接第p版） of the same story on page
  N > p, and every （上接第p版） on page N its （下转第N版） on page p;
- a story printed on more than one page carries them: a 下转 on every part
  but the last, a 上接 and a short repeated title on every part but the
  first;
- at least MIN_BODY_LINES body lines on each side of a jump.

A continuation the source printed whose origin is not in the file (its
marker （上接01版） run into its first body line, not a jump line) is exempt
from pairing, but it must point back: a run-in （上接第N版） on page N or
before is a finding (the reading drops such markers, rule R3).
"""

from __future__ import annotations

import re

from .view import View

MIN_BODY_LINES = 5
TO = re.compile(r"^[（(]下转第?\s*(\d+)\s*版[）)]$")
RUN_IN = re.compile(r"^[（(]上接第?\s*(\d+)\s*版[）)]")      # at the head of a line
FROM = re.compile(RUN_IN.pattern + "$")                          # a line of its own


def check_jumps(view: View):
    # story → page → what it carries there
    parts: dict[str, dict[int, dict]] = {}
    for line in view.all_lines():
        if line.story is None:
            continue
        part = parts.setdefault(line.story, {}).setdefault(
            line.page, {"to": [], "from": [], "title": [], "body": 0, "first": None})
        if part["first"] is None:
            part["first"] = line
        if line.role == "jump":
            text = line.text.strip()
            to, back = TO.match(text), FROM.match(text)
            if to:
                part["to"].append((int(to.group(1)), line))
            elif back:
                part["from"].append((int(back.group(1)), line))
            else:
                yield view.at(line, f"a jump line that says neither 下转 nor 上接: “{text}”")
        elif line.role == "continued_title":
            part["title"].append(line)
        elif line.role == "body":
            run_in = None if part["body"] or part["from"] else RUN_IN.match(line.text.strip())
            if run_in and int(run_in.group(1)) >= line.page:
                yield view.at(line, f"{run_in.group(0)} run in on page {line.page} continues "
                                    "from a page not before it")
            part["body"] += 1
    for story, pages in parts.items():
        for page, part in pages.items():
            for target, line in part["to"]:
                there = pages.get(target)
                if target <= page:
                    yield view.at(line, f"（下转第{target}版） on page {page} jumps back")
                elif there is None or not any(p == page for p, _ in there["from"]):
                    yield view.at(line, f"（下转第{target}版） has no （上接第{page}版） of "
                                        f"{story} on page {target}")
                elif part["body"] < MIN_BODY_LINES or there["body"] < MIN_BODY_LINES:
                    yield view.at(line, f"a jump with {part['body']} body line(s) before it "
                                        f"and {there['body']} after it, under "
                                        f"{MIN_BODY_LINES} on a side")
            for origin, line in part["from"]:
                there = pages.get(origin)
                if origin >= page:
                    yield view.at(line, f"（上接第{origin}版） on page {page} continues from "
                                        "a later page")
                elif there is None or not any(p == page for p, _ in there["to"]):
                    yield view.at(line, f"（上接第{origin}版） has no （下转第{page}版） of "
                                        f"{story} on page {origin}")
        drawn = sorted(page for page, part in pages.items() if part["body"])
        for before, after in zip(drawn, drawn[1:]):
            a, b = pages[before], pages[after]
            if not a["to"]:
                yield view.at(a["first"], f"{story} goes on on page {after} with no "
                                          f"（下转第{after}版） on page {before}")
            if not b["from"]:
                yield view.at(b["first"], f"{story} continues from page {before} with no "
                                          f"（上接第{before}版）")
            if not b["title"]:
                yield view.at(b["first"], f"{story} continues from page {before} with no "
                                          "short repeated title")
