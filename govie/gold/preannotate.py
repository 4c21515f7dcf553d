"""The model's output as gold rows (corpus/GUIDELINE.md): every number of a report, the pipeline's
records with their INDICATOR and UNIT spans, and the exclusions. Annotators correct these rows, in
`training/review.py` or in Label Studio (`govie annotate push`), instead of starting from nothing."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.language import Language

from ..pipeline import default_pipeline
from ..pipeline.state import RecordSpans, doc_offsets, doc_state
from ..records import Record
from . import NUMBER_RE, GoldDocument, GoldRow, sha256_text

# The note on a number the rules could not decide on (`X other`): the annotator must look at it.
CHECK_NOTE = "check"


def format_value(number: float) -> str:
    """A value as the gold TSV writes it: `6` rather than `6.0`, `571.02` as written."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _opt(value: object) -> str:
    return "" if value is None else str(value)


def preannotate(text: str, file_name: str, nlp: Language | None = None) -> GoldDocument:
    """The pipeline's reading of one report as a gold document; `nlp` defaults to the shipped one."""
    nlp = nlp if nlp is not None else default_pipeline()
    doc = nlp.make_doc(text)
    # The components run one by one so that the quantities (numbers the rules set aside, with their
    # reasons) are read before govie_cleanup drops the state.
    for name, component in nlp.pipeline:
        if name == "govie_cleanup":
            quantities = doc_state(doc).quantities
        doc = component(doc)
    offsets = doc_offsets(doc)
    rows = [record_row(text, record, spans) for record, spans in zip(doc._.records, doc._.record_spans)]
    covered = [(r.start, r.end) for r in rows]
    for quantity in quantities:
        start, end = offsets[quantity.start], offsets[quantity.number_end - 1] + 1
        if any(s < end and start < e for s, e in covered) or not NUMBER_RE.search(text, start, end):
            # Chinese numerals that make no record (第一, 三项) are not listed (GUIDELINE.md).
            continue
        reason, note = (quantity.excluded, "") if quantity.excluded else ("other", f"{CHECK_NOTE}: rules made no record")
        rows.append(GoldRow(start=start, end=end, number=text[start:end], decision="X", reason=reason, note=note))
        covered.append((start, end))
    for match in NUMBER_RE.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in covered):
            reason = "not body" if _outside_body(offsets, match.start()) else "other"
            rows.append(
                GoldRow(
                    start=match.start(),
                    end=match.end(),
                    number=match.group(),
                    decision="X",
                    reason=reason,
                    note="" if reason == "not body" else CHECK_NOTE,
                )
            )
    rows.sort(key=lambda r: (r.start, r.end))
    return GoldDocument(file=file_name, sha256=sha256_text(text), report_year=doc._.report_year, rows=rows, meta={"status": "preannotated"})


def record_row(text: str, record: Record, spans: RecordSpans) -> GoldRow:
    """One record of the pipeline with its spans (`doc._.record_spans`) as an `R` row."""
    indicator = spans.indicator or (None, None)
    unit = spans.unit or (None, None)
    return GoldRow(
        start=record.start,
        end=record.end,
        number=text[record.start : record.end],
        decision="R",
        indicator=record.indicator,
        indicator_id=record.indicator_id or "",
        value=format_value(record.value),
        unit=record.unit,
        measure=record.measure,
        role=record.role,
        bound=record.bound,
        tier=record.tier or "",
        year=_opt(record.year),
        period=record.period,
        year_start=_opt(record.year_start),
        ind_start=_opt(indicator[0]),
        ind_end=_opt(indicator[1]),
        unit_start=_opt(unit[0]),
        unit_end=_opt(unit[1]),
    )


def _outside_body(offsets: Sequence[int], original_position: int) -> bool:
    """True when normalisation dropped this character (front matter, chrome, markup)."""
    index = bisect.bisect_left(offsets, original_position)
    return index >= len(offsets) - 1 or offsets[index] != original_position
