"""What govie's components hand on along one Doc, and what a finished Doc carries.

While the pipeline runs, each Doc has one `DocState` (`doc.user_data["govie.state"]`): the
normalised text and its tokens (from the tokenizer), then sentences and sections (`govie_context`),
quantities (`govie_quantities`) and record drafts (`govie_assembler`, revised by `govie_relations`).
Each component adds its part and reads only what earlier ones added; `govie_cleanup` removes the
state at the end, since its objects are not serialisable.

A finished Doc carries, serialisable and documented in README:

- `doc._.records`: the records (`govie.records.Record`), original-text offsets;
- `doc._.record_spans`: per record, the spans of its value, INDICATOR and UNIT in the original text;
- `doc._.report_year`: the year the report plans for (set it before the pipeline runs to override);
- `doc._.sections`: the review and plan sections (`govie.pipeline.context.Section`), Doc offsets;
- `doc._.report`: title, session date, region, level and year read off the text (computed on access);
- `doc.ents` (INDICATOR, VALUE, UNIT from `govie_ner`) and `doc.spans["values"]`, `["units"]`
  (`govie_quantities`) and `["indicators"]` (the assembler's indicator phrases).
"""

from __future__ import annotations

from array import array
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..records import Record

if TYPE_CHECKING:  # the components' own types; this module sits below them
    from .context import Section
    from .quantities import Quantity

STATE_KEY = "govie.state"
RECORDS_KEY = "govie.records"
RECORD_SPANS_KEY = "govie.record_spans"
SECTIONS_KEY = "govie.sections"
OFFSETS_KEY = "govie.offsets"


@dataclass
class Draft:
    """A record while the pipeline decides it: Doc (normalised) offsets, and the spans it came from."""

    indicator: str
    indicator_id: str | None
    value: float
    unit: str
    measure: str
    role: str
    bound: str
    tier: str | None
    year: int | None
    start: int
    end: int
    evidence: str
    quantity: Quantity | None = field(default=None, repr=False)
    indicator_start: int | None = None
    indicator_end: int | None = None
    unit_start: int | None = None
    unit_end: int | None = None
    period: str = "year"
    year_start: int | None = None
    # Read whole by a rule from a construction the rules know exactly (the shares of a three-sector
    # ratio): `govie_relations` keeps it as it is.
    settled: bool = False
    # The indicator was restored by a rule from a list the value is distributed over (`分别`): the
    # relation model keeps it and decides the rest.
    listed: bool = False
    # Read as the end year's figure only because nothing in its passage adds the years up (a headline
    # flow in a five-year review, `累计` with no start): the report's other figures of the indicator
    # decide (`sum_totals_by_size`). The first year it covers if it is a total.
    total_by_size: bool = False
    total_start: int | None = None
    # Made a total by `sum_totals_by_size`, which undoes it when it decides again on other ids.
    summed_by_size: bool = False


@dataclass(frozen=True)
class RecordSpans:
    """Where a record's parts are written in the original text; None where not written."""

    value: tuple[int, int]
    indicator: tuple[int, int] | None
    unit: tuple[int, int] | None


@dataclass
class DocState:
    text: str
    words: list[str]
    spaces: list[bool]
    # One segmentation, two views: `sentences` as the text's sentences (the assembler's evidence), and
    # `doc_sentences` as `doc.sents` spans them, from one sentence start to the next token that starts
    # one (the NER's units and the relation model's contexts).
    sentences: list[tuple[int, int]] = field(default_factory=list)
    doc_sentences: list[tuple[int, int]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    # The report's level read off the text (`county`, `city`…; "" when none), once a component asked.
    report_level: str | None = None


class MissingStateError(ValueError):
    """A govie component ran on a Doc that govie's tokenizer did not make, or after cleanup."""


def doc_state(doc: Doc) -> DocState:
    state = doc.user_data.get(STATE_KEY)
    if state is None:
        raise MissingStateError(
            "this Doc has no govie state: make it with the govie pipeline's tokenizer (nlp.make_doc), "
            "and run govie's components before govie_cleanup"
        )
    return state


def has_state(doc: Doc) -> bool:
    return STATE_KEY in doc.user_data


def doc_offsets(doc: Doc) -> array:
    """The map from each character of the Doc's text to the original input (len(text) + 1 entries)."""
    raw = doc.user_data.get(OFFSETS_KEY)
    if raw is None:
        return array("l", range(len(doc.text) + 1))
    offsets = array("l")
    offsets.frombytes(raw)
    return offsets


def original_span(offsets: array, start: int | None, end: int | None) -> tuple[int, int] | None:
    """A Doc span in original offsets; None for a missing or empty span."""
    if start is None or end is None or end <= start:
        return None
    return offsets[start], offsets[end - 1] + 1


def publish(doc: Doc, drafts: list[Draft]) -> None:
    """The drafts as the Doc's records and record spans, in original offsets."""
    offsets = doc_offsets(doc)
    records, spans = [], []
    for draft in drafts:
        value_span = original_span(offsets, draft.start, draft.end)
        assert value_span is not None
        record = Record(
            indicator=draft.indicator,
            indicator_id=draft.indicator_id,
            value=float(draft.value),
            unit=draft.unit,
            measure=draft.measure,  # type: ignore[arg-type]
            role=draft.role,  # type: ignore[arg-type]
            bound=draft.bound,  # type: ignore[arg-type]
            tier=draft.tier,  # type: ignore[arg-type]
            year=draft.year,
            period=draft.period,  # type: ignore[arg-type]
            year_start=draft.year_start,
            start=value_span[0],
            end=value_span[1],
            evidence=draft.evidence,
        )
        records.append(record.to_dict())
        spans.append(
            {
                "value": list(value_span),
                "indicator": _listed(original_span(offsets, draft.indicator_start, draft.indicator_end)),
                "unit": _listed(original_span(offsets, draft.unit_start, draft.unit_end)),
            }
        )
    doc.user_data[RECORDS_KEY] = records
    doc.user_data[RECORD_SPANS_KEY] = spans


def _listed(span: tuple[int, int] | None) -> list[int] | None:
    return list(span) if span is not None else None


def _records(doc: Doc) -> list[Record]:
    return [Record.from_dict(item) for item in doc.user_data.get(RECORDS_KEY, [])]


def _record_spans(doc: Doc) -> list[RecordSpans]:
    def pair(value):
        return tuple(value) if value is not None else None

    return [RecordSpans(tuple(s["value"]), pair(s["indicator"]), pair(s["unit"])) for s in doc.user_data.get(RECORD_SPANS_KEY, [])]


def _sections(doc: Doc) -> list[Section]:
    from .context import Section

    return [Section(*item) for item in doc.user_data.get(SECTIONS_KEY, [])]


def _report(doc: Doc):
    from .metadata import read_metadata

    return read_metadata(doc.text, report_year=doc._.report_year)


def register_extensions() -> None:
    extensions = {
        "records": {"getter": _records},
        "record_spans": {"getter": _record_spans},
        "sections": {"getter": _sections},
        "report": {"getter": _report},
        "report_year": {"default": None},
    }
    for name, kwargs in extensions.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **kwargs)


def section_rows(sections: list[Section]) -> list[list]:
    return [list(asdict(section).values()) for section in sections]


register_extensions()
