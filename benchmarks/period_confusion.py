"""Gold against predicted `period` on the records that match on everything else, as counts of
each (gold, predicted) pair, for the rules alone or a trained pipeline; `--show` lists the wrong
ones with their text. For reading errors on train and dev: the test splits are refused.

    python benchmarks/period_confusion.py [--split train dev] [--rules-only] [--county] [--show]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from period_common import add_pipeline_options, confusion_lines, load_pipeline, pipeline_name, wrong_periods

from govie.evaluate import match_records, split_files
from govie.gold import DEFAULT_CORPUS, load_gold

READABLE_SPLITS = ("train", "dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", default=list(READABLE_SPLITS), choices=READABLE_SPLITS)
    add_pipeline_options(parser)
    parser.add_argument("--county", action="store_true", help="only the county and district reports (manifest `level`)")
    parser.add_argument("--show", action="store_true", help="list every wrong period with its text")
    parser.add_argument("--gold", type=Path, default=Path("corpus/gold"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    nlp = load_pipeline(args)
    levels = {}
    if args.county:
        for line in (args.corpus / "manifest.jsonl").read_text(encoding="utf8").splitlines():
            row = json.loads(line)
            levels[row["file"]] = row.get("level")
    pairs: Counter[tuple[str, str]] = Counter()
    wrong = []
    for split in args.split:
        files = [name for name in split_files(split) if not args.county or levels.get(name) in ("county", "district")]
        for document, text in load_gold(args.gold, args.corpus, files):
            doc = nlp.make_doc(text)
            if document.report_year is not None:
                doc._.report_year = document.report_year
            gold, predicted = document.records(), list(nlp(doc)._.records)
            for gold_index, predicted_index in match_records(gold, predicted, period=False):
                expected, found = gold[gold_index], predicted[predicted_index]
                pairs[expected.period, found.period] += 1
                if expected.period != found.period:
                    context = text[max(0, expected.start - 50) : expected.end + 10].replace("\n", "/")
                    wrong.append(
                        f"{document.file}\t{expected.indicator}\t{expected.value:g}{expected.unit}\t{expected.period} → {found.period}\t{context}"
                    )
    matched, errors = wrong_periods(pairs)
    print(f"{'+'.join(args.split)}{' (county and district)' if args.county else ''}, {pipeline_name(args)}")
    print(f"{matched} matched records, {errors} with a wrong period, accuracy {1 - errors / max(matched, 1):.4f}")
    for line in confusion_lines(pairs, "gold"):
        print(line)
    if args.show:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
