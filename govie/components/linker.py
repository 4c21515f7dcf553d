"""`govie_linker`: the trained relation/role model (govie/linker.py) applied to the rules' records."""

from __future__ import annotations

import pickle
from pathlib import Path

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..tokenizer import TRANSIENT_KEYS
from .extensions import QUANTITIES_KEY, SECTIONS_KEY

if TYPE_CHECKING:  # the model module imports the components package
    from ..linker import LinkerModel, NerHeuristicLinker

MODEL_FILE = "linker.pkl"


class Linker:
    def __init__(self, name: str, *, keep_threshold: float) -> None:
        self.name = name
        self.keep_threshold = keep_threshold
        self.model: "LinkerModel | NerHeuristicLinker | None" = None

    def set_model(self, model: "LinkerModel | NerHeuristicLinker") -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        if self.model is not None:
            self.model.keep_threshold = self.keep_threshold
            self.model.apply(doc)
        # The intermediate objects are not serialisable; the records are what the Doc keeps.
        doc.user_data.pop(QUANTITIES_KEY, None)
        doc.user_data.pop(SECTIONS_KEY, None)
        for key in TRANSIENT_KEYS:
            doc.user_data.pop(key, None)
        return doc

    def to_disk(self, path: str | Path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            # Our own model, written and read by this component only: pickle is the sklearn way.
            (path / MODEL_FILE).write_bytes(pickle.dumps(self.model))

    def from_disk(self, path: str | Path, *, exclude=tuple()) -> "Linker":
        model_file = Path(path) / MODEL_FILE
        if model_file.exists():
            self.model = pickle.loads(model_file.read_bytes())
        return self


@Language.factory("govie_linker", default_config={"keep_threshold": 0.5})
def make_linker(nlp: Language, name: str, keep_threshold: float) -> Linker:
    return Linker(name, keep_threshold=keep_threshold)
