"""govie_relations: the model as plain numbers gives scikit-learn's decisions, survives a round trip
through its folder, and a model folder is data only."""

from __future__ import annotations

import numpy as np
import pytest
import srsly
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

import govie
from govie.pipeline import build_pipeline
from govie.pipeline.relations import FeatureVocabulary, LinearHead, RelationExample, RelationModel, fit_relation_model

TRAIN = [
    {"unit": "%", "bound": "approx", "L1=增": 1.0, "rule_records": 1, "integer": 0.0},
    {"unit": "亿元", "bound": "exact", "L1=长": 1.0, "rule_records": 2, "integer": 1.0, "left1": "<s>"},
    {"unit": "个", "bound": "min", "L1=新": 1.0, "rule_records": 0, "integer": 1.0, "left1": "建"},
    {"unit": "%", "bound": "exact", "L1=降": 1.0, "rule_records": 1, "integer": 1.0},
]
ROWS = [
    {"unit": "%", "bound": "min", "L1=增": 1.0, "rule_records": 0, "integer": 2.5},  # unseen bound, zero count
    {"unit": "万人", "left1": "<s>", "unseen": 3.0, "L1=长": 1.0},  # unseen unit and feature
    {},
]


def _vocabulary(vectorizer: DictVectorizer) -> FeatureVocabulary:
    return FeatureVocabulary({name: int(i) for name, i in vectorizer.vocabulary_.items()})


def test_vectorise_gives_the_matrix_of_dictvectorizer():
    vectorizer = DictVectorizer().fit(TRAIN)
    expected = vectorizer.transform(ROWS)
    got = _vocabulary(vectorizer).vectorise(ROWS)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0


@pytest.mark.parametrize("labels", [[0, 1, 1, 0], ["level", "growth", "change", "growth"]])
def test_linear_head_decides_as_logistic_regression(labels):
    vectorizer = DictVectorizer().fit(TRAIN)
    classifier = LogisticRegression(max_iter=500).fit(vectorizer.transform(TRAIN), labels)
    head = LinearHead(list(classifier.classes_), classifier.coef_, classifier.intercept_)
    matrix = _vocabulary(vectorizer).vectorise(ROWS + TRAIN)
    assert head.predict(matrix) == list(classifier.predict(matrix))
    if len(classifier.classes_) == 2:
        assert np.allclose(head.probability(matrix), classifier.predict_proba(matrix)[:, 1], rtol=0, atol=1e-12)


def _examples() -> list[RelationExample]:
    from govie.pipeline.relations import Candidate

    examples = []
    for i, row in enumerate(TRAIN * 3):
        gold = None if i % 4 == 3 else {"indicator": "x", "measure": ("level", "growth")[i % 2], "role": ("actual", "target")[i % 3 == 0]}
        candidates = [
            (Candidate("甲", (0, 1), "rule", {"source": "rule", "distance": 0.1 * i}), True),
            (Candidate("乙", (2, 3), "ner", {"source": "ner"}), False),
        ]
        examples.append(RelationExample(row, candidates, gold))
    return examples


def test_fit_and_round_trip_through_msgpack():
    model, sizes = fit_relation_model(_examples())
    assert sizes == {"numbers": 12, "records": 9, "indicator_pairs": 18}
    again = RelationModel.from_msg(srsly.msgpack_loads(srsly.msgpack_dumps(model.to_msg())))
    matrix = model.number_vocabulary.vectorise(ROWS)
    assert again.measure.predict(again.number_vocabulary.vectorise(ROWS)) == model.measure.predict(matrix)
    assert np.array_equal(again.keep.probability(matrix), model.keep.probability(matrix))


def test_component_saves_and_loads_its_model(tmp_path):
    model, _ = fit_relation_model(_examples())
    nlp = build_pipeline(relation_model=model, keep_threshold=0.6)
    nlp.to_disk(tmp_path / "pipeline")
    assert not list((tmp_path / "pipeline").rglob("*.pkl"))
    loaded = govie.load(tmp_path / "pipeline")
    relations = loaded.get_pipe("govie_relations")
    assert relations.keep_threshold == 0.6
    assert relations.relation_model.role.classes == model.role.classes
    records = list(loaded("一、2025年工作回顾\n全区地区生产总值增长6.1%。")._.records)
    assert all(r.start < r.end for r in records)


def test_a_model_folder_runs_no_code(tmp_path):
    """A crafted model file holding a pickle payload is refused as data, not executed."""
    import pickle

    class Payload:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    nlp = build_pipeline(relation_model=fit_relation_model(_examples())[0])
    nlp.to_disk(tmp_path / "pipeline")
    (tmp_path / "pipeline" / "govie_relations" / "model").write_bytes(pickle.dumps(Payload()))
    with pytest.raises(ValueError):  # msgpack refuses the bytes; nothing is unpickled
        govie.load(tmp_path / "pipeline")
    assert not (tmp_path / "pwned").exists()


def test_the_shipped_pipeline_leaves_the_period_to_the_rules():
    # The period head turned more right periods wrong than wrong ones right on reports it was not
    # trained on (DECISIONS, tenth pass): the shipped pipeline does not let it override the rules.
    relations = govie.load().get_pipe("govie_relations")
    assert relations.period_from_model is False
    text = "一、过去五年工作回顾\n五年来，全市新建污水处理厂12座，市场主体总数达到8.6万户。\n"
    periods = {record.value: record.period for record in govie.extract(text, report_year=2021)}
    assert periods == {12.0: "cumulative", 8.6: "year"}
