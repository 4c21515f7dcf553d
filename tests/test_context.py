"""govie_context: report year, sections and sentences, once per Doc."""

from __future__ import annotations

from govie.pipeline import build_rules_pipeline
from govie.pipeline.context import find_sections, infer_report_year, sentence_spans
from govie.pipeline.state import doc_state

TEXT = (
    "2026年政府工作报告\n一、2025年工作回顾\n全区地区生产总值增长6.1%。城镇新增就业5213人。\n二、2026年工作安排\n地区生产总值增长6%左右。"
)


def test_report_year_from_the_title():
    assert infer_report_year(TEXT) == 2026


def test_sections_of_review_and_plan():
    kinds = [(s.kind, s.year) for s in find_sections(TEXT, 2026)]
    assert kinds == [("intro", 2025), ("review", 2025), ("plan", 2026)]


def test_sentences_end_at_stops_and_line_breaks():
    spans = sentence_spans("甲。乙！\n丙")
    assert [("甲。乙！\n丙")[s:e] for s, e in spans] == ["甲。", "乙！", "丙"]


def test_component_sets_year_sections_and_sentences_once():
    nlp = build_rules_pipeline()
    doc = nlp.make_doc(TEXT)
    doc = nlp.get_pipe("govie_context")(doc)
    state = doc_state(doc)
    assert doc._.report_year == 2026
    assert [s.kind for s in doc._.sections] == ["intro", "review", "plan"]
    assert len(state.sentences) == len(state.doc_sentences) == len(list(doc.sents))
    assert [doc.text[s:e].strip() for s, e in state.sentences][2] == "全区地区生产总值增长6.1%。"


def test_a_given_report_year_is_kept():
    nlp = build_rules_pipeline()
    doc = nlp.make_doc(TEXT)
    doc._.report_year = 2030
    assert nlp(doc)._.report_year == 2030


def test_a_copy_that_ran_its_paragraphs_into_one_line_keeps_its_sections():
    # A news page joins paragraphs with spaces, or with nothing after a full stop; the part headings
    # stay between them, and the space after a heading would otherwise be dropped as typesetting.
    flat = (
        "各位代表： 受县人民政府委托，下面报告政府工作。一、2025年工作回顾 过去的一年，"
        "全市地区生产总值增长5.4%，城镇新增就业3.2万人。 二、2026年工作安排 今年全县发展的主要预期目标是："
        "地区生产总值增长5%左右，城镇新增就业3万人以上。"
    )
    nlp = build_rules_pipeline()
    doc = nlp(flat)
    assert [(s.kind, s.year, s.heading) for s in doc._.sections] == [
        ("intro", 2025, ""),
        ("review", 2025, "一、2025年工作回顾"),
        ("plan", 2026, "二、2026年工作安排"),
    ]
    roles = {(r.value, r.role) for r in doc._.records}
    assert {(5.4, "actual"), (3.2, "actual"), (5.0, "target"), (3.0, "target")} <= roles
    # Offsets still point into the text as given.
    assert all(flat[r.start : r.end].replace(" ", "") for r in doc._.records)
    assert [flat[r.start : r.end] for r in doc._.records if r.value == 5.4] == ["5.4"]


def test_a_part_on_a_plan_period_is_a_plan_of_the_plans_last_year():
    text = (
        "2021年政府工作报告\n一、2020年工作回顾\n全市地区生产总值增长3.6%。\n"
        "二、“十四五”时期美好愿景\n地区生产总值年均增长6%。\n"
        "三、展望2035年与“十四五”发展目标\n全区生产总值年均增长6.3%左右。到2035年，全市综合实力迈上新台阶。\n"
        "四、2021年重点工作\n地区生产总值增长7%。\n"
    )
    kinds = [(s.kind, s.year) for s in find_sections(text, 2021)]
    assert kinds == [("intro", 2020), ("review", 2020), ("plan", 2025), ("plan", 2025), ("plan", 2021)]
