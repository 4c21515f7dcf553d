"""Compare two `govie extract` JSONL outputs file by file: the proof that a change which should not
change behaviour does not, or the list of what it changed.

    govie extract ../shared/corpus/reports -o before.jsonl --n-process 2   # on the old commit
    govie extract ../shared/corpus/reports -o after.jsonl --n-process 2    # on the new one
    python benchmarks/compare_records.py before.jsonl after.jsonl [--show 20]

Files are matched by name (the folder may differ between the runs). A record is compared on every
field; the differences are printed per file as the records only in BEFORE and only in AFTER.
Exit code 1 when anything differs.

`--fields` sums a behaviour change up instead: numbers are matched by file, offsets, value and
unit, and counted as unchanged, changed (with a count per field), gone and new.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def records_by_file(path: Path) -> dict[str, list[str]]:
    by_file: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            name = Path(row.pop("file")).name
            by_file[name].append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return by_file


FIELDS = ("indicator", "indicator_id", "measure", "role", "bound", "tier", "year", "period", "year_start")


def field_changes(before: Path, after: Path) -> tuple[Counter, Counter]:
    """Numbers (file, offsets, value, unit) unchanged, changed, gone and new, and changes per field."""

    def numbers(path: Path) -> dict[tuple, dict]:
        found: dict[tuple, dict] = {}
        with path.open(encoding="utf8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    found.setdefault((Path(row["file"]).name, row["start"], row["end"], row["value"], row["unit"]), row)
        return found

    old, new = numbers(before), numbers(after)
    kinds: Counter = Counter()
    fields: Counter = Counter()
    for key in old.keys() | new.keys():
        if key not in new:
            kinds["gone"] += 1
        elif key not in old:
            kinds["new"] += 1
        else:
            changed = [f for f in FIELDS if old[key].get(f) != new[key].get(f)]
            kinds["changed" if changed else "unchanged"] += 1
            fields.update(changed)
    return kinds, fields


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=20, help="files whose differences are printed in full")
    parser.add_argument("--fields", action="store_true", help="counts of changed numbers per field instead")
    args = parser.parse_args()
    if args.fields:
        kinds, fields = field_changes(args.before, args.after)
        print("numbers: " + ", ".join(f"{kinds[k]:,} {k}" for k in ("unchanged", "changed", "gone", "new")))
        print("changed fields: " + ", ".join(f"{name} {count:,}" for name, count in fields.most_common()))
        return 1 if kinds["changed"] or kinds["gone"] or kinds["new"] else 0
    before, after = records_by_file(args.before), records_by_file(args.after)
    files = sorted(set(before) | set(after))
    differing = []
    for name in files:
        old, new = before.get(name, []), after.get(name, [])
        if old != new:
            differing.append((name, [r for r in old if r not in new], [r for r in new if r not in old], len(old), len(new)))
    total_before = sum(map(len, before.values()))
    total_after = sum(map(len, after.values()))
    print(f"files: {len(files)} ({len(before)} before, {len(after)} after); records: {total_before} before, {total_after} after")
    print(f"files with identical records: {len(files) - len(differing)}; with differences: {len(differing)}")
    for name, gone, added, n_old, n_new in differing[: args.show]:
        print(f"\n{name}: {n_old} -> {n_new} records")
        for row in gone:
            print(f"  - {row}")
        for row in added:
            print(f"  + {row}")
    if len(differing) > args.show:
        print(f"\n(+{len(differing) - args.show} more files with differences)")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
