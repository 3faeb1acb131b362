"""`typeset batch --scheduler ADDRESS`: the same archive built on a Dask
cluster (a 2-process LocalCluster here) gives the local run's summary and
the same bytes."""

from __future__ import annotations

import json
import shutil

import pytest

from .paths import CORPUS, SEEDS
from .test_batch import BAD_GB18030, batch, outputs

distributed = pytest.importorskip("distributed")

# Figures of the run itself, not of the archive: they differ between executors.
RUN_FIGURES = {"out", "executor", "seconds", "pages_per_second", "workers",
               "peak_rss_mb_per_worker"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask") / "archive"
    (root / "a").mkdir(parents=True)
    shutil.copy(SEEDS / "000_75e0bf726cbcfecc.txt", root / "a")
    shutil.copy(CORPUS / "p02_dianli_zhiguang_enterprise.txt", root / "a")
    (root / "a" / "broken.txt").write_bytes(BAD_GB18030)
    return root


def _summary(out):
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_a_dask_cluster_builds_the_archive_as_the_local_run_does(archive, tmp_path):
    assert batch(archive, tmp_path / "local", "-j", "2") == 1
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        assert batch(archive, tmp_path / "dask", "--scheduler",
                     cluster.scheduler_address) == 1
    local, dask = _summary(tmp_path / "local"), _summary(tmp_path / "dask")
    assert dask["executor"] == "dask" and 1 <= len(dask["workers"]) <= 2
    assert {k: v for k, v in dask.items() if k not in RUN_FIGURES} == \
        {k: v for k, v in local.items() if k not in RUN_FIGURES}
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
