"""The GDP growth target as reports announce it, in forms the first corpus-wide check missed;
sentences written for these tests in the style of the reports."""

from __future__ import annotations

import govie

from conftest import rows

FIELDS = ("indicator_id", "value", "measure", "role", "bound", "year")


def test_economic_growth_target_named_with_its_announcement():
    text = "统筹考虑需要与可能，今年经济增长预期目标为5.5%—6%，居民消费价格涨幅控制在3.5%以内。"
    assert rows(govie.extract(text, report_year=2017), *FIELDS) == [
        ("gdp", 5.5, "growth", "target", "min", 2017),
        ("gdp", 6.0, "growth", "target", "max", 2017),
        ("cpi", 3.5, "growth", "target", "max", 2017),
    ]


def test_growth_held_in_a_range_is_a_growth():
    text = "今年全区发展的主要预期目标建议是：地区生产总值增长保持在6.5%-7%区间，一般公共预算收入增长5%。"
    assert rows(govie.extract(text, report_year=2018), *FIELDS)[:2] == [
        ("gdp", 6.5, "growth", "target", "min", 2018),
        ("gdp", 7.0, "growth", "target", "max", 2018),
    ]
    # A level reached stays a level: the verb and the level word are one (`下降到`, `增长到`).
    text = "城镇登记失业率下降到3.2%，规模以上工业增加值增长到120亿元。"
    assert [r.measure for r in govie.extract(text, report_year=2018)] == ["level", "level"]


def test_targets_announced_with_this_year_outside_a_plan_section():
    text = "一、2014年工作回顾\n通盘考虑，预期今年全省地区生产总值增长5.5%左右，居民消费价格涨幅控制在2.5%。\n"
    assert rows(govie.extract(text, report_year=2015), *FIELDS) == [
        ("gdp", 5.5, "growth", "target", "approx", 2015),
        ("cpi", 2.5, "growth", "target", "max", 2015),
    ]


def test_a_target_list_run_into_one_line_by_a_web_copy():
    text = (
        "（一）总体要求。 坚持稳中求进工作总基调。 （二）主要预期目标。 综合考虑各方面因素，提出2026年经济社会发展主要预期目标。"
        " ——国内生产总值增长5.5%左右。这个目标兼顾了需要和可能。 ——城镇新增就业1100万人以上。"
    )
    assert rows(govie.extract(text, report_year=2026), *FIELDS) == [
        ("gdp", 5.5, "growth", "target", "approx", 2026),
        ("urban_new_jobs", 1100.0, "level", "target", "min", 2026),
    ]


def test_expected_targets_in_a_plan_opening_report_are_of_its_year():
    text = (
        "二、“十四五”总体思路和主要目标\n"
        "确保“十四五”开好局。\n"
        "全省发展主要预期目标为：生产总值增长6%左右，地方财政收入增长4.5%左右。\n"
        "“十四五”时期主要目标是：生产总值年均增长6%。\n"
        "四、确保实现“十四五”良好开局\n"
        "2021年是“十四五”起步之年。全市主要目标是：城镇新增就业42万人。\n"
    )
    assert rows(govie.extract(text, report_year=2021), "value", "role", "year", "period") == [
        (6.0, "target", 2021, "year"),
        (4.5, "target", 2021, "year"),
        (6.0, "target", 2025, "average"),
        (42.0, "target", 2021, "year"),
    ]


def test_a_clause_that_calls_the_indicator_by_an_aggregate_word_or_not_at_all():
    text = "一、2025年工作回顾\n全年地区生产总值跨上新台阶，总量突破4万亿元，增长5.3%。规上工业增加值增速逐月回升，全年增长6.1%。\n"
    assert rows(govie.extract(text, report_year=2026), "indicator_id", "value", "measure") == [
        ("gdp", 4.0, "level"),
        ("gdp", 5.3, "growth"),
        ("industrial_value_added", 6.1, "growth"),
    ]


def test_per_capita_gdp_is_not_gdp():
    text = "一、2025年工作回顾\n全市地区生产总值增长5.2%，人均地区生产总值达到9.8万元。\n"
    assert [r.indicator_id for r in govie.extract(text, report_year=2026)] == ["gdp", None]


def test_the_two_ends_of_a_range_are_no_two_tiers():
    text = "二、2023年工作安排\n争取2-3家企业挂牌上市，全县生产总值增长6.5%左右，力争7%-7.5%。\n"
    tiers = [(r.value, r.bound, r.tier) for r in govie.extract(text, report_year=2023)]
    assert tiers == [
        (2.0, "min", None),
        (3.0, "max", None),
        (6.5, "approx", "floor"),
        (7.0, "min", "stretch"),
        (7.5, "max", "stretch"),
    ]
