"""Rule 5: headline lines break only between words.

A multi-line headline (roles headline1..4, kicker, subtitle,
continued_title: consecutive lines of one role and story) is read back from
its lines; at each break the text before and after must not be parts of

- a word: the break is a BudouX phrase boundary (phrases are whole words),
  or, where it is not, a word boundary of jieba's segmentation (loaded
  lazily, only for such a break, over the composer's compact dictionary;
  without jieba installed the BudouX phrase is taken as the word);
- a number (3.|5, 2|024, 十|四), or a number and its unit (3.5|亿);
- a bracket pair or a quotation that would fit on a line (（…）, 《…》, “…”);
- a phonetic note: a character and its reading （zhěn） after it.

A break at a space, or where the source itself broke the title into lines,
is between words by definition (the number, bracket and note checks still
hold).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..compose import words
from .units import split_at
from .view import Line, View, plain

BREAK_ROLES = frozenset({"headline1", "headline2", "headline3", "headline4", "kicker",
                         "subtitle", "continued_title", "brief_title"})
PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』",
         "【": "】", "〔": "〕", "〈": "〉", "〖": "〗", "［": "］"}
QUOTES = frozenset("“‘「『")
HAN_NUMERALS = "〇零一二三四五六七八九十百千万亿两"
PHONETIC_NOTE = re.compile(r"^[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê\u3105-\u312f"
                           r"\u02c9\u02ca\u02c7\u02cb\u02d9 ·]+[）)]")


@lru_cache(maxsize=1)
def _budoux():
    import budoux
    return budoux.load_default_simplified_chinese_parser()


def _jieba():
    """jieba's segmenter, as the composer has it (compose.words: its compact
    dictionary, ~10 ms to load where jieba's own loader takes ~0.7 s); None
    when jieba is not installed."""
    try:
        return words.tokenizer()
    except ImportError:
        return None


def _mark(char: str) -> bool:
    return unicodedata.category(char)[0] in "PSZ"


@lru_cache(maxsize=2048)
def _phrase_bounds(text: str) -> frozenset[int]:
    bounds, pos = set(), 0
    for phrase in _budoux().parse(text):
        pos += len(phrase)
        bounds.add(pos)
    return frozenset(bounds)


def _word_at(text: str, k: int) -> str | None:
    """The word a break at k falls inside, or None when k is between words.
    BudouX first; jieba only when BudouX puts no boundary there."""
    if k in _phrase_bounds(text):
        return None
    if _mark(text[k - 1]) or _mark(text[k]):
        return None          # punctuation or a symbol (＋, ︱) parts words
    jieba = _jieba()
    if jieba is None:
        pos = 0
        for phrase in _budoux().parse(text):
            if pos < k < pos + len(phrase):
                return phrase
            pos += len(phrase)
        return None
    # dictionary words only; traditional text through its simplified copy, as composed
    for word, start, end in jieba.tokenize(words.simplified(text), HMM=False):
        if start < k < end:
            return word
    return None


def _open_pair(text: str, k: int) -> tuple[int, int] | None:
    """The innermost bracket pair or quotation open at k: (start, end) with
    end one past its closing mark, or None (also when it never closes)."""
    stack = []
    for i, ch in enumerate(text[:k]):
        if ch in PAIRS:
            stack.append(i)
        elif stack and ch == PAIRS[text[stack[-1]]]:
            stack.pop()
    while stack:
        start = stack.pop()
        close = text.find(PAIRS[text[start]], k)
        if close >= 0:
            return start, close + 1
    return None


def headline_runs(view: View) -> list[list[Line]]:
    runs: list[list[Line]] = []
    for page in view.pages:
        previous = None
        for line in page.lines:
            if line.role in BREAK_ROLES:
                if (previous is not None and previous.role == line.role
                        and previous.story == line.story and line.top > previous.top
                        and line.order == previous.order + 1):
                    runs[-1].append(line)
                else:
                    runs.append([line])
                previous = line
            else:
                previous = None
    return runs


def _source_breaks(view: View, run: list[Line]) -> tuple[set[str], set[str]]:
    """What the source says about the breaks: the plain texts before each
    break it made itself (a title in two source lines), and the texts (spaces
    left out) before each space it has — a headline line ends at a space
    without drawing it."""
    item = view.story_item(run[0].story)
    head = getattr(item, "headline", None)
    if head is None:
        return set(), set()
    role = run[0].role
    parts = (head.kicker if role == "kicker" else head.subtitle if role == "subtitle"
             else head.main[:1] if role == "continued_title" else head.main)
    lines, text = set(), ""
    for part in parts[:-1]:
        text += plain(part)
        lines.add(text)
    spaces, text = set(), ""
    for part in parts:
        words = " ".join(part.split()).split(" ")
        for word in words[:-1]:
            text += word
            spaces.add(text)
        text += words[-1]
    return lines, spaces


def check_headline_breaks(view: View):
    for run in headline_runs(view):
        if len(run) < 2:
            continue
        texts = [line.text for line in run]
        joined = "".join(t.strip() for t in texts)
        source, spaces = _source_breaks(view, run)
        k = 0
        for i in range(len(run) - 1):
            before, after = texts[i], texts[i + 1]
            k += len(before.strip())
            a, b = joined[:k], joined[k:]
            where = f"{a[-6:]}|{b[:6]}"
            spaced = (before != before.rstrip() or after != after.lstrip()
                      or a.replace(" ", "") in spaces)
            problem = None
            split = split_at(joined, k)
            if split:
                problem = f"splitting {split}"
            elif re.search(f"[{HAN_NUMERALS}]$", a) and re.match(f"[{HAN_NUMERALS}]", b):
                problem = "inside a number"
            elif PHONETIC_NOTE.match(b):
                problem = "between a character and its phonetic note"
            else:
                pair = _open_pair(joined, k)
                longest = max(len(t.strip()) for t in texts)
                if pair and pair[1] - pair[0] <= longest:
                    what = "a quotation" if joined[pair[0]] in QUOTES else "a bracket pair"
                    problem = f"inside {what} {joined[pair[0]:pair[1]]}"
                elif not spaced and plain(a) not in source:
                    word = _word_at(joined, k)
                    if word is not None:
                        problem = f"inside the word {word}"
            if problem:
                yield view.at(run[i + 1], f"{run[0].role} “{joined[:20]}” breaks {problem} "
                                          f"({where})")
