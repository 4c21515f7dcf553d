"""Every report of the shared corpus goes through the pipeline without an exception."""

from __future__ import annotations

import govie


def test_all_reports_extract_without_error(corpus):
    paths = sorted((corpus / "reports").glob("*.txt"))
    assert len(paths) > 1000
    texts = (path.read_text(encoding="utf8") for path in paths)
    counts = []
    for path, records in zip(paths, govie.extract_many(texts, batch_size=16)):
        counts.append(len(records))
        text_length = path.stat().st_size  # bytes >= characters for UTF-8
        assert all(0 <= r.start < r.end <= text_length for r in records), path.name
    assert len(counts) == len(paths)
    # A report without a single record would mean a whole report was mis-read.
    assert min(counts) > 0
