"""Metamorphic variants of a report: the text as real copies of it show it, with an exact offset map.

A transformation turns a report into the kind of copy users bring (traditional characters with pinyin
glosses, full-width digits, CRLF or escaped line ends, PDF line wrapping, HTML, list marks, notes in
parentheses, page chrome, watermarks, loss markers). None of them changes what the report says, so
govie's records of a variant must be the original's, and each record's `start`/`end` must point at the
same number, moved to where that number sits in the variant. `check_invariance` compares the two.

Each transformation is a function `(text, rng, report_year) -> list of edits` on the text; `variant`
applies them, one after another for combined variants, and composes the offset maps:
`Variant.positions[i]` is the index in the variant of original character `i`.

The pinyin transformation needs `pypinyin` (the `test` extra); OpenCC is a dependency of govie.
"""

from __future__ import annotations

import random
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..records import Record

__all__ = [
    "COMBINED",
    "HARDER",
    "TRANSFORMS",
    "Invariance",
    "Variant",
    "check_invariance",
    "mojibake",
    "record_key",
    "variant",
]

Edit = tuple[int, int, str]  # (start, end, replacement) on the text being transformed
Transform = Callable[[str, random.Random, "int | None"], list[Edit]]

_CJK_RE = re.compile("[\u4e00-\u9fff]")
# Characters a number is written with: no edit of a transformation lands inside such a run.
_NUMBER_CHARS = "0-9.%‰A-Za-z"
_NUMBER_RUN_RE = re.compile(f"[{_NUMBER_CHARS}]+")


@dataclass(frozen=True)
class Variant:
    """A transformed text and, for each original character, its index in the variant."""

    text: str
    positions: array  # len(original) + 1 entries; the last is len(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where the original half-open span `[start, end)` is in the variant."""
        if start == end:
            return self.positions[start], self.positions[start]
        return self.positions[start], self.positions[end - 1] + 1


def apply_edits(text: str, edits: Iterable[Edit]) -> Variant:
    """Apply sorted, non-overlapping edits (insertions are edits with start == end).

    A replacement as long as what it replaces maps character to character; any other maps all the
    replaced characters to the start of the replacement. An insertion at `i` moves character `i` after it.
    """
    pieces: list[str] = []
    positions = array("l")
    pos = 0
    length = 0
    for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise ValueError(f"overlapping edit at {start}")
        pieces.append(text[pos:start])
        positions.extend(range(length, length + start - pos))
        length += start - pos
        if len(repl) == end - start:
            positions.extend(range(length, length + len(repl)))
        else:
            positions.extend([length] * (end - start))
        pieces.append(repl)
        length += len(repl)
        pos = end
    pieces.append(text[pos:])
    positions.extend(range(length, length + len(text) - pos + 1))
    return Variant("".join(pieces), positions)


# ---------------------------------------------------------------------------------------------------------
# Characters: traditional, pinyin glosses, full-width forms


@lru_cache(maxsize=1)
def _s2t() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert


def _traditional_edits(text: str) -> list[Edit]:
    """OpenCC s2t as one-character edits (a line whose length s2t changes is converted per character)."""
    convert = _s2t()
    edits: list[Edit] = []
    line_start = 0
    for line in text.split("\n"):
        converted = convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(convert(c)) != 1 else convert(c) for c in line)
        edits.extend((line_start + i, line_start + i + 1, d) for i, (s, d) in enumerate(zip(line, converted)) if s != d)
        line_start += len(line) + 1
    return edits


