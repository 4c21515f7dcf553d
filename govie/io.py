"""Reading report files and streaming records to JSONL or CSV outputs.

Reports come as UTF-8 (with or without BOM) or in a legacy Chinese encoding
(GB18030/GBK, Big5). Outputs are written one input file at a time, each file's
rows in a single write, so that an interrupted run keeps every finished file
and `--resume` can pick up from what is already in the output.
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
from typing import BinaryIO, Literal, Protocol

from charset_normalizer import from_bytes

from .records import FIELD_NAMES, Record

OutputFormat = Literal["jsonl", "csv"]
OUTPUT_FORMATS: tuple[str, ...] = ("jsonl", "csv")
# The contract (RECORDS.md): output of several inputs adds the input's path.
OUTPUT_FIELDS: tuple[str, ...] = (*FIELD_NAMES, "file")
REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md")

# Detectors name the legacy encodings by their base; decode with the superset
# that real-world files were saved in, so that rarer characters still decode.
_ENCODING_SUPERSETS: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "cp950",
}
# A report may carry a few broken bytes (a truncated copy, a stray mark);
# past this share of suspicious characters the decoding is not trusted.
_MAX_SUSPICIOUS_SHARE = 0.005
# A guessed legacy encoding must yield Chinese text: a wrong guess on binary or
# on another script decodes "successfully" to nonsense in Latin or symbols.
_MIN_CJK_SHARE_WHEN_GUESSED = 0.25
# C0/C1 controls other than the usual whitespace, the replacement character and
# the private use area: none of these belong in a report's text.
_SUSPICIOUS_CHARS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_CJK_CHARS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class ReportReadError(ValueError):
    """A report file that cannot be read as text; `str()` is a message for people."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot read {path}: {reason}")


