"""`govie_records`: the assembler that turns quantities in their context into the contract's records."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..assemble import RawRecord, assemble
from ..context import find_sections
from ..records import Record
from ..tokenizer import TRANSIENT_KEYS, doc_offsets, doc_text
from .extensions import LINKS_KEY, QUANTITIES_KEY, RECORDS_KEY, SECTIONS_KEY


class RecordAssembler:
    def __init__(self, name: str, *, indicators_key: str, keep_intermediate: bool) -> None:
        self.name = name
        self.indicators_key = indicators_key
        self.keep_intermediate = keep_intermediate

    def __call__(self, doc: Doc) -> Doc:
        quantities = doc.user_data.get(QUANTITIES_KEY)
        if quantities is None:
            raise ValueError("govie_records needs govie_quantities earlier in the pipeline")
        sections = doc.user_data.get(SECTIONS_KEY) or find_sections(doc_text(doc), doc._.report_year)
        raw_records = assemble(doc_text(doc), quantities, sections, doc._.report_year)
        offsets = doc_offsets(doc)
        doc.user_data[RECORDS_KEY] = [self._to_record(raw, offsets).to_dict() for raw in raw_records]
        doc.user_data[LINKS_KEY] = [self._links(raw, offsets) for raw in raw_records]
        spans = []
        for raw in raw_records:
            if raw.indicator_start is not None:
                span = doc.char_span(raw.indicator_start, raw.indicator_end, label="INDICATOR", alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[self.indicators_key] = spans
        if not self.keep_intermediate:
            # Quantities and sections are plain Python objects: dropping them keeps the Doc serialisable.
            doc.user_data.pop(QUANTITIES_KEY, None)
            doc.user_data.pop(SECTIONS_KEY, None)
            for key in TRANSIENT_KEYS:
                doc.user_data.pop(key, None)
        return doc

    @staticmethod
    def _links(raw: RawRecord, offsets) -> dict[str, int | None]:
        """The record's INDICATOR and UNIT spans in original offsets (None where not written)."""

        def span(start: int | None, end: int | None) -> tuple[int | None, int | None]:
            if start is None or end is None or end <= start:
                return None, None
            return offsets[start], offsets[end - 1] + 1

        quantity = raw.quantity
        ind_start, ind_end = span(raw.indicator_start, raw.indicator_end)
        unit_start, unit_end = span(quantity.unit_start, quantity.unit_end) if quantity else (None, None)
        return {
            "ind_start": ind_start,
            "ind_end": ind_end,
            "unit_start": unit_start,
            "unit_end": unit_end,
            # The same in the Doc's own (normalised) offsets, for components that run after this one.
            "value_norm": [raw.start, raw.end],
            "ind_norm": [raw.indicator_start, raw.indicator_end] if raw.indicator_start is not None else None,
        }

    @staticmethod
    def _to_record(raw: RawRecord, offsets) -> Record:
        start = offsets[raw.start]
        end = offsets[raw.end - 1] + 1
        return Record(
            indicator=raw.indicator,
            indicator_id=raw.indicator_id,
            value=float(raw.value),
            unit=raw.unit,
            measure=raw.measure,  # type: ignore[arg-type]
            role=raw.role,  # type: ignore[arg-type]
            bound=raw.bound,  # type: ignore[arg-type]
            tier=raw.tier,  # type: ignore[arg-type]
            year=raw.year,
            start=start,
            end=end,
            evidence=raw.evidence,
        )


@Language.factory("govie_records", default_config={"indicators_key": "indicators", "keep_intermediate": False})
def make_records(nlp: Language, name: str, indicators_key: str, keep_intermediate: bool) -> RecordAssembler:
    return RecordAssembler(name, indicators_key=indicators_key, keep_intermediate=keep_intermediate)
