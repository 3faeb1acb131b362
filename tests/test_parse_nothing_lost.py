"""Nothing is lost: every Han character, digit and Latin letter of the source
is in the model exactly as often, and in the same order (markup aside)."""

import random
from collections import Counter

import pytest

from typeset.parse import parse_issue
from typeset.chars import is_han

from .conftest import SEED_000, SEED_004


def _significant(text: str) -> str:
    return "".join(c for c in text if is_han(c) or c.isascii() and c.isalnum())


@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=["000", "004"])
def test_every_han_digit_and_letter_survives_in_order(seed):
    issue = parse_issue(seed)
    source = _significant(seed.read_text(encoding="utf-8"))
    model = _significant("".join(issue.printed_text()))
    assert Counter(model) == Counter(source)
    # The masthead's fields are placed by the layout's template, not in source
    # order; everything after it keeps the source's reading order.
    masthead = _significant("".join(issue.masthead.printed_text()))
    model = model[len(masthead):]
    source = source[len(masthead):]
    # The other reordering: a series label the extractor put after its
    # commentary is printed over the commentary's headline.
    for article in issue.articles():
        if article.headline.series:
            label = _significant(article.headline.series)
            model, source = model.replace(label, "", 1), source.replace(label, "", 1)
    assert model == source


def _shuffled_issue(tmp_path, seed: int):
    """Unseen text in the seed format: the seeds' paragraphs recombined."""
    rng = random.Random(seed)
    paragraphs = [p for s in (SEED_000, SEED_004)
                  for p in s.read_text(encoding="utf-8").split("\n\n")
                  if p.strip() and not p.startswith("#")]
    rng.shuffle(paragraphs)
    parts = []
    for k in range(0, 40, 5):
        parts.append(f"## 标题{k}号新闻稿件")
        parts.extend(paragraphs[k:k + 5])
        if rng.random() < 0.6:
            parts.append("(记者 王小明)")
    path = tmp_path / f"unseen{seed}.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", range(5))
def test_unseen_text_parses_without_loss(tmp_path, seed):
    path = _shuffled_issue(tmp_path, seed)
    issue = parse_issue(path)
    source = _significant(path.read_text(encoding="utf-8"))
    assert _significant("".join(issue.printed_text())) == source
    assert len(list(issue.articles())) >= 1


BANNERED = {
    "a banner over a story with no body, then another story":
        "## 专题栏目\n\n### 第一篇报道标题\n\n## 另一篇\n\n正文内容在这里，说明情况。\n",
    "a banner over a story with no body at the end of the file":
        "## 专题栏目\n\n### 第一篇报道标题\n",
    "a banner over two bodiless stories":
        "## 专题栏目\n\n### 第一篇\n\n### 第二篇\n",
    "a banner whose stories have bodies":
        "## 专题栏目\n\n### 第一篇\n\n正文一，说明。\n\n### 第二篇\n\n正文二，说明。\n",
}


@pytest.mark.parametrize("text", BANNERED.values(), ids=list(BANNERED))
def test_a_banner_keeps_its_title_and_its_stories_in_reading_order(tmp_path, text):
    path = tmp_path / "issue.txt"
    path.write_text(text, encoding="utf-8")
    issue = parse_issue(path)
    assert _significant("".join(issue.printed_text())) == _significant(text)
