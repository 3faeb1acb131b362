"""Text clean-up the parser applies to every line before reading structure.

PDF-to-text tools turn full-width punctuation into ASCII (`,:()!?;`) inside
Chinese text. A reader sees full-width marks there, so we restore them — but
only where a Chinese character is next to the mark: numbers, Latin words and
codes (1,000 · 12:30 · f(x) · 3.30 · 60GWh) keep their ASCII punctuation.
Straight quotes " ' in Chinese text become “ ” ‘ ’.
"""

from __future__ import annotations

import re

from ..chars import is_cjk

_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

# Trailing "  " is a Markdown hard break; the line break itself carries it.
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def clean_spaces(line: str) -> str:
    """Tabs, no-break and ideographic spaces and runs of spaces become one space;
    the ends are stripped."""
    return _SPACES.sub(" ", line).strip()


def normalise_punctuation(text: str) -> str:
    chars = list(text)
    n = len(chars)

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < n and chars[j] == " ":
            j += step
        return chars[j] if 0 <= j < n else ""

    # Brackets first, as pairs: （二期） is converted when its content or its
    # outside touches Chinese; f(x) and (1) inside Latin text stay ASCII.
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(chars):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            pairs.append((stack.pop(), i))
    for open_i, close_i in pairs:
        inside = chars[open_i + 1:close_i]
        outside = neighbour(open_i, -1) + neighbour(close_i, +1)
        if any(is_cjk(c) for c in inside) or any(is_cjk(c) for c in outside):
            chars[open_i], chars[close_i] = "（", "）"

    for i, c in enumerate(chars):
        if c in ",:;!?":
            before, after = neighbour(i, -1), neighbour(i, +1)
            if (before and is_cjk(before)) or (after and is_cjk(after)) or (
                    not after and before and not before.isascii()):
                chars[i] = _FULL[c]
    out = _curly_quotes("".join(chars))
    # A full-width mark needs no space beside it: "见精神, 见魄力" → "见精神，见魄力".
    out = re.sub(r" *([，：；！？（）、。“”]) *", _keep_mark, out)
    return out


def _keep_mark(match: re.Match) -> str:
    return match.group(1)


def _curly_quotes(text: str) -> str:
    """Straight quotes in Chinese text become “ ” and ‘ ’, opening and closing
    in turn along the line; an apostrophe in a Latin word (don't) stays."""
    if '"' not in text and "'" not in text or not any(is_cjk(c) for c in text):
        return text
    out, double, single = [], 0, 0
    for i, c in enumerate(text):
        if c == '"':
            out.append("“" if double % 2 == 0 else "”")
            double += 1
        elif c == "'" and not (0 < i < len(text) - 1 and text[i - 1].isascii()
                                and text[i - 1].isalpha() and text[i + 1].isascii()
                                and text[i + 1].isalpha()):
            out.append("‘" if single % 2 == 0 else "’")
            single += 1
        else:
            out.append(c)
    return "".join(out)
