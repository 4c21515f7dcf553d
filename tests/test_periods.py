"""Periods and years in reviews of several years and in plans (RECORDS.md v2 `period`, `year`):
sentences written for these tests in the style of the reports."""

from __future__ import annotations

import govie
from govie.pipeline import build_rules_pipeline
from govie.pipeline.context import find_sections
from govie.pipeline.normalize import normalize

from conftest import rows

PERIOD = ("indicator", "value", "role", "year", "period", "year_start")


def _by_value(records):
    return {r.value: (r.role, r.year, r.period, r.year_start) for r in records}


def test_a_five_year_review_that_turns_to_the_past_year():
    text = (
        "一、“十四五”时期工作回顾\n"
        "“十四五”时期我市发展成效显著。\n"
        "——基础设施加快完善。新建改造城市道路420公里，新增污水管网86公里。\n"
        "——民生保障持续加强。建成保障性住房1.2万套。\n"
        "刚刚过去的2025年，我们稳中求进。新建改造城市道路35公里，城镇新增就业3.1万人。\n"
        "二、2026年工作安排\n"
        "城镇新增就业3万人以上。\n"
    )
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[420.0] == ("actual", 2025, "cumulative", 2021)
    assert values[86.0] == ("actual", 2025, "cumulative", 2021)
    assert values[1.2] == ("actual", 2025, "cumulative", 2021)
    assert values[35.0] == ("actual", 2025, "year", None)
    assert values[3.1] == ("actual", 2025, "year", None)
    assert values[3.0] == ("target", 2026, "year", None)


def test_an_opening_paragraph_without_figures_sets_the_period_of_the_list_after_it():
    text = (
        "一、“十三五”主要成就及2020年工作回顾\n"
        "“十三五”时期，市政府团结带领全市人民攻坚克难。\n"
        "——城乡面貌变化巨大。完成农村危房改造3850户，新建农村公路640公里。\n"
        "2020年是“十三五”收官之年。全年完成农村危房改造420户。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[3850.0][2:] == ("cumulative", 2016)
    assert values[640.0][2:] == ("cumulative", 2016)
    assert values[420.0][1:] == (2020, "year", None)


def test_a_change_from_a_named_year_gives_both_ends_their_years():
    text = "一、过去五年工作回顾\n五年来，全县地区生产总值从2015年的45.6亿元增长到70.2亿元，年均增长6.4%；森林覆盖率由31%提高到38%。\n"
    records = govie.extract(text, report_year=2021)
    assert rows(records, *PERIOD) == [
        ("地区生产总值", 45.6, "actual", 2015, "year", None),
        ("地区生产总值", 70.2, "actual", 2020, "year", None),
        ("地区生产总值", 6.4, "actual", 2020, "average", 2016),
        # Without a named year, the level a change in a five-year passage starts from is of the year
        # before the five years.
        ("森林覆盖率", 31.0, "actual", 2015, "year", None),
        ("森林覆盖率", 38.0, "actual", 2020, "year", None),
    ]


def test_headline_levels_are_of_the_end_year_unless_the_clause_adds_the_years_up():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全市综合实力显著增强。地区生产总值达到2860亿元；固定资产投资累计完成9300亿元；"
        "规模以上工业增加值增长38.5%，一般公共预算收入同比增长6.2%。\n"
    )
    values = _by_value(govie.extract(text, report_year=2023))
    assert values[2860.0][2] == "year"
    assert values[9300.0][2:] == ("cumulative", 2018)
    # A change over a passage on five years spans them; a change said to be year on year does not.
    assert values[38.5][2:] == ("cumulative", 2018)
    assert values[6.2][2] == "year"


def test_a_sentence_turns_the_paragraph_to_one_year_and_back():
    text = (
        "各位代表，“十二五”时期我市爬坡过坎、砥砺前行。这五年，经济总量稳步扩大。"
        "2015年，全市地区生产总值预计实现510亿元。这五年，生态建设成效显著，治理水土流失128万亩。\n"
    )
    values = _by_value(govie.extract(text, report_year=2016))
    assert values[510.0][1:3] == (2015, "year")
    assert values[128.0][2:] == ("cumulative", 2011)


def test_goals_of_the_next_five_years_are_of_the_plan_end_year():
    text = (
        "二、今后五年任务目标\n"
        "未来五年，全县发展的主要目标是：地区生产总值年均增长7%左右，总量达到120亿元。\n"
        "三、2021年重点工作\n"
        "地区生产总值增长7%。\n"
    )
    records = govie.extract(text, report_year=2021)
    assert rows(records, "value", "role", "year", "period") == [
        (7.0, "target", 2025, "average"),
        (120.0, "target", 2025, "year"),
        (7.0, "target", 2021, "year"),
    ]


def test_a_paragraph_that_sets_out_a_year_to_reach_dates_its_targets():
    text = (
        "二、“十三五”主要目标任务和2016年工作安排\n"
        "规划纲要提出，到2020年，全市综合实力迈上新台阶。全市地区生产总值力争突破1500亿元，年均增长8%左右。\n"
    )
    values = _by_value(govie.extract(text, report_year=2016))
    assert values[1500.0][:2] == ("target", 2020)
    assert values[8.0][:3] == ("target", 2020, "average")


