"""One statement, several records: the shares of a three-sector ratio, and one value given for
several indicators (均, 双双, 各, 两个, a rate after a list of heads, 分别 with one value or over the
values before). Made-up sentences; each is read by the shipped pipeline, whose relation model must
keep what the rules read."""

from __future__ import annotations

import govie

from conftest import rows

REVIEW = "一、2025年工作回顾\n"
PLAN = "二、2026年工作安排\n"
FIVE_YEARS = "一、过去五年工作回顾\n"


def extract(text: str, year: int = 2026):
    return govie.extract(text, report_year=year)


def at(records, text: str, number: str):
    """The records at the first occurrence of `number` in `text`."""
    start = text.index(number)
    return [r for r in records if r.start == start]


def test_a_sector_ratio_gives_the_share_of_each_sector_of_the_year_each_part_names():
    text = REVIEW + "全区三次产业结构由2020年的5.1:38.7:56.2优化为2025年的4.3：33.9：61.8，服务业支撑作用增强。"
    records = extract(text)
    assert rows(records, "indicator", "value", "unit", "measure", "role", "year", "period") == [
        ("第一产业比重", 5.1, "", "level", "actual", 2020, "year"),
        ("第二产业比重", 38.7, "", "level", "actual", 2020, "year"),
        ("第三产业比重", 56.2, "", "level", "actual", 2020, "year"),
        ("第一产业比重", 4.3, "", "level", "actual", 2025, "year"),
        ("第二产业比重", 33.9, "", "level", "actual", 2025, "year"),
        ("第三产业比重", 61.8, "", "level", "actual", 2025, "year"),
    ]
    # Spanned on the mention of the structure (GUIDELINE 16).
    spans = govie.load()(text)._.record_spans
    assert {text[slice(*s.indicator)] for s in spans} == {"三次产业结构"}


def test_a_ratio_in_a_five_year_review_starts_the_year_before_the_period():
    text = FIVE_YEARS + "过去五年，三次产业比例由16.1∶42.8∶41.1调整为12.6∶35∶52.4。"
    records = extract(text)
    assert rows(records, "indicator", "value", "year", "period") == [
        ("第一产业比重", 16.1, 2020, "year"),
        ("第二产业比重", 42.8, 2020, "year"),
        ("第三产业比重", 41.1, 2020, "year"),
        ("第一产业比重", 12.6, 2025, "year"),
        ("第二产业比重", 35.0, 2025, "year"),
        ("第三产业比重", 52.4, 2025, "year"),
    ]


def test_only_a_ratio_of_three_after_the_structure_gives_shares():
    text = REVIEW + "全县三次产业结构比为14.2：35.5：50.3；城镇与乡村人口之比为3:5:2，男女比例为51:49。"
    records = extract(text)
    assert rows(records, "indicator", "value")[:3] == [("第一产业比重", 14.2), ("第二产业比重", 35.5), ("第三产业比重", 50.3)]
    assert not [r for r in records[3:] if r.indicator.endswith("产业比重")]


def test_a_rate_after_a_list_of_heads_is_each_ones_without_a_cue():
    text = REVIEW + "受理群众诉求1.2万件，回复率、满意率98%以上，小学和初中巩固率100%。"
    records = extract(text)
    assert sorted(rows(at(records, text, "98"), "indicator", "value", "bound")) == [("回复率", 98.0, "min"), ("满意率", 98.0, "min")]
    assert sorted(r.indicator for r in at(records, text, "100")) == ["初中巩固率", "小学巩固率"]


def test_a_list_of_rates_with_two_of_a_value_or_with_each():
    text = REVIEW + "建档立卡贫困人口医保参保率和医疗资助率实现两个100%，新增省级专精特新企业、高新技术企业各12家。"
    records = extract(text)
    assert sorted(r.indicator for r in at(records, text, "100")) == ["建档立卡贫困人口医保参保率", "建档立卡贫困人口医疗资助率"]
    assert sorted(rows(at(records, text, "12"), "indicator", "unit")) == [("新增省级专精特新企业", "家"), ("高新技术企业", "家")]


