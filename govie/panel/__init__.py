"""From extracted records to a research panel (issue 7): one tidy row per record with the report's
region, level and year, and the targets set in one report joined with the results of the next.

A report of year t states the targets of year t and the results of year t-1, so the target of year t
for a region comes from report t and its actual from report t+1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..lexicon import default_lexicon
from ..output.tables import TableError, TableWriter
from ..pipeline.metadata import infer_metadata
from ..reading import read_report

PANEL_COLUMNS: tuple[str, ...] = (
    "region",
    "level",
    "report_year",
    "indicator_id",
    "indicator",
    "year",
    "period",
    "year_start",
    "role",
    "measure",
    "value",
    "unit",
    "normalised_value",
    "normalised_unit",
    "bound",
    "tier",
    "file",
    "start",
    "end",
    "evidence",
)
PANEL_FORMATS: tuple[str, ...] = ("parquet", "csv", "xlsx", "dta")
KEYS = ["region", "indicator_id", "measure", "year"]
# Where a target has tiers, the floor is the commitment that is met or missed.
TIER_ORDER = {"floor": 0, None: 1, "stretch": 2}
METADATA_FIELDS = ("region", "level", "report_year")
# Zones inside a region whose figures reports quote beside the region's own.
SUB_AREA = r"新区|开发区|园区|经开区|高新区|示范区|自贸区|自由贸易|试验区|合作区|片区"
# Headline indicators whose targets are ceilings whatever their bound word (declines are negative).
LOWER_IS_BETTER = frozenset({"cpi", "urban_registered_unemployment_rate", "urban_surveyed_unemployment_rate", "energy_intensity"})


class PanelError(ValueError):
    """A manifest or panel file that cannot be used, with the reason."""


# ---------------------------------------------------------------------------------------------------
# Report metadata: from a manifest where one is given, else read off the text


def load_manifest(path: Path) -> dict[str, dict]:
    """A corpus manifest (JSONL with `file`, `region`, `level`, `year`) keyed by file name."""
    entries: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf8").splitlines()
    except OSError as error:
        raise PanelError(f"cannot read manifest {path}: {error.strerror or error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            entries[Path(row["file"]).name] = {"region": row.get("region"), "level": row.get("level"), "report_year": row.get("year")}
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise PanelError(f"{path}:{number}: not a manifest row with a `file` ({error})") from error
    return entries


class ReportSummaryWriter:
    """`govie panel`'s `.reports.jsonl`: per report what the pipeline read off it (metadata and
    several-year paragraphs, `govie.pipeline.metadata.report_summary`), so that the panel need not
    read the reports again."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        self._stream = open(path, "a" if append else "w", encoding="utf8")  # noqa: SIM115

    def write(self, file: str, summary: dict | None) -> None:
        if summary is not None:
            self._stream.write(json.dumps({"file": file, **summary}, ensure_ascii=False) + "\n")
            self._stream.flush()

    def __enter__(self) -> ReportSummaryWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self._stream.close()


