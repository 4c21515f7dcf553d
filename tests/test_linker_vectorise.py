"""The linker's fast vectorisation gives exactly the matrix of sklearn's DictVectorizer.transform."""

from __future__ import annotations

from sklearn.feature_extraction import DictVectorizer

from govie.linker import vectorise


def test_same_matrix_as_dictvectorizer():
    train = [
        {"unit": "%", "bound": "approx", "L1=增": 1.0, "rule_records": 1, "integer": 0.0},
        {"unit": "亿元", "bound": "exact", "L1=长": 1.0, "rule_records": 2, "integer": 1.0, "left1": "<s>"},
    ]
    rows = [
        {"unit": "%", "bound": "min", "L1=增": 1.0, "rule_records": 0, "integer": 2.5},  # unseen bound, zero count
        {"unit": "万人", "left1": "<s>", "unseen": 3.0, "L1=长": 1.0},  # unseen unit and feature
        {},
    ]
    vectorizer = DictVectorizer().fit(train)
    expected = vectorizer.transform(rows)
    got = vectorise(vectorizer, rows)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0
