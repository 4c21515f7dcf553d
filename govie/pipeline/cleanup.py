"""`govie_cleanup`: the last step. It removes the per-Doc state the components handed on (its
objects are not serialisable), in the manner of spaCy's `doc_cleaner`; what a finished Doc keeps is
listed in `govie/pipeline/state.py`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import STATE_KEY


class Cleanup:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data.pop(STATE_KEY, None)
        return doc


@Language.factory("govie_cleanup", requires=["doc._.records"])
def make_cleanup(nlp: Language, name: str) -> Cleanup:
    return Cleanup(name)