def read_report_summaries(path: Path) -> dict[str, dict]:
    """The summaries of a `.reports.jsonl` by file; a torn last line (an interrupted run) is skipped."""
    summaries: dict[str, dict] = {}
    if not path.exists():
        return summaries
    for line in path.read_text(encoding="utf8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        summaries[row.pop("file")] = row
    return summaries


def _summary(file: str, summaries: dict[str, dict] | None) -> dict:
    """What the pipeline said of a report, else what reading it again says (metadata only)."""
    if summaries and file in summaries:
        return summaries[file]
    try:
        text = read_report(Path(file))
    except (OSError, ValueError):
        return {}
    return infer_metadata(text).to_dict()


def report_metadata(
    files: Iterable[str], manifest: dict[str, dict] | None = None, summaries: dict[str, dict] | None = None
) -> dict[str, dict]:
    """Region, level and report year of each file: the manifest's entry when it has one, else what
    the pipeline read off the text (`summaries`), else what `infer_metadata` reads off it now;
    fields the manifest leaves empty are filled the same way."""
    found: dict[str, dict] = {}
    for file in files:
        entry = dict((manifest or {}).get(Path(file).name, {}))
        summary = _summary(file, summaries)
        for name in METADATA_FIELDS:
            if entry.get(name) is None:
                entry[name] = summary.get(name)
        found[file] = entry
    return found


# ---------------------------------------------------------------------------------------------------
# The panel table


def panel_from_records(records: pd.DataFrame, metadata: dict[str, dict]) -> pd.DataFrame:
    """The tidy panel: `records` (rows as `govie extract` writes them, with `file`) with each file's
    metadata and the value in base units beside the as-written one, in `PANEL_COLUMNS` order."""
    if records.empty:
        return empty_panel()
    frame = records.copy()
    # Records written before contract v2 are annual figures.
    if "period" not in frame:
        frame["period"] = "year"
    if "year_start" not in frame:
        frame["year_start"] = None
    for name in METADATA_FIELDS:
        frame[name] = frame["file"].map(lambda file, name=name: metadata.get(file, {}).get(name))
    lexicon = default_lexicon()
    normalised = [lexicon.normalise_value(value, unit) for value, unit in zip(frame["value"], frame["unit"])]
    frame["normalised_value"] = [n.value for n in normalised]
    frame["normalised_unit"] = [n.unit for n in normalised]
    frame = frame[list(PANEL_COLUMNS)]
    return frame.astype({column: _dtype(column) for column in PANEL_COLUMNS})


def empty_panel() -> pd.DataFrame:
    """A panel without rows, with the columns and types of one."""
    return pd.DataFrame({column: pd.Series(dtype=_dtype(column)) for column in PANEL_COLUMNS})


def _dtype(column: str) -> str:
    if column in ("report_year", "year", "year_start", "start", "end"):
        return "Int64"
    if column in ("value", "normalised_value"):
        return "float64"
    return "string"


def read_records(path: Path) -> pd.DataFrame:
    """The records of a `govie extract` JSONL output."""
    if not path.exists() or path.stat().st_size == 0:
        return pd.DataFrame(columns=["file"])
    return pd.read_json(path, lines=True, dtype=False)


def iter_record_chunks(path: Path, rows: int) -> Iterator[pd.DataFrame]:
    """The records of a JSONL output, `rows` at a time."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with pd.read_json(path, lines=True, dtype=False, chunksize=rows) as reader:
        yield from reader


@dataclass
class PanelCoverage:
    """What a panel covers, for summaries: counted while it is written, so it needs no panel in memory."""

    records: int = 0
    files: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    report_years: set[int] = field(default_factory=set)

    def add(self, panel: pd.DataFrame) -> PanelCoverage:
        self.records += len(panel)
        self.files.update(panel["file"].dropna())
        self.regions.update(panel["region"].dropna())
        self.report_years.update(int(year) for year in panel["report_year"].dropna().unique())
        return self


def build_panel(
    records_path: Path,
    output: Path | None = None,
    manifest: dict[str, dict] | None = None,
    *,
    reports: dict[str, dict] | None = None,
    chunk_rows: int = 50_000,
) -> tuple[pd.DataFrame, PanelCoverage]:
    """Write the panel of the records in `records_path` to `output` (.parquet, .csv, .xlsx or .dta)
    chunk by chunk, and return its headline rows (all that `link_targets` needs) and its coverage.
    Without `output` nothing is written (`panel_tables` returns the whole panel instead).

    Memory grows with the headline rows only (about an eighth of the records), not with the
    whole panel; a .dta file is the exception, as Stata's format is written in one piece. `reports`
    are the pipeline's summaries of the reports (`read_report_summaries`); a report without one is
    read again. The table is written beside `output` and moved over it when complete."""
    headline: list[pd.DataFrame] = []
    coverage = PanelCoverage()
    writer = _open_table(output)
    try:
        for panel in _panel_chunks(records_path, manifest, reports, chunk_rows):
            if writer is not None:
                writer.write(panel)
            coverage.add(panel)
            headline.append(panel[panel["indicator_id"].notna()])
        if writer is not None:
            if writer.rows == 0:  # no records at all: an empty table with the panel's columns
                writer.write(empty_panel())
            writer.close()
    except BaseException:
        if writer is not None:
            writer.path.unlink(missing_ok=True)
        raise
    if output is not None and writer is not None:
        writer.path.replace(output)
    rows = pd.concat(headline, ignore_index=True) if headline else empty_panel()
    return rows, coverage


def panel_tables(
    records: Path | pd.DataFrame,
    manifest: dict[str, dict] | None = None,
    *,
    reports: dict[str, dict] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The panel and its target/actual pairs as DataFrames, nothing written: `records` is a JSONL of
    `govie extract` (or `govie panel`'s `.records.jsonl`) or a DataFrame of records with `file`
    (`govie.to_frame(records, file=...)`)."""
    if isinstance(records, pd.DataFrame):
        files = [str(file) for file in records["file"].dropna().unique()] if "file" in records else []
        frame = records if "file" in records else records.assign(file=pd.NA)
        panel = panel_from_records(frame, report_metadata(files, manifest, reports))
    else:
        chunks = list(_panel_chunks(records, manifest, reports, 50_000))
        panel = pd.concat(chunks, ignore_index=True) if chunks else empty_panel()
    return panel, link_targets(panel)


def _panel_chunks(
    records_path: Path, manifest: dict[str, dict] | None, reports: dict[str, dict] | None, chunk_rows: int
) -> Iterator[pd.DataFrame]:
    metadata: dict[str, dict] = {}
    for chunk in iter_record_chunks(records_path, chunk_rows):
        metadata.update(report_metadata([file for file in chunk["file"].unique() if file not in metadata], manifest, reports))
        yield panel_from_records(chunk, metadata)


def _open_table(output: Path | None) -> TableWriter | None:
    """A writer on `output`'s `.partial` sibling, or None without an output."""
    if output is None:
        return None
    fmt = panel_format(output)
    try:
        return TableWriter(output.with_name(output.name + ".partial"), fmt)
    except TableError as error:
        raise PanelError(str(error)) from error


def panel_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in PANEL_FORMATS:
        known = ", ".join(f".{fmt}" for fmt in PANEL_FORMATS)
        raise PanelError(f"{path}: the panel is written as {known}, not {path.suffix or 'no suffix'}")
    return suffix


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """`frame` as a table in the format of `path`'s suffix (CSV in UTF-8, as pandas writes it)."""
    writer = _open_table(path)
    assert writer is not None
    try:
        writer.write(frame)
        writer.close()
    except BaseException:
        writer.path.unlink(missing_ok=True)
        raise
    writer.path.replace(path)


# ---------------------------------------------------------------------------------------------------
# Targets against actuals


def _met(gap: float, bound: str, indicator_id: str) -> bool:
    """A ceiling (`控制在3%以内`), or a target of an indicator where less is better (`居民消费价格涨幅
    3%左右`, `能耗下降3%` stored as -3), is met at or below it; other targets at or above it."""
    ceiling = bound == "max" or (indicator_id in LOWER_IS_BETTER and bound != "min")
    return bool(gap <= 0) if ceiling else bool(gap >= 0)


def _first_per_key(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    return frame.sort_values(order, kind="stable").drop_duplicates(KEYS, keep="first")


def _annual(frame: pd.DataFrame) -> pd.Series:
    """Figures of one year (`period` `year`; records from before contract v2 have no period)."""
    return frame["period"].fillna("year") == "year" if "period" in frame else pd.Series(True, index=frame.index)


def _from_own_report(frame: pd.DataFrame, is_target: pd.Series) -> pd.Series:
    """A target from the report of its own year, a result from the next year's report; any report
    where the report year is not known. `frame["year"]` must be integers."""
    if "report_year" not in frame:
        return pd.Series(True, index=frame.index)
    own_year = frame["year"].where(is_target, frame["year"] + 1)
    return (frame["report_year"].isna() | frame["report_year"].eq(own_year)).fillna(False).astype(bool)


def link_targets(records: pd.DataFrame) -> pd.DataFrame:
    """One row per (region, headline indicator, measure, year) that has both a target and a result:
    target, actual, gap (actual - target) and whether the target was met. Only annual figures are
    paired (`period` `year`): a five-year total or average, or a figure for part of the year, is
    not the year's (contract v2).

    Where `report_year` is known, the target comes from the report of its own year and the actual
    from the next year's report (a report's review of five years, or a target it recalls, is not
    used); where it is not known, any report's figures are used. Values are compared in base units
    where the panel has them (`5万人` against `52,000人`), so `target`, `actual` and `unit` are in
    base units then."""
    headline = records[records["indicator_id"].notna() & records["year"].notna() & records["region"].notna() & _annual(records)].copy()
    headline["year"] = headline["year"].astype("int64")
    if {"normalised_value", "normalised_unit"} <= set(headline.columns):
        base = headline["normalised_value"].notna()
        headline["value"] = headline["normalised_value"].where(base, headline["value"])
        headline["unit"] = headline["normalised_unit"].where(base, headline["unit"])
    headline["tier_rank"] = headline["tier"].map(lambda tier: TIER_ORDER.get(tier if isinstance(tier, str) else None, 1))
    own_report = _from_own_report(headline, headline["role"] == "target")
    is_target = ((headline["role"] == "target") & own_report).fillna(False).astype(bool)
    is_result = (headline["role"].isin(["actual", "estimate"]) & own_report).fillna(False).astype(bool)
    # For a range the lower bound is the target that is met or missed.
    targets = _first_per_key(headline[is_target], ["tier_rank", "value"])
    actuals = headline[is_result].copy()
    # A sentence about the whole region beats one that names a zone inside it (`东湖新区地区生产总值增长
    # 20%`); the indicator named in full beats a loose alias (`经济总量` may be a district's); a final
    # figure beats an estimate of the same year.
    evidence = (actuals["evidence"] if "evidence" in actuals else pd.Series("", index=actuals.index)).fillna("")
    actuals["sub_area_rank"] = evidence.str.contains(SUB_AREA).astype(int)
    names = default_lexicon().headline_names
    if "indicator" in actuals:
        actuals["alias_rank"] = [
            int(names.get(ident, "\0") not in str(text)) for ident, text in zip(actuals["indicator_id"], actuals["indicator"])
        ]
    else:
        actuals["alias_rank"] = 0
    actuals["estimate_rank"] = (actuals["role"] == "estimate").astype(int)
    actuals = _first_per_key(actuals, ["sub_area_rank", "alias_rank", "estimate_rank"])
    where = [column for column in ("file", "start", "evidence") if column in headline]
    pairs = targets[KEYS + ["value", "unit", "bound", "tier", *where]].merge(
        actuals[KEYS + ["value", "unit", "role", *where]], on=KEYS, suffixes=("_target", "_actual")
    )
    pairs = pairs[pairs["unit_target"] == pairs["unit_actual"]].rename(
        columns={"value_target": "target", "value_actual": "actual", "unit_target": "unit", "role": "actual_role"}
    )
    pairs = pairs.drop(columns=["unit_actual"])
    pairs["gap"] = pairs["actual"] - pairs["target"]
    pairs["met"] = [_met(gap, bound, ident) for gap, bound, ident in zip(pairs["gap"], pairs["bound"], pairs["indicator_id"])]
    columns = [*KEYS, "target", "actual", "unit", "gap", "met", "bound", "tier", "actual_role"]
    columns += [f"{name}_{side}" for side in ("target", "actual") for name in where]
    return pairs[columns].sort_values(KEYS, kind="stable").reset_index(drop=True)


LOSS_REASONS: dict[str, str] = {
    "not_annual": "a five-year total or average, or part of a year (period other than `year`)",
    "other_report": "a target recalled in a later report, or a result reported other than in the next year's report",
    "no_counterpart": "a target without a result of its year in the data, or a result without a target",
    "units_differ": "target and result in units that do not convert to each other",
    "not_chosen": "another figure for the same region, indicator and year was paired (a range's upper bound, a stretch tier, a zone's figure, an estimate)",
}


def pairing_losses(records: pd.DataFrame, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Why headline figures did not make a target/actual pair, counted per indicator and measure:
    one row per (indicator_id, measure, reason) with the number of figures (`LOSS_REASONS` says
    what each reason means). `pairs` is `link_targets(records)`, computed when not given."""
    pairs = link_targets(records) if pairs is None else pairs
    figures = records[records["indicator_id"].notna() & records["year"].notna() & records["region"].notna()].copy()
    columns = ["indicator_id", "measure", "reason", "figures"]
    if figures.empty:
        return pd.DataFrame({name: pd.Series(dtype="Int64" if name == "figures" else "string") for name in columns})
    figures["year"] = figures["year"].astype("int64")
    is_target = figures["role"] == "target"
    annual = _annual(figures)
    key = list(zip(figures["region"], figures["indicator_id"], figures["measure"], figures["year"]))
    eligible = annual & _from_own_report(figures, is_target)
    target_keys = {k for k, ok, t in zip(key, eligible, is_target) if ok and t}
    result_keys = {k for k, ok, t in zip(key, eligible, is_target) if ok and not t}
    paired = set(zip(pairs["region"], pairs["indicator_id"], pairs["measure"], pairs["year"])) if len(pairs) else set()
    used = set()
    if len(pairs):
        for side in ("target", "actual"):
            if f"file_{side}" in pairs and f"start_{side}" in pairs:
                used.update(zip(pairs[f"file_{side}"], pairs[f"start_{side}"]))
    reasons = []
    for k, ok, in_annual, target, file, start in zip(
        key,
        eligible,
        annual,
        is_target,
        figures.get("file", pd.Series(None, index=figures.index)),
        figures.get("start", pd.Series(None, index=figures.index)),
    ):
        if not in_annual:
            reasons.append("not_annual")
        elif not ok:
            reasons.append("other_report")
        elif k not in (result_keys if target else target_keys):
            reasons.append("no_counterpart")
        elif k not in paired:
            reasons.append("units_differ")
        elif used and (file, start) not in used:
            reasons.append("not_chosen")
        else:
            reasons.append(None)
    figures["reason"] = reasons
    lost = figures[figures["reason"].notna()]
    counted = lost.groupby(["indicator_id", "measure", "reason"]).size().rename("figures").reset_index()
    return counted.astype({"indicator_id": "string", "measure": "string", "reason": "string", "figures": "Int64"})[columns]
