"""No input stalls, crashes or destroys: adversarial texts (property tests), any length, folders
with links, FIFOs and devices, outputs that would overwrite inputs, a disk that fills up, and
model folders that are data only (tests/test_relations.py)."""

from __future__ import annotations

import errno
import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import govie
from govie.cli import app
from govie.lexicon.numbers import parse_number
from govie.output import CompletionLog, completed_files, completion_log_path, open_record_writer
from govie.records import Record
from govie.runner import processes

from conftest import REPO_ROOT

WORDS = [
    "地区生产总值",
    "增长",
    "规模以上工业增加值",
    "新建",
    "项目",
    "亿元",
    "城镇新增就业",
    "万人",
    "力争",
    "以上",
    "、",
    "，",
    "\n",
    "。",
]
ODD = ["\ud800", "\udfff", "\u200b", "\u200d", "\ufeff", "\x00", "\r", "\\r\\n", "%", "％", "１２", "½", "١٢", "\U00020000", "𝟙"]
NUMBER = st.builds(lambda a, b: f"{a}.{b}" if b else str(a), st.integers(0, 10**6), st.integers(0, 99))
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), NUMBER, st.text(max_size=3))
TEXTS = st.lists(PIECES, max_size=400).map("".join)
FORMULA = re.compile(r"[^\d.,\-−]")


def _check_records(text: str, records: list[Record]) -> None:
    """Records point into the text, their values are finite and their JSON is valid; where the
    number is written in plain digits, the value is the number written at the offsets."""
    for record in records:
        assert 0 <= record.start < record.end <= len(text)
        assert math.isfinite(record.value)
        json.dumps(record.to_dict(), allow_nan=False)
        written = re.sub(r"[\u200b-\u200d\ufeff]", "", text[record.start : record.end])
        if re.fullmatch(r"\d+(?:\.\d+)?", written):
            assert abs(record.value) == parse_number(written)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_valid_records(text):
    _check_records(text, govie.extract(text))


def test_long_unpunctuated_and_dense_texts_finish():
    """The shapes that cost the square of their length (a window per number, bounded sentences)."""
    unpunctuated = "".join(f"{WORDS[i % 9]}{i}.{i % 7}" for i in range(12_000))
    dense = "".join(f"项目{i}个、" for i in range(15_000))
    for text in (unpunctuated, dense):
        _check_records(text, govie.extract(text))


def test_a_text_over_spacy_max_length_is_read_in_pieces(monkeypatch):
    """Any length: pieces cut at line breaks, offsets into the whole text."""
    paragraph = "一、2025年工作回顾\n全区地区生产总值增长6.1%，城镇新增就业5213人。\n"
    text = paragraph * 40
    monkeypatch.setattr(processes, "MAX_PIECE", 500)
    pieces = processes.text_pieces(text)
    assert len(pieces) > 2 and "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 500 for _, piece in pieces)
    records = govie.extract(text)
    assert [text[r.start : r.end] for r in records] == ["6.1", "5213"] * 40
    assert {r.year for r in records} == {2025}


def test_zero_width_inside_a_number_reads_the_number_and_spans_it_as_written():
    text = "一、2025年工作回顾\n全区地区生产总值增长6\u200b.5%。"
    [record] = govie.extract(text)
    assert record.value == 6.5 and text[record.start : record.end] == "6\u200b.5"


def test_digits_across_a_paragraph_break_stay_two_numbers():
    text = "一、2025年工作回顾\n城镇新增就业5\n\n3万人。"
    assert all(r.value != 53 for r in govie.extract(text))


# ---------------------------------------------------------------------------------------------------
# Inputs and outputs of the command line