def traditional(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """The whole text in traditional characters, as Taiwan and Hong Kong sites and some converters give it."""
    return _traditional_edits(text)


def _gloss(chars: str, rng: random.Random) -> str:
    """Tone-marked pinyin of `chars` in ASCII or full-width parentheses, syllables spaced or not."""
    from pypinyin import Style, pinyin  # the test extra

    syllables = [item[0] for item in pinyin(chars, style=Style.TONE, heteronym=False)]
    body = rng.choice([" ", ""]).join(syllables)
    open_, close = rng.choice([("(", ")"), ("（", "）")])
    return f"{open_}{body}{close}"


def pinyin_glosses(text: str, rng: random.Random, report_year: int | None = None, share: float = 0.6) -> list[Edit]:
    """Traditional characters with the pinyin of a `share` of the converted ones after them, as pages
    that convert and annotate print them: `关于经济` -> `關(guān)于經濟(jīng jì)`. Now and then the gloss covers
    the converted character and the next one, as pages that gloss whole words do."""
    converted = {start: repl for start, _, repl in _traditional_edits(text)}
    edits: list[Edit] = []
    skip_until = -1
    for index in sorted(converted):
        if index < skip_until:
            continue
        edits.append((index, index + 1, converted[index]))
        if rng.random() >= share:
            continue
        pair = index + 1 < len(text) and _CJK_RE.match(text, index + 1) is not None
        if pair and rng.random() < 0.25:
            if index + 1 in converted:
                edits.append((index + 1, index + 2, converted[index + 1]))
            edits.append((index + 2, index + 2, _gloss(text[index : index + 2], rng)))
            skip_until = index + 2
        else:
            edits.append((index + 1, index + 1, _gloss(text[index], rng)))
    return edits


def mojibake(simplified: str, *, seed: int = 0, share: float = 0.6) -> str:
    """`simplified` as a converting web page shows it (see `pinyin_glosses`)."""
    return apply_edits(simplified, pinyin_glosses(simplified, random.Random(seed), share=share)).text


_FULLWIDTH = str.maketrans({**{chr(0x30 + i): chr(0xFF10 + i) for i in range(10)}, "%": "％", ".": "．"})
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?%?")


def fullwidth(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Numbers in full-width digits, decimal points and `％`, as texts typed with a Chinese input method."""
    return [(m.start(), m.end(), m.group().translate(_FULLWIDTH)) for m in _NUMBER_RE.finditer(text)]


# ---------------------------------------------------------------------------------------------------------
# Line ends and layout

_LINE_END_RE = re.compile(r"\r?\n")


def crlf(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Windows line ends."""
    return [(m.start(), m.end(), "\r\n") for m in _LINE_END_RE.finditer(text) if m.group() != "\r\n"]


def escaped_line_ends(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Line ends written out as the escape sequence `\\r\\n` (a backslash, r, a backslash, n): the report
    in one line, as copies taken from spreadsheet cells or JSON have it."""
    return [(m.start(), m.end(), "\\r\\n") for m in _LINE_END_RE.finditer(text)]


# Where a wrapped line may not start: list marks and headings, which the reader would take for a new
# paragraph (a PDF line starting with one is rare enough to be left out).
_NO_LINE_START_RE = re.compile(
    r"[（(][一二三四五六七八九十\d]|[一二三四五六七八九十]{1,3}[、.．]|[①-⑳]|——|各位代表|第[一二三四五六七八九十]"
)


# Chinese typesetting never starts a line with closing punctuation (the 禁则 of line breaking).
_NO_LINE_START_CHARS = frozenset("，。、；：！？）》”’」』…,.;:!?)%‰")
# A break right after a full stop cannot be told from a paragraph end without the indentation that
# plain PDF text loses, so none is made there.
_FULL_STOPS = frozenset("。！？")
_ANY_LINE_END_RE = re.compile(r"\r?\n|(?:\\r)?\\n")


def pdf_lines(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Paragraphs wrapped at a fixed width as text taken from a PDF has them, with a page number line
    (`- 3 -`, `3`, `第3页`) between pages. A number or a latin word is never split, and a line never
    starts with closing punctuation."""
    width = rng.randint(30, 42)
    lines_per_page = rng.randint(28, 36)
    style = rng.choice(["- {} -", "— {} —", "{}", "第{}页"])
    edits: list[Edit] = []
    line_count = 0
    page = 1
    line_start = 0
    ends = [(m.start(), m.end()) for m in _ANY_LINE_END_RE.finditer(text)] + [(len(text), len(text))]
    for line_end, next_start in ends:
        line_count += 1
        position = line_start + width
        while position < line_end - 2:
            while position < line_end - 2 and (
                (_NUMBER_RUN_RE.match(text, position - 1) and _NUMBER_RUN_RE.match(text, position))
                or _NO_LINE_START_RE.match(text, position)
                or text[position] in _NO_LINE_START_CHARS
                or text[position - 1] in _FULL_STOPS
                or text[position] in " \r"
            ):
                position += 1
            if position >= line_end - 2:
                break
            line_count += 1
            if line_count >= lines_per_page:
                page += 1
                line_count = 0
                edits.append((position, position, "\n" + style.format(page) + "\n"))
            else:
                edits.append((position, position, "\n"))
            position += width
        line_start = next_start
    return edits


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each non-blank line, without its spaces and '\\r'."""
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\r\u3000")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\r\u3000"))
            yield position + lead, position + lead + len(stripped)
        position += len(raw) + 1


def run_in(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """All paragraphs run into one line, as news pages copy a report: a space where each began, or
    nothing after a sentence's end (`…意见。一、2023年工作回顾 2023年是…`)."""
    edits: list[Edit] = []
    previous_end = None
    for start, end in _paragraphs(text):
        if previous_end is not None:
            glued = text[previous_end - 1] in "。！？；" and rng.random() < 0.3
            edits.append((previous_end, start, "" if glued else " "))
        previous_end = end
    return edits


_ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "·": "&middot;", "&": "&amp;", "<": "&lt;", ">": "&gt;", "…": "&hellip;"}
_ENTITY_CHARS_RE = re.compile("[“”—·&<>…]")


def html(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Each paragraph as `<p>…</p>` (on its own line or all on one line), indented with `&nbsp;` or
    `&emsp;`, with quotes, dashes and dots as named entities and empty `<p>&nbsp;</p>` between some."""
    one_line = rng.random() < 0.5
    indent = rng.choice(["&nbsp;" * 4, "&emsp;" * 2, "", "&nbsp; &nbsp; "])
    edits: list[Edit] = []
    previous_end = 0
    first = True
    for start, end in _paragraphs(text):
        # The old line break and indentation become the tag boundary.
        separator = "" if first else ("</p>" if one_line else "</p>\n")
        if not first and rng.random() < 0.2:
            separator += "<p>&nbsp;</p>" + ("" if one_line else "\n")
        edits.append((previous_end, start, separator + '<p style="text-indent:2em;">' + indent))
        edits.extend((m.start(), m.end(), _ENTITIES[m.group()]) for m in _ENTITY_CHARS_RE.finditer(text, start, end))
        previous_end = end
        first = False
    edits.append((previous_end, len(text), "</p>\n"))
    return edits


# ---------------------------------------------------------------------------------------------------------
# Words added to the body: list marks, notes, chrome, watermarks, loss markers

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"]  # fmt: skip
# A paragraph that already starts with a mark or a heading number keeps it.
_MARKED_RE = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[①-⑳]|——|[-•●■◆]|第[一二三四五六七八九十]")


def list_marks(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Marks at the start of body paragraphs (those with a full stop): runs of paragraphs numbered
    `（一）（二）…` or `①②…`, or each after a dash `——`."""
    edits: list[Edit] = []
    style: str | None = None
    number = 0
    previous_end = -2
    for start, end in _paragraphs(text):
        body = "。" in text[start:end] and not _MARKED_RE.match(text, start)
        if not body:
            style = None
            previous_end = end
            continue
        consecutive = text.count("\n", previous_end, start) <= 2 and previous_end >= 0
        if style is None or not consecutive or number >= 20:
            style = rng.choice(["paren", "circled", "dash", None])
            number = 0
        previous_end = end
        if style is None:
            continue
        number += 1
        mark = {"paren": f"（{_CN_NUMERALS[number - 1]}）", "circled": _CIRCLED[number - 1], "dash": "——"}[style]
        edits.append((start, start, mark))
    return edits


_NOTE_AFTER_RE = re.compile(r"(?:增长|下降|增加|提高|减少)(?=[0-9])")
_NOTES = ["（同比）", "（按可比价格计算）", "（扣除价格因素）", "（下同）"]


def inline_notes(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """A note in parentheses between a verb and its number: `增长（按可比价格计算）6.7%`."""
    return [(m.end(), m.end(), rng.choice(_NOTES)) for m in _NOTE_AFTER_RE.finditer(text) if rng.random() < 0.5]


def page_chrome(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """Lines of a government site's page template before and after the report: breadcrumbs, the
    source and date line, font-size and print buttons, neighbour links, the site footer."""
    year = report_year or 2023
    date = f"{year}-{rng.randint(1, 2):02d}-{rng.randint(1, 28):02d}"
    clock = f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    before = rng.choice(
        [
            [
                "首页 > 政务公开 > 政府信息公开 > 规划计划",
                f"来源：政府办公室  发布时间：{date} {clock}  浏览次数：{rng.randint(100, 9999)}",
                "【字体：大 中 小】",
            ],
            ["当前位置：首页 > 信息公开 > 政府工作报告", f"发布日期：{date}", "【打印本页】【关闭窗口】"],
            ["您现在的位置：首页>>政务公开>>工作报告", f"时间：{date} 作者： 来源：人民政府网 阅读：{rng.randint(10, 999)}次"],
        ]
    )
    after = rng.choice(
        [
            ["打印本页 关闭窗口", "扫一扫在手机打开当前页"],
            ["【打印本页】【关闭窗口】", "上一篇：关于做好春节期间安全生产工作的通知", "下一篇：人民政府关于调整部分行政事项的决定"],
            ["分享到：", "主办单位：人民政府办公室  网站标识码：1300000001  冀ICP备05001234号"],
        ]
    )
    return [(0, 0, "\n".join(before) + "\n"), (len(text), len(text), "\n" + "\n".join(after) + "\n")]


_WATERMARKS = ["文 档 资 料 网", "政 策 文 库", "内 部 资 料 注 意 保 存", "仅 供 参 考"]


def watermarks(text: str, rng: random.Random, report_year: int | None = None) -> list[Edit]:
    """A spaced-out watermark every ~1,500 characters: on a line of its own between two paragraphs,
    as the text layer of a stamped PDF has it, or run into a paragraph after a full stop, as
    re-posting sites stamp their name."""
    mark = rng.choice(_WATERMARKS)
    edits: list[Edit] = []
    position = rng.randint(50, 600)
    while position < len(text):
        if rng.random() < 0.5:
            stop = text.find("\n", position)
            insertion = (stop, stop, f"\n{mark}")
        else:
            stop = text.find("。", position)
            insertion = (stop + 1, stop + 1, f" {mark} ")
        if stop < 0:
            break
        edits.append(insertion)
        position = stop + rng.randint(1000, 2000)
    return edits


# Loss hits the characters a narrower code page lacks: outside the 3,755 common characters of GB 2312's
# first level are the rare characters of names of people, places and firms, never the words a reader
# needs to tell what a number is.
_NEAR_DIGIT = 3


def _rare(char: str) -> bool:
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return not b"\xb0\xa1" <= encoded <= b"\xd7\xfe"


def loss_markers(text: str, rng: random.Random, report_year: int | None = None, share: float = 1.0) -> list[Edit]:
    """A `share` of the rare characters (not next to a number) replaced by `?` marks, one to four per
    character, as a conversion to a narrower code page leaves them."""
    near = set()
    for match in re.finditer(r"[0-9]", text):
        near.update(range(match.start() - _NEAR_DIGIT, match.start() + _NEAR_DIGIT + 1))
    edits: list[Edit] = []
    for match in _CJK_RE.finditer(text):
        i = match.start()
        if _rare(match.group()) and i not in near and rng.random() < share:
            edits.append((i, i + 1, "?" * rng.choice([1, 2, 2, 4])))
    return edits


# ---------------------------------------------------------------------------------------------------------
# The catalogue and the check

TRANSFORMS: dict[str, Transform] = {
    "traditional": traditional,
    "pinyin": pinyin_glosses,
    "fullwidth": fullwidth,
    "crlf": crlf,
    "escaped_line_ends": escaped_line_ends,
    "pdf_lines": pdf_lines,
    "html": html,
    "list_marks": list_marks,
    "inline_notes": inline_notes,
    "page_chrome": page_chrome,
    "watermarks": watermarks,
    "loss_markers": loss_markers,
}
# Copies the pipeline does not yet read the same to 99%: measured by benchmarks/metamorphic.py when
# named (`--transform run_in`), outside the tests' 99% check and the default table.
HARDER: dict[str, Transform] = {"run_in": run_in}
# Combined variants, in the order a copy picks them up: a PDF copy, and a web copy of it.
COMBINED: dict[str, tuple[str, ...]] = {
    "combined_pdf": ("inline_notes", "list_marks", "loss_markers", "watermarks", "pdf_lines", "fullwidth", "crlf"),
    "combined_web": ("inline_notes", "list_marks", "loss_markers", "pinyin", "fullwidth", "html", "page_chrome", "escaped_line_ends"),
}


def variant(text: str, name: str, *, seed: int = 0, report_year: int | None = None) -> Variant:
    """The variant of `text` made by the transformation `name` (a key of TRANSFORMS, HARDER or COMBINED)."""
    steps = COMBINED.get(name, (name,))
    rng = random.Random(f"{seed}:{name}")
    current = Variant(text, array("l", range(len(text) + 1)))
    for step in steps:
        transform = TRANSFORMS.get(step) or HARDER[step]
        result = apply_edits(current.text, transform(current.text, rng, report_year))
        current = Variant(result.text, array("l", (result.positions[p] for p in current.positions)))
    return current


RECORD_FIELDS: tuple[str, ...] = ("indicator_id", "value", "unit", "measure", "role", "bound", "tier", "year", "period")


def record_key(record: Record, span: tuple[int, int] | None = None) -> tuple:
    """What must not change: the contract's fields of the reading, and where the number is."""
    start, end = span if span is not None else (record.start, record.end)
    return (*(getattr(record, name) for name in RECORD_FIELDS), start, end)


@dataclass(frozen=True)
class Invariance:
    """Records of the original matched in the variant, and those lost or added."""

    matched: int
    lost: list[Record]  # original records the variant does not have (offsets of the original)
    added: list[Record]  # variant records the original does not have (offsets of the variant)

    @property
    def rate(self) -> float:
        total = self.matched + len(self.lost) + len(self.added)
        return self.matched / total if total else 1.0


def check_invariance(original: Sequence[Record], transformed: Variant, variant_records: Sequence[Record]) -> Invariance:
    """Compare records of the original with records of its variant, offsets moved to the variant."""
    expected = Counter(record_key(r, transformed.span(r.start, r.end)) for r in original)
    found = Counter(record_key(r) for r in variant_records)
    common = expected & found
    lost_keys = expected - common
    added_keys = found - common
    lost = [r for r in original if _take(lost_keys, record_key(r, transformed.span(r.start, r.end)))]
    added = [r for r in variant_records if _take(added_keys, record_key(r))]
    return Invariance(sum(common.values()), lost, added)


def _take(counter: Counter, key: tuple) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False
