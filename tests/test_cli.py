"""`govie extract` end to end: outputs, failures, resuming and interruption.

The failure mechanics are tested with a stand-in pipeline (`fake_pipeline`);
`test_real_pipeline_*` and the corpus test run the real one. All report texts
here are made up in the style of the reports; figures are invented.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import govie
from govie.cli import app
from govie.output import OUTPUT_FIELDS
from govie.records import Record
from govie.runner import extract as extraction
from govie.runner.processes import Extraction

REPORTS: dict[str, str] = {
    "a_2024.txt": "2023年全区地区生产总值为287.6亿元，增长5.9%。今年主要预期目标是：地区生产总值增长6%左右。",
    "b_2025.txt": "2024年全市地区生产总值为312.5亿元，增长6.1%。固定资产投资增长8.2%。今年地区生产总值增长6.5%。",
    "sub/c_2026.md": "2025年全县规模以上工业增加值增长7.4%，社会消费品零售总额增长5.3%。",
}
FAULTY_MARK = "【故障】"  # a text the stand-in pipeline crashes on

# The stand-in pipeline's rows for REPORTS, by file name, in output order.
ALL_ROWS = ["a_2024.txt"] * 2 + ["b_2025.txt"] * 3 + ["c_2026.md"] * 2

runner = CliRunner()


def _stand_in_records(text: str, report_year: int | None) -> list[Record]:
    if FAULTY_MARK in text:
        raise ValueError("stand-in pipeline cannot handle this text")
    return [
        Record(
            indicator="增长",
            indicator_id=None,
            value=float(match.group(1)),
            unit="%",
            measure="growth",
            role="actual",
            bound="exact",
            tier=None,
            year=report_year,
            start=match.start(1),
            end=match.end(1),
            evidence=match.group(0),
        )
        for match in re.finditer(r"增长(\d+(?:\.\d+)?)%", text)
    ]


class StandInPipeline:
    """Replaces the runner's extract_report/extract_reports; remembers which texts it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.interrupt_after: int | None = None

    def extract(self, text: str, *, report_year: int | None = None, with_report: bool = False, timeout: float | None = None) -> Extraction:
        self.seen.append(text)
        return Extraction(_stand_in_records(text, report_year))

    def extract_many(
        self,
        texts: Iterable[str],
        *,
        report_year: int | None = None,
        batch_size: int = 8,
        n_process: int = 1,
        with_report: bool = False,
        timeout: float | None = None,
    ) -> Iterator[Extraction]:
        # Batches like nlp.pipe, so that a crash hits files read but not yet written.
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == batch_size:
                yield from self._run_batch(batch, report_year)
                batch = []
        yield from self._run_batch(batch, report_year)

    def _run_batch(self, batch: list[str], report_year: int | None) -> Iterator[list[Record]]:
        results = [_stand_in_records(text, report_year) for text in batch]
        for text, records in zip(batch, results):
            if self.interrupt_after is not None and len(self.seen) >= self.interrupt_after:
                raise KeyboardInterrupt
            self.seen.append(text)
            yield Extraction(records)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> StandInPipeline:
    pipeline = StandInPipeline()
    monkeypatch.setattr(extraction, "extract_report", pipeline.extract)
    monkeypatch.setattr(extraction, "extract_reports", pipeline.extract_many)
    return pipeline


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    for name, text in REPORTS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _files(rows: list[dict[str, object]]) -> list[str]:
    return [Path(str(row["file"])).name for row in rows]


def _invoke(*args: str | Path) -> object:
    return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


# ---------------------------------------------------------------------------
# outputs


