"""Command-line options: `typeset build --pdfx 4|1a` and `typeset check --kind
internal|public`. Every PDF here is built by the command line and read back
as any PDF is (pikepdf, and `typeset check` itself)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pikepdf = pytest.importorskip("pikepdf")

from typeset.build import build  # noqa: E402
from typeset.cli import main  # noqa: E402
from typeset.diagnostics import TypesetError  # noqa: E402

from .conftest import SEED_000, SEED_004  # noqa: E402

# seed 004 has no masthead: a paper name that has no paper file, so no notice or filler
BARE_MASTHEAD = ["--paper", "测试周报", "--date", "2024-04-02", "--issue", "6"]


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    monkeypatch.delenv("TYPESET_PDFX", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def built(tmp_path: Path, source: Path, *options: str) -> Path:
    # --draft only so that a page-audit finding (another stage's rule) cannot hide these checks
    assert main(["build", "--draft", str(source), "-o", str(tmp_path), *options]) == 0
    return tmp_path / f"{source.stem}.pdf"


def transparency(doc) -> list[str]:
    """What in the file is transparency (PDF/X-1a allows none)."""
    found = []
    for obj in doc.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        if obj.get("/SMask") not in (None, pikepdf.Name.None_):
            found.append("SMask")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == pikepdf.Name.Transparency:
            found.append("transparency group")
        for key in ("/CA", "/ca"):
            if key in obj and float(obj[key]) != 1:
                found.append(f"{key[1:]} {float(obj[key])}")
        if obj.get("/BM") not in (None, pikepdf.Name.Normal, pikepdf.Name.Compatible):
            found.append(f"BM {obj.BM}")
    return found


# ---------------------------------------------------------------- build --pdfx

def test_build_pdfx_1a_writes_pdfx_1a_that_typeset_check_accepts(tmp_path, capsys):
    pdf = built(tmp_path, SEED_000, "--pdfx", "1a")
    assert pdf.read_bytes().startswith(b"%PDF-1.3")
    with pikepdf.open(pdf) as doc:
        # ISO 15930-1: PDF/X-1a:2001 is GTS_PDFXVersion PDF/X-1:2001 with this conformance
        assert str(doc.docinfo.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(doc.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert transparency(doc) == []
    capsys.readouterr()
    assert main(["check", str(pdf)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{pdf}: fit for print [PDF/X-1a:2001, 2 pages, output condition CGATS TR 002]")


def test_build_is_pdfx_4_by_default(tmp_path, capsys):
    pdf = built(tmp_path, SEED_000)
    assert pdf.read_bytes().startswith(b"%PDF-1.6")
    with pikepdf.open(pdf) as doc:
        assert str(doc.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert "/GTS_PDFXConformance" not in doc.docinfo
    capsys.readouterr()
    assert main(["check", str(pdf)]) == 0
    assert "[PDF/X-4, 2 pages" in capsys.readouterr().out


def test_the_option_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPESET_PDFX", "1a")         # the fallback (typeset batch has no option)
    pdf = built(tmp_path, SEED_004, *BARE_MASTHEAD, "--pdfx", "4")
    with pikepdf.open(pdf) as doc:
        assert str(doc.docinfo.GTS_PDFXVersion) == "PDF/X-4"


def test_an_unknown_flavour_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(SEED_000), "-o", str(tmp_path), "--pdfx", "3"])
    assert exit_.value.code == 2
    assert "argument --pdfx: pdfx='3': expected 4 (PDF/X-4) or 1a" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_build_refuses_an_unknown_flavour_before_writing(tmp_path):
    with pytest.raises(TypesetError, match=r"pdfx='x3': expected 4"):
        build(SEED_000, tmp_path, strict=False, pdfx="x3")
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- check --kind

# the internal-publication rules read the page text with poppler's pdftotext
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) not installed")

@pytest.fixture(scope="module")
def bare_pdf(tmp_path_factory):
    """Seed 004 with a masthead from options: no licence number, no 内部资料."""
    return built(tmp_path_factory.mktemp("bare"), SEED_004, *BARE_MASTHEAD)


@pytest.fixture(scope="module")
def internal_pdf(tmp_path_factory):
    """Seed 000: 审连00018号 and 内部资料 免费交流 on page 1."""
    return built(tmp_path_factory.mktemp("internal"), SEED_000)


def test_a_pdf_with_no_sign_of_its_kind_is_fit_for_print(bare_pdf, capsys):
    assert main(["check", str(bare_pdf)]) == 0
    assert "[internal." not in capsys.readouterr().out


@needs_pdftotext
def test_kind_internal_fails_a_pdf_without_the_licence_and_notice(bare_pdf, capsys):
    assert main(["check", "--kind", "internal", str(bare_pdf)]) == 1
    out = capsys.readouterr().out
    assert (f"{bare_pdf}: page 1: error: an internal publication without its licence number "
            "(准印证号) on page 1 [internal.licence]") in out
    assert (f"{bare_pdf}: page 1: error: an internal publication without 内部资料 免费交流 "
            "on page 1 [internal.notice]") in out
    assert out.strip().splitlines()[-1].startswith(f"{bare_pdf}: not fit for print: ")


@needs_pdftotext
def test_kind_internal_with_quiet_prints_the_errors_and_the_verdict(bare_pdf, capsys):
    assert main(["check", "--quiet", "--kind", "internal", str(bare_pdf)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert all(": error: " in line for line in lines[:-1]) and "[internal.notice]" in "".join(lines)


@needs_pdftotext
def test_kind_public_overrides_the_internal_signs_on_page_1(internal_pdf, capsys):
    # internal.py: a kind given is not second-guessed from page 1, so a public paper is held
    # to none of the internal rules though its page 1 prints 审连00018号 and 内部资料
    assert main(["check", str(internal_pdf)]) == 0
    assert main(["check", "--kind", "public", str(internal_pdf)]) == 0
    out = capsys.readouterr().out
    assert "[internal." not in out and out.count("fit for print [PDF/X-4") == 2


@needs_pdftotext
def test_kind_internal_on_a_full_internal_masthead_is_fit_for_print(internal_pdf, capsys):
    assert main(["check", "--kind", "internal", str(internal_pdf)]) == 0
    assert ": error: " not in capsys.readouterr().out


def test_an_unknown_kind_is_a_usage_error(internal_pdf, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--kind", "secret", str(internal_pdf)])
    assert exit_.value.code == 2
    assert "argument --kind: invalid choice: 'secret'" in capsys.readouterr().err

