"""A retrain on a tiny subset of the gold corpus, end to end: convert, spacy train, relation model,
evaluation, packaging; then the packaged pipeline loads and extracts."""

from __future__ import annotations

import json

import pytest
import spacy
import spacy.training

import govie
from govie.evaluate import split_files
from govie.training import TrainingError, TrainSettings, choose_threshold, full_pipeline, package, train_all

from conftest import REPO_ROOT


def test_tiny_retrain_end_to_end(corpus, tmp_path):
    splits_file = REPO_ROOT / "corpus" / "splits.json"
    train = split_files("train", splits_file)[:4]
    dev = split_files("dev", splits_file)[:1]
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": train, "dev": dev, "test": dev}), encoding="utf8")
    settings = TrainSettings(
        gold=REPO_ROOT / "corpus" / "gold",
        corpus=corpus,
        splits=splits,
        config=REPO_ROOT / "configs" / "ner.cfg",
        relations_config=REPO_ROOT / "configs" / "relations.cfg",
        meta=REPO_ROOT / "configs" / "meta.json",
        output=tmp_path / "output",
        package_dir=tmp_path / "model",
        folds=2,
        max_steps=30,
        thresholds=(0.5,),
    )
    scores = train_all(settings)
    assert set(scores) == {"dev", "test"}
    assert 0.0 <= scores["dev"]["records"]["all"]["f1"] <= 1.0
    meta = json.loads((tmp_path / "model" / "meta.json").read_text(encoding="utf8"))
    assert meta["training_data"]["train_documents"] == 4
    assert len(meta["training_data"]["sha256"]) == 64
    nlp = govie.load(str(tmp_path / "model"))
    assert nlp.pipe_names == ["govie_context", "govie_quantities", "govie_ner", "govie_assembler", "govie_relations", "govie_cleanup"]
    assert meta["labels"]["govie_ner"] == ["INDICATOR", "UNIT", "VALUE"]
    assert meta["version"] == govie.__version__ and meta["lexicon_sha256"] == nlp.tokenizer.lexicon.sha256
    assert not list((tmp_path / "model").rglob("*.pkl"))
    # The pipeline read back from disk decides as the one that was trained and scored in memory.
    text = (corpus / "reports" / dev[0]).read_text(encoding="utf8")
    assert [r.to_dict() for r in nlp(text)._.records] == [r.to_dict() for r in full_pipeline(settings)(text)._.records]
    doc = nlp("一、2025年工作回顾\n全区地区生产总值增长6.1%，城镇新增就业5213人。")
    assert all(isinstance(r, govie.Record) for r in doc._.records)
    # The NER is spaCy's own component: its entities are doc.ents, and spaCy scores it.
    assert {ent.label_ for ent in nlp(text).ents} <= {"INDICATOR", "UNIT", "VALUE"}
    assert "ents_f" in nlp.evaluate([spacy.training.Example(nlp.make_doc(text), nlp(text))])
    # Packaging refuses an NER trained with other word tables than the package's.
    units = tmp_path / "output" / "ner" / "full" / "model-best" / "tokenizer" / "lexicon" / "units.txt"
    units.write_text(units.read_text(encoding="utf8") + "公顷亩\n", encoding="utf8")
    with pytest.raises(TrainingError, match="retrain it"):
        package(settings, scores)


def test_the_keep_threshold_of_a_near_tie_goes_to_the_better_headline_f1():
    scored = [(0.5, 0.8500, 0.860), (0.6, 0.8530, 0.857), (0.7, 0.8529, 0.875), (0.8, 0.8400, 0.890)]
    assert choose_threshold(scored) == 0.7
    assert choose_threshold([(0.5, 0.85, 0.86), (0.6, 0.85, 0.86)]) == 0.5
    assert choose_threshold([(0.5, 0.84, 0.90), (0.6, 0.86, 0.80)]) == 0.6
