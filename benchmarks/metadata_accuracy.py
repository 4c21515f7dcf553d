"""Accuracy of the metadata govie reads off report texts (region, level, report year) against a
corpus manifest.

    python benchmarks/metadata_accuracy.py [--corpus ../shared/corpus] [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from govie.pipeline.metadata import infer_metadata


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--errors", action="store_true", help="list the reports where a field is wrong")
    args = parser.parse_args()
    right: Counter = Counter()
    rows = [json.loads(line) for line in (args.corpus / "manifest.jsonl").read_text(encoding="utf8").splitlines() if line.strip()]
    for row in rows:
        meta = infer_metadata((args.corpus / "reports" / row["file"]).read_text(encoding="utf8"))
        checks = {
            "region": meta.region == row["region"],
            "level": meta.level == row["level"],
            "report_year": meta.report_year == row["year"],
        }
        right.update(name for name, ok in checks.items() if ok)
        if args.errors and not all(checks.values()):
            print(
                f"{row['file']}: inferred {meta.region}/{meta.level}/{meta.report_year}, manifest {row['region']}/{row['level']}/{row['year']}"
            )
    for name in ("region", "level", "report_year"):
        print(f"{name}: {right[name]}/{len(rows)} = {right[name] / len(rows):.3f}")


if __name__ == "__main__":
    main()
