"""The headline check a user makes first: for every national and provincial report, the GDP growth
target of its own year, and the GDP growth actual of the year it reviews.

    govie extract ../shared/corpus/reports -o records.jsonl --n-process 2
    python benchmarks/gdp_targets.py records.jsonl [--manifest ../shared/corpus/manifest.jsonl] [--list]

A report's target: records with indicator_id gdp, measure growth, role target, period year, year
the report's year, and no stretch tier. Its actual: the same with role actual or estimate and the
year before. The script counts reports with no value and with more than one distinct value (the
two ends of a range count as one), and with --list names them.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

DEFAULT_MANIFEST = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "manifest.jsonl"


def distinct_values(records: list[dict]) -> set:
    """Values, with a range's two ends (`min` and `max` at adjacent offsets) as one."""
    values = set()
    ranges = {r["start"] for r in records if r["bound"] == "min"}
    for r in sorted(records, key=lambda r: r["start"]):
        if r["bound"] == "max" and any(0 < r["start"] - start <= 8 for start in ranges):
            continue
        values.add(r["value"])
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path, help="a govie extract JSONL over the corpus")
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    parser.add_argument("--list", action="store_true", help="name the reports with no value or several values")
    args = parser.parse_args()
    manifest = {row["file"]: row for row in map(json.loads, args.manifest.read_text(encoding="utf8").splitlines())}
    reports = {name: row for name, row in manifest.items() if row["level"] in ("national", "province")}
    by_file: dict[str, list[dict]] = defaultdict(list)
    with args.records.open(encoding="utf8") as lines:
        for line in lines:
            record = json.loads(line)
            name = Path(record["file"]).name
            if (
                name in reports
                and record["indicator_id"] == "gdp"
                and record["measure"] == "growth"
                and record.get("period", "year") == "year"
            ):
                by_file[name].append(record)
    for label, roles, offset in (
        ("target of the report's year", {"target"}, 0),
        ("actual of the reviewed year", {"actual", "estimate"}, -1),
    ):
        none, several = [], []
        for name, row in sorted(reports.items()):
            chosen = [r for r in by_file[name] if r["role"] in roles and r["year"] == row["year"] + offset and r.get("tier") != "stretch"]
            values = distinct_values(chosen)
            if not values:
                none.append(name)
            elif len(values) > 1:
                several.append((name, sorted(values)))
        print(f"GDP growth {label}: {len(reports)} national and provincial reports, {len(none)} with no value, {len(several)} with several")
        if args.list:
            for name in none:
                print(f"  none: {name}")
            for name, values in several:
                print(f"  several: {name} {values}")


if __name__ == "__main__":
    main()
