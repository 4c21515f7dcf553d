"""`govie_quantities`: numbers with unit, bound and range, as VALUE and UNIT spans."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..quantities import find_quantities
from ..tokenizer import doc_text
from .extensions import QUANTITIES_KEY


class QuantityComponent:
    def __init__(self, name: str, *, values_key: str, units_key: str) -> None:
        self.name = name
        self.values_key = values_key
        self.units_key = units_key

    def __call__(self, doc: Doc) -> Doc:
        quantities = find_quantities(doc_text(doc))
        doc.user_data[QUANTITIES_KEY] = quantities
        values: list[Span] = []
        units: list[Span] = []
        for quantity in quantities:
            if quantity.excluded:
                continue
            value_span = doc.char_span(quantity.start, quantity.number_end, label="VALUE", alignment_mode="expand")
            if value_span is not None:
                values.append(value_span)
            if quantity.unit_start is not None:
                unit_span = doc.char_span(quantity.unit_start, quantity.unit_end, label="UNIT", alignment_mode="expand")
                if unit_span is not None:
                    units.append(unit_span)
        doc.spans[self.values_key] = values
        doc.spans[self.units_key] = units
        return doc


@Language.factory("govie_quantities", default_config={"values_key": "values", "units_key": "units"})
def make_quantities(nlp: Language, name: str, values_key: str, units_key: str) -> QuantityComponent:
    return QuantityComponent(name, values_key=values_key, units_key=units_key)
