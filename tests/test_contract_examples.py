"""The worked examples of ../shared/spec/RECORDS.md, field by field."""

from __future__ import annotations

import govie

from conftest import rows

FIELDS = ("indicator", "indicator_id", "value", "unit", "measure", "role", "bound", "tier", "year")


def test_results_with_parenthesised_target():
    text = "2025年全区地区生产总值为312.5亿元，增长6.1%，低于年初预期目标（6.5%）0.4个百分点。"
    records = govie.extract(text, report_year=2026)
    assert rows(records, *FIELDS) == [
        ("地区生产总值", "gdp", 312.5, "亿元", "level", "actual", "exact", None, 2025),
        ("地区生产总值", "gdp", 6.1, "%", "growth", "actual", "exact", None, 2025),
        ("地区生产总值", "gdp", 6.5, "%", "growth", "target", "exact", None, 2025),
    ]
    assert [text[r.start : r.end] for r in records] == ["312.5", "6.1", "6.5"]


def test_main_expected_targets_with_tiers():
    text = "今年主要预期目标是：地区生产总值增长6%左右，一般公共预算收入确保增长5%、力争6%，城镇调查失业率控制在5.5%以内。"
    records = govie.extract(text, report_year=2026)
    assert rows(records, *FIELDS) == [
        ("地区生产总值", "gdp", 6.0, "%", "growth", "target", "approx", None, 2026),
        ("一般公共预算收入", "general_budget_revenue", 5.0, "%", "growth", "target", "exact", "floor", 2026),
        ("一般公共预算收入", "general_budget_revenue", 6.0, "%", "growth", "target", "exact", "stretch", 2026),
        ("城镇调查失业率", "urban_surveyed_unemployment_rate", 5.5, "%", "level", "target", "max", None, 2026),
    ]


def test_sub_items_and_counts():
    text = "新签约亿元以上项目42个，其中10亿元以上项目7个；城镇新增就业5213人。"
    records = govie.extract(text, report_year=2026)
    assert rows(records, "indicator", "indicator_id", "value", "unit", "measure", "role") == [
        ("新签约亿元以上项目", None, 42.0, "个", "level", "actual"),
        ("新签约10亿元以上项目", None, 7.0, "个", "level", "actual"),
        ("城镇新增就业", "urban_new_jobs", 5213.0, "人", "level", "actual"),
    ]


def test_not_records():
    text = "2023年1月7日，我们召开“十四五”规划推进会，5G基站建设和500千伏输电工程位列全省第一位，进入前15名，三升两降[3]。"
    assert govie.extract(text, report_year=2024) == []


def test_plan_opening_report_with_periods_and_tiers():
    """Contract v2's example: a review of five years, then the coming year's targets in two tiers."""
    text = "过去五年，全市地区生产总值年均增长6.2%，累计新增城镇就业41.5万人。今年主要预期目标是：地区生产总值增长5.5%左右，力争6%。"
    records = govie.extract(text, report_year=2026)
    assert rows(records, "indicator_id", "value", "unit", "measure", "role", "bound", "tier", "year", "period", "year_start") == [
        ("gdp", 6.2, "%", "growth", "actual", "exact", None, 2025, "average", 2021),
        ("urban_new_jobs", 41.5, "万人", "level", "actual", "exact", None, 2025, "cumulative", 2021),
        ("gdp", 5.5, "%", "growth", "target", "approx", "floor", 2026, "year", None),
        ("gdp", 6.0, "%", "growth", "target", "exact", "stretch", 2026, "year", None),
    ]


def test_part_of_the_year_and_growth_of_the_economy():
    text = "一、2025年工作回顾\n1—11月，规模以上工业增加值增长5.1%。全年经济增长6%。"
    records = govie.extract(text, report_year=2026)
    assert rows(records, "indicator_id", "value", "period", "year") == [
        ("industrial_value_added", 5.1, "to_date", 2025),
        ("gdp", 6.0, "year", 2025),
    ]
