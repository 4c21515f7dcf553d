"""`govie panel` on real reports: two consecutive reports of one city give a panel, target/actual
pairs whose target comes from the first report and actual from the second, and an HTML summary."""

from __future__ import annotations

import base64
import re
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from govie.cli import app
from govie.panel import PANEL_COLUMNS

REPORTS = ("dalianshi_2016_dbed3933.txt", "dalianshi_2017_d9377584.txt")


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name in REPORTS:
        shutil.copy(corpus / "reports" / name, folder / name)
    out = tmp_path_factory.mktemp("panel")
    result = CliRunner().invoke(
        app,
        [
            "panel",
            str(folder),
            "-o",
            str(out / "panel.parquet"),
            "--manifest",
            str(corpus / "manifest.jsonl"),
            "--html",
            str(out / "summary.html"),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    return folder, out


def test_panel_rows_and_metadata(built):
    _, out = built
    panel = pd.read_parquet(out / "panel.parquet")
    assert tuple(panel.columns) == PANEL_COLUMNS
    assert set(panel["region"]) == {"大连市"} and set(panel["level"]) == {"city"}
    assert set(panel["report_year"]) == {2016, 2017}
    assert panel["value"].notna().all() and (panel["start"] < panel["end"]).all()
    amounts = panel[panel["unit"] == "亿元"]
    assert len(amounts) and (amounts["normalised_value"] == amounts["value"] * 1e8).all()


def test_pairs_join_report_t_targets_with_report_t_plus_1_results(built):
    _, out = built
    pairs = pd.read_parquet(out / "panel.pairs.parquet")
    assert len(pairs) >= 4
    assert set(pairs["year"]) == {2016}
    assert all("2016" in file for file in pairs["file_target"]) and all("2017" in file for file in pairs["file_actual"])
    gdp = pairs[(pairs["indicator_id"] == "gdp") & (pairs["measure"] == "growth")]
    assert len(gdp) == 1
    row = gdp.iloc[0]
    # The figures are the ones quoted in each side's evidence.
    for value, evidence in ((row["target"], row["evidence_target"]), (row["actual"], row["evidence_actual"])):
        assert f"{value:g}" in evidence
    assert row["gap"] == pytest.approx(row["actual"] - row["target"])


def test_html_summary_is_self_contained(built):
    _, out = built
    page = (out / "summary.html").read_text(encoding="utf8")
    images = re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", page)
    assert len(images) >= 2
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert "http" not in page.replace("http-equiv", "")
    # Beside each plot, the figures that made no pair and why.
    assert page.count("Figures left out of the pairs") + page.count("No figure of this indicator was left out") == len(images) // 2


def test_resume_reuses_extracted_records(built, tmp_path):
    folder, _ = built
    out = tmp_path / "panel.csv"
    runner = CliRunner()
    first = runner.invoke(app, ["panel", str(folder / REPORTS[0]), "-o", str(out), "-q"])
    assert first.exit_code == 0, first.output
    records = (tmp_path / "panel.records.jsonl").read_text(encoding="utf8")
    second = runner.invoke(app, ["panel", str(folder), "-o", str(out), "--resume"])
    assert second.exit_code == 0, second.output
    assert "1 skipped as already done" in second.output
    assert (tmp_path / "panel.records.jsonl").read_text(encoding="utf8").startswith(records)
    panel = pd.read_csv(out)
    assert set(panel["report_year"]) == {2016, 2017}
    assert (tmp_path / "panel.pairs.csv").exists()


def test_unknown_panel_format_is_a_usage_error(built, tmp_path):
    folder, _ = built
    result = CliRunner().invoke(app, ["panel", str(folder), "-o", str(tmp_path / "panel.xls")])
    assert result.exit_code == 2
    assert ".parquet, .csv, .xlsx, .dta" in result.output


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_panel_written_in_chunks_equals_the_panel_built_at_once(built, tmp_path, suffix):
    from govie.panel import build_panel, link_targets, panel_from_records, read_records, report_metadata

    _, out = built
    records_path = out / "panel.records.jsonl"
    records = read_records(records_path)
    at_once = panel_from_records(records, report_metadata(records["file"].unique()))
    output = tmp_path / f"panel{suffix}"
    headline, coverage = build_panel(records_path, output, chunk_rows=97)
    written = pd.read_parquet(output) if suffix == ".parquet" else pd.read_csv(output)
    assert len(written) == len(at_once) == coverage.records
    assert list(written["value"]) == list(at_once["value"]) and list(written["evidence"]) == list(at_once["evidence"])
    assert list(written["region"]) == list(at_once["region"])
    assert coverage.regions == {"大连市"} and coverage.report_years == {2016, 2017}
    assert link_targets(headline).equals(link_targets(at_once))
    assert not output.with_name(output.name + ".partial").exists()


def test_panel_of_no_records_is_a_readable_empty_table(tmp_path):
    from govie.panel import PANEL_COLUMNS, build_panel

    records = tmp_path / "none.records.jsonl"
    records.write_text("", encoding="utf8")
    headline, coverage = build_panel(records, tmp_path / "panel.parquet")
    written = pd.read_parquet(tmp_path / "panel.parquet")
    assert tuple(written.columns) == PANEL_COLUMNS and written.empty
    assert headline.empty and coverage.records == 0


def _panel_from_done_records(built, output):
    """`govie panel --resume` over records already extracted: only the tables are made."""
    folder, out = built
    for name in ("panel.records.jsonl", "panel.reports.jsonl"):
        shutil.copy(out / name, output.with_name(name))
    shutil.copy(out / ".panel.records.jsonl.govie-done", output.with_name(".panel.records.jsonl.govie-done"))
    result = CliRunner().invoke(app, ["panel", str(folder), "-o", str(output), "--resume", "-q"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("suffix", [".xlsx", ".dta"])
def test_panel_as_excel_and_stata_reads_back_as_the_csv(built, tmp_path, suffix):
    (tmp_path / "csv").mkdir()
    (tmp_path / "table").mkdir()
    _panel_from_done_records(built, tmp_path / "csv" / "panel.csv")
    _panel_from_done_records(built, tmp_path / "table" / f"panel{suffix}")
    for name in ("panel", "panel.pairs"):
        expected = pd.read_csv(tmp_path / "csv" / f"{name}.csv")
        path = tmp_path / "table" / f"{name}{suffix}"
        table = pd.read_excel(path) if suffix == ".xlsx" else pd.read_stata(path).rename(columns={"_end": "end"}).replace("", None)
        assert list(table.columns) == list(expected.columns)
        assert len(table) == len(expected) > 0
        for column in expected.columns:
            got = [None if pd.isna(v) else v for v in table[column]]
            # Excel keeps 15 significant digits (117640000000.00002 is 117640000000 there).
            # Stata stores true/false as 1/0.
            want = [None if pd.isna(v) else int(v) if isinstance(v, bool) and suffix == ".dta" else v for v in expected[column]]
            assert got == pytest.approx(want, rel=1e-14), (name, column)


def test_panel_tables_returns_dataframes_without_writing(built, tmp_path):
    from govie.panel import link_targets, panel_tables, read_records

    _, out = built
    before = set(out.iterdir())
    panel, pairs = panel_tables(out / "panel.records.jsonl")
    assert set(out.iterdir()) == before
    written = pd.read_parquet(out / "panel.parquet")
    assert tuple(panel.columns) == PANEL_COLUMNS and len(panel) == len(written)
    assert list(panel["normalised_value"].fillna(-1)) == list(written["normalised_value"].fillna(-1))
    assert pairs.equals(link_targets(panel)) and len(pairs) >= 4
    # From a DataFrame of records (what govie.to_frame gives) the same panel.
    from_frame, _ = panel_tables(read_records(out / "panel.records.jsonl"))
    assert list(from_frame["value"]) == list(panel["value"]) and list(from_frame["file"]) == list(panel["file"])
