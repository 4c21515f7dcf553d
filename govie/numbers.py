"""Numbers as reports write them: Arabic with separators, Chinese numerals, magnitudes and ranges."""

from __future__ import annotations

import re

import cn2an

MAGNITUDES: dict[str, float] = {
    "十": 10.0,
    "百": 100.0,
    "千": 1e3,
    "万": 1e4,
    "十万": 1e5,
    "百万": 1e6,
    "千万": 1e7,
    "亿": 1e8,
    "十亿": 1e9,
    "百亿": 1e10,
    "千亿": 1e11,
    "万亿": 1e12,
}

CHINESE_DIGITS = "〇零一二三四五六七八九两"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + "十百千万亿"

ARABIC_NUMBER = r"[-−]?\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE_NUMBER = rf"[{CHINESE_DIGITS}十百千][{CHINESE_NUMERAL_CHARS}]*"
_ARABIC_RE = re.compile(ARABIC_NUMBER)


def parse_arabic(text: str) -> float:
    """`1,234.5` -> 1234.5, `−3.2` -> -3.2."""
    cleaned = text.replace(",", "").replace("−", "-")
    return float(cleaned)


def parse_chinese(text: str) -> float | None:
    """`三千五百` -> 3500, `两` -> 2, `十二` -> 12; None when it is not a well-formed numeral."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    if text in ("十", "百", "千"):
        # `突破千亿元`, `百万游客`: a bare unit numeral means one of it.
        return MAGNITUDES[text]
    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError):
        return None


def parse_number(text: str) -> float | None:
    """An Arabic or Chinese number written without magnitude suffix; None when it is neither."""
    if _ARABIC_RE.fullmatch(text):
        return parse_arabic(text)
    return parse_chinese(text)


def split_chinese_magnitude(numeral: str) -> tuple[str, str]:
    """`三千五百万` -> (`三千五百`, `万`): the trailing 万/亿 belongs to the unit, as `6.64万元` keeps 6.64 with unit 万元."""
    for suffix in ("万亿", "亿", "万"):
        head = numeral[: -len(suffix)]
        if numeral.endswith(suffix) and head and parse_chinese(head) is not None:
            return head, suffix
    return numeral, ""
