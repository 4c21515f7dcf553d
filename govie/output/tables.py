"""Whole tables for the tools economists open: Excel (.xlsx), Stata (.dta), Parquet and CSV, written
from DataFrames chunk by chunk, with the limits of each format handled instead of crashing.

Excel and Stata files are valid only once complete, so they cannot grow file by file the way JSONL
and CSV outputs do: `govie extract` streams records to a JSONL beside them and makes the table at
the end (`ConvertedRecordWriter` in `govie.output`), `govie panel` makes them from its records file.

The rules for what does not fit (docs/DECISIONS.md, "Excel and Stata outputs"):

- Excel: at most 1,048,576 rows a sheet, so past 1,048,575 records the rows go on in sheets
  `records 2`, `records 3`, … with the same header; a cell holds at most 32,767 characters (longer
  text is cut there); control characters other than tab and line breaks cannot be stored and become
  spaces. Text is stored as text, so a cell that starts with `=` is never run as a formula.
- Stata (format 118, Unicode): a `str#` column holds at most 2,045 bytes, so a text column with a
  longer value is stored as `strL` (no text is cut); names are at most 32 characters of letters,
  digits and `_`, not starting with a digit (others are rewritten, and two that would collide are
  refused); a missing text is Stata's empty string, a missing number Stata's missing value `.`;
  categories are stored as text, true/false as 1/0.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

# Formats by suffix; all can be written chunk by chunk (a Stata file is assembled when it is closed).
TABLE_FORMATS: dict[str, str] = {".xlsx": "xlsx", ".dta": "dta", ".parquet": "parquet", ".csv": "csv"}
# What each format needs beyond govie's dependencies, and the extra that brings it.
_NEEDS: dict[str, tuple[str, str]] = {"parquet": ("pyarrow", "panel")}

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL = 32_767
STATA_MAX_STR_BYTES = 2_045
STATA_MAX_NAME = 32
# What an Excel cell cannot store (the XML 1.0 control characters); tab, line feed and return can.
_EXCEL_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_STATA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")


# Names Stata (and Mata) keep for themselves; pandas would rename such a column behind our back.
STATA_RESERVED = frozenset((
    "aggregate", "array", "boolean", "break", "byte", "case", "catch", "class", "colvector", "complex", "const", "continue",
    "default", "delegate", "delete", "do", "double", "else", "eltypedef", "end", "enum", "explicit", "export", "external",
    "float", "for", "friend", "function", "global", "goto", "if", "inline", "int", "local", "long", "NULL", "pragma",
    "protected", "quad", "rowvector", "short", "typedef", "typename", "virtual", "_all", "_N", "_skip", "_b", "_pi", "str#",
    "in", "_pred", "strL", "_coef", "_rc", "using", "_cons", "_se", "with", "_n",
))  # fmt: skip


class TableError(ValueError):
    """A table that cannot be written as asked, with the reason (a missing package, a bad name)."""


def table_format(path: Path) -> str:
    """The format of a table by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        known = ", ".join(TABLE_FORMATS)
        raise TableError(f"{path}: no table format for {path.suffix or 'no suffix'!r}; use one of {known}")
    return TABLE_FORMATS[suffix]


def check_available(fmt: str) -> None:
    """Fail before any work when a format's package is missing."""
    if fmt not in _NEEDS:
        return
    module, extra = _NEEDS[fmt]
    try:
        __import__(module)
    except ImportError as error:
        raise TableError(f"writing .{fmt} needs {module}: pip install 'govie[{extra}]', or write .csv, .xlsx or .dta") from error


