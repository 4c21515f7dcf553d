"""`extract` never raises and every offset points at the number it reports, on any text."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govie
from govie.records import BOUNDS, MEASURES, ROLES, TIERS

REPORT_ALPHABET = st.sampled_from(
    list(
        "地区生产总值增长下降提高个百分点亿万元人家项左右以上以内确保力争预计下同分别其中目标年月日第名、，。；：（）()%％．0123456789０１２３４５６７８９—-~三千五百两十\n 　\u200b關東區guān"
    )
)


def check_records(text: str) -> None:
    for record in govie.extract(text):
        assert 0 <= record.start < record.end <= len(text)
        written = text[record.start : record.end]
        # (A magnitude alone after a bound word is a number too: `突破万亿`, `近亿元`.)
        assert any(ch.isdigit() or ch in "〇零一二三四五六七八九两十百千万亿" for ch in written), (written, record)
        assert record.measure in MEASURES and record.role in ROLES and record.bound in BOUNDS
        assert record.tier is None or record.tier in TIERS
        assert isinstance(record.value, float)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_unicode_text(text):
    check_records(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=REPORT_ALPHABET, max_size=400))
def test_report_like_text(text):
    check_records(text)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_slices_of_real_reports(corpus, data):
    files = sorted((corpus / "reports").glob("*.txt"))
    path = data.draw(st.sampled_from(files))
    text = path.read_text(encoding="utf8")
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(1, 3000))
    check_records(text[start : start + length])


def test_numbers_of_real_reports_map_back(corpus):
    """On whole real reports the reported value is the number written at its offsets."""
    files = sorted((corpus / "reports").glob("*.txt"))
    for path in random.Random(7).sample(files, 25):
        text = path.read_text(encoding="utf8")
        for record in govie.extract(text):
            written = text[record.start : record.end].replace(",", "")
            if written.replace(".", "").replace("-", "").isdigit():
                assert abs(abs(float(written)) - abs(record.value)) < 1e-9, (path.name, written, record)
