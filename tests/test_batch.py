"""`typeset batch`: an archive built in parallel into OUT, resumably.

One small archive serves every test: three weekly issues of seed 000's paper
(the last with a planted numbering gap and a wrong printed weekday, so it
fails for print), corpus p02, and a GB18030 file with bytes that are not
GB18030. Built once with -j 2 (module fixture); the tests that change things
copy it first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from typeset import calendar
from typeset.batch.command import main
from typeset.batch.state import STATE_NAME

from .paths import CORPUS, ROOT, SEEDS

SEED_000 = SEEDS / "000_75e0bf726cbcfecc.txt"
BAD_GB18030 = "# 某报\n\n## 标题\n\n正文第一段。\n".encode("gb18030") + b"\xfe\x30\xfe\x30\n"


def seed_000_as(date: dt.date, issue: int, total: int, weekday: str = "") -> str:
    """Seed 000 with another masthead date, 第N期, 总第N期 and its lunar date."""
    text = SEED_000.read_text(encoding="utf-8")
    lunar = calendar.lunar_date(date).masthead()
    text = text.replace("2024年4月1日 第6期",
                        f"{date.year}年{date.month}月{date.day}日 {weekday}第{issue}期", 1)
    return text.replace("甲辰年二月廿三 总第274期", f"{lunar} 总第{total}期", 1)


def make_archive(root: Path) -> Path:
    paper = root / "archive" / "yibin"
    paper.mkdir(parents=True)
    (paper / "2024-04-01.txt").write_text(seed_000_as(dt.date(2024, 4, 1), 6, 274), "utf-8")
    (paper / "2024-04-08.txt").write_text(seed_000_as(dt.date(2024, 4, 8), 7, 275), "utf-8")
    # 总第276期 (04-15) missing; printed 星期三 on a Monday
    (paper / "2024-04-22.txt").write_text(
        seed_000_as(dt.date(2024, 4, 22), 9, 277, weekday="星期三 "), "utf-8")
    other = root / "archive" / "other"
    other.mkdir()
    shutil.copy(CORPUS / "p02_dianli_zhiguang_enterprise.txt", other / "p02.txt")
    (other / "broken.txt").write_bytes(BAD_GB18030)
    (other / "notes.md").write_text("not an issue", "utf-8")
    return root / "archive"


def batch(archive: Path, out: Path, *extra: str) -> int:
    return main([str(archive), "-o", str(out), "--progress", "lines", *extra])


def outputs(out: Path) -> dict[str, bytes]:
    """The issues' files in OUT (not the run's state or its summary)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith((STATE_NAME, "summary.json"))}


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    archive = make_archive(root)
    out = root / "out"
    status = batch(archive, out, "-j", "2")
    return archive, out, status


def test_each_issue_becomes_its_pdf_and_report_mirroring_the_folders(first_run):
    _, out, _ = first_run
    assert set(outputs(out)) == {
        "yibin/2024-04-01.pdf", "yibin/2024-04-01.layout.json",
        "yibin/2024-04-08.pdf", "yibin/2024-04-08.layout.json",
        "other/p02.pdf", "other/p02.layout.json"}


def test_the_report_records_the_sha256_of_its_pdf(first_run):
    import hashlib
    _, out, _ = first_run
    report = json.loads((out / "yibin/2024-04-08.layout.json").read_text(encoding="utf-8"))
    assert report["pdf_sha256"] == hashlib.sha256(
        (out / "yibin/2024-04-08.pdf").read_bytes()).hexdigest()


def test_a_run_with_failed_issues_exits_1(first_run):
    assert first_run[2] == 1


def test_a_broken_issue_is_recorded_with_file_line_and_reason(first_run):
    archive, out, _ = first_run
    failures = {f["issue"]: f for f in summary(out)["failures"]}
    broken = failures["other/broken.txt"]
    assert broken["file"] == str(archive / "other" / "broken.txt") and broken["line"] == 6
    assert "GB18030" in broken["reason"]


def test_a_strict_failure_is_a_failed_issue_with_its_reason(first_run):
    _, out, _ = first_run
    failures = {f["issue"]: f["reason"] for f in summary(out)["failures"]}
    assert "not fit for print" in failures["yibin/2024-04-22.txt"]


