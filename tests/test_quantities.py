"""govie_quantities: numbers with unit, bound, range, or the reason they are no record."""

from __future__ import annotations

import pytest

from govie.pipeline import build_rules_pipeline
from govie.pipeline.quantities import find_quantities


def _one(text: str):
    [quantity] = [q for q in find_quantities(text)]
    return quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("增长6.7%", 6.7, "%", "exact"),
        ("达到571.02亿元", 571.02, "亿元", "exact"),
        ("1.5万余家", 1.5, "万家", "min"),
        ("增长6%左右", 6.0, "%", "approx"),
        ("控制在5.5%以内", 5.5, "%", "max"),
        ("三千五百个", 3500.0, "个", "exact"),
    ],
)
def test_value_unit_and_bound(text, value, unit, bound):
    quantity = _one(text)
    assert (quantity.value, quantity.unit, quantity.bound, quantity.excluded) == (value, unit, bound, None)


def test_range_gives_low_and_high():
    quantity = _one("增长6.0%—6.5%")
    assert (quantity.value, quantity.high_value, quantity.unit) == (6.0, 6.5, "%")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023年", "date"),
        ("位居全国第5位", "rank"),
        ("发展水产、稻米、生猪3条产业链", "list count"),
        ("“十四五”", None),
        ("5G基站", "name"),
    ],
)
def test_exclusions(text, reason):
    found = [q for q in find_quantities(text) if q.excluded]
    assert (found[0].excluded if found else None) == reason


def test_component_marks_kept_values_and_units():
    nlp = build_rules_pipeline()
    doc = nlp.make_doc("一、2025年工作回顾\n全区地区生产总值增长6.1%。")
    for name in ("govie_context", "govie_quantities"):
        doc = nlp.get_pipe(name)(doc)
    assert [s.text for s in doc.spans["values"]] == ["6.1%"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # Units county reports write that the table lacked: the number kept its magnitude alone.
        ("改造老旧小区供热管网12.5万平米", 12.5, "万平米"),
        ("清运河道淤泥8万余方", 8.0, "万方"),
        ("封停农用机井46眼", 46.0, "眼"),
        ("开展送戏下乡230场次", 230.0, "场次"),
        ("检测食用农产品1.2万批次", 1.2, "万批次"),
        ("审批时限压缩到15个工作日", 15.0, "个工作日"),
        ("提前2个月建成投用", 2.0, "个月"),
    ],
)
def test_units_of_county_reports(text, value, unit):
    quantity = _one(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize("text", ["围绕7方面重点任务", "经济总量迈上3个新台阶"])
def test_words_that_only_begin_like_a_unit_give_none(text):
    assert all(q.unit not in ("方", "台") for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("社会消费品零售总额突破万亿元", 10000.0, "亿元", "min"),
        ("带动农户增收近亿元", 1e8, "元", "approx"),
        ("脱贫户户均增收万元以上", 1e4, "元", "min"),
        ("受益群众近万人", 1e4, "人", "approx"),
    ],
)
def test_a_magnitude_alone_after_a_bound_word_is_the_number(text, value, unit, bound):
    quantity = _one(text)
    assert (quantity.value, quantity.unit, quantity.bound) == (value, unit, bound)


@pytest.mark.parametrize("text", ["单位万元生产总值能耗", "新签约亿元以上项目", "新开工超亿元项目"])
def test_a_magnitude_alone_in_a_name_is_no_number(text):
    assert find_quantities(text) == []


def test_the_figures_of_a_glossary_define_terms_and_are_no_records():
    text = (
        "全年新建学校5所。\n"
        "※名词解释※\n"
        "[3]电商专业村：以村为单位，网络销售额达到1000万元以上。\n"
        "15.“克重化”管理：以每平方米尘土不超过5克作为检查标准。\n"
        "——〔7〕农村垃圾转运站：全县建成3个。\n"
    )
    found = [(q.value, q.unit, q.excluded) for q in find_quantities(text)]
    assert found[0] == (5.0, "所", None)
    assert (1000.0, "万元", "definition") in found
    assert (5.0, "", "definition") in found
    assert (3.0, "个", "definition") in found


def test_one_one_is_no_eleven():
    found = [(q.value, q.start) for q in find_quantities("完成全县唯一一家化工厂搬迁，问题一一对应整改。")]
    assert (1.0, 6) in found and all(value != 11.0 for value, _ in found)
