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
        # units converted by their factor in units.txt: mass to 吨, area to 亩, power to 千瓦 …
        (1.36, "亿斤", 68_000.0, "吨"),
        (240, "万斤", 1_200.0, "吨"),
        (3.5, "斤", 0.00175, "吨"),
        (800, "公斤", 0.8, "吨"),
        (1.2, "亿公斤", 120_000.0, "吨"),
        (20, "担", 1.0, "吨"),
        (6.2, "万公顷", 930_000.0, "亩"),
        (12, "兆瓦", 12_000.0, "千瓦"),
        (3.1, "亿度", 310_000_000.0, "千瓦时"),
        (35, "μg/m3", 35.0, "微克/立方米"),
        (2.4, "万吨标煤", 24_000.0, "吨标准煤"),
        # 千 is multiplied out of units that are not units of their own
        (4.2, "千户", 4_200.0, "户"),
        (8, "千元", 8_000.0, "元"),
        (50, "千瓦", 50.0, "千瓦"),
        (50, "千克", 0.05, "吨"),
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


def test_every_conversion_leads_to_a_base_unit():
    lexicon = default_lexicon()
    assert {"斤", "公斤", "担"} <= set(lexicon.unit_conversions) <= set(lexicon.units)
    for unit, (base, factor) in lexicon.unit_conversions.items():
        assert base in lexicon.base_units and factor > 0, unit


def test_units_report_lists_the_units_left_unconverted(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    units = ["亿斤"] * 3 + ["万亩", "千户", "车皮", "车皮", ""]
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps({"unit": unit, "value": 1.0}, ensure_ascii=False) + "\n" for unit in units), encoding="utf8")
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "units_report.py"
    out = subprocess.run([sys.executable, str(script), str(records)], capture_output=True, text=True, check=True).stdout
    assert "8 records, 5 units" in out
    assert "unconverted: 3 records (37.5%), 2 units" in out
    assert out.splitlines()[-2:] == ["  车皮\t2", "  (no unit)\t1"]