def test_summary_json_has_the_runs_figures(first_run):
    _, out, _ = first_run
    s = summary(out)
    assert (s["issues"], s["built"], s["skipped"], s["failed"]) == (5, 3, 0, 2)
    assert s["pages"] == 6 and s["pages_per_second"] > 0 and s["seconds"] > 0
    assert len(s["workers"]) == 2
    assert all(w["peak_rss_mb"] > 20 for w in s["workers"].values())
    assert s["peak_rss_mb_per_worker"] == max(w["peak_rss_mb"] for w in s["workers"].values())
    assert s["warnings"]["batch.gap"] == 1


def test_the_consistency_check_names_the_planted_gap(first_run):
    archive, out, _ = first_run
    gaps = [c for c in summary(out)["consistency"] if "gap in the run" in c]
    assert gaps == [f"{archive / 'yibin' / '2024-04-22.txt'}:6: warning: gap in the run: "
                    f"总第276期 missing between {archive / 'yibin' / '2024-04-08.txt'} "
                    "and this issue"]


def test_the_consistency_check_names_the_wrong_weekday_at_its_line(first_run):
    archive, out, _ = first_run
    wrong = [c for c in summary(out)["consistency"] if "printed weekday" in c]
    assert wrong == [f"{archive / 'yibin' / '2024-04-22.txt'}:5: warning: printed weekday 星期三 "
                     "is not the date's: 2024-04-22 is a 星期一"]


def test_a_rerun_skips_every_unchanged_issue(first_run, tmp_path):
    archive, out, _ = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = outputs(copy)
    assert batch(archive, copy) == 1          # the failed ones are still failed
    s = summary(copy)
    assert (s["built"], s["skipped"], s["failed"], s["still_failed"]) == (0, 5, 0, 2)
    assert outputs(copy) == before


def test_a_changed_issue_alone_is_rebuilt(first_run, tmp_path):
    archive, out, _ = first_run
    changed = tmp_path / "archive"
    shutil.copytree(archive, changed)
    copy = tmp_path / "out"
    batch(changed, copy, "-j", "2")
    issue = changed / "yibin" / "2024-04-08.txt"
    issue.write_text(issue.read_text(encoding="utf-8").replace("加快构建", "加速构建", 1),
                     encoding="utf-8")
    batch(changed, copy, "-j", "1")
    s = summary(copy)
    assert (s["built"], s["skipped"]) == (1, 4)


def test_force_rebuilds_every_issue_to_the_same_bytes(first_run, tmp_path):
    archive, out, _ = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    assert batch(archive, copy, "-j", "2", "--force") == 1
    s = summary(copy)
    assert (s["built"], s["skipped"], s["failed"]) == (3, 0, 2)
    assert outputs(copy) == outputs(out)


def _run_in_background(archive: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "typeset.batch", str(archive), "-o", str(out), "-j", "1",
         "--progress", "lines"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))


def _wait_for_a_row(process: subprocess.Popen, out: Path, timeout: float = 60) -> int:
    state = out / STATE_NAME
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if state.exists():
            with sqlite3.connect(f"file:{state}?mode=ro", uri=True) as db:
                try:
                    count = db.execute("SELECT COUNT(*) FROM issues").fetchone()[0]
                except sqlite3.OperationalError:   # the table is not made yet
                    count = 0
            if count:
                return count
        time.sleep(0.02)
    raise AssertionError("the batch recorded no issue in time")


def test_a_run_killed_after_its_first_issue_resumes_to_the_same_files(first_run, tmp_path):
    archive, out, _ = first_run
    killed = tmp_path / "out"
    process = _run_in_background(archive, killed)
    recorded = _wait_for_a_row(process, killed)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert recorded < 5
    assert batch(archive, killed, "-j", "2") == 1
    s = summary(killed)
    assert s["skipped"] >= recorded and s["built"] + s["failed"] == 5 - s["skipped"]
    assert outputs(killed) == outputs(out)


def test_sigterm_stops_the_run_and_says_how_to_resume(first_run, tmp_path):
    archive, _, _ = first_run
    stopped = tmp_path / "out"
    process = _run_in_background(archive, stopped)
    _wait_for_a_row(process, stopped)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "run the same command again to resume" in err.decode()
    assert not list(stopped.rglob(".*.tmp"))


def test_a_missing_archive_is_a_usage_error(tmp_path, capsys):
    assert batch(tmp_path / "nowhere", tmp_path / "out") == 2
    assert "not a folder of issues" in capsys.readouterr().err


