"""Chinese-numeral counts of things done, built, reached or obtained are records (GUIDELINE.md v2
ruling 10); counts that name or brand a set, slogans, idioms and names stay out. The sentences are
made up, in the style of county reports."""

from __future__ import annotations

import pytest

import govie
from govie.pipeline.quantities import find_quantities


def _counted(text: str) -> list[str]:
    """The numerals read as counts of things done (kept whatever the relation model scores)."""
    return [text[q.start : q.end] for q in find_quantities(text) if q.excluded is None and q.counted]


def _recorded(text: str) -> list[tuple[str, float, str]]:
    """The Chinese numerals the shipped pipeline makes records of, with value and unit."""
    records = govie.extract(text, report_year=2026)
    return sorted((text[r.start : r.end], r.value, r.unit) for r in records if not text[r.start].isdigit())


def test_a_count_after_a_newly_listed_verb_of_result():
    text = "2025年，积极承接功能疏解，对接一家央企，成立了十二个工作专班。"
    assert _recorded(text) == [("一", 1.0, "家"), ("十二", 12.0, "个")]


def test_a_count_after_a_verb_that_also_takes_sets_when_its_noun_names_no_set():
    text = "2025年，深挖红色资源，推出两条精品旅游线路，实施三家乡镇卫生院改造工程。"
    assert _recorded(text) == [("三", 3.0, "家"), ("两", 2.0, "条")]


def test_a_count_before_its_noun_and_a_verb_of_result():
    text = "2025年，某某食品产业园三条生产线全部投产，城区四条河道全面清理。"
    assert _recorded(text) == [("三", 3.0, "条"), ("四", 4.0, "条")]


def test_times_an_action_was_done():
    # `先后` ends in 后 but ranks nothing.
    assert ("四", 4.0, "次") in _recorded("2025年，先后四次对8家小贷公司开展现场检查。")


def test_the_items_of_a_list_headed_by_a_count_of_things_done():
    text = "2025年，完成一个净水厂、一个燃气调压站、一条雨水管网建设。"
    assert _recorded(text) == [("一", 1.0, "个"), ("一", 1.0, "个"), ("一", 1.0, "条")]
    assert ("两", 2.0, "座") in _recorded("2025年，完成滨河路等七条道路及两座桥梁新建工程。")


def test_digits_side_by_side_are_no_count():
    text = "2025年，平稳完成全县唯一一家水泥厂搬迁。"
    assert _recorded(text) == []
    assert all(q.value != 11 for q in find_quantities(text))


@pytest.mark.parametrize(
    "text",
    [
        "大力实施八项战略",
        "着力打造三个强省",
        "重点打造五个县域经济增长极",
        "努力建成一个富强文明和谐的新城区",
        "实施十名院士、百名专家引进计划",
        "努力建成一个经济更加繁荣、生态更加优美的新城区",
        "要一个项目一个项目落地",
        "“一河两岸”两条景观带全面建成",
        "“五到位”是五个方面工作同时启动",
        "——培育六个产业链条。做大做强新材料、化工、装备制造产业。",
        "年度十件实事项目全面完成",
        "一件一件工作去完成",
        "空气质量改善幅度连续两次排名全省第一",
        "建成三个数据库，人口库、法人库和地理信息库",
        "深入实施八项富民工程",
        "总理先后两次到本市视察",
        "“三片区”，指建成三个排水分区",
        "“一专科一中心”：每个县级医院建成两个特色专科",
        "某某工作法：即编制两个规划，建立八本台账",
        "十五项改革攻坚基本落地",
        "持续打造四个“百亿级”产业集群",
        "重点培育三个成长型产业（纺织、化工、建材）",
        "实施三项提升工程，即县城、园区、乡村提升工程",
        "每年至少开展一次集中排查",
        "引进一个专家、带来一个团队、做强一个产业",
        "完成二次供水设施改造",
        "编制完成一次性告知单",
        "实施一人一策帮扶",
        "建立一支懂产业的招商队伍",
        "县十七届人大四次会议确定的民生实事全部完成",
        "完成四类村庄认定",
        "[7]“三个一”工程：建成一条景观大道、一个城市广场、一座公园。",
        "围绕“引进一名带头人，带活一个产业”",
        "组团游览五台山景区",
        "两个区各完成50公里",
        "三条跨江通道建成后，将连通两岸",
    ],
)
def test_sets_slogans_idioms_notes_and_names_are_no_counts(text):
    assert _counted(text) == []


def test_the_shipped_pipeline_keeps_a_count_the_model_alone_dropped():
    assert _recorded("2025年，全县新建两条示范街。") == [("两", 2.0, "条")]
