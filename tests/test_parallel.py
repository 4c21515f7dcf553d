"""Several processes give the same records as one (issue 6)."""

from __future__ import annotations

import govie


def test_two_processes_give_the_records_of_one(corpus):
    paths = sorted((corpus / "reports").glob("*.txt"))[:4]
    texts = [path.read_text(encoding="utf8") for path in paths]
    one = [[r.to_dict() for r in records] for records in govie.extract_many(texts)]
    two = [[r.to_dict() for r in records] for records in govie.extract_many(texts, n_process=2, batch_size=1)]
    assert one == two
    assert all(one)
