"""Targets set in one report joined with the results reported in the next (issue 7).

A report of year t states the targets of year t and the results of year t-1, so the target of
year t for a region comes from report t and its actual from report t+1. Input: one row per record
with the record fields plus `region` (and optionally `report_year`, `file`), as `govie panel`
writes them.
"""

from __future__ import annotations

import pandas as pd

KEYS = ["region", "indicator_id", "measure", "year"]
# Where a target has tiers, the floor is the commitment that is met or missed.
TIER_ORDER = {"floor": 0, None: 1, "stretch": 2}


def _first_per_key(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    return frame.sort_values(order, kind="stable").drop_duplicates(KEYS, keep="first")


def link_targets(records: pd.DataFrame) -> pd.DataFrame:
    """One row per (region, headline indicator, measure, year) that has both a target and a
    result: target, actual, gap (actual - target) and whether the target was met."""
    headline = records[records["indicator_id"].notna() & records["year"].notna()].copy()
    headline["tier_rank"] = headline["tier"].map(lambda tier: TIER_ORDER.get(tier if isinstance(tier, str) else None, 1))
    targets = headline[headline["role"] == "target"]
    # For a range the lower bound is the target that is met or missed.
    targets = _first_per_key(targets, ["tier_rank", "value"])
    actuals = headline[headline["role"].isin(["actual", "estimate"])].copy()
    # A final figure beats an estimate of the same year.
    actuals["estimate_rank"] = (actuals["role"] == "estimate").astype(int)
    actuals = _first_per_key(actuals, ["estimate_rank"])
    columns = KEYS + ["value", "unit", "bound", "tier"]
    pairs = targets[columns].merge(actuals[KEYS + ["value", "unit", "role"]], on=KEYS, suffixes=("_target", "_actual"))
    pairs = pairs[pairs["unit_target"] == pairs["unit_actual"]].rename(
        columns={"value_target": "target", "value_actual": "actual", "unit_target": "unit", "role": "actual_role"}
    )
    pairs = pairs.drop(columns=["unit_actual"])
    pairs["gap"] = pairs["actual"] - pairs["target"]
    pairs["met"] = [(gap <= 0) if bound == "max" else (gap >= 0) for gap, bound in zip(pairs["gap"], pairs["bound"])]
    return pairs.sort_values(KEYS, kind="stable").reset_index(drop=True)