class OutputFileError(ValueError):
    """An existing output that `--resume` cannot continue."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot resume {path}: {reason}")


# ---------------------------------------------------------------------------
# Reading reports


def read_report(path: Path) -> str:
    """The text of a report file, whatever its encoding; never silently garbled."""
    data = _read_bytes(path)
    text = _decode(path, data)
    _check_plain_text(path, text)
    return text


def _read_bytes(path: Path) -> bytes:
    path = Path(path)
    if path.is_dir():
        raise ReportReadError(path, "is a directory, not a file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReportReadError(path, "no such file") from None
    except PermissionError:
        raise ReportReadError(path, "permission denied") from None
    except IsADirectoryError:
        raise ReportReadError(path, "is a directory, not a file") from None
    except OSError as err:
        raise ReportReadError(path, err.strerror or str(err)) from None


def _decode(path: Path, data: bytes) -> str:
    # Windows Notepad's "Unicode" is UTF-16 with a BOM; without one, UTF-16 is
    # indistinguishable from binary and is rejected by the NUL check below.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportReadError(path, "broken UTF-16 (has a UTF-16 BOM but invalid content)") from None
    if b"\x00" in data:
        raise ReportReadError(path, "binary content (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return _decode_guessed(path, data)


def _decode_guessed(path: Path, data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        # Mostly UTF-8 with a few broken bytes (e.g. a copy cut mid-character):
        # the suspicious-share check decides whether that is still acceptable.
        text = data.decode("utf-8", errors="replace")
        if _suspicious_share(text) <= _MAX_SUSPICIOUS_SHARE:
            return text
        raise ReportReadError(path, "undecodable content: not UTF-8, GB18030/GBK or Big5 text")
    encoding = _ENCODING_SUPERSETS.get(best.encoding, best.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    if _cjk_share(text) < _MIN_CJK_SHARE_WHEN_GUESSED:
        raise ReportReadError(
            path,
            f"undecodable content: not UTF-8, and as {best.encoding} it is not Chinese text "
            "(binary file or unsupported encoding?)",
        )
    return text


def _check_plain_text(path: Path, text: str) -> None:
    if "\x00" in text:
        raise ReportReadError(path, "binary content (contains NUL characters), not a text report")
    share = _suspicious_share(text)
    if share > _MAX_SUSPICIOUS_SHARE:
        raise ReportReadError(
            path, f"binary or garbled content ({share:.1%} control or replacement characters)"
        )


def _suspicious_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_SUSPICIOUS_CHARS.findall(text)) / len(text)


def _cjk_share(text: str) -> float:
    visible = sum(1 for char in text if not char.isspace())
    if not visible:
        return 0.0
    return len(_CJK_CHARS.findall(text)) / visible


def iter_report_paths(
    paths: Sequence[Path],
    suffixes: Sequence[str] = REPORT_SUFFIXES,
    *,
    require_reports_in_folders: bool = False,
) -> list[Path]:
    """Files as given plus the report files under given folders, sorted, each once.

    A file named explicitly is taken whatever its suffix; inside folders only
    `suffixes` count (case-insensitive) and hidden files and folders are skipped,
    so that e.g. a `.git` folder next to the reports is not read. With
    `require_reports_in_folders`, a folder without any report file is an error,
    as it is almost always a wrong path.
    """
    wanted = {suffix.lower() for suffix in suffixes}
    found: dict[Path, Path] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            in_folder = _reports_in_folder(path, wanted)
            if require_reports_in_folders and not in_folder:
                listed = " or ".join(sorted(wanted))
                raise ReportReadError(path, f"folder contains no report files ({listed})")
            candidates = in_folder
        elif path.exists():
            candidates = [path]
        else:
            raise ReportReadError(path, "no such file or directory")
        for candidate in candidates:
            # The same file named twice (as itself and through its folder) is read once.
            found.setdefault(candidate.resolve(), candidate)
    return sorted(found.values())


def _reports_in_folder(folder: Path, suffixes: set[str]) -> list[Path]:
    reports: list[Path] = []
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in suffixes:
                reports.append(Path(root) / name)
    return reports


# ---------------------------------------------------------------------------
# Writing records


def infer_output_format(output: Path | None) -> OutputFormat:
    """CSV for a `.csv` output, JSONL otherwise (also on stdout)."""
    if output is not None and output.suffix.lower() == ".csv":
        return "csv"
    return "jsonl"


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

    def __init__(self, stream: BinaryIO, *, owns_stream: bool) -> None:
        self._stream = stream
        self._owns_stream = owns_stream
        self.files_written = 0
        self.records_written = 0

    def write(self, file: str, records: Sequence[Record]) -> None:
        chunk = self._encode(record_rows(file, records))
        with _interrupts_deferred():
            if chunk:
                self._write_bytes(chunk)
            self.files_written += 1
            self.records_written += len(records)

    def close(self) -> None:
        if self._stream.closed:
            return
        self._stream.flush()
        if self._owns_stream:
            self._stream.close()

    def __enter__(self) -> "_StreamRecordWriter":
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

    def _encode(self, rows: list[dict[str, object]]) -> bytes:
        lines = [_json_line(row) for row in rows]
        return "".join(lines).encode("utf-8")


# Characters that str.splitlines() and some JSONL readers take as line breaks
# but json.dumps(ensure_ascii=False) leaves raw; escaped, a row stays one line.
_LINE_BREAKS_JSON_KEEPS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_line(row: dict[str, object]) -> str:
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS_JSON_KEEPS) + "\n"


class CsvRecordWriter(_StreamRecordWriter):
    """A CSV table with the header once; `bom=True` helps Excel detect UTF-8."""

    def __init__(
        self,
        stream: BinaryIO,
        *,
        owns_stream: bool,
        write_header: bool = True,
        bom: bool = False,
    ) -> None:
        super().__init__(stream, owns_stream=owns_stream)
        if write_header:
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
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")


def open_record_writer(
    output: Path | None,
    output_format: OutputFormat,
    *,
    append: bool = False,
    csv_bom: bool = False,
) -> JsonlRecordWriter | CsvRecordWriter:
    """A writer on `output` (stdout when None); `append` continues an existing output."""
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output_format!r}; use one of {OUTPUT_FORMATS}")
    if output is None:
        stream, owns_stream, continuing = _stdout_bytes(), False, False
    else:
        continuing = append and output.exists() and output.stat().st_size > 0
        output.parent.mkdir(parents=True, exist_ok=True)
        stream = open(output, "ab" if continuing else "wb", buffering=0)  # noqa: SIM115
        owns_stream = True
    if output_format == "csv":
        return CsvRecordWriter(
            stream, owns_stream=owns_stream, write_header=not continuing, bom=csv_bom
        )
    return JsonlRecordWriter(stream, owns_stream=owns_stream)


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
            raise OutputFileError(
                output, f"line {index + 1} is not a govie JSONL record with a 'file'"
            ) from None
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
            rows.append((row[file_column], row_start))
            row_start = consumed
    except csv.Error:
        # An unterminated quoted field can only be a row cut off at the end.
        return rows, True, header_end
    return rows, False, header_end
