from __future__ import annotations

import pytest

from govie.units import normalise_value


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
    ],
)
def test_normalise_value(value, unit, expected, base):
    normalised = normalise_value(value, unit)
    assert normalised.unit == base
    assert normalised.value == pytest.approx(expected)
