"""The evaluation harness: matching rules of issue 3, and a run on a small fixed subset of the gold corpus."""

from __future__ import annotations

import json
from dataclasses import replace

from typer.testing import CliRunner

from govie.cli import app
from govie.evaluate import PRF, Scores, char_f1, match_records, score_document, similar_indicator, split_files
from govie.gold import GoldDocument, GoldRow, gold_paths, load_gold, read_gold, validate, write_gold
from govie.pipeline.state import RecordSpans
from govie.records import Record

from conftest import REPO_ROOT

GDP = Record("地区生产总值", "gdp", 6.1, "%", "growth", "actual", "exact", None, 2025, 10, 13, "")


def test_indicator_similarity():
    assert similar_indicator("地区生产总值", "全区地区生产总值")
    assert similar_indicator("城镇居民人均可支配收入", "城镇常住居民人均可支配收入")
    assert not similar_indicator("地区生产总值", "进出口总额")
    assert char_f1("abcd", "abcd") == 1.0


def test_matching_is_one_to_one_and_prefers_the_same_place():
    moved = replace(GDP, start=50, end=53)
    pairs = match_records([GDP, moved], [moved, GDP])
    assert sorted(pairs) == [(0, 1), (1, 0)]
    assert match_records([GDP], [replace(GDP, role="target")]) == []


def test_scores_count_misses_extras_and_attribute_accuracy():
    text = "x" * 100
    rows = [
        GoldRow(
            10,
            13,
            "6.1",
            "R",
            indicator="地区生产总值",
            indicator_id="gdp",
            value="6.1",
            unit="%",
            measure="growth",
            role="actual",
            bound="exact",
            year="2025",
        )
    ]
    rows.append(GoldRow(20, 24, "2025", "X", reason="date"))
    document = GoldDocument("a.txt", "0" * 64, 2026, rows)
    predicted = [replace(GDP, year=2024), Record("年份", None, 2025.0, "", "level", "actual", "exact", None, None, 20, 24, "")]
    scores = Scores()
    score_document(scores, document, text, document.records(), predicted, [RecordSpans((r.start, r.end), None, None) for r in predicted])
    assert (scores.all_records.tp, scores.all_records.fp, scores.all_records.fn) == (1, 1, 0)
    assert scores.attributes["year"].value == 0.0 and scores.attributes["bound"].value == 1.0
    assert scores.error_types() == {"extra: gold left it out (date)": 1}
    prf = PRF(tp=1, fp=1, fn=0)
    assert prf.precision == 0.5 and prf.recall == 1.0


def test_every_gold_file_is_valid(corpus):
    for document, text in load_gold(REPO_ROOT / "corpus" / "gold", corpus):
        assert validate(document, text) == [], document.file


def test_evaluate_command_on_a_fixed_subset(corpus, tmp_path):
    splits = tmp_path / "splits.json"
    subset = split_files("dev", REPO_ROOT / "corpus" / "splits.json")[:2]
    splits.write_text(json.dumps({"train": [], "dev": subset, "test": []}), encoding="utf8")
    output = tmp_path / "scores.json"
    result = CliRunner().invoke(
        app,
        [
            "evaluate",
            "--split",
            "dev",
            "--splits",
            str(splits),
            "--gold",
            str(REPO_ROOT / "corpus" / "gold"),
            "--corpus",
            str(corpus),
            "-o",
            str(output),
            "--errors",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "records all" in result.output
    scores = json.loads(output.read_text(encoding="utf8"))
    assert scores["documents"] == 2
    assert 0.0 < scores["records"]["all"]["f1"] <= 1.0


def test_evaluate_reports_a_changed_text(corpus, tmp_path):
    name = split_files("dev", REPO_ROOT / "corpus" / "splits.json")[0]
    document = read_gold(gold_paths(REPO_ROOT / "corpus" / "gold", [name])[0])
    document.sha256 = "f" * 64
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    write_gold(document, gold_dir / name.replace(".txt", ".tsv"))
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": [], "dev": [name], "test": []}), encoding="utf8")
    result = CliRunner().invoke(
        app, ["evaluate", "--split", "dev", "--splits", str(splits), "--gold", str(gold_dir), "--corpus", str(corpus)]
    )
    assert result.exit_code == 2
    assert "does not match" in result.output