def test_targets_met_in_a_review_announce_no_target_list():
    text = (
        "一、2019年工作回顾\n"
        "过去一年，全市经济运行总体平稳，较好地完成了市人大会议确定的目标任务。\n"
        "（一）产业项目加快建设。全市开复工产业项目142个，竣工投产58个。\n"
    )
    values = _by_value(govie.extract(text, report_year=2020))
    assert values[142.0][:2] == ("actual", 2019)
    assert values[58.0][:2] == ("actual", 2019)


def test_long_numbered_headings_and_headings_that_name_the_report_year_open_sections():
    text = (
        "一、回顾“十三五”，我们以乡村振兴为抓手，攻坚克难、接续奋斗，县域经济实力实现历史性跨越\n"
        "五年来，全县地区生产总值年均增长5%。\n"
        "二、关于2021年工作\n"
        "地区生产总值增长6%。\n"
    )
    sections = find_sections(text, 2021)
    assert [(s.kind, s.year) for s in sections] == [("review", 2020), ("plan", 2021)]


def test_a_numbered_heading_wrapped_in_a_pdf_copy_keeps_its_paragraph_apart():
    paragraph = (
        "“十三五”时期是我县爬坡过坎、负重前行的五年。五年来，我们坚持项目带动和产业强县，全县地区生产总值年均增长5.2%，"
        "一般公共预算收入年均增长9%，城乡居民收入年均分别增长7.6%和8.4%，县城面貌和乡村环境明显改善，"
        "群众就业、就学、就医条件持续提升，发展基础更加坚实，各项社会事业协调推进，干部群众干事创业的信心更足。"
    )
    # As a PDF copy prints it: every line cut at the same width, the heading's last line shorter.
    width = 24
    wrapped = "\n".join(paragraph[i : i + width] for i in range(0, len(paragraph), width))
    text = "一、回顾“十三五”，我们以乡村振兴为抓手，攻坚克难\n、接续奋斗，县域经济实力实现历史跨越\n" + wrapped + "\n"
    lines = normalize(text).text.split("\n")
    assert lines[0] == "一、回顾“十三五”，我们以乡村振兴为抓手，攻坚克难、接续奋斗，县域经济实力实现历史跨越"
    assert lines[1] == paragraph


def test_a_web_copy_with_short_open_headings_is_not_read_as_wrapped_text():
    paragraph = "全县上下聚焦项目建设和民生改善，一件事情接着一件事情办，城乡面貌持续改观，各项工作取得新的进展，群众满意度稳步提高。" * 3
    headings = [
        "（一）坚持项目为王推动产业升级",
        "（二）坚持改革创新激发发展活力",
        "（三）坚持城乡统筹建设美丽家园",
        "（四）坚持民生优先增进群众福祉",
    ]
    text = "一、2023年工作回顾\n" + "".join(f"{heading}\n{paragraph}\n" for heading in headings * 3)
    text += "二、2024年工作总体要求和主要目标\n2024年是实施“十四五”规划的关键一年。\n"
    lines = normalize(text).text.split("\n")
    assert "二、2024年工作总体要求和主要目标" in lines
    assert all(heading in lines for heading in headings)


def test_a_year_named_in_the_sentence_replaces_the_five_years_of_the_section():
    text = "一、过去五年工作回顾\n五年来，我们砥砺前行。初步统计，2025年全省生产总值8350.6亿元，增长6.1%。\n"
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[8350.6] == ("estimate", 2025, "year", None)
    assert values[6.1] == ("estimate", 2025, "year", None)


