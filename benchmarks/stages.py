"""Where the shipped pipeline spends its time: seconds and share per component on a few reports.

python benchmarks/stages.py [--corpus ../shared/corpus] [--limit 40]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from govie.pipeline import load_pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=40, help="the first N reports in name order")
    args = parser.parse_args()
    nlp = load_pipeline()
    texts = [path.read_text(encoding="utf8") for path in sorted((args.corpus / "reports").glob("*.txt"))[: args.limit]]
    seconds: Counter = Counter()
    for text in texts:
        started = time.perf_counter()
        doc = nlp.make_doc(text)
        seconds["tokenizer"] += time.perf_counter() - started
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            seconds[name] += time.perf_counter() - started
    total = sum(seconds.values())
    characters = sum(map(len, texts))
    print(f"{len(texts)} reports, {characters:,} characters, {total:.2f} s, {characters / total:,.0f} characters/s")
    for name, spent in seconds.items():
        print(f"{name:18} {spent:6.2f} s {spent / total:6.1%}")


if __name__ == "__main__":
    main()
