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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    paths = sorted((args.corpus / "reports").glob("*.txt"))
    govie.load()
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

    for records in govie.extract_many(texts(), batch_size=args.batch_size):
        counts.append(len(records))
        roles.update(r.role for r in records)
        headline += sum(1 for r in records if r.indicator_id)
    seconds = time.perf_counter() - started
    print(f"reports: {len(counts)}  characters: {characters:,}")
    print(f"records: {sum(counts):,}  per report mean {statistics.mean(counts):.1f}  min {min(counts)}  max {max(counts)}  median {statistics.median(counts):.0f}")
    print(f"roles: {dict(roles)}  with a headline id: {headline:,}")
    print(f"wall time: {seconds:.1f} s  ({characters / seconds:,.0f} characters/s, one process)")


if __name__ == "__main__":
    main()
