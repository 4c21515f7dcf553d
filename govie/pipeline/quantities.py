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

# What a `百`/`千` head or a magnitude alone may count (`百亿元`, `千万人次`, `近亿元`, `近万人`).
_MAGNITUDE_COUNTS = r"(?:元|美元|人次|人|户|吨|亩|千瓦|平方米|个|家|件|项|斤)"
# What may follow a magnitude reached without its unit (`产值突破百亿。`, `投资超百亿的…建设`).
_MAGNITUDE_END = r"[，。、；：,;:]|以上|左右|的"
_CHINESE = rf"{CHINESE_NUMBER}|(?<={PERCENT_WORDS})百|[百千](?=余?[万亿]{{1,2}}(?:{_MAGNITUDE_COUNTS}|{_MAGNITUDE_END}))"
_BARE_MAGNITUDE_UNITS = rf"余?{_MAGNITUDE_COUNTS}(?!以上项目|项目|企业|级)"
BARE_MAGNITUDES = {"万": 1e4, "亿": 1e8}
# The cue lists of the words after which a magnitude is an amount (`突破万亿元`, `近亿元`, `突破百亿。`).
MAGNITUDE_BEFORE_KEYS = ("bound_approx_before", "bound_min_before", "bare_magnitude_before")
# A pattern that matches nothing: for a word list a pipeline saved before it existed has not.
NEVER = re.compile("(?!)")
RANGE_SEPARATOR = rf"\s?(?:[{RANGE_DASHES}至]{{1,2}})\s?"
DATE_SUFFIX = re.compile(r"(?:年|月|日|号|时|点|周年|世纪|季度|届|次会议|次全会|次党代会|大|中全会|号文件)")
# Exclusions the relation model does not overturn: these rules are near exact, and a comparison's
# gap or a date looks like a record in every feature but the one that excluded it.
FINAL_EXCLUSIONS = frozenset({"date", "footnote", "fraction", "rank", "comparison", "definition"})
# An entry of a glossary: a numbered term and its colon (`[3]淘宝村：`, `〔7〕…：`, `15.“克重化”管理：`),
# or a bracketed term (`9.[“12345”总体发展战略]是…`), to the end of its line; after a list mark a
# copy may have put before it (`——〔7〕`, `⑤[6]`, `（十三）[14]`).
GLOSSARY_ENTRY = re.compile(
    r"^[ \t]*(?:[①-⑳]|[—－]{1,2}|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])?[ \t]*(?:[\[［【〔(（][ \t]*\d{1,3}[ \t]*[\]］】〕)）][ \t]*[^\n：:]{1,40}[：:]|\d{1,3}[.．、][ \t]*(?:[^\n：:]{1,40}[：:]|\[[^\]\n]{1,40}\]))[^\n]*",
    re.M,
)
# `十二届九次、十次全会`: the number of a plenary session of a term names it (`召开9次全体会议` counts).
PARENTHESISED = re.compile(r"[（(][^（()）]*[）)]")
RATIO_TO_ONE = re.compile(r"\d\s?[:：∶]\s?$")
# Words that say how fast a rate written after a number runs (`年均8.6%的较高增速`).
RATE_MODIFIERS = r"较?高|较快|快速|稳定|中?高速"
GROWTH_AFTER = re.compile(rf"的?(?:{RATE_MODIFIERS})?(?:增速|增长(?![到至])|增幅)")
SESSION = re.compile(r"(?:全会|全体会议|会议)")
TERM = re.compile(r"届[^，。；]{0,4}$")
DIGIT_RUN = re.compile(r"[一二两三四五六七八九]{2,}")
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
    # A count of things done, built or reached that the rules read from its words (`建成两条示范街`):
    # a record whatever the relation model says (it learned from few Chinese-numeral counts).
    counted: bool = False
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
        bare_after = "|".join(f"(?<={re.escape(word)})" for key in MAGNITUDE_BEFORE_KEYS for word in lexicon.cues.get(key, ()))
        bare_magnitude = rf"(?=[万亿])(?:{bare_after})(?:万(?=亿)|[万亿](?={_BARE_MAGNITUDE_UNITS}))" if bare_after else NEVER.pattern
        return re.compile(
            rf"(?P<pct_words>{PERCENT_WORDS})?(?P<low>(?P<arabic>{ARABIC_NUMBER})|{_CHINESE}|{bare_magnitude})(?P<low_pct>%|‰)?"
            rf"(?:(?P<sep>{RANGE_SEPARATOR})(?P<high>{ARABIC_NUMBER}))?"
            rf"(?:(?P<approx_before>余|多)?(?P<magnitude>{magnitude})?(?P<approx>余|多)?(?P<base>(?(arabic){lexicon.unit_pattern}|{lexicon.chinese_numeral_unit_pattern}))|(?P<bare_approx>余|多)?(?P<bare>{magnitude}))?"
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
        # A pipeline saved before these lists existed keeps its tables: it reads fewer counts as results.
        verbs = cues.get("count_result_verbs", ())
        after = cues.get("count_result_after", ())
        adverbs = trie_pattern(cues.get("count_result_adverbs", ("已",)))
        never = NEVER.pattern
        return _CountWords(
            list_count_units=frozenset(cues["list_count_units"]),
            count_units=frozenset(cues["count_units"]),
            quantity_units=frozenset(cues["rate_units"] + cues["point_units"]),
            result_before=re.compile(rf"(?:{trie_pattern(verbs)})了?$|等$" if verbs else r"等$"),
            action_before=re.compile(rf"(?:{trie_pattern(cues['count_action_verbs'])})了?$" if "count_action_verbs" in cues else never),
            # A verb of result that closes its clause (`建成投产，`), not a noun (`启动区`) nor a time (`建成后`).
            result_after=re.compile(rf"(?:{adverbs})*(?:{trie_pattern(after)})+(?=[，。；、,;：:\s）)]|了|并|$)" if after else never),
            # The noun a count stands before, up to the end of its phrase or an adverb or verb of result
            # after it; a quoted name after the classifier (`四个“千字号”产业集群`) brands a set and gives none.
            noun_after=re.compile(
                rf"{CJK.pattern}{{1,10}}?(?=[，。；：、,;:（(“”\"\s]|和|及|与|$|{adverbs}" + (rf"|{trie_pattern(after)})" if after else ")")
            ),
            repeat_before=re.compile(rf"(?:{trie_pattern(cues['count_repeat_before'])})$" if "count_repeat_before" in cues else never),
            repeat_units=frozenset(cues.get("count_repeat_units", ())),
            set_units=frozenset(cues.get("count_set_units", ("大",))),
            # `七台河`, `六盘水`: places whose names open with a numeral and a classifier.
            numbered_places=re.compile(
                trie_pattern(
                    sorted({n for r in self.lexicon.regions for n in (r.name, r.bare, *r.aliases) if n[:1] in CHINESE_DIGIT_CHARS})
                )
                or never
            ),
            article_units=frozenset(cues.get("count_article_units", ("批",))),
            # At the end of the counted noun: `八个方面工作` names a set, `九个工作专班` counts teams.
            action_set_nouns=re.compile(
                rf"(?:{trie_pattern(cues['count_action_set_nouns'])})$" if "count_action_set_nouns" in cues else never
            ),
            programme_units=frozenset(cues.get("count_programme_units", ())),
            leaders=re.compile(trie_pattern(cues["count_leaders"]) if "count_leaders" in cues else never),
            set_nouns=re.compile(rf"(?:{trie_pattern(cues['count_set_nouns'])})$" if "count_set_nouns" in cues else never),
            reached_before=re.compile(
                rf"(?:{trie_pattern([w for key in (*MAGNITUDE_BEFORE_KEYS, 'level_to') for w in cues.get(key, ())])})$"
            ),
        )

    def __call__(self, text: str) -> list[Quantity]:
        """Every number of `text` with unit, bound and range; numbers that are no record carry `excluded`."""
        found: list[Quantity] = []
        bound_of, words = self.bound_of, self.words
        for match in self.pattern.finditer(text):
            quantity = _quantity_from_match(text, match, bound_of, words)
            if quantity is not None:
                if found and _continues_a_count(text, found[-1], quantity, words):
                    quantity.excluded, quantity.counted = None, True
                found.append(quantity)
        found = _with_doublings(text, found)
        entries = self._glossary_entries(text)
        for quantity in found:
            if any(start <= quantity.start < end for start, end in entries):
                quantity.excluded = "definition"
        return found

    @cached_property
    def glossary_heading(self) -> re.Pattern[str]:
        words = self.lexicon.cues.get("glossary_headings", ())
        return re.compile(rf"^[^\n]{{0,6}}(?:{trie_pattern(words)})[^\n]{{0,6}}$", re.M) if words else NEVER

    def _glossary_entries(self, text: str) -> list[tuple[int, int]]:
        """The entries of a glossary after the report (`※名词解释※`, then `[3]淘宝村：“淘宝村”是指…`):
        their figures define a term, they report nothing (GUIDELINE, rulings after the first county pass)."""
        heading = self.glossary_heading.search(text)
        if heading is None:
            return []
        return [match.span() for match in GLOSSARY_ENTRY.finditer(text, heading.end())]


# `翻一番`, `翻了两番`: the figure doubled once or twice over, growth of 1 or 3 倍 (GUIDELINE, settled
# decision 2).
DOUBLING = re.compile(r"翻(?:了)?(?P<times>一|两|二|三)番(?P<after>以上)?")
DOUBLING_TIMES = {"一": 1, "两": 2, "二": 2, "三": 3}


def _with_doublings(text: str, found: list[Quantity]) -> list[Quantity]:
    doublings = [
        Quantity(
            start=match.start("times"),
            end=match.end("times"),
            value=float(2 ** DOUBLING_TIMES[match.group("times")] - 1),
            unit="倍",
            bound="min" if match.group("after") else "exact",
            bound_text=match.group("after") or "",
            mention_start=match.start(),
            mention_end=match.end(),
        )
        for match in DOUBLING.finditer(text)
    ]
    if not doublings:
        return found
    taken = {quantity.start for quantity in found}
    return sorted(found + [q for q in doublings if q.start not in taken], key=lambda quantity: quantity.start)


@dataclass(frozen=True)
class _CountWords:
    list_count_units: frozenset[str]  # classifiers: a number with one of them counts items
    count_units: frozenset[str]  # units of counted things (`所`, `处`, `次`)
    quantity_units: frozenset[str]  # rates and points: never a count
    result_before: re.Pattern[str]  # what makes a small count one of things done, built or reached
    action_before: re.Pattern[str]  # verbs that also take a set as object (`打造`, `实施`): a count unless the noun names a set
    result_after: re.Pattern[str]  # a verb of result after the counted noun (`两条生产线全部投产`)
    repeat_before: re.Pattern[str]  # `先后四次`, `累计两轮`: times an action was done
    repeat_units: frozenset[str]
    set_units: frozenset[str]  # `三大`, `四类`: kinds or a branded set, never a count of things done
    article_units: frozenset[str]  # `一支队伍`, `一批项目`: `一` before them is an article
    numbered_places: re.Pattern[str]
    set_nouns: re.Pattern[str]  # what a branded set is called (`三项改革`, `八项战略`, `两个中心`)
    noun_after: re.Pattern[str]
    action_set_nouns: re.Pattern[str]  # what a verb that also takes sets makes a set of (`实施八项富民工程`)
    programme_units: frozenset[str]  # `八项富民工程` counts programmes, `三家医院改造工程` hospitals
    leaders: re.Pattern[str]  # `总书记`, `总理`: their visits and instructions are no figures of the region
    reached_before: re.Pattern[str]  # `突破`, `超过`, `达到`, `稳定在`: right before an amount reached


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
        # (A magnitude alone, `突破万亿大关`, has its own guard in the pattern.)
        if not unit or (unit.strip("万亿") == "" and low_text not in BARE_MAGNITUDES and not _magnitude_reached(text, match, words)):
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
    quantity.counted = is_chinese and quantity.excluded is None and _counts_results(text, quantity, words)
    # `保持15%以上增速`, `年均8.6%的较高增速`: the rate named after the number.
    quantity.growth_after = bool(GROWTH_AFTER.match(text, match.end(), match.end() + 6))
    return quantity


MAGNITUDE_REACHED_END = re.compile(_MAGNITUDE_END)


def _magnitude_reached(text: str, match: re.Match, words: _CountWords) -> bool:
    """`产值突破百亿`, `固投稳定在百亿以上`: a Chinese numeral of 万 or 亿 without a unit, after a word
    of reaching, is the amount reached (the gold writes its unit as the magnitude alone)."""
    return bool(words.reached_before.search(text, max(0, match.start() - 4), match.start())) and bool(
        MAGNITUDE_REACHED_END.match(text, match.end())
    )


# Words that end in a bound word and say nothing of the number: `签约79个项目` was signed, not "about".
WORD_ENDING_IN_BOUND = re.compile(r"(?:签|节|履|预|违|缔|制)约$")


def _bound_word_before(text: str, start: int, bound_of: dict) -> str:
    window = text[max(0, start - 6) : start]
    best = ""
    for (side, word), _ in bound_of.items():
        if side == "before" and window.endswith(word) and len(word) > len(best):
            best = word
    if best and WORD_ENDING_IN_BOUND.search(window):
        return ""
    return best


def _exclusion(text: str, match: re.Match, quantity: Quantity, is_chinese: bool, words: _CountWords) -> str | None:
    start, end = quantity.start, match.end()
    before = text[max(0, quantity.mention_start - 4) : quantity.mention_start]
    following = text[end : end + 4]
    number_end = quantity.high_end or quantity.end
    right_after_number = text[number_end : number_end + 4]
    if is_chinese and DIGIT_RUN.fullmatch(text, start, quantity.end):
        # `唯一一家`, `一一对应`: digits side by side without a ten or hundred are no numeral of a count.
        return "name"
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
    if before[-1:] in ("第",) or re.search(r"(?:(?<![目此之日当提])前|(?<![先最])后|位次|排名|位居|居全[国省市])$", before):
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
    if quantity.value == 1 and RATIO_TO_ONE.search(before) and not re.match(r"\s?[:：∶]\s?\d", right_after_number):
        # `城乡居民收入比由2.95:1缩小到2.69:1`: the ratio is 2.95 (to one), the 1 is its base.
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
    return _counts_results(text, quantity, words) or (not one and after in CLAUSE_ENDS)


def _counts_results(text: str, quantity: Quantity, words: _CountWords) -> bool:
    """Whether a Chinese-numeral count counts things done, built, reached or obtained, as its words
    say: a verb of result before it (`建成两条示范街`, `对接一家央企`), a verb that also takes sets before
    it with a counted noun that is no set (`实施三家医院改造`, not `实施八项战略`; never `一` after them),
    a verb of result after its noun (`三条生产线全部投产`), or times an action was done (`先后四次`).
    None is when the noun names a set, announces the items it sums up (`三项工程，即…`, `三个产业
    （…）`), or stands in a note that defines a term (`[5]“三个一”工程：建成一条…`); `一` is none before a
    unit that makes it an article (`一支队伍`, `一批项目`) or in parallel slogans (`引进一个院士、带来
    一个团队`); a count of kinds or a branded set (`四类`, `三大`) never is one. (`打造` is no verb of
    either kind: what is `打造`d is mostly a branded set, `打造五个增长极`.)"""
    unit = quantity.unit
    if unit not in words.count_units or unit in words.set_units or quantity.value <= 0:
        return False
    start, end = quantity.start, quantity.mention_end
    one = quantity.value == 1
    numeral = text[start : quantity.end]
    if numeral == "二" or text[start - 1 : start] == "大" or words.numbered_places.match(text, start):
        # `二次供水`, `二台子` (a count says 两), `十大六次产业`, `七台河`: a word or a name.
        return False
    if text[end : end + 1] in ("性", "一") or text[end : end + 2] == "又一" or FREQUENCY.search(text, max(0, start - 6), start):
        # `一次性`, `一人一策`, `一个又一个`, `每年开展一次`: a word, an idiom or how often.
        return False
    clause = _clause_before(text, start)
    if one and (unit in words.article_units or text[start - 1 : start] in SET_ONE_BEFORE or "每" in clause):
        # `一支队伍`, `唯一一家`, `同一处`, `每个县建成一个园区` (a norm for each, not a count).
        return False
    if _inside_open_quote(text, start):
        return False
    if text[start - 2 : start] == numeral + unit or RANK_AFTER.match(text, end):
        # `一件一件工作去完成`: an idiom; `连续两次排名全国第一`: times a rank was held, a rank.
        return False
    if unit in words.repeat_units and words.repeat_before.search(text, max(0, start - 4), start):
        return not words.leaders.search(clause)
    noun = words.noun_after.match(text, end)
    noun_text = noun.group() if noun else ""
    if (
        not noun_text
        or any(ch in CHINESE_DIGIT_CHARS for ch in noun_text)
        or words.set_nouns.search(noun_text)
        or ANNOUNCES_ITEMS.match(text, noun.end())
        or NAME_NOUN.match(noun_text)
    ):
        return False
    if (
        "各" in noun_text
        or "至" in noun_text
        or (one and unit == "个" and VISION.search(text, end, end + 20))
        or PROGRESSION.match(text, noun.end())
        or clause.endswith(noun_text)
    ):
        # `两个区各完成`, `十家子至大坝沟公路` (a route between places), `建成一个现代化的新城`, `建成一个
        # 经济更加繁荣…的城市`, `十名院士、百名专家` (a slogan that climbs by tens), `一个项目一个项目落地`.
        return False
    if "”" in clause or (clause.startswith("——") and text[noun.end() : noun.end() + 1] == "。"):
        # `“一山一河”两条安全线`, `“十动”是十个方面`: a branded set and its parts; `——培育六个产业链条。`:
        # the heading of the items that follow.
        return False
    parallel = PARALLEL_AFTER.match(text, noun.end()) or (unit == "个" and PARALLEL_CLAUSE.match(text, noun.end()))
    if one and (parallel or PARALLEL_BEFORE.search(clause)):
        return False
    sentence = text[max(text.rfind(ch, max(0, start - 80), start) for ch in "。\n") + 1 : start]
    if DEFINING_NOTE.match(text, text.rfind("\n", 0, start) + 1) or DEFINITION.search(sentence):
        return False
    if _names_its_items_after(text, noun.end(), quantity.value) or words.leaders.search(clause):
        # `建成三个数据库，人口库、法人库和地理库`: the count sums up the items it names;
        # `总理先后两次到某市视察`: a leader's visits or instructions are no figure of the region.
        return False
    window = max(0, start - 6)
    result_word = words.result_before.search(text, window, start)
    if result_word:
        return result_word.group() != "等"
    if words.action_before.search(text, window, start):
        # After these verbs `一` is mostly an article (`建立一个符合…的体系`, `实施一名领导挂帅`), and
        # a programme is mostly a branded set (`实施八项富民工程`).
        return not one and not (unit in words.programme_units and words.action_set_nouns.search(noun_text))
    if len(noun_text) >= 2 and "的" not in noun_text and "、" not in clause and text[start - 1 : start] not in ("和", "及"):
        # `某基地五条生产线均已完工`: the counted noun is the subject of a verb of result.
        return bool(words.result_after.match(text, noun.end()))
    return False


def _names_its_items_after(text: str, end: int, value: float) -> bool:
    """Whether the clause after a count lists as many items as it counts (`三个数据库，人口库、…和地理库`)."""
    after = re.match(r"[，,][^，。；,;\n]{1,60}", text[end : end + 62])
    if after is None or not value.is_integer() or value < 2:
        return False
    return len(re.split(r"[、和及]", after.group()[1:])) == int(value)


def _clause_before(text: str, start: int) -> str:
    return text[max(text.rfind(ch, max(0, start - 40), start) for ch in "，。；：,;:\n") + 1 : start]


def _inside_open_quote(text: str, start: int) -> bool:
    """`围绕“引进一名带头人，带活一个产业”`: a count inside a quoted slogan."""
    opening = text.rfind("“", max(0, start - 20), start)
    return opening >= 0 and "”" not in text[opening:start]


# `连续两次排名全国第一`, `连续两次排位最后一名的`: the times a place was held.
RANK_AFTER = re.compile(r"[^，。；,;\n]{0,12}?(?:排名|排位|位居|位列|名列|居全|第一|最后一名)")
# `建成一个现代化的新城`, `建成一个经济更加繁荣…`: a vision, not a thing built.
VISION = re.compile(r"的|更加")
# `每年开展一次`: how often, not how many.
FREQUENCY = re.compile(r"每[年月季周天日]")
# `实施三项提升工程，即…`, `培育三个成长型产业（纺织、化工、建材）`: the count sums up the items it names.
ANNOUNCES_ITEMS = re.compile(r"[，,]?即|[：:（(]")
# `引进一个院士、带来一个团队`, `举行一次对接、开展一次推介`: a slogan of parallel `一`s, each after its own verb.
PARALLEL_AFTER = re.compile(r"、[\u4e00-\u9fff]{1,4}一[\u4e00-\u9fff]")
PROGRESSION = re.compile(r"、[百千万]")
PARALLEL_CLAUSE = re.compile(r"[，,][\u4e00-\u9fff]{1,4}一个")
PARALLEL_BEFORE = re.compile(r"一[\u4e00-\u9fff]{1,10}、[\u4e00-\u9fff]{1,4}$")
# `唯一一家`, `同一处`, `之一`, `统一`: 一 as part of a word.
SET_ONE_BEFORE = frozenset("唯同统之万其专单")
# `五台山`, `三家村`, `三间房`: a place named with a numeral and a classifier; `一部分`, `四项目`.
NAME_NOUN = re.compile(r"[子山庄屯岭峰寨铺堡房分目]")
# `打造三个十公里精品带`, `一个项目一个项目落地`: a numeral inside the noun makes a name or an idiom.
CHINESE_DIGIT_CHARS = frozenset("〇零一二两三四五六七八九十百千万")
# `“五片区”，指建成五个排水分区`, `“两专科一中心”：每个医院建成两个专科`, `某某工作法：即建立八本台账`:
# the count defines a term, it reports nothing done.
DEFINITION = re.compile(r"(?:”|工作法|工程)[*\s]*[：:]|”[*\s]*[，,]?[*\s]*指")
# A line of notes that defines a term: `[10]“七个一”工程：…`, `13.[“七个一”工程]即…`.
DEFINING_NOTE = re.compile(r"\s*(?:[\[［【]\d+[\]］】]|\d+[.．、]\s*[\[［【])")


def _continues_a_count(text: str, previous: Quantity, quantity: Quantity, words: _CountWords) -> bool:
    """`建成一个污水处理站、一个换热站、一条供气管网`: a Chinese-numeral count in a list whose first item is a
    count of things done is one too (the verb before the first item governs them all)."""
    if quantity.excluded != "list count" or quantity.unit not in words.count_units:
        return False
    # `甲、乙等七条道路及两座桥梁`: the count after `等` heads the list too.
    heads = previous.counted or (
        previous.excluded is None and previous.unit in words.count_units and text[previous.start - 1 : previous.start] == "等"
    )
    if not heads:
        return False
    if quantity.unit in words.set_units or (quantity.value == 1 and quantity.unit in words.article_units):
        return False
    between = text[previous.mention_end : quantity.mention_start]
    return bool(LIST_ITEM.fullmatch(between)) and not words.set_nouns.search(between.rstrip("、和及以与"))


# One item of a list and the word that joins the next: `供水厂、`, `道路及`.
LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{1,10}(?:、|和|及|以及|与)")

# What a count of thresholds passed counts (`4个千亿台阶`, `3个万亿级关口`, `两个百亿大关`).
MILESTONES = re.compile(r"[^，。；,;\n]{0,6}?(?:台阶|大关|关口)")
CLAUSE_ENDS = frozenset("，。；,;")
CJK = re.compile(r"[\u4e00-\u9fff]")
# A capacity (`万吨/年`, `吨/日`), and what follows it when it stands inside the name of a plant.
CAPACITY = re.compile(r"/(?:年|日|天|小时)$")
PER_UNIT_NAME = re.compile(r"(?![的和及与增下左右以内占比同较提降达为或，、。；])[\u4e00-\u9fffA-Za-z]")
# `完成七项任务：`: a count whose clause ends in a colon sums up the list that follows.
ANNOUNCES_LIST = re.compile(r"[^，。；,;：:\n]{0,12}[：:]")


def _counts_the_list_before(text: str, quantity: Quantity, list_count_units: frozenset[str]) -> bool:
    """`发展水产、稻米、菜籽油、生猪4条产业链`: the number only counts the items just listed."""
    if (
        quantity.is_range
        or not quantity.value.is_integer()
        or quantity.value < 2
        or quantity.value > 12
        or quantity.unit not in list_count_units
    ):
        # (A range, `抓好2-3个专业镇`, counts no list.)
        return False
    clause_start = max(text.rfind(ch, 0, quantity.start) for ch in "，。；：,;:\n") + 1
    # (Not the `、` inside parentheses: `每个县（市、区）抓好…`.)
    items = PARENTHESISED.sub("", text[clause_start : quantity.start]).split("、")
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


THRESHOLD_EQUIVALENT = re.compile(r"(?:[（(][^（）()，。；]{1,12}[）)]|[）)])(以上|以下)")


def _modifies_following_noun(text: str, match: re.Match, classifiers: frozenset[str]) -> bool:
    """`10亿元以上项目`, `500万元以上固定资产投资`, `百万吨级`: a threshold inside a name, not a value.
    A classifier counts the noun it stands before (`确保170个以上项目开工`): that is a count, not a name."""
    unit = (match.group("magnitude") or "") + (match.group("base") or "")
    after = match.group("after") or ""
    tail = text[match.end() : match.end() + 2]
    # `3亿元（4000万美元）以上制造业项目`: the threshold written twice, once in parentheses.
    equivalent = None if after else THRESHOLD_EQUIVALENT.match(text, match.end())
    if equivalent is not None and unit:
        after, tail = equivalent.group(1), text[equivalent.end() : equivalent.end() + 2]
    if after in ("以上", "以下") and unit:
        if unit in classifiers:
            return False
        return bool(re.match(r"[\u4e00-\u9fff]", tail)) and not re.match(r"(?:的|和|及|与|增|下|左|占|比|同|较|，|、|。|；)", tail)
    if CAPACITY.search(unit) and not after:
        # `建成30万吨/年乙烯项目`: a plant's capacity written before what it makes names the plant; a
        # rate that a verb or a list follows is a value (`提高到680元/月和5200元/年`, `处理能力3720吨/天，`).
        return bool(PER_UNIT_NAME.match(tail))
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
