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
from itertools import islice

from ..pipeline import default_pipeline, make_doc
from ..pipeline.state import RECORDS_KEY
from ..records import Record


def extract_texts(
    texts: Iterable[str], *, report_year: int | None = None, batch_size: int = 8, n_process: int = 1
) -> Iterator[list[Record]]:
    """Records of each text in order, streamed: through `nlp.pipe` in this process, or with
    `n_process` > 1 in worker processes that each load the pipeline once."""
    if n_process > 1:
        yield from extract_in_processes(texts, report_year, batch_size, n_process)
        return
    nlp = default_pipeline()
    docs = (make_doc(nlp, text, report_year) for text in texts)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield list(doc._.records)


def extract_text(text: str, *, report_year: int | None = None) -> list[Record]:
    """Records of one text, in this process."""
    nlp = default_pipeline()
    return list(nlp(make_doc(nlp, text, report_year))._.records)


def extract_in_processes(texts: Iterable[str], report_year: int | None, batch_size: int, n_process: int) -> Iterator[list[Record]]:
    """Records of each text in order, computed by `n_process` spawned workers."""
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
    default_pipeline()
    # A worker whose parent was killed (SIGKILL, SIGTERM) would otherwise wait for work forever.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _records_of_batch(texts: list[str], report_year: int | None) -> list[list[dict]]:
    nlp = default_pipeline()
    docs = (make_doc(nlp, text, report_year) for text in texts)
    return [doc.user_data.get(RECORDS_KEY, []) for doc in nlp.pipe(docs, batch_size=len(texts))]


def _as_records(batch: list[list[dict]]) -> Iterator[list[Record]]:
    for records in batch:
        yield [Record.from_dict(item) for item in records]
