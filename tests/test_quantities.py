"""govie_quantities: numbers with unit, bound, range, or the reason they are no record."""

from __future__ import annotations

import pytest

from govie.pipeline import build_rules_pipeline
from govie.pipeline.quantities import find_quantities


def _one(text: str):
    [quantity] = [q for q in find_quantities(text)]
    return quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("增长6.7%", 6.7, "%", "exact"),
        ("达到571.02亿元", 571.02, "亿元", "exact"),
        ("1.5万余家", 1.5, "万家", "min"),
        ("增长6%左右", 6.0, "%", "approx"),
        ("控制在5.5%以内", 5.5, "%", "max"),
        ("三千五百个", 3500.0, "个", "exact"),
    ],
)
def test_value_unit_and_bound(text, value, unit, bound):
    quantity = _one(text)
    assert (quantity.value, quantity.unit, quantity.bound, quantity.excluded) == (value, unit, bound, None)


def test_range_gives_low_and_high():
    quantity = _one("增长6.0%—6.5%")
    assert (quantity.value, quantity.high_value, quantity.unit) == (6.0, 6.5, "%")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023年", "date"),
        ("位居全国第5位", "rank"),
        ("发展水产、稻米、生猪3条产业链", "list count"),
        ("“十四五”", None),
        ("5G基站", "name"),
    ],
)
def test_exclusions(text, reason):
    found = [q for q in find_quantities(text) if q.excluded]
    assert (found[0].excluded if found else None) == reason


def test_component_marks_kept_values_and_units():
    nlp = build_rules_pipeline()
    doc = nlp.make_doc("一、2025年工作回顾\n全区地区生产总值增长6.1%。")
    for name in ("govie_context", "govie_quantities"):
        doc = nlp.get_pipe(name)(doc)
    assert [s.text for s in doc.spans["values"]] == ["6.1%"]
