"""`typeset check` on internal serial publications (连续性内部资料): licence
number, 内部资料 免费交流 and issue number on page 1; no 本报, 记者 or 刊号 in
the text (../shared/reference/newspaper.md). PDFs are made here with reportlab,
one line of text each, and read back as any PDF is (pdftotext)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pikepdf")
if shutil.which("pdftotext") is None:
    pytest.skip("pdftotext (poppler-utils) not installed (scripts/setup.sh)", allow_module_level=True)

from typeset.cli import main  # noqa: E402
from typeset.preflight import check_pdf  # noqa: E402
from typeset.preflight import internal  # noqa: E402
from typeset.preflight.internal import kind_from_front_page  # noqa: E402

FONT = Path(__file__).resolve().parents[1] / "fonts" / "NotoSansCJKsc-Bold.ttf"
MASTHEAD = ["伊滨新闻", "2024年4月1日 第6期 河南省连续性内部资料(洛阳)审连00018号",
            "内部资料 免费交流"]


@pytest.fixture(scope="module")
def make_pdf(tmp_path_factory):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    if "PreflightHei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PreflightHei", str(FONT)))
    folder = tmp_path_factory.mktemp("internal")

    def make(name: str, *pages: list[str]) -> Path:
        path = folder / f"{name}.pdf"
        c = Canvas(str(path), pagesize=(400, 300), invariant=1)
        for lines in pages:
            c.setFont("PreflightHei", 10)
            for i, line in enumerate(lines):
                c.drawString(20, 270 - 14 * i, line)
            c.showPage()
        c.save()
        return path
    return make


def internal_findings(path: Path, **kw) -> list[tuple[int | None, str]]:
    return [(f.page, f.code) for f in check_pdf(path, **kw).findings
            if f.code.startswith("internal.") or f.code == "text.unread"]


# ---------------------------------------------------------------- the kind, from page 1

def test_a_licence_number_makes_a_paper_internal():
    assert kind_from_front_page("河南省连续性内部资料（洛阳）审连00018号") == ("internal", "审连00018号")


def test_a_labelled_licence_number_makes_a_paper_internal():
    assert kind_from_front_page("内部资料准印证:京内资准字1911-L0381号")[0] == "internal"


def test_a_provincial_licence_number_makes_a_paper_internal():
    assert kind_from_front_page("（豫）内资准字（2019）第12号")[0] == "internal"


def test_the_words_internal_material_make_a_paper_internal():
    assert kind_from_front_page("某某简报内部资料") == ("internal", "内部资料")


def test_a_cn_number_makes_a_paper_public():
    assert kind_from_front_page("国内统一刊号CN33-0036邮发代号31-9") == ("public", "CN33-0036")


def test_a_front_page_without_either_has_no_kind():
    assert kind_from_front_page("龙门实验室配套工程创智广场项目冲刺交付") == (None, "")


# ---------------------------------------------------------------- page 1

def test_an_internal_paper_with_its_masthead_has_nothing_to_answer_for(make_pdf):
    path = make_pdf("clean", MASTHEAD, ["通讯员 王伟 报道"])
    report = check_pdf(path)
    assert (report.kind, report.kind_from) == ("internal", "page 1: 审连00018号")
    assert internal_findings(path) == []


def test_internal_material_without_a_licence_number_is_an_error(make_pdf):
    path = make_pdf("no-licence", ["伊滨新闻 第6期", "内部资料 免费交流"])
    assert internal_findings(path) == [(1, "internal.licence")]


def test_a_licence_without_the_free_exchange_notice_is_an_error(make_pdf):
    path = make_pdf("no-notice", ["伊滨新闻 第6期 审连00018号 内部资料"])
    assert internal_findings(path) == [(1, "internal.notice")]


def test_a_licence_without_the_issue_number_is_an_error(make_pdf):
    path = make_pdf("no-issue", ["伊滨新闻 审连00018号", "内部资料 免费交流"])
    assert internal_findings(path) == [(1, "internal.issue")]


def test_the_notice_on_page_2_only_does_not_count(make_pdf):
    path = make_pdf("notice-late", ["伊滨新闻 第6期 审连00018号"], ["内部资料 免费交流"])
    assert internal_findings(path) == [(1, "internal.notice")]


def test_a_missing_licence_blocks_print_exit_1(make_pdf, capsys):
    path = make_pdf("no-licence-cli", ["伊滨新闻 第6期", "内部资料 免费交流"])
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert (f"{path}: page 1: error: an internal publication without its licence number "
            "(准印证号) on page 1 [internal.licence]") in out


def test_a_kind_given_as_internal_needs_no_sign_on_page_1(make_pdf):
    path = make_pdf("bare", ["龙门实验室项目冲刺交付"])
    assert check_pdf(path).kind is None
    assert internal_findings(path) == []
    assert internal_findings(path, kind="internal") == [
        (1, "internal.licence"), (1, "internal.notice"), (1, "internal.issue")]
    assert check_pdf(path, kind="internal").kind_from == "given"


def test_a_kind_that_is_neither_is_refused(make_pdf):
    with pytest.raises(ValueError, match="'secret'"):
        check_pdf(make_pdf("bare-kind", ["龙门"]), kind="secret")


# ---------------------------------------------------------------- the text

def test_ben_bao_and_reporters_are_warnings_on_their_page(make_pdf):
    path = make_pdf("reporters", MASTHEAD, ["本报讯 3月28日，", "记者 王伟 通讯员 李娜"])
    assert internal_findings(path) == [(2, "internal.own_paper"), (2, "internal.reporter")]
    report = check_pdf(path)
    reporter = next(f for f in report.findings if f.code == "internal.reporter")
    assert reporter.severity == "warning" and "记者王伟" in reporter.message


def test_a_word_found_twice_on_a_page_is_one_finding_counting_both(make_pdf):
    path = make_pdf("twice", MASTHEAD, ["记者 王伟", "记者 李娜"])
    (finding,) = [f for f in check_pdf(path).findings if f.code == "internal.reporter"]
    assert "(2 times)" in finding.message


def test_a_cn_number_in_an_internal_paper_is_a_warning(make_pdf):
    path = make_pdf("cn", MASTHEAD + ["国内统一刊号 CN 41-0001"])
    assert internal_findings(path) == [(1, "internal.cn_number")]


def test_japan_and_this_report_are_not_the_paper_calling_itself_bao(make_pdf):
    path = make_pdf("japan", MASTHEAD, ["日本报道称，本报告指出，成本报价上涨。"])
    assert internal_findings(path) == []


def test_a_public_paper_may_say_ben_bao_and_have_reporters(make_pdf):
    path = make_pdf("public", ["甬江日报 国内统一刊号 CN 33-0036"], ["本报讯 记者 王伟"])
    report = check_pdf(path)
    assert report.kind == "public"
    assert internal_findings(path) == []


def test_a_kind_given_as_public_overrides_page_1(make_pdf):
    path = make_pdf("public-given", MASTHEAD, ["本报讯 记者 王伟"])
    assert internal_findings(path, kind="public") == []


def test_without_pdftotext_the_rules_are_reported_unchecked(make_pdf, monkeypatch):
    path = make_pdf("no-tool", MASTHEAD, ["记者 王伟"])
    monkeypatch.setattr(internal.shutil, "which", lambda name: None)
    assert internal_findings(path) == [(None, "text.unread")]


def test_only_page_1_is_read_for_a_paper_that_is_not_internal(make_pdf, monkeypatch):
    path = make_pdf("public-pages", ["甬江日报 国内统一刊号 CN 33-0036"], ["本报讯"], ["记者"])
    spans = []
    real = internal.page_texts
    monkeypatch.setattr(internal, "page_texts",
                        lambda p, first=1, last=None: spans.append((first, last)) or real(p, first, last))
    check_pdf(path)
    assert spans == [(1, 1)]


def test_an_internal_papers_every_page_is_read(make_pdf):
    path = make_pdf("internal-pages", MASTHEAD, ["通讯员 王伟"], ["记者 李娜"])
    assert internal_findings(path) == [(3, "internal.reporter")]
