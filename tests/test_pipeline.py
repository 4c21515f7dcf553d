"""The pipeline as spaCy users meet it: analyze_pipes, what a finished Doc carries, spacy.load."""

from __future__ import annotations

import spacy

import govie
from govie.pipeline import build_rules_pipeline
from govie.pipeline.state import STATE_KEY, MissingStateError

TEXT = "2026年政府工作报告\n一、2025年工作回顾\n全区地区生产总值312.5亿元，增长6.1%。"


def test_every_requirement_is_assigned_earlier():
    analysis = govie.load().analyze_pipes()
    assert not any(analysis["problems"].values())
    assert analysis["summary"]["govie_relations"]["assigns"] == ["doc._.records", "doc._.record_spans"]


def test_a_finished_doc_is_clean_and_serialisable():
    doc = govie.load()(TEXT)
    assert STATE_KEY not in doc.user_data
    assert [s.kind for s in doc._.sections] == ["intro", "review"]
    assert doc._.report.report_year == 2026 and doc._.report.title == "2026年政府工作报告"
    again = spacy.tokens.Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert [r.to_dict() for r in again._.records] == [r.to_dict() for r in doc._.records]


def test_components_refuse_a_doc_without_state():
    nlp = build_rules_pipeline()
    doc = nlp(TEXT)
    try:
        nlp.get_pipe("govie_assembler")(doc)
    except MissingStateError as error:
        assert "govie pipeline's tokenizer" in str(error)
    else:
        raise AssertionError("a cleaned Doc was accepted")


def test_spacy_load_by_package_name():
    nlp = spacy.load("govie")
    assert nlp.pipe_names == govie.load().pipe_names
    assert spacy.load("govie", exclude=["govie_relations"]).pipe_names == [n for n in nlp.pipe_names if n != "govie_relations"]


def test_records_to_a_typed_frame():
    frame = govie.to_frame(govie.extract(TEXT), file="a.txt")
    assert list(frame.columns) == [*govie.FIELD_NAMES, "file"]
    assert str(frame["year"].dtype) == "Int64" and str(frame["period"].dtype) == "category"
    assert frame["value"].tolist() == [312.5, 6.1]
    assert list(govie.to_frame([]).columns) == list(govie.FIELD_NAMES)
