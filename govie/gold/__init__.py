"""Stand-off gold annotations (corpus/GUIDELINE.md): one TSV per report, joined with the report
text at load time and checked against its sha256."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..reading import read_report
from ..records import BOUNDS, MEASURES, MULTI_YEAR_PERIODS, PERIODS, ROLES, TIERS, Record

DEFAULT_CORPUS = Path(os.environ.get("GOVIE_CORPUS", "../shared/corpus"))
DEFAULT_GOLD = Path("corpus/gold")
DEFAULT_TEXTS = Path("corpus/texts")  # texts of reports that are not in the shared corpus
DEFAULT_PERIOD_AUDIT = Path("corpus/audit/period")
EXCLUSION_REASONS = ("date", "name", "rank", "list count", "comparison", "footnote", "not body", "other")
NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.．,][0-9０-９]+)*")


class GoldError(ValueError):
    """A gold file that does not fit its report or the format."""


@dataclass
class GoldRow:
    start: int
    end: int
    number: str
    decision: str  # "R" or "X"
    reason: str = ""
    indicator: str = ""
    indicator_id: str = ""
    value: str = ""
    unit: str = ""
    measure: str = ""
    role: str = ""
    bound: str = ""
    tier: str = ""
    year: str = ""
    period: str = ""
    year_start: str = ""
    ind_start: str = ""
    ind_end: str = ""
    unit_start: str = ""
    unit_end: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        # A record whose period is not given is annual: rows written before contract v2, and rows
        # of tools that do not ask for it yet.
        if self.decision == "R" and not self.period:
            self.period = "year"

    @property
    def is_record(self) -> bool:
        return self.decision == "R"

    def to_record(self, evidence: str = "") -> Record:
        return Record(
            indicator=self.indicator,
            indicator_id=self.indicator_id or None,
            value=float(self.value),
            unit=self.unit,
            measure=self.measure,  # type: ignore[arg-type]
            role=self.role,  # type: ignore[arg-type]
            bound=self.bound,  # type: ignore[arg-type]
            tier=self.tier or None,  # type: ignore[arg-type]
            year=int(self.year) if self.year else None,
            period=self.period or "year",  # type: ignore[arg-type]
            year_start=int(self.year_start) if self.year_start else None,
            start=self.start,
            end=self.end,
            evidence=evidence,
        )

    def indicator_span(self) -> tuple[int, int] | None:
        return (int(self.ind_start), int(self.ind_end)) if self.ind_start and self.ind_end else None

    def unit_span(self) -> tuple[int, int] | None:
        return (int(self.unit_start), int(self.unit_end)) if self.unit_start and self.unit_end else None


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(GoldRow))
# Files written before contract v2 lack `period` and `year_start`; their records are annual.
COLUMNS_V1: tuple[str, ...] = tuple(name for name in COLUMNS if name not in ("period", "year_start"))


@dataclass
class GoldDocument:
    file: str
    sha256: str
    report_year: int | None
    rows: list[GoldRow]
    meta: dict[str, str] = field(default_factory=dict)

    def records(self) -> list[Record]:
        return [row.to_record() for row in self.rows if row.is_record]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf8")).hexdigest()


def read_gold(path: Path) -> GoldDocument:
    lines = Path(path).read_text(encoding="utf8").splitlines()
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in lines:
        if line.startswith("#"):
            for key, value in re.findall(r"(\w+)=(\S*)", line):
                meta[key] = value
        elif line.strip():
            body.append(line)
    if "file" not in meta or "sha256" not in meta:
        raise GoldError(f"{path}: the header must give file= and sha256=")
    reader = csv.DictReader(io.StringIO("\n".join(body)), delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
    header = tuple(reader.fieldnames or ())
    if header not in (COLUMNS, COLUMNS_V1):
        raise GoldError(f"{path}: the column header must be {' '.join(COLUMNS)}")
    rows = []
    for number, raw in enumerate(reader, start=1):
        try:
            values = {k: (v or "") for k, v in raw.items()}
            rows.append(GoldRow(**{**values, "start": int(raw["start"]), "end": int(raw["end"])}))
        except (TypeError, ValueError) as error:
            raise GoldError(f"{path}: row {number}: {error}") from None
    year = meta.get("report_year")
    return GoldDocument(meta["file"], meta["sha256"], int(year) if year else None, rows, meta)


def write_gold(document: GoldDocument, path: Path) -> None:
    meta = {**document.meta, "file": document.file, "sha256": document.sha256, "report_year": str(document.report_year or "")}
    out = io.StringIO()
    for key, value in meta.items():
        out.write(f"# {key}={value}\n")
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(document.rows, key=lambda r: (r.start, r.end)):
        writer.writerow([str(getattr(row, name)) for name in COLUMNS])
    Path(path).write_text(out.getvalue(), encoding="utf8")


def report_text(corpus: Path, document: GoldDocument, texts: Path | None = None) -> str:
    path = Path(corpus) / "reports" / document.file
    if not path.is_file():
        # A user's own report (pulled from Label Studio) keeps its text beside the annotations.
        path = Path(texts if texts is not None else DEFAULT_TEXTS) / (Path(document.file).stem + ".txt")
    if not path.is_file():
        raise GoldError(
            f"report {document.file} not found under {Path(corpus) / 'reports'} (set --corpus or GOVIE_CORPUS) nor in {path.parent}"
        )
    # As `govie extract` reads it (no newline translation), so that gold offsets are the ones records have.
    text = read_report(path)
    actual = sha256_text(text)
    if actual != document.sha256:
        raise GoldError(
            f"report {document.file}: sha256 {actual[:12]}… does not match the annotation's {document.sha256[:12]}…; the text changed since it was annotated"
        )
    return text


def gold_paths(gold_dir: Path, files: Iterable[str] | None = None) -> list[Path]:
    gold_dir = Path(gold_dir)
    if files is None:
        return sorted(gold_dir.glob("*.tsv"))
    paths = []
    for name in files:
        path = gold_dir / (Path(name).stem + ".tsv")
        if not path.is_file():
            raise GoldError(f"no gold annotation {path}")
        paths.append(path)
    return paths


def load_gold(
    gold_dir: Path = DEFAULT_GOLD, corpus: Path = DEFAULT_CORPUS, files: Iterable[str] | None = None
) -> Iterator[tuple[GoldDocument, str]]:
    """Gold documents with their report texts, each checked against its sha256."""
    for path in gold_paths(gold_dir, files):
        document = read_gold(path)
        yield document, report_text(corpus, document, Path(gold_dir).parent / "texts")


def validate(document: GoldDocument, text: str) -> list[str]:
    """Problems of one gold document against its text; empty when it is sound."""
    problems: list[str] = []
    covered: list[tuple[int, int]] = []
    for i, row in enumerate(document.rows, start=1):
        where = f"row {i} ({row.start}-{row.end})"
        if not (0 <= row.start < row.end <= len(text)):
            problems.append(f"{where}: offsets outside the text")
            continue
        written = text[row.start : row.end]
        if written != row.number:
            problems.append(f"{where}: text at offsets is {written!r}, row says {row.number!r}")
        covered.append((row.start, row.end))
        if row.decision == "X":
            if row.reason not in EXCLUSION_REASONS:
                problems.append(f"{where}: reason {row.reason!r} not in {EXCLUSION_REASONS}")
            continue
        if row.decision != "R":
            problems.append(f"{where}: decision must be R or X")
            continue
        problems.extend(f"{where}: {p}" for p in _record_problems(row, text))
    problems.extend(_uncovered_numbers(text, covered))
    return problems


def _record_problems(row: GoldRow, text: str) -> list[str]:
    problems = []
    if not row.indicator:
        problems.append("record without indicator")
    try:
        float(row.value)
    except ValueError:
        problems.append(f"value {row.value!r} is not a number")
    for name, vocabulary in (("measure", MEASURES), ("role", ROLES), ("bound", BOUNDS)):
        if getattr(row, name) not in vocabulary:
            problems.append(f"{name} {getattr(row, name)!r} not in {vocabulary}")
    if row.tier and row.tier not in TIERS:
        problems.append(f"tier {row.tier!r} not in {TIERS}")
    if row.year and not re.fullmatch(r"(19|20)\d\d", row.year):
        problems.append(f"year {row.year!r} is not a year")
    if row.period not in PERIODS:
        problems.append(f"period {row.period!r} not in {PERIODS}")
    if row.year_start:
        if row.period not in MULTI_YEAR_PERIODS:
            problems.append(f"year_start {row.year_start!r} given for period {row.period!r}")
        elif not re.fullmatch(r"(19|20)\d\d", row.year_start) or (row.year and int(row.year_start) > int(row.year)):
            problems.append(f"year_start {row.year_start!r} is not a year before year {row.year!r}")
    for name, span in (("indicator", row.indicator_span), ("unit", row.unit_span)):
        try:
            bounds = span()
        except ValueError:
            problems.append(f"{name} span is not two integers")
            continue
        if bounds and not (0 <= bounds[0] < bounds[1] <= len(text)):
            problems.append(f"{name} span outside the text")
    return problems


def _uncovered_numbers(text: str, covered: list[tuple[int, int]]) -> list[str]:
    starts = sorted(covered)
    problems = []
    for match in NUMBER_RE.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in starts):
            problems.append(f"number {match.group()!r} at {match.start()} has no row")
    return problems


@dataclass
class PeriodAuditRow:
    """A figure of a report outside the gold set and the period a reader gave it
    (`corpus/audit/period`, read by `benchmarks/period_audit.py`); `X` where it is no record."""

    start: int
    end: int
    number: str
    period: str
    year_start: str
    note: str


def read_period_audit(path: Path) -> tuple[dict[str, str], list[PeriodAuditRow]]:
    """The header (`# key=value` lines: file, sha256, annotator, batch) and the rows of one period
    audit file."""
    header: dict[str, str] = {}
    lines = path.read_text(encoding="utf8").splitlines()
    body = []
    for line in lines:
        if line.startswith("# ") and "=" in line:
            key, value = line[2:].split("=", 1)
            header[key] = value
        elif line.strip():
            body.append(line)
    rows = [
        PeriodAuditRow(int(row["start"]), int(row["end"]), row["number"], row["period"], row["year_start"], row["note"])
        for row in csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]
    return header, rows
