"""Report metadata read off made-up report openings."""

from __future__ import annotations

import pytest

from govie.pipeline.metadata import body_text, infer_metadata, level_of


@pytest.mark.parametrize(
    ("opening", "region", "level", "year"),
    [
        ("---\ntitle: 2026年政府工作报告\n---\n——2026年1月12日在浙江省第十四届人民代表大会第四次会议上\n", "浙江省", "province", 2026),
        ("湖州市政府工作报告（2025年1月8日 张三）\n各位代表：\n", "湖州市", "city", 2025),
        # A 市 that is no prefecture is a county-level city.
        ("义乌市2024年政府工作报告\n各位代表：\n", "义乌市", "county", 2024),
        ("——2025年1月10日在白岭旗第十八届人民代表大会第四次会议上\n各位代表：\n", "白岭旗", "county", 2025),
        ("——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\n", "中华人民共和国", "national", 2024),
        ("各位代表：\n现在，我代表青山县人民政府，向大会报告工作。\n一、2023年工作回顾\n", "青山县", "county", 2024),
        ("恩施州人民政府工作报告\n各位代表：\n", "恩施土家族苗族自治州", "city", None),
        (
            "各位代表：\n我代表州人民政府报告工作。\n一、2023年工作回顾\n伊犁州经济运行稳中有进，全州生产总值增长6%。我州与乌鲁木齐市合作。",
            "伊犁哈萨克自治州",
            "city",
            2024,
        ),
        (
            "各位代表：\n我代表省人民政府报告工作。\n一、2023年工作回顾\n江西经济运行稳中有进，全省生产总值增长5%，南昌市、赣州市增长较快。",
            "江西省",
            "province",
            2024,
        ),
        (
            "各位代表：\n我代表市人民政府报告工作。\n一、2023年工作回顾\n南湖市经济运行稳中有进，南湖市生产总值增长5%。全市上下共同努力，南湖市民生持续改善。",
            "南湖市",
            "county",
            2024,
        ),
    ],
)
def test_region_level_and_year(opening, region, level, year):
    meta = infer_metadata(opening + "城镇新增就业5000人。")
    assert (meta.region, meta.level, meta.report_year) == (region, level, year)


def test_levels():
    assert level_of("浙江省") == "province"
    assert level_of("上海市") == "province"
    assert level_of("潜江市") == "county"
    assert level_of("昆山市") == "county"
    assert level_of("鄂托克旗") == "county"
    assert level_of("浦东新区") == "district"
    assert level_of("延边朝鲜族自治州") == "city"
    assert level_of(None) is None


# Texts without a title or session line: what their body says decides.
@pytest.mark.parametrize(
    ("text", "region", "level", "year"),
    [
        # A news report of the session: the session names the county, the summary the years.
        (
            "1月9日上午，青山县第十八届人民代表大会第三次会议开幕。县长李明作政府工作报告，总结2023年工作，部署2024年工作。"
            "报告指出，全县生产总值增长6%。",
            "青山县",
            "county",
            2024,
        ),
        # A body-only copy of a district's report: the delegation gives the level, the district's
        # committee tells a district from an autonomous region, its institutions name it.
        (
            "现在，我代表区人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n刚刚过去的2023年，在市委、市政府和区委的坚强领导下，"
            "全区经济稳中有进。中共南湖区委部署的重点任务全面完成，南湖区人民政府依法履职。",
            "南湖区",
            "district",
            2024,
        ),
        # No name in any institution: the county written in full in a title and a list, and bare often.
        (
            "现在，我代表县人民政府向大会报告工作。\n在市委和县委的坚强领导下，全县上下团结奋进，2023年目标任务的完成好于预期。"
            "编制《石川县国土空间总体规划》。石川特色产业壮大，石川文旅融合加快，石川品牌走向全国。\n与西岭县、石川县共建产业园。",
            "石川县",
            "county",
            2024,
        ),
        # Only the level can be read: the text never names its county.
        ("现在，我代表县人民政府向大会报告工作。\n2024年主要预期目标是：全县生产总值增长6%。推进县城建设。", None, "county", 2024),
        # An autonomous region says 全区 and 自治区党委, not 区委.
        (
            "过去一年，在自治区党委的坚强领导下，全区各族人民团结奋斗，全区经济增长5%。宁夏发展迈出新步伐，宁夏特色产业壮大。",
            "宁夏回族自治区",
            "province",
            None,
        ),
        # A county-level city speaks of itself as 全市, under the province directly.
        (
            "现在，我代表市人民政府向大会报告工作。\n在省委、省政府和市委的坚强领导下，全市经济回升向好。仙桃工业强劲，仙桃农业稳定，与武汉市合作深化。",
            "仙桃市",
            "county",
            None,
        ),
    ],
)
def test_headerless_texts(text, region, level, year):
    meta = infer_metadata(text)
    assert (meta.region, meta.level, meta.report_year) == (region, level, year)