class TableWriter:
    """Appends DataFrames with the same columns to one table at `path`; `close()` completes it."""

    def __init__(self, path: Path, fmt: str | None = None, *, sheet: str = "records") -> None:
        self.path = path
        self.format = fmt or table_format(path)
        check_available(self.format)
        self.rows = 0
        self._sheet_name = sheet
        self._parquet: Any = None
        self._workbook: Any = None
        self._sheet: Any = None
        self._sheet_rows = 0
        self._columns: list[str] | None = None
        self._stata_chunks: list[pd.DataFrame] = []

    def write(self, frame: pd.DataFrame) -> None:
        if self._columns is None:
            self._columns = [str(column) for column in frame.columns]
        getattr(self, f"_write_{self.format}")(frame)
        self.rows += len(frame)

    def close(self) -> None:
        """Complete the table; a writer given no chunk writes no file (write an empty frame for an empty table)."""
        if self.format == "parquet" and self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        elif self.format == "xlsx" and self._workbook is not None:
            self._workbook.save(self.path)
            self._workbook = None
        elif self.format == "dta" and self._columns is not None:
            frame = pd.concat(self._stata_chunks, ignore_index=True) if len(self._stata_chunks) > 1 else self._stata_chunks[0]
            self._stata_chunks = []
            write_stata(frame, self.path)
            self._columns = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _write_csv(self, frame: pd.DataFrame) -> None:
        first = self._sheet_rows == 0
        frame.to_csv(self.path, index=False, mode="w" if first else "a", header=first)
        self._sheet_rows += 1 + len(frame)

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False, schema=self._parquet.schema if self._parquet else None)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.path, table.schema)
        self._parquet.write_table(table)

    def _write_xlsx(self, frame: pd.DataFrame) -> None:
        from openpyxl import Workbook

        if self._workbook is None:
            # Write-only: rows go to a temporary file as they come, so memory does not grow with the table.
            self._workbook = Workbook(write_only=True)
        for row in frame.itertuples(index=False, name=None):
            if self._sheet is None or self._sheet_rows == EXCEL_MAX_ROWS:
                self._new_sheet()
            self._sheet.append([self._excel_cell(value) for value in row])
            self._sheet_rows += 1
        if self._sheet is None:  # an empty table still has its header
            self._new_sheet()

    def _new_sheet(self) -> None:
        count = len(self._workbook.worksheets)
        self._sheet = self._workbook.create_sheet(self._sheet_name if count == 0 else f"{self._sheet_name} {count + 1}")
        self._sheet.append([self._excel_cell(name) for name in self._columns or []])
        self._sheet_rows = 1

    def _excel_cell(self, value: object) -> object:
        from openpyxl.cell import WriteOnlyCell

        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return None
        if isinstance(value, str):
            cell = WriteOnlyCell(self._sheet, _EXCEL_ILLEGAL.sub(" ", value)[:EXCEL_MAX_CELL])
            cell.data_type = "s"  # text, even when it starts with `=`
            return cell
        if hasattr(value, "item"):  # numpy scalars
            return value.item()
        return value

    def _write_dta(self, frame: pd.DataFrame) -> None:
        # A .dta file has its row count and column widths in its header: it is written at close.
        self._stata_chunks.append(frame)


def stata_names(columns: list[str]) -> dict[str, str]:
    """Each column's Stata name: characters other than ASCII letters, digits and `_` become `_`; a
    name that starts with a digit or is one of Stata's reserved words (`end`) gets a leading `_`; cut at 32."""
    names: dict[str, str] = {}
    for column in columns:
        name = column if _STATA_NAME.fullmatch(column) else re.sub(r"[^A-Za-z0-9_]", "_", column)
        if name[:1].isdigit() or not name or name in STATA_RESERVED:
            name = "_" + name
        names[column] = name[:STATA_MAX_NAME]
    clashes = [name for name in set(names.values()) if list(names.values()).count(name) > 1]
    if clashes:
        raise TableError(f"columns {sorted(c for c, n in names.items() if n in clashes)} would share the Stata name {clashes[0]!r}")
    return names


def write_stata(frame: pd.DataFrame, path: Path) -> None:
    """`frame` as a Stata 118 file, under the rules in this module's docstring."""
    frame = frame.rename(columns=stata_names([str(column) for column in frame.columns]))
    long_text: list[str] = []
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
            if pd.api.types.is_bool_dtype(series.dropna().infer_objects().dtype) and series.notna().all():
                frame[column] = series.astype("int8")
                continue
            text = series.astype("string").fillna("")
            frame[column] = text.astype(object)
            if text.map(lambda value: len(value.encode("utf-8"))).max(skipna=True) > STATA_MAX_STR_BYTES:
                long_text.append(column)
        elif pd.api.types.is_bool_dtype(series.dtype):
            frame[column] = series.astype("float64" if series.isna().any() else "int8")
        elif pd.api.types.is_integer_dtype(series.dtype) and series.isna().any():
            frame[column] = series.astype("float64")
    frame.to_stata(path, version=118, write_index=False, convert_strl=long_text or None)
