"""govie_quantities: numbers with unit, bound, range, or the reason they are no record."""

from __future__ import annotations

import pytest

from govie.pipeline import build_rules_pipeline
from govie.pipeline.normalize import normalize
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
        ("投资约16亿元", 16.0, "亿元", "approx"),
        # `签约`: signed, not "about"; `折合约` is "about" after `折合`.
        ("签约73个项目", 73.0, "个", "exact"),
        ("折合约3800美元", 3800.0, "美元", "approx"),
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


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        # Counters and units that county and city reports write and the table lacked: the number lost
        # its unit, or kept only its magnitude.
        ("信访部门全年办理群众来信860封", 860.0, "封", "exact"),
        ("新建笼式足球场地35块", 35.0, "块", "exact"),
        ("在轨运行遥感卫星26颗", 26.0, "颗", "exact"),
        ("建成社会足球场17片", 17.0, "片", "exact"),
        ("开展生态环保督察2轮", 2.0, "轮", "exact"),
        ("跨境电商出口包裹突破320万单", 320.0, "万单", "min"),
        ("更换节能路灯2460盏", 2460.0, "盏", "exact"),
        ("运动员获得奖牌37枚", 37.0, "枚", "exact"),
        ("中欧班列开行460列", 460.0, "列", "exact"),
        ("栽培食用菌4500万袋", 4500.0, "万袋", "exact"),
        ("新建公共充电桩3180根", 3180.0, "根", "exact"),
        ("上线特色农产品260款", 260.0, "款", "exact"),
        ("举办创业培训班36期", 36.0, "期", "exact"),
        ("救助年龄上限提高到8周岁", 8.0, "周岁", "exact"),
        ("冬季居室温度不低于18℃", 18.0, "℃", "min"),
        ("城区昼间噪声控制在55分贝以内", 55.0, "分贝", "max"),
        ("抽查经营主体1380家次", 1380.0, "家次", "exact"),
        ("清理占道摊点2.6万处次", 2.6, "万处次", "exact"),
        ("牲畜存栏稳定在320万头只以上", 320.0, "万头只", "min"),
        ("新建道路护栏1.8万延长米", 1.8, "万延长米", "exact"),
        ("企业开办压缩至3个工作小时以内", 3.0, "个工作小时", "max"),
    ],
)
def test_counters_and_units_the_table_lacked(text, value, unit, bound):
    quantity = _one(text)
    assert (quantity.value, quantity.unit, quantity.bound) == (value, unit, bound)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("居民用水价格下调0.3元/立方米", "元/立方米"),
        ("居民用水价格下调0.3元／立方米", "元/立方米"),
        ("财政补助标准提高到560元/人", "元/人"),
        ("城区路网密度达到8.2公里/平方公里", "公里/平方公里"),
        ("基础养老金达到185元/人/月", "元/人/月"),
        ("万元生产总值能耗降至0.42吨标煤/万元", "吨标煤/万元"),
        ("月均降尘量不超过6吨/月·平方公里", "吨/月·平方公里"),
        ("公路货运均价降至0.6元/吨公里", "元/吨公里"),
        ("高龄津贴达到96元/人月", "元/人月"),
    ],
)
def test_a_unit_over_a_denominator_is_one_unit(text, unit):
    # Normalised as the pipeline reads it: the full-width slash is folded.
    [quantity] = find_quantities(normalize(text).text)
    assert quantity.unit == unit


def test_medals_are_counted_by_their_metal():
    found = [(q.value, q.unit, q.excluded) for q in find_quantities("全市运动员在省运会上夺得9金7银4铜")]
    assert found == [(9.0, "金", None), (7.0, "银", None), (4.0, "铜", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a Chinese numeral these units name a phase, a round, hardware or a sky; after digits they count.
        ("污水处理厂二期工程建成后举办培训班12期", [(12.0, "期")]),
        ("新一轮国企改革中组织督导3轮", [(3.0, "轮")]),
        ("五金机电产业新落户企业拿下4金", [(4.0, "金")]),
        ("守护一片蓝天，新建球场21片", [(21.0, "片")]),
    ],
)
def test_some_units_count_only_after_digits(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The new units must not take the first character of a word: `片区`, `单位`, `人口`.
        ("建成足球场12片，完成4片区改造", [(12.0, "片"), (4.0, "")]),
        ("跨境电商业务量达120万单，放流鱼苗3亿单位", [(120.0, "万单"), (3.0, "亿")]),
        # A magnitude without a unit word keeps the magnitude (docs/DECISIONS.md): `人口` is the noun.
        ("惠及14亿人口和58万人", [(14.0, "亿"), (58.0, "万人")]),
    ],
)
def test_a_new_unit_does_not_take_the_start_of_a_word(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


def test_a_capacity_before_a_product_names_the_plant():
    # A plant's capacity written before what it makes is part of the plant's name; a capacity that a
    # list or the clause goes on from is a value.
    texts = ["开工建设40万吨/年聚丙烯项目", "新增煤炭产能360万吨/年、原煤产量增长4%", "污泥处置能力达到850吨/日，"]
    assert [find_quantities(text)[0].excluded for text in texts] == ["name", None, None]


def test_a_range_and_words_in_parentheses_count_no_list():
    found = find_quantities("每个县（市、区）培育2-3个文旅、商贸或特色农业小镇。发展水产、稻米、生猪3条产业链。")
    assert [(q.value, q.high_value, q.excluded) for q in found] == [(2.0, 3.0, None), (3.0, None, "list count")]
