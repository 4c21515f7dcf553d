"""The `period` of govie's records on reports outside the gold set, against a reading of each
figure's period (corpus/audit/period, stand-off: offsets of the number and the period read).

Its reports are in no split. Batches 1 and 2 are for reading errors, like dev: batch 1 (14 reports)
was read to write the tenth pass's rules, batch 2 (14 more) was scored once before its errors were
read. Batch 3 (14 more) is held out, like a test split: scored, never read, so `--show` leaves it out
(docs/DECISIONS.md, "Tenth pass"). Batches 4, 5 and 6 (14 more each, thirteenth pass; batch 5 of reports
that review a government's term or a plan period, batch 6 of Hebei's cities and of 2016 and 2017)
were each scored once, then read to write that pass's rules. It checks the period only, on the records govie finds at the
audited offsets (a record whose number moved or is no longer found is counted apart, not as an error).

    python benchmarks/period_audit.py [--batch 1|2|3|4|5|6] [--show] [--rules-only] [--period-from-model]

A random sample of batch 3 was read a second time, independently (`corpus/audit/period_second`): the
script also prints how often the two readings agree, and govie's accuracy where they do.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from period_common import add_pipeline_options, confusion_lines, load_pipeline, pipeline_name, wrong_periods

from govie.gold import DEFAULT_CORPUS, DEFAULT_PERIOD_AUDIT, read_period_audit, sha256_text
from govie.reading import read_report

# Scored, never read: `--show` does not list their errors.
HELD_OUT_BATCHES = ("3",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audit", type=Path, default=DEFAULT_PERIOD_AUDIT)
    parser.add_argument("--second", type=Path, default=DEFAULT_PERIOD_AUDIT.with_name("period_second"), help="second readings")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    add_pipeline_options(parser)
    parser.add_argument("--show", action="store_true", help="list every wrong period with its text (not of the held-out batch 3)")
    parser.add_argument("--batch", help="only the reports of this batch (the files' `# batch=` line)")
    args = parser.parse_args()
    nlp = load_pipeline(args)
    pairs: Counter[tuple[str, str]] = Counter()
    by_batch: Counter[tuple[str, bool]] = Counter()
    year_starts = Counter()
    missing = excluded = reports = 0
    wrong = []
    agreement: Counter[str] = Counter()
    for path in sorted(args.audit.glob("*.tsv")):
        header, rows = read_period_audit(path)
        if args.batch is not None and header.get("batch") != args.batch:
            continue
        reports += 1
        second_path = args.second / path.name
        second = {(row.start, row.end): row.period for row in read_period_audit(second_path)[1]} if second_path.is_file() else {}
        text = read_report(args.corpus / "reports" / header["file"])
        if sha256_text(text) != header["sha256"]:
            raise SystemExit(f"{path}: the report's text changed since it was audited")
        found = {(record.start, record.end): record for record in nlp(text)._.records}
        for row in rows:
            if text[row.start : row.end] != row.number:
                raise SystemExit(f"{path}: {row.start}-{row.end} is {text[row.start : row.end]!r}, the audit says {row.number!r}")
            if row.period == "X":
                excluded += 1
                continue
            record = found.get((row.start, row.end))
            if record is None:
                missing += 1
                continue
            other = second.get((row.start, row.end))
            if other is not None and other != "X":
                agreement["read twice"] += 1
                if other == row.period:
                    agreement["readings agree"] += 1
                    agreement["govie right where they agree"] += record.period == row.period
            pairs[row.period, record.period] += 1
            by_batch[header.get("batch", "?"), row.period == record.period] += 1
            if row.period == record.period and row.period in ("cumulative", "average"):
                year_starts[str(record.year_start or "") == row.year_start] += 1
            if row.period != record.period and header.get("batch") not in HELD_OUT_BATCHES:
                context = text[max(0, row.start - 60) : row.end + 15].replace("\n", "/")
                wrong.append(f"{header['file']}\t{row.start}\t{record.indicator}\t{row.period} → {record.period}\t{row.note}\t{context}")
    matched, errors = wrong_periods(pairs)
    print(f"period audit ({reports} reports), {pipeline_name(args)}")
    print(
        f"{matched} audited records found, {errors} with a wrong period, accuracy {1 - errors / max(matched, 1):.4f}; "
        f"{missing} audited numbers without a record now, {excluded} read as no record"
    )
    for batch in sorted({batch for batch, _ in by_batch}):
        right, total = by_batch[batch, True], by_batch[batch, True] + by_batch[batch, False]
        print(f"  batch {batch}: {right}/{total} right, accuracy {right / total:.4f}")
    if agreement["read twice"]:
        twice, agree = agreement["read twice"], agreement["readings agree"]
        print(
            f"read twice: {twice}; the two readings agree on {agree} ({agree / twice:.4f}); "
            f"govie right on {agreement['govie right where they agree']} of those ({agreement['govie right where they agree'] / max(agree, 1):.4f})"
        )
    print(f"year_start right where the period is multi-year and right: {year_starts[True]}/{sum(year_starts.values())}")
    for line in confusion_lines(pairs, "read"):
        print(line)
    if args.show:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
