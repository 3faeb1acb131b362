"""`typeset watch`: the proof rebuilt when its inputs change, the last good
one kept when a rebuild fails."""

import io
import threading
import time

import pikepdf
import pytest

from typeset.proof.rounds import ROUND_KEY
from typeset.proof.watch import watch

ISSUE = """# 伊滨新闻

2024年4月1日 星期一 第6期 总第274期

## 伊滨区召开经济工作会议

伊滨讯 12月30日,伊滨区召开经济工作会议,总结全年工作,部署明年任务。会议强调,要坚持以科技创新为引领,扎实做好产业发展、城市提质、乡村振兴等重点工作。

(伊滨宣)
"""
MODIFIED = 2          # watchfiles.Change.modified


@pytest.fixture
def issue(tmp_path):
    source = tmp_path / "issue.txt"
    source.write_text(ISSUE, encoding="utf-8")
    (tmp_path / "issue.yaml").write_text("editors: {校对: 李娜}\n", encoding="utf-8")
    return source


def _first_page_text(pdf):
    import pypdfium2 as pdfium
    return pdfium.PdfDocument(str(pdf))[0].get_textpage().get_text_range()


def test_a_sidecar_syntax_error_is_shown_and_the_last_good_proof_kept(issue, tmp_path):
    sidecar = issue.with_suffix(".yaml")
    pdf = tmp_path / "out" / "issue.proof.pdf"
    seen = {}

    def batches():
        seen["first"] = pdf.read_bytes()
        sidecar.write_text("editors: {校对: [\n", encoding="utf-8")
        yield {(MODIFIED, str(sidecar))}
        seen["after error"] = pdf.read_bytes()
        sidecar.write_text("editors: {校对: 王伟}\n", encoding="utf-8")
        yield {(MODIFIED, str(sidecar))}

    out, err = io.StringIO(), io.StringIO()
    assert watch(issue, tmp_path / "out", png_dir=tmp_path / "png", batches=batches(),
                 out=out, err=err) == 0
    assert f"{sidecar}:" in err.getvalue() and ": error: " in err.getvalue()
    assert "the last good proof is kept" in err.getvalue()
    assert seen["after error"] == seen["first"]
    assert "校对（王伟）" in _first_page_text(pdf)
    assert out.getvalue().count("wrote ") == 2 and "changed: issue.yaml" in out.getvalue()


def test_each_rebuild_prints_the_page_summary(issue, tmp_path):
    out = io.StringIO()
    watch(issue, tmp_path / "out", batches=iter(()), out=out, err=io.StringIO())
    assert "page 1:" in out.getvalue() and "marks" in out.getvalue()


def test_a_change_to_another_file_in_the_folder_rebuilds_nothing(issue, tmp_path):
    out = io.StringIO()
    watch(issue, tmp_path / "out", batches=iter([{(MODIFIED, str(tmp_path / "notes.txt"))}]),
          out=out, err=io.StringIO())
    assert out.getvalue().count("wrote ") == 1


def test_watchfiles_rebuilds_on_a_save_and_keeps_the_round_it_started_with(issue, tmp_path):
    pdf = tmp_path / "out" / "issue.proof.pdf"
    stop = threading.Event()
    out = io.StringIO()
    thread = threading.Thread(target=watch, args=(issue, tmp_path / "out"),
                              kwargs=dict(debounce_ms=50, stop_event=stop, out=out,
                                          err=io.StringIO()))
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while not pdf.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        first = pdf.read_bytes()
        time.sleep(0.2)                          # the watcher is listening
        issue.write_text(ISSUE.replace("总结全年工作", "回顾全年工作"), encoding="utf-8")
        while pdf.read_bytes() == first and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(5)
    assert pdf.read_bytes() != first, out.getvalue()
    assert "changed: issue.txt" in out.getvalue()
    with pikepdf.open(pdf) as proof:
        assert int(proof.docinfo[ROUND_KEY]) == 1
