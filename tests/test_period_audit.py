"""The period audit (corpus/audit/period, benchmarks/period_audit.py): stand-off files that fit
their reports, in the contract's vocabulary, and kept apart from the gold splits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from govie.gold import DEFAULT_PERIOD_AUDIT, read_period_audit, sha256_text
from govie.reading import read_report
from govie.records import MULTI_YEAR_PERIODS, PERIODS

from conftest import REPO_ROOT

AUDIT_FILES = sorted((REPO_ROOT / DEFAULT_PERIOD_AUDIT).glob("*.tsv"))
SECOND_READINGS = sorted((REPO_ROOT / DEFAULT_PERIOD_AUDIT.with_name("period_second")).glob("*.tsv"))


def test_the_audit_has_six_batches_of_reports_in_no_split():
    splits = json.loads((REPO_ROOT / "corpus" / "splits.json").read_text(encoding="utf8"))
    in_splits = {name for files in splits.values() if isinstance(files, list) for name in files}
    headers = [read_period_audit(path)[0] for path in AUDIT_FILES]
    assert sorted({header["batch"] for header in headers}) == ["1", "2", "3", "4", "5", "6"]
    assert not {header["file"] for header in headers} & in_splits
    assert not {path.stem + ".txt" for path in (REPO_ROOT / "corpus" / "gold").glob("*.tsv")} & {h["file"] for h in headers}


@pytest.mark.parametrize("path", AUDIT_FILES + SECOND_READINGS, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_an_audit_file_is_in_the_contracts_vocabulary(path):
    header, rows = read_period_audit(path)
    assert path.stem + ".txt" == header["file"] and re.fullmatch(r"[0-9a-f]{64}", header["sha256"])
    assert rows and all(row.period in (*PERIODS, "X") for row in rows)
    for row in rows:
        assert row.start < row.end
        if row.year_start:
            assert row.period in MULTI_YEAR_PERIODS and re.fullmatch(r"(19|20)\d\d", row.year_start)


def test_audit_offsets_point_at_their_numbers(corpus):
    for path in AUDIT_FILES:
        header, rows = read_period_audit(path)
        text = read_report(Path(corpus) / "reports" / header["file"])
        assert sha256_text(text) == header["sha256"]
        assert all(text[row.start : row.end] == row.number for row in rows), path.name


def test_a_second_reading_reads_figures_of_the_first():
    assert SECOND_READINGS
    for path in SECOND_READINGS:
        first = {(row.start, row.end, row.number) for row in read_period_audit(path.parents[1] / "period" / path.name)[1]}
        assert {(row.start, row.end, row.number) for row in read_period_audit(path)[1]} <= first, path.name
