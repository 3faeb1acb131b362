"""The rules for internal serial publications (连续性内部资料), on a PDF's text.

By ../shared/reference/newspaper.md: such a paper prints its full licence
number (准印证号: …审连00018号, 京内资准字1911-L0381号) and 内部资料 免费交流
on its front page, and its issue number; it may not call itself a paper with
a 刊号 (CN 41-0001), nor use 本报 or 记者 in its text.

A PDF says nothing of its paper's kind, so the kind is either given
(`kind="internal" | "public"`: from the paper's masthead, a paper file, staff)
or read off page 1 as the masthead parser reads it (parse/masthead.py
`paper_kind`): a licence number or 内部资料 makes the paper internal; a CN 刊号,
an ISSN or a 邮发代号 public; else nothing says, and no rule applies.

The text is poppler's `pdftotext -raw`, in the content streams' order (ours
draw lines in reading order; its default layout order interleaves columns:
组织永嘉电视台记者 came out as 组台记者…织永嘉). Page 1 is read first; the
other pages only for an internal paper. Matching ignores white space, which
pdftotext puts between Han characters and digits (审连 00018 号) and at line
ends.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from ..publication import LICENCE_LABEL, LICENCE_STEM
from . import ERROR, WARNING

KINDS = ("internal", "public")

# A licence number: a labelled one (内部资料准印证号：豫内字…), or one that names
# itself (…审连00018号, 京内资准字1911-L0381号, （豫）内资准字（2019）第12号): the
# pieces the masthead parser reads it by (typeset/publication.py).
LICENCE = re.compile(
    rf"(?:{LICENCE_LABEL})[:：]?[^，；。■]{{0,24}}?\d"
    rf"|(?:{LICENCE_STEM})[^，；。：:■]{{0,20}}?\d[^，；。：:■]{{0,12}}?号")
NOTICE = re.compile(r"内部资料[■●·|｜、，]?免费交流")
INTERNAL_SIGN = re.compile(r"内部资料")
CN_NUMBER = re.compile(r"CN\d{2}[-－]\d{4}(?:/[A-Z]{1,2}\d{0,3})?|(?:国内统一|统一)刊号")
PUBLIC_SIGN = re.compile(r"CN\d{2}[-－]\d{4}|ISSN\d{4}-\d{3}[\dX]|邮发代号")
ISSUE_NUMBER = re.compile(r"第\d+期")
REPORTER = re.compile(r"记者")
# 本报 is the paper calling itself 报; not where 本 ends another word (日本报道,
# 成本报价, 资本报表) nor in 本报告 (this report), which are not the paper.
OWN_PAPER = re.compile(r"(?<![日基资成根样版剧课书账文原脚标范读副血老])本报(?!告)")


@dataclass(frozen=True)
class PageTexts:
    pages: tuple[str, ...]     # each page's text with white space removed
    problem: str | None = None  # why no text could be read


def page_texts(path, first: int = 1, last: int | None = None) -> PageTexts:
    """The text of pages `first` to `last` (None: the last page), white space
    removed (see the module docstring)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return PageTexts((), "pdftotext (poppler-utils, scripts/setup.sh) is not installed")
    span = ["-f", str(first)] + (["-l", str(last)] if last is not None else [])
    try:
        run = subprocess.run([tool, "-q", "-raw", "-enc", "UTF-8", *span, str(path), "-"],
                             capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PageTexts((), f"pdftotext failed: {exc}")
    if run.returncode != 0:
        return PageTexts((), f"pdftotext failed (exit {run.returncode})")
    text = run.stdout.decode("utf-8", "replace")
    pages = text.split("\f")
    if pages and not pages[-1].strip():       # pdftotext ends every page with a form feed
        pages.pop()
    return PageTexts(tuple(re.sub(r"\s+", "", page) for page in pages))


def kind_from_front_page(text: str) -> tuple[str | None, str]:
    """(kind, the words it was read from) for a page-1 text without white space."""
    internal = LICENCE.search(text) or INTERNAL_SIGN.search(text)
    if internal:
        return "internal", internal.group(0)
    public = PUBLIC_SIGN.search(text)
    if public:
        return "public", public.group(0)
    return None, ""


def check_pdf_text(path, report, kind: str | None = None) -> None:
    """The internal-publication rules on the PDF at `path` (check_internal):
    page 1's text first, the other pages' only for an internal paper (a
    pdftotext run costs ~0.1 s a page of newsprint)."""
    front = page_texts(path, 1, 1)
    if front.problem is None and report.pages > 1:
        known = kind if kind is not None else kind_from_front_page(
            front.pages[0] if front.pages else "")[0]
        if known == "internal":
            rest = page_texts(path, 2)
            front = (PageTexts(front.pages[:1] + rest.pages) if rest.problem is None else rest)
    check_internal(front, report, kind)


def check_internal(texts: PageTexts, report, kind: str | None = None) -> None:
    """Add the internal-publication findings to `report` (a preflight Report,
    whose `kind` and `kind_from` it sets) for the pages' `texts`, page 1
    first. `kind` None: read off page 1."""
    if texts.problem:
        report.add(WARNING, "text.unread", f"the page text was not read ({texts.problem}): "
                                           "the internal-publication rules were not checked")
        report.kind, report.kind_from = kind, "given" if kind else None
        return
    front = texts.pages[0] if texts.pages else ""
    if kind is None:
        kind, words = kind_from_front_page(front)
        report.kind_from = f"page 1: {words}" if kind else None
    else:
        report.kind_from = "given"
    report.kind = kind
    if kind != "internal":
        return
    if not LICENCE.search(front):
        report.add(ERROR, "internal.licence", "an internal publication without its licence number "
                                              "(准印证号) on page 1", 1)
    if not NOTICE.search(front):
        report.add(ERROR, "internal.notice", "an internal publication without 内部资料 免费交流 "
                                             "on page 1", 1)
    if not ISSUE_NUMBER.search(front):
        report.add(ERROR, "internal.issue", "an internal publication without its issue number "
                                            "(第N期) on page 1", 1)
    for n, text in enumerate(texts.pages, 1):
        for code, pattern, what in (
                ("internal.own_paper", OWN_PAPER, "本报: an internal publication may not call "
                                                  "itself a paper (报)"),
                ("internal.reporter", REPORTER, "记者: an internal publication has no reporters"),
                ("internal.cn_number", CN_NUMBER, "a 刊号: an internal publication has none")):
            found = list(pattern.finditer(text))
            if found:
                first = found[0]
                context = text[max(0, first.start() - 8):first.end() + 8]
                times = f" ({len(found)} times)" if len(found) > 1 else ""
                report.add(WARNING, code, f"{what}{times}: “…{context}…”", n)


__all__ = ["KINDS", "PageTexts", "page_texts", "kind_from_front_page", "check_internal",
           "check_pdf_text"]
