"""`govie_ner`: spaCy's EntityRecognizer (INDICATOR, VALUE, UNIT), run on the clauses that hold a
number the relation model may keep (`ner_units`), which is where records are and a fifth of a
report's text; its entities are the Doc's `doc.ents`.

Why a subclass and not spaCy's `ner` as it is: running on a fifth of the text is what keeps govie at
its throughput, and the model is trained on the same units. Everything else is spaCy's own: the
model, `spacy train`, serialisation, labels in the meta, sourcing, freezing and the `ents` scorer.
On a Doc that govie_context and govie_quantities did not prepare (a training unit) it tags the
whole Doc.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from spacy.language import Language
from spacy.ml.models.multi_task import build_masked_language_model, get_characters_loss
from spacy.pipeline import EntityRecognizer
from spacy.pipeline.ner import DEFAULT_NER_MODEL
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import LayerNorm, Maxout, Model, MultiSoftmax, chain

from .quantities import FINAL_EXCLUSIONS
from .state import doc_state, has_state
from .tokenizer import doc_words

NER_LABELS = ("INDICATOR", "VALUE", "UNIT")
# A clause ends at these; a colon does not end one, since `城镇新增就业：3万人` names its indicator before it.
CLAUSE_END = re.compile(r"[，；。！？,;!?\n]")


def ner_units(doc: Doc) -> list[Span]:
    """Where the NER runs and trains: the clauses that hold a number the relation model may keep,
    adjacent ones of a sentence joined (`收入120亿元，增长5%` is one unit). `doc` needs
    govie_context and govie_quantities."""
    state = doc_state(doc)
    starts = sorted(q.start for q in state.quantities if q.excluded not in FINAL_EXCLUSIONS)
    text = state.text
    units: list[tuple[int, int]] = []
    for sentence_start, sentence_end in state.doc_sentences:
        first = bisect.bisect_left(starts, sentence_start)
        if first == len(starts) or starts[first] >= sentence_end:
            continue
        clause_start = sentence_start
        unit: tuple[int, int] | None = None
        ends = [m.end() for m in CLAUSE_END.finditer(text, sentence_start, sentence_end)]
        for clause_end in ends + ([sentence_end] if not ends or ends[-1] < sentence_end else []):
            index = bisect.bisect_left(starts, clause_start)
            if index < len(starts) and starts[index] < clause_end:
                unit = (unit[0], clause_end) if unit else (clause_start, clause_end)
            elif unit:
                units.append(unit)
                unit = None
            clause_start = clause_end
        if unit:
            units.append(unit)
    spans = (doc.char_span(start, end, alignment_mode="expand") for start, end in units)
    return [span for span in spans if span is not None and len(span)]


class ClauseEntityRecognizer(EntityRecognizer):
    """spaCy's EntityRecognizer over the clause units of a govie Doc; see the module docstring."""

    def __init__(self, vocab, model: Model, name: str = "govie_ner", *, unit_batch_size: int = 256, **kwargs) -> None:
        super().__init__(vocab, model, name=name, **kwargs)
        self.unit_batch_size = unit_batch_size

    def __call__(self, doc: Doc) -> Doc:
        # A Doc that did not go through govie_context and govie_quantities (a DocBin unit, or
        # govie's tokenizer alone as `spacy train` uses it) is one unit.
        if not has_state(doc) or not doc_state(doc).sentences:
            return super().__call__(doc)
        units = ner_units(doc)
        # Span.as_doc() converts the whole Doc to an array for every unit; a Doc built from the
        # unit's token texts costs only its own tokens.
        words, spaces = doc_words(doc)
        unit_docs = (Doc(doc.vocab, words=words[u.start : u.end], spaces=spaces[u.start : u.end]) for u in units)
        entities: list[Span] = []
        for unit, predicted in zip(units, EntityRecognizer.pipe(self, unit_docs, batch_size=self.unit_batch_size)):
            for ent in predicted.ents:
                entities.append(Span(doc, unit.start + ent.start, unit.start + ent.end, label=ent.label_))
        doc.set_ents(entities, default="outside")
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


@Language.factory(
    "govie_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    requires=["token.is_sent_start"],
    default_config={
        "moves": None,
        "update_with_oracle_cut_size": 100,
        "model": DEFAULT_NER_MODEL,
        "incorrect_spans_key": None,
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
        "unit_batch_size": 256,
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_govie_ner(
    nlp: Language,
    name: str,
    model: Model,
    moves,
    update_with_oracle_cut_size: int,
    incorrect_spans_key: str | None,
    scorer: Callable | None,
    unit_batch_size: int,
) -> ClauseEntityRecognizer:
    return ClauseEntityRecognizer(
        nlp.vocab,
        model,
        name=name,
        moves=moves,
        update_with_oracle_cut_size=update_with_oracle_cut_size,
        incorrect_spans_key=incorrect_spans_key,
        scorer=scorer,
        unit_batch_size=unit_batch_size,
    )


@registry.architectures("govie.PretrainCharacters.v1")
def create_pretrain_characters(maxout_pieces: int, hidden_size: int, n_characters: int) -> Callable[[Vocab, Model], Model]:
    """`spacy pretrain`'s characters objective (predict each token's first and last characters with
    the token masked) for the NER's own tok2vec. The parser model's `tok2vec` reference is spaCy's
    tok2vec chained to the projection onto the hidden layer, which returns one array for the batch
    rather than one per Doc; spaCy's own objective expects the latter. This one reads the batch
    array, so `spacy pretrain` with `component = "govie_ner"`, `layer = "tok2vec"` pretrains the
    projection too, and `spacy train --paths.init_tok2vec` loads the weights back in place."""

    def create_objective(vocab: Vocab, tok2vec: Model) -> Model:
        output_layer = chain(
            Maxout(nO=hidden_size, nP=maxout_pieces),
            LayerNorm(nI=hidden_size),
            MultiSoftmax([256] * n_characters, nI=hidden_size),
        )
        model = build_masked_language_model(vocab, chain(tok2vec, output_layer))
        model.set_ref("tok2vec", tok2vec)
        model.set_ref("output_layer", output_layer)
        model.attrs["loss"] = partial(get_characters_loss, nr_char=n_characters)
        return model

    return create_objective
