"""The record (docs/RECORDS.md; the contract, shared/spec/RECORDS.md v2): one value of one indicator, in one role, for one year."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

Measure = Literal["level", "growth", "change"]
Role = Literal["actual", "estimate", "target"]
Bound = Literal["exact", "approx", "min", "max"]
Tier = Literal["floor", "stretch"]
Period = Literal["year", "cumulative", "average", "to_date"]

MEASURES: tuple[str, ...] = ("level", "growth", "change")
ROLES: tuple[str, ...] = ("actual", "estimate", "target")
BOUNDS: tuple[str, ...] = ("exact", "approx", "min", "max")
TIERS: tuple[str, ...] = ("floor", "stretch")
PERIODS: tuple[str, ...] = ("year", "cumulative", "average", "to_date")
# Periods over several years: they have a `year_start`.
MULTI_YEAR_PERIODS: tuple[str, ...] = ("cumulative", "average")


@dataclass
class Record:
    """One quantitative statement of a report, with exactly the contract's fields."""

    indicator: str
    indicator_id: str | None
    value: float
    unit: str
    measure: Measure
    role: Role
    bound: Bound
    tier: Tier | None
    year: int | None
    start: int
    end: int
    evidence: str
    # Contract v2; last with their defaults so that a record of an annual figure needs neither.
    period: Period = "year"
    year_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies field by field and was a tenth of the pipeline's time.
        return {name: getattr(self, name) for name in FIELD_NAMES}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """A record from its dict; `period` and `year_start` may be missing (outputs of govie before
        contract v2 hold annual figures only)."""
        missing = set(REQUIRED_FIELDS) - data.keys()
        if missing:
            raise ValueError(f"record is missing fields: {sorted(missing)}")
        return cls(**{k: data[k] for k in FIELD_NAMES if k in data})


# The contract's order, which outputs follow.
FIELD_NAMES: tuple[str, ...] = (
    "indicator", "indicator_id", "value", "unit", "measure", "role", "bound", "tier", "year", "period", "year_start", "start", "end", "evidence",
)  # fmt: skip
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Record) if f.name not in ("period", "year_start"))
assert set(FIELD_NAMES) == {f.name for f in fields(Record)}
