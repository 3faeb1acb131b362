"""The text roles: every kind of line a page carries, in one table.

A role is what a line is (body text, a rank-2 headline, a running head …).
Layouts give most roles a style; the table says, per role, what a layout may
set for it and whose words its lines carry:

- SOURCE: the issue's own text — every character must reach the page
  (typeset.check counts them);
- REPEAT: the issue's text a second time (pull quotes, a continued story's
  short title) — not counted, or a loss could hide behind it;
- FURNITURE: what typeset or the layout adds (running heads, jump lines,
  fillers, the masthead's fields).

Everything that asks "is this role's text the issue's own?" or "which style
settings does this role honour?" reads this table; nothing lists roles twice.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE, REPEAT, FURNITURE = "source", "repeat", "furniture"

HEADLINE_RANKS = ("headline1", "headline2", "headline3", "headline4")
REQUIRED_FONT_ROLES = ("song", "hei", "kai", "heavy")


@dataclass(frozen=True)
class Role:
    help: str
    text: str                         # SOURCE | REPEAT | FURNITURE
    settings: frozenset[str] = frozenset()   # style settings honoured beyond font and size
    styled: bool = True               # has a style of its own in the layout
    required: bool = True             # a layout must style it (if styled)


def _role(help: str, text: str, *settings: str, required: bool = True) -> Role:
    return Role(help, text, frozenset(settings), True, required)


def _unstyled(help: str, text: str) -> Role:
    return Role(help, text, styled=False)


ROLES: dict[str, Role] = {
    "body": _role("正文", SOURCE, "align", "indent"),
    **{rank: _role(help, SOURCE, "lines", "align") for rank, help in zip(HEADLINE_RANKS, (
        "lead headline (头条主题)", "rank-2 headline", "rank-3 headline",
        "rank-4 headline (briefs)"))},
    "kicker": _role("引题, above the main title", SOURCE, "align"),
    "subtitle": _role("副题, below the main title", SOURCE, "align"),
    "deck": _role("interview deck line (——访…)", SOURCE, "align"),
    "byline": _role("记者 X 通讯员 Y", SOURCE, "align"),
    "dateline": _role("run-in dateline (伊滨讯 3月28日), set at the body size", SOURCE),
    "rubric": _role("栏目名 above a headline; also series labels and banners", SOURCE, "frame"),
    "subhead1": _role("part heading inside a body", SOURCE, "lines", "align"),
    "subhead2": _role("section heading (■…)", SOURCE, "lines", "align"),
    "caption": _role("photo caption (drawn once pictures are placed)", SOURCE, "align",
                     required=False),
    "running_head": _role("报眉 text and the masthead's information lines", FURNITURE),
    "epigraph": _role("报眼 quote box near the masthead", SOURCE, "align", "indent", "leading",
                      "frame"),
    "promo": _role("promo block text (beside its QR code)", SOURCE, "align"),
    "jump": _role("(下转第N版) / (上接第N版) lines", FURNITURE, "align"),
    # Lines set in another role's style:
    "banner": _unstyled("section banner over a group of stories (rubric style)", SOURCE),
    "pullquote": _unstyled("a sentence of the body repeated large (kicker style)", REPEAT),
    "brief_title": _unstyled("a brief's ■ title on lines of its own in a column of briefs "
                             "(dateline style at the body size): kept with its text like a "
                             "subhead", SOURCE),
    "continued_title": _unstyled("a continued story's short title (headline4 style)", REPEAT),
    "filler": _unstyled("a notice from the layout's filler library", FURNITURE),
    "masthead": _unstyled("the paper's name and the masthead's fields", FURNITURE),
    "picture_caption": _unstyled("a picture's caption and credit, as the sidecar gives them "
                                 "(caption style)", FURNITURE),
}

STYLE_ROLES = {name: role for name, role in ROLES.items() if role.styled}
SOURCE_ROLES = frozenset(name for name, role in ROLES.items() if role.text == SOURCE)
