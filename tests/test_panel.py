"""Target/actual linking on written fixtures: targets of report t against results in report t+1."""

from __future__ import annotations

import pandas as pd

from govie.panel import link_targets


def record(region, indicator_id, value, unit, measure, role, year, bound="exact", tier=None):
    return {"region": region, "indicator_id": indicator_id, "value": value, "unit": unit, "measure": measure, "role": role, "year": year, "bound": bound, "tier": tier}


def test_targets_meet_the_next_reports_results():
    rows = [
        # report 2025 of 东湖市: its 2025 targets
        record("东湖市", "gdp", 6.0, "%", "growth", "target", 2025, "approx"),
        record("东湖市", "general_budget_revenue", 5.0, "%", "growth", "target", 2025, tier="floor"),
        record("东湖市", "general_budget_revenue", 6.0, "%", "growth", "target", 2025, tier="stretch"),
        record("东湖市", "urban_surveyed_unemployment_rate", 5.5, "%", "level", "target", 2025, "max"),
        # report 2026 of 东湖市: the 2025 results (an estimate and a final figure of GDP)
        record("东湖市", "gdp", 5.8, "%", "growth", "estimate", 2025),
        record("东湖市", "gdp", 5.6, "%", "growth", "actual", 2025),
        record("东湖市", "general_budget_revenue", 5.2, "%", "growth", "actual", 2025),
        record("东湖市", "urban_surveyed_unemployment_rate", 5.1, "%", "level", "actual", 2025),
        # another region with a target only, and a result in another unit
        record("西山市", "gdp", 7.0, "%", "growth", "target", 2025),
        record("西山市", "gdp", 1200.0, "亿元", "level", "actual", 2025),
        record("东湖市", None, 42.0, "个", "level", "actual", 2025),
    ]
    pairs = link_targets(pd.DataFrame(rows))
    got = {(r.indicator_id, r.target, r.actual, r.met) for r in pairs.itertuples()}
    assert got == {
        ("gdp", 6.0, 5.6, False),
        ("general_budget_revenue", 5.0, 5.2, True),
        ("urban_surveyed_unemployment_rate", 5.5, 5.1, True),
    }
    gdp = pairs[pairs["indicator_id"] == "gdp"].iloc[0]
    assert abs(gdp["gap"] - (-0.4)) < 1e-9 and gdp["actual_role"] == "actual"
