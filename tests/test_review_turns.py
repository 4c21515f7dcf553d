"""Where a report turns between the years it reviews and plans, and how the headline figures of the
past year are named (issue 13's corpus-wide GDP check): sentences written for these tests in the
style of the reports."""

from __future__ import annotations

import govie
from govie.lexicon import default_lexicon
from govie.pipeline.normalize import normalize


def _gdp_growth(records):
    return [(r.value, r.role, r.year, r.period, r.year_start) for r in records if r.indicator_id == "gdp" and r.measure == "growth"]


def test_a_heading_on_the_work_of_a_past_year_opens_its_review():
    text = (
        "一、2021年主要工作和成效\n"
        "一年来，我们坚持稳中求进。全省生产总值6.8万亿元、增长8.1%，地方财政收入增长12%。\n"
        "二、2022年主要目标任务和工作重点\n"
        "今年预期目标，全省生产总值增长6%左右。\n"
    )
    assert _gdp_growth(govie.extract(text, report_year=2022)) == [(8.1, "actual", 2021, "year", None), (6.0, "target", 2022, "year", None)]


def test_a_paragraph_on_the_year_just_past_ends_a_five_year_review():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全市新建农村公路1200公里，改造老旧小区360个。\n"
        "各位代表！\n"
        "刚刚过去的一年，我们经受住了多重考验。\n"
        "一是全力稳住经济大盘。生产总值增长4.2%，改造老旧小区85个。\n"
    )
    records = {r.value: (r.year, r.period) for r in govie.extract(text, report_year=2023)}
    assert records[360.0] == (2022, "cumulative")
    assert records[4.2] == (2022, "year")
    assert records[85.0] == (2022, "year")


def test_a_year_named_after_a_period_in_the_same_sentence_is_the_figure_s_own():
    text = "一、2024年工作回顾\n“十四五”以来，我省经济总量接连跨越两个千亿关口，2024年地区生产总值达到1.2万亿元、增长5.6%。\n"
    assert _gdp_growth(govie.extract(text, report_year=2025)) == [(5.6, "actual", 2024, "year", None)]


def test_parts_of_the_year_listed_with_fenbie_share_the_indicator_named_before():
    text = "一、2015年工作回顾\n我省地区生产总值逐季加快，第一季度、上半年、前三季度与全年分别增长5.1%、5.4%、5.6%、5.8%。\n"
    assert _gdp_growth(govie.extract(text, report_year=2016)) == [
        (5.1, "actual", 2015, "to_date", None),
        (5.4, "actual", 2015, "to_date", None),
        (5.6, "actual", 2015, "to_date", None),
        (5.8, "actual", 2015, "year", None),
    ]


def test_a_multiple_of_a_base_year_spans_the_years_since():
    text = "一、过去五年工作回顾\n2022年全省地区生产总值5620亿元，是2017年的1.5倍，是“十二五”末的1.8倍。\n"
    multiples = [(r.value, r.year, r.period, r.year_start) for r in govie.extract(text, report_year=2023) if r.unit == "倍"]
    assert multiples == [(1.5, 2022, "cumulative", 2018), (1.8, 2022, "cumulative", 2016)]


def test_a_plan_section_paragraph_on_last_year_reports_results():
    text = (
        "二、2016年工作安排\n"
        "新的一年任务艰巨。过去一年，全市上下共克时艰。全市生产总值增长6.9%，财政收入增长7%。\n"
        "综合考虑，今年预期目标定为：全市生产总值增长6.5%左右。\n"
    )
    assert _gdp_growth(govie.extract(text, report_year=2016)) == [(6.9, "actual", 2015, "year", None), (6.5, "target", 2016, "year", None)]


def test_verbs_of_reaching_and_conversions_are_no_part_of_the_indicator():
    text = (
        "一、2023年工作回顾\n"
        "地区生产总值迈上2万亿元新台阶、达到20345亿元、增长6.1%。\n"
        "实现地区生产总值6.2万亿元，总量折合超过9000亿美元，比上年增长7.9%。\n"
    )
    records = govie.extract(text, report_year=2024)
    assert [r.value for r in records if r.indicator_id == "gdp"] == [2.0, 20345.0, 6.1, 6.2, 9000.0, 7.9]


def test_a_named_place_s_figure_is_a_sub_area_s():
    lexicon = default_lexicon()
    assert lexicon.headline_id("包头市地区生产总值") is None
    assert lexicon.headline_id("兰州新区生产总值") is None
    assert lexicon.headline_id("我省地区生产总值") == "gdp"
    assert lexicon.headline_id("全疆地区生产总值") == "gdp"


def test_a_line_of_a_zero_width_space_inside_a_sentence_is_no_paragraph_break():
    text = "——经济稳中向好。国内生产总值达到65.3\n\u200b\n万亿元，增长6.1%。\n\n——民生持续改善。"
    normalised = normalize(text).text
    assert "达到65.3万亿元，增长6.1%。" in normalised
    assert "\n\n——民生持续改善。" in normalised


