"""Names of headline figures as county and city reports write them: a measure word that stands for
the thing the figure before measured (`规上工业产值和增加值`, `播种面积…、产量…`), a yearly target in
parentheses after the result (`增长9.1%(年度目标7%)`), and words before a name that are no part of it
(`特别是`, `可实现`, `三年`). Made-up sentences, read by the shipped pipeline."""

from __future__ import annotations

import govie

from conftest import rows

REVIEW = "一、2025年工作回顾\n"
FIELDS = ("indicator_id", "value", "measure", "role", "year")


def extract(text: str):
    return govie.extract(text, report_year=2026)


def test_a_later_head_that_is_only_a_measure_word_measures_the_thing_of_the_first():
    text = REVIEW + "全年规上工业产值和增加值分别达到82亿元和21.5亿元，分别增长7.7%和6.9%。"
    assert rows(extract(text), *FIELDS) == [
        ("industrial_output", 82.0, "level", "actual", 2025),
        ("industrial_value_added", 21.5, "level", "actual", 2025),
        ("industrial_output", 7.7, "growth", "actual", 2025),
        ("industrial_value_added", 6.9, "growth", "actual", 2025),
    ]


def test_a_measure_word_alone_after_a_figure_measures_the_same_thing():
    text = REVIEW + "全县粮食播种面积稳定在31万亩、产量13万吨，果品年产量达到6.1万吨，产值4.8亿元。"
    records = extract(text)
    assert [(r.indicator, r.indicator_id) for r in records] == [
        ("粮食播种面积", None),
        ("粮食产量", "grain_output"),
        ("果品年产量", None),
        ("果品年产值", None),
    ]


def test_a_total_output_after_the_grain_harvest_is_the_grain_output():
    text = REVIEW + "粮食生产再获丰收，总产量达到52.4万吨。"
    assert rows(extract(text), *FIELDS) == [("grain_output", 52.4, "level", "actual", 2025)]


def test_a_yearly_target_in_parentheses_after_a_result_is_that_indicators_target():
    text = REVIEW + "固定资产投资完成45.3亿元，增长14.4%(年度目标7%左右)；社会消费品零售总额完成30亿元，增长5.2%(年度目标6%)。"
    assert rows(extract(text), *FIELDS) == [
        ("fixed_asset_investment", 45.3, "level", "actual", 2025),
        ("fixed_asset_investment", 14.4, "growth", "actual", 2025),
        ("fixed_asset_investment", 7.0, "growth", "target", 2025),
        ("retail_sales", 30.0, "level", "actual", 2025),
        ("retail_sales", 5.2, "growth", "actual", 2025),
        ("retail_sales", 6.0, "growth", "target", 2025),
    ]


def test_words_before_a_name_that_are_no_part_of_it():
    text = (
        REVIEW + "特别是一般公共预算收入完成6.7亿元。预计全年可实现地区生产总值188亿元。"
        "三年经济年均增长5.1%。一般公共预算突破9亿元，外贸进出口额达到3.2亿美元，旅游总花费增长11%。"
    )
    assert [(r.indicator_id, r.value) for r in extract(text)] == [
        ("general_budget_revenue", 6.7),
        ("gdp", 188.0),
        ("gdp", 5.1),
        ("general_budget_revenue", 9.0),
        ("foreign_trade", 3.2),
        ("tourism_revenue", 11.0),
    ]


def test_the_opening_of_a_sentence_with_a_bare_measure_word_names_a_headline():
    text = REVIEW + "第三产业发展势头良好，实现增加值238.6亿元。今年粮食再获丰收，总产量42.7亿斤。工业经济稳中有进，增加值增长6%。"
    assert [(r.indicator_id, r.value) for r in extract(text)] == [
        ("service_value_added", 238.6),
        ("grain_output", 42.7),
        (None, 6.0),
    ]


def test_growth_of_industry_above_the_size_threshold_is_that_of_its_value_added():
    assert rows(extract(REVIEW + "全县规模以上工业增长11.3%。"), *FIELDS) == [("industrial_value_added", 11.3, "growth", "actual", 2025)]


def test_a_part_or_a_multiple_of_a_headline_figure_is_not_that_figure():
    text = REVIEW + "农村特困供养标准调整为上年农村居民人均可支配收入的55%。一般公共预算支出突破18亿元，是一般公共预算收入的5倍。"
    assert [(r.indicator_id, r.value) for r in extract(text)] == [(None, 55.0), ("general_budget_expenditure", 18.0), (None, 5.0)]


