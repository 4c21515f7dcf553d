"""Building and loading govie's spaCy pipeline."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from . import components  # noqa: F401  (registers the factories)
from . import tokenizer  # noqa: F401  (registers the tokenizer)

PACKAGED_MODEL = "model"


def rules_config() -> Config:
    return Config().from_str(resources.files("govie").joinpath("pipeline.cfg").read_text(encoding="utf8"))


def build_rules_pipeline(*, keep_intermediate: bool = False) -> Language:
    """The rule pipeline; `keep_intermediate` leaves the quantities and sections on the Doc for a
    component after the assembler (the trained relation model)."""
    config = rules_config()
    config["components"]["govie_records"]["keep_intermediate"] = keep_intermediate
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def packaged_model_path() -> Path | None:
    path = Path(str(resources.files("govie").joinpath(PACKAGED_MODEL)))
    return path if (path / "config.cfg").exists() else None


def load_pipeline(path: str | Path | None = None) -> Language:
    """A pipeline from `path`, else the trained one shipped in the package, else the rule pipeline."""
    if path is not None:
        path = Path(path)
        if not (path / "config.cfg").exists():
            raise FileNotFoundError(f"no spaCy pipeline at {path} (config.cfg missing)")
        return spacy.load(path)
    packaged = packaged_model_path()
    if packaged is not None:
        return spacy.load(packaged)
    return build_rules_pipeline()
