"""`govie_context`: the report's year, its review and plan sections, and sentence boundaries."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..context import find_sections, infer_report_year, sentence_spans
from ..tokenizer import doc_text
from .extensions import SECTIONS_KEY


class ContextComponent:
    def __init__(self, name: str, *, set_sentences: bool) -> None:
        self.name = name
        self.set_sentences = set_sentences

    def __call__(self, doc: Doc) -> Doc:
        if doc._.report_year is None:
            doc._.report_year = infer_report_year(doc_text(doc))
        doc.user_data[SECTIONS_KEY] = find_sections(doc_text(doc), doc._.report_year)
        if self.set_sentences and len(doc):
            self._set_sentence_starts(doc)
        return doc

    @staticmethod
    def _set_sentence_starts(doc: Doc) -> None:
        starts = numpy.fromiter((start for start, _ in sentence_spans(doc_text(doc))), dtype="int64")
        token_starts = doc.to_array("IDX").astype("int64")
        flags = numpy.where(numpy.isin(token_starts, starts), 1, -1)
        flags[0] = 1
        # Token by token (token.is_sent_start) rescans the Doc each time; one array sets them all.
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))


@Language.factory("govie_context", default_config={"set_sentences": True})
def make_context(nlp: Language, name: str, set_sentences: bool) -> ContextComponent:
    return ContextComponent(name, set_sentences=set_sentences)
