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
        # The report's own region (`我县`) and an object marker (`将`, `把`, `加强对`) are no part of it.
        ("我县将残疾人两项补贴标准提高到每人每月95元。", [("残疾人两项补贴标准", 95.0)]),
        ("我市规上工业企业达到318家。", [("规上工业企业", 318.0)]),
        ("把农田灌溉用水效率提高到61%。", [("农田灌溉用水效率", 61.0)]),
        ("将单位地区生产总值能耗目标设定为下降3.2%左右。", [("单位地区生产总值能耗", -3.2)]),
        # A move's start (`由2015年的`, `由原来的`) is no part of the name of either value.
        ("高排放产业比重由2015年的51%下降到30%。", [("高排放产业比重", 51.0), ("高排放产业比重", 30.0)]),
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A share written without its subject is of the thing the figure before measured.
        ("全年教育支出61.2亿元，占一般公共预算支出的18.5%。", [("教育支出", 61.2), ("教育支出占一般公共预算支出比重", 18.5)]),
        ("新增市级专精特新企业26家、占全市的31%。", [("新增市级专精特新企业", 26.0), ("新增市级专精特新企业占全市比重", 31.0)]),
        ("非税收入12.4亿元，占比21.6%。", [("非税收入", 12.4), ("非税收入占比", 21.6)]),
    ],
)
def test_a_share_without_its_subject_takes_the_thing_before(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A verb after a count says what became of it; the count keeps the name before it.
        ("区级审批事项由2019年的412项减少到2024年的265项。", [("区级审批事项", 412.0), ("区级审批事项", 265.0)]),
        ("城区建成面积由18平方公里扩大到26.5平方公里。", [("城区建成面积", 18.0), ("城区建成面积", 26.5)]),
    ],
)
def test_both_ends_of_a_move_take_the_name_before_it(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A total after a count of things added is the total of those things.
        ("新增高新技术企业37家，总数达219家。", [("新增高新技术企业", 37.0), ("高新技术企业总数", 219.0)]),
        (
            "新增国家级专精特新企业31家、省级单项冠军企业6家，总数分别达到198家、37家。",
            [
                ("新增国家级专精特新企业", 31.0),
                ("新增省级单项冠军企业", 6.0),
                ("国家级专精特新企业总数", 198.0),
                ("省级单项冠军企业总数", 37.0),
            ],
        ),
    ],
)
def test_a_total_after_things_added_is_their_total(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A percentage of the things after it, with only a region or cue words before it.
        ("全县75%的餐饮店完成“明厨亮灶”改造。", [("餐饮店完成明厨亮灶改造", 75.0)]),
        ("88.5%的政务服务事项实现“网上办”。", [("政务服务事项实现网上办", 88.5)]),
        # A rate named after it, with the thing it is of.
        ("7.5%左右的经济增速，既积极又稳妥。", [("经济增速", 7.5)]),
    ],
)
def test_a_share_of_the_things_after_it_is_named_from_them(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "规上工业增加值在2022年增长9.6%、2023年增长11.2%的基础上，2024年增长8.1%。",
        "以占全省2%的人口、1.6%的耕地、3.4%的用水量，创造了全省5%的经济总量。",
        "税收收入达到“十三五”末的1.4倍，保持了年均8.6%的较高增速。",
    ],
)
def test_a_rate_before_words_that_are_no_things_shared_is_not_named_from_them(sentence):
    names = [name for name, _ in _names(sentence)]
    assert not any(name.startswith(("基础", "耕地", "较高增速")) for name in names), names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The words between two counts are what the first counted; the second's things are in them.
        ("全省36个县的148个乡镇纳入农村环境整治试点。", [("县", 36.0), ("乡镇纳入农村环境整治试点", 148.0)]),
        ("中欧班列通达12个国家的95个城市。", [("中欧班列通达国家", 12.0), ("城市", 95.0)]),
        ("全县9个乡镇31个行政村完成“煤改电”改造。", [("乡镇", 9.0), ("行政村完成“煤改电”改造", 31.0)]),
        # Words before a conjunction are an item of their own; a count's noun ends before one.
        ("升级改造城区游泳池、田径场和4个足球场。", [("足球场", 4.0)]),
        ("2所中心卫生院和下辖29所村卫生室顺利通过验收。", [("中心卫生院", 2.0), ("村卫生室顺利通过验收", 29.0)]),
        # A preposition or a region before a count names nothing counted.
        ("对28家企业、15个重点项目落实领导联系制度。", [("企业", 28.0), ("重点项目落实领导联系制度", 15.0)]),
        # `年底前` says when; where it is all the clause names, the value keeps it rather than being lost.
        ("年底前生活垃圾分类覆盖率达到90%。", [("生活垃圾分类覆盖率", 90.0)]),
    ],
)
def test_the_words_around_counts_that_name_no_thing_counted_are_left_out(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A multiple of an earlier time is of the figure before it in the sentence, or of the subject
        # before its verb.
        ("完成交通建设投资285亿元，是“十一五”总投资的2.4倍。", [("交通建设投资", 285.0), ("交通建设投资", 2.4)]),
        ("建成高标准农田198.5万亩，是上年的1.4倍。", [("建成高标准农田", 198.5), ("建成高标准农田", 1.4)]),
        ("利用市外资金是前五年的3倍。", [("利用市外资金", 3.0)]),
    ],
)
def test_a_multiple_of_an_earlier_time_is_of_the_figure_it_follows(sentence, expected):
    assert _names(sentence) == expected


