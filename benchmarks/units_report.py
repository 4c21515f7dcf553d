"""Which units of a records file `govie panel` converts to base units, and which stay unconverted.

    python benchmarks/units_report.py RECORDS.jsonl [--all]

RECORDS.jsonl is any JSONL of `govie extract` (or `govie panel`'s `.records.jsonl`). A unit is
converted when its magnitude (万, 亿 …) is multiplied out and, where units.txt gives a factor, the
unit itself is converted (亿斤 → 吨); it stays unconverted when what remains is not a base unit of
govie/lexicon/data/units.txt (a unit the table does not know, or a magnitude that is not multiplied
out, such as 千户). Prints the unconverted units with their record counts, most frequent first.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from govie.lexicon import default_lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path, help="a JSONL of govie extract")
    parser.add_argument("--all", action="store_true", help="also list every converted unit with its base unit and factor")
    args = parser.parse_args()
    units: Counter[str] = Counter()
    with open(args.records, encoding="utf8") as lines:
        for line in lines:
            if line.strip():
                units[json.loads(line)["unit"] or ""] += 1
    lexicon = default_lexicon()
    converted: Counter[str] = Counter()
    unconverted: Counter[str] = Counter()
    for unit, count in units.items():
        normalised = lexicon.normalise_value(1.0, unit)
        (converted if normalised.unit in lexicon.base_units else unconverted)[unit] += count
    total = sum(units.values())
    print(f"{total:,} records, {len(units)} units")
    print(
        f"in base units after conversion: {sum(converted.values()):,} records ({sum(converted.values()) / total:.1%}), {len(converted)} units"
    )
    print(f"unconverted: {sum(unconverted.values()):,} records ({sum(unconverted.values()) / total:.1%}), {len(unconverted)} units")
    for unit, count in unconverted.most_common():
        print(f"  {unit or '(no unit)'}\t{count:,}")
    if args.all:
        print("converted:")
        for unit, count in converted.most_common():
            normalised = lexicon.normalise_value(1.0, unit)
            print(f"  {unit or '(no unit)'}\t{count:,}\t-> {normalised.value:g} {normalised.unit}")


if __name__ == "__main__":
    main()
