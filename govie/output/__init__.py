"""Writing records: JSONL and CSV outputs streamed one input file at a time, Excel, Stata and
Parquet tables made from such a stream, and resuming them.

Each input file's rows go out in a single write, so that an interrupted run keeps every finished
file and `--resume` can pick up from what is already in the output. A table format (.xlsx, .dta,
.parquet) is valid only when complete: its records stream to a hidden JSONL beside it
(`.NAME.govie.jsonl`), which resumes like any JSONL output, and the table is made from that stream
when the run ends, also when it ends early.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Literal, Protocol

from ..records import FIELD_NAMES, Record

if TYPE_CHECKING:
    import pandas as pd

OutputFormat = Literal["jsonl", "csv", "xlsx", "dta", "parquet"]
# The contract (docs/RECORDS.md): output of several inputs adds the input's path.
OUTPUT_FIELDS: tuple[str, ...] = (*FIELD_NAMES, "file")
# Column types of a records table: nullable integers and strings where a field may be empty.
COLUMN_TYPES: dict[str, str] = {
    "indicator": "string", "indicator_id": "string", "value": "float64", "unit": "string", "measure": "category",
    "role": "category", "bound": "category", "tier": "category", "year": "Int64", "period": "category",
    "year_start": "Int64", "start": "int64", "end": "int64", "evidence": "string", "file": "string",
}  # fmt: skip


class OutputFileError(ValueError):
    """An existing output that `--resume` cannot continue."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot resume {path}: {reason}")


# ---------------------------------------------------------------------------
# Writing records


# The file suffixes each format is chosen by; any other suffix needs --format.
SUFFIXES: dict[str, str] = {
    ".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".txt": "jsonl", "": "jsonl",
    ".xlsx": "xlsx", ".dta": "dta", ".parquet": "parquet",
}  # fmt: skip


def infer_output_format(output: Path | None) -> OutputFormat:
    """The format of an output by its suffix (JSONL on stdout); an unknown suffix is an error, so
    that `-o records.xlsx` does not silently get JSON lines."""
    if output is None:
        return "jsonl"
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(s for s in SUFFIXES if s))
        raise ValueError(f"{output}: no output format for {suffix!r}; use one of {known}, or give --format ({', '.join(OUTPUT_FORMATS)})")
    return SUFFIXES[suffix]  # type: ignore[return-value]


def record_rows(file: str, records: Sequence[Record]) -> list[dict[str, object]]:
    """Output rows: the record's fields in `FIELD_NAMES` order, then `file`."""
    rows: list[dict[str, object]] = []
    for record in records:
        row: dict[str, object] = record.to_dict()
        row["file"] = file
        rows.append({name: row[name] for name in OUTPUT_FIELDS})
    return rows


class RecordWriter(Protocol):
    """Streams the records of one input file after another to an output."""

    files_written: int
    records_written: int

    def write(self, file: str, records: Sequence[Record]) -> None: ...

    def close(self) -> None: ...


