"""govie's spaCy pipeline, one module per step in the order the data goes through them:

    tokenizer   normalise (`normalize.py`), keep the offset map, segment; owns the lexicon
    context     report year, sections, sentences                      govie_context
    quantities  numbers with unit, bound, range or exclusion          govie_quantities
    ner         INDICATOR / VALUE / UNIT entities on clause units     govie_ner (trained)
    assembler   rules: quantities to record drafts                    govie_assembler
    relations   trained relation/role model revises the drafts       govie_relations (trained)
    cleanup     drops the per-Doc state (`state.py`)                  govie_cleanup

`metadata.py` reads a report's title, date, region and level off its text (`doc._.report`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from . import assembler, cleanup, context, ner, quantities, relations, tokenizer  # noqa: F401  (register the factories)
from .relations import RelationModel

PACKAGED_MODEL = "model"


def rules_config() -> Config:
    return Config().from_str(resources.files("govie").joinpath("pipeline", "rules.cfg").read_text(encoding="utf8"))


def build_rules_pipeline() -> Language:
    """The rule pipeline, from `govie/pipeline/rules.cfg`."""
    return spacy.util.load_model_from_config(rules_config(), auto_fill=True, validate=True)


def build_pipeline(
    ner_source: Language | None = None, relation_model: RelationModel | None = None, keep_threshold: float = 0.5
) -> Language:
    """The rule pipeline with the trained parts added: `govie_ner` sourced from `ner_source` (a
    pipeline that `spacy train` made from configs/ner.cfg) before the assembler, and `govie_relations`
    with `relation_model` after it."""
    nlp = build_rules_pipeline()
    if ner_source is not None:
        # The NER learned on the tokens of its own tables: the pipeline keeps those tables.
        nlp.tokenizer.from_bytes(ner_source.tokenizer.to_bytes())
        nlp.add_pipe("govie_ner", source=ner_source, before="govie_assembler")
    if relation_model is not None:
        relations_pipe = nlp.add_pipe("govie_relations", after="govie_assembler", config={"keep_threshold": keep_threshold})
        relations_pipe.relation_model = relation_model
    return nlp


def packaged_model_path() -> Path | None:
    path = Path(str(resources.files("govie").joinpath(PACKAGED_MODEL)))
    return path if (path / "config.cfg").exists() else None


def load_pipeline(path: str | Path | None = None, **overrides: Any) -> Language:
    """A pipeline from `path`, else the trained one shipped in the package, else the rule pipeline;
    `overrides` go to `spacy.load` (vocab, disable, enable, exclude, config)."""
    if path is not None:
        path = Path(path)
        if not (path / "config.cfg").exists():
            raise FileNotFoundError(f"no spaCy pipeline at {path} (config.cfg missing)")
        return spacy.load(path, **overrides)
    packaged = packaged_model_path()
    if packaged is not None:
        return spacy.load(packaged, **overrides)
    return build_rules_pipeline()


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The pipeline `govie.extract` uses, loaded once per process."""
    return load_pipeline()


def make_doc(nlp: Language, text: str, report_year: int | None = None) -> Doc:
    """The Doc of one report for `nlp`, with its report year when the caller knows it."""
    if not isinstance(text, str):
        raise TypeError(f"govie extracts from str, not {type(text).__name__}")
    doc = nlp.make_doc(text)
    if report_year is not None:
        doc._.report_year = int(report_year)
    return doc
