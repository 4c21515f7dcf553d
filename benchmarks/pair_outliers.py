"""Target/actual pairs whose actual is far off its target, over a corpus run: the check that finds
five-year totals, quarter figures and zones' figures paired as if they were the year's.

    govie extract ../shared/corpus/reports -o records.jsonl --n-process 2
    python benchmarks/pair_outliers.py records.jsonl [--indicator urban_new_jobs] [--ratio 4] [--list]

Pairs are made as `govie panel` makes them (`govie.panel.link_targets`, annual figures only),
with each report's region, level and year from the corpus manifest. Prints the number of pairs of
the indicator, those with actual/target above the ratio, and with --list each of them with the
evidence of both sides; then the figures left out of the pairs, by reason.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from govie.panel import LOSS_REASONS, link_targets, load_manifest, pairing_losses, panel_from_records, read_records, report_metadata

DEFAULT_MANIFEST = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "manifest.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path, help="a govie extract JSONL over the corpus")
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    parser.add_argument("--indicator", default="urban_new_jobs")
    parser.add_argument("--ratio", type=float, default=4.0)
    parser.add_argument("--list", action="store_true", help="show each pair over the ratio")
    args = parser.parse_args()
    records = read_records(args.records)
    records = records[records["indicator_id"].notna()]
    manifest = load_manifest(args.manifest)
    # Records carry the path they were read from; the manifest is keyed by file name.
    metadata = report_metadata(records["file"].unique(), manifest, summaries={})
    panel = panel_from_records(records, metadata)
    pairs = link_targets(panel)
    mine = pairs[pairs["indicator_id"] == args.indicator]
    far = mine[(mine["target"] > 0) & (mine["actual"] > args.ratio * mine["target"])]
    print(f"{args.indicator}: {len(mine)} pairs, {len(far)} with an actual over {args.ratio:g}x the target")
    if args.list:
        with pd.option_context("display.max_colwidth", 90, "display.width", 250):
            for row in far.itertuples():
                print(f"- {row.region} {row.year} {row.measure}: target {row.target:g} actual {row.actual:g} {row.unit}")
                print(f"    target: {Path(str(row.file_target)).name}:{row.start_target} {str(row.evidence_target)[:120]}")
                print(f"    actual: {Path(str(row.file_actual)).name}:{row.start_actual} {str(row.evidence_actual)[:120]}")
    losses = pairing_losses(panel, pairs)
    mine_losses = losses[losses["indicator_id"] == args.indicator]
    print("figures left out of the pairs:")
    for row in mine_losses.groupby("reason")["figures"].sum().sort_values(ascending=False).items():
        print(f"  {row[1]:6d}  {row[0]}: {LOSS_REASONS[row[0]]}")


if __name__ == "__main__":
    main()
