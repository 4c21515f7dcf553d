"""Metamorphic tests: govie reads a report the same way whatever copy of it a user brings.

Each transformation of govie.testing.metamorphic (traditional characters, pinyin glosses, full-width
digits, line ends, PDF wrapping, HTML, list marks, notes, page chrome, watermarks, loss markers, and
the combined variants) is applied to a report written here in the style of the reports and to two
short gold reports of the train and dev splits; the records must not change and their offsets must
point at the same number in the variant. The whole gold set is measured by benchmarks/metamorphic.py.
"""

from __future__ import annotations

import json
import random
import re

import pytest

import govie
from govie.gold import load_gold
from govie.testing.metamorphic import COMBINED, TRANSFORMS, apply_edits, check_invariance, mojibake, variant

from conftest import REPO_ROOT, corpus_dir

NAMES = [*TRANSFORMS, *COMBINED]

# Invented, in the style of a county report: a title with its session line, a review with figures of
# the past year, and the coming year's targets; rare characters (涞, 邺, 赓) for the loss markers.
REPORT = """2025年涞邺县人民政府工作报告
——2025年1月16日在涞邺县第十八届人民代表大会第五次会议上
县长 赓文远
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全县地区生产总值完成186.4亿元，增长6.2%；一般公共预算收入完成12.7亿元，增长8.1%；规模以上工业增加值增长9.3%；固定资产投资增长5.6%；社会消费品零售总额达到71.2亿元，增长4.8%。城镇居民人均可支配收入43210元，增长5.1%；农村居民人均可支配收入21560元，增长7.0%。
坚持项目为王。全年实施重点项目126个，完成投资95.3亿元，其中新开工项目48个。新增规模以上工业企业23家，高新技术企业达到61家。
民生保障持续加强。城镇新增就业4300人，城镇登记失业率控制在3.2%以内。新建和改扩建幼儿园6所，新增学位1800个。改造农村公路126公里，新建5G基站320个。
二、2025年主要目标和重点工作
今年政府工作的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长6%；规模以上工业增加值增长8%以上；固定资产投资增长7%；社会消费品零售总额增长5%；城乡居民人均可支配收入增长与经济增长同步；城镇新增就业4000人以上；单位地区生产总值能耗下降3%。
实施重点项目130个以上，年度计划投资100亿元；新增高新技术企业10家。
"""


@pytest.fixture(scope="module")
def nlp():
    return govie.load()


def _records(nlp, text: str):
    return nlp(text)._.records


def test_the_report_has_records_of_every_kind(nlp):
    records = _records(nlp, REPORT)
    assert len(records) >= 25
    assert {r.role for r in records} >= {"actual", "target"}
    assert {r.measure for r in records} >= {"level", "growth"}


@pytest.mark.parametrize("name", NAMES)
def test_records_of_a_variant_are_the_original_records(nlp, name):
    original = _records(nlp, REPORT)
    for seed in range(2):
        transformed = variant(REPORT, name, seed=seed, report_year=2025)
        assert transformed.text != REPORT
        result = check_invariance(original, transformed, _records(nlp, transformed.text))
        described = [(r.indicator, r.value, r.unit, r.measure, r.role, r.year, r.start) for r in result.lost + result.added]
        assert not result.lost and not result.added, (seed, described)


@pytest.mark.parametrize("name", NAMES)
def test_offset_maps_follow_every_digit(name):
    """Each digit of the original sits at its mapped position in the variant, possibly full-width."""
    transformed = variant(REPORT, name, seed=7, report_year=2025)
    for match in re.finditer(r"\d", REPORT):
        moved = transformed.text[transformed.positions[match.start()]]
        assert moved in (match.group(), chr(ord(match.group()) + 0xFEE0)), (name, match.start())
    assert transformed.positions[len(REPORT)] == len(transformed.text)


def test_apply_edits_maps_insertions_and_replacements():
    result = apply_edits("增长6.5%。", [(2, 2, "（同比）"), (5, 6, "％"), (6, 7, "。\r\n")])
    assert result.text == "增长（同比）6.5％。\r\n"
    assert [result.text[result.positions[i]] for i in range(6)] == list("增长6.5％")
    assert result.positions[7] == len(result.text)
    with pytest.raises(ValueError):
        apply_edits("abc", [(0, 2, "x"), (1, 3, "y")])


def test_mojibake_glosses_only_converted_characters():
    garbled = mojibake("关于经济发展的报告", seed=3, share=1.0)
    assert "關" in garbled and "經" in garbled and "(" in garbled or "（" in garbled
    assert re.sub(r"[(（][^)）]*[)）]", "", garbled) == "關於經濟發展的報告"


def test_loss_markers_hit_only_rare_characters():
    edits = TRANSFORMS["loss_markers"](REPORT, random.Random(0), 2025)
    hit = {REPORT[start] for start, _, _ in edits}
    assert hit and hit <= set("涞邺赓")


def _sample_gold_reports(count: int = 2):
    """The shortest gold reports of the train and dev splits (error reading is allowed on them)."""
    splits = json.loads((REPO_ROOT / "corpus" / "splits.json").read_text(encoding="utf8"))
    readable = sorted(set(splits["train"]) | set(splits["dev"]))
    if not (corpus_dir() / "reports").is_dir():
        pytest.skip(f"shared corpus not found at {corpus_dir()} (set GOVIE_CORPUS)")
    documents = list(load_gold(REPO_ROOT / "corpus" / "gold", corpus_dir(), files=readable))
    documents.sort(key=lambda item: len(item[1]))
    return documents[:count]


def test_gold_reports_keep_their_records_under_every_transformation(nlp):
    matched = total = 0
    failures = []
    for document, text in _sample_gold_reports():
        original = _records(nlp, text)
        for name in NAMES:
            transformed = variant(text, name, seed=1, report_year=document.report_year)
            result = check_invariance(original, transformed, _records(nlp, transformed.text))
            matched += result.matched
            total += result.matched + len(result.lost) + len(result.added)
            if result.lost or result.added:
                failures.append((document.file, name, len(result.lost), len(result.added)))
    assert total > 0
    assert matched / total >= 0.99, failures
