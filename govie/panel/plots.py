"""Plots of targets against actuals and a self-contained HTML summary of a panel (issue 7).

Needs matplotlib (`pip install 'govie[panel]'`). Figures use indicator ids and English labels so
that they render without a CJK font; region names stay in the tables.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..lexicon import default_lexicon
from . import LOSS_REASONS, PanelCoverage

# Axis labels in English: the default fonts have no CJK glyphs.
UNIT_LABELS = {
    "%": "%",
    "个百分点": "percentage points",
    "亿元": "100 million yuan",
    "万元": "10,000 yuan",
    "元": "yuan",
    "万人": "10,000 persons",
    "人": "persons",
    "万吨": "10,000 tonnes",
    "亿美元": "100 million US$",
    "万人次": "10,000 visits",
    "亿人次": "100 million visits",
    "天": "days",
}


def _unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit if unit.isascii() else "as written")


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise RuntimeError("plots need matplotlib: pip install 'govie[panel]'") from error
    return plt


def _pairs_of(pairs: pd.DataFrame, indicator_id: str, measure: str) -> pd.DataFrame:
    """The pairs of one indicator and measure in its most frequent unit: one plot, one unit."""
    chosen = pairs[(pairs["indicator_id"] == indicator_id) & (pairs["measure"] == measure)]
    if chosen.empty:
        return chosen
    return chosen[chosen["unit"] == chosen["unit"].mode().iloc[0]]


def targets_vs_actuals(pairs: pd.DataFrame, indicator_id: str, measure: str = "growth"):
    """Left: each region-year's target against its actual, the diagonal where they are equal.
    Right: the median target and the median actual of each year, with the number of pairs."""
    plt = _pyplot()
    chosen = _pairs_of(pairs, indicator_id, measure)
    figure, (scatter, by_year) = plt.subplots(1, 2, figsize=(11, 4.5), constrained_layout=True)
    unit = chosen["unit"].iloc[0] if len(chosen) else ""
    if len(chosen):
        points = scatter.scatter(chosen["target"], chosen["actual"], c=chosen["year"], cmap="viridis", s=18, alpha=0.8)
        low, high = _central_range(pd.concat([chosen["target"], chosen["actual"]]))
        if measure == "level" and (chosen[["target", "actual"]] > 0).all().all():
            # Levels of regions of every size span orders of magnitude.
            low = max(low, float(chosen[["target", "actual"]].min().min()) / 1.5)
            for axes in (scatter, by_year):
                axes.set_yscale("log")
            scatter.set_xscale("log")
        scatter.plot([low, high], [low, high], color="grey", linewidth=1, linestyle="--", label="actual = target")
        scatter.set_xlim(low, high)
        scatter.set_ylim(low, high)
        outside = int((~chosen["target"].between(low, high) | ~chosen["actual"].between(low, high)).sum())
        if outside:
            scatter.text(0.98, 0.02, f"{outside} outside the axes", transform=scatter.transAxes, ha="right", fontsize=8)
        figure.colorbar(points, ax=scatter, label="year")
        scatter.legend(loc="upper left")
        yearly = chosen.groupby("year").agg(target=("target", "median"), actual=("actual", "median"), pairs=("target", "size"))
        by_year.plot(yearly.index, yearly["target"], marker="o", label="median target")
        by_year.plot(yearly.index, yearly["actual"], marker="s", label="median actual")
        by_year.legend()
        by_year.set_xticks(list(yearly.index), [f"{year}\nn={int(n)}" for year, n in zip(yearly.index, yearly["pairs"])], fontsize=8)
    scatter.set_xlabel(f"target ({_unit_label(unit)})")
    scatter.set_ylabel(f"actual ({_unit_label(unit)})")
    scatter.set_title(f"{indicator_id} {measure}: {len(chosen)} region-years")
    by_year.set_xlabel("year")
    by_year.set_ylabel(_unit_label(unit))
    by_year.set_title(f"{indicator_id} {measure}: medians by year")
    return figure


def gap_distribution(pairs: pd.DataFrame, indicator_id: str, measure: str = "growth"):
    """Histogram of actual minus target (for a level, relative to the target, since regions differ
    in size); a ceiling target is met left of zero, the others right of it."""
    plt = _pyplot()
    chosen = _pairs_of(pairs, indicator_id, measure)
    unit = chosen["unit"].iloc[0] if len(chosen) else ""
    relative = measure == "level" and unit != "%" and bool((chosen["target"] > 0).all())
    gaps = chosen["gap"] / chosen["target"] * 100 if relative else chosen["gap"]
    figure, axes = plt.subplots(figsize=(6.5, 4), constrained_layout=True)
    if len(chosen):
        low, high = _central_range(gaps)
        width = 0.5 if high - low <= 40 else 10 ** np.floor(np.log10((high - low) / 40))
        # Bin edges on multiples of the width, so that zero is an edge and a target met exactly
        # (gap 0) is counted right of the line.
        edges = np.arange(np.floor(low / width) * width, np.ceil(high / width) * width + width, width)
        inside = gaps.between(edges[0], edges[-1])
        axes.hist(gaps[inside], bins=edges, color="#4c72b0")
        axes.axvline(0, color="black", linewidth=1)
        if (~inside).any():
            axes.text(0.98, 0.95, f"{int((~inside).sum())} outside the axes", transform=axes.transAxes, ha="right", fontsize=8)
    met = chosen["met"].mean() if len(chosen) else float("nan")
    axes.set_title(f"{indicator_id} {measure}: gap, {len(chosen)} pairs, {met:.0%} met")
    if relative:
        axes.set_xlabel("(actual - target) / target (%)")
    else:
        axes.set_xlabel(f"actual - target ({'percentage points' if unit == '%' else _unit_label(unit)})")
    axes.set_ylabel("region-years")
    return figure


def _central_range(values: pd.Series) -> tuple[float, float]:
    """The 1st to 99th percentile with a margin: a few extraction errors should not squeeze the rest."""
    low, high = float(values.quantile(0.01)), float(values.quantile(0.99))
    margin = max((high - low) * 0.08, 0.5)
    return low - margin, high + margin


def figure_png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    _pyplot().close(figure)
    return buffer.getvalue()


def pair_summary(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per headline indicator, measure and unit: pairs, regions, years, share met, median gap."""
    if pairs.empty:
        return pd.DataFrame(columns=["indicator_id", "measure", "unit", "pairs", "regions", "years", "met", "median_gap"])
    summary = pairs.groupby(["indicator_id", "measure", "unit"]).agg(
        pairs=("target", "size"),
        regions=("region", "nunique"),
        years=("year", "nunique"),
        met=("met", "mean"),
        median_gap=("gap", "median"),
    )
    return summary.reset_index().sort_values("pairs", ascending=False, kind="stable")


