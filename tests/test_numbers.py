"""Numbers: parsing, magnitudes and values in base units (`govie/lexicon/numbers.py`)."""

import pytest

from govie.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("value", "unit", "expected", "base"),
    [
        (571.02, "亿元", 57_102_000_000.0, "元"),
        (2.97, "万亿元", 2_970_000_000_000.0, "元"),
        (63, "万人", 630_000.0, "人"),
        (4.5, "万人次", 45_000.0, "人次"),
        (6.5, "%", 6.5, "%"),
        (0.5, "个百分点", 0.5, "个百分点"),
        (300, "万千瓦", 3_000_000.0, "千瓦"),
        (12, "千瓦时", 12.0, "千瓦时"),
        (72.6, "万", 726_000.0, "个"),
        (3, "亿美元", 300_000_000.0, "美元"),
        (42, "个", 42.0, "个"),
        (105.3, "", 105.3, ""),
        (1.2, "十亿元", 1_200_000_000.0, "元"),
    ],
)
def test_normalise_value(value, unit, expected, base):
    normalised = default_lexicon().normalise_value(value, unit)
    assert normalised.unit == base
    assert normalised.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", 1234.5),
        ("−3.2", -3.2),
        ("三千五百", 3500.0),
        ("两", 2.0),
        ("十二", 12.0),
        ("千", 1000.0),
        ("三千五百万", 35_000_000.0),
        ("abc", None),
    ],
)
def test_parse_number(text, value):
    from govie.lexicon.numbers import parse_number

    assert parse_number(text) == value


def test_split_chinese_magnitude_keeps_the_magnitude_for_the_unit():
    from govie.lexicon.numbers import split_chinese_magnitude

    assert split_chinese_magnitude("三千五百万") == ("三千五百", "万")
    assert split_chinese_magnitude("两亿") == ("两", "亿")
    assert split_chinese_magnitude("万") == ("万", "")


def test_unit_prefix_pattern_tries_longer_magnitudes_first():
    import re

    prefix = default_lexicon().numbers.unit_prefix
    assert re.match(prefix, "万亿元").group() == "万亿"
    assert re.match(prefix, "千万人").group() == "千万"
    assert not re.match(prefix, "百元")