class _StreamRecordWriter:
    """Writes each input file's rows as one chunk of bytes, then flushes.

    One `write()` of the whole chunk on an unbuffered file is one system call,
    which a signal or a killed process does not cut in half on a local file;
    Ctrl-C is additionally held back until the chunk is out. Either way a file
    is in the output completely or not at all, which `--resume` relies on.
    """

    def __init__(self, stream: BinaryIO, *, owns_stream: bool, log: CompletionLog | None = None) -> None:
        self._stream = stream
        self._owns_stream = owns_stream
        self._log = log
        self.files_written = 0
        self.records_written = 0

    def write(self, file: str, records: Sequence[Record]) -> None:
        chunk = self._encode(record_rows(file, records))
        with _interrupts_deferred():
            if chunk:
                self._write_bytes(chunk)
            if self._log is not None:
                # Only what is on disk counts as done: the rows first, then their entry in the log.
                os.fsync(self._stream.fileno())
                self._log.add(file, self._stream.tell())
            self.files_written += 1
            self.records_written += len(records)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
        if self._stream.closed:
            return
        self._stream.flush()
        if self._owns_stream:
            self._stream.close()

    def __enter__(self) -> _StreamRecordWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _encode(self, rows: list[dict[str, object]]) -> bytes:
        raise NotImplementedError

    def _write_bytes(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            # Raw files may write only part (e.g. to a pipe); continue with the rest.
            written = self._stream.write(view)
            if written is None:  # non-blocking stream that is not ready
                continue
            view = view[written:]
        self._stream.flush()


class JsonlRecordWriter(_StreamRecordWriter):
    """One JSON object per record and line, UTF-8, Chinese kept readable."""

    def __init__(
        self, stream: BinaryIO, *, owns_stream: bool, continuing: bool = False, bom: bool = False, log: CompletionLog | None = None
    ) -> None:
        super().__init__(stream, owns_stream=owns_stream, log=log)

    def _encode(self, rows: list[dict[str, object]]) -> bytes:
        lines = [_json_line(row) for row in rows]
        return "".join(lines).encode("utf-8")


# Characters that str.splitlines() and some JSONL readers take as line breaks
# but json.dumps(ensure_ascii=False) leaves raw; escaped, a row stays one line.
_LINE_BREAKS_JSON_KEEPS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_line(row: dict[str, object]) -> str:
    # allow_nan=False: NaN and Infinity are not JSON; a value that is not finite is a bug to surface.
    return json.dumps(row, ensure_ascii=False, allow_nan=False).translate(_LINE_BREAKS_JSON_KEEPS) + "\n"


class CsvRecordWriter(_StreamRecordWriter):
    """A CSV table with the header once; `bom=True` helps Excel detect UTF-8."""

    def __init__(
        self,
        stream: BinaryIO,
        *,
        owns_stream: bool,
        continuing: bool = False,
        bom: bool = False,
        log: CompletionLog | None = None,
    ) -> None:
        super().__init__(stream, owns_stream=owns_stream, log=log)
        if not continuing:
            # The header goes out at once so that an output without any record
            # is still a valid table with its columns.
            header = self._format([dict(zip(OUTPUT_FIELDS, OUTPUT_FIELDS))])
            self._write_bytes((codecs.BOM_UTF8 if bom else b"") + header)

    def _encode(self, rows: list[dict[str, object]]) -> bytes:
        return self._format(rows)

    @staticmethod
    def _format(rows: list[dict[str, object]]) -> bytes:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=OUTPUT_FIELDS)
        writer.writerows({name: neutralise_formula(value) for name, value in row.items()} for row in rows)
        return buffer.getvalue().encode("utf-8")


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, with a leading `'` (the usual guard;
    spreadsheets show the text as written). Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_formula(value: str) -> str:
    """The cell as written before `neutralise_formula`."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# The streamed output formats: one writer class each (`continuing`: appending to an existing output).
WRITERS: dict[str, type[JsonlRecordWriter] | type[CsvRecordWriter]] = {"jsonl": JsonlRecordWriter, "csv": CsvRecordWriter}
# Formats made whole from a JSONL stream at the end (govie/output/tables.py writes them).
TABLE_OUTPUTS: tuple[str, ...] = ("xlsx", "dta", "parquet")
OUTPUT_FORMATS: tuple[str, ...] = (*WRITERS, *TABLE_OUTPUTS)


class ConvertedRecordWriter:
    """A table output (.xlsx, .dta, .parquet): the records stream to a JSONL beside it, with its
    completion log, so that a failure or Ctrl-C loses no finished file and `--resume` continues the
    stream; `close()` makes the table from the whole stream (through `.NAME.partial`, moved over the
    output only when complete). The stream is kept, for `--resume` and to remake the table."""

    def __init__(self, output: Path, output_format: str, *, append: bool = False) -> None:
        from .tables import check_available

        check_available(output_format)
        self._closed = False
        self.output = output
        self.format = output_format
        self.stream_path = record_stream_path(output)
        self._stream = open_record_writer(self.stream_path, "jsonl", append=append)

    @property
    def files_written(self) -> int:
        return self._stream.files_written

    @property
    def records_written(self) -> int:
        return self._stream.records_written

    def write(self, file: str, records: Sequence[Record]) -> None:
        self._stream.write(file, records)

    def close(self) -> None:
        """Close the stream and make the table; raises OSError or TableError when it cannot be written."""
        if self._closed:
            return
        self._closed = True
        self._stream.close()
        write_records_table(self.stream_path, self.output, self.format)

    def __enter__(self) -> ConvertedRecordWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def record_stream_path(output: Path) -> Path:
    """Where a table output's records stream to while the run goes on."""
    return output.with_name(f".{output.name}.govie.jsonl")


def resumable_output(output: Path, output_format: str) -> tuple[Path, OutputFormat]:
    """The file and format `--resume` reads to find what is done: the output itself, or for a table
    output the JSONL stream beside it (refused when the table is there but its stream is not)."""
    if output_format not in TABLE_OUTPUTS:
        return output, output_format  # type: ignore[return-value]
    stream = record_stream_path(output)
    if output.exists() and not stream.exists():
        raise OutputFileError(output, f"its record stream {stream.name} is gone (it is kept beside the table for --resume)")
    return stream, "jsonl"


