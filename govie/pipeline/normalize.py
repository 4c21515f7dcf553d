"""Text normalisation for government work reports that keeps an exact map back to the original text.

`normalize(text)` returns a `NormalizedText`: the cleaned text plus `offsets`, where `offsets[i]` is the
index in the original string of normalised character `i` (and `offsets[len(text)] == len(original)`).
Extracted spans are found in the normalised text and reported in the original with `to_original`.

The steps run in this order; each one is a function `(text, offsets) -> (text, offsets)`:

1. `clean_whitespace`      zero-width characters out, unicode spaces to ' ', CR/CRLF to '\\n'.
2. `fold_fullwidth`        full-width digits, latin letters and ％．＋－／＝＜＞ (and ﹪) to ASCII; the
                           Chinese punctuation （）,：；！？ stays full-width.
3. `to_simplified`         OpenCC t2s, exact per character.
4. `strip_pinyin_glosses`  web mojibake `關(guān)于` -> `关于`; then `mark_lost_characters`: `?` loss
                           markers (`涞??县`) to U+FFFD.
5. `remove_non_body`       front matter, HTML, markdown markup, web-page chrome, PDF page numbers;
   `close_spaced_runs`     spaced-out watermarks (`文 档 资 料 网`): closed up at a line start, else removed.
6. `join_sentence_breaks`  lines broken mid-sentence (PDF/docx extractions, Wikisource titles);
   `drop_inline_notes`     then a note in parentheses between a verb and its number (`增长（同比）6.7%`).
7. `tidy_spaces`           runs of spaces, spaces between CJK and numbers, runs of blank lines; a space
                           that stands for a paragraph break (`。 ——`) becomes one, and so do the
                           space after a run-in part heading (`一、2023年工作回顾 过去的一年`) and
                           the place before one glued to a full stop (`意见。一、…`); in a line of
                           2,000 characters or more (a copy run into one line), every space after
                           a sentence's end or after a short unpunctuated heading.

Why regex substitutions everywhere: every step is a handful of `finditer` passes over the whole string;
Python-level work happens per match (or per line in step 6), never per character of a document, which
keeps the pipeline at several million characters per second.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from ..lexicon import Lexicon, default_lexicon

__all__ = ["NormalizedText", "normalize", "unnormalized"]

Offsets = array  # array('l'); the alias only documents intent in signatures
Edit = tuple[int, int, str]  # (start, end, replacement) on the current text
Replacement = str | Sequence[Edit]


@dataclass(frozen=True)
class NormalizedText:
    """A normalised text and its map back to the original string.

    `offsets` is an `array('l')` of length `len(text) + 1`: `offsets[i]` is the index in the original of
    normalised character `i`; the last entry is `original_length`. Characters that a step produced (the
    '\\n' standing for a removed block, a decoded HTML entity) map to the start of what they replace.
    """

    text: str
    offsets: array
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span `[start, end)` of `text` to a half-open span of the original text.

        An empty span maps to an empty span at `offsets[start]`; a non-empty one ends just after the
        original character of its last normalised character, so removed text inside the span is covered.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) outside normalised text of length {len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


# ---------------------------------------------------------------------------------------------------------
# The one rebuilding primitive


def _apply_edits(text: str, offsets: Offsets, edits: Iterable[Edit]) -> tuple[str, Offsets]:
    """Apply sorted, non-overlapping edits and rebuild the string and its offsets together.

    A replacement as long as the text it replaces keeps the old offsets position by position (the
    substitutions that use this are one-to-one: full-width folding, CR to LF, t2s); any other replacement
    maps all its characters to the start of the replaced text, which is what `to_original` needs.
    """
    pieces: list[str] = []
    new_offsets = array("l")
    pos = 0
    for start, end, repl in edits:
        if start < pos:  # overlapping edit: keep the earlier one rather than corrupt the map
            continue
        pieces.append(text[pos:start])
        new_offsets.extend(offsets[pos:start])
        if repl:
            pieces.append(repl)
            if len(repl) == end - start:
                new_offsets.extend(offsets[start:end])
            else:
                new_offsets.extend([offsets[start]] * len(repl))
        pos = end
    if pos == 0 and not pieces:
        return text, offsets
    pieces.append(text[pos:])
    new_offsets.extend(offsets[pos:])  # includes the final len(original) entry
    return "".join(pieces), new_offsets


def _sub(
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], Replacement] | str,
    text: str,
    offsets: Offsets,
) -> tuple[str, Offsets]:
    """`re.sub` that also rebuilds the offsets.

    `repl` is a constant string or a function of the match returning either the replacement string for
    the whole match or a list of edits (absolute positions inside the match) when parts of the match are
    kept, e.g. the words between `**` markers, which then keep their exact offsets.
    """

    def edits() -> Iterable[Edit]:
        for match in pattern.finditer(text):
            result = repl if isinstance(repl, str) else repl(match)
            if isinstance(result, str):
                if result != match.group():
                    yield match.start(), match.end(), result
            else:
                yield from result

    return _apply_edits(text, offsets, edits())


def _delete_groups(*groups: int | str) -> Callable[[re.Match[str]], list[Edit]]:
    """Replacement function deleting only the given groups of a match (markup around kept words)."""

    def repl(match: re.Match[str]) -> list[Edit]:
        spans = sorted(match.span(g) for g in groups if match.start(g) >= 0)
        return [(s, e, "") for s, e in spans if e > s]

    return repl


def _translate(pattern: re.Pattern[str], table: dict[int, str], text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """One-to-one character mapping limited to the runs `pattern` finds.

    `str.translate` over a whole CJK document runs at ~10M chars/s; searching a character class and
    translating only the hits is an order of magnitude faster, and the offsets stay as they are.
    """
    return _sub(pattern, lambda m: m.group().translate(table), text, offsets)


# ---------------------------------------------------------------------------------------------------------
# Character classes shared by several steps

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"[{_CJK}]")
# Chinese punctuation that spaces are never wanted next to.
_CN_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』…—～·"

# ---------------------------------------------------------------------------------------------------------
# Step 1: whitespace and invisible characters

_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069\x00-\x08\x0e-\x1b\x7f]+")
_CRLF_RE = re.compile("\r(?=\n)")
# A line holding nothing but a zero-width space is what some web copies make of an inline element
# (`达到74.4\n\u200b\n万亿元`): the two line ends around it are one break, which step 6 may join.
_INVISIBLE_LINE_RE = re.compile(f"\n[ {_INVISIBLE_RE.pattern[1:-2]}]+(?=\n)")
_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_LINE_BREAKS = "\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029"
_WHITESPACE_TABLE = str.maketrans(
    {
        **{c: " " for c in "\t\u00a0\u1680\u202f\u205f\u3000"},
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        **{c: "\n" for c in "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"},
    }
)
_ODD_WHITESPACE_RE = re.compile(f"[{_SPACES}{_LINE_BREAKS}]+")


# Line ends written out as escape sequences (a backslash, then r or n), as copies taken from
# spreadsheet cells or JSON have them: then the whole report is one line, and no heading is seen.
_LITERAL_LINE_END_RE = re.compile(r"(?:\\r)?\\n|\\r")
_LITERAL_TAB_RE = re.compile(r"\\t")
# A text with fewer is not written that way (a path or a formula may hold one).
_MIN_LITERAL_LINE_ENDS = 3


def clean_whitespace(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Drop zero-width and control characters; every kind of space to ' ', line ends to '\\n',
    also line ends written as escape sequences (`\\r\\n`) in a text that is written with them."""
    if text.count("\\n") + text.count("\\r") >= _MIN_LITERAL_LINE_ENDS:
        text, offsets = _sub(_LITERAL_LINE_END_RE, "\n", text, offsets)
        text, offsets = _sub(_LITERAL_TAB_RE, " ", text, offsets)
    text, offsets = _sub(_CRLF_RE, "", text, offsets)
    text, offsets = _sub(_INVISIBLE_LINE_RE, "", text, offsets)
    text, offsets = _sub(_INVISIBLE_RE, "", text, offsets)
    return _translate(_ODD_WHITESPACE_RE, _WHITESPACE_TABLE, text, offsets)


