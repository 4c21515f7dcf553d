"""Report metadata read off made-up report openings."""

from __future__ import annotations

import pytest

from govie.pipeline.metadata import infer_metadata, level_of


@pytest.mark.parametrize(
    ("opening", "region", "level", "year"),
    [
        ("---\ntitle: 2026年政府工作报告\n---\n——2026年1月12日在浙江省第十四届人民代表大会第四次会议上\n", "浙江省", "province", 2026),
        ("东湖市政府工作报告（2025年1月8日 张三）\n各位代表：\n", "东湖市", "city", 2025),
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
            "city",
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
    assert level_of("浦东新区") == "district"
    assert level_of("延边朝鲜族自治州") == "city"
    assert level_of(None) is None