def test_a_heading_that_names_the_five_years_first_opens_on_them():
    text = (
        "一、“十三五”时期和2020年工作回顾\n"
        "五年来，我们砥砺奋进。\n"
        "——民生保障全面加强。城镇新增就业3.5万人。\n"
        "去年是本届政府收官之年，我们稳中求进。全年城镇新增就业0.7万人。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[3.5][2:] == ("cumulative", 2016)
    assert values[0.7][1:] == (2020, "year", None)


def test_a_change_against_the_end_of_a_plan_counts_from_the_year_after():
    text = "一、“十二五”时期工作回顾\n五年来，全区发电装机规模达到180万千瓦、比“十一五”末增长1.2倍。\n"
    values = _by_value(govie.extract(text, report_year=2016))
    assert values[180.0][2] == "year"
    assert values[1.2][1:] == (2015, "cumulative", 2011)


def test_paragraphs_that_each_sum_up_one_of_the_five_years_achievements():
    text = (
        "一、“十四五”发展回顾\n"
        "这是综合实力显著增强的五年。新增市场主体48万户。\n"
        "这是民生福祉持续增进的五年。城镇新增就业68万人。\n"
        "“十三五”主要成就和2020年工作回顾\n"
        "“十三五”时期我市迎难而上、奋力拼搏。\n"
        "一、坚定不移推进共享发展。新增城镇就业54万人。\n"
    )
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[48.0][2:] == ("cumulative", 2021)
    assert values[68.0][2:] == ("cumulative", 2021)
    assert values[54.0][2:] == ("cumulative", 2016)


def test_a_review_of_a_government_term_spans_its_years():
    text = "一、市第四届人民政府工作回顾\n（五）民生福祉更加殷实。城镇新增就业9.16万人。\n二、2022年工作安排\n城镇新增就业2万人。\n"
    values = _by_value(govie.extract(text, report_year=2022))
    assert values[9.16][1:3] == (2021, "cumulative")
    assert values[2.0] == ("target", 2022, "year", None)


def test_a_sentence_that_opens_on_a_year_speaks_of_that_year_alone():
    text = (
        "一、过去五年工作回顾\n"
        "三、持续增进民生福祉。5年减少贫困人口41万人。2016年全区在扶贫成效考核中获评优秀，当年减少贫困人口12万人。"
        "就业大局保持稳定，累计新增城镇就业18.6万人。\n"
    )
    values = _by_value(govie.extract(text, report_year=2018))
    assert values[-41.0][2:] == ("cumulative", 2013)
    assert values[-12.0][2:] == ("year", None)
    assert values[18.6][1:4] == (2017, "cumulative", 2013)


def test_each_year_in_a_review_is_an_average_and_a_plan_s_new_things_are_its_total():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全县新建农村公路860公里，每年投入2000万元实施城乡环卫一体化，农民人均纯收入达到1.6万元。\n"
        "二、今后五年目标任务\n"
        "（一）壮大实体经济。新增规模以上工业企业不少于30家，上市企业达到4家，每年举办招商推介活动3次以上。\n"
        "三、2021年重点工作\n"
        "今年新增规模以上工业企业6家，每人每年补助标准提高到600元。\n"
    )
    records = _by_value(govie.extract(text, report_year=2021))
    assert records[860.0] == ("actual", 2020, "cumulative", 2016)
    assert records[2000.0] == ("actual", 2020, "average", 2016)
    assert records[1.6] == ("actual", 2020, "year", None)
    assert records[30.0] == ("target", 2025, "cumulative", 2021)
    assert records[4.0] == ("target", 2025, "year", None)
    assert records[3.0] == ("target", 2025, "average", 2021)
    assert records[6.0] == ("target", 2021, "year", None)
    assert records[600.0] == ("target", 2021, "year", None)


def test_the_level_a_planned_move_starts_from_is_the_present_one():
    text = (
        "一、2019年工作回顾\n"
        "全县贫困发生率由2.5%降至0.8%。\n"
        "二、2020年工作安排\n"
        "城乡居民基础养老金标准从每人每月108元提高到118元；低保补助水平分别从每月390元、185元提高到430元、205元。\n"
    )
    records = {r.value: (r.indicator, r.role, r.year) for r in govie.extract(text, report_year=2020)}
    assert records[108.0] == ("城乡居民基础养老金标准", "actual", 2019)
    assert records[118.0] == ("城乡居民基础养老金标准", "target", 2020)
    assert records[390.0][1:] == records[185.0][1:] == ("actual", 2019)
    assert records[430.0][1:] == ("target", 2020)
    assert records[2.5][1:] == records[0.8][1:] == ("actual", 2019)


def test_what_a_five_year_review_holds_at_its_end_is_of_the_end_year():
    """Not every figure of a passage on several years adds them up: a per-head figure or standard, a
    stock held (`拥有`, `发展到`, `生产能力`), a threshold crossed and the size of a thing named after its
    value are of the end year; a flow without such words stays a total."""
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全县新建农村公路310公里，人均地区生产总值超过6.2万元，农村低保标准提高到每人每年7800元。"
        "全县拥有省级重点实验室9家，高新技术企业发展到57家，食用菌生产能力4100万袋。"
        "地区生产总值先后迈上200亿元、300亿元台阶。实施了总投资46亿元的滨河新城项目。\n"
    )
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[310.0] == ("actual", 2025, "cumulative", 2021)
    for value in (6.2, 7800.0, 9.0, 57.0, 4100.0, 200.0, 300.0, 46.0):
        assert values[value] == ("actual", 2025, "year", None), value


def test_a_superlative_over_decades_opens_no_period():
    text = "一、2025年工作回顾\n全力抗击50年来最重旱情，新建高标准农田8.5万亩，五十年来首次实现粮食亩产超千斤。\n"
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[8.5] == ("actual", 2025, "year", None)


def test_a_part_of_the_year_written_after_the_figures_is_their_period():
    text = "二、2020年工作安排\n确保剩余贫困人口215户503人上半年全部脱贫。新建污水管网12公里，上半年完成管网改造。\n"
    values = _by_value(govie.extract(text, report_year=2020))
    assert values[215.0] == ("target", 2020, "to_date", None)
    assert values[503.0] == ("target", 2020, "to_date", None)
    assert values[12.0] == ("target", 2020, "year", None)


def test_what_a_household_gains_a_year_is_of_the_year():
    text = "一、2019年工作回顾\n全县种植中药材6万亩，带动4100户贫困户年均增收3600元以上，全县城镇新增就业年均3200人。\n"
    values = _by_value(govie.extract(text, report_year=2020))
    assert values[3600.0] == ("actual", 2019, "year", None)