# A county or district that its institutions never name, called by what the report says of itself.
@pytest.mark.parametrize(
    ("text", "region", "level"),
    [
        # Its bare name in the closing thanks and in slogans, never with 县.
        (
            "现在，我代表县人民政府向大会报告工作。\n在市委和县委的坚强领导下，全县经济稳中向好，青禾特色农业提质增效。"
            "今年要深入推进“平安青禾”建设，擦亮“书香青禾”品牌。\n在此，我谨向所有关心支持青禾发展的各界朋友表示衷心感谢！",
            "青禾县",
            "county",
        ),
        # A one-character name counts where it is written with 县.
        (
            "现在，我代表县人民政府向大会报告工作。\n全县上下团结奋进，一批企业落户禾县，推动禾县高质量发展。"
            "向关心支持禾县发展的同志们致以谢意！",
            "禾县",
            "county",
        ),
        # A development zone at a line's start is no district: the district calls itself by name.
        (
            "现在，我代表区人民政府向大会报告工作。\n在市委、市政府和区委的坚强领导下，全区经济回升向好。\n"
            "经开区主导产业加快集聚，经开区改革深化，经开区营商环境优化。\n"
            "我们将奋力推动松岭区高质量发展，共建宜居和谐的新松岭区。感谢关心和支持松岭区建设的各界人士！",
            "松岭区",
            "district",
        ),
        # One kind of self-reference is not enough, nor is what a report develops.
        (
            "现在，我代表县人民政府向大会报告工作。\n全县经济稳中向好，我们要推动经济高质量发展，"
            "感谢关心支持经济发展的企业家，感谢关心支持青禾发展的朋友。",
            None,
            "county",
        ),
        # A banner of Inner Mongolia speaks as 旗 where a county speaks as 县.
        (
            "现在，我代表旗人民政府向大会报告工作。\n在盟委和旗委的坚强领导下，全旗经济稳步增长。中共白岭旗委部署的任务全面完成，"
            "白岭旗人民政府依法履职。",
            "白岭旗",
            "county",
        ),
    ],
)
def test_county_speaking_of_itself(text, region, level):
    meta = infer_metadata(text)
    assert (meta.region, meta.level) == (region, level)


def test_a_name_inside_another_is_not_a_mention():
    text = "现在，我代表市人民政府向大会报告工作。全市经济稳中有进。马鞍山发展提速，马鞍山港吞吐量增长，与鞍山市交流合作。"
    assert infer_metadata(text).region == "马鞍山市"


@pytest.mark.parametrize(
    ("opening", "region"),
    [
        # Web copies: a chrome line before the title, the year after the region.
        ("工作报告\n保定市清苑区2024年政府工作报告\n时间：2024-04-02\n各位代表：\n", "清苑区"),
        # A county session written without 第.
        ("——2025年1月15日在青山县十八届人民代表大会第五次会议上\n各位代表：\n", "青山县"),
        # The session's 在 caught with the date before it.
        ("——2025年1月8日在东湖市第十五届人民代表大会第五次会议上\n", "东湖市"),
    ],
)
def test_region_of_web_copies(opening, region):
    assert infer_metadata(opening + "现在，我代表政府向大会报告工作。").region == region


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("现在，我代表市人民政府向大会报告工作。\n一、2023年主要工作和“十四五”发展成就\n二、2024年主要工作\n", 2024),
        ("各位代表！2023年主要目标任务的完成，来之不易。\n三、2024年工作安排\n今年是关键之年。", 2024),
        # A date in the body's prose is not the session's date.
        (
            "现在，我代表县人民政府向大会报告工作。\n2023年4月17日召开县政府常务会议，研究部署深化改革、扩大开放、优化营商环境和保障改善民生的各项重点工作，"
            "明确责任分工和完成时限。\n一、2023年工作回顾\n",
            2024,
        ),
    ],
)
def test_year_a_body_states(text, year):
    assert infer_metadata(text).report_year == year


def test_body_text_strips_the_header():
    header = (
        "---\ntitle: 东湖市政府工作报告\n---\n东湖市政府工作报告（2025年1月8日 张三）\n"
        "——2025年1月8日在东湖市第十五届人民代表大会第五次会议上\n市长 张三\n各位代表：\n"
    )
    body = "现在，我代表市人民政府向大会报告工作，请予审议。\n一、2024年工作回顾\n全市生产总值增长5%。\n"
    assert body_text(header + body) == body
    # A copy that lost its line breaks: the body starts after the salutation.
    one_line = "政府工作报告——2025年1月8日在东湖市第十五届人民代表大会第五次会议上 市长 张三 各位代表：" + body
    assert body_text(one_line) == body
    # A text without a paragraph of prose is kept whole.
    assert body_text("东湖市政府工作报告\n目录\n") == "东湖市政府工作报告\n目录\n"
