"""govie_assembler: quantities in their context to record drafts, published as doc._.records."""

from __future__ import annotations

from govie.pipeline import build_rules_pipeline
from govie.pipeline.state import Draft, doc_state

REVIEW = "一、2025年工作回顾\n"
PLAN = "二、2026年工作安排\n"


def _run(text: str, year: int = 2026):
    nlp = build_rules_pipeline()
    doc = nlp.make_doc(text)
    doc._.report_year = year
    for name, component in nlp.pipeline:
        if name == "govie_cleanup":
            break
        doc = component(doc)
    return doc


def test_drafts_in_doc_offsets_and_records_in_original_offsets():
    text = REVIEW + "全区地区生产总值312.5亿元，增长6.1%。"
    doc = _run(text)
    drafts = doc_state(doc).drafts
    assert all(isinstance(d, Draft) for d in drafts)
    assert [(d.indicator_id, d.value, d.measure, d.role, d.year) for d in drafts] == [
        ("gdp", 312.5, "level", "actual", 2025),
        ("gdp", 6.1, "growth", "actual", 2025),
    ]
    assert [text[r.start : r.end] for r in doc._.records] == ["312.5", "6.1"]
    spans = doc._.record_spans
    assert text[slice(*spans[0].indicator)] == "地区生产总值" and text[slice(*spans[0].unit)] == "亿元"


def test_plan_section_makes_targets_with_tiers():
    drafts = doc_state(_run(PLAN + "一般公共预算收入确保增长5%、力争6%。")).drafts
    assert [(d.role, d.tier, d.year) for d in drafts] == [("target", "floor", 2026), ("target", "stretch", 2026)]


def test_comparison_gap_is_no_record_and_the_quantity_says_why():
    doc = _run(REVIEW + "规模以上工业增加值增长7.5%，高于全省平均0.8个百分点。")
    assert [d.value for d in doc_state(doc).drafts] == [7.5]
    assert [q.excluded for q in doc_state(doc).quantities] == ["date", None, "comparison"]


def test_indicator_spans_go_to_doc_spans():
    doc = _run(REVIEW + "城镇新增就业5213人。")
    assert [s.text for s in doc.spans["indicators"]] == ["城镇新增就业"]


def test_a_second_list_without_heads_runs_over_the_heads_of_the_first():
    text = REVIEW + "全县城乡居民收入分别达到31500元、14200元，同比分别增长7.5%和9.1%，旅游收入增长8%。"
    records = [(r.indicator_id, r.value) for r in _run(text)._.records]
    assert records == [
        ("urban_disposable_income", 31500.0),
        ("rural_disposable_income", 14200.0),
        ("urban_disposable_income", 7.5),
        ("rural_disposable_income", 9.1),
        ("tourism_revenue", 8.0),
    ]


def test_price_rises_are_growth_and_a_plan_named_as_base_is_no_indicator():
    text = (
        "一、2015年工作回顾\n"
        "一般公共预算收入达到73.8亿元，是“十一五”末的2.2倍。全县居民人均可支配收入实际增长6.6%。\n"
        "二、2016年工作安排\n"
        "主要预期目标：居民消费价格涨幅控制在3%左右，物价总水平基本稳定。\n"
    )
    records = [(r.indicator_id, r.value, r.measure) for r in _run(text, 2016)._.records]
    assert records == [
        ("general_budget_revenue", 73.8, "level"),
        ("general_budget_revenue", 2.2, "growth"),
        ("disposable_income", 6.6, "growth"),
        ("cpi", 3.0, "growth"),
    ]


def test_a_counted_noun_ends_before_the_conjunction_of_the_next_count():
    doc = _run(REVIEW + "全市建成8个物流园区和3个冷链基地；运动员在省运会上夺得26枚金牌和19枚银牌。")
    first = [(d.indicator, d.value, d.unit) for d in doc_state(doc).drafts if d.value in (8.0, 26.0)]
    assert first == [("建成物流园区", 8.0, "个"), ("金牌", 26.0, "枚")]


def test_a_cut_named_with_its_share_word_is_a_level_and_a_cut_in_percent_a_fall():
    # GUIDELINE, settled decision 3: `精简比例达35%` names the share; `压缩审批时限60%` is a fall.
    text = REVIEW + "取消和下放市级审批事项86项，精简幅度达27.5%；审批时限压缩45%。\n"
    records = [(r.indicator, r.value, r.measure) for r in _run(text)._.records]
    assert records == [
        ("取消和下放市级审批事项", 86.0, "level"),
        ("精简幅度", 27.5, "level"),
        ("审批时限", -45.0, "growth"),
    ]
