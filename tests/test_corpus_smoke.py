"""Every report of the shared corpus goes through the rules without an exception; a fixed sample
goes through the shipped (trained) pipeline. The whole corpus through the shipped pipeline is
`python benchmarks/corpus_run.py`, outside the test suite's time budget."""

from __future__ import annotations

import random

import govie
from govie.pipeline import build_rules_pipeline


def _check(paths, record_lists):
    counts = []
    for path, records in zip(paths, record_lists):
        counts.append(len(records))
        text_length = path.stat().st_size  # bytes >= characters for UTF-8
        assert all(0 <= r.start < r.end <= text_length for r in records), path.name
    assert len(counts) == len(paths)
    # A report without a single record would mean a whole report was mis-read.
    assert min(counts) > 0


def test_all_reports_through_the_rules(corpus):
    paths = sorted((corpus / "reports").glob("*.txt"))
    assert len(paths) > 1000
    nlp = build_rules_pipeline()
    docs = nlp.pipe((path.read_text(encoding="utf8") for path in paths), batch_size=16)
    _check(paths, (doc._.records for doc in docs))


def test_sample_of_reports_through_the_shipped_pipeline(corpus):
    paths = random.Random(2026).sample(sorted((corpus / "reports").glob("*.txt")), 40)
    texts = (path.read_text(encoding="utf8") for path in paths)
    _check(paths, govie.extract_many(texts, batch_size=8))
