"""A figure given as an attribute of the thing named after it (`总投资3.2亿元的某工程`) is named from
that thing and the attribute word; the words before the attribute (a verb, an item mark, an 等-list)
are no name. Sentences made up for these tests."""

from __future__ import annotations

from functools import cache

import pytest

import govie
from govie.pipeline import build_rules_pipeline

REVIEW = "2025年政府工作报告\n一、2024年工作回顾\n"


@cache
def _rules():
    return build_rules_pipeline()


def _names(sentence: str) -> list[tuple[str, float, str | None]]:
    """(indicator, value, the text of its INDICATOR span) of each record of the rule pipeline."""
    text = REVIEW + sentence
    doc = _rules().make_doc(text)
    doc._.report_year = 2025
    doc = _rules()(doc)
    return [
        (record.indicator, record.value, text[slice(*spans.indicator)] if spans.indicator else None)
        for record, spans in zip(doc._.records, doc._.record_spans)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 的 + the thing, after a verb, an item mark or a verb with 了.
        ("实施总投资3.2亿元的“城乡一体化供水”工程。", [("城乡一体化供水工程总投资", 3.2, "总投资")]),
        ("③全力推进总投资4.6亿元的滨江湿地公园建设。", [("滨江湿地公园建设总投资", 4.6, "总投资")]),
        ("启动了投资9000万元的城西污水管网改造项目。", [("城西污水管网改造项目投资", 9000.0, "投资")]),
        # A leading count goes; the count after the thing counts it.
        (
            "盯紧总投资45.6亿元的23个市级重点项目建设。",
            [("市级重点项目建设总投资", 45.6, "总投资"), ("市级重点项目建设", 23.0, None)],
        ),
        ("实施总投资8.8亿元的技改项目31个。", [("技改项目总投资", 8.8, "总投资"), ("技改项目", 31.0, "技改项目")]),
        # Lengths and areas; a chain of attributes of one thing.
        ("实施总长6.2公里的滨河路大修工程。", [("滨河路大修工程总长", 6.2, "总长")]),
        (
            "总投资20亿元、占地800亩的智能装备产业园开工建设。",
            [("智能装备产业园总投资", 20.0, "总投资"), ("智能装备产业园占地", 800.0, "占地")],
        ),
        # What is said of the thing is no part of its name.
        ("投资4亿元的新城污水处理厂二期投入使用。", [("新城污水处理厂二期投资", 4.0, "投资")]),
        # An 等-list before the attribute names who invests; after 等 in the thing, the head stays.
        (
            "推动华星电子等投资25亿元的8个项目竣工投产。",
            [("竣工投产项目投资", 25.0, "投资"), ("项目竣工投产", 8.0, None)],
        ),
        ("推进总长9.1公里的东环路、北环路等6条道路建设。", [("道路建设总长", 9.1, "总长"), ("道路建设", 6.0, None)]),
        ("加快推动投资3亿元的甲乙新材料生产线等项目建设。", [("甲乙新材料生产线等项目建设投资", 3.0, "投资")]),
        ("投资30亿元的滨海大道基本完成征地。", [("滨海大道投资", 30.0, "投资")]),
        # The thing's own size is no part of its name.
        ("投资6000万元完成了全长18公里的乡村公路建设。", [("乡村公路建设投资", 6000.0, "投资"), ("乡村公路建设全长", 18.0, "全长")]),
        # A verb and the thing: generic verbs go, verbs that change what is bought stay.
        ("②投资800万元推进滨河路东段建设。", [("滨河路东段建设投资", 800.0, "投资")]),
        ("区财政每年投入300万元支持青少年足球进校园活动。", [("青少年足球进校园活动投入", 300.0, "投入")]),
        ("投资1.5亿元改造老旧小区36个。", [("改造老旧小区投资", 1.5, "投资"), ("改造老旧小区", 36.0, "改造老旧小区")]),
        (
            "投资9000万元改造城区供暖管网64公里。",
            [("改造城区供暖管网投资", 9000.0, "投资"), ("改造城区供暖管网", 64.0, "改造城区供暖管网")],
        ),
        # Money paid as a fund.
        ("足额拨付2400万元创业补贴资金。", [("拨付创业补贴资金", 2400.0, "拨付")]),
        # The next value of the list has the attribute of the one before.
        (
            "重点抓好投资12亿元的甲乙化工新材料、6亿元的丙丁食品产业园。",
            [("甲乙化工新材料投资", 12.0, "投资"), ("丙丁食品产业园投资", 6.0, "投资")],
        ),
    ],
)
def test_a_value_given_as_an_attribute_is_named_from_the_thing_after_it(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Headline indicators and names written before the value stay as they are.
        ("全年完成固定资产投资860亿元，增长7%。", [("固定资产投资", 860.0), ("固定资产投资", 7.0)]),
        ("全社会固定资产投资完成320亿元。", [("全社会固定资产投资", 320.0)]),
        ("民间投资增长4.5%。", [("民间投资", 4.5)]),
        ("超额完成固定资产投资480亿元的年度目标。", [("超额完成固定资产投资", 480.0)]),
        # No thing after the value: the words before it name it, as before.
        ("重点项目完成投资52亿元，同比增长12%。", [("重点项目完成投资", 52.0), ("重点项目完成投资", 12.0)]),
    ],
)
def test_names_written_before_the_value_are_kept(sentence, expected):
    assert [(name, value) for name, value, _ in _names(sentence)] == expected


def test_the_shipped_pipeline_keeps_the_name_built_on_the_words_the_ner_chose():
    """The relation model may choose the NER's `总投资`, the very words the rules named the value
    after: the rules' fuller name stays."""
    text = REVIEW + "实施总投资3.2亿元的“城乡一体化供水”工程，投资7100万元的城东水厂提标工程完工。\n"
    records = govie.extract(text, report_year=2025)
    assert [(r.indicator, r.value) for r in records] == [("城乡一体化供水工程总投资", 3.2), ("城东水厂提标工程投资", 7100.0)]


def test_every_value_of_a_list_of_attributes_stays_a_record_in_the_shipped_pipeline():
    """The relation model saw few such lists; the rules' reading of them stands."""
    text = (
        "二、2026年工作安排\n重点抓好投资60亿元的甲集团石墨负极材料、12亿元的乙集团包装印刷、"
        "7.5亿元的丙集团商贸中心、3亿元的丁集团石墨深加工等项目落地建设。"
    )
    records = govie.extract(text, report_year=2026)
    assert [(r.value, r.unit, r.role) for r in records] == [
        (60.0, "亿元", "target"),
        (12.0, "亿元", "target"),
        (7.5, "亿元", "target"),
        (3.0, "亿元", "target"),
    ]
    assert all(r.indicator.endswith("投资") for r in records)


def test_a_threshold_written_again_in_parentheses_is_part_of_a_name():
    text = REVIEW + "全年3亿元（4000万美元）以上制造业项目开工65个，竣工41个。"
    assert [(r.value, r.unit) for r in govie.extract(text, report_year=2025)] == [(65.0, "个"), (41.0, "个")]