def test_a_folder_typeset_yaml_with_an_unknown_key_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "typeset.yaml").write_text("drafts: true\n", encoding="utf-8")
    assert batch(tmp_path / "a", tmp_path / "out") == 2
    assert "typeset.yaml:1:1: error: drafts: unknown key; did you mean 'draft'?" in \
        capsys.readouterr().err


def test_a_folder_that_says_draft_builds_drafts(first_run, tmp_path):
    archive, _, _ = first_run
    drafts = tmp_path / "archive"
    (drafts / "yibin").mkdir(parents=True)
    shutil.copy(archive / "yibin" / "2024-04-22.txt", drafts / "yibin")
    (drafts / "typeset.yaml").write_text("draft: true\n", encoding="utf-8")
    assert batch(drafts, tmp_path / "out", "-j", "1") == 0
    assert (tmp_path / "out" / "yibin" / "2024-04-22.pdf").is_file()


def test_an_archive_without_issue_files_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    assert batch(tmp_path / "a", tmp_path / "out") == 2
    assert "no issue files (*.txt)" in capsys.readouterr().err


def test_temporaries_a_killed_run_left_are_removed(first_run, tmp_path):
    archive, out, _ = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    left = copy / "yibin" / ".2024-04-08.pdf.x1y2.tmp"
    left.write_bytes(b"%PDF-1.6 half")
    batch(archive, copy)
    assert not left.exists()


def test_proof_writes_each_built_issues_proof_beside_its_pdf(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(CORPUS / "p02_dianli_zhiguang_enterprise.txt", archive / "p02.txt")
    assert batch(archive, tmp_path / "out", "-j", "1", "--proof") == 0
    assert (tmp_path / "out" / "p02.proof.pdf").read_bytes().startswith(b"%PDF")


def test_a_changed_pdfx_flavour_changes_the_issues_fingerprint(tmp_path, monkeypatch):
    """TYPESET_PDFX gives typeset batch its PDF/X flavour: an issue built as
    PDF/X-4 is not 'unchanged' for a run that asks for PDF/X-1a."""
    from typeset.batch.discover import discover
    from typeset.batch.fingerprint import issue_hash
    shutil.copy(SEEDS / "000_75e0bf726cbcfecc.txt", tmp_path / "a.txt")
    (job,) = discover(tmp_path)
    monkeypatch.setenv("TYPESET_PDFX", "4")
    x4 = issue_hash(job, True, False)
    monkeypatch.setenv("TYPESET_PDFX", "1a")
    assert issue_hash(job, True, False) != x4
    monkeypatch.delenv("TYPESET_PDFX")
    assert issue_hash(job, True, False) == x4          # the default is PDF/X-4


def test_a_replaced_picture_changes_the_issues_fingerprint(tmp_path):
    """A photo replaced under the same file name is a changed issue."""
    from typeset.batch.discover import discover
    from typeset.batch.fingerprint import issue_hash
    shutil.copy(SEEDS / "000_75e0bf726cbcfecc.txt", tmp_path / "a.txt")
    (tmp_path / "a.yaml").write_text("pictures:\n  - item: item2\n    file: p.jpg\n",
                                     encoding="utf-8")
    Image.new("RGB", (800, 600), (10, 20, 30)).save(tmp_path / "p.jpg")
    (job,) = discover(tmp_path)
    before = issue_hash(job, True, False)
    assert issue_hash(job, True, False) == before
    Image.new("RGB", (800, 600), (200, 20, 30)).save(tmp_path / "p.jpg")
    assert issue_hash(job, True, False) != before


def test_pdfx_1a_asks_every_print_pdf_of_the_run_for_pdf_x_1a_and_a_change_rebuilds(tmp_path):
    import pikepdf
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SEEDS / "000_75e0bf726cbcfecc.txt", archive / "a.txt")
    out = tmp_path / "out"
    assert batch(archive, out, "-j", "1", "--pdfx", "1a") == 0
    with pikepdf.open(out / "a.pdf") as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1:2001"
    assert batch(archive, out, "-j", "1", "--pdfx", "1a") == 0
    assert summary(out)["skipped"] == 1                  # unchanged: same flavour
    assert batch(archive, out, "-j", "1", "--pdfx", "4") == 0
    assert summary(out)["built"] == 1                    # another flavour: built again
    with pikepdf.open(out / "a.pdf") as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
