"""Label Studio round trip: reports go out as tasks with the model's records as predictions, corrected
annotations come back as stand-off gold TSVs (corpus/GUIDELINE.md).

The labeling config is `govie/gold/label_studio.xml`: INDICATOR, VALUE, UNIT and LEFT OUT spans,
relations INDICATOR–VALUE and VALUE–UNIT (without labels: the labels of their two regions say which),
per-region controls on each VALUE for the record's fields, and on each LEFT OUT number its reason.

Label Studio's region offsets are JavaScript string offsets (UTF-16 code units); Python's are code
points. OpenCC's t2s and real reports can hold characters outside the Basic Multilingual Plane, so
every offset is converted at the border (`Utf16Offsets`).

How a VALUE region becomes a gold row (`results_to_rows`):

- `indicator`: the region's `indicator` text if given, else the text of the INDICATOR region related
  to it, normalised like the pipeline's text (simplified, full-width folded). A VALUE related to two
  INDICATOR regions gives one row for each.
- `value`: the region's `value` text if given, else the number as written (`三千五百` -> 3500).
- `unit`: the region's `unit` text if given, else the related UNIT region's text (without 余/多),
  else the UNIT region that starts right after the number, else empty.
- `measure`, `role` and `year` must be given (the labeling config makes Label Studio refuse a
  Submit without them; the pull refuses them too, naming the region, for annotations made through
  the API). A record whose text gives no year cannot be made in Label Studio: edit its TSV row.
  `bound` defaults to `exact`, `period` to `year`; `tier`, `year_start`, `indicator_id` may stay
  empty.

The pushed predictions fill the three overrides only where the spans alone would give another
field, so an annotator who moves a span does not leave a stale override behind.

A LEFT OUT region is an `X` row with the region's `reason` (and `note`); the push gives every
number the model left out such a region with the model's reason. The model's note `check`
(its rules could not tell) is dropped once the annotator gives a reason other than `other`. A LEFT OUT region on the
characters of a VALUE region is ignored: the VALUE wins.

What a pull writes for a report (`merge_rows`): the `R` rows are exactly the annotation's, the
LEFT OUT regions' `X` rows next. Numbers without either region are `X` rows too: they keep the
reason of an `X` row at the same offsets in the existing gold file of the same text, and are
otherwise `X other` with the note `not labelled`. Rows of an existing file that the annotation does
not confirm are replaced; a file for a different text (another sha256) is replaced whole.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..lexicon.numbers import parse_number
from ..pipeline.normalize import normalize
from ..records import BOUNDS, MEASURES, PERIODS, ROLES, TIERS
from . import EXCLUSION_REASONS, NUMBER_RE, GoldDocument, GoldRow, read_gold, sha256_text, validate, write_gold
from .preannotate import CHECK_NOTE, format_value

LABELS_NAME = "label"
TEXT_NAME = "text"
LEFT_OUT = "LEFT OUT"
CHOICE_FIELDS = ("measure", "role", "bound", "tier", "period", "indicator_id")
NUMBER_FIELDS = ("year", "year_start")
OVERRIDE_FIELDS = ("indicator", "value", "unit")
NOT_LABELLED = "not labelled"
DEFAULT_PROJECT = "govie"
# Label Studio reports errors and request traces to Sentry and loads Sentry's browser SDK unless
# these are set empty; COLLECT_ANALYTICS=false alone does not stop it. Reports under annotation
# may be confidential drafts: every start of Label Studio by govie, its tests and its README
# uses these.
PRIVATE_ENV = {"SENTRY_DSN": "", "FRONTEND_SENTRY_DSN": "", "COLLECT_ANALYTICS": "false", "LATEST_VERSION_CHECK": "false"}

Result = dict[str, Any]


def label_config() -> str:
    """The labeling config shipped with the package."""
    return resources.files("govie").joinpath("gold", "label_studio.xml").read_text(encoding="utf8")


# ---------------------------------------------------------------------------------------------------
# Offsets


class Utf16Offsets:
    """Maps code point offsets of one text to UTF-16 code unit offsets (JavaScript's) and back."""

    _ASTRAL = re.compile("[\U00010000-\U0010ffff]")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code point index of each character that takes two UTF-16 units (a surrogate pair).
        self._astral = [m.start() for m in self._ASTRAL.finditer(text)]
        # UTF-16 offset just after each of them.
        self._astral_ends = [index + k + 2 for k, index in enumerate(self._astral)]

    def to_utf16(self, index: int) -> int:
        if not 0 <= index <= self._length:
            raise ValueError(f"offset {index} outside a text of {self._length} characters")
        return index + bisect.bisect_left(self._astral, index)

    def to_codepoint(self, offset: int) -> int:
        index = offset - bisect.bisect_right(self._astral_ends, offset)
        if not 0 <= index <= self._length or self.to_utf16(index) != offset:
            raise ValueError(f"UTF-16 offset {offset} is outside the text or inside a surrogate pair")
        return index


# ---------------------------------------------------------------------------------------------------
# Span texts as the pipeline reads them


class SpanReader:
    """Field values read off spans of one report: simplified and folded like the pipeline's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Only the per-character steps: spans must not lose characters to markup or line joining.
        normalized = normalize(text, strip_non_body=False, join_broken_lines=False)
        self._normalized = normalized.text
        self._offsets = list(normalized.offsets[: len(normalized.text)])

    def normalized(self, start: int, end: int) -> str:
        first = bisect.bisect_left(self._offsets, start)
        last = bisect.bisect_left(self._offsets, end)
        return self._normalized[first:last].strip()

    def indicator(self, start: int, end: int) -> str:
        return self.normalized(start, end)

    def unit(self, start: int, end: int) -> str:
        # `1.5万余家` is unit 万家: approximation words inside a unit are the bound, not the unit.
        return re.sub("[余多]", "", self.normalized(start, end))

    def value(self, start: int, end: int) -> str | None:
        number = parse_number(self.normalized(start, end).replace(" ", ""))
        return None if number is None else format_value(number)


# ---------------------------------------------------------------------------------------------------
# Gold rows -> Label Studio results (push)


def rows_to_results(rows: Iterable[GoldRow], text: str) -> list[Result]:
    """Regions, relations and per-region fields of the document's records, in UTF-16 offsets."""
    utf16 = Utf16Offsets(text)
    reader = SpanReader(text)
    results: list[Result] = []
    shared: dict[tuple[str, int, int], str] = {}  # INDICATOR and UNIT regions serve several values

    def region(label: str, start: int, end: int) -> str:
        region_id = f"{label[0].lower()}{len(results)}"
        results.append(_region_result(region_id, label, start, end, text, utf16))
        return region_id

    def shared_region(label: str, start: int, end: int) -> str:
        if (label, start, end) not in shared:
            shared[(label, start, end)] = region(label, start, end)
        return shared[(label, start, end)]

    for row in (r for r in rows if r.is_record):
        # One VALUE region per record: two records of one number are two regions on the same characters.
        value_id = region("VALUE", row.start, row.end)
        indicator_span, unit_span = row.indicator_span(), row.unit_span()
        if indicator_span:
            results.append(_relation(shared_region("INDICATOR", *indicator_span), value_id))
        if unit_span:
            results.append(_relation(value_id, shared_region("UNIT", *unit_span)))
        results.extend(_field_results(value_id, row, text, utf16, _overrides(row, reader)))
    for row in (r for r in rows if r.decision == "X"):
        left_out_id = region(LEFT_OUT, row.start, row.end)
        where = _where(row, text, utf16)
        reason = row.reason if row.reason in EXCLUSION_REASONS else "other"
        results.append(_per_region(left_out_id, "reason", "choices", {**where, "choices": [reason]}))
        if row.note:
            results.append(_per_region(left_out_id, "note", "textarea", {**where, "text": [row.note]}))
    return results


def _where(row: GoldRow, text: str, utf16: Utf16Offsets) -> dict[str, Any]:
    return {"start": utf16.to_utf16(row.start), "end": utf16.to_utf16(row.end), "text": text[row.start : row.end]}


def _per_region(region_id: str, name: str, kind: str, value: dict[str, Any]) -> Result:
    return {"id": region_id, "from_name": name, "to_name": TEXT_NAME, "type": kind, "value": value}


def _overrides(row: GoldRow, reader: SpanReader) -> dict[str, str]:
    indicator_span, unit_span = row.indicator_span(), row.unit_span()
    from_spans = {
        "indicator": reader.indicator(*indicator_span) if indicator_span else "",
        "value": reader.value(row.start, row.end) or "",
        "unit": reader.unit(*unit_span) if unit_span else "",
    }
    return {name: getattr(row, name) for name in OVERRIDE_FIELDS if getattr(row, name) != from_spans[name]}


def _region_result(region_id: str, label: str, start: int, end: int, text: str, utf16: Utf16Offsets) -> Result:
    return {
        "id": region_id,
        "from_name": LABELS_NAME,
        "to_name": TEXT_NAME,
        "type": "labels",
        "value": {"start": utf16.to_utf16(start), "end": utf16.to_utf16(end), "text": text[start:end], "labels": [label]},
    }


def _relation(from_id: str, to_id: str) -> Result:
    return {"type": "relation", "from_id": from_id, "to_id": to_id, "direction": "right"}


def _field_results(value_id: str, row: GoldRow, text: str, utf16: Utf16Offsets, overrides: dict[str, str]) -> list[Result]:
    where = _where(row, text, utf16)
    results = []

    def add(name: str, kind: str, value: dict[str, Any]) -> None:
        results.append(_per_region(value_id, name, kind, {**where, **value}))

    for name in CHOICE_FIELDS:
        if getattr(row, name):
            add(name, "choices", {"choices": [getattr(row, name)]})
    for name in NUMBER_FIELDS:
        if getattr(row, name):
            add(name, "number", {"number": int(getattr(row, name))})
    for name, override in overrides.items():
        add(name, "textarea", {"text": [override]})
    return results


# ---------------------------------------------------------------------------------------------------
# Label Studio results -> gold rows (pull)


@dataclass
class _Region:
    id: str
    label: str
    start: int  # code points
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    related: list[_Region] = field(default_factory=list)


def results_to_rows(results: Sequence[Result], text: str) -> tuple[list[GoldRow], list[str]]:
    """The `R` rows an annotation gives, and its problems (each names the offsets it concerns)."""
    rows, _, problems = annotation_rows(results, text)
    return rows, problems


def annotation_rows(results: Sequence[Result], text: str) -> tuple[list[GoldRow], list[GoldRow], list[str]]:
    """The `R` rows and the LEFT OUT `X` rows an annotation gives, and its problems (each names the
    region it concerns)."""
    utf16 = Utf16Offsets(text)
    regions, problems = _read_regions(results, text, utf16)
    reader = SpanReader(text)
    rows: list[GoldRow] = []
    for region in sorted((r for r in regions.values() if r.label == "VALUE"), key=lambda r: (r.start, r.end, r.id)):
        made, region_problems = _value_rows(region, regions, reader)
        rows.extend(made)
        where = f"VALUE {text[region.start : region.end]!r} at {region.start}"
        problems.extend(f"{where}: {problem}" for problem in region_problems)
    valued = {i for region in regions.values() if region.label == "VALUE" for i in range(region.start, region.end)}
    left_out: list[GoldRow] = []
    for region in sorted((r for r in regions.values() if r.label == LEFT_OUT), key=lambda r: (r.start, r.end, r.id)):
        if any(i in valued for i in range(region.start, region.end)):
            continue
        reason = region.fields.get("reason", "")
        if reason not in EXCLUSION_REASONS:
            chosen = f"reason {reason!r} not in {EXCLUSION_REASONS}" if reason else "no reason chosen"
            problems.append(f"LEFT OUT {text[region.start : region.end]!r} at {region.start}: {chosen}")
            continue
        note = region.fields.get("note", "")
        if reason != "other" and note.startswith(CHECK_NOTE):
            note = ""  # the model's "could not tell" is answered by the reason given
        left_out.append(GoldRow(region.start, region.end, text[region.start : region.end], "X", reason=reason, note=note))
    return rows, left_out, problems


def _read_regions(results: Sequence[Result], text: str, utf16: Utf16Offsets) -> tuple[dict[str, _Region], list[str]]:
    regions: dict[str, _Region] = {}
    problems: list[str] = []
    for result in results:
        if result.get("type") != "labels" or result.get("to_name") != TEXT_NAME:
            continue
        value = result["value"]
        labels = value.get("labels") or []
        try:
            start, end = utf16.to_codepoint(int(value["start"])), utf16.to_codepoint(int(value["end"]))
        except (KeyError, ValueError) as error:
            problems.append(f"region {result.get('id')}: {error}")
            continue
        # The text Label Studio shows for the region is the check that both sides count alike.
        if "text" in value and value["text"] != text[start:end]:
            problems.append(
                f"region {result.get('id')} at {start}: Label Studio shows {value['text']!r}, the report has {text[start:end]!r}"
            )
            continue
        if len(labels) != 1 or start >= end:
            problems.append(f"region {result.get('id')} at {start}: needs one label and some characters")
            continue
        regions[result["id"]] = _Region(result["id"], labels[0], start, end)
    for result in results:
        region = regions.get(result.get("id", ""))
        if result.get("type") in ("choices", "textarea", "number") and region is not None:
            region.fields[result["from_name"]] = _field_value(result)
        elif result.get("type") == "relation":
            ends = regions.get(result.get("from_id", "")), regions.get(result.get("to_id", ""))
            if ends[0] is not None and ends[1] is not None:
                ends[0].related.append(ends[1])
                ends[1].related.append(ends[0])
    return regions, problems


def _field_value(result: Result) -> str:
    value = result["value"]
    if result["type"] == "choices":
        chosen = value.get("choices") or []
        return str(chosen[0]) if chosen else ""
    if result["type"] == "number":
        number = value.get("number")
        return "" if number is None else str(int(number))
    texts = value.get("text") or []
    return (texts if isinstance(texts, str) else " ".join(texts)).strip()


def _value_rows(region: _Region, regions: dict[str, _Region], reader: SpanReader) -> tuple[list[GoldRow], list[str]]:
    problems: list[str] = []
    fields = region.fields
    indicators = sorted({(r.start, r.end) for r in region.related if r.label == "INDICATOR"})
    override = fields.get("indicator", "")
    if not indicators and not override:
        return [], ["no INDICATOR related and no indicator text"]
    value = _value(fields.get("value", ""), region, reader)
    if value is None:
        problems.append("the number cannot be read; write it in the value field")
    for name, vocabulary in (("measure", MEASURES), ("role", ROLES), ("bound", BOUNDS), ("tier", TIERS), ("period", PERIODS)):
        chosen = fields.get(name, "")
        if chosen and chosen not in vocabulary:
            problems.append(f"{name} {chosen!r} not in {vocabulary}")
    for name in ("measure", "role"):
        if not fields.get(name):
            problems.append(f"no {name} chosen")
    if not fields.get("year"):
        problems.append("no year given")
    if problems:
        return [], problems
    unit, unit_span = _unit(fields.get("unit"), region, regions, reader)
    spans: list[tuple[int, int] | None] = list(indicators) or [None]
    rows = []
    for span in spans:
        # The written-out name applies when it is one record; a value related to several
        # indicators gives each its span's name.
        name = override if override and len(spans) == 1 else reader.indicator(*span) if span else override
        rows.append(
            GoldRow(
                start=region.start,
                end=region.end,
                number=reader.text[region.start : region.end],
                decision="R",
                indicator=name,
                indicator_id=fields.get("indicator_id", ""),
                value=value or "",
                unit=unit,
                measure=fields["measure"],
                role=fields["role"],
                bound=fields.get("bound") or "exact",
                tier=fields.get("tier", ""),
                year=fields.get("year", ""),
                period=fields.get("period") or "year",
                year_start=fields.get("year_start", ""),
                ind_start=str(span[0]) if span else "",
                ind_end=str(span[1]) if span else "",
                unit_start=str(unit_span[0]) if unit_span else "",
                unit_end=str(unit_span[1]) if unit_span else "",
            )
        )
    return rows, []


def _value(override: str, region: _Region, reader: SpanReader) -> str | None:
    if override:
        try:
            return format_value(float(override.replace(",", "").replace("−", "-")))
        except ValueError:
            return None
    return reader.value(region.start, region.end)


def _unit(override: str | None, region: _Region, regions: dict[str, _Region], reader: SpanReader) -> tuple[str, tuple[int, int] | None]:
    related = sorted((r.start, r.end) for r in region.related if r.label == "UNIT")
    if related:
        span: tuple[int, int] | None = related[0]
    else:
        # An annotator who marks `571.02` and `亿元` side by side means the two belong together.
        after = reader.text[region.end :]
        gap = len(after) - len(after.lstrip(" "))
        adjacent = [(r.start, r.end) for r in regions.values() if r.label == "UNIT" and r.start == region.end + gap]
        span = min(adjacent) if adjacent else None
    unit = override if override is not None and override != "" else (reader.unit(*span) if span else "")
    return unit, span


def merge_rows(records: list[GoldRow], text: str, previous: GoldDocument | None, left_out: Sequence[GoldRow] = ()) -> list[GoldRow]:
    """The annotation's records and LEFT OUT rows, plus an `X` row for every other number; see the
    module's docstring for what is kept of an existing file."""
    valued = {i for row in [*records, *left_out] for i in range(row.start, row.end)}

    def without_value(start: int, end: int) -> bool:
        return not any(i in valued for i in range(start, end))

    rows = [*records, *left_out]
    excluded: set[tuple[int, int]] = set()
    for row in previous.rows if previous else []:
        # Chinese numerals left out by hand are no match of NUMBER_RE: their rows are kept as well.
        if row.decision == "X" and without_value(row.start, row.end) and text[row.start : row.end] == row.number:
            rows.append(GoldRow(start=row.start, end=row.end, number=row.number, decision="X", reason=row.reason, note=row.note))
            excluded.add((row.start, row.end))
    for match in NUMBER_RE.finditer(text):
        span = (match.start(), match.end())
        if span not in excluded and without_value(*span):
            rows.append(GoldRow(start=span[0], end=span[1], number=match.group(), decision="X", reason="other", note=NOT_LABELLED))
    return sorted(rows, key=_row_order)


def _row_order(row: GoldRow) -> tuple:
    # A total order, so that pulling the same annotation twice writes the same file.
    return (row.start, row.end, row.decision, row.ind_start, row.ind_end, row.indicator, row.value)


# ---------------------------------------------------------------------------------------------------
# Tasks


def read_text(path: Path) -> str:
    """A report's text as `govie extract` and the gold loader read it (`govie.reading.read_report`:
    any encoding, line endings as found), so that the task's sha256 is the one the loader checks."""
    from ..reading import read_report

    return read_report(Path(path))


def task_payload(path: Path, text: str, document: GoldDocument, model_version: str) -> tuple[dict[str, Any], Result]:
    """A task's data and its prediction, for one report and the model's reading of it."""
    data = {"text": text, "file": Path(path).name, "sha256": sha256_text(text), "report_year": document.report_year}
    prediction = {"model_version": model_version, "result": rows_to_results(document.rows, text)}
    return data, prediction


def latest_annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    """The task's most recent annotation that was submitted, not skipped."""
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    return max(annotations, key=_annotation_order) if annotations else None


@dataclass
class PulledDocument:
    """What one task's annotation gives: the document, its text, and where the text lives."""

    document: GoldDocument
    text: str
    in_corpus: bool
    records: int
    relations: int


class PullError(ValueError):
    """A task whose annotation cannot become a valid gold file."""


def document_from_task(task: dict[str, Any], corpus: Path, previous: GoldDocument | None) -> PulledDocument:
    """Check the task's text against its sha256 and the corpus, and build the gold document."""
    data = task.get("data") or {}
    text, name, sha = data.get("text"), data.get("file"), data.get("sha256")
    if not isinstance(text, str) or not name or not sha:
        raise PullError(f"task {task.get('id')}: data needs text, file and sha256 (was it pushed by govie?)")
    _check_file_name(task, name)
    if sha256_text(text) != sha:
        raise PullError(f"task {task.get('id')} ({name}): the text does not hash to the task's sha256; it was changed in Label Studio")
    corpus_file = Path(corpus) / "reports" / name
    in_corpus = corpus_file.is_file()
    if in_corpus and sha256_text(read_text(corpus_file)) != sha:
        raise PullError(f"task {task.get('id')} ({name}): the text differs from {corpus_file}")
    annotation = latest_annotation(task)
    if annotation is None:
        raise PullError(f"task {task.get('id')} ({name}): no submitted annotation")
    records, left_out, problems = annotation_rows(annotation.get("result") or [], text)
    if previous is not None and previous.sha256 != sha:
        previous = None
    rows = merge_rows(records, text, previous, left_out)
    meta = dict(previous.meta) if previous else {}
    meta.update({"status": "label-studio", "ls_task": str(task.get("id")), "ls_annotation": str(annotation.get("id"))})
    year = data.get("report_year") or (previous.report_year if previous else None)
    document = GoldDocument(file=name, sha256=sha, report_year=int(year) if year else None, rows=rows, meta=meta)
    problems += validate(document, text)
    if problems:
        raise PullError(
            f"task {task.get('id')} ({name}): "
            + "; ".join(problems[:20])
            + (f" … ({len(problems)} problems)" if len(problems) > 20 else "")
        )
    relations = sum(1 for r in annotation.get("result") or [] if r.get("type") == "relation")
    return PulledDocument(document, text, in_corpus, len(records), relations)


# File names a gold file is named after: a plain name, not a path, and short enough for any filesystem.
MAX_NAME_BYTES = 200


def _check_file_name(task: dict[str, Any], name: object) -> None:
    """Refuse a task whose file name is not a plain file name: it would be read or written outside
    the corpus and gold folders, or could not be written at all."""
    if (
        not isinstance(name, str)
        or "\x00" in name
        or "/" in name
        or "\\" in name
        or name in (".", "..")
        or Path(name).name != name
        or len(name.encode("utf8", "surrogatepass")) > MAX_NAME_BYTES
    ):
        raise PullError(
            f"task {task.get('id')}: file name {name!r:.80} is not a plain file name of at most {MAX_NAME_BYTES} bytes; rename it and push again"
        )


def write_pulled(pulled: PulledDocument, gold_dir: Path) -> bool:
    """Write the gold TSV (and a text outside the corpus under texts/); False when nothing changed."""
    stem = Path(pulled.document.file).stem
    changed = False
    if not pulled.in_corpus:
        text_path = Path(gold_dir).parent / "texts" / f"{stem}.txt"
        # newline="": the text's line ends are the ones its sha256 was taken over.
        if not text_path.is_file() or read_text(text_path) != pulled.text:
            text_path.parent.mkdir(parents=True, exist_ok=True)
            with open(text_path, "w", encoding="utf8", newline="") as handle:
                handle.write(pulled.text)
            changed = True
    target = Path(gold_dir) / f"{stem}.tsv"
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_suffix(".tsv.tmp")
    write_gold(pulled.document, scratch)
    if target.is_file() and target.read_bytes() == scratch.read_bytes():
        scratch.unlink()
        return changed
    scratch.replace(target)
    return True


def previous_document(gold_dir: Path, file: str) -> GoldDocument | None:
    path = Path(gold_dir) / f"{Path(file).stem}.tsv"
    return read_gold(path) if path.is_file() else None


# ---------------------------------------------------------------------------------------------------
# Label Studio client (label-studio-sdk, the `annotate` extra)


def connect(url: str, token: str) -> Any:
    try:
        from label_studio_sdk import LabelStudio
    except ImportError as error:
        raise RuntimeError("label-studio-sdk is not installed: pip install 'govie[annotate]'") from error
    return LabelStudio(base_url=url.rstrip("/"), api_key=token)


def find_project(client: Any, title: str) -> int | None:
    # The server's title filter is not in every edition: compare titles here.
    for project in client.projects.list(title=title):
        if project.title == title:
            return int(project.id)
    return None


def ensure_project(client: Any, title: str) -> tuple[int, bool]:
    """The project's id, and whether it was created now."""
    found = find_project(client, title)
    if found is not None:
        return found, False
    created = client.projects.create(title=title, label_config=label_config(), description="govie: records of government work reports")
    return int(created.id), True


def iter_tasks(client: Any, project_id: int, fields: str = "task_only") -> Iterator[dict[str, Any]]:
    for task in client.tasks.list(project=project_id, fields=fields):
        yield task.model_dump() if hasattr(task, "model_dump") else dict(task)


def update_config(client: Any, project_id: int) -> bool:
    """Give an existing project govie's current labeling config; False when it has it already.
    Label Studio itself refuses a config that drops labels its annotations use."""
    current = client.projects.get(id=project_id).label_config
    if _same_config(current or "", label_config()):
        return False
    client.projects.update(id=project_id, label_config=label_config())
    return True


def _same_config(one: str, other: str) -> bool:
    return re.sub(r"\s+", " ", one).strip() == re.sub(r"\s+", " ", other).strip()


@dataclass
class PushSummary:
    project_id: int
    created_project: bool
    config_updated: bool = False
    tasks: list[tuple[str, int, str]] = field(default_factory=list)  # (file, task id, "new"/"exists"/"predicted")
    regions: int = 0
    relations: int = 0


def push(
    client: Any, title: str, paths: Sequence[Path], model_version: str, nlp: Any = None, *, update_labeling_config: bool = False
) -> PushSummary:
    """Create or reuse the project and import each report once (by sha256) with predictions;
    `update_labeling_config` gives a reused project govie's current labeling config first."""
    from .preannotate import preannotate

    project_id, created = ensure_project(client, title)
    summary = PushSummary(project_id, created)
    if update_labeling_config and not created:
        summary.config_updated = update_config(client, project_id)
    existing = {str((t.get("data") or {}).get("sha256")): t for t in iter_tasks(client, project_id)}
    for path in paths:
        text = read_text(path)
        task = existing.get(sha256_text(text))
        if task is not None and (task.get("total_predictions") or 0) > 0:
            summary.tasks.append((Path(path).name, int(task["id"]), "exists"))
            continue
        data, prediction = task_payload(path, text, preannotate(text, Path(path).name, nlp), model_version)
        if task is None:
            task_id, state = int(client.tasks.create(data=data, project=project_id).id), "new"
        else:  # an earlier push stopped between the task and its prediction
            task_id, state = int(task["id"]), "predicted"
        client.predictions.create(task=task_id, result=prediction["result"], model_version=model_version)
        existing[data["sha256"]] = {"id": task_id, "data": data, "total_predictions": 1}
        summary.tasks.append((Path(path).name, task_id, state))
        summary.regions += sum(1 for r in prediction["result"] if r["type"] == "labels")
        summary.relations += sum(1 for r in prediction["result"] if r["type"] == "relation")
    return summary


def export_tasks(client: Any, project_id: int) -> list[dict[str, Any]]:
    """Every task of the project with its annotations, in Label Studio's JSON export format."""
    chunks = client.projects.exports.download_sync(project_id, export_type="JSON", download_all_tasks=True)
    return json.loads(b"".join(chunks))


@dataclass
class PullSummary:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    added_to_split: list[str] = field(default_factory=list)  # pulled reports that were in no split
    skipped: list[str] = field(default_factory=list)  # tasks without a submitted annotation
    errors: list[str] = field(default_factory=list)
    records: int = 0
    relations: int = 0


def pull_tasks(tasks: Sequence[dict[str, Any]], gold_dir: Path, corpus: Path) -> PullSummary:
    """Write a gold file for each annotated task; one task's errors do not stop the others."""
    summary = PullSummary()
    stems: dict[str, str] = {}
    for name, group in _tasks_by_file(tasks).items():
        annotated = [t for t in group if latest_annotation(t) is not None]
        if not annotated:
            summary.skipped.append(name)
            continue
        if len({(t.get("data") or {}).get("sha256") for t in annotated}) > 1:
            summary.errors.append(f"{name}: annotated tasks with different texts share this file name; rename one and push again")
            continue
        # The same text imported twice: the most recent annotation over both tasks wins.
        task = max(annotated, key=lambda t: _annotation_order(latest_annotation(t)))
        try:
            _check_file_name(task, name)
            stem = Path(name).stem
            if stems.setdefault(stem, name) != name:
                raise PullError(
                    f"{name}: its gold file {stem}.tsv would overwrite the one of {stems[stem]}; rename one of them and push again"
                )
            pulled = document_from_task(task, corpus, previous_document(gold_dir, name))
            written = write_pulled(pulled, gold_dir)
        except PullError as error:
            summary.errors.append(str(error))
            continue
        except OSError as error:
            summary.errors.append(f"{name}: cannot write its gold file: {error.strerror or error}")
            continue
        (summary.written if written else summary.unchanged).append(name)
        summary.records += pulled.records
        summary.relations += pulled.relations
    return summary


def _tasks_by_file(tasks: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for task in tasks:
        groups[str((task.get("data") or {}).get("file") or f"task-{task.get('id')}")].append(task)
    return dict(groups)


def _annotation_order(annotation: dict[str, Any] | None) -> tuple[str, int]:
    annotation = annotation or {}
    return (str(annotation.get("updated_at") or annotation.get("created_at") or ""), int(annotation.get("id") or 0))


def pull(client: Any, title: str, gold_dir: Path, corpus: Path) -> PullSummary:
    project_id = find_project(client, title)
    if project_id is None:
        raise PullError(f"no Label Studio project titled {title!r}")
    return pull_tasks(export_tasks(client, project_id), gold_dir, corpus)


def add_to_split(names: Iterable[str], splits_file: Path, split: str) -> list[str]:
    """Add the reports that are in no split of `splits_file` to `split` (made if missing); the
    names added, in order. The file keeps its layout (one name a line) and its other keys."""
    splits = json.loads(Path(splits_file).read_text(encoding="utf8"))
    known = {name for files in splits.values() if isinstance(files, list) for name in files}
    added = sorted({name for name in names if name not in known})
    if not added:
        return []
    if not isinstance(splits.get(split, []), list):
        raise PullError(f"{splits_file}: {split!r} is not a split (a list of report files)")
    splits[split] = sorted([*splits.get(split, []), *added])
    scratch = Path(splits_file).with_suffix(".json.tmp")
    scratch.write_text(json.dumps(splits, ensure_ascii=False, indent=1) + "\n", encoding="utf8")
    scratch.replace(splits_file)
    return added
