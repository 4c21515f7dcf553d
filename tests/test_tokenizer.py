"""govie's tokenizer: numbers and their units stay whole, offsets map back to the input, settings
and tables are serialised."""

from __future__ import annotations

from govie.pipeline import build_rules_pipeline
from govie.pipeline.state import doc_offsets


def _words(text: str) -> list[str]:
    return [token.text for token in build_rules_pipeline().make_doc(text)]


def test_numbers_units_and_ranges_are_tokens():
    assert _words("总值571.02亿元，增长6.7%，新建1—2个，-39.7%，3.5万。")[:13] == [
        "总",
        "值",
        "571.02",
        "亿元",
        "，",
        "增长",
        "6.7%",
        "，",
        "新",
        "建",
        "1—2",
        "个",
        "，",
    ]
    assert "3.5万" in _words("达到3.5万。")
    assert "个百分点" in _words("提高0.5个百分点")


def test_units_over_denominators_are_one_token_and_phases_stay_apart():
    words = _words("水价下调0.3元/立方米，二期工程开设培训班12期。")
    assert "元/立方米" in words and "12" in words and "期" in words and "二期" not in words


def test_headline_names_are_one_token():
    assert "规模以上工业增加值" in _words("规模以上工业增加值增长8%")


def test_offsets_point_into_the_original_text():
    text = "﻿一、２０２５年工作回顾\r\n全区生產總值增长６．５％。"
    doc = build_rules_pipeline().make_doc(text)
    offsets = doc_offsets(doc)
    start = doc.text.index("6.5")
    assert text[offsets[start] : offsets[start + 2] + 1] == "６．５"


def test_settings_and_lexicon_round_trip(tmp_path):
    nlp = build_rules_pipeline()
    nlp.tokenizer.lexicon_tokens = False
    data = nlp.tokenizer.to_bytes()
    other = build_rules_pipeline()
    other.tokenizer.from_bytes(data)
    assert other.tokenizer.lexicon_tokens is False
    assert "规模以上工业增加值" not in [t.text for t in other.make_doc("规模以上工业增加值增长8%")]
    nlp.tokenizer.to_disk(tmp_path / "tokenizer")
    assert build_rules_pipeline().tokenizer.from_disk(tmp_path / "tokenizer").lexicon_tokens is False


def test_runs_of_plain_characters_are_the_single_characters_of_the_full_pattern():
    # The `plain` alternative reads a run of characters no other token starts with in one match; the
    # tokens must be those of the pattern without it, character by character.
    import re

    tokenizer = build_rules_pipeline().tokenizer
    text = (
        "2025年，全县地区生产总值完成一百二十三点五亿元，增长6.5%，高于全省-0.3个百分点；"
        "新建5G基站三百个、壹佰贰拾户，ABC园区 进出口额达到12,345.6万美元\n（一）稳投资：确保投资增长8%左右。"
    )
    fast = tokenizer.segment(text)
    full = tokenizer.pattern
    tokenizer._pattern = re.compile(re.sub(r"\|\(\?P<plain>.*?\]\+\)", "", full.pattern), full.flags)
    try:
        assert "plain" not in tokenizer.pattern.pattern
        assert tokenizer.segment(text) == fast
    finally:
        tokenizer._pattern = full
