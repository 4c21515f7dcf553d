"""`govie_quantities`: every number with its unit, bound and range, or the reason it is no record;
kept numbers as VALUE and UNIT spans (`doc.spans["values"]`, `doc.spans["units"]`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, default_lexicon, trie_pattern
from ..lexicon.numbers import ARABIC_NUMBER, CHINESE_NUMBER, PERCENT_WORDS, RANGE_DASHES, parse_number, split_chinese_magnitude
from .state import doc_state
from .tokenizer import pipeline_lexicon

_CHINESE = (
    rf"{CHINESE_NUMBER}|(?<={PERCENT_WORDS})百"
    r"|[百千](?=余?[万亿]{1,2}(?:元|美元|人次|人|户|吨|亩|千瓦|平方米|个|家|件|项|斤))"
)
# What a magnitude alone may count (`近亿元`, `近万人`), as for `百`/`千` heads above.
_BARE_MAGNITUDE_UNITS = r"余?(?:元|美元|人次|人|户|吨|亩|千瓦|平方米|个|家|件|项|斤)(?!以上项目|项目|企业|级)"
BARE_MAGNITUDES = {"万": 1e4, "亿": 1e8}
RANGE_SEPARATOR = rf"\s?(?:[{RANGE_DASHES}至]{{1,2}})\s?"
DATE_SUFFIX = re.compile(r"(?:年|月|日|号|时|点|周年|世纪|季度|届|次会议|次全会|次党代会|大|中全会|号文件)")
# Exclusions the relation model does not overturn: these rules are near exact, and a comparison's
# gap or a date looks like a record in every feature but the one that excluded it.
FINAL_EXCLUSIONS = frozenset({"date", "footnote", "fraction", "rank", "comparison", "definition"})
# An entry of a glossary: a numbered term and its colon (`[3]淘宝村：`, `〔7〕…：`, `15.“克重化”管理：`),
# or a bracketed term (`9.[“12345”总体发展战略]是…`), to the end of its line.
GLOSSARY_ENTRY = re.compile(
    r"^[ \t]*(?:[\[［【〔(（][ \t]*\d{1,3}[ \t]*[\]］】〕)）][ \t]*[^\n：:]{1,40}[：:]|\d{1,3}[.．、][ \t]*(?:[^\n：:]{1,40}[：:]|\[[^\]\n]{1,40}\]))[^\n]*",
    re.M,
)
# `十二届九次、十次全会`: the number of a plenary session of a term names it (`召开9次全体会议` counts).
SESSION = re.compile(r"(?:全会|全体会议)")
TERM = re.compile(r"届[^，。；]{0,4}$")
FOOTNOTE = re.compile(r"[\[［【〔]\d+[\]］】〕]|[①-⑳]")


@dataclass
class Quantity:
    """A number of the normalised text, or a range of two; `excluded` says why it is no record."""

    start: int
    end: int
    value: float
    unit: str
    bound: str = "exact"
    high_value: float | None = None
    high_start: int | None = None
    high_end: int | None = None
    unit_start: int | None = None
    unit_end: int | None = None
    bound_text: str = ""
    excluded: str | None = None

    @property
    def is_range(self) -> bool:
        return self.high_value is not None

    mention_end: int = 0
    growth_after: bool = False
    # Where the mention begins: before the number when a unit is written first (`百分之五`).
    mention_start: int = 0

    @property
    def number_end(self) -> int:
        return self.high_end if self.high_end is not None else self.end


class QuantityFinder:
    """The number pattern and bound words of one lexicon, compiled once."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        lexicon = self.lexicon
        magnitude = lexicon.numbers.unit_prefix
        after = "|".join(trie_pattern(lexicon.cues[key]) for key in ("bound_approx_after", "bound_min_after", "bound_max_after"))
        # `突破万亿元`, `近亿元`, `增收万元以上`: a magnitude alone is the number after a bound word.
        bare_after = "|".join(
            f"(?<={re.escape(word)})"
            for key in ("bound_approx_before", "bound_min_before", "bare_magnitude_before")
            for word in lexicon.cues.get(key, ())
        )
        bare_magnitude = rf"(?=[万亿])(?:{bare_after})(?:万(?=亿)|[万亿](?={_BARE_MAGNITUDE_UNITS}))" if bare_after else "(?!)"
        return re.compile(
            rf"(?P<pct_words>{PERCENT_WORDS})?(?P<low>{ARABIC_NUMBER}|{_CHINESE}|{bare_magnitude})(?P<low_pct>%|‰)?"
            rf"(?:(?P<sep>{RANGE_SEPARATOR})(?P<high>{ARABIC_NUMBER}))?"
            rf"(?:(?P<approx_before>余|多)?(?P<magnitude>{magnitude})?(?P<approx>余|多)?(?P<base>{lexicon.unit_pattern})|(?P<bare_approx>余|多)?(?P<bare>{magnitude}))?"
            rf"(?P<after>{after})?"
        )

    @cached_property
    def bound_of(self) -> dict[tuple[str, str], str]:
        bound_of: dict[tuple[str, str], str] = {}
        for bound, keys in (
            ("approx", ("bound_approx_after", "bound_approx_before")),
            ("min", ("bound_min_after", "bound_min_before")),
            ("max", ("bound_max_after", "bound_max_before")),
        ):
            for key in keys:
                for word in self.lexicon.cues[key]:
                    bound_of.setdefault(("after" if key.endswith("after") else "before", word), bound)
        return bound_of

    @cached_property
    def words(self) -> _CountWords:
        cues = self.lexicon.cues
        # A pipeline saved before `count_result_verbs` existed keeps its tables: it reads no count as a result.
        verbs = cues.get("count_result_verbs", ())
        return _CountWords(
            list_count_units=frozenset(cues["list_count_units"]),
            quantity_units=frozenset(cues["rate_units"] + cues["point_units"]),
            result_before=re.compile(rf"(?:{trie_pattern(verbs)})了?$|等$" if verbs else r"等$"),
        )

    def __call__(self, text: str) -> list[Quantity]:
        """Every number of `text` with unit, bound and range; numbers that are no record carry `excluded`."""
        found: list[Quantity] = []
        bound_of, words = self.bound_of, self.words
        for match in self.pattern.finditer(text):
            quantity = _quantity_from_match(text, match, bound_of, words)
            if quantity is not None:
                found.append(quantity)
        entries = self._glossary_entries(text)
        for quantity in found:
            if any(start <= quantity.start < end for start, end in entries):
                quantity.excluded = "definition"
        return found

    @cached_property
    def glossary_heading(self) -> re.Pattern[str]:
        words = self.lexicon.cues.get("glossary_headings", ())
        return re.compile(rf"^[^\n]{{0,6}}(?:{trie_pattern(words)})[^\n]{{0,6}}$", re.M) if words else re.compile("(?!)")

    def _glossary_entries(self, text: str) -> list[tuple[int, int]]:
        """The entries of a glossary after the report (`※名词解释※`, then `[3]淘宝村：“淘宝村”是指…`):
        their figures define a term, they report nothing (GUIDELINE, rulings after the first county pass)."""
        heading = self.glossary_heading.search(text)
        if heading is None:
            return []
        return [match.span() for match in GLOSSARY_ENTRY.finditer(text, heading.end())]