def _invoke(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("2025年全区地区生产总值为312.5亿元，增长6.1%。", encoding="utf8")
    return folder


def test_symlink_loop_fifo_and_device_are_reported_and_the_rest_runs(reports: Path, tmp_path: Path):
    (reports / "loop1.txt").symlink_to(reports / "loop2.txt")
    (reports / "loop2.txt").symlink_to(reports / "loop1.txt")
    os.mkfifo(reports / "pipe.txt")
    (reports / "zero.txt").symlink_to("/dev/zero")
    output = tmp_path / "out.jsonl"
    result = _invoke("extract", reports, "-o", output, "-q")
    assert result.exit_code == 1
    assert "symlink loop" in result.stderr and "a FIFO" in result.stderr and "a device" in result.stderr
    assert [json.loads(line)["file"] for line in output.read_text(encoding="utf8").splitlines()] == [str(reports / "a.txt")] * 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_reported(reports: Path, tmp_path: Path):
    locked = reports / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("x", encoding="utf8")
    locked.chmod(0)
    try:
        result = _invoke("extract", reports, "-o", tmp_path / "out.jsonl", "-q")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1 and "folder cannot be read" in result.stderr


def test_an_input_is_never_the_output(reports: Path):
    report = reports / "a.txt"
    before = report.read_bytes()
    result = _invoke("extract", report, "-o", report, "--overwrite")
    assert result.exit_code == 2 and "is also an input report" in result.stderr
    assert report.read_bytes() == before


def test_an_existing_output_is_kept_without_overwrite(reports: Path, tmp_path: Path):
    output = tmp_path / "out.jsonl"
    output.write_text("keep me\n", encoding="utf8")
    result = _invoke("extract", reports, "-o", output)
    assert result.exit_code == 2 and "--overwrite" in result.stderr
    assert output.read_text(encoding="utf8") == "keep me\n"
    assert _invoke("extract", reports, "-o", output, "--overwrite", "-q").exit_code == 0


def test_a_report_over_its_time_budget_is_reported_and_the_run_goes_on(reports: Path, tmp_path: Path, monkeypatch):
    (reports / "b.txt").write_text("2025年城镇新增就业5213人。", encoding="utf8")
    slow = processes.extract_one

    def extract_one(nlp, text, *args, **kwargs):
        if "5213" in text:
            import time

            time.sleep(5)
        return slow(nlp, text, *args, **kwargs)

    monkeypatch.setattr(processes, "extract_one", extract_one)
    output = tmp_path / "out.jsonl"
    result = _invoke("extract", reports, "-o", output, "--timeout", "0.5", "-q")
    assert result.exit_code == 1 and "no result within 0.5 s" in result.stderr
    assert {Path(json.loads(line)["file"]).name for line in output.read_text(encoding="utf8").splitlines()} == {"a.txt"}


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path):
    output = tmp_path / "out.csv"
    record = Record("=HYPERLINK(1)", None, -3.2, "+x", "growth", "actual", "exact", None, 2025, 0, 3, "@evidence")
    with open_record_writer(output, "csv") as writer:
        writer.write("-report.txt", [record])
    text = output.read_text(encoding="utf8")
    assert "'=HYPERLINK(1)" in text and ",'+x," in text and "'@evidence" in text and "'-report.txt" in text
    assert ",-3.2," in text  # numbers stay numbers
    assert completed_files(output, "csv") == {"-report.txt"}


def test_json_output_refuses_what_is_not_json(tmp_path: Path):
    record = Record("x", None, float("nan"), "", "level", "actual", "exact", None, None, 0, 1, "")
    with pytest.raises(ValueError), open_record_writer(tmp_path / "out.jsonl", "jsonl") as writer:
        writer.write("a.txt", [record])


def _record(i: int) -> Record:
    return Record(f"指标{i}", None, float(i), "%", "growth", "actual", "exact", None, 2025, i, i + 1, "证据" * (i % 7))


def test_resume_trusts_only_what_the_completion_log_confirms(tmp_path: Path, monkeypatch):
    """The disk fills up after a file's rows are written, before its line in the log: the file is
    extracted again, and its rows are cut off the output."""
    output = tmp_path / "out.jsonl"
    add = CompletionLog.add
    with open_record_writer(output, "jsonl") as writer:
        writer.write("a.txt", [_record(1), _record(2)])

        def full(self, file, size):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(CompletionLog, "add", full)
        with pytest.raises(OSError):
            writer.write("b.txt", [_record(3)])
        monkeypatch.setattr(CompletionLog, "add", add)
    assert "b.txt" in output.read_text(encoding="utf8")
    assert completed_files(output, "jsonl") == {"a.txt"}
    assert "b.txt" not in output.read_text(encoding="utf8")


def _can_mount_tmpfs(target: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(target)], capture_output=True).returncode == 0


def test_disk_full_loses_no_confirmed_file(tmp_path: Path):
    """On a real 64 KiB tmpfs: write until the disk is full, then every file the log confirms has
    all its rows, and no row of an unconfirmed file is left."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _can_mount_tmpfs(disk):
        pytest.skip("needs root and a tmpfs mount")
    try:
        output = disk / "out.jsonl"
        written: dict[str, int] = {}
        with pytest.raises(OSError), open_record_writer(output, "jsonl") as writer:
            for i in range(10_000):
                records = [_record(i + k) for k in range(1 + i % 3)]
                writer.write(f"f{i}.txt", records)
                written[f"f{i}.txt"] = len(records)
        done = completed_files(output, "jsonl")
        rows = [json.loads(line) for line in output.read_text(encoding="utf8").splitlines()]
        assert done and {row["file"] for row in rows} <= done
        for file in done:
            assert sum(row["file"] == file for row in rows) == written[file]
        assert completion_log_path(output).exists()
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_label_studio_script_deletes_only_a_venv_it_made(tmp_path: Path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "precious.txt").write_text("keep", encoding="utf8")
    result = subprocess.run(
        ["bash", str(REPO_ROOT / ".ci" / "label_studio.sh")],
        env={**os.environ, "GOVIE_LS_VENV": str(scratch)},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "not made by this script" in result.stderr
    assert (scratch / "precious.txt").read_text(encoding="utf8") == "keep"