def read_records_frame(path: Path, chunk_rows: int = 50_000) -> Iterator[pd.DataFrame]:
    """The records of a govie JSONL output as typed DataFrames (`COLUMN_TYPES`), `chunk_rows` at a time."""
    import pandas as pd

    if not path.exists() or path.stat().st_size == 0:
        yield records_frame([])
        return
    with pd.read_json(path, lines=True, dtype=False, chunksize=chunk_rows) as reader:
        for chunk in reader:
            yield records_frame(chunk.to_dict("records"))


def records_frame(rows: list[dict[str, object]], *, with_file: bool = True) -> pd.DataFrame:
    """Output rows (`record_rows`) as a DataFrame of `OUTPUT_FIELDS` with `COLUMN_TYPES`; without
    `with_file`, the contract's fields only."""
    import pandas as pd

    columns = list(OUTPUT_FIELDS if with_file else FIELD_NAMES)
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({name: COLUMN_TYPES[name] for name in columns})


def write_records_table(stream: Path, output: Path, output_format: str) -> None:
    """The records of a JSONL stream as a table; the output is replaced only when the table is complete."""
    from .tables import TableWriter

    partial = output.with_name(output.name + ".partial")
    writer = TableWriter(partial, output_format)
    try:
        for chunk in read_records_frame(stream):
            writer.write(chunk)
        writer.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)


def open_record_writer(
    output: Path | None,
    output_format: OutputFormat,
    *,
    append: bool = False,
    csv_bom: bool = False,
) -> JsonlRecordWriter | CsvRecordWriter | ConvertedRecordWriter:
    """A writer on `output` (stdout when None); `append` continues an existing output."""
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output_format!r}; use one of {OUTPUT_FORMATS}")
    if output_format in TABLE_OUTPUTS:
        if output is None:
            raise ValueError(f"{output_format} is written to a file, not to standard output: give --output")
        return ConvertedRecordWriter(output, output_format, append=append)
    if output is None:
        return WRITERS[output_format](_stdout_bytes(), owns_stream=False, continuing=False, bom=csv_bom)
    continuing = append and output.exists() and output.stat().st_size > 0
    output.parent.mkdir(parents=True, exist_ok=True)
    stream = open(output, "ab" if continuing else "wb", buffering=0)  # noqa: SIM115
    log = CompletionLog(completion_log_path(output), append=continuing and completion_log_path(output).exists())
    writer = WRITERS[output_format](stream, owns_stream=True, continuing=continuing, bom=csv_bom, log=log)
    if not continuing or log.empty:
        os.fsync(stream.fileno())
        log.add(None, stream.tell())  # where the rows start (after a CSV header)
    return writer


