"""The record of ../shared/spec/RECORDS.md: one value of one indicator, in one role, for one year."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

Measure = Literal["level", "growth", "change"]
Role = Literal["actual", "estimate", "target"]
Bound = Literal["exact", "approx", "min", "max"]
Tier = Literal["floor", "stretch"]

MEASURES: tuple[str, ...] = ("level", "growth", "change")
ROLES: tuple[str, ...] = ("actual", "estimate", "target")
BOUNDS: tuple[str, ...] = ("exact", "approx", "min", "max")
TIERS: tuple[str, ...] = ("floor", "stretch")


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

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies field by field and was a tenth of the pipeline's time.
        return {name: getattr(self, name) for name in FIELD_NAMES}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        names = {f.name for f in fields(cls)}
        missing = names - data.keys()
        if missing:
            raise ValueError(f"record is missing fields: {sorted(missing)}")
        return cls(**{k: data[k] for k in names})


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Record))
