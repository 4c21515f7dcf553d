"""Reading report files: the inputs of a run, whatever their encoding.

Reports come as UTF-8 (with or without BOM) or in a legacy Chinese encoding
(GB18030/GBK, Big5); a file that is not text is refused with a reason.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from charset_normalizer import from_bytes

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


# ---------------------------------------------------------------------------
# Reading reports


# `-` among the inputs is standard input; its records name it so in `file`.
STDIN_ARGUMENT = "-"
STDIN_NAME = "<stdin>"
STDIN = Path(STDIN_NAME)


def is_stdin(path: Path | str) -> bool:
    return str(path) == STDIN_NAME and not Path(path).exists()


def read_stdin() -> str:
    """The text on standard input, decoded as a report file is (UTF-8, GB18030, Big5 …)."""
    import sys

    data = sys.stdin.buffer.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        raise ReportReadError(STDIN, f"more than a report can be ({MAX_REPORT_BYTES // 2**20} MB)")
    text = _decode(STDIN, data)
    _check_plain_text(STDIN, text)
    return text


def read_report(path: Path) -> str:
    """The text of a report file, whatever its encoding; never silently garbled. Refuses what is
    not a regular file (a FIFO would block, a device never ends) and files over MAX_REPORT_BYTES.
    `STDIN` (what `-` on the command line becomes) is read from standard input."""
    if is_stdin(path):
        return read_stdin()
    problem = _not_a_report_file(Path(path)) if Path(path).exists() or Path(path).is_symlink() else None
    if problem is not None:
        raise ReportReadError(path, problem)
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
    nuls = data.count(b"\x00")
    if nuls > _MAX_SUSPICIOUS_SHARE * len(data):
        raise ReportReadError(path, "binary content (contains NUL bytes), not a text report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_guessed(path, data.replace(b"\x00", b" ") if nuls else data)
    # A stray NUL in a text report (a bad copy) becomes a space: one character for one, so that
    # every offset still points into the file as found.
    return text.replace("\x00", " ") if nuls else text


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
            f"undecodable content: not UTF-8, and as {best.encoding} it is not Chinese text (binary file or unsupported encoding?)",
        )
    return text


def _check_plain_text(path: Path, text: str) -> None:
    if "\x00" in text:
        raise ReportReadError(path, "binary content (contains NUL characters), not a text report")
    share = _suspicious_share(text)
    if share > _MAX_SUSPICIOUS_SHARE:
        raise ReportReadError(path, f"binary or garbled content ({share:.1%} control or replacement characters)")


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
    skipped: list[ReportReadError] | None = None,
) -> list[Path]:
    """Files as given plus the report files under given folders, in the order given, each once (where
    it first appears); a folder's files sorted by path. `-` is standard input (`STDIN`).

    A file named explicitly is taken whatever its suffix; inside folders only
    `suffixes` count (case-insensitive) and hidden files and folders are skipped,
    so that e.g. a `.git` folder next to the reports is not read. With
    `require_reports_in_folders`, a folder without any report file is an error,
    as it is almost always a wrong path.

    What cannot be read as a report is left out and, when `skipped` is given, listed there
    with the reason (else raised): subfolders that cannot be listed, symlink loops, FIFOs,
    devices and sockets, files over `MAX_REPORT_BYTES`. Nothing here opens a file, so a FIFO
    cannot block the run.
    """
    wanted = {suffix.lower() for suffix in suffixes}
    found: dict[Path, Path] = {}

    def skip(error: ReportReadError) -> None:
        if skipped is None:
            raise error
        skipped.append(error)

    for path in paths:
        if str(path) == STDIN_ARGUMENT:
            found.setdefault(STDIN, STDIN)
            continue
        path = Path(path)
        if path.is_dir():
            in_folder = _reports_in_folder(path, wanted, skip)
            if require_reports_in_folders and not in_folder:
                listed = " or ".join(sorted(wanted))
                raise ReportReadError(path, f"folder contains no report files ({listed})")
            candidates = sorted(in_folder)
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            raise ReportReadError(path, "no such file or directory")
        for candidate in candidates:
            problem = _not_a_report_file(candidate)
            if problem is not None:
                skip(ReportReadError(candidate, problem))
                continue
            # The same file named twice (as itself and through its folder) is read once.
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


# Larger than any report: a file this big is a compilation or not a report at all.
MAX_REPORT_BYTES = 200 * 2**20


def _not_a_report_file(path: Path) -> str | None:
    """Why `path` cannot be read as a report file, or None; stat only, nothing is opened."""
    try:
        path.resolve(strict=True)
        info = path.stat()
    except RuntimeError:
        return "symlink loop"
    except FileNotFoundError:
        return "broken symlink" if path.is_symlink() else "no such file"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symlink loop"
        return error.strerror or str(error)
    if stat.S_ISDIR(info.st_mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "not a regular file"
        )
        return f"{kind}, not a report file"
    if info.st_size > MAX_REPORT_BYTES:
        return f"{info.st_size / 2**20:.0f} MB, larger than a report can be ({MAX_REPORT_BYTES // 2**20} MB)"
    return None


def _reports_in_folder(folder: Path, suffixes: set[str], skip) -> list[Path]:
    reports: list[Path] = []

    def unreadable(error: OSError) -> None:
        skip(ReportReadError(error.filename or folder, f"folder cannot be read: {error.strerror or error}"))

    for root, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in suffixes:
                reports.append(Path(root) / name)
    return reports
