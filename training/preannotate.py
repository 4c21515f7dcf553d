"""Pre-annotate reports with the rule pipeline: a gold TSV per report listing every number, the
rules' records and their exclusions, for annotators to correct (corpus/GUIDELINE.md).

    python training/preannotate.py FILE... [--gold corpus/gold] [--force]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govie.gold import write_gold
from govie.gold.preannotate import preannotate  # shared with `govie annotate push`
from govie.reading import read_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--gold", type=Path, default=Path("corpus/gold"))
    parser.add_argument("--force", action="store_true", help="overwrite an existing gold file")
    args = parser.parse_args()
    args.gold.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        target = args.gold / (path.stem + ".tsv")
        if target.exists() and not args.force:
            print(f"skip {target}: exists (use --force to overwrite)")
            continue
        text = read_report(path)
        document = preannotate(text, path.name)
        write_gold(document, target)
        records = sum(r.is_record for r in document.rows)
        print(f"{target}: {len(document.rows)} rows, {records} records")


if __name__ == "__main__":
    main()