# ---------------------------------------------------------------------------------------------------------
# Step 2: full-width forms

# Only what numbers, units and latin abbreviations are made of; （），：；！？ are the normal Chinese
# punctuation the rest of the pipeline expects, and ～＂＃… are left alone on purpose.
_FULLWIDTH_TABLE = str.maketrans(
    {
        **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "＋": "+",
        "－": "-",
        "／": "/",
        "＝": "=",
        "＜": "<",
        "＞": ">",
        "﹪": "%",
    }
)


_FULLWIDTH_RE = re.compile("[０-９Ａ-Ｚａ-ｚ％．＋－／＝＜＞﹪]+")


def fold_fullwidth(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Full-width digits, latin letters and number punctuation to ASCII (length-preserving)."""
    return _translate(_FULLWIDTH_RE, _FULLWIDTH_TABLE, text, offsets)


# Characters lost in a conversion to a narrower code page come out as ASCII question marks (`涞??县`);
# read as question marks they would end the sentence in the middle of a name. A run of them, or one
# between two Chinese characters, becomes U+FFFD, the character that stands for a lost one.
_LOSS_MARKER_RE = re.compile(f"\\?{{2,}}|\\?(?<=[{_CJK}]\\?)(?=[{_CJK}])")


def mark_lost_characters(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Question marks standing for lost characters to U+FFFD (length-preserving)."""
    if "?" not in text:
        return text, offsets
    return _sub(_LOSS_MARKER_RE, lambda m: "\ufffd" * len(m.group()), text, offsets)


# Some web copies end Chinese sentences with an ASCII full stop (`下降18.3%.固定资产投资`). A `.` between
# a character or a percent sign and a Chinese character cannot be a decimal point; a single character
# starting a line (`一.坚持`) numbers a list item and is left alone.
_ASCII_FULL_STOP_RE = re.compile(f"(?<=[{_CJK}%‰])(?<!^.)\\.(?=[{_CJK}])", re.MULTILINE)


def ascii_full_stops(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """An ASCII `.` ending a Chinese sentence to `。` (length-preserving)."""
    return _sub(_ASCII_FULL_STOP_RE, "。", text, offsets)


# ---------------------------------------------------------------------------------------------------------
# Step 3: traditional to simplified

# Characters OpenCC t2s changes although simplified texts use them legitimately, mostly in names:
# 乾安县/乾岐高速, 华昇, 濛溪河, 菜薹, 迴龙溪, 藉河, 覆盖 (phrase rules), 沈阳, 宫商角徵羽, 哪吒.
# They are converted only when the text as a whole is traditional (see `to_simplified`).
_SIMPLIFIED_TOO = frozenset("乾昇濛薹迴藉覆沈徵餘吒")
# A text counts as traditional when at least this share of its characters convert (besides the above).
_TRADITIONAL_SHARE = 0.01


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc  # imported lazily: OpenCC loads its dictionaries on first use

    return opencc.OpenCC("t2s").convert


def _is_protected(source: str, target: str) -> bool:
    # OpenCC maps some rare characters of place names (鮀, 礐, 澫) to non-BMP "simplified" forms that
    # simplified texts do not use; treat them like `_SIMPLIFIED_TOO`.
    return source in _SIMPLIFIED_TOO or any(ord(c) > 0xFFFF for c in target)


def to_simplified(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """OpenCC t2s with an exact map.

    t2s almost never changes the length; lines whose length did change are converted again character
    by character so that every output character still maps to its source character. In texts that are
    simplified already, the handful of characters in `_SIMPLIFIED_TOO` (and non-BMP results) are kept.
    """
    convert = _t2s()
    converted = convert(text)
    if converted == text:
        return text, offsets
    src_lines = text.split("\n")
    dst_lines = converted.split("\n")
    if len(src_lines) != len(dst_lines):  # t2s never touches '\n'; be safe anyway
        dst_lines = [convert(line) for line in src_lines]

    edits: list[Edit] = []
    protected: list[Edit] = []  # edits to undo again if the text turns out to be simplified
    changed = 0
    line_start = 0
    for src, dst in zip(src_lines, dst_lines):
        if src != dst:
            if len(src) == len(dst):
                pairs: Iterable[tuple[int, str, str]] = ((i, s, d) for i, (s, d) in enumerate(zip(src, dst)) if s != d)
            else:
                pairs = ((i, s, convert(s)) for i, s in enumerate(src) if convert(s) != s)
            for i, s, d in pairs:
                edit = (line_start + i, line_start + i + 1, d)
                if _is_protected(s, d):
                    protected.append(edit)
                else:
                    changed += 1
                    edits.append(edit)
        line_start += len(src) + 1
    if changed >= 2 and changed >= _TRADITIONAL_SHARE * len(text):
        edits = sorted(edits + protected)
    return _apply_edits(text, offsets, edits)


# ---------------------------------------------------------------------------------------------------------
# Step 4: pinyin glosses of web mojibake

_PINYIN_SYLLABLES = frozenset(
    [
        "a",
        "ai",
        "an",
        "ang",
        "ao",
        "ba",
        "bai",
        "ban",
        "bang",
        "bao",
        "bei",
        "ben",
        "beng",
        "bi",
        "bian",
        "biao",
        "bie",
        "bin",
        "bing",
        "bo",
        "bu",
        "ca",
        "cai",
        "can",
        "cang",
        "cao",
        "ce",
        "cen",
        "ceng",
        "cha",
        "chai",
        "chan",
        "chang",
        "chao",
        "che",
        "chen",
        "cheng",
        "chi",
        "chong",
        "chou",
        "chu",
        "chua",
        "chuai",
        "chuan",
        "chuang",
        "chui",
        "chun",
        "chuo",
        "ci",
        "cong",
        "cou",
        "cu",
        "cuan",
        "cui",
        "cun",
        "cuo",
        "da",
        "dai",
        "dan",
        "dang",
        "dao",
        "de",
        "dei",
        "den",
        "deng",
        "di",
        "dia",
        "dian",
        "diao",
        "die",
        "ding",
        "diu",
        "dong",
        "dou",
        "du",
        "duan",
        "dui",
        "dun",
        "duo",
        "e",
        "ei",
        "en",
        "eng",
        "er",
        "fa",
        "fan",
        "fang",
        "fei",
        "fen",
        "feng",
        "fo",
        "fou",
        "fu",
        "ga",
        "gai",
        "gan",
        "gang",
        "gao",
        "ge",
        "gei",
        "gen",
        "geng",
        "gong",
        "gou",
        "gu",
        "gua",
        "guai",
        "guan",
        "guang",
        "gui",
        "gun",
        "guo",
        "ha",
        "hai",
        "han",
        "hang",
        "hao",
        "he",
        "hei",
        "hen",
        "heng",
        "hong",
        "hou",
        "hu",
        "hua",
        "huai",
        "huan",
        "huang",
        "hui",
        "hun",
        "huo",
        "ji",
        "jia",
        "jian",
        "jiang",
        "jiao",
        "jie",
        "jin",
        "jing",
        "jiong",
        "jiu",
        "ju",
        "juan",
        "jue",
        "jun",
        "ka",
        "kai",
        "kan",
        "kang",
        "kao",
        "ke",
        "kei",
        "ken",
        "keng",
        "kong",
        "kou",
        "ku",
        "kua",
        "kuai",
        "kuan",
        "kuang",
        "kui",
        "kun",
        "kuo",
        "la",
        "lai",
        "lan",
        "lang",
        "lao",
        "le",
        "lei",
        "leng",
        "li",
        "lia",
        "lian",
        "liang",
        "liao",
        "lie",
        "lin",
        "ling",
        "liu",
        "lo",
        "long",
        "lou",
        "lu",
        "luan",
        "lun",
        "luo",
        "lv",
        "lve",
        "ma",
        "mai",
        "man",
        "mang",
        "mao",
        "me",
        "mei",
        "men",
        "meng",
        "mi",
        "mian",
        "miao",
        "mie",
        "min",
        "ming",
        "miu",
        "mo",
        "mou",
        "mu",
        "na",
        "nai",
        "nan",
        "nang",
        "nao",
        "ne",
        "nei",
        "nen",
        "neng",
        "ni",
        "nian",
        "niang",
        "niao",
        "nie",
        "nin",
        "ning",
        "niu",
        "nong",
        "nou",
        "nu",
        "nuan",
        "nun",
        "nuo",
        "nv",
        "nve",
        "o",
        "ou",
        "pa",
        "pai",
        "pan",
        "pang",
        "pao",
        "pei",
        "pen",
        "peng",
        "pi",
        "pian",
        "piao",
        "pie",
        "pin",
        "ping",
        "po",
        "pou",
        "pu",
        "qi",
        "qia",
        "qian",
        "qiang",
        "qiao",
        "qie",
        "qin",
        "qing",
        "qiong",
        "qiu",
        "qu",
        "quan",
        "que",
        "qun",
        "ran",
        "rang",
        "rao",
        "re",
        "ren",
        "reng",
        "ri",
        "rong",
        "rou",
        "ru",
        "rua",
        "ruan",
        "rui",
        "run",
        "ruo",
        "sa",
        "sai",
        "san",
        "sang",
        "sao",
        "se",
        "sen",
        "seng",
        "sha",
        "shai",
        "shan",
        "shang",
        "shao",
        "she",
        "shei",
        "shen",
        "sheng",
        "shi",
        "shou",
        "shu",
        "shua",
        "shuai",
        "shuan",
        "shuang",
        "shui",
        "shun",
        "shuo",
        "si",
        "song",
        "sou",
        "su",
        "suan",
        "sui",
        "sun",
        "suo",
        "ta",
        "tai",
        "tan",
        "tang",
        "tao",
        "te",
        "teng",
        "ti",
        "tian",
        "tiao",
        "tie",
        "ting",
        "tong",
        "tou",
        "tu",
        "tuan",
        "tui",
        "tun",
        "tuo",
        "wa",
        "wai",
        "wan",
        "wang",
        "wei",
        "wen",
        "weng",
        "wo",
        "wu",
        "xi",
        "xia",
        "xian",
        "xiang",
        "xiao",
        "xie",
        "xin",
        "xing",
        "xiong",
        "xiu",
        "xu",
        "xuan",
        "xue",
        "xun",
        "ya",
        "yan",
        "yang",
        "yao",
        "ye",
        "yi",
        "yin",
        "ying",
        "yo",
        "yong",
        "you",
        "yu",
        "yuan",
        "yue",
        "yun",
        "za",
        "zai",
        "zan",
        "zang",
        "zao",
        "ze",
        "zei",
        "zen",
        "zeng",
        "zha",
        "zhai",
        "zhan",
        "zhang",
        "zhao",
        "zhe",
        "zhei",
        "zhen",
        "zheng",
        "zhi",
        "zhong",
        "zhou",
        "zhu",
        "zhua",
        "zhuai",
        "zhuan",
        "zhuang",
        "zhui",
        "zhun",
        "zhuo",
        "zi",
        "zong",
        "zou",
        "zu",
        "zuan",
        "zui",
        "zun",
        "zuo",
    ]
)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_TO_BASE = str.maketrans({**{c: "aeiouv"[i // 4] for i, c in enumerate(_TONED)}, "ü": "v"})
_MAX_GLOSS_SYLLABLES = 3
# A CJK character, optionally one space, then a parenthesised run of lowercase pinyin letters (ASCII or
# full-width parentheses). The content is validated in `_pinyin_gloss`.
# The CJK character is checked in `strip_pinyin_glosses`: a pattern that starts with a literal is
# searched many times faster than one starting with a lookbehind.
_PINYIN_GLOSS_RE = re.compile(f" ?[(（](?P<body>[a-z{_TONED}ü]+(?:[ '’][a-z{_TONED}ü]+){{0,2}})[)）]")


def _syllable_count(word: str) -> int:
    """Number of syllables when `word` (tones stripped) splits into valid pinyin syllables, else 0.

    Fewest syllables wins, so `xian` is one syllable and not `xi`+`an`.
    """
    best = [0] + [99] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if best[start] < 99 and word[start:end] in _PINYIN_SYLLABLES:
                best[end] = min(best[end], best[start] + 1)
    return best[-1] if best[-1] < 99 else 0


def is_pinyin_gloss(body: str) -> bool:
    """Whether the inside of a parenthesis is a pinyin gloss added by a converting web page.

    Rule: 1-3 valid syllables (written together or separated by a space or apostrophe), all lowercase,
    and at least one tone mark — except that a single toneless syllable also counts, because pages
    print neutral-tone syllables such as `們(men)` without a mark. `(PM2.5)`, `(GDP)` and anything with
    digits, capitals or CJK never match.
    """
    count = 0
    for word in re.split("[ '’]", body):
        n = _syllable_count(word.translate(_TONE_TO_BASE))
        if not n:
            return False
        count += n
    if not 1 <= count <= _MAX_GLOSS_SYLLABLES:
        return False
    return count == 1 or any(c in _TONED for c in body)


def strip_pinyin_glosses(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Remove `(guān)` style pinyin glosses right after CJK characters; keep all real parentheses."""

    def repl(match: re.Match[str]) -> str:
        start = match.start()
        after_cjk = start > 0 and _CJK_RE.match(text, start - 1) is not None
        return "" if after_cjk and is_pinyin_gloss(match.group("body")) else match.group()

    return _sub(_PINYIN_GLOSS_RE, repl, text, offsets)


# ---------------------------------------------------------------------------------------------------------
# Step 5: non-body text

_FRONT_MATTER_RE = re.compile(r"\A[ \n]*---[ \t]*\n(?:(?!---[ \t]*(?:\n|\Z))[^\n]*\n){0,40}?---[ \t]*(?:\n|\Z)")
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_BLOCK_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INLINE_TAGS = "a|abbr|b|big|code|em|font|i|ins|del|label|s|small|span|strike|strong|sub|sup|u"
_BLOCK_TAGS = (
    "article|blockquote|body|br|center|dd|div|dl|dt|footer|form|h[1-6]|head|header|hr|html|iframe|img|"
    "input|li|link|meta|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|title|tr|ul"
)
_HTML_TAG_RE = re.compile(
    rf"</?(?:(?P<inline>{_INLINE_TAGS})|{_BLOCK_TAGS})\b(?:[^<>\n\"']|\"[^\"\n]*\"|'[^'\n]*'){{0,300}}/?>",
    re.IGNORECASE,
)
# `&amp;` may prefix another entity (`&amp;rdquo;` occurs in the corpus): decode the whole chain at once.
_HTML_ENTITY_RE = re.compile(r"&(?:amp;)*(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
# The Wikisource licence block at the end of the State Council reports, broken over many lines.
_WIKISOURCE_TRAILER_RE = re.compile(r"本作品是中华人民共和国的.{0,400}?公有领域\s*。|注：中文维基文库社群认为.{0,200}?文件。", re.DOTALL)
# "关于……的报告_滚动新闻_中国政府网": keep the title, drop the site path.
_SITE_SUFFIX_RE = re.compile(r"(?:_{1,2}[^_\n]{1,12}){0,2}_{1,2}中国政府网(?=[ \t]*$)", re.MULTILINE)
# Scraped pages append the posting time to a paragraph ("……制度改革。 2015-02-09 09:12:19").
_TRAILING_TIMESTAMP_RE = re.compile(r" +\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(?::\d{2})?(?=[ \t]*$)", re.MULTILINE)
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^()\n]*\)")
_MD_LINK_RE = re.compile(r"(?P<open>\[)[^\]\n]+(?P<close>\]\([^()\n]*\))")
_MD_HEADING_RE = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_MD_QUOTE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_PAGE_NUMBER_RE = re.compile(
    r"^[ \t]*(?:[-—–~][ \t]*\d{1,4}[ \t]*[-—–~]|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[/，,]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)"
    r"[ \t]*$",
    re.MULTILINE,
)
_MD_RULE_RE = re.compile(r"^[ \t]*(?:(?:[-*_][ \t]*){3,}|\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?)[ \t]*$", re.MULTILINE)
_MD_BULLET_RE = re.compile(r"^[ \t]*(?:[-*+•][ \t]+)+", re.MULTILINE)
_MD_STRONG_RE = re.compile(r"\*{2,}")
_MD_UNDERSCORE_RE = re.compile(r"(?P<open>__)(?=\S)[^\n_]+?(?<=\S)(?P<close>__)")
# Font-size widget ("【字号：\n加大\n还原\n减小\n】") and breadcrumbs ("当前位置：\n首页\n>\n政务信息\n>").
_WIDGET_RE = re.compile(
    r"^[ \t]*【?[ \t]*字[号体][ \t]*[:：]?[ \t]*(?:(?:\n[ \t]*)?(?:加大|还原|减小|默认|大|中|小|】)[ \t]*)*$"
    r"|^[ \t]*(?:您的|当前)位置[ \t]*[:：]?(?:\n[^\n]{0,12}\n[ \t]*[>»›][ \t]*)*$",
    re.MULTILINE,
)


def _decode_entity(match: re.Match[str]) -> str:
    decoded = match.group()
    while "&" in decoded and html.unescape(decoded) != decoded:
        decoded = html.unescape(decoded)
    if decoded == match.group():  # unknown entity: leave it
        return decoded
    if not decoded.isprintable() or decoded.isspace():
        return " "  # &nbsp;, &#13;, &zwj;…: a space is the harmless reading
    # Run the earlier steps on the decoded character so that a second normalisation finds nothing to do.
    return decoded.translate(_FULLWIDTH_TABLE)


def _html_tag(match: re.Match[str]) -> str:
    # Block tags separate text (<br>, <p>); inline tags sit inside a sentence.
    return "" if match.group("inline") else "\n"


_FRONT_MATTER_TITLE_RE = re.compile(r"^title:[ \t]*['\"]?(?P<title>[^\n'\"]*?)['\"]?[ \t]*$", re.MULTILINE)


def _front_matter(match: re.Match[str]) -> list[Edit]:
    # The title is kept as the first line: it often carries the report's year and region.
    title = _FRONT_MATTER_TITLE_RE.search(match.string, match.start(), match.end())
    if title is None or not title.group("title").strip():
        return [(match.start(), match.end(), "\n")]
    return [(match.start(), title.start("title"), ""), (title.end("title"), match.end(), "\n")]


def remove_non_body(text: str, offsets: Offsets, chrome_line_re: re.Pattern[str] | None = None) -> tuple[str, Offsets]:
    """Remove text that is not part of the report body; removed blocks become one '\\n'.

    Markup is stripped before chrome lines are matched, so that `**下载**` or `## 来源：…` are recognised
    in the same pass (normalising twice changes nothing).
    """
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Replacement] | str]] = [
        (_FRONT_MATTER_RE, _front_matter),
        (_HTML_COMMENT_RE, "\n"),
        (_HTML_BLOCK_RE, "\n"),
        (_HTML_TAG_RE, _html_tag),
        (_HTML_ENTITY_RE, _decode_entity),
        (_WIKISOURCE_TRAILER_RE, "\n"),
        (_SITE_SUFFIX_RE, ""),
        (_TRAILING_TIMESTAMP_RE, ""),
        (_MD_IMAGE_RE, ""),
        (_MD_LINK_RE, _delete_groups("open", "close")),
        (_MD_HEADING_RE, ""),
        (_MD_QUOTE_RE, ""),
        (_PAGE_NUMBER_RE, ""),
        (_MD_RULE_RE, ""),
        (_MD_BULLET_RE, ""),
        (_MD_STRONG_RE, ""),
        (_MD_UNDERSCORE_RE, _delete_groups("open", "close")),
        (_WIDGET_RE, ""),
        (chrome_line_re or default_lexicon().chrome_line_re, "\n"),
    ]
    for pattern, repl in steps:
        if pattern is _SITE_SUFFIX_RE and "中国政府网" not in text:
            continue  # the only pattern that cannot start with a literal; skip the slow scan
        text, offsets = _sub(pattern, repl, text, offsets)
    return text, offsets


# Four or more single Chinese characters with a space between each: a watermark of the PDF's text layer
# or of a re-posting site (`文 档 资 料 网`), or a title set out in spaced letters (`政 府 工 作 报 告`).
# Not glued to a word on either side (`保 存 预计` ends at `存`).
_SPACED_RUN_RE = re.compile(f"(?<![{_CJK}])(?:[{_CJK}] ){{3,}}[{_CJK}](?![{_CJK}])")
# Starts with a literal, which the regex engine searches many times faster: most texts have no run.
_SPACED_PROBE_RE = re.compile(f" [{_CJK}] [{_CJK}] ")


def close_spaced_runs(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """A spaced-out run that starts a line (a title, a watermark line) is closed up into a word; one
    inside a line is a watermark run into the text and is removed with the spaces around it, so that
    the line reads, and wraps, as it did before the watermark was stamped on it."""

    def repl(match: re.Match[str]) -> list[Edit]:
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip(" "):
            while start > line_start and text[start - 1] == " ":
                start -= 1
            while end < len(text) and text[end] == " ":
                end += 1
            return [(start, end, "")]
        return [(i, i + 1, "") for i in range(match.start() + 1, match.end(), 2)]

    if not _SPACED_PROBE_RE.search(text):
        return text, offsets
    return _sub(_SPACED_RUN_RE, repl, text, offsets)


# A note in parentheses between a verb and its number (`增长（按可比价格计算）6.7%`, `下降（同比）3%`): it
# qualifies the figure but stands between the words that say what the figure is. No digits inside, so
# that a range or a year in parentheses is never taken for one.
_INLINE_NOTE_RE = re.compile("[（(][^（）()0-9\n。；]{1,14}[）)](?=[0-9零〇一二两三四五六七八九十百])")


# The cue lists (cues.json) of the verbs a note may follow.
_NOTE_VERB_CUES = ("growth_up", "growth_down", "level_to")


def drop_inline_notes(text: str, offsets: Offsets, verbs: Sequence[str] = ()) -> tuple[str, Offsets]:
    """Remove a parenthesised note that stands right after one of `verbs` and right before a number."""
    if not verbs:
        return text, offsets
    endings = tuple(verbs)

    def repl(match: re.Match[str]) -> str:
        return "" if text.endswith(endings, max(0, match.start() - 8), match.start()) else match.group()

    return _sub(_INLINE_NOTE_RE, repl, text, offsets)


# ---------------------------------------------------------------------------------------------------------
# Step 6: lines broken mid-sentence

# A line ending in one of these ends a sentence or a heading; anything else may continue on the next line.
_SENTENCE_END = frozenset("。；！？：…”’）)」』】》!?;:.")
# In a PDF extraction, a line as long as a full line that ends in one of these was wrapped after a clause
# (`…增长5.6%；` then `社会消费品零售总额…`, `…主要预期目标是：` then `地区生产总值…`), not at the end of
# a paragraph, which leaves its last line shorter.
_CLAUSE_END = frozenset("；;：:）)”’》」』")
# Sentence-final punctuation inside a line: a line that contains one but then stops mid-clause is broken.
_SENTENCE_STOP_RE = re.compile("[。！？；]")
# Starts of headings and list items, which always begin a new line.
_HEADING_RE = re.compile(
    r"[ \t]*(?:[（(][一二三四五六七八九十百\d]{1,3}[）)]|[一二三四五六七八九十百]{1,3}[、.．]|\d{1,2}[、．]|\d{1,2}\.(?!\d)"
    r"|第[一二三四五六七八九十百\d]{1,3}[部分章节篇条]|附件|附表|[①-⑳]|——|各位代表|\|)"
)
# Numbered headings (`一、`, `（一）`, `第一部分`): one wrapped over lines ends at its first line shorter
# than a full line (`_FULL_LINE_SHARE`), so that the paragraph under it keeps its own line.
_NUMBERED_HEADING_RE = re.compile(
    r"[（(][一二三四五六七八九十百]{1,3}[）)]|[一二三四五六七八九十百]{1,3}[、.．]|第[一二三四五六七八九十百]{1,3}部分"
)
# Section headings (not list marks, which also open body paragraphs).
_TOP_HEADING_RE = re.compile(r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}[部分章节篇])")
_CJK_FRAGMENT_RE = re.compile(f"[{_CJK}]{{1,2}}")
# What a continuation line may start with (a wrapped line can start with a comma, but not with a bullet).
_JOINABLE_START_RE = re.compile(f"[{_CJK}\ufffd0-9A-Za-z“‘《（(%，、。；：）”’》,;:+]")
# A footnote mark goes on the line before it (`“放管服”\n[4]改革`), unless that line is itself one of
# the notes (`[3]…\n[4]…`).
_NOTE_MARK_RE = re.compile(r"[\[［【〔]\d{1,3}[\]］】〕]")
_LATIN_EDGE = re.compile("[A-Za-z]")
# Document-level test for PDF extractions: among lines of at least _MIN_WRAPPED_LINE characters, at least
# this share ends without sentence-final punctuation, and there are at least _MIN_BROKEN_LINES of them.
_PDF_OPEN_SHARE = 0.5
_MIN_WRAPPED_LINE = 10
_MIN_BROKEN_LINES = 8
# In such documents, a wrapped line is at least this share of the typical (median) line length; shorter
# lines end paragraphs or are headings.
_WRAPPED_LENGTH_SHARE = 0.75
# A line of a numbered heading that goes on to the next line is a full line: this share of the typical length.
_FULL_LINE_SHARE = 0.85
_WHOLE_LINE_SHARE = 1.5
_UNWRAPPED_SHARE = 0.2
_MAX_TITLE_LINE = 40


@dataclass
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    content: str
    # How long the line was as laid out, in the text as found: a watermark or glosses removed from a
    # wrapped line leave it as wide as its neighbours.
    width: int


def _lines(text: str, offsets: Offsets | None = None) -> list[_Line | None]:
    """Physical lines with their content spans; None for blank lines."""
    result: list[_Line | None] = []
    pos = 0
    for raw in text.split("\n"):
        content = raw.strip(" ")
        if content:
            lead = len(raw) - len(raw.lstrip(" "))
            start, end = pos + lead, pos + lead + len(content)
            width = offsets[end - 1] - offsets[start] + 1 if offsets is not None else len(content)
            result.append(_Line(start, end, content, max(width, len(content))))
        else:
            result.append(None)
        pos += len(raw) + 1
    return result


def _typical_wrapped_length(lines: Sequence[_Line]) -> int | None:
    """Median length of long lines if the document looks PDF-broken, else None."""
    long_lines = [ln for ln in lines if ln.width >= _MIN_WRAPPED_LINE]
    open_lines = [ln for ln in long_lines if ln.content[-1] not in _SENTENCE_END]
    if len(open_lines) < _MIN_BROKEN_LINES or len(open_lines) < _PDF_OPEN_SHARE * len(long_lines):
        return None
    lengths = sorted(ln.width for ln in long_lines)
    typical = lengths[len(lengths) // 2]
    # Open lines of about one length are a wrapping width only if few lines run far past it: a web
    # copy with many short open headings between long paragraphs was never wrapped.
    if sum(length > typical * _WHOLE_LINE_SHARE for length in lengths) > _UNWRAPPED_SHARE * len(lengths):
        return None
    return typical


def _ends_open(paragraph: str) -> bool:
    return paragraph[-1] not in _SENTENCE_END


def _broken_mid_sentence(paragraph: str) -> bool:
    """A paragraph that has a full stop and then stops mid-clause: its line break is an artefact.

    The part after the last stop must not itself be a heading (`……。三、2017年重点工作`), and photo
    captions (`……本报记者 X 摄`) are left alone.
    """
    if not _ends_open(paragraph) or paragraph.endswith("摄"):
        return False
    if _HEADING_RE.match(paragraph) and not paragraph.lstrip().startswith("——"):
        # (A dash item, `——经济稳中向好。生产总值达到74.4`, is body text that a copy may break.)
        return False
    stops = list(_SENTENCE_STOP_RE.finditer(paragraph))
    if not stops:
        return False
    tail = paragraph[stops[-1].end() :]
    return bool(tail) and not _HEADING_RE.match(tail)


def _title_fragment(line: _Line, following: _Line, adjacent: bool) -> bool:
    """`政府工作报\\n告`: a short line ending in CJK, then a line of one or two CJK characters."""
    return (
        adjacent
        and len(line.content) <= _MAX_TITLE_LINE
        and bool(_CJK_RE.match(line.content[-1]))
        and bool(_CJK_FRAGMENT_RE.fullmatch(following.content))
    )


_BARE_PAGE_NUMBER_RE = re.compile(r"\d{1,3}")


def _bare_page_numbers(lines: list[_Line | None], min_wrapped: float) -> list[Edit]:
    """Page numbers printed as a bare number (`12`) where a page break fell inside a paragraph of a
    PDF extraction: removed, and their lines set to None so that the paragraph is joined across them.

    Only after a wrapped line that ends open: a short line of a table or a list never qualifies.
    """
    edits: list[Edit] = []
    previous: _Line | None = None
    for index, line in enumerate(lines):
        if line is None:
            continue
        if (
            previous is not None
            and _BARE_PAGE_NUMBER_RE.fullmatch(line.content)
            and previous.width >= min_wrapped
            and _ends_open(previous.content)
        ):
            edits.append((line.start, line.end, ""))
            lines[index] = None
            continue
        previous = line
    return edits


def join_sentence_breaks(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """Join lines that were broken inside a sentence; keep paragraph breaks.

    A break (the '\\n' and any blank lines) between line A and the next non-blank line B is removed when
    B does not start a heading or list item and one of these holds:
    - the document looks PDF-broken (`_typical_wrapped_length`), A is about as long as a wrapped line
      and ends without sentence-final punctuation;
    - the paragraph ending with A contains a full stop but then stops mid-clause (`_broken_mid_sentence`),
      which only happens when a converter wrapped the line, so it is safe in any document;
    - B is a one- or two-character fragment of a title (`政府工作报\\n告`).
    Decisions use the paragraph joined so far, so normalising the output again joins nothing more.
    """
    lines = _lines(text, offsets)
    present = [ln for ln in lines if ln is not None]
    typical = _typical_wrapped_length(present)
    min_wrapped = typical * _WRAPPED_LENGTH_SHARE if typical else None

    edits: list[Edit] = []
    if min_wrapped is not None:
        edits.extend(_bare_page_numbers(lines, min_wrapped))
    paragraph = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line is None:
            index += 1
            continue
        paragraph += line.content
        following_index = index + 1
        while following_index < len(lines) and lines[following_index] is None:
            following_index += 1
        if following_index == len(lines):
            break
        following = lines[following_index]
        assert following is not None
        join = False
        joinable = _JOINABLE_START_RE.match(following.content) or (
            _NOTE_MARK_RE.match(following.content) and not _NOTE_MARK_RE.match(paragraph.lstrip())
        )
        if not _HEADING_RE.match(following.content) and joinable:
            in_heading = _NUMBERED_HEADING_RE.match(paragraph) is not None and not _SENTENCE_STOP_RE.search(paragraph)
            # (A full line may also end on a clause's end: `…增长（按可比价格计算）\n5%`.)
            goes_on = _ends_open(paragraph) or (paragraph[-1] in _CLAUSE_END and typical is not None and line.width >= typical)
            wrapped = (
                min_wrapped is not None
                and line.width >= min_wrapped
                and goes_on
                # A heading shorter than a full line ends there (`一、2024年工作回顾——…` then its body).
                and not (typical is not None and len(paragraph) < typical and _TOP_HEADING_RE.match(paragraph))
            )
            if in_heading and typical:
                # A numbered heading goes on only from a nearly full line; one well over the width was never wrapped.
                wrapped = typical * _FULL_LINE_SHARE <= line.width <= typical * _WHOLE_LINE_SHARE and goes_on
            join = wrapped or _broken_mid_sentence(paragraph)
        if not join and _title_fragment(line, following, following_index == index + 1):
            join = True
        if join:
            # Two words or two numbers either side of the break stay apart (`5\n\n3万人` is not 53).
            latin_pair = _LATIN_EDGE.match(line.content[-1]) and _LATIN_EDGE.match(following.content[0])
            digit_pair = line.content[-1].isdigit() and following.content[0].isdigit()
            edits.append((line.end, following.start, " " if latin_pair or digit_pair else ""))
        else:
            paragraph = ""
        index = following_index
    # A join across a removed page number covers its edit, which `_apply_edits` then skips.
    return _apply_edits(text, offsets, sorted(edits))


# ---------------------------------------------------------------------------------------------------------
# Step 7: spaces and blank lines

_SPACE_RUN_RE = re.compile(" {2,}")
# Written to start with a literal (' ' or '\n'), which the regex engine searches fast.
_TRAILING_SPACE_RE = re.compile(r" +(?=\n|\Z)")
_LEADING_SPACE_RE = re.compile(r"\n +|\A +")
# Spaces between Chinese and numbers/latin (`220 亿元`, `增长 5 %`) or next to Chinese punctuation are
# typesetting artefacts; spaces between two CJK characters (`市长 汪 泉`) are left alone.
_ARTEFACT_SPACE_RE = re.compile(
    f" (?:(?<=[{_CJK}{_CN_PUNCT}] )(?=[0-9A-Za-z%{_CN_PUNCT}])"
    f"|(?<=[0-9A-Za-z%{_CN_PUNCT}] )(?=[{_CJK}{_CN_PUNCT}])"
    r"|(?<=\d )(?=%))"
)
_BLANK_LINES_RE = re.compile(r"\n{3,}")
# Web copies that run a report's paragraphs into one line keep a space where each began: a space after a
# sentence's end and before a list mark or a numbered heading (`。 ——`, `。 （二）`) is a paragraph break.
_RUN_IN_PARAGRAPH_RE = re.compile(r"(?<=[。！？；]) (?=——|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
_LEADING_NEWLINES_RE = re.compile(r"\A\n+")
# A line this long is a copy whose paragraphs were run together (a news page), not a paragraph; in it,
# a space after a sentence's end, or after a short run of words without punctuation (a heading: `一、
# 2023年工作回顾 过去的一年`, `2023年工作回顾 2023年是…`), is where a paragraph began.
_FLAT_LINE_RE = re.compile(r"(?m)^[^\n]{2000,}")
_FLAT_PARAGRAPH_SPACE_RE = re.compile(
    rf"(?<=[。！？；：:”]) (?=[{_CJK}“（(—①-⑳])|(?:(?<=[。！？；：:\n ])|^)[^。！？；：:，,、\n ]{{2,40}}?[{_CJK}”》）)](?P<heading> )(?=[{_CJK}\d“（(—])"
)
# A numbered part heading of a few words, closed by a Chinese character (`一、2023年工作回顾`).
_RUN_IN_HEADING = rf"[一二三四五六七八九十]{{1,2}}、[^\s。，,；;！？：:]{{2,38}}[{_CJK}”》)）]"
# A part's heading run into the sentence before it without a space (`…审议。一、2024年工作总结 一年来…`)
# begins a paragraph too: a line break goes in before it.
_GLUED_HEADING_RE = re.compile(rf"(?<=[。！？；])(?={_RUN_IN_HEADING} [^\n]{{20}})")
# ...and the space after such a part's heading ends the heading (`\n一、2023年工作回顾 2023年是…`): a
# numbered heading of a few words, closed by a Chinese character, then a space and a paragraph.
_RUN_IN_HEADING_END_RE = re.compile(rf"(?m)^{_RUN_IN_HEADING}(?P<space> )(?=[^\n]{{20}})")


def _paragraph_breaks_of_flat_line(line: re.Match[str]) -> list[Edit]:
    edits = []
    for space in _FLAT_PARAGRAPH_SPACE_RE.finditer(line.string, line.start(), line.end()):
        at = space.start("heading") if space.group("heading") else space.start()
        edits.append((at, at + 1, "\n"))
    return edits


def tidy_spaces(text: str, offsets: Offsets) -> tuple[str, Offsets]:
    """One space where there were several, none at line edges or as typesetting artefacts; at most one
    blank line in a row; no blank lines at the start or end."""
    text, offsets = _sub(_SPACE_RUN_RE, " ", text, offsets)
    text, offsets = _sub(_FLAT_LINE_RE, _paragraph_breaks_of_flat_line, text, offsets)
    text, offsets = _sub(_RUN_IN_PARAGRAPH_RE, "\n", text, offsets)
    text, offsets = _sub(_GLUED_HEADING_RE, lambda match: [(match.start(), match.start(), "\n")], text, offsets)
    text, offsets = _sub(_RUN_IN_HEADING_END_RE, lambda match: [(match.start("space"), match.end("space"), "\n")], text, offsets)
    text, offsets = _sub(_TRAILING_SPACE_RE, "", text, offsets)
    text, offsets = _sub(_LEADING_SPACE_RE, lambda m: m.group().rstrip(" "), text, offsets)
    text, offsets = _sub(_ARTEFACT_SPACE_RE, "", text, offsets)
    text, offsets = _sub(_BLANK_LINES_RE, "\n\n", text, offsets)
    text, offsets = _sub(_LEADING_NEWLINES_RE, "", text, offsets)
    # Trailing newlines without a regex: `\n+\Z` would be tried at every newline of the document.
    body_end = len(text.rstrip("\n"))
    return _apply_edits(text, offsets, [(body_end, len(text), "")] if body_end < len(text) else [])


# ---------------------------------------------------------------------------------------------------------
# The pipeline


_IDENTITY: list[array] = [array("l", range(1 << 16))]


def _identity_offsets(length: int) -> array:
    """`array('l', range(length))`, sliced from a cached, growing identity array (a memcpy, not a loop)."""
    if len(_IDENTITY[0]) < length:
        size = max(length, 2 * len(_IDENTITY[0]))
        _IDENTITY[0] = array("l", range(size))
    return _IDENTITY[0][:length]


# A lone surrogate (half of a UTF-16 pair, from a broken decode) is no character: it cannot be
# encoded, and OpenCC refuses the text. It becomes U+FFFD, one character for one, offsets unchanged.
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(text: str) -> str:
    return _LONE_SURROGATE_RE.sub("\ufffd", text) if _LONE_SURROGATE_RE.search(text) else text


def unnormalized(text: str) -> NormalizedText:
    """`text` as it is, with the identity map: for pipelines that do not normalise."""
    text = _without_lone_surrogates(text)
    return NormalizedText(text, _identity_offsets(len(text) + 1), len(text))


def normalize(
    text: str,
    *,
    convert_traditional: bool = True,
    strip_non_body: bool = True,
    join_broken_lines: bool = True,
    lexicon: Lexicon | None = None,
) -> NormalizedText:
    """Normalise a report text and keep the map from normalised to original offsets.

    `convert_traditional`, `strip_non_body` and `join_broken_lines` switch steps 3-4, 5 and 6 off;
    whitespace, full-width folding and space tidying always run; `lexicon` gives the chrome lines
    (the package's by default). Never raises on a `str`.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, got {type(text).__name__}")
    offsets = _identity_offsets(len(text) + 1)
    original_length = len(text)
    text = _without_lone_surrogates(text)
    steps: list[Callable[[str, Offsets], tuple[str, Offsets]]] = [clean_whitespace, fold_fullwidth, ascii_full_stops]
    if convert_traditional:
        steps += [to_simplified, strip_pinyin_glosses]
    # After the glosses are gone: `龍(lóng)?徐水` has its loss marker between two characters only then.
    steps.append(mark_lost_characters)
    if strip_non_body:
        lexicon = lexicon or default_lexicon()
        steps += [partial(remove_non_body, chrome_line_re=lexicon.chrome_line_re), close_spaced_runs]
    if join_broken_lines:
        steps.append(join_sentence_breaks)
    if strip_non_body:
        # After joining: a note wrapped over two lines is one again, and removing it first would
        # shorten its line below the wrapped length.
        steps.append(partial(drop_inline_notes, verbs=lexicon.words(*_NOTE_VERB_CUES)))
    steps.append(tidy_spaces)
    current = text
    for step in steps:
        current, offsets = step(current, offsets)
    return NormalizedText(current, offsets, original_length)
