"""One made-up sentence per convention of RECORDS.md and of the issue: what the rules must decide."""

from __future__ import annotations

import opencc
import pytest

import govie

from conftest import rows

PLAN = "二、2026年工作安排\n"
REVIEW = "一、2025年工作回顾\n"


def extract(text: str, year: int = 2026):
    return govie.extract(text, report_year=year)


def test_traditional_characters_give_simplified_records_with_original_offsets():
    simplified = REVIEW + "全市地区生产总值达到1286.4亿元，增长5.2%；城镇居民人均可支配收入增长6.0%。"
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    records = extract(traditional)
    assert rows(records, "indicator", "value", "unit", "measure") == [
        ("地区生产总值", 1286.4, "亿元", "level"),
        ("地区生产总值", 5.2, "%", "growth"),
        ("城镇居民人均可支配收入", 6.0, "%", "growth"),
    ]
    assert [traditional[r.start : r.end] for r in records] == ["1286.4", "5.2", "6.0"]


def test_pinyin_mojibake_is_stripped_and_offsets_point_into_the_raw_text():
    raw = REVIEW + "關(guān)于東區(qū)經(jīng)濟發(fā)展：全區(qū)生產總值增長6.5%(同比,下同)，規(guī)模以上工業增加值增長8.1%。"
    records = extract(raw)
    assert rows(records, "indicator_id", "value", "measure") == [("gdp", 6.5, "growth"), ("industrial_value_added", 8.1, "growth")]
    assert [raw[r.start : r.end] for r in records] == ["6.5", "8.1"]
    assert "guān" not in records[0].evidence


def test_full_width_forms():
    raw = REVIEW + "社会消费品零售总额增长１２．５％，城镇新增就业３６００人。"
    records = extract(raw)
    assert rows(records, "indicator_id", "value", "unit") == [("retail_sales", 12.5, "%"), ("urban_new_jobs", 3600.0, "人")]
    assert [raw[r.start : r.end] for r in records] == ["１２．５", "３６００"]


def test_chinese_numerals():
    records = extract(REVIEW + "全年引进外资项目三千五百个，争取到位资金两百亿元。")
    assert rows(records, "value", "unit") == [(3500.0, "个"), (200.0, "亿元")]


def test_ranges_give_a_lower_and_an_upper_bound():
    records = extract(PLAN + "地区生产总值增长6.0%—6.5%，新建社区食堂1-2个。")
    assert rows(records, "indicator_id", "value", "unit", "measure", "bound") == [
        ("gdp", 6.0, "%", "growth", "min"),
        ("gdp", 6.5, "%", "growth", "max"),
        (None, 1.0, "个", "level", "min"),
        (None, 2.0, "个", "level", "max"),
    ]


def test_distribution_over_a_list_with_elided_heads():
    records = extract(REVIEW + "城镇、农村居民人均可支配收入分别增长6.5%、8%。")
    assert rows(records, "indicator", "indicator_id", "value") == [
        ("城镇居民人均可支配收入", "urban_disposable_income", 6.5),
        ("农村居民人均可支配收入", "rural_disposable_income", 8.0),
    ]


def test_distribution_over_full_names():
    records = extract(REVIEW + "高新技术产业增加值、战略性新兴产业产值分别增长13.2%和15.6%。")
    assert rows(records, "indicator", "value", "measure") == [
        ("高新技术产业增加值", 13.2, "growth"),
        ("战略性新兴产业产值", 15.6, "growth"),
    ]


def test_figure_after_qizhong_belongs_to_the_sub_item():
    records = extract(REVIEW + "固定资产投资完成860亿元，其中工业投资310亿元。")
    assert rows(records, "indicator", "indicator_id", "value") == [
        ("固定资产投资", "fixed_asset_investment", 860.0),
        ("工业投资", "industrial_investment", 310.0),
    ]


def test_floor_and_stretch_tiers():
    records = extract(PLAN + "地区生产总值确保增长6.7%、力争7.2%以上。")
    assert rows(records, "value", "role", "bound", "tier") == [(6.7, "target", "exact", "floor"), (7.2, "target", "min", "stretch")]


def test_single_stretch_word_is_no_tier():
    records = extract(PLAN + "进出口总额力争增长5%。")
    assert rows(records, "indicator_id", "role", "tier") == [("foreign_trade", "target", None)]


def test_estimate_carries_over_with_xiatong():
    text = REVIEW + "预计（下同）全年地区生产总值增长5.8%。一般公共预算收入增长4.1%。\n二、2026年工作安排\n地区生产总值增长6%左右。"
    records = extract(text)
    assert rows(records, "indicator_id", "role", "year") == [
        ("gdp", "estimate", 2025),
        ("general_budget_revenue", "estimate", 2025),
        ("gdp", "target", 2026),
    ]


