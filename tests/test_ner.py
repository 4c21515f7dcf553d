"""govie_ner: spaCy's EntityRecognizer on clause units; entities are doc.ents, labels in the meta."""

from __future__ import annotations

import govie
from govie.pipeline import build_rules_pipeline
from govie.pipeline.ner import ClauseEntityRecognizer, ner_units

TEXT = "一、2025年工作回顾\n今年我们狠抓落实。全区地区生产总值312.5亿元，增长6.1%；城镇新增就业5213人。"


def test_units_are_the_clauses_with_numbers():
    nlp = build_rules_pipeline()
    doc = nlp.make_doc(TEXT)
    for name in ("govie_context", "govie_quantities"):
        doc = nlp.get_pipe(name)(doc)
    # Adjacent clauses with numbers are one unit; the clause without a number is left out.
    assert [u.text for u in ner_units(doc)] == ["全区地区生产总值312.5亿元，增长6.1%；城镇新增就业5213人。"]


def test_shipped_ner_tags_doc_ents_and_lists_its_labels():
    nlp = govie.load()
    ner = nlp.get_pipe("govie_ner")
    assert isinstance(ner, ClauseEntityRecognizer)
    assert nlp.meta["labels"]["govie_ner"] == ["INDICATOR", "UNIT", "VALUE"]
    doc = nlp(TEXT)
    assert {ent.label_ for ent in doc.ents} <= {"INDICATOR", "UNIT", "VALUE"}
    assert "312.5" in [ent.text for ent in doc.ents if ent.label_ == "VALUE"]
    # Only clauses with numbers are tagged.
    assert not [ent for ent in doc.ents if ent.start_char < TEXT.index("全区") - 1]


def test_a_doc_from_elsewhere_is_tagged_whole():
    """Training units (DocBin Docs, no govie state) are tagged as spaCy's ner would tag them."""
    from spacy.tokens import Doc

    nlp = govie.load()
    doc = Doc(nlp.vocab, words=["城镇新增就业", "5213", "人"])
    assert [ent.label_ for ent in nlp.get_pipe("govie_ner")(doc).ents]
