"""Extraction of many texts, in this process or in worker processes.

With workers, batches of texts go to the workers and only their records come back:
`nlp.pipe(n_process=)` sends whole Docs back and tokenises in the parent, which left the second
core half idle. A window of two batches per worker keeps the order, the memory bounded and every
worker busy.

Any length works: a text longer than `MAX_PIECE` characters is processed in pieces cut at line
breaks, with offsets into the whole text. A time budget per text (`timeout`) ends the work on a
text that takes too long; the text is reported as failed and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice

from spacy.language import Language

from ..pipeline import default_pipeline, make_doc
from ..pipeline.context import bounded_spans
from ..pipeline.metadata import report_summary
from ..records import Record

# Pieces stay well below spaCy's max_length (1,000,000), and whole reports are far shorter.
MAX_PIECE = 400_000


class ExtractionTimeout(RuntimeError):
    """A text took longer than its time budget."""


@dataclass
class Extraction:
    """What a run keeps of one report: its records, with `with_report` its summary
    (`govie.pipeline.metadata.report_summary`), or why it failed (`error`)."""

    records: list[Record]
    report: dict | None = None
    error: str | None = None


def extract_texts(
    texts: Iterable[str], *, report_year: int | None = None, batch_size: int = 8, n_process: int = 1
) -> Iterator[list[Record]]:
    """Records of each text in order, streamed: in this process, or with `n_process` > 1 in
    worker processes that each load the pipeline once. A text that fails raises."""
    for extraction in extract_reports(texts, report_year=report_year, batch_size=batch_size, n_process=n_process, keep_errors=False):
        yield extraction.records


def extract_reports(
    texts: Iterable[str],
    *,
    report_year: int | None = None,
    batch_size: int = 8,
    n_process: int = 1,
    with_report: bool = False,
    timeout: float | None = None,
    keep_errors: bool = True,
) -> Iterator[Extraction]:
    """Each text's extraction in order. With `keep_errors`, a text that fails or runs out of its
    `timeout` (seconds) gives an Extraction with `error` and the others go on; else it raises."""
    if n_process > 1:
        yield from extract_in_processes(texts, report_year, batch_size, n_process, with_report, timeout, keep_errors)
        return
    nlp = default_pipeline()
    for text in texts:
        yield _guarded(nlp, text, report_year, with_report, timeout, keep_errors)


def extract_text(text: str, *, report_year: int | None = None) -> list[Record]:
    """Records of one text, in this process."""
    return extract_report(text, report_year=report_year).records


def extract_report(text: str, *, report_year: int | None = None, with_report: bool = False, timeout: float | None = None) -> Extraction:
    """`extract_text`, with the report's summary when `with_report`; raises when it fails."""
    return _guarded(default_pipeline(), text, report_year, with_report, timeout, keep_errors=False)


def text_pieces(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """`text` as (offset, piece) pairs of at most `limit` (MAX_PIECE) characters, cut after a line
    break where there is one in the second half of the piece, else at the limit (not inside a number)."""
    spans = bounded_spans(text, 0, len(text), limit or MAX_PIECE, "\n", str.isdigit)
    return [(start, text[start:end]) for start, end in spans]


def extract_one(nlp: Language, text: str, report_year: int | None = None, with_report: bool = False) -> Extraction:
    """The records of one text (in pieces when it is long); the report year of the first piece
    holds for the others."""
    records: list[Record] = []
    summaries: list[tuple[int, dict]] = []
    for offset, piece in text_pieces(text):
        doc = nlp(make_doc(nlp, piece, report_year))
        report_year = doc._.report_year
        records.extend(replace(r, start=r.start + offset, end=r.end + offset) if offset else r for r in doc._.records)
        if with_report:
            summaries.append((offset, report_summary(doc)))
    return Extraction(records, _merged(summaries) if with_report else None)


def _merged(summaries: list[tuple[int, dict]]) -> dict:
    """A long text's summary is its first piece's: the title, date and region are at its head."""
    return summaries[0][1]


def _guarded(nlp: Language, text: str, report_year: int | None, with_report: bool, timeout: float | None, keep_errors: bool) -> Extraction:
    if not isinstance(text, str):
        raise TypeError(f"govie extracts from str, not {type(text).__name__}")
    try:
        with time_limit(timeout):
            return extract_one(nlp, text, report_year, with_report)
    except ExtractionTimeout as error:
        if not keep_errors:
            raise
        return Extraction([], error=str(error))
    except Exception as error:  # one bad text must not end a run over thousands
        if not keep_errors:
            raise
        return Extraction([], error=f"{type(error).__name__}: {error}")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ExtractionTimeout in this block after `seconds` (none: no limit). Needs the main
    thread of its process (SIGALRM); elsewhere the block runs without a limit."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ExtractionTimeout(f"no result within {seconds:g} s (--timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_in_processes(
    texts: Iterable[str],
    report_year: int | None,
    batch_size: int,
    n_process: int,
    with_report: bool = False,
    timeout: float | None = None,
    keep_errors: bool = True,
) -> Iterator[Extraction]:
    """Each text's extraction in order, computed by `n_process` spawned workers."""
    # Spawned, not forked: a fork copies locks that another thread of the caller (a progress bar,
    # a memory sampler) may hold, and the worker then hangs. Scripts calling this need the usual
    # `if __name__ == "__main__":` guard.
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker, initargs=(os.getpid(),)
    )
    pending: deque[Future] = deque()
    finished = False
    remaining = iter(texts)
    batches = iter(lambda: list(islice(remaining, batch_size)), [])
    try:
        for batch in batches:
            pending.append(pool.submit(_extract_batch, batch, report_year, with_report, timeout, keep_errors))
            while len(pending) >= 2 * n_process:
                yield from _as_extractions(pending.popleft().result())
        while pending:
            yield from _as_extractions(pending.popleft().result())
        finished = True
    finally:
        # After the last result the workers are idle: wait for them, so that no pipe of the pool is
        # left for the interpreter's exit to write to ("Exception ignored … Bad file descriptor").
        # A run stopped early (an error, Ctrl-C) does not wait.
        pool.shutdown(wait=finished, cancel_futures=True)


def _start_worker(parent: int) -> None:
    default_pipeline()
    # A worker whose parent was killed (SIGKILL, SIGTERM) would otherwise wait for work forever.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _extract_batch(
    texts: list[str], report_year: int | None, with_report: bool, timeout: float | None, keep_errors: bool
) -> list[tuple[list[dict], dict | None, str | None]]:
    nlp = default_pipeline()
    results = []
    for text in texts:
        extraction = _guarded(nlp, text, report_year, with_report, timeout, keep_errors)
        results.append(([r.to_dict() for r in extraction.records], extraction.report, extraction.error))
    return results


def _as_extractions(batch: list[tuple[list[dict], dict | None, str | None]]) -> Iterator[Extraction]:
    for records, report, error in batch:
        yield Extraction([Record.from_dict(item) for item in records], report, error)
