"""Assembling the trained pipeline: the rule pipeline with the NER and the relation/role model added."""

from __future__ import annotations

from spacy.language import Language

from .linker import LinkerModel, NerHeuristicLinker
from .pipeline import build_rules_pipeline


def build_pipeline(
    ner_model: Language | None = None,
    linker_model: LinkerModel | NerHeuristicLinker | None = None,
    keep_threshold: float = 0.5,
) -> Language:
    """Rules, then the sentence NER before the assembler, then the linker after it. Settings go
    through the components' configs, so that a pipeline saved to disk loads with the same ones."""
    trained = ner_model is not None or linker_model is not None
    nlp = build_rules_pipeline(keep_intermediate=trained)
    if ner_model is not None:
        nlp.add_pipe("govie_ner", before="govie_records").set_model(ner_model)
    if trained:
        linker = nlp.add_pipe("govie_linker", after="govie_records", config={"keep_threshold": keep_threshold})
        if linker_model is not None:
            linker.set_model(linker_model)
    return nlp