@dataclass(frozen=True)
class _CountWords:
    list_count_units: frozenset[str]  # classifiers: a number with one of them counts items
    quantity_units: frozenset[str]  # rates and points: never a count
    result_before: re.Pattern[str]  # what makes a small count one of things done, built or reached


def find_quantities(text: str, lexicon: Lexicon | None = None) -> list[Quantity]:
    """Every number of `text` (see `QuantityFinder`), with the package's lexicon by default."""
    return QuantityFinder(lexicon or default_lexicon())(text)


def _quantity_from_match(text: str, match: re.Match, bound_of: dict, words: _CountWords) -> Quantity | None:
    low_text = match.group("low")
    is_chinese = not re.match(r"[-−\d]", low_text)
    in_words = match.group("pct_words") is not None
    if in_words and any(match.group(g) for g in ("low_pct", "high", "base", "bare")):
        # `百分之五%` or `百分之五个` is no way of writing a number.
        return None
    # `3亿多元`, `1.5万余家`: the approximation word sits inside the unit; the unit is written without it.
    unit = (match.group("magnitude") or "") + (match.group("base") or "") if match.group("base") else match.group("bare") or ""
    unit_start = next((match.start(g) for g in ("magnitude", "base", "bare") if match.group(g)), match.end())
    if in_words:
        unit = "%"
    elif is_chinese:
        low_text, magnitude = split_chinese_magnitude(low_text)
        if magnitude and unit.startswith(("万", "亿")):
            return None
        unit = magnitude + unit
        if not unit or unit == magnitude:
            return None
    value = BARE_MAGNITUDES[low_text] if low_text in BARE_MAGNITUDES else parse_number(low_text)
    if value is None:
        return None
    start = match.start("low")
    end = start + len(low_text)
    pct = match.group("low_pct") or ""
    high_text = match.group("high")
    if pct and not unit:
        unit = pct
    elif pct and high_text and unit in ("%", "‰"):
        pass
    elif pct:
        # `5%个百分点` does not occur; a percent sign followed by another unit word closes the number.
        unit = pct
    quantity = Quantity(start=start, end=end, value=value, unit=unit, mention_end=match.end(), mention_start=match.start())
    if in_words:
        quantity.unit_start, quantity.unit_end = match.span("pct_words")
    elif unit:
        if pct and not match.group("base"):
            unit_start = match.start("low_pct")
        elif is_chinese and unit_start > end:
            unit_start = end
        quantity.unit_start, quantity.unit_end = unit_start, max(unit_start + len(unit), match.end("base") if match.group("base") else 0)
    if high_text is not None:
        high = parse_number(high_text)
        if high is not None and high >= value:
            quantity.high_value = high
            quantity.high_start = match.start("high")
            quantity.high_end = match.end("high")
    after = match.group("after")
    approx = match.group("approx") or match.group("approx_before") or match.group("bare_approx")
    if approx:
        quantity.bound = "min"
        quantity.bound_text = approx
    elif after:
        quantity.bound = bound_of.get(("after", after), "exact")
        quantity.bound_text = after
    else:
        before = _bound_word_before(text, quantity.mention_start, bound_of)
        if before:
            quantity.bound = bound_of[("before", before)]
            quantity.bound_text = before
    quantity.excluded = _exclusion(text, match, quantity, is_chinese, words)
    # `保持15%以上增速`: the rate named after the number.
    quantity.growth_after = bool(re.match(r"(?:的)?(?:增速|增长|增幅|的增长)", text[match.end() : match.end() + 4]))
    return quantity


