"""Values brought to base units beside the as-written ones: amounts to yuan, counts to single
units, percentages kept as percent (issue 7's panel columns)."""

from __future__ import annotations

from dataclasses import dataclass

# Magnitude prefixes of units as reports write them (亿元, 万人, 万亿元, 千瓦 is a unit of its own).
MAGNITUDE_PREFIXES: tuple[tuple[str, float], ...] = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("十万", 1e5), ("万", 1e4))
# Units whose first character looks like a magnitude but is part of the unit itself.
WHOLE_UNITS = frozenset({"千瓦", "千瓦时", "千克", "千米", "千公顷", "万千瓦"})
PERCENT_UNITS = frozenset({"%", "个百分点", "百分点", "‰"})


@dataclass(frozen=True)
class NormalisedValue:
    value: float | None
    unit: str


def normalise_value(value: float, unit: str) -> NormalisedValue:
    """`571.02 亿元` → 57,102,000,000 元; `63 万人` → 630,000 人; `6.5 %` stays 6.5 %.
    A unit with no magnitude is kept as it is; an empty unit gives the value unchanged."""
    if unit in PERCENT_UNITS or not unit:
        return NormalisedValue(value, unit)
    if unit == "万千瓦":
        return NormalisedValue(value * 1e4, "千瓦")
    if unit in WHOLE_UNITS:
        return NormalisedValue(value, unit)
    for prefix, factor in MAGNITUDE_PREFIXES:
        if unit.startswith(prefix):
            base = unit[len(prefix) :]
            return NormalisedValue(value * factor, base or "个")
    return NormalisedValue(value, unit)
