"""Reading reports in their encodings, expanding folders, streaming and resuming outputs.

All report texts here are made up in the style of the reports; figures are invented.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govie.output import (
    OUTPUT_FIELDS,
    CsvRecordWriter,
    JsonlRecordWriter,
    OutputFileError,
    completed_files,
    completion_log_path,
    infer_output_format,
    open_record_writer,
)
from govie.reading import ReportReadError, iter_report_paths, read_report
from govie.records import FIELD_NAMES, Record

SIMPLIFIED = (
    "2025年全区地区生产总值为312.5亿元，增长6.1%。一般公共预算收入18.4亿元，增长5.2%。"
    "城镇居民人均可支配收入41260元，增长5.8%。\n"
    "今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业1.2万人以上，"
    "城镇调查失业率控制在5.5%以内。\n"
)
TRADITIONAL = (
    "2025年全區地區生產總值為312.5億元，增長6.1%。一般公共預算收入18.4億元，增長5.2%。"
    "城鎮居民人均可支配收入41260元，增長5.8%。\n"
    "今年主要預期目標是：地區生產總值增長6%左右，城鎮新增就業1.2萬人以上，"
    "城鎮調查失業率控制在5.5%以內。\n"
)


def _record(indicator: str = "地区生产总值", value: float = 6.1, evidence: str = "增长6.1%") -> Record:
    return Record(
        indicator=indicator,
        indicator_id="gdp",
        value=value,
        unit="%",
        measure="growth",
        role="actual",
        bound="exact",
        tier=None,
        year=2025,
        start=10,
        end=13,
        evidence=evidence,
    )


# ---------------------------------------------------------------------------
# read_report


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", SIMPLIFIED),
        ("utf-8-sig", SIMPLIFIED),
        ("gb18030", SIMPLIFIED),
        ("gbk", SIMPLIFIED),
        ("big5", TRADITIONAL),
        ("utf-16", SIMPLIFIED),
    ],
)
def test_read_report_decodes_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_report(path) == text


def test_read_report_gb18030_only_characters(tmp_path: Path) -> None:
    # 㐀 and 䶮 are outside GBK: a GBK decoder would fail on them.
    text = SIMPLIFIED + "新建㐀䶮路段3.2公里。\n"
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_report(path) == text


def test_read_report_keeps_crlf(tmp_path: Path) -> None:
    # Record offsets refer to the original text, so line ends must survive.
    text = SIMPLIFIED.replace("\n", "\r\n")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_report(path) == text


def test_read_report_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_report(path) == ""


def test_read_report_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(ReportReadError) as info:
        read_report(path)
    assert str(path) in str(info.value)
    assert "binary" in str(info.value) or "undecodable" in str(info.value)


def test_read_report_binary_without_nul(tmp_path: Path) -> None:
    data = bytes(byte for byte in os.urandom(8192) if byte)
    path = tmp_path / "garbage.bin"
    path.write_bytes(data)
    with pytest.raises(ReportReadError):
        read_report(path)


def test_read_report_utf8_controls(tmp_path: Path) -> None:
    # Valid UTF-8 that is not text: control characters everywhere.
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 32)) * 50)
    with pytest.raises(ReportReadError, match="binary or garbled"):
        read_report(path)


def test_read_report_pdf_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n" + os.urandom(2048))
    with pytest.raises(ReportReadError):
        read_report(path)


def test_read_report_tolerates_a_cut_character(tmp_path: Path) -> None:
    # A copy cut in the middle of the last character still reads, with one U+FFFD.
    data = (SIMPLIFIED * 4).encode("utf-8") + "增".encode()[:2]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    text = read_report(path)
    assert text.startswith(SIMPLIFIED)
    assert text.count("\ufffd") == 1


def test_read_report_missing(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(ReportReadError, match="no such file") as info:
        read_report(path)
    assert isinstance(info.value, ValueError)
    assert info.value.path == path
    assert str(info.value) == f"cannot read {path}: no such file"


def test_read_report_directory(tmp_path: Path) -> None:
    with pytest.raises(ReportReadError, match="is a directory"):
        read_report(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_read_report_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SIMPLIFIED, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ReportReadError, match="permission denied"):
        read_report(path)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec="gb18030", exclude_categories=("Cc", "Cs", "Co", "Cn")), min_size=1))
def test_read_report_utf8_roundtrip(text: str) -> None:
    # Whatever a report says, UTF-8 comes back unchanged.
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"govie-hypothesis-{os.getpid()}.txt"
    try:
        path.write_bytes(text.encode("utf-8"))
        assert read_report(path) == text.removeprefix("\ufeff")
    finally:
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------------------
# iter_report_paths


def _touch(path: Path, text: str = SIMPLIFIED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_iter_report_paths_expands_folders(tmp_path: Path) -> None:
    a = _touch(tmp_path / "reports" / "b_2024.txt")
    b = _touch(tmp_path / "reports" / "a_2025.md")
    c = _touch(tmp_path / "reports" / "city" / "c_2023.TXT")
    _touch(tmp_path / "reports" / "notes.docx")
    _touch(tmp_path / "reports" / ".hidden.txt")
    _touch(tmp_path / "reports" / ".git" / "x.txt")
    assert iter_report_paths([tmp_path / "reports"]) == sorted([a, b, c])


def test_iter_report_paths_files_any_suffix_and_dedup(tmp_path: Path) -> None:
    a = _touch(tmp_path / "reports" / "a.txt")
    other = _touch(tmp_path / "report.html")
    found = iter_report_paths([other, tmp_path / "reports", a])
    assert found == [other, a]


def test_iter_report_paths_keep_the_order_given(tmp_path: Path) -> None:
    z = _touch(tmp_path / "z_2019.txt")
    b = _touch(tmp_path / "reports" / "b_2024.txt")
    a = _touch(tmp_path / "reports" / "a_2025.txt")
    c = _touch(tmp_path / "reports" / "sub" / "c_2023.txt")
    y = _touch(tmp_path / "y_2018.txt")
    assert iter_report_paths([z, tmp_path / "reports", y]) == [z, a, b, c, y]
    assert iter_report_paths([y, "-", z, "-"]) == [y, Path("<stdin>"), z]


def test_iter_report_paths_custom_suffixes(tmp_path: Path) -> None:
    _touch(tmp_path / "a.txt")
    md = _touch(tmp_path / "b.md")
    assert iter_report_paths([tmp_path], suffixes=(".md",)) == [md]


def test_iter_report_paths_missing(tmp_path: Path) -> None:
    with pytest.raises(ReportReadError, match="no such file or directory"):
        iter_report_paths([tmp_path / "nope"])


def test_iter_report_paths_empty_folder(tmp_path: Path) -> None:
    assert iter_report_paths([tmp_path]) == []
    with pytest.raises(ReportReadError, match="no report files"):
        iter_report_paths([tmp_path], require_reports_in_folders=True)


# ---------------------------------------------------------------------------
# writers


def test_infer_output_format() -> None:
    assert infer_output_format(None) == "jsonl"
    assert infer_output_format(Path("out.CSV")) == "csv"
    assert infer_output_format(Path("out.jsonl")) == "jsonl"
    assert infer_output_format(Path("out")) == "jsonl"


def test_jsonl_writer(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    with open_record_writer(output, "jsonl") as writer:
        writer.write("a.txt", [_record(), _record(value=312.5)])
        writer.write("b.txt", [])
        writer.write("c.txt", [_record(evidence="含\n换行与\u2028分隔")])
    assert (writer.files_written, writer.records_written) == (3, 3)
    text = output.read_text(encoding="utf-8")
    assert "地区生产总值" in text  # not \u-escaped
    rows = [json.loads(line) for line in text.splitlines(keepends=False) if line.startswith("{")]
    assert [list(row) for row in rows] == [list(OUTPUT_FIELDS)] * 3
    assert list(OUTPUT_FIELDS) == [*FIELD_NAMES, "file"]
    assert [row["file"] for row in rows] == ["a.txt", "a.txt", "c.txt"]
    # The completion log knows b.txt too, which has no rows; without the log only files with rows are known.
    assert completed_files(output, "jsonl") == {"a.txt", "b.txt", "c.txt"}
    completion_log_path(output).unlink()
    assert completed_files(output, "jsonl") == {"a.txt", "c.txt"}


@pytest.mark.parametrize("bom", [False, True])
def test_csv_writer(tmp_path: Path, bom: bool) -> None:
    output = tmp_path / "out.csv"
    with open_record_writer(output, "csv", csv_bom=bom) as writer:
        writer.write("a.txt", [_record(evidence='带"引号",逗号\n换行')])
        writer.write("b.txt", [_record(value=5.5)])
    data = output.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) is bom
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["file"] for row in rows] == ["a.txt", "b.txt"]
    assert rows[0]["evidence"] == '带"引号",逗号\n换行'
    assert rows[0]["tier"] == ""
    assert completed_files(output, "csv") == {"a.txt", "b.txt"}


def test_csv_writer_header_without_records(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    with open_record_writer(output, "csv"):
        pass
    assert output.read_text(encoding="utf-8").strip() == ",".join(OUTPUT_FIELDS)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_append_continues_without_second_header(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"out.{fmt}"
    with open_record_writer(output, fmt) as writer:  # type: ignore[arg-type]
        writer.write("a.txt", [_record()])
    with open_record_writer(output, fmt, append=True) as writer:  # type: ignore[arg-type]
        writer.write("b.txt", [_record()])
    assert completed_files(output, fmt) == {"a.txt", "b.txt"}  # type: ignore[arg-type]
    if fmt == "csv":
        assert output.read_text(encoding="utf-8").count("indicator,") == 1


def test_writer_on_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with open_record_writer(None, "jsonl") as writer:
        writer.write("a.txt", [_record()])
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert json.loads(out)["file"] == "a.txt"


def test_writer_classes_on_streams() -> None:
    stream = io.BytesIO()
    JsonlRecordWriter(stream, owns_stream=False).write("a.txt", [_record()])
    assert json.loads(stream.getvalue())["indicator"] == "地区生产总值"
    stream = io.BytesIO()
    CsvRecordWriter(stream, owns_stream=False).write("a.txt", [_record()])
    assert stream.getvalue().decode("utf-8").splitlines()[0].startswith("indicator,indicator_id,")


# ---------------------------------------------------------------------------
# resuming a torn output


def test_completed_files_cuts_torn_jsonl_tail(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    with open_record_writer(output, "jsonl") as writer:
        writer.write("a.txt", [_record()])
        writer.write("b.txt", [_record(), _record(value=2.0)])
    whole = output.read_bytes()
    output.write_bytes(whole[:-25])  # killed while writing b.txt's last row
    assert completed_files(output, "jsonl") == {"a.txt"}
    # b.txt's complete first row went too: b.txt is redone as a whole.
    assert [json.loads(line)["file"] for line in output.read_text(encoding="utf-8").splitlines()] == ["a.txt"]


def test_completed_files_cuts_torn_csv_tail(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    with open_record_writer(output, "csv", csv_bom=True) as writer:
        writer.write("a.txt", [_record(evidence="多行\n证据")])
        writer.write("b.txt", [_record(evidence="未写完的\n证据")])
    whole = output.read_bytes()
    output.write_bytes(whole[: whole.index("未写完".encode()) + 3])
    # The torn row's file is its last column, lost: it may have been a.txt's
    # second row, so a.txt is redone too. Redoing a file is cheap, missing rows are not.
    assert completed_files(output, "csv") == set()
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8-sig"), newline="")))
    assert rows == []
    assert output.read_bytes().startswith(codecs.BOM_UTF8 + b"indicator,")


def test_completed_files_cut_in_a_character(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    with open_record_writer(output, "csv") as writer:
        writer.write("a.txt", [_record()])
        writer.write("b.txt", [_record(), _record(indicator="城镇新增就业")])
    whole = output.read_bytes()
    # Cut right after a row end plus one byte of the next row's first character.
    output.write_bytes(whole[: whole.rindex("城镇".encode()) + 1])
    assert completed_files(output, "csv") == {"a.txt"}


def test_completed_files_rejects_foreign_output(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    output.write_text("name,value\nx,1\n", encoding="utf-8")
    with pytest.raises(OutputFileError, match="header"):
        completed_files(output, "csv")
    output = tmp_path / "out.jsonl"
    output.write_text('{"no": "file"}\n{"file": "a.txt"}\n', encoding="utf-8")
    with pytest.raises(OutputFileError, match="line 1"):
        completed_files(output, "jsonl")


def test_completed_files_missing_output(tmp_path: Path) -> None:
    assert completed_files(tmp_path / "none.jsonl", "jsonl") == set()


def test_read_report_permission_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root (as in CI) reads any file, so the OS refusal is staged.
    path = _touch(tmp_path / "secret.txt")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ReportReadError, match="permission denied"):
        read_report(path)


def test_ctrl_c_waits_for_the_file_to_be_written() -> None:
    class SignalOnWrite(io.BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            # Ctrl-C arrives in the middle of writing a file's rows.
            signal.raise_signal(signal.SIGINT)
            return super().write(data)

    stream = SignalOnWrite()
    writer = JsonlRecordWriter(stream, owns_stream=False)
    with pytest.raises(KeyboardInterrupt):
        writer.write("a.txt", [_record(), _record()])
    assert len(stream.getvalue().splitlines()) == 2
    assert writer.files_written == 1


# ---------------------------------------------------------------------------
# table formats: the limits of Excel and Stata


def test_excel_cells_are_text_within_excel_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from govie.output import tables

    monkeypatch.setattr(tables, "EXCEL_MAX_ROWS", 3)  # a header and two rows a sheet
    frame = pd.DataFrame(
        {
            "evidence": ["=1+1", "全年\x07增长", "长" * 40_000, None, "末行"],
            "value": [1.5, 2.0, float("nan"), 4.0, 5.0],
            "year": pd.array([2024, None, 2025, 2026, 2027], dtype="Int64"),
        }
    )
    with tables.TableWriter(tmp_path / "t.xlsx") as writer:
        writer.write(frame.iloc[:2])
        writer.write(frame.iloc[2:])
    sheets = pd.read_excel(tmp_path / "t.xlsx", sheet_name=None)
    assert list(sheets) == ["records", "records 2", "records 3"]
    back = pd.concat(sheets.values(), ignore_index=True)
    assert back["evidence"][0] == "=1+1"  # text, not a formula
    assert back["evidence"][1] == "全年 增长"
    assert len(back["evidence"][2]) == tables.EXCEL_MAX_CELL
    assert pd.isna(back["evidence"][3]) and pd.isna(back["value"][2]) and pd.isna(back["year"][1])
    assert back["year"].dropna().tolist() == [2024, 2025, 2026, 2027]


def test_stata_keeps_long_text_and_makes_names_valid(tmp_path: Path) -> None:
    import pandas as pd

    from govie.output.tables import TableError, stata_names, write_stata

    long_text = "城镇新增就业人数" * 400  # 3,200 characters, 9,600 bytes: more than a str# holds
    frame = pd.DataFrame(
        {
            "evidence": pd.array([long_text, None], dtype="string"),
            "end": [3, 4],
            "met": [True, False],
            "year_start": pd.array([None, 2021], dtype="Int64"),
            "2025年目标": [1.0, 2.0],
            "a" * 40: ["x", "y"],
        }
    )
    write_stata(frame, tmp_path / "t.dta")
    back = pd.read_stata(tmp_path / "t.dta")
    assert list(back.columns) == ["evidence", "_end", "met", "year_start", "_2025___", "a" * 32]
    assert back["evidence"][0] == long_text and back["evidence"][1] == ""
    assert back["met"].tolist() == [1, 0] and back["_end"].tolist() == [3, 4]
    assert pd.isna(back["year_start"][0]) and back["year_start"][1] == 2021
    with pytest.raises(TableError, match="share the Stata name"):
        stata_names(["a-b", "a_b"])
