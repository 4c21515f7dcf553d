"""The extraction runner behind `govie extract` and `govie panel`: reports read lazily, streamed
through the pipeline (this machine's processes or a Dask cluster), each file's records written as
soon as they come, with a progress bar, per-file failures reported and the run's outcome as an
exit code. Plain functions: the command line is a thin layer over them.

Exit codes: 0 all files done; 1 some file could not be read or extracted (the others are in the
output); 2 usage errors (bad paths, empty folder, an output that cannot be resumed); 130
interrupted with Ctrl-C (finished files are kept).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ..output import OutputFileError, completed_files, resumable_output
from ..reading import REPORT_SUFFIXES, ReportReadError, iter_report_paths, read_report
from .processes import Extraction, extract_report, extract_reports

EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# Seconds one report may take (a report takes about one; a 1,000,000-character text about ten).
DEFAULT_TIMEOUT = 120.0


class UsageError(ValueError):
    """A run that cannot start as asked (bad paths, nothing to read, an output that cannot be resumed)."""


@dataclass
class Options:
    report_year: int | None
    batch_size: int
    n_process: int
    fail_fast: bool
    engine: str = "spacy"
    scheduler: str | None = None
    # Also summarise each report (metadata, several-year paragraphs) for `govie panel`.
    with_report: bool = False
    # Seconds one report may take before it is reported as failed and the run goes on; None: no limit.
    timeout: float | None = None


@dataclass
class Run:
    """What happened so far, for the progress bar and the final messages."""

    total: int
    skipped: int
    quiet: bool
    output: Path | None
    files: int = 0
    records: int = 0
    failures: int = 0
    stopped: bool = False
    started: float = field(default_factory=time.monotonic)
    bar: tqdm | None = None
    description: str = "govie extract"

    def __post_init__(self) -> None:
        # A bar for a single file is noise; tqdm copes with non-TTY stderr.
        if not self.quiet and self.total > 1:
            self.bar = tqdm(total=self.total, unit="file", desc=self.description, file=sys.stderr, dynamic_ncols=True)
            self.bar.set_postfix(records=0)

    def done(self, records: int) -> None:
        self.files += 1
        self.records += records
        self._advance()

    def failed(self, message: str) -> None:
        self.failures += 1
        self.error(message)
        self._advance()

    def error(self, message: str) -> None:
        # tqdm.write keeps the bar intact below the message.
        tqdm.write(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def seconds(self) -> float:
        return time.monotonic() - self.started

    def _advance(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix(records=self.records, refresh=False)
            self.bar.update(1)


class _OutputBroken(Exception):
    """Writing the output failed; unlike a bad report this ends the run."""


WriteFn = Callable[[str, Extraction], None]


def run_guarded(inputs: list[Path], options: Options, run: Run, write: WriteFn) -> int:
    """Run the extraction and turn how it ended into messages and an exit code."""
    try:
        _extract_all(inputs, options, run, write)
    except KeyboardInterrupt:
        run.close()
        report_interrupt(run)
        return EXIT_INTERRUPTED
    except _OutputBroken as err:
        run.close()
        if isinstance(err.__cause__, BrokenPipeError) and run.output is None:
            # `govie extract ... | head` closed the pipe on purpose: no noise, and
            # no second failure when Python flushes stdout at exit.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:
            run.error(f"govie: cannot write {run.output or 'standard output'}: {err}")
        return EXIT_FAILURES
    except Exception as err:  # the pipeline cannot run at all (e.g. it is not installed)
        run.close()
        run.error(f"govie: extraction failed: {type(err).__name__}: {err}")
        return EXIT_FAILURES
    run.close()
    report_summary(run)
    return EXIT_FAILURES if run.failures else 0


def _extract_all(inputs: list[Path], options: Options, run: Run, write: WriteFn) -> None:
    """Stream the reports through the pipeline and write each file's records as it comes."""
    if options.engine == "dask":
        _extract_all_dask(inputs, options, run, write)
        return
    in_flight: deque[tuple[Path, str]] = deque()

    def on_read_error(err: ReportReadError) -> bool:
        run.failed(f"govie: {err}")
        if options.fail_fast:
            run.stopped = True
        return not options.fail_fast

    texts = _read_lazily(inputs, in_flight, on_read_error)
    while True:
        try:
            for extraction in extract_reports(
                texts,
                report_year=options.report_year,
                batch_size=options.batch_size,
                n_process=options.n_process,
                with_report=options.with_report,
                timeout=options.timeout,
            ):
                path, _ = in_flight.popleft()
                if extraction.error is not None:
                    _failed(run, options, f"govie: cannot extract from {path}: {extraction.error}")
                    if run.stopped:
                        return
                    continue
                _write_file(path, extraction, run, write)
            return
        except (_OutputBroken, KeyboardInterrupt):
            raise
        except Exception as error:
            if not in_flight:
                raise
            if isinstance(error, BrokenProcessPool):
                run.error(f"govie: a worker process died ({error}); its {len(in_flight)} unfinished files are extracted again here")
            # One report broke the batch; find it by extracting the batch's
            # files one at a time, then go on streaming the rest.
            _extract_one_by_one(in_flight, options, run, write)
            if run.stopped:
                return


