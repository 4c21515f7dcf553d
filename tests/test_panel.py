"""Target/actual linking on written fixtures: targets of report t against results in report t+1."""

from __future__ import annotations

import pandas as pd

from govie.panel import link_targets, pairing_losses


def record(region, indicator_id, value, unit, measure, role, year, bound="exact", tier=None):
    return {
        "region": region,
        "indicator_id": indicator_id,
        "value": value,
        "unit": unit,
        "measure": measure,
        "role": role,
        "year": year,
        "bound": bound,
        "tier": tier,
    }


def test_targets_meet_the_next_reports_results():
    rows = [
        # report 2025 of 东湖市: its 2025 targets
        record("东湖市", "gdp", 6.0, "%", "growth", "target", 2025, "approx"),
        record("东湖市", "general_budget_revenue", 5.0, "%", "growth", "target", 2025, tier="floor"),
        record("东湖市", "general_budget_revenue", 6.0, "%", "growth", "target", 2025, tier="stretch"),
        record("东湖市", "urban_surveyed_unemployment_rate", 5.5, "%", "level", "target", 2025, "max"),
        # report 2026 of 东湖市: the 2025 results (an estimate and a final figure of GDP)
        record("东湖市", "gdp", 5.8, "%", "growth", "estimate", 2025),
        record("东湖市", "gdp", 5.6, "%", "growth", "actual", 2025),
        record("东湖市", "general_budget_revenue", 5.2, "%", "growth", "actual", 2025),
        record("东湖市", "urban_surveyed_unemployment_rate", 5.1, "%", "level", "actual", 2025),
        # another region with a target only, and a result in another unit
        record("西山市", "gdp", 7.0, "%", "growth", "target", 2025),
        record("西山市", "gdp", 1200.0, "亿元", "level", "actual", 2025),
        record("东湖市", None, 42.0, "个", "level", "actual", 2025),
    ]
    pairs = link_targets(pd.DataFrame(rows))
    got = {(r.indicator_id, r.target, r.actual, r.met) for r in pairs.itertuples()}
    assert got == {
        ("gdp", 6.0, 5.6, False),
        ("general_budget_revenue", 5.0, 5.2, True),
        ("urban_surveyed_unemployment_rate", 5.5, 5.1, True),
    }
    gdp = pairs[pairs["indicator_id"] == "gdp"].iloc[0]
    assert abs(gdp["gap"] - (-0.4)) < 1e-9 and gdp["actual_role"] == "actual"


def test_target_from_its_own_report_and_result_from_the_next():
    rows = [
        # report 2024: the 2024 target, and the 2023 target recalled in a review
        {**record("东湖市", "gdp", 6.0, "%", "growth", "target", 2024), "report_year": 2024},
        {**record("东湖市", "gdp", 5.0, "%", "growth", "target", 2023), "report_year": 2024},
        # report 2025: the 2024 result; report 2026 restates 2024 in a five-year review
        {**record("东湖市", "gdp", 6.2, "%", "growth", "actual", 2024), "report_year": 2025},
        {**record("东湖市", "gdp", 5.9, "%", "growth", "actual", 2024), "report_year": 2026},
        # report 2024 has no 2023 result linked to the recalled 2023 target
        {**record("东湖市", "gdp", 4.8, "%", "growth", "actual", 2023), "report_year": 2024},
    ]
    pairs = link_targets(pd.DataFrame(rows))
    assert [(r.year, r.target, r.actual) for r in pairs.itertuples()] == [(2024, 6.0, 6.2)]


def test_annual_figure_and_full_name_preferred_to_average_and_alias():
    rows = [
        record("东湖市", "gdp", 6.0, "%", "growth", "target", 2024),
        {
            **record("东湖市", "gdp", 8.1, "%", "growth", "actual", 2024),
            "evidence": "五年来，地区生产总值年均增长8.1%。",
            "indicator": "地区生产总值",
            "period": "average",  # contract v2: only annual figures are paired
        },
        {**record("东湖市", "gdp", 9.0, "%", "growth", "actual", 2024), "evidence": "开发区经济总量增长9%。", "indicator": "经济总量"},
        {
            **record("东湖市", "gdp", 5.7, "%", "growth", "estimate", 2024),
            "evidence": "预计地区生产总值增长5.7%。",
            "indicator": "地区生产总值",
        },
    ]
    rows[0].update(evidence="地区生产总值增长6%。", indicator="地区生产总值")
    pairs = link_targets(pd.DataFrame(rows))
    assert list(pairs["actual"]) == [5.7]
    assert pairs["evidence_actual"][0] == "预计地区生产总值增长5.7%。"