def test_jsonl_output(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 0, result.stderr
    rows = _jsonl(output)
    assert _files(rows) == ALL_ROWS
    assert all(list(row) == list(OUTPUT_FIELDS) for row in rows)
    assert rows[0]["file"] == str(reports / "a_2024.txt")
    assert rows[0]["value"] == 5.9
    assert "govie: 3 files, 7 records, 0 failed" in result.stderr


def test_stdout_jsonl_by_default(fake_pipeline: StandInPipeline, reports: Path) -> None:
    result = _invoke("extract", reports / "a_2024.txt", "--quiet", "-o", "-")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert _files(rows) == ["a_2024.txt"] * 2
    assert result.stderr == ""


@pytest.mark.parametrize("args", [("-o", "records.csv"), ("-o", "records.out", "--format", "csv")])
def test_csv_output(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    output = tmp_path / args[1]
    result = _invoke("extract", reports, "-o", output, *args[2:], "-q")
    assert result.exit_code == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(OUTPUT_FIELDS)
    assert _files(rows) == ALL_ROWS


def test_csv_bom(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.csv"
    assert _invoke("extract", reports, "-o", output, "--csv-bom", "-q").exit_code == 0
    assert output.read_bytes().startswith(b"\xef\xbb\xbfindicator,")


def test_legacy_encodings_and_report_year(fake_pipeline: StandInPipeline, tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORTS["b_2025.txt"].encode("gbk"))
    result = _invoke("extract", path, "--report-year", "2025", "-q")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["value"] for row in rows] == [6.1, 8.2, 6.5]
    assert {row["year"] for row in rows} == {2025}


def test_output_is_not_read_as_a_report(fake_pipeline: StandInPipeline, reports: Path) -> None:
    output = reports / "records.txt"
    assert _invoke("extract", reports, "-o", output, "-q").exit_code == 0
    assert _invoke("extract", reports, "-o", output, "-q", "--overwrite").exit_code == 0
    assert "records.txt" not in _files(_jsonl(output))


# ---------------------------------------------------------------------------
# failures


def test_unreadable_file_among_good_ones(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    (reports / "b_2025.txt").write_bytes(os.urandom(2048) + b"\x00" * 64)
    output = tmp_path / "records.jsonl"
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 1
    assert f"govie: cannot read {reports / 'b_2025.txt'}: binary content" in result.stderr
    assert _files(_jsonl(output)) == ["a_2024.txt"] * 2 + ["c_2026.md"] * 2
    assert "2 files, 4 records, 1 failed" in result.stderr


def test_fail_fast_keeps_earlier_files(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    (reports / "b_2025.txt").write_bytes(b"\xff\xfe\x00")
    output = tmp_path / "records.jsonl"
    result = _invoke("extract", reports, "-o", output, "--fail-fast", "--batch-size", "1")
    assert result.exit_code == 1
    assert "cannot read" in result.stderr
    assert _files(_jsonl(output)) == ["a_2024.txt"] * 2


def test_pipeline_crash_on_one_file(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    (reports / "b_2025.txt").write_text(FAULTY_MARK + REPORTS["b_2025.txt"], encoding="utf-8")
    output = tmp_path / "records.jsonl"
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 1
    assert f"govie: cannot extract from {reports / 'b_2025.txt'}: ValueError" in result.stderr
    # The crash broke the whole batch; its other files are extracted one by one.
    assert _files(_jsonl(output)) == ["a_2024.txt"] * 2 + ["c_2026.md"] * 2


def test_pipeline_missing(monkeypatch: pytest.MonkeyPatch, reports: Path, tmp_path: Path) -> None:
    def no_pipeline(texts: Iterable[str], **kwargs: object) -> Iterator[list[Record]]:
        raise ModuleNotFoundError("No module named 'govie.pipeline'")
        yield []

    monkeypatch.setattr(extraction, "extract_reports", no_pipeline)
    result = _invoke("extract", reports, "-o", tmp_path / "records.jsonl", "-q")
    assert result.exit_code == 1
    assert "govie: extraction failed: ModuleNotFoundError" in result.stderr


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda tmp: ["extract", str(tmp / "missing")], "no such file or directory"),
        (lambda tmp: ["extract", str(tmp)], "folder contains no report files"),
        (lambda tmp: ["extract"], "Missing argument"),
        (lambda tmp: ["extract", str(tmp), "--resume"], "--resume needs --output"),
    ],
)
def test_usage_errors(fake_pipeline: StandInPipeline, tmp_path: Path, make_args: object, message: str) -> None:
    result = runner.invoke(app, make_args(tmp_path))  # type: ignore[operator]
    assert result.exit_code == 2
    assert message in result.stderr


def test_no_args_shows_help_and_version() -> None:
    result = runner.invoke(app, [])
    assert "extract" in result.stdout
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"govie {govie.__version__}"


# ---------------------------------------------------------------------------
# resuming and interruption


def test_resume_skips_done_files(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    assert _invoke("extract", reports / "a_2024.txt", "-o", output, "-q").exit_code == 0
    fake_pipeline.seen.clear()
    result = _invoke("extract", reports, "-o", output, "--resume")
    assert result.exit_code == 0, result.stderr
    assert REPORTS["a_2024.txt"] not in fake_pipeline.seen
    assert _files(_jsonl(output)) == ALL_ROWS
    assert "1 skipped as already done" in result.stderr
    result = _invoke("extract", reports, "-o", output, "--resume")
    assert result.exit_code == 0
    assert "nothing to do" in result.stderr


def test_resume_csv(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.csv"
    assert _invoke("extract", reports / "a_2024.txt", "-o", output, "-q").exit_code == 0
    assert _invoke("extract", reports, "-o", output, "-q", "--resume").exit_code == 0
    text = output.read_text(encoding="utf-8")
    assert text.count("indicator,indicator_id") == 1
    assert len(list(csv.DictReader(io.StringIO(text, newline="")))) == 7


def test_resume_refuses_a_foreign_output(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.csv"
    output.write_text("name,value\n", encoding="utf-8")
    result = _invoke("extract", reports, "-o", output, "--resume")
    assert result.exit_code == 2
    assert "header" in result.stderr
    assert output.read_text(encoding="utf-8") == "name,value\n"


def test_interrupt_keeps_finished_files(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    fake_pipeline.interrupt_after = 1
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 130
    assert _files(_jsonl(output)) == ["a_2024.txt"] * 2
    assert "interrupted after 1 of 3 files" in result.stderr
    assert "--resume" in result.stderr

    fake_pipeline.interrupt_after = None
    fake_pipeline.seen.clear()
    result = _invoke("extract", reports, "-o", output, "--resume", "-q")
    assert result.exit_code == 0
    assert len(fake_pipeline.seen) == 2
    assert _files(_jsonl(output)) == ALL_ROWS


# ---------------------------------------------------------------------------
# the real pipeline


def _require_pipeline() -> None:
    try:
        govie.extract("2025年全区地区生产总值为312.5亿元，增长6.1%。")
    except (ImportError, NotImplementedError) as err:
        pytest.skip(f"the spaCy pipeline is not available yet ({type(err).__name__}: {err})")


def test_real_pipeline_gdp_growth(tmp_path: Path) -> None:
    _require_pipeline()
    path = tmp_path / "report_2026.txt"
    path.write_text(
        "2025年全区地区生产总值为312.5亿元，增长6.1%。一般公共预算收入18.4亿元，增长5.2%。\n今年主要预期目标是：地区生产总值增长6%左右。\n",
        encoding="utf-8",
    )
    output = tmp_path / "records.jsonl"
    result = _invoke("extract", path, "-o", output, "-q")
    assert result.exit_code == 0, result.stderr
    rows = _jsonl(output)
    assert all(row["file"] == str(path) for row in rows)
    gdp_growth = [
        row
        for row in rows
        if (row["indicator_id"] == "gdp" or row["indicator"] == "地区生产总值") and row["measure"] == "growth" and row["value"] == 6.1
    ]
    assert gdp_growth, rows
    assert gdp_growth[0]["unit"] == "%"
    assert gdp_growth[0]["role"] == "actual"


@pytest.mark.corpus
def test_real_corpus_files(corpus: Path, tmp_path: Path) -> None:
    # `corpus` (conftest) skips when neither GOVIE_CORPUS nor ../shared/corpus is there.
    reports = corpus / "reports"
    _require_pipeline()
    # The three smallest reports keep the test quick.
    paths = sorted(reports.glob("*.txt"), key=lambda path: (path.stat().st_size, path.name))[:3]
    assert len(paths) == 3
    output = tmp_path / "records.jsonl"
    result = _invoke("extract", *paths, "-o", output, "-q")
    assert result.exit_code == 0, result.stderr
    rows = _jsonl(output)
    assert rows
    assert {str(row["file"]) for row in rows} <= {str(path) for path in paths}
    for row in rows:
        assert list(row) == list(OUTPUT_FIELDS)
        assert isinstance(row["value"], (int, float))
        assert isinstance(row["start"], int) and isinstance(row["end"], int)


def test_unknown_output_suffix_is_refused(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    result = _invoke("extract", reports, "-o", tmp_path / "records.xls")
    assert result.exit_code == 2 and "no output format for '.xls'" in result.stderr
    assert ".dta" in result.stderr and ".xlsx" in result.stderr
    assert not (tmp_path / "records.xls").exists()


def test_summary_counts_one_file_in_the_singular(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    result = _invoke("extract", reports / "a_2024.txt", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 0 and "govie: 1 file, 2 records, 0 failed" in result.stderr


def test_evaluate_outside_a_checkout_says_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _invoke("evaluate", "--split", "dev")
    assert result.exit_code == 2 and "corpus/splits.json not found" in result.stderr and "--splits" in result.stderr


# ---------------------------------------------------------------------------
# tables economists open: Excel and Stata (and Parquet), made from a JSONL stream kept beside them


def _read_table(path: Path) -> pd.DataFrame:
    """A table output as pandas reads it, in the CSV's terms: Stata's `_end` is `end`, its empty
    strings are missing values, its integers are whatever width Stata stored."""
    if path.suffix == ".dta":
        frame = pd.read_stata(path).rename(columns={"_end": "end"})
        return frame.replace("", None)
    return pd.read_excel(path) if path.suffix == ".xlsx" else pd.read_parquet(path)


def _same_table(table: pd.DataFrame, csv_path: Path) -> None:
    expected = pd.read_csv(csv_path)
    assert list(table.columns) == list(expected.columns) == list(OUTPUT_FIELDS)
    for column in expected.columns:
        assert [None if pd.isna(v) else v for v in table[column]] == [None if pd.isna(v) else v for v in expected[column]], column


@pytest.mark.parametrize("suffix", [".xlsx", ".dta", ".parquet"])
def test_table_outputs_read_back_as_the_csv(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path, suffix: str) -> None:
    assert _invoke("extract", reports, "-o", tmp_path / "records.csv", "-q").exit_code == 0
    output = tmp_path / f"records{suffix}"
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 0, result.stderr
    assert "govie: 3 files, 7 records, 0 failed" in result.stderr
    _same_table(_read_table(output), tmp_path / "records.csv")
    assert not output.with_name(output.name + ".partial").exists()


@pytest.mark.parametrize("suffix", [".xlsx", ".dta"])
def test_table_output_interrupted_then_resumed(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"records{suffix}"
    fake_pipeline.interrupt_after = 1
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 130 and "--resume" in result.stderr
    # The finished file is in the table already, and in the stream that --resume continues.
    assert _files(_read_table(output).to_dict("records")) == ["a_2024.txt"] * 2

    fake_pipeline.interrupt_after = None
    fake_pipeline.seen.clear()
    result = _invoke("extract", reports, "-o", output, "--resume", "-q")
    assert result.exit_code == 0, result.stderr
    assert len(fake_pipeline.seen) == 2
    assert _invoke("extract", reports, "-o", tmp_path / "records.csv", "-q").exit_code == 0
    _same_table(_read_table(output), tmp_path / "records.csv")
    # A table removed after a complete run is made again from its stream.
    output.unlink()
    result = _invoke("extract", reports, "-o", output, "--resume")
    assert result.exit_code == 0 and "nothing to do" in result.stderr
    _same_table(_read_table(output), tmp_path / "records.csv")


def test_table_output_needs_a_file_and_its_stream_to_resume(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    result = _invoke("extract", reports, "--format", "xlsx")
    assert result.exit_code == 2 and "give --output" in result.stderr
    output = tmp_path / "records.dta"
    assert _invoke("extract", reports / "a_2024.txt", "-o", output, "-q").exit_code == 0
    (tmp_path / ".records.dta.govie.jsonl").unlink()
    result = _invoke("extract", reports, "-o", output, "--resume")
    assert result.exit_code == 2 and "record stream .records.dta.govie.jsonl is gone" in result.stderr


# ---------------------------------------------------------------------------
# the order of the inputs, standard input


def test_output_keeps_the_order_given(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    args = [reports / "b_2025.txt", reports / "sub", reports / "a_2024.txt"]
    assert _invoke("extract", *args[:1], "-o", output, "-q").exit_code == 0
    result = _invoke("extract", *args, reports, "-o", output, "-q", "--resume")
    assert result.exit_code == 0, result.stderr
    # b, then the folder sub, then a; the folder `reports` adds nothing new.
    assert _files(_jsonl(output)) == ["b_2025.txt"] * 3 + ["c_2026.md"] * 2 + ["a_2024.txt"] * 2


def test_output_keeps_the_order_given_with_two_processes(tmp_path: Path) -> None:
    _require_pipeline()
    names = ["z_2024.txt", "m_2023.txt", "a_2025.txt"]
    for number, name in enumerate(names):
        (tmp_path / name).write_text(f"{2023 + number}年全市地区生产总值增长{5 + number}.{number}%。", encoding="utf-8")
    output = tmp_path / "records.jsonl"
    paths = [tmp_path / name for name in names]
    result = _invoke("extract", *paths, "-o", output, "-q", "--n-process", "2", "--batch-size", "1")
    assert result.exit_code == 0, result.stderr
    rows = _jsonl(output)
    assert _files(rows) == names and [row["value"] for row in rows] == [5.0, 6.1, 7.2]


def test_standard_input(fake_pipeline: StandInPipeline, reports: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    text = REPORTS["b_2025.txt"]
    result = runner.invoke(app, ["extract", str(reports / "a_2024.txt"), "-", "-o", str(output), "-q"], input=text.encode("gb18030"))
    assert result.exit_code == 0, result.stderr
    rows = _jsonl(output)
    assert [row["file"] for row in rows] == [str(reports / "a_2024.txt")] * 2 + ["<stdin>"] * 3
    assert [row["value"] for row in rows[2:]] == [6.1, 8.2, 6.5]
    result = runner.invoke(app, ["extract", "-", "-o", str(output), "--resume"], input=b"")
    assert result.exit_code == 2 and "--resume cannot tell whether standard input" in result.stderr
    result = runner.invoke(app, ["extract", "-", "-q"], input=b"\x00\x01\x02" * 100)
    assert result.exit_code == 1 and "cannot read <stdin>: binary content" in result.stderr
    result = runner.invoke(app, ["panel", "-", "-o", str(tmp_path / "panel.csv")], input=text.encode("utf-8"))
    assert result.exit_code == 2 and "govie panel reads report files" in result.stderr


def test_standard_input_through_a_pipe(tmp_path: Path) -> None:
    import subprocess
    import sys

    _require_pipeline()
    text = "2025年全县地区生产总值为86.4亿元，增长5.2%。"
    command = [sys.executable, "-c", "from govie.cli import app; app()", "extract", "-", "-o", "-", "-q"]
    done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=300, check=True)
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [(row["value"], row["unit"], row["file"]) for row in rows] == [(86.4, "亿元", "<stdin>"), (5.2, "%", "<stdin>")]
    assert text[rows[0]["start"] : rows[0]["end"]] == "86.4"
