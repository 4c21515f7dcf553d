"""Show a gold TSV beside its report, paragraph by paragraph, for annotators.

    python training/review.py corpus/gold/NAME.tsv [--corpus ../shared/corpus] [--start N] [--end N]

Each paragraph of the original text that holds numbers is printed with its offset range,
then its rows: start-end, the number, the decision and the record's fields.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govie.gold import DEFAULT_CORPUS, read_gold, report_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--start", type=int, default=0, help="first character offset to show")
    parser.add_argument("--end", type=int, default=None, help="last character offset to show")
    args = parser.parse_args()
    document = read_gold(args.gold)
    text = report_text(args.corpus, document)
    end_limit = args.end if args.end is not None else len(text)
    rows = sorted(document.rows, key=lambda r: (r.start, r.end))
    print(f"{document.file} report_year={document.report_year} rows={len(rows)} {document.meta}")
    position = 0
    for paragraph in text.split("\n"):
        p_start, p_end = position, position + len(paragraph)
        position = p_end + 1
        if p_end < args.start or p_start > end_limit:
            continue
        inside = [r for r in rows if p_start <= r.start < p_end + 1]
        if not inside:
            continue
        print(f"\n[{p_start}-{p_end}] {paragraph}")
        for row in inside:
            if row.decision == "R":
                ind = f" ind={row.ind_start}-{row.ind_end}" if row.ind_start else ""
                fields = "|".join(
                    [
                        row.indicator,
                        row.indicator_id,
                        row.value,
                        row.unit,
                        row.measure,
                        row.role,
                        row.bound,
                        row.tier,
                        row.year,
                        row.period,
                        row.year_start,
                    ]
                )
                print(f"   {row.start}-{row.end} {row.number!r} R {fields}{ind}{'  # ' + row.note if row.note else ''}")
            else:
                print(f"   {row.start}-{row.end} {row.number!r} X {row.reason}{'  # ' + row.note if row.note else ''}")


if __name__ == "__main__":
    main()
