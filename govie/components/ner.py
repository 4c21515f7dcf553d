"""`govie_ner`: a trained spaCy NER (INDICATOR, VALUE, UNIT) run only on the clauses that hold a
number (`ner_units`), which is where records are and a fifth of the text; its spans go to
`doc.spans["ner"]`."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..tokenizer import doc_words
from ..training_data import NER_LABELS, ner_units

MODEL_DIR = "ner_model"


class SentenceNER:
    def __init__(self, nlp: Language, name: str, *, spans_key: str, batch_size: int) -> None:
        self.name = name
        self.spans_key = spans_key
        self.batch_size = batch_size
        self.model: Language | None = None
        for label in NER_LABELS:
            nlp.vocab.strings.add(label)

    def set_model(self, model: Language) -> None:
        """The trained pipeline (tok2vec + ner) whose entities this component predicts."""
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            doc.spans[self.spans_key] = []
            return doc
        units = ner_units(doc)
        # Span.as_doc() converts the whole Doc to an array for every unit; building each unit's Doc
        # from the token texts costs only its own tokens.
        words, spaces = doc_words(doc)
        unit_docs = (Doc(doc.vocab, words=words[u.start : u.end], spaces=spaces[u.start : u.end]) for u in units)
        spans: list[Span] = []
        for unit, predicted in zip(units, self.model.pipe(unit_docs, batch_size=self.batch_size)):
            for ent in predicted.ents:
                spans.append(Span(doc, unit.start + ent.start, unit.start + ent.end, label=ent.label_))
        doc.spans[self.spans_key] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            self.model.to_disk(path / MODEL_DIR)

    def from_disk(self, path: str | Path, *, exclude=tuple()) -> "SentenceNER":
        model_path = Path(path) / MODEL_DIR
        if model_path.exists():
            self.model = spacy.load(model_path)
        return self


@Language.factory("govie_ner", default_config={"spans_key": "ner", "batch_size": 64})
def make_sentence_ner(nlp: Language, name: str, spans_key: str, batch_size: int) -> SentenceNER:
    return SentenceNER(nlp, name, spans_key=spans_key, batch_size=batch_size)