def _bound_word_before(text: str, start: int, bound_of: dict) -> str:
    window = text[max(0, start - 6) : start]
    best = ""
    for (side, word), _ in bound_of.items():
        if side == "before" and window.endswith(word) and len(word) > len(best):
            best = word
    return best


def _exclusion(text: str, match: re.Match, quantity: Quantity, is_chinese: bool, words: _CountWords) -> str | None:
    start, end = quantity.start, match.end()
    before = text[max(0, quantity.mention_start - 4) : quantity.mention_start]
    following = text[end : end + 4]
    number_end = quantity.high_end or quantity.end
    right_after_number = text[number_end : number_end + 4]
    if (
        is_chinese
        and quantity.value < 10
        and not quantity.unit.startswith(("万", "亿"))
        and not _small_numeral_counts(text, quantity, words)
    ):
        return "list count"
    if not quantity.unit and DATE_SUFFIX.match(right_after_number):
        return "date"
    if (re.match(r"\s?[A-Za-z]", right_after_number) and not quantity.unit) or re.search(r"[A-Za-z]$", before):
        return "name"
    if quantity.unit == "次" and SESSION.match(text, number_end + 1) and TERM.search(text, max(0, start - 6), start):
        return "name"
    if before[-1:] in ("第",) or re.search(r"(?:前|后|位次|排名|位居|居全[国省市])$", before):
        return "rank"
    if quantity.unit in words.list_count_units and MILESTONES.match(text, quantity.mention_end):
        # `连跨4个千亿台阶`, `跨过3个万亿级关口`: thresholds passed, a place on a scale, no quantity.
        return "rank"
    if before[-1:] in ("+", "×", "·", ".") or right_after_number[:1] in ("+", "×", "·"):
        return "name"
    if right_after_number.startswith(("千伏", "kV", "KV", "千瓦级", "强", "佳")):
        return "name"
    if FOOTNOTE.match(text, max(0, start - 1)) or (before.endswith(("[", "［", "【", "〔")) and following[:1] in ("]", "］", "】", "〕")):
        return "footnote"
    if right_after_number.startswith("/") or before.endswith("/"):
        return "fraction"
    if _counts_the_list_before(text, quantity, words.list_count_units):
        return "list count"
    if _inside_short_quote(text, start, end):
        return "name"
    if quantity.unit and not quantity.unit.startswith(("%", "‰")) and _modifies_following_noun(text, match, words.list_count_units):
        return "name"
    if not quantity.unit and not quantity.is_range and quantity.value >= 1900 and quantity.value <= 2100 and quantity.value.is_integer():
        return "date"
    if quantity.is_range and not quantity.unit and 1900 <= quantity.value <= 2100:
        return "date"
    return None


