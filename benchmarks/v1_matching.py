"""All-records and headline strict F1 as contract v1 matched them (period left out), for comparing
with figures measured on the gold before contract v2 (which had no periods).

    python benchmarks/v1_matching.py [--split dev test] [--model govie/model]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import govie
from govie.evaluate import PRF, match_records, split_files
from govie.gold import DEFAULT_CORPUS, load_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", default=["dev"])
    parser.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    parser.add_argument("--gold", type=Path, default=Path("corpus/gold"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    nlp = govie.load(args.model)
    for split in args.split:
        all_records, headline = PRF(), PRF()
        for document, text in load_gold(args.gold, args.corpus, split_files(split)):
            doc = nlp.make_doc(text)
            if document.report_year is not None:
                doc._.report_year = document.report_year
            gold, predicted = document.records(), list(nlp(doc)._.records)
            pairs = match_records(gold, predicted, period=False)
            all_records.tp += len(pairs)
            all_records.fn += len(gold) - len(pairs)
            all_records.fp += len(predicted) - len(pairs)
            key = lambda r: (r.indicator_id, round(r.value, 9), r.unit, r.measure, r.role)
            headline.add(Counter(key(r) for r in gold if r.indicator_id), Counter(key(r) for r in predicted if r.indicator_id))
        print(f"{split}: all-records F1 {all_records.f1:.3f}, headline strict F1 {headline.f1:.3f} (v1 matching: period left out)")


if __name__ == "__main__":
    main()
