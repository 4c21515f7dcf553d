"""The public entry points: load the pipeline once, extract records from texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language

from .output import records_frame
from .pipeline import default_pipeline, load_pipeline
from .records import Record
from .runner.processes import extract_text, extract_texts

if TYPE_CHECKING:
    import pandas as pd


def load(path: str | Path | None = None, **overrides: Any) -> Language:
    """The spaCy pipeline; its Docs carry `doc._.records`. Without `path`, the one shipped in the
    package. `overrides` go to `spacy.load`, which is also how `spacy.load("govie")` arrives here."""
    if path is None and not overrides:
        return default_pipeline()
    return load_pipeline(path, **overrides)


def extract(text: str, *, report_year: int | None = None) -> list[Record]:
    """Records of one report text; `report_year` overrides the year inferred from the text."""
    return extract_text(text, report_year=report_year)


def to_frame(records: Iterable[Record], file: str | None = None) -> pd.DataFrame:
    """Records as a pandas DataFrame: the contract's fields as typed columns, in its order (and
    `file` when given); the types are those of govie's table outputs (`govie.output.COLUMN_TYPES`)."""
    rows = [record.to_dict() | ({"file": file} if file is not None else {}) for record in records]
    return records_frame(rows, with_file=file is not None)


def extract_many(
    texts: Iterable[str],
    *,
    report_year: int | None = None,
    batch_size: int = 8,
    n_process: int = 1,
) -> Iterator[list[Record]]:
    """Records of each text in order, streamed: through `nlp.pipe` in this process, or with
    `n_process` > 1 in worker processes that each load the pipeline once."""
    yield from extract_texts(texts, report_year=report_year, batch_size=batch_size, n_process=n_process)
