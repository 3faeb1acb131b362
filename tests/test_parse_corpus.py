"""The corpus (../shared/corpus): eight issues of other kinds of papers, each
read as its truth.json says a careful reader sees it.

Items are compared field by field (corpus_truth.py says how the model is put
in truth.json's words); a failure names the file, the item and the field.
"""

import subprocess
import sys
from collections import Counter

import pytest

from typeset.chars import significant
from typeset.model import Paragraph
from typeset.parse import parse_issue

from .corpus_truth import describe, differences, fold, truth
from .paths import CORPUS, ROOT

TRUTH = truth()
FILES = sorted(TRUTH)


@pytest.fixture(scope="module", params=FILES, ids=[f[:3] for f in FILES])
def corpus_file(request):
    name = request.param
    return name, TRUTH[name], parse_issue(CORPUS / name)


def test_items_are_read_as_the_reader_reads_them(corpus_file):
    name, entry, issue = corpus_file
    found = differences(entry["items"], describe(issue))
    assert not found, f"{name}:\n  " + "\n  ".join(found)


def test_paragraphs_cut_at_a_column_break_are_whole_again(corpus_file):
    name, entry, issue = corpus_file
    texts = [fold(b.text) for item in issue.items for story in _stories(item)
             for b in story.body if isinstance(b, Paragraph)]
    for cut in entry["column_break_cuts"]:
        joined = fold(cut["before"] + cut["after"])
        assert any(joined in t for t in texts), f"{name}: cut {cut} not joined"


def test_every_character_of_the_source_is_in_the_model(corpus_file):
    """Every Han character, digit and letter, as often as in the source:
    printed, or taken out on purpose (the old pagination's running heads and
    jump lines, kept in Issue.dropped)."""
    name, entry, issue = corpus_file
    text = (CORPUS / name).read_bytes().decode(entry["encoding"]).lstrip("\ufeff")
    source = Counter(significant(text))
    model = Counter(significant("".join(issue.accounted_text())))
    assert source - model == Counter() and model - source == Counter(), name


def test_paragraphs_keep_the_source_order(corpus_file):
    """A paragraph's words stand in the source in the same order (a paragraph
    joined across the old pagination's jump aside)."""
    name, entry, issue = corpus_file
    text = (CORPUS / name).read_bytes().decode(entry["encoding"]).lstrip("\ufeff")
    source = significant(text.replace("\n", ""))
    for item in issue.items:
        for story in _stories(item):
            joined = {j.block for j in getattr(story, "jumps", ()) if j.joined}
            for n, block in enumerate(story.body):
                if isinstance(block, Paragraph) and n not in joined:
                    assert significant(block.text) in source, f"{name}: {block.source}"


def test_no_rule_was_left_unnamed(corpus_file):
    """Every decision the reader logs names a rule of grammar.RULES."""
    from typeset.parse.grammar import RULES
    name, entry, issue = corpus_file
    assert issue.decisions
    assert {d.rule for d in issue.decisions} <= set(RULES) | {"J2"}


def _stories(item):
    return getattr(item, "items", None) or (item,)


def test_every_issue_of_a_synthetic_archive_is_read(tmp_path):
    """Forty back issues made from the seeds' and corpus's articles, cut and
    shuffled (benchmarks/make_archive.py, seeded): each is read into stories,
    whatever its artefacts (a credit after a byline, inside a banner's group)."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), str(tmp_path),
                    "--issues", "40"], check=True, capture_output=True)
    files = sorted(tmp_path.rglob("*.txt"))
    assert len(files) == 40
    for path in files:
        assert parse_issue(path).items, path