def write_html_summary(
    coverage: PanelCoverage | pd.DataFrame,
    pairs: pd.DataFrame,
    path: Path,
    *,
    losses: pd.DataFrame | None = None,
    top: int = 4,
    examples: int = 15,
) -> None:
    """One HTML file, images inlined: what the panel covers, the pairs per indicator, and for the
    `top` indicators with most pairs a targets-against-actuals plot and a gap histogram, with the
    figures that made no pair and why (`losses`, from `pairing_losses`).
    `coverage` is what `build_panel` counted, or the panel itself."""
    if isinstance(coverage, pd.DataFrame):
        coverage = PanelCoverage().add(coverage)
    names = default_lexicon().headline_names
    summary = pair_summary(pairs)
    parts = [
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>govie panel summary</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;font-size:0.9em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
        "th{background:#f0f0f0}img{max-width:100%}</style></head><body>",
        "<h1>Targets and actuals: panel summary</h1>",
        "<p>" + html.escape(_coverage(coverage, pairs)) + "</p>",
        "<p>A target of year <i>t</i> comes from the report of year <i>t</i>; its actual from the report of year <i>t</i>+1. "
        "Gap = actual − target; a ceiling (以内, 不超过) and a target of CPI, unemployment or energy intensity "
        "are met at or below it, other targets at or above.</p>",
        "<h2>Pairs per headline indicator</h2>",
    ]
    if not summary.empty:
        shown = summary.assign(
            name=summary["indicator_id"].map(names),
            met=summary["met"].map("{:.0%}".format),
            median_gap=summary["median_gap"].map("{:,.2f}".format),
        )
        parts.append(
            shown[["indicator_id", "name", "measure", "unit", "pairs", "regions", "years", "met", "median_gap"]].to_html(
                index=False, escape=True
            )
        )
    for row in summary.drop_duplicates(["indicator_id", "measure"]).head(top).itertuples():
        parts.append(
            f"<h2>{html.escape(row.indicator_id)} ({html.escape(names.get(row.indicator_id, ''))}), {html.escape(row.measure)}</h2>"
        )
        for figure in (targets_vs_actuals(pairs, row.indicator_id, row.measure), gap_distribution(pairs, row.indicator_id, row.measure)):
            encoded = base64.b64encode(figure_png(figure)).decode("ascii")
            parts.append(f"<img alt='{html.escape(row.indicator_id)}' src='data:image/png;base64,{encoded}'>")
        if losses is not None:
            parts.append(_losses_html(losses, row.indicator_id, row.measure))
        sample = _pairs_of(pairs, row.indicator_id, row.measure).head(examples)
        columns = [
            c
            for c in ("region", "year", "target", "actual", "unit", "gap", "met", "bound", "tier", "evidence_target", "evidence_actual")
            if c in sample
        ]
        parts.append(f"<p>First {len(sample)} pairs:</p>" + sample[columns].to_html(index=False, escape=True))
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf8")


def _losses_html(losses: pd.DataFrame, indicator_id: str, measure: str) -> str:
    mine = losses[(losses["indicator_id"] == indicator_id) & (losses["measure"] == measure)]
    if mine.empty:
        return "<p>No figure of this indicator was left out.</p>"
    items = "".join(
        f"<li>{int(row.figures):,}: {html.escape(LOSS_REASONS.get(row.reason, row.reason))}</li>"
        for row in mine.sort_values("figures", ascending=False).itertuples()
    )
    return f"<p>Figures left out of the pairs ({int(mine['figures'].sum()):,}):</p><ul>{items}</ul>"


def _coverage(coverage: PanelCoverage, pairs: pd.DataFrame) -> str:
    years = sorted(coverage.report_years)
    span = f"{years[0]}–{years[-1]}" if years else "unknown years"
    return (
        f"{coverage.records:,} records from {len(coverage.files):,} reports of {len(coverage.regions):,} regions, report years {span}; "
        f"{len(pairs):,} target/actual pairs of {pairs['region'].nunique() if len(pairs) else 0:,} regions."
    )