def test_ceilings_are_met_from_below():
    rows = [
        record("东湖市", "cpi", 3.0, "%", "growth", "target", 2024, "approx"),
        record("东湖市", "cpi", 0.4, "%", "growth", "actual", 2024),
        record("东湖市", "energy_intensity", -3.0, "%", "growth", "target", 2024),
        record("东湖市", "energy_intensity", -2.1, "%", "growth", "actual", 2024),
        record("东湖市", "urban_new_jobs", 5.0, "万人", "level", "target", 2024, "min"),
        record("东湖市", "urban_new_jobs", 5.3, "万人", "level", "actual", 2024),
    ]
    met = {r.indicator_id: r.met for r in link_targets(pd.DataFrame(rows)).itertuples()}
    assert met == {"cpi": True, "energy_intensity": False, "urban_new_jobs": True}


def test_panel_rows_carry_metadata_and_base_units(tmp_path):
    from govie.panel import PANEL_COLUMNS, load_manifest, panel_from_records, report_metadata

    # A real prefecture: a 市 missing from the gazetteer is read as a county-level city.
    report = tmp_path / "huzhou_2025.txt"
    report.write_text(
        "湖州市政府工作报告（2025年1月8日）\n各位代表：\n去年地区生产总值571.02亿元，城镇新增就业6.3万人。\n", encoding="utf8"
    )
    other = tmp_path / "xishan_2025.txt"
    other.write_text("各位代表：\n", encoding="utf8")
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text('{"file": "xishan_2025.txt", "region": "西山县", "level": "county", "year": 2025}\n', encoding="utf8")
    records = pd.DataFrame(
        [
            {
                **record(None, "gdp", 571.02, "亿元", "level", "actual", 2024),
                "indicator": "地区生产总值",
                "file": str(report),
                "start": 22,
                "end": 28,
                "evidence": "…",
            },
            {
                **record(None, "urban_new_jobs", 6.3, "万人", "level", "actual", 2024),
                "indicator": "城镇新增就业",
                "file": str(other),
                "start": 5,
                "end": 8,
                "evidence": "…",
            },
        ]
    ).drop(columns=["region"])
    metadata = report_metadata(records["file"], load_manifest(manifest))
    panel = panel_from_records(records, metadata)
    assert tuple(panel.columns) == PANEL_COLUMNS
    first, second = panel.to_dict("records")
    assert (first["region"], first["level"], first["report_year"]) == ("湖州市", "city", 2025)
    assert (first["normalised_value"], first["normalised_unit"]) == (57_102_000_000.0, "元")
    assert (second["region"], second["level"], second["report_year"]) == ("西山县", "county", 2025)
    assert (second["normalised_value"], second["normalised_unit"]) == (63_000.0, "人")


def test_bad_manifest_is_reported_with_its_line(tmp_path):
    import pytest

    from govie.panel import PanelError, load_manifest

    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text('{"file": "a.txt", "region": "东湖市"}\n{"region": "西山市"}\n', encoding="utf8")
    with pytest.raises(PanelError, match=r"manifest.jsonl:2"):
        load_manifest(manifest)


def test_whole_region_figure_preferred_to_a_zone_inside_it():
    rows = [
        {**record("东湖省", "gdp", 6.5, "%", "growth", "target", 2024), "evidence": "全省生产总值增长6.5%。", "indicator": "全省生产总值"},
        {
            **record("东湖省", "gdp", 20.0, "%", "growth", "actual", 2024),
            "evidence": "东湖新区地区生产总值增长20%。",
            "indicator": "地区生产总值",
        },
        {
            **record("东湖省", "gdp", 6.1, "%", "growth", "estimate", 2024),
            "evidence": "预计全省生产总值增长6.1%。",
            "indicator": "全省生产总值",
        },
    ]
    assert list(link_targets(pd.DataFrame(rows))["actual"]) == [6.1]


def test_figures_left_out_of_the_pairs_are_counted_by_reason():
    def figure(report_year, role, year, value, unit="万人", period="year", start=0, region="东湖市"):
        row = record(region, "urban_new_jobs", value, unit, "level", role, year)
        return {**row, "report_year": report_year, "period": period, "file": f"{region}_{report_year}.txt", "start": start}

    rows = [
        figure(2025, "target", 2025, 5.0, start=10),  # paired
        figure(2026, "actual", 2025, 5.6, start=20),  # paired
        {**figure(2025, "target", 2025, 5.5, start=15), "tier": "stretch"},  # the floor is the one paired
        figure(2026, "actual", 2025, 27.0, period="cumulative", start=30),  # a five-year total
        figure(2026, "target", 2025, 5.0, start=40),  # the 2025 target recalled in the 2026 report
        figure(2026, "target", 2026, 5.2, start=50),  # no 2026 result in the data
        figure(2025, "target", 2025, 4800.0, unit="人", region="西山市"),  # 4,800 people against ...
        figure(2026, "actual", 2025, 5.1, unit="万户", region="西山市"),  # ... households: no pair
    ]
    frame = pd.DataFrame(rows)
    pairs = link_targets(frame)
    assert list(zip(pairs["target"], pairs["actual"])) == [(5.0, 5.6)]
    losses = pairing_losses(frame, pairs)
    got = {row.reason: row.figures for row in losses.itertuples()}
    assert got == {"not_annual": 1, "other_report": 1, "no_counterpart": 1, "units_differ": 2, "not_chosen": 1}
