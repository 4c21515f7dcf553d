"""The lexicon: one set of tables, compiled once, serialised with a pipeline and hashed in its meta."""

from __future__ import annotations

import re

import pytest

import govie
from govie.lexicon import TABLE_FILES, Lexicon, default_lexicon, trie_pattern
from govie.pipeline import build_rules_pipeline

REVIEW = "一、2025年工作回顾\n"


def test_tables_load_and_headline_ids_match_on_the_head():
    lexicon = default_lexicon()
    assert lexicon.headline_names["gdp"] == "地区生产总值"
    assert lexicon.headline_id("全市规模以上工业增加值") == "industrial_value_added"
    assert lexicon.headline_id("高新技术产业增加值") is None
    assert "亿元" not in lexicon.units and "元" in lexicon.units
    assert set(lexicon.cues["rate_units"]) == {"%", "‰"}


def test_trie_pattern_prefers_the_longest_word():
    import re

    pattern = re.compile(trie_pattern(["百分点", "个百分点", "个"]))
    assert pattern.match("个百分点").group() == "个百分点"
    assert pattern.match("个人").group() == "个"


def test_missing_table_is_an_error():
    tables = dict(default_lexicon().tables)
    del tables["units.txt"]
    with pytest.raises(ValueError, match="units.txt"):
        Lexicon(tables)


def test_hash_changes_with_any_table():
    tables = dict(default_lexicon().tables)
    tables["units.txt"] += "\n车皮\n"
    assert Lexicon(tables).sha256 != default_lexicon().sha256


def test_a_saved_pipeline_keeps_its_tables(tmp_path):
    """Editing the package tables after a pipeline was saved does not change what it extracts."""
    nlp = build_rules_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    assert sorted(p.name for p in (tmp_path / "pipeline" / "tokenizer" / "lexicon").iterdir()) == sorted(TABLE_FILES)
    # A pipeline whose saved tables lack an alias: the loaded pipeline uses the saved tables.
    indicators = tmp_path / "pipeline" / "tokenizer" / "lexicon" / "indicators.tsv"
    indicators.write_text(indicators.read_text(encoding="utf8").replace("社零额|", ""), encoding="utf8")
    loaded = govie.load(tmp_path / "pipeline")
    assert loaded.tokenizer.lexicon.sha256 != default_lexicon().sha256
    records = list(loaded(REVIEW + "社零额增长5.3%。")._.records)
    assert [r.indicator_id for r in records] == [None]
    assert [r.indicator_id for r in build_rules_pipeline()(REVIEW + "社零额增长5.3%。")._.records] == ["retail_sales"]


def test_replacing_tables_in_place_drops_what_was_compiled():
    lexicon = Lexicon(default_lexicon().tables)
    assert "车皮" not in lexicon.units
    tables = dict(lexicon.tables)
    tables["units.txt"] += "\n车皮\n"
    lexicon.from_bytes(Lexicon(tables).to_bytes())
    assert "车皮" in lexicon.units and re.fullmatch(lexicon.unit_pattern, "车皮")
