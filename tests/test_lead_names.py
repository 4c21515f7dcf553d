"""A value whose clause names nothing before it but a verb (with manner words), a region word or a
fragment is named from the thing written after it (`严格管控98平方公里生态留白用地`), with the verb when it
says what was done to the thing. Sentences made up for these tests."""

from __future__ import annotations

from functools import cache

import pytest

from govie.pipeline import build_rules_pipeline

REVIEW = "2025年政府工作报告\n一、2024年工作回顾\n"


@cache
def _rules():
    return build_rules_pipeline()


def _names(sentence: str) -> list[tuple[str, float]]:
    doc = _rules().make_doc(REVIEW + sentence)
    doc._.report_year = 2025
    return [(record.indicator, record.value) for record in _rules()(doc)._.records]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Manner words go, a verb that says what was done stays.
        ("严格管控98平方公里生态留白用地，生产空间更加集约。", [("管控生态留白用地", 98.0)]),
        ("同时发行8000亿元特别国债。", [("发行特别国债", 8000.0)]),
        ("积极投放26亿元住房公积金贷款。", [("投放住房公积金贷款", 26.0)]),
        # A generic verb goes; the next value of the list, with no words of its own, has the same lead.
        ("建设4.2万亩高标准农田、3000亩良种繁育基地。", [("高标准农田", 4.2), ("良种繁育基地", 3000.0)]),
        ("设立3000万元科技创新专项资金、2000万元风险补偿金。", [("设立科技创新专项资金", 3000.0), ("设立风险补偿金", 2000.0)]),
        # The thing is the head after the last 的; a count whose noun is cut short by a list goes to its head.
        ("出台52项对标一流优化营商环境的重点举措。", [("出台重点举措", 52.0)]),
        ("组织5轮全方位、全覆盖的安全生产督导。", [("组织安全生产督导", 5.0)]),
        ("大力实施86个产业、就业、教育等帮扶项目。", [("帮扶项目", 86.0)]),
        # A region word alone names nothing.
        ("全县3215户7420名贫困群众全部稳定脱贫。", [("贫困群众全部稳定脱贫", 3215.0), ("贫困群众全部稳定脱贫", 7420.0)]),
        # After a fragment what is counted comes first: no cut at 的.
        ("对3000家农贸市场开展以蔬菜为主的快速检测。", [("农贸市场开展以蔬菜为主的快速检测", 3000.0)]),
    ],
)
def test_value_named_after_its_lead(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A real name before the value stays, headline or not.
        ("城镇新增就业1.6万人，全年完成固定资产投资420亿元。", [("城镇新增就业", 1.6), ("固定资产投资", 420.0)]),
        # A rate is never named after what follows it.
        ("建设用地亩均税收增长8%，新建5G基站1200个。", [("建设用地亩均税收", 8.0), ("新建5G基站", 1200.0)]),
        # Counted things with what is said of them keep it (the noun was read whole).
        ("组织35家企业入驻电商平台。", [("组织企业入驻电商平台", 35.0)]),
        # A list of two statements is no thing; a list of counts keeps a noun for each.
        ("建成120所学校、新增学位9.5万个。", [("建成学校", 120.0), ("新增学位", 9.5)]),
        ("先后开展8次集中开工、4次集中竣工投产活动。", [("先后开展集中开工", 8.0), ("集中竣工投产活动", 4.0)]),
    ],
)
def test_names_before_or_counted_stay(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A list's ordinal, `进一步`, `每年` and a run of years open no name.
        ("十是城乡环境整治投入1200万元。", [("城乡环境整治投入", 1200.0)]),
        ("连续8年粮食总产量稳定在52万吨以上。", [("粮食总产量", 52.0)]),
        ("每年城乡一体化保洁投资2800万元。", [("城乡一体化保洁投资", 2800.0)]),
        ("进一步推进农村环境连片综合整治县42个。", [("推进农村环境连片综合整治县", 42.0)]),
    ],
)
def test_words_before_a_name_that_are_no_part_of_it(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新增省级龙头企业20家以上和示范合作社15家。", [("新增省级龙头企业", 20.0), ("示范合作社", 15.0)]),
        ("培育龙头企业12家和家庭农场45家。", [("培育龙头企业", 12.0), ("家庭农场", 45.0)]),
    ],
)
def test_a_conjunction_after_a_count_opens_the_next_item_not_the_counted_thing(sentence, expected):
    assert _names(sentence) == expected