def test_a_multiple_of_another_figure_is_not_named_after_the_figure_before():
    # A ratio of two figures (expenditure six times revenue) is no growth of the first.
    names = _names("一般公共预算支出突破25亿元，是全年一般公共预算收入的5倍。")
    assert names[0] == ("一般公共预算支出", 25.0)
    assert names[1][1] == 5.0 and names[1][0].startswith("一般公共预算收入"), names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The investment after a count of projects is theirs, and so is the next one of the sentence.
        (
            "全年实施省级重点项目17个，总投资92.5亿元，当年完成投资31.2亿元。",
            [("实施省级重点项目", 17.0), ("省级重点项目总投资", 92.5), ("省级重点项目完成投资", 31.2)],
        ),
        ("新签亿元以上合同项目35个、总投资280亿元。", [("新签亿元以上合同项目", 35.0), ("新签亿元以上合同项目总投资", 280.0)]),
        # Not after a count of other things.
        ("新建学校12所，投资3.5亿元。", [("新建学校", 12.0), ("投资", 3.5)]),
    ],
)
def test_an_investment_after_projects_counted_is_theirs(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The further items of a list that opens on `新增` were added too.
        (
            "新增省级科技型中小企业280家、创新型中小企业41家、高新技术企业27家，规模以上工业企业达到98家。",
            [("新增省级科技型中小企业", 280.0), ("新增创新型中小企业", 41.0), ("新增高新技术企业", 27.0), ("规模以上工业企业", 98.0)],
        ),
        # Not a total, nor the indicator `新增就业`.
        ("新增运营里程56公里、总里程达到420公里。", [("新增运营里程", 56.0), ("总里程", 420.0)]),
        ("新增城镇就业2.6万人、农民工返乡创业0.8万人。", [("新增城镇就业", 2.6), ("农民工返乡创业", 0.8)]),
        # The whole verb, not its first word, however it is joined.
        ("新建改造农村公路260公里、村内道路480公里。", [("新建改造农村公路", 260.0), ("新建改造村内道路", 480.0)]),
        ("新建和改扩建中小学12所、幼儿园9所。", [("新建和改扩建中小学", 12.0), ("新建和改扩建幼儿园", 9.0)]),
        ("新改建社区卫生服务站14个、村卫生室37个。", [("新改建社区卫生服务站", 14.0), ("新改建村卫生室", 37.0)]),
        ("新遴选市级领军人才60名、青年拔尖人才150名。", [("新遴选市级领军人才", 60.0), ("新遴选青年拔尖人才", 150.0)]),
        # Nothing of a rate was added.
        ("新建改造城市道路项目开工率92%、完工率75%。", [("新建改造城市道路项目开工率", 92.0), ("完工率", 75.0)]),
    ],
)
def test_the_items_of_a_list_of_things_added_were_added(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Levels of government listed before one noun are no list of items.
        ("入选国家、省级储备项目860个。", [("入选国家、省级储备项目", 860.0)]),
        # Places are.
        ("支持深圳市、广州市新建3个创新中心。", [("广州市新建创新中心", 3.0)]),
    ],
)
def test_levels_of_government_before_one_noun_stay_in_its_name(sentence, expected):
    assert _names(sentence) == expected
