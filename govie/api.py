"""The public entry points: load the pipeline once, extract records from texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .records import Record


@lru_cache(maxsize=1)
def _default_pipeline() -> Language:
    from .pipeline import load_pipeline

    return load_pipeline()


def load(path: str | None = None) -> Language:
    """The spaCy pipeline; its Docs carry `doc._.records`. Without `path`, the one shipped in the package."""
    if path is None:
        return _default_pipeline()
    from .pipeline import load_pipeline

    return load_pipeline(path)


def extract(text: str, *, report_year: int | None = None) -> list[Record]:
    """Records of one report text; `report_year` overrides the year inferred from the text."""
    nlp = load()
    return list(nlp(_make_doc(nlp, text, report_year))._.records)


def extract_many(
    texts: Iterable[str],
    *,
    report_year: int | None = None,
    batch_size: int = 8,
    n_process: int = 1,
) -> Iterator[list[Record]]:
    """Records of each text in order, streamed through `nlp.pipe`."""
    nlp = load()
    docs = (_make_doc(nlp, text, report_year) for text in texts)
    for doc in nlp.pipe(docs, batch_size=batch_size, n_process=n_process):
        yield list(doc._.records)


def _make_doc(nlp: Language, text: str, report_year: int | None) -> Doc:
    if not isinstance(text, str):
        raise TypeError(f"govie extracts from str, not {type(text).__name__}")
    doc = nlp.make_doc(text)
    if report_year is not None:
        doc._.report_year = int(report_year)
    return doc