def test_a_heading_naming_the_year_first_lets_its_paragraphs_say_which_part_they_are_in():
    text = (
        "一、2020年及“十三五”时期回顾与总结\n"
        "“十三五”时期，是全县爬坡过坎、砥砺奋进的五年。\n"
        "坚持城乡统筹，城乡面貌明显改善。建成城区主干道路9条，改造农村公路186公里。\n"
        "坚持民生优先，社会事业全面进步。新建改扩建中小学校27所。\n"
        "2020年，全县上下迎难而上、稳住大局。新建中小学校3所。\n"
        "坚持创新驱动，产业结构持续优化。新增高新技术企业12家。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[9.0][2:] == ("cumulative", 2016)
    assert values[186.0][2:] == ("cumulative", 2016)
    assert values[27.0][2:] == ("cumulative", 2016)
    # From the paragraph that opens on the year, the year alone.
    assert values[3.0][2:] == ("year", None)
    assert values[12.0][2:] == ("year", None)


def test_a_paragraph_on_the_past_year_inside_a_numbered_list_of_a_review_does_not_end_it():
    text = (
        "一、本届政府工作回顾\n"
        "（一）脱贫攻坚取得全面胜利。全市累计实现12.6万贫困人口脱贫。\n"
        "去年是本届政府收官之年，我们稳中求进。新建农村公路210公里。\n"
        "（二）城乡面貌焕然一新。完成老旧小区改造318个，新建城市公园26个。\n"
    )
    values = _by_value(govie.extract(text, report_year=2022))
    # (`本届政府` gives no first year: a government's term is not always five years.)
    assert values[12.6][2:] == ("cumulative", None)
    assert values[210.0][2:] == ("year", None)
    # The list's next item goes back to the several years of the heading.
    assert values[318.0][2:] == ("cumulative", None)
    assert values[26.0][2:] == ("cumulative", None)


def test_a_year_and_its_event_before_since_open_a_period():
    text = "一、工作回顾\n2017年换届以来，我们攻坚克难。全区新增市场主体2.4万户。\n"
    values = _by_value(govie.extract(text, report_year=2022))
    assert values[2.4][2:] == ("cumulative", 2017)


def test_years_of_effort_open_a_period():
    text = "一、工作回顾\n经过七年努力，全县路网面貌一新，累计实施道路交通项目236个。\n"
    values = _by_value(govie.extract(text, report_year=2020))
    assert values[236.0][2:] == ("cumulative", 2013)


def test_rates_held_through_a_review_and_rates_of_the_cases_it_handled_span_it():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，城镇登记失业率始终控制在3.8%以内，森林覆盖率提高到46%。"
        "办理人大代表建议312件、政协委员提案405件，办结率均达100%。\n"
        "二、今后五年目标\n"
        "今后五年，全县城镇登记失业率要控制在4.8%以内。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[3.8][2:] == ("cumulative", 2016)
    assert values[100.0][2:] == ("cumulative", 2016)
    # A level reached, and a target for the coming years, are of their year.
    assert values[46.0][2:] == ("year", None)
    assert values[4.8][0] == "target"
    assert values[4.8][2:] == ("year", None)
    # `保持率` is a name, not a rate held.
    text = "一、过去五年工作回顾\n五年来，水土保持率提高到62.4%。\n"
    assert _by_value(govie.extract(text, report_year=2021))[62.4][2:] == ("year", None)


def test_what_the_years_did_listed_before_a_shared_verb_is_summed():
    text = "一、过去五年工作回顾\n五年完成工业投资、民间投资分别达3800亿元、2600亿元。\n"
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[3800.0][2:] == ("cumulative", 2016)
    assert values[2600.0][2:] == ("cumulative", 2016)


def test_capacities_lengths_and_yearly_output_in_a_review_are_of_its_last_year():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，煤化工总产能超过3600万吨，农村公路总里程8.4万公里，茶叶年产量达6.2万吨。"
        "淘汰落后产能410万吨，新增高速公路里程260公里。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[3600.0][2:] == ("year", None)
    assert values[8.4][2:] == ("year", None)
    assert values[6.2][2:] == ("year", None)
    # What was cut or added over the years is summed.
    assert values[410.0][2:] == ("cumulative", 2016)
    assert values[260.0][2:] == ("cumulative", 2016)


def test_targets_within_some_years_run_to_the_last_of_them():
    text = (
        "二、2024年工作安排\n"
        "力争3年内新建5G基站1200个，高职生均拨款水平两年内提高到1.5万元。"
        "用3—5年时间新增税收20亿元。今明两年新增城镇就业4万人以上。"
        "面向离校2年内未就业的高校毕业生，提供见习岗位3000个。\n"
    )
    values = _by_value(govie.extract(text, report_year=2024))
    assert values[1200.0] == ("target", 2026, "cumulative", 2024)
    # A level moved to is of the last year, not a total.
    assert values[1.5] == ("target", 2025, "year", None)
    # A span of years gives no last year.
    assert values[20.0] == ("target", None, "cumulative", 2024)
    assert values[4.0] == ("target", 2025, "cumulative", 2024)
    # `离校2年内` qualifies the graduates, not the target.
    assert values[3000.0] == ("target", 2024, "year", None)
    # The years count from the report's, also for a goal of the plan period; a year named after the
    # horizon speaks of that year alone.
    text = (
        "二、今后五年的主要目标\n用五年时间，改造完成城区棚户区680万平方米。\n"
        "三、2021年工作安排\n用三年时间完成老旧小区改造任务，今年投资36亿元。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[680.0] == ("target", 2025, "cumulative", 2021)
    assert values[36.0] == ("target", 2021, "year", None)


def test_a_change_since_an_event_and_what_a_project_has_had_put_in_span_years():
    text = (
        "一、2024年工作回顾\n"
        "区属国有企业营业收入、利润总额较改革前分别增长36.2%、41.5%。"
        "新材料产业园项目累计完成投资68亿元，全年完成投资21亿元。\n"
    )
    values = _by_value(govie.extract(text, report_year=2025))
    assert values[36.2][2:] == ("cumulative", None)
    assert values[41.5][2:] == ("cumulative", None)
    assert values[68.0][2:] == ("cumulative", None)
    assert values[21.0][2:] == ("year", None)


def test_an_average_over_the_last_two_years_is_a_yearly_average():
    text = "一、2021年工作回顾\n全年地区生产总值达2860.4亿元，增长7.9%，两年平均增长5.1%。\n"
    values = _by_value(govie.extract(text, report_year=2022))
    assert values[7.9][1:] == (2021, "year", None)
    assert values[5.1][1:] == (2021, "average", 2020)


def test_a_part_of_the_year_after_the_figures_and_their_thing():
    text = "二、2020年工作安排\n确保剩余286户、734人贫困人口今年上半年全部脱贫。\n"
    values = _by_value(govie.extract(text, report_year=2020))
    assert values[286.0][2] == "to_date"
    assert values[734.0][2] == "to_date"


def test_the_start_of_a_move_named_with_its_year_is_a_level():
    # (The rules' reading: `增长到` after the start value is the move, not a growth rate.)
    doc = build_rules_pipeline()("一、2020年工作回顾\n五年来，森林覆盖率由2015年的31.6%增长到37.2%。\n")
    assert [(r.value, r.measure, r.year, r.period) for r in doc._.records] == [(31.6, "level", 2015, "year"), (37.2, "level", 2020, "year")]


def test_a_part_named_with_qizhong_covers_the_years_its_whole_does():
    text = "一、过去五年工作回顾\n五年来，全市研发机构增至412家，其中省级重点实验室15家；新建学校26所，其中高中4所，其中2025年新建9所。\n"
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[412.0][2] == values[15.0][2] == "year"
    assert values[26.0][2:] == values[4.0][2:] == ("cumulative", 2021)
    assert values[9.0] == ("actual", 2025, "year", None)


def test_a_part_on_the_first_year_of_a_new_plan_is_the_plan_of_that_year():
    text = (
        "一、“十五五”时期的主要目标\n"
        "到2030年，全市地区生产总值达到6200亿元。\n"
        "二、凝心聚力推进“十五五”良好开局\n"
        "今年的目标：全市经济增长5.5%左右，新建口袋公园35个。\n"
    )
    sections = [(s.kind, s.year) for s in find_sections(text, 2026)]
    assert sections[-2:] == [("plan", 2030), ("plan", 2026)]
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[6200.0] == ("target", 2030, "year", None)
    assert values[5.5] == ("target", 2026, "year", None)
    assert values[35.0] == ("target", 2026, "year", None)


def test_a_review_heading_naming_the_plan_then_the_year_opens_on_the_several_years():
    text = (
        "一、“十四五”和2025年工作回顾\n"
        "——交通网络加快完善。建成农村公路1260公里。\n"
        "——产业转型步伐加快。培育科技型中小企业430家。\n"
        "2025年是“十四五”收官之年。全年建成农村公路180公里。\n"
    )
    values = _by_value(govie.extract(text, report_year=2026))
    assert values[1260.0][2:] == ("cumulative", 2021)
    assert values[430.0][2:] == ("cumulative", 2021)
    assert values[180.0][1:] == (2025, "year", None)


def test_a_paragraph_that_turns_to_the_five_years_in_its_second_sentence_leads_the_list_after_it():
    text = (
        "一、2020年和“十三五”回顾\n"
        "各位代表，2020年各项任务圆满完成，“十三五”画上句号。回顾过去五年，我们砥砺前行。\n"
        "——发展后劲明显增强。累计完成工业投资2380亿元，新建标准化厂房96万平方米。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[2380.0][2:] == ("cumulative", 2016)
    assert values[96.0][2:] == ("cumulative", 2016)


def test_in_a_five_year_review_a_total_held_and_a_level_set_against_the_plans_end_are_of_the_end_year():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，新增市场主体4.2万户、总数达到9.8万户；实际利用外资3.4亿美元，是“十二五”末的2.3倍；"
        "数字产业营业收入突破850亿元；新建乡镇文化站47个。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[4.2][2:] == ("cumulative", 2016)
    assert values[9.8][2:] == ("year", None)
    assert values[3.4][2:] == ("year", None)
    assert values[2.3][2:] == ("cumulative", 2016)
    assert values[850.0][2:] == ("year", None)
    assert values[47.0][2:] == ("cumulative", 2016)


def test_a_paragraph_on_the_year_that_a_copy_numbered_as_a_new_list_does_not_end_the_review():
    # A copy that marks every paragraph (`（一）` restarting for the paragraph on the last year) keeps
    # the review's several years for the list's next item, as the text without the marks does.
    body = (
        "一、本届政府工作回顾\n"
        "（一）综合实力持续增强。五年来，全市生产总值年均增长6.1%。\n"
        "{mark}去年，我们稳中求进，全年新增城镇就业3.2万人。\n"
        "（二）城乡面貌显著改善。新建改建农村公路860公里。\n"
    )
    for mark in ("", "（一）"):
        values = _by_value(govie.extract(body.format(mark=mark), report_year=2023))
        assert values[3.2][2:] == ("year", None), mark
        assert values[860.0][2] == "cumulative", mark


def test_a_sentence_that_opens_on_reviewing_a_plan_sets_the_period_of_the_sentences_after_it():
    text = "一、2020年工作回顾\n2020年，我们攻坚克难。回顾“十三五”，我们砥砺奋进。全市新建学校86所。\n"
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[86.0][2:] == ("cumulative", 2016)


def test_a_headline_flow_in_a_five_year_review_is_a_total_where_the_reports_own_year_figure_is_a_fraction_of_it():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全县经济实力稳步增强。实施重点项目320个，完成固定资产投资612亿元。\n"
        "二、2020年工作回顾\n"
        "2020年，全县完成固定资产投资138亿元，增长6.2%。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[612.0][2:] == ("cumulative", 2016)
    assert values[138.0][2:] == ("year", None)


def test_without_the_years_figure_or_far_from_it_a_headline_flow_in_a_review_stays_the_end_years():
    alone = "一、过去五年工作回顾\n五年来，全县完成固定资产投资612亿元。\n"
    assert _by_value(govie.extract(alone, report_year=2021))[612.0][2] == "year"
    # A zone's figure mistaken for the region's is no year of it: a ratio past seven decides nothing.
    far = alone + "二、2020年工作回顾\n2020年，全县完成固定资产投资61亿元。\n"
    assert _by_value(govie.extract(far, report_year=2021))[612.0][2] == "year"


def test_a_headline_total_opening_a_list_adds_up_the_headline_figures_after_it():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全县固定资产投资累计完成186.5亿元，实际利用外资4.2亿美元，外贸进出口完成2.9亿美元。\n"
        "天然气管道累计输送天然气96亿立方米，带动外贸进出口实现18.3亿美元。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[186.5][2] == values[4.2][2] == values[2.9][2] == "cumulative"
    # What the sentence only links to a total of something else is not added up with it.
    assert values[18.3][2] == "year"


def test_a_level_set_against_a_whole_earlier_plan_period_is_a_total_over_this_one():
    text = (
        "一、“十三五”时期工作回顾\n"
        "“十三五”时期，全市对外开放不断扩大。实际利用外资6.3亿美元，为“十二五”时期的2.4倍；"
        "高新技术企业总数达到210家，比“十二五”时期增加95家。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[6.3][2:] == ("cumulative", 2016)
    # A stock is of the end year, whatever it is set against.
    assert values[210.0][2] == "year"


def test_a_duration_in_a_five_year_review_is_of_its_last_year():
    text = "一、过去五年工作回顾\n五年来，营商环境持续优化，新办企业用时减为1个工作日，工程项目审批缩减到38个工作日。\n"
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[1.0][2] == values[38.0][2] == "year"


def test_a_few_years_summed_in_a_one_year_review_cover_the_rest_of_their_clause_only():
    text = (
        "一、2023年工作回顾\n"
        "全年新建污水管网420公里、三年累计1350公里，完成18个乡镇污水处理站提标改造。"
        "近两年累计新建高标准农田32万亩、改造提升6.5万亩，粮食总产量达到41万吨。\n"
    )
    values = _by_value(govie.extract(text, report_year=2024))
    assert values[1350.0][2:] == ("cumulative", 2021)
    assert values[32.0][2:] == values[6.5][2:] == ("cumulative", 2022)
    # What comes before them in the clause, or in a clause after it, is the year's.
    assert values[420.0][2] == values[18.0][2] == values[41.0][2] == "year"


def test_a_total_so_far_in_a_one_year_review_is_no_total_of_the_year():
    text = (
        "一、2023年工作回顾\n"
        "保障物流通道畅通，已累计开行货运班列1.2万列。截至年末累计180万人纳入长期护理保险。"
        "全年累计救助困难群众900人次。\n"
    )
    values = _by_value(govie.extract(text, report_year=2024))
    assert values[1.2][2] == values[180.0][2] == "cumulative"
    assert values[900.0][2] == "year"


def test_a_count_of_years_written_in_digits_marks_a_passage_on_several_years():
    text = "一、过去5年工作回顾\n这是生态环境持续改善的5年。5年来，全市累计新建污水管网860公里，城市建成区绿化覆盖率由38.2%提高到42.6%。\n"
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[860.0][2:] == ("cumulative", 2016)
    # The level a move starts from is of the year before the five.
    assert values[38.2][1:] == (2015, "year", None)
    # Not the last digit of a year: `2015年来` is no `5年来`.
    one_year = _by_value(govie.extract("一、2020年工作回顾\n全年新建污水管网120公里，为2015年来最多。\n", report_year=2021))
    assert one_year[120.0][2] == "year"


def test_a_total_by_size_is_decided_again_on_the_ids_of_the_time():
    from govie.pipeline.assembler import sum_totals_by_size
    from govie.pipeline.state import Draft

    def draft(value, indicator_id, **flags):
        return Draft("固定资产投资", indicator_id, value, "亿元", "level", "actual", "exact", None, 2020, 0, 3, "", **flags)

    total = draft(612.0, "fixed_asset_investment", total_by_size=True, total_start=2016)
    last_year = draft(138.0, "fixed_asset_investment")
    sum_totals_by_size([total, last_year])
    assert (total.period, total.year_start) == ("cumulative", 2016)
    # The year's figure turns out to be of something else: the total is the end year's figure again.
    last_year.indicator_id = "industrial_investment"
    sum_totals_by_size([total, last_year])
    assert (total.period, total.year_start) == ("year", None)


def test_what_was_added_to_a_stock_over_a_review_is_a_total_and_the_stock_its_end_years():
    text = "一、“十二五”时期工作回顾\n过去五年，全省能源保障能力增强。发电装机容量净增820万千瓦，达2900万千瓦；新增风电装机310万千瓦。\n"
    values = _by_value(govie.extract(text, report_year=2016))
    assert values[820.0][2:] == values[310.0][2:] == ("cumulative", 2011)
    assert values[2900.0][2] == "year"


def test_a_review_of_four_years_is_one_of_several_years():
    text = (
        "一、过去四年工作回顾\n"
        "市十四届人大一次会议召开以来，我们凝心聚力。\n"
        "经济实力稳步提升。生产总值由2012年的820亿元增至2016年的1150亿元，年均增长8.1%。\n"
        "转型升级步伐加快。累计压减钢铁产能120万吨，新建农村公路860公里。\n"
        "二、2017年工作安排\n"
        "新建农村公路200公里。\n"
    )
    values = _by_value(govie.extract(text, report_year=2017))
    assert values[8.1] == ("actual", 2016, "average", 2013)
    assert values[1150.0] == ("actual", 2016, "year", None)
    assert values[120.0] == ("actual", 2016, "cumulative", 2013)
    assert values[860.0] == ("actual", 2016, "cumulative", 2013)
    assert values[200.0] == ("target", 2017, "year", None)


def test_a_running_total_after_the_years_addition_reaches_back_past_the_year():
    text = (
        "一、2024年工作回顾\n"
        "全年新建5G基站3200个，累计建成1.8万个。新建高标准农田6万亩、累计建成152万亩。"
        "新增专精特新企业7家、累计达到41家。引进世界500强企业3家，累计58家。\n"
    )
    values = _by_value(govie.extract(text, report_year=2025))
    assert values[3200.0] == ("actual", 2024, "year", None)
    assert values[1.8] == ("actual", 2024, "cumulative", None)
    assert values[6.0] == ("actual", 2024, "year", None)
    assert values[152.0] == ("actual", 2024, "cumulative", None)
    # A level reached is the year's.
    assert values[41.0] == ("actual", 2024, "year", None)
    assert values[58.0] == ("actual", 2024, "cumulative", None)


def test_levels_moved_from_and_to_in_a_list_go_over_its_heads_twice():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，经济总量稳步扩大：地区生产总值、税收收入分别由1500.2亿元、420.7亿元增加到1900.3亿元、610.2亿元，"
        "年均分别增长4.8%、7.7%。\n"
    )
    records = govie.extract(text, report_year=2021)
    assert [(r.indicator, r.value, r.year, r.period) for r in records if r.measure == "level"] == [
        ("地区生产总值", 1500.2, 2015, "year"),
        ("税收收入", 420.7, 2015, "year"),
        ("地区生产总值", 1900.3, 2020, "year"),
        ("税收收入", 610.2, 2020, "year"),
    ]
    assert [(r.indicator, r.value, r.period, r.year_start) for r in records if r.measure == "growth"] == [
        ("地区生产总值", 4.8, "average", 2016),
        ("税收收入", 7.7, "average", 2016),
    ]


def test_a_rate_held_through_a_review_is_so_also_where_an_estimate_reaches_it():
    text = "一、过去五年工作回顾\n这五年，生态质量稳步向好。单位生产总值能耗预计下降16%左右；饮水水源达标率保持100%。\n"
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[-16.0] == ("estimate", 2020, "cumulative", 2016)
    assert values[100.0] == ("estimate", 2020, "cumulative", 2016)


def test_a_heading_on_the_outgoing_government_opens_its_years():
    text = (
        "一、市六届政府工作回顾\n"
        "各位代表，各项事业取得新进步。\n"
        "——城乡面貌显著改善。新建城市公园16个，改造老旧小区230个。\n"
        "二、2022年工作安排\n"
        "新建城市公园3个。\n"
    )
    values = _by_value(govie.extract(text, report_year=2022))
    assert values[16.0][2] == "cumulative" and values[230.0][2] == "cumulative"
    assert values[3.0] == ("target", 2022, "year", None)


def test_the_years_a_sentence_turns_to_go_on_in_the_list_after_it():
    text = (
        "一、2020年工作回顾\n"
        "各位代表！2020年我们经受了严峻考验。过去这五年，我市发展成效显著。\n"
        "一是生态环境明显好转。拆除码头140处，腾退岸线25公里。\n"
        "二是民生福祉明显增进。新增就业13.4万人。\n"
        "二、2021年工作安排\n"
        "新增就业3万人。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[140.0] == ("actual", 2020, "cumulative", 2016)
    assert values[13.4] == ("actual", 2020, "cumulative", 2016)
    assert values[3.0] == ("target", 2021, "year", None)


def test_under_a_heading_on_the_year_and_the_term_the_term_begins_where_a_sentence_turns_to_it():
    text = (
        "一、2021年和市六届政府工作回顾\n"
        "2021年，全市新建城市道路12公里。\n"
        "各位代表，2021年目标任务全面完成。本届政府任职以来，我们砥砺前行。\n"
        "城乡建设成效明显。中心城区建成区面积由31.8平方公里扩展到56平方公里。"
        "成功创建2个国家卫生县城，城镇累计新增就业18.2万人。\n"
        "二、2022年工作安排\n"
        "新建城市道路5公里。\n"
    )
    values = _by_value(govie.extract(text, report_year=2022))
    assert values[12.0] == ("actual", 2021, "year", None)
    assert values[18.2][2] == "cumulative"
    # A level moved to is the end year's.
    assert values[56.0] == ("actual", 2021, "year", None)
    assert values[2.0][2] == "cumulative"
    assert values[5.0] == ("target", 2022, "year", None)


def test_a_rate_after_a_count_of_other_things_is_no_rate_of_cases_handled():
    text = (
        "一、过去五年工作回顾\n"
        "五年来，创新能力不断提升，预计研发投入年均增长12.4%，每万人专利拥有量9.3件，科技贡献率提高到56.6%。"
        "办理人大代表建议1559件、政协委员提案1905件，满意率分别达98.1%、99.2%。\n"
    )
    values = _by_value(govie.extract(text, report_year=2021))
    assert values[56.6][2] == "year"
    assert values[98.1][2] == "cumulative" and values[99.2][2] == "cumulative"


def test_an_item_on_the_last_years_figures_keeps_the_reviews_several_years_after_it():
    text = (
        "一、“十二五”时期回顾\n"
        "过去五年，我们攻坚克难，各项事业取得新进展。\n"
        "——2015年生产总值达到1800.6亿元，“十二五”以来年均增长9.1%；财政总收入150.2亿元，年均增长12.3%。\n"
        "五年来，重点抓了以下几项工作。\n"
        "（一）推动产业转型升级。壮大实体经济。\n"
        "鼓励新型业态创新。新建电子商务园区16个，新增A级旅游景区24个。\n"
        "二、2016年工作安排\n"
        "新建电子商务园区5个。\n"
    )
    values = _by_value(govie.extract(text, report_year=2016))
    assert values[1800.6] == ("actual", 2015, "year", None)
    assert values[9.1] == ("actual", 2015, "average", 2011)
    assert values[16.0] == ("actual", 2015, "cumulative", 2011)
    assert values[24.0] == ("actual", 2015, "cumulative", 2011)
    assert values[5.0] == ("target", 2016, "year", None)


def test_the_share_of_a_total_over_several_years_is_over_them_too():
    text = (
        "一、过去四年工作回顾\n"
        "民生保障不断加强。四年累计民生投入1280.5亿元，占财政支出的78.6%。\n"
        "服务业较快发展。服务业增加值年均增长5.7%，占生产总值比重提高0.7个百分点、达43.3%。\n"
        "二、2017年工作安排\n"
        "民生投入占财政支出比重达到78%以上。\n"
    )
    values = _by_value(govie.extract(text, report_year=2017))
    assert values[1280.5] == ("actual", 2016, "cumulative", 2013)
    assert values[78.6] == ("actual", 2016, "cumulative", 2013)
    # A level reached after a change is the end year's.
    assert values[43.3] == ("actual", 2016, "year", None)
    assert values[78.0][1:3] == (2017, "year")


def test_under_a_heading_on_the_year_and_the_term_other_years_do_not_begin_the_term():
    text = (
        "一、回顾2022年和本届政府工作\n"
        "刚刚过去的2022年，我们迎难而上。\n"
        "（一）统筹疫情防控。三年来，我们持续完善救治体系，提升应急能力。\n"
        "（二）保障民生增福祉。新增城镇就业6.3万人，新投用公办幼儿园36所。\n"
        "二、2023年工作安排\n"
        "新增城镇就业6万人。\n"
    )
    values = _by_value(govie.extract(text, report_year=2023))
    assert values[6.3] == ("actual", 2022, "year", None)
    assert values[36.0] == ("actual", 2022, "year", None)
