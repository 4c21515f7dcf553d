"""The public entry points: load the pipeline once, extract records from texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from .pipeline import default_pipeline, load_pipeline
from .records import FIELD_NAMES, Record
from .runner.processes import extract_text, extract_texts


def load(path: str | Path | None = None, **overrides: Any) -> Language:
    """The spaCy pipeline; its Docs carry `doc._.records`. Without `path`, the one shipped in the
    package. `overrides` go to `spacy.load`, which is also how `spacy.load("govie")` arrives here."""
    if path is None and not overrides:
        return default_pipeline()
    return load_pipeline(path, **overrides)


def extract(text: str, *, report_year: int | None = None) -> list[Record]:
    """Records of one report text; `report_year` overrides the year inferred from the text."""
    return extract_text(text, report_year=report_year)


# Column types of a records table: nullable integers and strings where a field may be empty.
FRAME_TYPES: dict[str, str] = {
    "indicator": "string", "indicator_id": "string", "value": "float64", "unit": "string", "measure": "category",
    "role": "category", "bound": "category", "tier": "category", "year": "Int64", "period": "category",
    "year_start": "Int64", "start": "int64", "end": "int64", "evidence": "string", "file": "string",
}  # fmt: skip


def to_frame(records: Iterable[Record], file: str | None = None):
    """Records as a pandas DataFrame: the contract's fields as typed columns, in its order (and
    `file` when given)."""
    import pandas as pd

    rows = [record.to_dict() | ({"file": file} if file is not None else {}) for record in records]
    columns = [*FIELD_NAMES, *(["file"] if file is not None else [])]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({name: FRAME_TYPES[name] for name in columns})


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