def _small_numeral_counts(text: str, quantity: Quantity, words: _CountWords) -> bool:
    """Whether a Chinese numeral below ten states a quantity. Most of them name or brand a set
    (`三大攻坚战`, `“四个意识”`, `八个方面工作`, `一批项目`, `九届九次全会`) or are idioms (`想在一起`,
    `发现一起、查处一起`), and are left out. A rate or a change in points is a quantity (`提高六个百分点`,
    `百分之五`), as is a bounded share or measure (`超过四成`). A count is one when it counts things done,
    built or reached (RECORDS.md): after a verb of result (`建成两条示范街`, `新增一家医院`), after `等`
    closing a list it goes beyond (`甲、乙等四家企业`), or after its noun at the end of a clause
    (`新建道路七条，`). A count that announces the list it sums up (`完成七项任务：`) is none."""
    if quantity.unit in words.quantity_units:
        return True
    if text[max(0, quantity.start - 1) : quantity.start] == "届" or (quantity.value == 1 and quantity.unit == "批"):
        return False
    after = text[quantity.mention_end : quantity.mention_end + 1]
    if after == "月" or ANNOUNCES_LIST.match(text, quantity.mention_end):
        return False
    one = quantity.value == 1
    if quantity.bound != "exact" and quantity.unit not in words.list_count_units:
        return not one
    result_word = words.result_before.search(text, max(0, quantity.start - 6), quantity.start)
    if result_word:
        # `一` only counts when a noun follows (`新增一家医院`; `发现一个，取缔一个` is an idiom).
        return not one or (result_word.group() != "等" and bool(CJK.match(after)))
    return not one and after in CLAUSE_ENDS


# What a count of thresholds passed counts (`4个千亿台阶`, `3个万亿级关口`, `两个百亿大关`).
MILESTONES = re.compile(r"[^，。；,;\n]{0,6}?(?:台阶|大关|关口)")
CLAUSE_ENDS = frozenset("，。；,;")
CJK = re.compile(r"[\u4e00-\u9fff]")
# `完成七项任务：`: a count whose clause ends in a colon sums up the list that follows.
ANNOUNCES_LIST = re.compile(r"[^，。；,;：:\n]{0,12}[：:]")


def _counts_the_list_before(text: str, quantity: Quantity, list_count_units: frozenset[str]) -> bool:
    """`发展水产、稻米、菜籽油、生猪4条产业链`: the number only counts the items just listed."""
    if not quantity.value.is_integer() or quantity.value < 2 or quantity.value > 12 or quantity.unit not in list_count_units:
        return False
    clause_start = max(text.rfind(ch, 0, quantity.start) for ch in "，。；：,;:\n") + 1
    items = text[clause_start : quantity.start].split("、")
    return len(items) == int(quantity.value) and all(0 < len(item) <= 16 for item in items[1:])


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    """`“十四五”`, `"1+7+3"`: a number inside a short quoted name."""
    left = text.rfind("“", max(0, start - 10), start)
    if left < 0:
        left = text.rfind('"', max(0, start - 10), start)
    if left < 0:
        return False
    closing = re.compile(r"[”\"]").search(text, end, end + 10)
    if closing is None:
        return False
    inner = text[left + 1 : closing.start()]
    return len(inner) <= 12 and not re.search(r"[，。；,;]", inner)


def _modifies_following_noun(text: str, match: re.Match, classifiers: frozenset[str]) -> bool:
    """`10亿元以上项目`, `500万元以上固定资产投资`, `百万吨级`: a threshold inside a name, not a value.
    A classifier counts the noun it stands before (`确保170个以上项目开工`): that is a count, not a name."""
    unit = (match.group("magnitude") or "") + (match.group("base") or "")
    after = match.group("after") or ""
    tail = text[match.end() : match.end() + 2]
    if after in ("以上", "以下") and unit:
        if unit in classifiers:
            return False
        return bool(re.match(r"[\u4e00-\u9fff]", tail)) and not re.match(r"(?:的|和|及|与|增|下|左|占|比|同|较|，|、|。|；)", tail)
    return tail.startswith("级")


class QuantityComponent:
    def __init__(self, nlp: Language, name: str, *, values_key: str, units_key: str) -> None:
        self.name = name
        self.values_key = values_key
        self.units_key = units_key
        self.find = QuantityFinder(pipeline_lexicon(nlp))

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        state.quantities = quantities = self.find(state.text)
        values: list[Span] = []
        units: list[Span] = []
        for quantity in quantities:
            if quantity.excluded:
                continue
            value_span = doc.char_span(quantity.start, quantity.number_end, label="VALUE", alignment_mode="expand")
            if value_span is not None:
                values.append(value_span)
            if quantity.unit_start is not None:
                unit_span = doc.char_span(quantity.unit_start, quantity.unit_end, label="UNIT", alignment_mode="expand")
                if unit_span is not None:
                    units.append(unit_span)
        doc.spans[self.values_key] = values
        doc.spans[self.units_key] = units
        return doc


@Language.factory(
    "govie_quantities",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"values_key": "values", "units_key": "units"},
)
def make_quantities(nlp: Language, name: str, values_key: str, units_key: str) -> QuantityComponent:
    return QuantityComponent(nlp, name, values_key=values_key, units_key=units_key)
