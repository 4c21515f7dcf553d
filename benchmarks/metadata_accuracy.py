"""Accuracy of the metadata govie reads off report texts (region, level, report year) against a
corpus manifest, on the texts as found and on their headerless variants.

    python benchmarks/metadata_accuracy.py [--corpus ../shared/corpus] [--half A|B] [--levels county,district]
                                           [--headerless] [--errors] [--table]

The corpus is split in two halves by the first byte of the sha256 of each file name (even: A, odd: B).
Rules are written reading errors on half A only, and never on the gold test reports (`test` and
`test_county` of corpus/splits.json): `--errors` lists half A's errors without those files, and
refuses other selections. Half B, the county/district set and the whole corpus measure the rules.
A headerless variant is the text from its first body paragraph on (`govie.pipeline.metadata.body_text`):
no title, session line, speaker or salutation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from govie.pipeline.metadata import body_text, read_metadata
from govie.pipeline.normalize import normalize

FIELDS = ("region", "level", "report_year")
REPOSITORY = Path(__file__).resolve().parents[1]


def half(file: str) -> str:
    return "A" if hashlib.sha256(file.encode("utf8")).digest()[0] % 2 == 0 else "B"


def test_reports(splits: Path = REPOSITORY / "corpus" / "splits.json") -> set[str]:
    """The gold test reports, kept out of every error list."""
    splits_data = json.loads(splits.read_text(encoding="utf8"))
    return set(splits_data["test"]) | set(splits_data["test_county"])


def select(rows: list[dict], which: str | None, levels: Iterable[str] | None) -> list[dict]:
    levels = set(levels) if levels else None
    return [row for row in rows if (which is None or half(row["file"]) == which) and (levels is None or row["level"] in levels)]


def measure(corpus: Path, rows: list[dict], headerless: bool, errors: set[str] | None = None) -> Counter:
    """Right answers per field (and the number of reports under "n"); prints the wrong ones of the
    files in `errors`."""
    right: Counter = Counter(n=len(rows))
    for row in rows:
        text = normalize((corpus / "reports" / row["file"]).read_text(encoding="utf8")).text
        meta = read_metadata(body_text(text) if headerless else text)
        checks = {
            "region": meta.region == row["region"],
            "level": meta.level == row["level"],
            "report_year": meta.report_year == row["year"],
        }
        right.update(name for name, ok in checks.items() if ok)
        if errors is not None and row["file"] in errors and not all(checks.values()):
            print(
                f"{row['file']}: inferred {meta.region}/{meta.level}/{meta.report_year}, "
                f"manifest {row['region']}/{row['level']}/{row['year']}"
            )
    return right


def _figures(right: Counter) -> str:
    n = right["n"]
    return "  ".join(f"{name} {right[name]}/{n} = {right[name] / n:.3f}" for name in FIELDS) if n else "no reports"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPOSITORY.parent / "shared" / "corpus")
    parser.add_argument("--half", choices=("A", "B"), help="only the reports of this half of the corpus")
    parser.add_argument("--levels", help="only reports of these levels (comma-separated, e.g. county,district)")
    parser.add_argument("--headerless", action="store_true", help="measure on the texts without their header")
    parser.add_argument("--errors", action="store_true", help="list the reports where a field is wrong (half A only)")
    parser.add_argument("--table", action="store_true", help="all selections, as found and headerless")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.corpus / "manifest.jsonl").read_text(encoding="utf8").splitlines() if line.strip()]
    levels = args.levels.split(",") if args.levels else None
    if args.table:
        selections = {
            "half A": select(rows, "A", None),
            "half B": select(rows, "B", None),
            "county/district": select(rows, None, ("county", "district")),
            "county/district, half A": select(rows, "A", ("county", "district")),
            "county/district, half B": select(rows, "B", ("county", "district")),
            "all": rows,
        }
        for headerless in (False, True):
            for name, chosen in selections.items():
                label = f"{name}{', headerless' if headerless else ''}"
                print(f"{label:40} {_figures(measure(args.corpus, chosen, headerless))}")
        return
    if args.errors and args.half != "A":
        parser.error("errors are read on half A only (--half A): half B and the test reports measure the rules")
    errors = {row["file"] for row in rows} - test_reports() if args.errors else None
    print(_figures(measure(args.corpus, select(rows, args.half, levels), args.headerless, errors)))


if __name__ == "__main__":
    main()
