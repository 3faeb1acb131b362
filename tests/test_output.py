"""Output files: whole or absent, written as a pair, and every OS error one line.

A build writes the PDF and its layout report to temporaries, renames the PDF,
then the report (which records the PDF's checksum). Whatever goes wrong on
the output side — a folder that is a file, a full disk, an interrupt — the
user sees one line naming the path and the reason, exit code 2 (130 for an
interrupt), and no temporary or half-written file is left behind.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from typeset import output
from typeset.build import build
from typeset.diagnostics import TypesetError

from .conftest import SEED_000


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "typeset", *args], capture_output=True,
                          text=True, cwd=cwd)


def _one_line_error(run: subprocess.CompletedProcess, *fragments: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().count("\n") == 0, run.stderr
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr


def test_an_output_folder_that_is_a_file_is_one_line_naming_it(tmp_path):
    target = tmp_path / "afile"
    target.write_text("x")
    _one_line_error(_cli("build", str(SEED_000), "-o", str(target)), str(target), "a file")


def test_an_output_folder_below_a_file_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    _one_line_error(_cli("build", str(SEED_000), "-o", str(tmp_path / "afile" / "sub")),
                    "cannot create the output folder")


def test_an_output_folder_on_a_read_only_file_system_is_one_line():
    if not Path("/sys/kernel").is_dir():
        pytest.skip("needs /sys (a read-only file system for everyone, root included)")
    _one_line_error(_cli("build", str(SEED_000), "-o", "/sys/kernel/typeset-out"),
                    "/sys/kernel/typeset-out", "cannot create the output folder")


def test_a_folder_with_the_pdfs_name_is_one_line_and_nothing_is_written(tmp_path):
    (tmp_path / f"{SEED_000.stem}.pdf").mkdir()
    _one_line_error(_cli("build", str(SEED_000), "-o", str(tmp_path)), "a folder has this name")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{SEED_000.stem}.pdf"]


def test_a_full_disk_is_one_error_and_leaves_no_temporary(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(TypesetError, match="No space left on device"):
        build(SEED_000, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_and_its_report_are_written_as_a_pair(tmp_path):
    result = build(SEED_000, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [result.pdf.name, result.report_path.name])


def test_files_are_written_with_the_usual_permissions(tmp_path):
    result = build(SEED_000, tmp_path)
    expected = 0o666 & ~output._umask()
    assert result.pdf.stat().st_mode & 0o777 == expected
    assert result.report_path.stat().st_mode & 0o777 == expected


def test_a_failure_renaming_the_report_leaves_the_previous_report_naming_the_old_pdf(tmp_path,
                                                                                      monkeypatch):
    """A PDF whose report does not record its checksum counts as absent."""
    first = build(SEED_000, tmp_path)
    old_report = first.report_path.read_bytes()
    renames = []
    real = os.replace

    def second_fails(src, dst):
        renames.append(dst)
        if len(renames) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO), dst)
        real(src, dst)
    monkeypatch.setattr(output.os, "replace", second_fails)
    with pytest.raises(TypesetError, match="cannot write output"):
        build(SEED_000, tmp_path)
    assert first.report_path.read_bytes() == old_report
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_says_so_in_one_line_and_leaves_no_temporary(tmp_path, sig):
    source = tmp_path / "long.txt"
    source.write_text(SEED_000.read_text(encoding="utf-8") * 6, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "typeset", "build", str(source), "-o",
                                str(tmp_path / "out")], stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the build finished before the signal")
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    leftovers = list((tmp_path / "out").iterdir()) if (tmp_path / "out").exists() else []
    assert not [p for p in leftovers if p.name.startswith(".")]


def test_source_date_epoch_dates_the_pdf_and_keeps_it_reproducible(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    runs = [subprocess.run([sys.executable, "-m", "typeset", "build", str(SEED_000), "-o",
                            str(tmp_path / name)], capture_output=True, text=True, env=env)
            for name in ("a", "b")]
    assert all(run.returncode == 0 for run in runs), runs[0].stderr
    first, second = (tmp_path / n / f"{SEED_000.stem}.pdf" for n in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    assert b"D:20231114221320" in first.read_bytes()        # 1700000000 in UTC


def test_a_malformed_source_date_epoch_is_one_error(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="yesterday")
    run = subprocess.run([sys.executable, "-m", "typeset", "build", str(SEED_000), "-o",
                          str(tmp_path)], capture_output=True, text=True, env=env)
    _one_line_error(run, "SOURCE_DATE_EPOCH")
