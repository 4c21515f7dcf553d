"""`govie_context`: the report's year, its review and plan sections, and sentence boundaries."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..context import find_sections, infer_report_year, sentence_spans
from .extensions import SECTIONS_KEY


class ContextComponent:
    def __init__(self, name: str, *, set_sentences: bool) -> None:
        self.name = name
        self.set_sentences = set_sentences

    def __call__(self, doc: Doc) -> Doc:
        if doc._.report_year is None:
            doc._.report_year = infer_report_year(doc.text)
        doc.user_data[SECTIONS_KEY] = find_sections(doc.text, doc._.report_year)
        if self.set_sentences and len(doc):
            self._set_sentence_starts(doc)
        return doc

    @staticmethod
    def _set_sentence_starts(doc: Doc) -> None:
        starts = {start for start, _ in sentence_spans(doc.text)}
        flags = numpy.fromiter((1 if token.i == 0 or token.idx in starts else -1 for token in doc), dtype="int32", count=len(doc))
        # Setting token.is_sent_start one by one rescans the Doc each time; from_array sets all at once.
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))


@Language.factory("govie_context", default_config={"set_sentences": True})
def make_context(nlp: Language, name: str, set_sentences: bool) -> ContextComponent:
    return ContextComponent(name, set_sentences=set_sentences)
