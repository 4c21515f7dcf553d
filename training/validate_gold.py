"""Check gold annotations against their reports: sha256, offsets, vocabularies, every number covered.

    python training/validate_gold.py [corpus/gold/NAME.tsv ...] [--corpus ../shared/corpus]
Exit code 1 when any file has a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govie.gold import DEFAULT_CORPUS, DEFAULT_GOLD, GoldError, read_gold, report_text, validate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    paths = args.files or sorted(DEFAULT_GOLD.glob("*.tsv"))
    failed = 0
    for path in paths:
        try:
            document = read_gold(path)
            problems = validate(document, report_text(args.corpus, document))
        except GoldError as error:
            problems = [str(error)]
        if problems:
            failed += 1
            print(f"{path}: {len(problems)} problems")
            for problem in problems[:50]:
                print(f"  {problem}")
        else:
            records = sum(r.is_record for r in document.rows)
            print(f"{path}: ok ({len(document.rows)} rows, {records} records, status={document.meta.get('status', '')})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