def test_plain_estimate_stays_in_its_sentence():
    records = extract(REVIEW + "预计地区生产总值增长5.8%。城镇新增就业1.2万人。")
    assert rows(records, "indicator_id", "role", "unit") == [("gdp", "estimate", "%"), ("urban_new_jobs", "actual", "万人")]


def test_percentage_points_are_a_change_and_comparisons_are_dropped():
    records = extract(REVIEW + "空气质量优良天数比率达到86.3%，提高2.1个百分点；规模以上工业增加值增长7.5%，高于全省平均0.8个百分点。")
    assert rows(records, "indicator_id", "value", "unit", "measure") == [
        ("air_quality_good_days_ratio", 86.3, "%", "level"),
        ("air_quality_good_days_ratio", 2.1, "个百分点", "change"),
        ("industrial_value_added", 7.5, "%", "growth"),
    ]


def test_negative_growth():
    records = extract(REVIEW + "进出口总额下降3.2%，实际使用外资增长-39.7%，单位地区生产总值能耗降低4.5%。")
    assert rows(records, "indicator_id", "value", "measure") == [
        ("foreign_trade", -3.2, "growth"),
        ("actual_fdi", -39.7, "growth"),
        ("energy_intensity", -4.5, "growth"),
    ]


def test_section_years_come_from_headings():
    text = "2024年政府工作报告\n一、2023年工作回顾\n城镇新增就业5.1万人。\n二、2024年主要目标任务\n城镇新增就业5万人以上。"
    records = govie.extract(text)
    assert rows(records, "role", "year", "bound") == [("actual", 2023, "exact"), ("target", 2024, "min")]


def test_unnumbered_plan_heading_opens_the_plan_section():
    text = "2024年政府工作报告\n2023年工作回顾\n城镇新增就业5.1万人。\n2024年目标任务\n主要预期目标是：城镇新增就业5万人以上。\n抓好十个方面工作。\n力争民营经济增加值增长7.5%以上。"
    records = govie.extract(text)
    assert rows(records, "role", "year") == [("actual", 2023), ("target", 2024), ("target", 2024)]


def test_web_chrome_and_front_matter_are_not_extracted():
    raw = (
        "---\ntitle: 2026年政府工作报告\nsource: https://example.gov.cn/2026/0123/8848.html\n---\n下载 打印 全屏 收藏\n"
        + REVIEW
        + "城镇新增就业5213人。\n责任编辑：王12\n"
    )
    records = extract(raw)
    assert rows(records, "indicator_id", "value") == [("urban_new_jobs", 5213.0)]
    assert raw[records[0].start : records[0].end] == "5213"


@pytest.mark.parametrize("bad", [None, 12, b"bytes"])
def test_extract_rejects_non_text(bad):
    with pytest.raises(TypeError):
        govie.extract(bad)  # type: ignore[arg-type]


def test_decisions_of_docs_decisions_md():
    records = extract(REVIEW + "财政赤字减少12亿元，城镇化率提高到60%，新建12所学校。到2030年，地区生产总值达到5000亿元。")
    assert rows(records, "indicator", "value", "measure", "role", "year") == [
        ("财政赤字", -12.0, "change", "actual", 2025),
        ("城镇化率", 60.0, "level", "actual", 2025),
        ("新建学校", 12.0, "level", "actual", 2025),
        ("地区生产总值", 5000.0, "level", "target", 2030),
    ]


def test_price_index_rise_is_growth():
    records = extract(REVIEW + "居民消费价格上涨2.1%。")
    assert rows(records, "indicator_id", "value", "measure") == [("cpi", 2.1, "growth")]


def test_one_value_for_several_indicators():
    records = extract(REVIEW + "人大代表建议办复率、见面率均达到100%，城乡居民人均可支配收入均增长6%。")
    assert rows(records, "indicator", "indicator_id", "value") == [
        ("人大代表建议办复率", None, 100.0),
        ("见面率", None, 100.0),
        ("城镇居民人均可支配收入", "urban_disposable_income", 6.0),
        ("农村居民人均可支配收入", "rural_disposable_income", 6.0),
    ]


def test_multiples_and_bare_unit_numerals():
    records = extract(REVIEW + "外贸出口额增长2.6倍，旅游总收入突破千亿元，千家万户受益。")
    assert rows(records, "indicator", "value", "unit", "measure", "bound") == [
        ("外贸出口额", 2.6, "倍", "growth", "exact"),
        ("旅游总收入", 1000.0, "亿元", "level", "min"),
    ]


def test_zhengqu_in_a_review_reports_what_was_obtained():
    records = extract(REVIEW + "争取上级支持资金39.6亿元，人均预期寿命达到79岁。")
    assert rows(records, "role") == [("actual",), ("actual",)]
