"""Gold documents as spaCy training data: NER entities on govie's own tokens, and the links and
attributes of each gold record in normalised-text offsets."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..gold import GoldDocument, GoldRow
from ..pipeline.state import doc_offsets


@dataclass
class AlignedRow:
    """A gold row with its spans in the Doc's (normalised) character offsets; None where not in the Doc."""

    row: GoldRow
    value: tuple[int, int] | None
    indicator: tuple[int, int] | None
    unit: tuple[int, int] | None


def to_normalised(offsets: array, start: int, end: int) -> tuple[int, int] | None:
    """The normalised span covering the original [start, end); None when normalisation dropped it."""
    first = bisect.bisect_left(offsets, start, 0, len(offsets) - 1)
    last = bisect.bisect_left(offsets, end, 0, len(offsets) - 1)
    if first >= len(offsets) - 1 or last <= first:
        return None
    return first, last


def align_rows(doc: Doc, document: GoldDocument) -> list[AlignedRow]:
    offsets = doc_offsets(doc)
    aligned = []
    for row in document.rows:
        if not row.is_record:
            continue
        value = to_normalised(offsets, row.start, row.end)
        indicator = to_normalised(offsets, *row.indicator_span()) if row.indicator_span() else None
        unit = to_normalised(offsets, *row.unit_span()) if row.unit_span() else None
        aligned.append(AlignedRow(row, value, indicator, unit))
    return aligned


def entity_spans(doc: Doc, aligned: Iterable[AlignedRow]) -> list[Span]:
    """Non-overlapping NER spans; where a unit shares a token with its number (`6.7%`), the token is a VALUE."""
    spans: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    for item in aligned:
        for label, chars in (("VALUE", item.value), ("INDICATOR", item.indicator), ("UNIT", item.unit)):
            if chars is None:
                continue
            span = doc.char_span(chars[0], chars[1], label=label, alignment_mode="expand")
            if span is None or (span.start, span.end, label) in seen:
                continue
            seen.add((span.start, span.end, label))
            spans.append(span)
    priority = {"VALUE": 0, "INDICATOR": 1, "UNIT": 2}
    # filter_spans keeps the longest; on equal length the order given decides, so VALUE goes first.
    return filter_spans(sorted(spans, key=lambda s: priority[s.label_]))


def gold_docs(nlp: Language, documents: Iterable[tuple[GoldDocument, str]]) -> Iterator[tuple[Doc, GoldDocument, list[AlignedRow]]]:
    for document, text in documents:
        doc = nlp.make_doc(text)
        if document.report_year is not None:
            doc._.report_year = document.report_year
        yield doc, document, align_rows(doc, document)


def ner_doc(doc: Doc, aligned: list[AlignedRow]) -> Doc:
    """A copy of `doc` carrying the gold entities, for a DocBin."""
    annotated = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    ents = [Span(annotated, s.start, s.end, label=s.label_) for s in entity_spans(doc, aligned)]
    annotated.set_ents(ents, default="outside")
    return annotated


def unit_docs(annotated: Doc, units: Iterable[Span]) -> Iterator[Doc]:
    """The `units` (found on another Doc with the same tokens) as Docs of `annotated`, entities kept."""
    for unit in units:
        yield annotated[unit.start : unit.end].as_doc()