def _extract_all_dask(inputs: list[Path], options: Options, run: Run, write: WriteFn) -> None:
    from .dask import extract_files

    results = extract_files(
        inputs, scheduler=options.scheduler, n_workers=options.n_process, partition_size=options.batch_size, report_year=options.report_year
    )
    for result in results:
        if result.records is None:
            run.failed(f"govie: {result.error}")
            if options.fail_fast:
                run.stopped = True
                return
            continue
        _write_file(Path(result.path), Extraction(result.records), run, write)


def _read_lazily(
    inputs: list[Path],
    in_flight: deque[tuple[Path, str]],
    on_error: Callable[[ReportReadError], bool],
) -> Iterator[str]:
    """Texts of the inputs, read only when the pipeline asks for them.

    Each yielded text's path is queued in `in_flight` so that the pipeline's
    results, which come in the same order, can be matched to their file.
    """
    for path in inputs:
        try:
            text = read_report(path)
        except ReportReadError as err:
            if not on_error(err):
                return
            continue
        in_flight.append((path, text))
        yield text


def _extract_one_by_one(in_flight: deque[tuple[Path, str]], options: Options, run: Run, write: WriteFn) -> None:
    while in_flight:
        path, text = in_flight.popleft()
        try:
            extraction = extract_report(text, report_year=options.report_year, with_report=options.with_report, timeout=options.timeout)
        except Exception as err:
            _failed(run, options, f"govie: cannot extract from {path}: {type(err).__name__}: {err}")
            if run.stopped:
                return
            continue
        _write_file(path, extraction, run, write)


def _failed(run: Run, options: Options, message: str) -> None:
    run.failed(message)
    if options.fail_fast:
        run.stopped = True


def _write_file(path: Path, extraction: Extraction, run: Run, write: WriteFn) -> None:
    try:
        write(str(path), extraction)
    except OSError as err:
        raise _OutputBroken(err.strerror or str(err)) from err
    run.done(len(extraction.records))


def collect_inputs(paths: list[Path], output: Path | None, skipped: list[ReportReadError] | None = None) -> list[Path]:
    """The report files to read. An output named as an input is refused (it would destroy the
    report); an output found inside a report folder is our own and is not read back. Files that
    cannot be reports (FIFOs, devices, symlink loops, unreadable folders) go to `skipped`."""
    try:
        inputs = iter_report_paths(paths, REPORT_SUFFIXES, require_reports_in_folders=True, skipped=skipped)
    except ReportReadError as err:
        raise UsageError(str(err)) from None
    if output is not None:
        target = output.resolve()
        named = {Path(path).resolve() for path in paths if not Path(path).is_dir()}
        if target in named:
            raise UsageError(f"the output {output} is also an input report; choose another output file")
        inputs = [path for path in inputs if path.resolve() != target]
    if not inputs and not skipped:
        raise UsageError("no report files to read")
    return inputs


def skip_done(inputs: list[Path], output: Path, fmt: str) -> tuple[list[Path], int]:
    try:
        done = completed_files(*resumable_output(output, fmt))
    except OutputFileError as err:
        raise UsageError(f"{err} (is --format right? without --resume the output is overwritten)") from None
    # An earlier run may have named the same files relative or absolute.
    done_resolved = {Path(file).resolve() for file in done}
    remaining = [path for path in inputs if str(path) not in done and path.resolve() not in done_resolved]
    return remaining, len(inputs) - len(remaining)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def report_interrupt(run: Run) -> None:
    message = f"govie: interrupted after {run.files} of {_count(run.total, 'file')}"
    if run.output is not None:
        message += f"; the finished files are kept in {run.output}, run the same command with --resume to continue"
    run.error(message)


def report_summary(run: Run) -> None:
    if run.quiet:
        return
    parts = [_count(run.files, "file"), _count(run.records, "record"), f"{run.failures} failed"]
    if run.skipped:
        parts.append(f"{run.skipped} skipped as already done")
    if run.stopped:
        parts.append("stopped at the first failure (--fail-fast)")
    parts.append(f"{run.seconds():.1f} s")
    run.error("govie: " + ", ".join(parts))
