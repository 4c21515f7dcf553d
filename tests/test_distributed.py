"""The Dask engine against a local cluster that the test starts: the same records as one process."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from govie.cli import app

distributed = pytest.importorskip("distributed")


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf8").splitlines()]


def test_dask_cluster_gives_the_records_of_one_process(corpus, tmp_path):
    reports = sorted((corpus / "reports").glob("*.txt"))[:3]
    single = tmp_path / "single.jsonl"
    result = CliRunner().invoke(app, ["extract", *map(str, reports), "-o", str(single), "-q"])
    assert result.exit_code == 0, result.output
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = tmp_path / "dask.jsonl"
        result = CliRunner().invoke(
            app,
            [
                "extract",
                *map(str, reports),
                "-o",
                str(on_dask),
                "-q",
                "--engine",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
                "--batch-size",
                "1",
            ],
        )
        assert result.exit_code == 0, result.output
    assert _rows(on_dask) == _rows(single)
    assert {row["file"] for row in _rows(single)} == {str(p) for p in reports}


def test_scheduler_needs_the_dask_engine(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、2025年工作回顾\n全区地区生产总值增长6.1%。", encoding="utf8")
    result = CliRunner().invoke(app, ["extract", str(report), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
