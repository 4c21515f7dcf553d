"""The public entry points: load the pipeline once, extract records from texts."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .components.extensions import RECORDS_KEY
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
    """Records of each text in order, streamed: through `nlp.pipe` in this process, or with
    `n_process` > 1 in worker processes that each load the pipeline once."""
    if n_process > 1:
        yield from _extract_in_processes(texts, report_year, batch_size, n_process)
        return
    nlp = load()
    docs = (_make_doc(nlp, text, report_year) for text in texts)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield list(doc._.records)


def _extract_in_processes(texts: Iterable[str], report_year: int | None, batch_size: int, n_process: int) -> Iterator[list[Record]]:
    """Batches of texts go to the workers and only their records come back: `nlp.pipe(n_process=)`
    sends whole Docs back and tokenises in the parent, which left the second core half idle. A
    window of two batches per worker keeps the order, the memory bounded and every worker busy."""
    # Spawned, not forked: a fork copies locks that another thread of the caller (a progress bar,
    # a memory sampler) may hold, and the worker then hangs. Scripts calling this need the usual
    # `if __name__ == "__main__":` guard.
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker, initargs=(os.getpid(),)
    )
    pending: deque[Future] = deque()
    remaining = iter(texts)
    batches = iter(lambda: list(islice(remaining, batch_size)), [])
    try:
        for batch in batches:
            pending.append(pool.submit(_records_of_batch, batch, report_year))
            while len(pending) >= 2 * n_process:
                yield from _as_records(pending.popleft().result())
        while pending:
            yield from _as_records(pending.popleft().result())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _start_worker(parent: int) -> None:
    load()
    # A worker whose parent was killed (SIGKILL, SIGTERM) would otherwise wait for work forever.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _records_of_batch(texts: list[str], report_year: int | None) -> list[list[dict]]:
    nlp = load()
    docs = (_make_doc(nlp, text, report_year) for text in texts)
    return [doc.user_data.get(RECORDS_KEY, []) for doc in nlp.pipe(docs, batch_size=len(texts))]


def _as_records(batch: list[list[dict]]) -> Iterator[list[Record]]:
    for records in batch:
        yield [Record.from_dict(item) for item in records]


def _make_doc(nlp: Language, text: str, report_year: int | None) -> Doc:
    if not isinstance(text, str):
        raise TypeError(f"govie extracts from str, not {type(text).__name__}")
    doc = nlp.make_doc(text)
    if report_year is not None:
        doc._.report_year = int(report_year)
    return doc