def test_heads_get_the_tail_and_the_qualifier_the_list_writes_once():
    text = REVIEW + "城乡居民养老保险、医疗保险参保率一直稳定在96%以上。"
    records = extract(text)
    assert sorted(rows(records, "indicator", "value", "bound")) == [
        ("城乡居民养老保险参保率", 96.0, "min"),
        ("城乡居民医疗保险参保率", 96.0, "min"),
    ]


def test_jun_after_a_list_of_values_gives_a_record_for_each_item():
    text = REVIEW + "全年共办理市人大代表建议126件、市政协提案208件，办结率均为100%。"
    records = at(extract(text), text, "100")
    assert len(records) == 2 and all(r.indicator.endswith("办结率") and r.value == 100 for r in records)
    assert "人大代表建议" in records[0].indicator and "政协提案" in records[1].indicator


def test_jun_without_a_head_takes_the_indicators_of_the_values_before():
    text = REVIEW + "城乡居民人均可支配收入分别达到40127元、17293元，均增长6.8%。"
    records = at(extract(text), text, "6.8")
    assert sorted(rows(records, "indicator_id", "measure")) == [
        ("rural_disposable_income", "growth"),
        ("urban_disposable_income", "growth"),
    ]


def test_fenbie_without_heads_goes_over_the_values_before():
    text = REVIEW + "全年接待游客850万人次，实现旅游收入62亿元，分别增长12.5%、15.3%。"
    records = extract(text)
    assert rows(records, "indicator", "value", "measure") == [
        ("接待游客", 850.0, "level"),
        ("旅游收入", 62.0, "level"),
        ("接待游客", 12.5, "growth"),
        ("旅游收入", 15.3, "growth"),
    ]


def test_fenbie_with_a_single_value_gives_it_to_every_head():
    text = PLAN + "城乡居民人均可支配收入分别增长6.5%左右，城镇新增就业3000人以上。"
    records = extract(text)
    assert sorted(rows(at(records, text, "6.5"), "indicator_id", "bound", "role")) == [
        ("rural_disposable_income", "approx", "target"),
        ("urban_disposable_income", "approx", "target"),
    ]
    assert rows(at(records, text, "3000"), "indicator_id") == [("urban_new_jobs",)]


def test_no_shared_value_where_the_list_is_one_indicator_or_a_scale():
    text = REVIEW + "新能源汽车、新材料等新兴产业增加值增长15%，年度累计5万元以下部分、报销比例从55%提高到65%，办复率、满意率100%。"
    records = extract(text)
    assert len(at(records, text, "15")) == 1
    assert rows(at(records, text, "55"), "indicator") == [("报销比例",)]
    assert len(at(records, text, "100")) == 2


def test_as_many_values_as_heads_go_one_to_each_without_fenbie():
    text = REVIEW + "城镇和农村居民人均可支配收入增长5.2%和7.4%，外贸进出口总额年均增长4.8%；社会消费品零售总额年均增长5.9%。"
    records = extract(text)
    assert rows(records, "indicator_id", "value") == [
        ("urban_disposable_income", 5.2),
        ("rural_disposable_income", 7.4),
        ("foreign_trade", 4.8),
        ("retail_sales", 5.9),
    ]


def test_a_bare_list_after_a_list_of_values_goes_over_its_indicators():
    text = "一、2019年工作回顾\n全县城乡居民人均可支配收入分别为3.1万元、1.6万元，增长7.9%、9.2%。\n"
    records = [(r.indicator_id, r.value) for r in govie.extract(text, report_year=2020)]
    assert records == [
        ("urban_disposable_income", 3.1),
        ("rural_disposable_income", 1.6),
        ("urban_disposable_income", 7.9),
        ("rural_disposable_income", 9.2),
    ]
