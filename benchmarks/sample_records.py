"""Records drawn at random from corpus reports outside the gold set, printed with their sentence for
reading against the text and the record contract (`../shared/spec/RECORDS.md`).

    python benchmarks/sample_records.py [--levels county,district] [--reports 30] [--records 15] [--seed 14]

Reports are drawn from the manifest's reports of the given levels that have no gold annotation
(corpus/gold/*.tsv); when fewer are there, all of them are used. Records are drawn from all the records
the shipped pipeline (`govie.extract`) reads off those reports.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import govie
from govie.reading import read_report

REPOSITORY = Path(__file__).resolve().parents[1]
SHOWN = ("indicator", "indicator_id", "value", "unit", "measure", "role", "bound", "tier", "year", "period", "year_start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPOSITORY.parent / "shared" / "corpus")
    parser.add_argument("--levels", default="county,district", help="manifest levels to draw reports from (comma-separated)")
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--records", type=int, default=15)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    gold = {path.stem for path in (REPOSITORY / "corpus" / "gold").glob("*.tsv")}
    rows = [json.loads(line) for line in (args.corpus / "manifest.jsonl").read_text(encoding="utf8").splitlines() if line.strip()]
    levels = set(args.levels.split(","))
    candidates = sorted(row["file"] for row in rows if row["level"] in levels and Path(row["file"]).stem not in gold)
    rng = random.Random(args.seed)
    reports = sorted(rng.sample(candidates, min(args.reports, len(candidates))))
    print(f"{len(reports)} of {len(candidates)} reports outside the gold set: {' '.join(reports)}")
    drawn = [(file, record) for file in reports for record in govie.extract(read_report(args.corpus / "reports" / file))]
    print(f"{len(drawn)} records; {min(args.records, len(drawn))} drawn (seed {args.seed})\n")
    for number, (file, record) in enumerate(rng.sample(drawn, min(args.records, len(drawn))), start=1):
        fields = record.to_dict() if hasattr(record, "to_dict") else vars(record)
        print(f"[{number}] {file} {record.start}-{record.end}")
        print("    " + "  ".join(f"{name}={fields[name]}" for name in SHOWN))
        print(f"    {record.evidence}\n")


if __name__ == "__main__":
    main()
