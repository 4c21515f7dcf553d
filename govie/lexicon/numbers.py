"""Numbers as reports write them: Arabic with separators, Chinese numerals, magnitudes and ranges.

The number patterns live here once; the magnitudes come from the lexicon's `magnitudes.tsv`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import cn2an

CHINESE_DIGITS = "〇零一二三四五六七八九两"
# Financial (大写) numerals, as cheques and some budget tables write them: `壹佰万元`.
FINANCIAL_DIGITS = "壹贰叁肆伍陆柒捌玖"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + "十百千万亿" + FINANCIAL_DIGITS + "拾佰仟"
_FINANCIAL_CHARS = FINANCIAL_DIGITS + "零〇拾佰仟万亿"
# A Chinese numeral as a pattern; what it means is cn2an's business (`parse_chinese`). An ordinary one
# starts with a digit or a ten (`十二`) and may have a decimal part after 点 (`二点五`). A financial one
# has two characters at least: its digits are also parts of words (`登陆一次`, `海陆多处`). `一一` is no
# number (`唯一一家` is one, `一一对应` none).
CHINESE_NUMBER = (
    rf"(?:(?!一一)[{CHINESE_DIGITS}十][{CHINESE_DIGITS}十百千万亿]*(?:点[{CHINESE_DIGITS}]+)?"
    rf"|[{FINANCIAL_DIGITS}拾][{_FINANCIAL_CHARS}]+(?:点[{FINANCIAL_DIGITS}零〇]+)?)"
)
# The same, shortest first: for a tokenizer that leaves a trailing 万/亿 to the unit (`三千五百|万元`).
CHINESE_NUMBER_LAZY = (
    rf"(?:(?!一一)[{CHINESE_DIGITS}十][{CHINESE_DIGITS}十百千万亿]*?(?:点[{CHINESE_DIGITS}]+)?"
    rf"|[{FINANCIAL_DIGITS}拾][{_FINANCIAL_CHARS}]+?(?:点[{FINANCIAL_DIGITS}零〇]+)?)"
)
# `百分之五`, `百分之六点五`, `百分之百`: a percentage written in words, the unit before the number.
PERCENT_WORDS = "百分之"
# Digits with thousands separators and decimals, unsigned: `1,234.5`.
ARABIC_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
MINUS_SIGNS = "-−"
MINUS = rf"[{MINUS_SIGNS}]"
ARABIC_NUMBER = rf"{MINUS}?{ARABIC_DIGITS}"
RATE_SIGNS = "%‰"
# Between the two numbers of a range: `6.0%—6.5%`, `1-2个`, `3～5万`.
RANGE_DASHES = "-—–~～"
_ARABIC_RE = re.compile(ARABIC_NUMBER)
# Magnitudes that a bare numeral stands for (`突破千亿元`, `百万游客`): one of it.
_BARE_MAGNITUDES = {"十": 10.0, "百": 100.0, "千": 1000.0}
_CHINESE_NUMBER_RE = re.compile(CHINESE_NUMBER)


def parse_arabic(text: str) -> float:
    """`1,234.5` -> 1234.5, `−3.2` -> -3.2."""
    return float(text.replace(",", "").replace("−", "-"))


def parse_chinese(text: str) -> float | None:
    """`三千五百` -> 3500, `两` -> 2, `十二` -> 12, `二点五` -> 2.5, `壹佰` -> 100; None when it is not a
    well-formed numeral."""
    if text in _BARE_MAGNITUDES:
        return _BARE_MAGNITUDES[text]
    if not _CHINESE_NUMBER_RE.fullmatch(text):
        return None
    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError):
        return None


def parse_number(text: str) -> float | None:
    """An Arabic or Chinese number written without magnitude suffix; None when it is neither, or
    when it is too large for a float (over 308 digits: no quantity of a report)."""
    value = parse_arabic(text) if _ARABIC_RE.fullmatch(text) else parse_chinese(text)
    return value if value is None or math.isfinite(value) else None


def split_chinese_magnitude(numeral: str) -> tuple[str, str]:
    """`三千五百万` -> (`三千五百`, `万`): the trailing 万/亿 belongs to the unit, as `6.64万元` keeps 6.64 with unit 万元.
    A numeral with a higher magnitude inside keeps it (`一亿零五百万` is 105,000,000 as a whole)."""
    for suffix in ("万亿", "亿", "万"):
        head = numeral[: -len(suffix)]
        if numeral.endswith(suffix) and head and "万" not in head and "亿" not in head and parse_chinese(head) is not None:
            return head, suffix
    return numeral, ""


@dataclass(frozen=True)
class NormalisedValue:
    value: float | None
    unit: str


@dataclass(frozen=True)
class NumberGrammar:
    """The magnitudes of `magnitudes.tsv` (prefix, factor, may prefix a unit, multiplied out in base
    units) and the patterns built from them."""

    magnitudes: tuple[tuple[str, float, bool, bool], ...]

    @cached_property
    def unit_prefix(self) -> str:
        """Regex source of a magnitude before a unit or ending a number: `万亿|千亿|…|万|千`."""
        words = sorted((prefix for prefix, _, unit_prefix, _ in self.magnitudes if unit_prefix), key=len, reverse=True)
        return "(?:" + "|".join(words) + ")"

    @cached_property
    def base_unit_prefixes(self) -> tuple[tuple[str, float], ...]:
        return tuple(sorted(((p, f) for p, f, _, base in self.magnitudes if base), key=lambda item: -len(item[0])))

    def normalise_value(self, value: float, unit: str, rate_units: frozenset[str]) -> NormalisedValue:
        """`571.02 亿元` → 57,102,000,000 元; `63 万人` → 630,000 人; `6.5 %` stays 6.5 %. A unit
        with no magnitude is kept as it is; an empty unit gives the value unchanged."""
        if unit in rate_units or not unit:
            return NormalisedValue(value, unit)
        for prefix, factor in self.base_unit_prefixes:
            if unit.startswith(prefix):
                return NormalisedValue(value * factor, unit[len(prefix) :] or "个")
        return NormalisedValue(value, unit)
