"""Run govie over every report of a corpus folder and print records per report and wall time.

python benchmarks/corpus_run.py [--corpus ../shared/corpus] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

import govie
from govie.pipeline import build_rules_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rules-only", action="store_true", help="the rule pipeline instead of the shipped trained one")
    parser.add_argument("--limit", type=int, default=None, help="only the first N reports (in name order)")
    args = parser.parse_args()
    paths = sorted((args.corpus / "reports").glob("*.txt"))[: args.limit]
    nlp = build_rules_pipeline() if args.rules_only else govie.load()
    started = time.perf_counter()
    counts: list[int] = []
    characters = 0
    roles: Counter = Counter()
    headline = 0

    def texts():
        nonlocal characters
        for path in paths:
            text = path.read_text(encoding="utf8")
            characters += len(text)
            yield text

    for doc in nlp.pipe(texts(), batch_size=args.batch_size):
        records = doc._.records
        counts.append(len(records))
        roles.update(r.role for r in records)
        headline += sum(1 for r in records if r.indicator_id)
    seconds = time.perf_counter() - started
    print(f"reports: {len(counts)}  characters: {characters:,}")
    print(
        f"records: {sum(counts):,}  per report mean {statistics.mean(counts):.1f}  min {min(counts)}  max {max(counts)}  median {statistics.median(counts):.0f}"
    )
    print(f"roles: {dict(roles)}  with a headline id: {headline:,}")
    print(f"pipeline: {'rules only' if args.rules_only else 'shipped'} {nlp.pipe_names}")
    print(f"wall time: {seconds:.1f} s  ({characters / seconds:,.0f} characters/s, one process)")


if __name__ == "__main__":
    main()
