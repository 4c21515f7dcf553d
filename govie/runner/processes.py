"""Extraction of many texts, in this process or in worker processes. With workers, batches of texts go to the workers and only their records come
back. `nlp.pipe(n_process=)` sends whole Docs back and tokenises in the parent, which left the
second core half idle; a window of two batches per worker keeps the order, the memory bounded and
every worker busy."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc

from ..pipeline import default_pipeline, make_doc
from ..pipeline.metadata import report_summary
from ..pipeline.state import RECORDS_KEY
from ..records import Record


@dataclass
class Extraction:
    """What a run keeps of one report: its records, and with `with_report` its summary
    (`govie.pipeline.metadata.report_summary`)."""

    records: list[Record]
    report: dict | None = None


def extract_texts(
    texts: Iterable[str], *, report_year: int | None = None, batch_size: int = 8, n_process: int = 1
) -> Iterator[list[Record]]:
    """Records of each text in order, streamed: through `nlp.pipe` in this process, or with
    `n_process` > 1 in worker processes that each load the pipeline once."""
    for extraction in extract_reports(texts, report_year=report_year, batch_size=batch_size, n_process=n_process):
        yield extraction.records


def extract_reports(
    texts: Iterable[str], *, report_year: int | None = None, batch_size: int = 8, n_process: int = 1, with_report: bool = False
) -> Iterator[Extraction]:
    """`extract_texts`, with each report's summary when `with_report`."""
    if n_process > 1:
        yield from extract_in_processes(texts, report_year, batch_size, n_process, with_report)
        return
    nlp = default_pipeline()
    docs = (make_doc(nlp, text, report_year) for text in texts)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield Extraction(list(doc._.records), report_summary(doc) if with_report else None)


def extract_text(text: str, *, report_year: int | None = None) -> list[Record]:
    """Records of one text, in this process."""
    return extract_report(text, report_year=report_year).records


def extract_report(text: str, *, report_year: int | None = None, with_report: bool = False) -> Extraction:
    """`extract_text`, with the report's summary when `with_report`."""
    nlp = default_pipeline()
    doc = nlp(make_doc(nlp, text, report_year))
    return Extraction(list(doc._.records), report_summary(doc) if with_report else None)


def extract_in_processes(
    texts: Iterable[str], report_year: int | None, batch_size: int, n_process: int, with_report: bool = False
) -> Iterator[Extraction]:
    """Each text's extraction in order, computed by `n_process` spawned workers."""
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
            pending.append(pool.submit(_extract_batch, batch, report_year, with_report))
            while len(pending) >= 2 * n_process:
                yield from _as_extractions(pending.popleft().result())
        while pending:
            yield from _as_extractions(pending.popleft().result())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _start_worker(parent: int) -> None:
    default_pipeline()
    # A worker whose parent was killed (SIGKILL, SIGTERM) would otherwise wait for work forever.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _extract_batch(texts: list[str], report_year: int | None, with_report: bool) -> list[tuple[list[dict], dict | None]]:
    nlp = default_pipeline()
    docs = (make_doc(nlp, text, report_year) for text in texts)
    return [(doc.user_data.get(RECORDS_KEY, []), _summary(doc, with_report)) for doc in nlp.pipe(docs, batch_size=len(texts))]


def _summary(doc: Doc, with_report: bool) -> dict | None:
    return report_summary(doc) if with_report else None


def _as_extractions(batch: list[tuple[list[dict], dict | None]]) -> Iterator[Extraction]:
    for records, report in batch:
        yield Extraction([Record.from_dict(item) for item in records], report)
