"""Assembling the trained pipeline: the rule pipeline with the NER and the relation/role model added."""

from __future__ import annotations

from spacy.language import Language

from .linker import LinkerModel, NerHeuristicLinker
from .pipeline import build_rules_pipeline


def build_pipeline(ner_model: Language | None = None, linker_model: LinkerModel | NerHeuristicLinker | None = None) -> Language:
    """Rules, then the sentence NER before the assembler, then the linker after it."""
    nlp = build_rules_pipeline()
    if ner_model is not None:
        nlp.add_pipe("govie_ner", before="govie_records").set_model(ner_model)
    if linker_model is not None or ner_model is not None:
        nlp.get_pipe("govie_records").keep_intermediate = True
        # keep_intermediate is a setting of the component's config too, so a saved pipeline keeps it.
        nlp.config["components"]["govie_records"]["keep_intermediate"] = True
        linker = nlp.add_pipe("govie_linker", after="govie_records")
        if linker_model is not None:
            linker.set_model(linker_model)
    return nlp
