"""A paper's identity lives in its paper file (papers/*.yaml), never in a
design: fillers are the paper's own, as templates, and only of its kind."""

import pytest

from typeset.design import load_layout
from typeset.design.layout_schema import LayoutError
from typeset.paper import PaperError, find_paper, load_paper

from .layout_support import glyph_text, lay_out_file
from .paths import CORPUS


def _filler_texts(laid):
    return ["".join(glyph_text(e) for e in page.elements if getattr(e, "role", "") == "filler")
            for page in laid.frames.pages]


def test_a_layout_names_no_paper(tmp_path):
    from typeset.design.load import LAYOUTS_DIR
    text = (LAYOUTS_DIR / "tabloid.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(text + "\npaper: 某某日报\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="paper"):
        load_layout(path)


def test_the_paper_file_is_found_by_the_mastheads_name():
    paper = find_paper("伊滨新闻")
    assert paper is not None and paper.qr_url


def test_a_paper_without_a_paper_file_prints_no_filler():
    _, _, laid = lay_out_file(CORPUS / "p06_wanpun_weekly_trad.txt")
    assert not any(_filler_texts(laid)) and not any(
        m.kind == "filler" for p in laid.report.pages for m in p.modules)


def test_a_filler_text_is_a_template_of_the_papers_name(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: 某某晚报\nfillers:\n  - {name: read, text: '读《{paper}》，知天下事。'}\n",
                    encoding="utf-8")
    (filler,) = load_paper(path).fillers_for("某某晚报", "public")
    assert filler.text == "读《某某晚报》，知天下事。"


def test_a_public_paper_never_prints_an_internal_notice(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: 某某晚报\nfillers:\n  - {name: n, text: '《{paper}》为内部资料。', when: internal}\n"
                    "  - {name: s, text: 欢迎投稿。}\n", encoding="utf-8")
    paper = load_paper(path)
    assert [f.name for f in paper.fillers_for("某某晚报", "public")] == ["s"]
    assert [f.name for f in paper.fillers_for("某某晚报", "internal")] == ["n", "s"]


def test_a_qr_filler_needs_the_papers_own_address(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: 某某晚报\nfillers:\n  - {name: ad, text: 扫码关注。, qr: true}\n",
                    encoding="utf-8")
    with pytest.raises(PaperError, match="qr_url") as caught:
        load_paper(path)
    assert "p.yaml:" in str(caught.value)


def test_a_sidecar_names_a_paper_file_that_must_exist(tmp_path):
    from typeset.parse import parse_issue
    from typeset.sidecar import find_sidecar, staff_plan
    (tmp_path / "i.txt").write_text("## 标题\n\n正文一段。\n", encoding="utf-8")
    (tmp_path / "i.yaml").write_text("masthead: {}\npaper: nowhere\n", encoding="utf-8")
    sidecar = find_sidecar(tmp_path / "i.txt")
    with pytest.raises(PaperError, match="nowhere"):
        staff_plan(sidecar, parse_issue(tmp_path / "i.txt", sidecar), load_layout("tabloid"))


def _promo_issue(tmp_path):
    (tmp_path / "i.txt").write_text("## 标题\n\n" + "正文一段，写得足够长以便排版。" * 20
                                    + "\n\n扫描左侧二维码\n\n关注我们的公众号\n", encoding="utf-8")
    (tmp_path / "i.yaml").write_text("masthead: {paper: 某某晚报, date: 2024-12-31}\n",
                                     encoding="utf-8")
    return tmp_path / "i.txt"


def test_a_promo_without_the_papers_qr_address_is_refused_for_print(tmp_path):
    from typeset.build import build
    from typeset.diagnostics import TypesetError
    with pytest.raises(TypesetError, match="QR code"):
        build(_promo_issue(tmp_path), tmp_path / "out")
    assert not (tmp_path / "out" / "i.pdf").exists()


def test_a_draft_prints_the_promo_without_a_code_and_says_so(tmp_path):
    from typeset.build import build
    result = build(_promo_issue(tmp_path), tmp_path / "out", strict=False)
    assert any(d.rule == "promo.qr_url" for d in result.diagnostics)