def test_a_share_written_on_the_last_head_of_a_list_is_of_each():
    text = REVIEW + "全县GDP、税收收入、规上工业增加值占全市比重分别为31%、22%和38%，城镇调查失业率平均值为5.3%。"
    assert [(r.indicator, r.indicator_id, r.value) for r in extract(text)] == [
        ("GDP占全市比重", None, 31.0),
        ("税收收入占全市比重", None, 22.0),
        ("规上工业增加值占全市比重", None, 38.0),
        ("城镇调查失业率", "urban_surveyed_unemployment_rate", 5.3),
    ]


def test_the_urban_and_rural_parts_of_the_residents_income():
    text = REVIEW + "全体居民人均可支配收入31250元、增长7.9%，其中城镇40125元、农村18630元，分别增长6.8%和9.6%。"
    assert [(r.indicator_id, r.value) for r in extract(text)] == [
        ("disposable_income", 31250.0),
        ("disposable_income", 7.9),
        ("urban_disposable_income", 40125.0),
        ("rural_disposable_income", 18630.0),
        ("urban_disposable_income", 6.8),
        ("rural_disposable_income", 9.6),
    ]
    plan = "二、2026年工作安排\n全体居民人均可支配收入预期增长6%，其中城镇和农村分别增长5.5%和7.5%。"
    assert [(r.indicator_id, r.value) for r in extract(plan)] == [
        ("disposable_income", 6.0),
        ("urban_disposable_income", 5.5),
        ("rural_disposable_income", 7.5),
    ]


def test_a_threshold_crossed_is_the_figure_of_the_sentence_and_names_nothing():
    text = REVIEW + "一般公共预算收入迈上200亿台阶，达213.4亿元。全市完成地区生产总值2046.8亿元，服务业增长5.7%。"
    assert [(r.indicator_id, r.value) for r in extract(text)] == [
        ("general_budget_revenue", 200.0),
        ("general_budget_revenue", 213.4),
        ("gdp", 2046.8),
        ("service_value_added", 5.7),
    ]


def test_the_second_head_of_revenue_and_spending_is_the_spending():
    text = REVIEW + "一般公共预算收入和支出分别增长5%和8%。"
    assert [(r.indicator_id, r.value) for r in extract(text)] == [("general_budget_revenue", 5.0), ("general_budget_expenditure", 8.0)]


def test_two_values_after_the_urban_and_rural_income_are_one_each():
    text = REVIEW + "城乡居民人均可支配收入完成3.12万元和1.46万元，分别增长6%和7.7%。"
    assert [(r.indicator_id, r.value) for r in extract(text)] == [
        ("urban_disposable_income", 3.12),
        ("rural_disposable_income", 1.46),
        ("urban_disposable_income", 6.0),
        ("rural_disposable_income", 7.7),
    ]


COUNTY_HEADER = "青河县2026年政府工作报告\n各位代表：\n"


def test_a_county_area_in_the_county_own_report_is_the_county():
    # GUIDELINE, rulings after the first county pass: `县域生产总值` is the county's GDP in its own report.
    text = COUNTY_HEADER + REVIEW + "去年县域生产总值完成96.3亿元，增长6.1%。\n二、2026年工作安排\n今年县域生产总值增长6.5%左右。"
    assert rows(extract(text), "indicator", "indicator_id", "value", "role") == [
        ("县域生产总值", "gdp", 96.3, "actual"),
        ("县域生产总值", "gdp", 6.1, "actual"),
        ("县域生产总值", "gdp", 6.5, "target"),
    ]


def test_a_county_area_in_a_city_report_is_its_counties_together():
    header = "西宁市2026年政府工作报告\n各位代表：\n"
    text = header + REVIEW + "全市县域生产总值完成960.3亿元，增长6.1%。"
    assert rows(extract(text), "indicator_id", "value") == [(None, 960.3), (None, 6.1)]


def test_a_count_of_places_named_after_a_headline_figure_has_no_id():
    text = REVIEW + "地区生产总值超百亿元的县增加到6个，经济总量超500亿元的县达到2个。"
    counts = [record for record in extract(text) if record.unit == "个"]
    assert rows(counts, "value", "indicator_id") == [(6.0, None), (2.0, None)]
    assert govie.extract(REVIEW + "城镇新增就业岗位1.2万个。", report_year=2026)[0].indicator_id == "urban_new_jobs"