class CompletionLog:
    """Beside a file output, one line per input file whose rows are on disk, with the output's size
    after them (`.NAME.govie-done`). The rows are fsynced before their line and the line after, so
    `--resume` trusts only files the log confirms, and cuts anything after the last confirmed size:
    a disk that filled up exactly at a line boundary loses nothing."""

    def __init__(self, path: Path, *, append: bool) -> None:
        self.empty = not append
        self._stream = open(path, "a" if append else "w", encoding="utf8")  # noqa: SIM115

    def add(self, file: str | None, size: int) -> None:
        self._stream.write(json.dumps({"file": file, "bytes": size}, ensure_ascii=False) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self.empty = False

    def close(self) -> None:
        if not self._stream.closed:
            self._stream.close()

    @staticmethod
    def read(path: Path) -> list[tuple[str | None, int]]:
        """The confirmed entries, up to the first line that is not whole (a torn last line)."""
        entries = []
        for line in path.read_text(encoding="utf8").split("\n"):
            try:
                entry = json.loads(line)
                entries.append((entry["file"], int(entry["bytes"])))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                break
        return entries


def completion_log_path(output: Path) -> Path:
    # Hidden beside the output (a table output's record stream is hidden already).
    return output.with_name(f"{'' if output.name.startswith('.') else '.'}{output.name}.govie-done")


def _stdout_bytes() -> BinaryIO:
    # Bytes go straight to the buffer so that output is UTF-8 whatever the
    # terminal's encoding; pending text on sys.stdout must go out first.
    sys.stdout.flush()
    return sys.stdout.buffer


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C for the duration of the block, then deliver it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            _deliver_interrupt(previous)


def _deliver_interrupt(handler: object) -> None:
    if handler == signal.SIG_IGN:
        return
    if callable(handler):
        handler(signal.SIGINT, None)
    else:
        raise KeyboardInterrupt


# ---------------------------------------------------------------------------
# Resuming


def completed_files(output: Path, output_format: OutputFormat, *, repair: bool = True) -> set[str]:
    """The `file`s already in an output, to skip when resuming.

    A torn last row (the run was killed mid-write, or the disk filled up) means
    the last file may be incomplete: with `repair`, its rows and the torn row
    are cut off the output so that it is extracted again.
    """
    if not output.exists() or output.stat().st_size == 0:
        return set()
    log = completion_log_path(output)
    confirmed = CompletionLog.read(log) if log.exists() else []
    if confirmed and confirmed[-1][1] <= output.stat().st_size:
        if repair and confirmed[-1][1] < output.stat().st_size:
            with open(output, "r+b") as stream:
                stream.truncate(confirmed[-1][1])
        return {file for file, _ in confirmed if file is not None}
    # An output without its log (written by an older govie, or copied without it): read it.
    data = output.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text, cut_in_character = _decode_output(output, data[len(bom) :])
    if output_format == "csv":
        rows, torn, header_end = _scan_csv(output, text)
    else:
        rows, torn, header_end = _scan_jsonl(output, text)
    torn = torn or cut_in_character
    if not torn:
        return {file for file, _ in rows}
    cut = _start_of_last_file(rows, default=header_end)
    if repair:
        with open(output, "r+b") as stream:
            stream.truncate(len(bom) + len(text[:cut].encode("utf-8")))
    return {file for file, start in rows if start < cut}


def _decode_output(output: Path, data: bytes) -> tuple[str, bool]:
    """The output's text, and whether it ends in the middle of a character."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as err:
        if err.end < len(data) or len(data) - err.start > 3:
            raise OutputFileError(output, "it is not a UTF-8 govie output") from None
        return data[: err.start].decode("utf-8"), True


def _start_of_last_file(rows: list[tuple[str, int]], *, default: int) -> int:
    if not rows:
        return default
    last_file = rows[-1][0]
    start = rows[-1][1]
    for file, row_start in reversed(rows):
        if file != last_file:
            break
        start = row_start
    return start


def _lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    # Only "\n" ends a row in our outputs; str.splitlines would also split on
    # separators such as U+2028 that may occur inside a record's evidence.
    for match in re.finditer(r"[^\n]*\n|[^\n]+\Z", text):
        yield match.start(), match.group()


def _scan_jsonl(output: Path, text: str) -> tuple[list[tuple[str, int]], bool, int]:
    rows: list[tuple[str, int]] = []
    lines = list(_lines_with_offsets(text))
    for index, (start, line) in enumerate(lines):
        is_last = index == len(lines) - 1
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            file = row["file"]
        except (json.JSONDecodeError, TypeError, KeyError):
            if is_last and not line.endswith("\n"):
                return rows, True, 0
            raise OutputFileError(output, f"line {index + 1} is not a govie JSONL record with a 'file'") from None
        if is_last and not line.endswith("\n"):
            return rows, True, 0
        rows.append((str(file), start))
    return rows, False, 0


def _scan_csv(output: Path, text: str) -> tuple[list[tuple[str, int]], bool, int]:
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for _, line in _lines_with_offsets(text):
            consumed += len(line)
            yield line

    # csv.reader pulls only the lines of the row it is on, so `consumed` is
    # where the row that was just read ends.
    reader = csv.reader(lines())
    header = next(reader, None)
    if header is None or tuple(header) != OUTPUT_FIELDS:
        raise OutputFileError(output, "its header is not that of a govie CSV output")
    header_end = consumed
    file_column = OUTPUT_FIELDS.index("file")
    rows: list[tuple[str, int]] = []
    row_start = consumed
    try:
        for row in reader:
            complete = len(row) == len(OUTPUT_FIELDS) and text[consumed - 1] == "\n"
            if not complete:
                if consumed >= len(text):
                    return rows, True, header_end
                raise OutputFileError(output, f"row {len(rows) + 2} does not have the govie columns")
            rows.append((restore_formula(row[file_column]), row_start))
            row_start = consumed
    except csv.Error:
        # An unterminated quoted field can only be a row cut off at the end.
        return rows, True, header_end
    return rows, False, header_end