def test_a_step_reached_is_a_level_and_steps_passed_are_no_record():
    text = (
        "一、2024年工作回顾\n"
        "全省地区生产总值迈上4万亿台阶，达4.21万亿元、增长6.3%。\n"
        "“十四五”以来，我省经济总量接连跨过3个千亿台阶，2024年地区生产总值达到1.1万亿元、增长5.2%。\n"
    )
    records = [(r.value, r.unit, r.indicator_id) for r in govie.extract(text, report_year=2025)]
    assert (4.0, "万亿", "gdp") in records
    assert (6.3, "%", "gdp") in records and (5.2, "%", "gdp") in records
    assert all(value != 3.0 for value, _, _ in records)


def test_a_province_named_before_a_headline_is_the_province_itself():
    lexicon = default_lexicon()
    assert lexicon.headline_id("西藏生产总值") == "gdp"
    assert lexicon.headline_id("河南省地区生产总值") == "gdp"


def test_the_ner_s_shorter_name_does_not_bring_back_a_sub_area_s_id():
    from govie.pipeline.relations import _names_a_sub_area

    headline_id = default_lexicon().headline_id
    assert _names_a_sub_area("兰州新区生产总值", "生产总值", headline_id)
    assert _names_a_sub_area("沈阳地区生产总值", "生产总值", headline_id)
    assert not _names_a_sub_area("全省地区生产总值", "地区生产总值", headline_id)
    assert not _names_a_sub_area("实施地区生产总值", "地区生产总值", headline_id)


def test_growth_over_decades_spans_them():
    text = "一、2019年工作回顾\n新中国成立70年来，全省人民艰苦奋斗。全省地区生产总值增长180倍。\n回望40年改革历程，全省财政收入增长52倍。\n"
    multiples = {r.value: (r.year, r.period, r.year_start) for r in govie.extract(text, report_year=2020) if r.unit == "倍"}
    assert multiples[180.0] == (2019, "cumulative", 1950)
    assert multiples[52.0] == (2019, "cumulative", 1980)


def test_a_headline_named_in_a_clause_without_a_record_is_the_next_clause_s():
    text = "一、2018年工作回顾\n全省生产总值全年增长6.9%，一般公共预算收入跃居全国第5位，增长10.2%，城乡居民人均收入稳步提高。\n"
    records = {r.value: r.indicator_id for r in govie.extract(text, report_year=2019)}
    assert records[6.9] == "gdp"
    assert records[10.2] == "general_budget_revenue"


def test_a_total_reached_over_five_years_is_cumulative_and_gong_of_gonggong_adds_nothing_up():
    text = (
        "一、“十三五”时期工作回顾\n"
        "“十三五”时期，全市经济实力显著增强。\n"
        "（一）民生持续改善。城镇新增就业累计达56万人，一般公共预算收入达到310亿元，公共充电桩达到2.1万个。\n"
    )
    periods = {r.value: (r.year, r.period) for r in govie.extract(text, report_year=2021)}
    assert periods[56.0] == (2020, "cumulative")
    assert periods[310.0] == (2020, "year")
    assert periods[2.1] == (2020, "year")


def test_headings_on_a_past_plan_and_a_coming_one_without_numbers_or_review_words():
    text = (
        "一、“十三五”时期我市发展迈上新台阶\n"
        "五年来，城镇新增就业累计达12万人。\n"
        "“十四五”时期我县的奋斗目标和主要任务\n"
        "今后五年，城镇新增就业累计达到15万人以上。\n"
        "2021年重点工作\n"
        "城镇新增就业2.5万人。\n"
    )
    records = {r.value: (r.role, r.year, r.period) for r in govie.extract(text, report_year=2021)}
    assert records[12.0] == ("actual", 2020, "cumulative")
    assert records[15.0] == ("target", 2025, "cumulative")
    assert records[2.5] == ("target", 2021, "year")
    text = "一、2022年及本届政府工作回顾\n城镇新增就业3.1万人。\n二、今后五年工作的总体设想和构想\n城镇新增就业累计达到16万人以上。\n"
    records = {r.value: (r.role, r.year) for r in govie.extract(text, report_year=2023)}
    assert records[3.1] == ("actual", 2022)
    assert records[16.0] == ("target", 2027)


def test_a_list_mark_before_a_turn_to_the_single_year_keeps_the_turn():
    plain = (
        "一、“十三五”时期工作回顾\n"
        "“十三五”时期，全县发展步入快车道。\n"
        "（一）产业基础不断夯实。新增规模以上工业企业48家。\n"
        "各位代表，2020年是极为特殊的一年。全县一般公共预算收入增长3.2%，新增规模以上工业企业9家。\n"
    )
    marked = plain.replace("各位代表，2020年", "——各位代表，2020年")
    for text in (plain, marked):
        periods = {r.value: r.period for r in govie.extract(text, report_year=2021)}
        assert periods[48.0] == "cumulative"
        assert periods[3.2] == "year" and periods[9.0] == "year"
