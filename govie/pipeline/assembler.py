"""`govie_assembler`: the rules that turn quantities into records. Each quantity is linked to the
indicator it quantifies, and measure, role, bound, tier and year are decided from the sentence and
the section it sits in (RECORDS.md). The drafts go to the state for `govie_relations`, and are
published as `doc._.records`."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..lexicon.numbers import parse_chinese, parse_number
from .context import ENUMERATED_PARAGRAPH, FIVE_YEAR_PLAN_END, PLAN_OPENING, PLAN_PARAGRAPH, Section, opens_target_list
from .metadata import read_metadata
from .quantities import NEVER, RATE_MODIFIERS, Quantity
from .state import DocState, Draft, doc_state, publish
from .tokenizer import pipeline_lexicon

CLAUSE_BREAK = "，；：∶,;:\n"
LIST_BREAK = "、"
HEAD_CHARS = "值额入资量率数出比重度积产费价口模数亿元模额资润益收"
LEADING_NOISE = re.compile(
    r"^(?:[，；：、。,;:（）()\s]|其中[，,：:]?|预计（下同）|预计\(下同\)|预计|初步核算|初步统计|全年|今年|去年|当年|年内|同时|此外|另外|特别是|尤其是|"
    r"共|累计|可实现|可完成|实现|完成|力争|确保|争取|努力|目标|预期目标|主要预期目标|是|为|和|及(?!时)|与|并|使|推动|带动|促进|"
    r"(?:将(?![军来近])|把(?![握关]))(?=.)|(?:加强|先后)对|"
    r"[一二三四五六七八九十]{1,3}是|进一步|每年|连续(?:[两三四五六七八九十]|\d{1,2})年|"
    r"(?:到|至|截至)?(?:20\d\d|19\d\d)年(?:底|末|全年|前)?|比上年|较上年|同比|上半年|前三季度|过去五年|过去一年|"
    r"(?:近|这)?[一两二三四五六七八九十]年(?:来|间|内|共|累计)?(?=[^年]{2})|"
    r"(?:比|较|是)?[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|末)?的?)+"
)
TRAILING_NOISE = re.compile(
    r"(?:不低于|不少于|不超过|不高于|低于|高于|保持在|保持|始终|一直|同口径|可比价|按可比价格计算|可比口径|可比|确保|力争|争取|努力|预计|分别|同比|比上年|较上年|比去年|较去年|比\d{4}年|年均|平均值|平均|均|都|大约|约|接近|将近|近|超过|超|突破|达到|(?<![通抵直送])达|为|是|了|由|从|控制在|保持在|稳定在|"
    r"实现|完成|累计|共|分别为|增长|增速|增幅|下降|降低|减少|压减|再|提高|提升|增加|上涨|上升|回落|降至|降到|增至|增加到|提高到|达到了|"
    r"迈上|跨上|跃上|跨越|跃升至|跃升到|折合|首次|实际|翻了|翻|在(?:19|20)\d\d年的?基础上|以(?:19|20)\d\d年为基[础数]|比[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|末)?|每人每月|每人每年|每户每月|每月|每人|年人均|"
    r"设定为|设定|设为|确定为|确定|定为|(?:由|从)[^，、；由从的]{0,8}的|(?:到|至)(?:19|20)\d\d\s?年(?:底|末)?的|扩大|缩小|缩减|压缩|上调|下调|有|在|至|到|以上|左右|预期目标|目标|预期|，|、|：|\s)+$"
)
PARENTHESES = re.compile(r"（[^（）]*）|\([^()]*\)")
ESTIMATE_CARRY = re.compile(r"预计\s?[（(]下同[）)]")
TARGET_PAREN_CUE = re.compile(
    r"(?:目标|预期|计划)[^，。；（(]{0,4}[（(]\s*$|[（(]\s*(?:年度|全年|年初)?(?:预期目标|目标|计划)(?:为|是)?\s*$"
)
REGION_PREFIX = re.compile(r"(?:全[省市区县州盟国]|我[省市区县州盟国旗])(?:全年)?")
SUB_ITEM = re.compile(r"其中[，,：:]?")
# A share that the figure before it is of (`民生支出41亿元，占财政支出的81.7%`).
SHARE_OF_FIGURE_BEFORE = re.compile(r"\s*占")
# Levels of government listed before the noun they share (`省、市重点项目`, `国家、省级储备项目`), after
# nothing but a verb, a mark or another level (not `深圳市、广州市`).
GOVERNMENT_LEVEL = r"(?:自治区级|国家级|省级|市级|县级|区级|自治区|国家|省|市|县)"
LEVEL_AFTER = re.compile(GOVERNMENT_LEVEL)
LEVEL_AT_END = re.compile(rf"{GOVERNMENT_LEVEL}$")
BEFORE_LEVELS = re.compile(
    r"(?:^|[^\u4e00-\u9fff]|[、的和及]|实施|推进|谋划|争创|创建|建设|支持|完成|争取|申报|入选|获批|认定|培育|新增|打造|列入|纳入)$"
)
# What says a figure is a multiple of a base (`是2010年的2倍`, `增至开市时的3倍`).
MULTIPLE_VERB = re.compile(r"是|为|相当于|增至|增加到|达到|达")
EARLIER_BASE = re.compile(r"(?:19|20)\d\d\s?年|上年|去年|前[一两三四五六七八九十]年|十[一二三四五六]五|时期|期间|末的|时的|前的")
YEAR_END_PREFIX = re.compile(r"(?:到|至)?(?:今年)?年底前?")
# A preposition before a count (`对28家企业…落实联系制度`, `向12个乡镇派驻…`) names nothing counted.
PREPOSITION = re.compile(r"(?:先后)?[对向为给把将]")
# What projects counted before a figure are given with (`重点项目15个，总投资86亿元`).
INVESTMENT_WORDS = frozenset({"投资", "总投资", "投资额", "完成投资"})
PROJECTS = re.compile(r"项目|工程")
INVESTMENT_TAIL = re.compile(f"(?:{'|'.join(sorted(INVESTMENT_WORDS, key=len, reverse=True))})$")
# What a list of things added opens on, and what its further items are then named with: the whole
# verb (`新建改造农村公路…、村内道路…`, `新建和改扩建中小学…、幼儿园…`), not its first word.
ADDING_VERB = r"(?:增|建|改建|改造|扩建|改扩建|认定|培育|引进|遴选|发展|创建|修复|入库)"
LIST_ADDED = re.compile(rf"净增|新{ADDING_VERB}(?:[和及、]?(?:改建|改造|扩建|改扩建|培育|引进))*")
NEW_JOBS = re.compile(r"新增(?:城镇|城乡)?就业")
# A total of things the sentence counted as added before (`新增…37家，总数达219家`).
TOTAL_WORDS = ("总数", "总量")
# What a count of things added is written with (`新增高新技术企业`, `境内上市公司新增`), and a total word a
# name already ends on: none of it is part of the things' total.
ADDED_THINGS = re.compile(
    r"^(?:新增|净增|新认定|新培育|新引进|新获批|新入选|新设立?|新建|新|引进|培育|认定|获批|入选)|(?:新增|净增)$|"
    rf"(?:{'|'.join(TOTAL_WORDS)})$"
)


class Name(NamedTuple):
    """An indicator's name and the span of the text that names it (Doc offsets; None where no
    one piece of the text does: a name restored from several places)."""

    text: str
    start: int | None
    end: int | None
    # A name read from a form the relation model saw too few of to judge (`投资8亿元的某项目`): its
    # draft stands as the rules made it.
    settled: bool = False

    @classmethod
    def written(cls, text: str, start: int | None) -> Name:
        """A name as the text writes it from `start` (restored when `start` is None)."""
        return cls(text, start, None if start is None else start + len(text))

    @classmethod
    def of(cls, draft: Draft) -> Name:
        """The name a draft already has."""
        return cls(draft.indicator, draft.indicator_start, draft.indicator_end)


YEAR_COUNT_DIGITS = {"两": "2", "二": "2", "三": "3", "四": "4", "五": "5"}


def _with_digits(words: list[str]) -> str:
    """A cue list as one pattern, a count of years written in a digit too (`过去5年`, `5年来`, as some
    reports and copies write `过去五年`), and not the last digit of a year (`2015年来`). Literal words
    only, so that the pattern searches as fast as the list alone."""
    spelled = set(words)
    for word in words:
        for numeral, digit in YEAR_COUNT_DIGITS.items():
            if numeral + "年" in word:
                spelled.add(word.replace(numeral + "年", digit + "年"))
    inside = sorted((w for w in spelled if not w[0].isdigit()), key=len, reverse=True)
    leading = sorted((w for w in spelled if w[0].isdigit()), key=len, reverse=True)
    alternatives = [re.escape(w) for w in inside]
    if leading:
        alternatives.append("(?<!\\d)(?:" + "|".join(map(re.escape, leading)) + ")")
    return "|".join(alternatives)


class AssemblyWords:
    """The cue patterns and headline ids of one lexicon, compiled once."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.headline_id = lexicon.headline_id

    @cached_property
    def patterns(self) -> dict[str, re.Pattern[str]]:
        cues = self.lexicon.cue_patterns
        lexicon = self.lexicon
        return {
            "up": cues["growth_up"],
            "down": cues["growth_down"],
            "level": cues["level_to"],
            "estimate": cues["role_estimate"],
            "target": cues["role_target"],
            "floor": cues["tier_floor"],
            "stretch": cues["tier_stretch"],
            "compare": re.compile(
                "(?:"
                + "|".join(map(re.escape, lexicon.cues["compare_before"]))
                + ")[^，；。]{0,12}?(?:"
                + "|".join(map(re.escape, lexicon.cues["compare_refs"]))
                + ")"
            ),
        }

    @cached_property
    def _gap_units(self) -> frozenset[str]:
        # A gap to a comparison is written in points, percent or money (‰ is a level, not a gap).
        return frozenset(self.lexicon.words("point_units")) | {"%", ""}

    @cached_property
    def rate_units(self) -> frozenset[str]:
        return frozenset(self.lexicon.words("rate_units", "point_units"))

    @cached_property
    def count_units(self) -> frozenset[str]:
        return frozenset(self.lexicon.cues["count_units"])

    @cached_property
    def period_patterns(self) -> dict[str, re.Pattern[str]]:
        cues = self.lexicon.cue_patterns
        return {
            "multi_year": re.compile(
                "(?:"
                + _with_digits(self.lexicon.cues["period_multi_year"])
                + r")|[“\"]?十[一二三四五六]五[”\"]?(?:以来|期间|时期|的五年|五年|发展回顾|工作回顾|回顾|主要成就|发展成就|(?=[^，。；]{0,2}(?:累计|新增|完成|建成|共)))|回顾[“\"]?十[一二三四五六]五|(?:19|20)\d\d年"
                + SINCE_YEAR_TAIL
                + r"|过去(?:的|这)?[四4]年(?!前)|过去这[三五3-5]年|(?<![\d年])[1-9]\d年来(?!最|首|罕见|未有|之最)|回望[1-9]\d年|经过[两三四五六七八九十]年(?:的|来)?(?:努力|奋斗|拼搏|建设|攻坚)|这是[^，。；]{1,30}的[五5]年|(?:第|[市县区州盟省])[一二三四五六七八九十]+届(?:[市县区州盟省])?(?:人民)?政府"
            ),
            "to_date": re.compile("(?:" + cues["period_to_date"].pattern + r")|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月"),
            "year_again": cues["period_year_again"],
            "average": cues["period_average"],
            # `每年` but not a per-head standard (`每人每年550元`); none in a pipeline saved before the list.
            "each_year": re.compile("(?<![人户亩月])(?:" + cues["period_each_year"].pattern + ")") if "period_each_year" in cues else NEVER,
            # What a passage on several years holds at its end (`拥有`, `发展到`); none in a pipeline saved before the list.
            "stock": cues.get("period_stock", NEVER),
            # (Not the 共 of 公共: `一般公共预算收入` adds nothing up.)
            "total": re.compile("(?:" + cues["period_total"].pattern + ")(?<!公共)"),
        }

    @cached_property
    def sector_structure(self) -> re.Pattern[str] | None:
        """A mention of the three-sector structure (`三次产业结构`); None for tables saved without the list."""
        words = self.lexicon.cues.get("sector_structure")
        return self.lexicon.cue_patterns["sector_structure"] if words else None

    @cached_property
    def sector_shares(self) -> tuple[str, ...]:
        return self.lexicon.cues.get("sector_shares", ())

    @cached_property
    def shared_qualifiers(self) -> tuple[str, ...]:
        """Qualifiers that the first head of a list names for all of them (`城乡居民养老保险、医疗保险`), longest first."""
        return tuple(sorted(self.lexicon.cues.get("shared_qualifiers", ()), key=len, reverse=True))

    @cached_property
    def measure_words(self) -> tuple[str, ...]:
        """What a figure of a thing measures (`产值`, `增加值`, `播种面积`), longest first: a later head
        that is only such a word is of the thing the first head names (`规上工业产值和增加值`)."""
        return tuple(sorted(self.lexicon.cues.get("head_measure_words", ()), key=len, reverse=True))

    @cached_property
    def headline_names(self) -> re.Pattern[str]:
        """Every headline indicator's name and alias, longest first."""
        names = [name for indicator in self.lexicon.headline_indicators for name in (indicator.name, *indicator.aliases)]
        return re.compile("|".join(map(re.escape, sorted(set(names), key=len, reverse=True))))

    @cached_property
    def attribute_patterns(self) -> dict[str, re.Pattern[str]] | None:
        """The words of a figure given as an attribute of the thing named after it (`总投资1.6亿元的…工程`);
        None for a pipeline saved before cues.json had them."""
        lexicon = self.lexicon
        if "attribute_words" not in lexicon.cues:
            return None

        def one_of(*keys: str) -> str:
            return "|".join(map(re.escape, sorted(set(lexicon.words(*keys)), key=len, reverse=True)))

        attribute = one_of("attribute_words")
        bound = f"(?:{one_of('bound_approx_before', 'bound_min_before')})?"
        counted = f"(?:{lexicon.unit_pattern}|{one_of('count_units')})"
        return {
            "attribute": re.compile(rf"(?P<attribute>{attribute}){bound}\s*$"),
            "headline": re.compile(rf"(?:{self.headline_names.pattern}){bound}\s*$"),
            # `的` after the value, past a unit the number grammar leaves out (`100万平米的`) and past
            # further attributes of the same thing (`总投资45亿元、占地1200亩、建筑面积8万平方米的…`).
            "link": re.compile(rf"(?:[、，,]\s*(?:{attribute}){bound}\d[\d.]*[^、，,；。的\d]{{0,6}})*[^\d，。；、,;:：的\s]{{0,3}}的"),
            "purpose": re.compile(rf"(?:{one_of('attribute_purpose_verbs')})了?"),
            "action": re.compile(rf"(?:{one_of('attribute_action_verbs')})了?"),
            "fund": re.compile(rf"(?:{one_of('attribute_funds')})$"),
            "size": re.compile(
                rf"(?:约|近)?(?:\d[\d.,]*|[一二两三四五六七八九十百千]+)(?:多|余)?[万亿千百]?{counted}(?:级|多|余|左右)?(?!以上|以下)"
            ),
            "count": re.compile(rf"\d[\d.]*(?:多|余)?[万亿千百]?{counted}|\d{{1,2}}月|(?:19|20)\d\d年"),
            "next_value": re.compile(rf"[、和及与](?={bound}\d|(?:{attribute}))"),
            "attributed": re.compile(rf"(?:{attribute}){bound}\d[\d.]*[^、，,；。的\d]{{0,6}}的"),
            "ends": re.compile(rf"(?:{one_of('attribute_thing_ends')})(?!区)"),
            "result": re.compile(one_of("count_result_verbs")),
        }

    @cached_property
    def thing_lead(self) -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]] | None:
        """Words before a value that name nothing by themselves (`严格管控`, `发行`, `全县`, `上述`), as one
        pattern whose group `verb` holds the verb, and the generic verbs of it that stay out of a name
        (`实施`, `推进`: they do not say what was done to the thing), and what ends no name: adverbs
        (`均`, `全部`), or a further item that is a verb phrase (`、新增学位`); None for tables saved
        without them."""
        lexicon = self.lexicon
        if "thing_lead_verbs" not in lexicon.cues or "attribute_purpose_verbs" not in lexicon.cues:
            return None

        def one_of(*keys: str) -> str:
            return "|".join(map(re.escape, sorted(set(lexicon.words(*keys)), key=len, reverse=True)))

        verbs = ("thing_lead_verbs", "count_result_verbs", "attribute_action_verbs", "count_action_verbs", "attribute_purpose_verbs")
        manners = one_of("thing_lead_manners", "count_result_adverbs")
        pattern = re.compile(rf"(?:{manners})*(?P<verb>{one_of(*verbs)})了?|{REGION_PREFIX.pattern}|{one_of('thing_lead_fragments')}")
        kept = set(lexicon.words("thing_lead_verbs", "count_result_verbs", "attribute_action_verbs"))
        generic = frozenset(set(lexicon.words("count_action_verbs", "attribute_purpose_verbs")) - kept) | {""}
        return pattern, generic, re.compile(rf"(?:{one_of('count_result_adverbs')})+$|、(?:{one_of(*verbs)}).*")

    def is_gap(self, unit: str) -> bool:
        return unit in self._gap_units or unit.endswith("元")


class _SentenceState:
    def __init__(self, start: int = 0) -> None:
        self.start = start
        self.previous: Draft | None = None
        self.distribution: list[Name] = []
        self.distribution_index = 0
        # Several indicators that the value at hand is given for (`分别增长7.5%` after a list of two).
        self.shared: list[Name] = []
        self.distributed = False  # the value at hand took its indicator from a `分别` list
        # The parts of the year a `分别` list runs over (`一季度、上半年和全年分别增长…`), one per value.
        self.distribution_periods: list[str] = []
        self.period_of_head: str | None = None
        # The lead a value was named after (`高标准修缮利用`) and where that value ends: the next value of
        # its list, with no words of its own, is named after the same lead.
        self.lead: tuple[str, int] | None = None

    def distribute(self, heads: list[Name]) -> None:
        """The values from here on go one to each of `heads`, in order."""
        self.distribution = heads
        self.distribution_index = 0
        self.distribution_periods = []


def assemble(
    text: str,
    sentences: list[tuple[int, int]],
    quantities: list[Quantity],
    sections: list[Section],
    report_year: int | None,
    words: AssemblyWords,
) -> list[Draft]:
    records: list[Draft] = []
    usable = [q for q in quantities if q.excluded is None]
    index = 0
    estimate_carry_until = -1
    paragraph = _Paragraphs(text, report_year)
    period_context = _PeriodContext(text, words.period_patterns["multi_year"])
    paragraph_start, paragraph_end = 0, -1
    for sent_start, sent_end in sentences:
        in_sentence = []
        while index < len(usable) and usable[index].start < sent_end:
            if usable[index].start >= sent_start:
                in_sentence.append(usable[index])
            index += 1
        section = _section_at(sections, sent_start)
        if sent_start > paragraph_end:
            paragraph_start, paragraph_end = _paragraph_bounds(text, paragraph_end, sent_start)
        # Every sentence is seen, figures or not: a paragraph that announces a target list
        # (`提出2024年…主要预期目标。`) or opens a five-year passage often has none.
        period_context.visit(sent_start, section, paragraph_start, paragraph_end)
        plan_from = paragraph.plan_from(paragraph_start, paragraph_end, sent_end)
        if not in_sentence:
            continue
        past_from = paragraph.past_from(paragraph_start, paragraph_end) if section.kind == "plan" else None
        carry = ESTIMATE_CARRY.search(text, sent_start, sent_end)
        if carry:
            estimate_carry_until = section.end
        cue_year = paragraph.cue_year if plan_from is not None else None
        sentence_records = _sentence_records(
            text,
            sent_start,
            sent_end,
            in_sentence,
            section,
            report_year,
            words,
            plan_from,
            cue_year,
            period_context.marker,
            period_context.target_year,
            estimate_carried=sent_start < estimate_carry_until,
            past_from=past_from,
        )
        records.extend(_resolve_tiers(sentence_records))
    return records


PAST_YEAR_TURN = re.compile(
    r"(?:^|[。！？])\s*(?=(?:刚刚)?过去(?:的)?一年|去年|一年来)"
    r"|(?:完成|实现)了?[^，。；]{0,30}(?:目标任务|预期目标|主要目标)[^。]{0,12}。"
)
# A target list announced at the end of a paragraph: at most this many items, each a short paragraph.
LIST_ITEMS = 12
LIST_ITEM_LENGTH = 1200
# How far into a paragraph a several-year period (`过去五年，`, `“十四五”以来，`) opens it.
PARAGRAPH_LEAD = 30
# `2016年以来`, `2017年换届以来`: since a year, or an event of that year.
SINCE_YEAR_TAIL = r"[^\d，,。；、]{0,4}以来"
# A year named as the one a figure is of: not `2016年以来`, `比2015年`, `从2015年的`, `2016—2020年`.
SINGLE_YEAR = re.compile(r"(?<![比较与从由至到\d])(?:19|20)\d\d\s?年(?!以来|[至到—–-]|\d)")
PLAN_YEARS = re.compile(r"十[一二三四五六]五|[两三四五]年|(?:到|至)(?:19|20)\d\d年|年均")
TARGET_YEAR = re.compile(r"(?:到|至)((?:19|20)\d\d)年")
# A paragraph that turns to a single year (`刚刚过去的2025年，`, `即将过去的2021年` in a December session,
# `2015年是“十二五”收官之年`, `过去一年，`, `特别是刚刚过去的一年，`, also after a list mark:
# `（一）2015年，…`) ends the several-year period a heading or an earlier paragraph opened.
SINGLE_YEAR_OPENER = re.compile(
    r"\s*(?:(?:—+|[（(][一二三四五六七八九十]+[）)]|[①-⑳])\s*)?(?:各位代表[，,！!：:]\s*)?(?:特别是|尤其是|特别需要指出的是[，,]?)?(?:刚刚过去的|即将过去的|过去的|回顾)?"
    r"(?:(?:19|20)\d\d年(?!" + SINCE_YEAR_TAIL + r"|[至到—–-])|一年来|过去一年|这一年|今年|去年|(?<=过去的)一年)"
)
# A year written right before the figures it is of (`——2015年生产总值达到…`), not a year a paragraph
# turns to (`2015年，…`, `2015年是…`, `2015年底`).
YEAR_OF_FIGURES = re.compile(r"[^，,。：:；是的底末\s]")
# A five-year plan's name, quoted or not (`“十三五”`, `十四五`).
PLAN_NAME = r"[“\"]?十[一二三四五六]五[”\"]?"
# A plan named on its own, which in a review's heading is the period (`“十三五”和2020年回顾`).
PLAN_NAMED = re.compile(PLAN_NAME)
# Words a sentence may put before the several years it turns to: `回顾过去五年，`, `在“十三五”的五年时间里，`.
SENTENCE_LEAD_IN = re.compile(rf"回顾|纵观|在(?={PLAN_NAME}|过去)")
# A paragraph on what is still lacking (`我们也清醒地看到`, `同时也要清醒认识到`).
SHORTCOMINGS_OPENER = re.compile(r"[^。\n]{0,16}清醒(?:地)?(?:看到|认识到)")
# Items of a list (`——综合实力再上台阶。`, `一是…`, `（一）…`) go on with the period of the paragraph that opened it.
LIST_ITEM_MARK = re.compile(
    r"\s*(?:—|[一二三四五六七八九十]+是|[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．](?!\d)|[①-⑳])"
)


class _Paragraphs:
    """Where the paragraph of each sentence (sentences in text order) starts to list the coming
    year's targets, and the year its announcement names: found once per paragraph, not once per
    sentence of a long paragraph."""

    def __init__(self, text: str, report_year: int | None) -> None:
        self.text = text
        self.report_year = report_year
        self.cue_year: int | None = None
        self.start = -1  # where the paragraph seen last starts
        self.cue: tuple[int, int] | None = None
        self.list_left = 0  # paragraphs that an announcing paragraph (PLAN_LIST_OPENER) still covers
        self.cue_text = ""  # the paragraph that holds the cue or opened the list
        self._past: tuple[int, int | None] = (-1, None)  # a paragraph's start and its `past_from`

    def plan_from(self, start: int, end: int, sent_end: int) -> int | None:
        """For a sentence ending at `sent_end` in the paragraph `text[start:end]`."""
        if start != self.start:
            self.start = start
            paragraph = self.text[start:end]
            match = PLAN_PARAGRAPH.search(self.text, start, end)
            self.cue = (match.start(), match.end()) if match else None
            if (
                self.cue is None
                and self.list_left
                and not ENUMERATED_PARAGRAPH.match(paragraph.strip())
                and len(paragraph) <= LIST_ITEM_LENGTH
            ):
                # An item of a target list announced by an earlier paragraph.
                self.cue = (start, start)
                self.list_left -= 1
            else:
                self.list_left = 0
                self.cue_text = paragraph if self.cue else ""
            if opens_target_list(paragraph):
                self.list_left = LIST_ITEMS
                self.cue_text = paragraph
            self.cue_year = self._named_year(self.cue_text)
        # The cue counts from the sentence that holds it on (a sentence ends at a stop or a newline).
        return self.cue[0] if self.cue is not None and self.cue[1] <= sent_end else None

    def past_from(self, start: int, end: int) -> int | None:
        """Where the paragraph `text[start:end]` of a plan section turns to the year just past
        (`去年，…`, `…较好完成了年初目标。全省生产总值增长8%`): its figures from there on are
        results. Looked for once per paragraph, and only where a plan section asks."""
        if self._past[0] != start:
            turn = PAST_YEAR_TURN.search(self.text[start:end])
            self._past = (start, None if turn is None else start + turn.end())
        return self._past[1]

    def _named_year(self, cue_text: str) -> int | None:
        """The year the announcing paragraph names: `今年` (or the report's year named anywhere in it) is the
        report's year, `2024年经济社会发展…` that year."""
        named = re.search(r"((?:19|20)\d\d)年(?:经济社会发展|国民经济|全[省市区县]|主要|的?预期)", cue_text)
        if named:
            return int(named.group(1))
        if self.report_year is None:
            return None
        if re.search(r"今年|本年度", cue_text) or f"{self.report_year}年" in cue_text:
            return self.report_year
        # `主要预期目标` are the coming year's unless the paragraph speaks of a plan's years (a report
        # that opens a plan period sets them out in its section on the five years).
        if "预期目标" in cue_text and not PLAN_YEARS.search(cue_text):
            return self.report_year
        return None


class _PeriodContext:
    """The several-year period (`过去五年`) and the year to be reached (`到2020年`) that the paragraph
    of each sentence speaks of. Every sentence is visited, in text order, figures or not: a five-year
    passage often opens with a paragraph without any."""

    def __init__(self, text: str, multi_year: re.Pattern[str]) -> None:
        self.text = text
        self.multi_year = multi_year
        self.start = -1  # where the paragraph seen last starts
        self.section_start = -1
        self.marker: re.Match[str] | None = None
        self._paragraph_marker: re.Match[str] | None = None
        # The year a paragraph sets out to reach (`《纲要》提出，到2020年，…`): its targets' year.
        self.target_year: int | None = None
        self._section_marker: re.Match[str] | None = None
        self._list_marker: re.Match[str] | None = None
        # A heading that names a year before several (`2020年和“十三五”工作回顾`): which part a
        # paragraph is in, the one on the several years or the one on the year, its openers tell: those
        # that name the heading's several years (`_years_named`; None for other headings).
        self._heading_years: str | None = None
        self._years_part: re.Match[str] | None = None
        # The numbered item last seen (`（一）`: its kind of mark and number), and the heading's period a
        # paragraph on one year broke off inside such a list, to come back with the list's next item.
        self._last_item: tuple[int, int] | None = None
        self._paragraph_is_item = False
        self._broken_off: tuple[re.Match[str], int, int] | None = None

    def visit(self, sent_start: int, section: Section, start: int, end: int) -> None:
        """For a sentence starting at `sent_start` in the paragraph `text[start:end]`."""
        if section.start != self.section_start:
            self.section_start = section.start
            self._section_marker = _heading_period(section.heading, section.kind, self.multi_year)
            heading_years = self.multi_year.search(section.heading) if self._section_marker is None else None
            self._heading_years = _years_named(heading_years.group()) if heading_years is not None else None
            self._list_marker = self._years_part = self._last_item = self._broken_off = None
        if start == self.start:
            # Inside a paragraph, a sentence may turn to the single year for the rest of it
            # (`过去五年，…。今年主要预期目标是：…`), or back to the several years (`这五年，…`); a sentence that
            # opens on a year (`2016年西藏被评为…`) speaks of that year alone.
            opener = self.multi_year.match(self.text, sent_start)
            if opener is None and (lead_in := SENTENCE_LEAD_IN.match(self.text, sent_start)):
                opener = self.multi_year.match(self.text, lead_in.end())
            single = SINGLE_YEAR_OPENER.match(self.text, sent_start)
            if opener is not None:
                self._paragraph_marker = opener
                if _years_named(opener.group()) == self._heading_years:
                    # (`一、2023年及市九届政府工作回顾` … `各位代表，2023年…。本届政府任职以来，…`: the part on
                    # the several years begins here, for the paragraphs after it too; not with other years,
                    # `三年来，我们持续完善救治体系…` in an item on the year.)
                    self._years_part = opener
                if not self._paragraph_is_item:
                    # (`2015年各项工作顺利完成，…收官。回顾过去五年，…`: the list items after the
                    # paragraph go on with the several years, as after a paragraph that opens on them; not
                    # after an item's closing words, `（二）…。三年来，我们…抓工业`.)
                    self._list_marker = opener
            elif single is not None and not re.search(r"\d", single.group()):
                self._paragraph_marker = None
            self.marker = None if single is not None and opener is None else self._paragraph_marker
            return
        self.start = start
        paragraph = self.text[start:end]
        self._paragraph_is_item = LIST_ITEM_MARK.match(paragraph) is not None
        self._follow(paragraph, self.multi_year.search(paragraph, 0, PARAGRAPH_LEAD))
        self._paragraph_marker = self.marker
        reach = TARGET_YEAR.search(paragraph, 0, PARAGRAPH_LEAD)
        self.target_year = int(reach.group(1)) if reach else None

    def _follow(self, paragraph: str, lead: re.Match[str] | None) -> None:
        """A paragraph that opens on a several-year period (`过去五年，…`) speaks of it throughout, and
        so do the list items after it; one that turns to a single year ends the period its section's
        heading named (a five-year review that closes on `刚刚过去的2025年`)."""
        item = _numbered_item(paragraph)
        if item is not None and self._broken_off is not None and item == (self._broken_off[1], self._broken_off[2] + 1):
            # `（一）…。去年是本届政府收官之年，…。（二）…`: the year was a paragraph of the first item; the
            # second goes on with the several years of the section.
            self._section_marker = self._broken_off[0]
            self._broken_off = None
        previous, single_year = self._last_item, SINGLE_YEAR_OPENER.match(paragraph)
        # (A paragraph on one year that a copy marked as the first of a list of its own, `（一）去年是…`,
        # between the list's `（一）` and `（二）`, is no item of that list.)
        next_item = previous is not None and item is not None and item == (previous[0], previous[1] + 1)
        if item is not None and (not single_year or next_item or previous is None):
            self._last_item = item
        if SHORTCOMINGS_OPENER.match(paragraph):
            # `我们也清醒地看到，…还有31个县不通高速公路`: what is still lacking, now.
            self.marker = self._list_marker = self._section_marker = self._years_part = self._broken_off = None
            return
        if (
            single_year
            and self._paragraph_is_item
            and self._section_marker is not None
            and YEAR_OF_FIGURES.match(paragraph, single_year.end())
        ):
            # `——2015年生产总值达到1420亿元，“十二五”以来年均增长8.7%`: an item that gives the last year's
            # figures in a list on the several years; the section goes on with them after it.
            self.marker = None
            return
        if single_year:
            # `去年是本届政府收官之年，…`: the year comes first, whatever several years it mentions.
            if self._section_marker is not None and previous is not None and not next_item:
                self._broken_off = (self._section_marker, *previous)
            self.marker = self._list_marker = self._section_marker = self._years_part = None
            return
        if lead is not None and self._paragraph_is_item and "。" in paragraph[: lead.start()]:
            # `（一）统筹疫情防控。三年来，我们…`: several years an item turns to after its title are its own.
            self.marker = lead
            return
        if lead is not None:
            self.marker = self._list_marker = lead
            if _years_named(lead.group()) == self._heading_years:
                self._years_part = lead
            return
        if self._paragraph_is_item and self._list_marker is not None and not PLAN_PARAGRAPH.search(paragraph):
            # (A paragraph that announces the coming year's targets is no item of a list on several years.)
            self.marker = self._list_marker
            return
        self._list_marker = None
        self.marker = self._section_marker or self._years_part


def _years_named(mention: str) -> str:
    """What several years a mention names, to tell whether two name the same: five years, a
    government's term (`本届政府`, `市七届人民政府`), a plan (`“十三五”时期`) or `五年来` alike; else the
    words themselves (`三年来`)."""
    if "届" in mention or "五年" in mention or "5年" in mention or PLAN_NAMED.search(mention):
        return "five years"
    return mention


NUMBERED_ITEM = re.compile(r"\s*(?:[（(]([一二三四五六七八九十]+)[）)]|([一二三四五六七八九十]+)是|([一二三四五六七八九十]{1,2})、)")


def _numbered_item(paragraph: str) -> tuple[int, int] | None:
    """The kind of mark (1 `（一）`, 2 `一是`, 3 `一、`) and the number of a paragraph that opens a numbered item."""
    found = NUMBERED_ITEM.match(paragraph)
    if found is None:
        return None
    kind = next(index for index in (1, 2, 3) if found.group(index))
    return kind, parse_chinese(found.group(kind))


def _paragraph_bounds(text: str, previous_end: int, position: int) -> tuple[int, int]:
    """Start and end (its newline, or the end of the text) of the paragraph at `position`."""
    start = text.rfind("\n", max(0, previous_end), position) + 1
    end = text.find("\n", position)
    return start, end if end >= 0 else len(text)


def _section_at(sections: list[Section], position: int) -> Section:
    for section in sections:
        if section.start <= position < section.end:
            return section
    return sections[-1]


def _sentence_records(
    text: str,
    sent_start: int,
    sent_end: int,
    quantities: list[Quantity],
    section: Section,
    report_year: int | None,
    words: AssemblyWords,
    plan_from: int | None,
    cue_year: int | None,
    paragraph_period: re.Match[str] | None,
    paragraph_target_year: int | None,
    estimate_carried: bool,
    past_from: int | None = None,
) -> list[Draft]:
    cues = words.patterns
    state = _SentenceState(sent_start)
    sentence = text[sent_start:sent_end]
    evidence = sentence.strip()
    out: list[Draft] = []
    previous_end = sent_start
    ratios = _sector_ratios(text, sent_start, quantities, words)
    ratio_first: Draft | None = None
    for number, quantity in enumerate(quantities):
        # What precedes the mention, which begins before the number when the unit comes first (`百分之五`).
        at = quantity.mention_start
        clause_start = _clause_start(text, sent_start, at)
        clause = text[clause_start:at]
        segment_start = max(clause_start, previous_end)
        segment = text[segment_start:at]
        previous_end = quantity.mention_end
        ratio = ratios.get(number)
        if ratio is not None and ratio[0] > 0:
            if ratio_first is not None:
                # The second and third shares: of the year and role of the first.
                out.append(_ratio_share(ratio_first, words.sector_shares[ratio[0]], quantity))
                state.previous = out[-1]
            continue
        in_target_paren = bool(TARGET_PAREN_CUE.search(text[max(sent_start, at - 14) : at]))
        if ratio is None and not in_target_paren and cues["compare"].search(clause) and words.is_gap(quantity.unit):
            # Marked on the quantity too, so that later components know why it made no record.
            quantity.excluded = "comparison"
            continue
        if ratio is not None:
            name = Name.written(words.sector_shares[0], ratio[1][0])
            state.period_of_head, state.shared, state.distributed = None, [], False
        else:
            run = _value_run(text, out, clause_start)
            listed, bare = _list_lengths(text, quantities, number)
            name = _indicator_for(text, quantity, segment, segment_start, clause, state, words, listed, run, bare)
        if in_target_paren and state.previous is not None:
            name = Name.of(state.previous)
        if not name.text:
            continue
        heads = [name]
        if ratio is None:
            shared = state.shared or ([] if state.distributed else _shared_value_heads(segment, quantity.unit, run, words, listed))
            # (Spanned where the text writes a head whole: `办复率、满意率`.)
            heads = [
                head if head.start is not None else Name.written(head.text, _written_at(text, head.text, segment_start, at))
                for head in shared
            ] or heads
        indicator = heads[0].text
        if ratio is not None:
            measure, sign = "level", 1.0
        else:
            measure, sign = _measure(
                segment if segment.strip(CLAUSE_BREAK + LIST_BREAK + " ") else clause, quantity, indicator, state, cues
            )
        if measure == "level" and quantity.unit == "%" and words.headline_id(indicator, "growth") == "cpi":
            # `CPI控制在3%左右`: the consumer price figure is a rise (RECORDS.md `cpi`, 居民消费价格涨幅).
            measure = "growth"
        # (A plan announced after the turn to the past year takes over again: `去年…。今年目标是：…`.)
        reviews_past = (
            past_from is not None
            and quantity.start >= past_from
            and not (plan_from is not None and past_from <= plan_from <= quantity.start)
        )
        role = _role(sentence, sent_start, quantity, section, plan_from, estimate_carried, in_target_paren, clause, cues, reviews_past)
        year = _year(
            clause,
            sentence[: at - sent_start],
            role,
            section,
            report_year,
            plan_from is not None and quantity.start >= plan_from,
            cue_year,
            paragraph_target_year,
            reviews_past,
        )
        tier = _tier(text[max(sent_start, _last_value_end(out, sent_start)) : at], cues) if role == "target" else None
        reading = _period(
            clause,
            sentence[: at - sent_start],
            quantity,
            measure,
            year,
            words.headline_id(indicator, measure) is not None,
            paragraph_period,
            words.period_patterns,
            cues,
            indicator,
            text[quantity.mention_end : quantity.mention_end + 24],
            text[quantity.mention_end : _clause_end(text, quantity.mention_end, sent_end)],
            role,
            report_year,
            # A headline total opening a list adds up the headline figures after it in the sentence
            # (`固定资产投资累计完成186.5亿元，实际利用外资4.2亿美元，外贸进出口完成2.9亿美元`), not one
            # the sentence only links to something else (`管道累计输送天然气96亿立方米，带动…`).
            _after_a_headline_total(out, sent_start + _semicolon_part_start(sentence[: at - sent_start])),
        )
        period, year_start, year = reading.period, reading.year_start, reading.year
        if state.period_of_head is not None:
            period, year_start = state.period_of_head, None
        if role == "target" and MOVE_START.search(clause) and MOVE_TO.match(text, quantity.mention_end):
            # `标准从每人每月117元提高到129元` in a plan: the level it starts from is the present one,
            # the year before the target's (GUIDELINE, start values).
            role, tier = "actual", None
            year = year - 1 if year is not None else None
        if ratio is not None:
            # A share is a level of the year it is of, whatever the several years the passage reviews.
            period, year_start = "year", None
        elif (
            period == "cumulative"
            and state.previous is not None
            and state.previous.period == "year"
            and SUB_ITEM.match(clause)
            and measure == state.previous.measure == "level"
            and state.previous.role == role
            and not _is_rate(quantity.unit)
            and not words.period_patterns["total"].search(clause)
        ):
            # `研发机构增至412家，其中省级重点实验室15家`: a part of what stands at the year's end stands then
            # too (all 72 such parts of the train and dev gold are `year`). Not what was added
            # (`其中新增1184公里`).
            period, year_start = "year", None
        elif (
            period == "year"
            and state.previous is not None
            and state.previous.start >= sent_start
            and state.previous.period == "cumulative"
            and state.previous.year_start is not None
            and state.previous.measure == measure == "level"
            and not _is_rate(state.previous.unit)
            and _is_rate(quantity.unit)
            and SHARE_OF_FIGURE_BEFORE.match(clause)
        ):
            # `四年累计民生投入860亿元，占财政支出的76.2%`: the share of a total over several years is
            # over them too (not of a total so far, `累计建成231万个，占全球总数的60%`, a stock's).
            period, year_start = "cumulative", state.previous.year_start
        values = [(quantity.value, quantity.start, quantity.end, quantity.bound)]
        if quantity.is_range:
            values = [
                (quantity.value, quantity.start, quantity.end, "min"),
                (quantity.high_value, quantity.high_start, quantity.high_end, "max"),
            ]
        for (indicator, indicator_start, indicator_end, _), (value, start, end, bound) in ((h, v) for h in heads for v in values):
            record = Draft(
                indicator=indicator,
                indicator_id=words.headline_id(indicator, measure, quantity.unit),
                value=sign * value if value is not None else value,
                unit=quantity.unit,
                measure=measure,
                role=role,
                bound=bound,
                tier=tier,
                year=year,
                start=start,
                end=end,
                evidence=evidence,
                quantity=quantity,
                indicator_start=indicator_start,
                indicator_end=indicator_end,
                unit_start=quantity.unit_start,
                unit_end=quantity.unit_end,
                period=period,
                year_start=year_start,
                listed=state.distributed,
                settled=name.settled,
                total_by_size=reading.size_decides and period == "year" and not _is_rate(quantity.unit),
                total_start=reading.total_start,
            )
            out.append(record)
        if ratio is not None:
            # (Spanned on the mention of the structure, GUIDELINE 16; the rules read the ratio whole.)
            record.indicator_end, record.settled = ratio[1][1], True
            ratio_first = record
        state.previous = out[-1] if out else state.previous
    return out


def _written_at(text: str, phrase: str, start: int, end: int) -> int | None:
    found = text.rfind(phrase, start, end)
    return found if found >= 0 else None


RATIO_SEPARATOR = re.compile(r"\s?[:：∶]\s?")


def _sector_ratios(text: str, sent_start: int, quantities: list[Quantity], words: AssemblyWords) -> dict[int, tuple[int, tuple[int, int]]]:
    """The ratios of three numbers after a mention of the three-sector structure
    (`三次产业结构由2016年的7.1:58.4:34.5调整为2019年的9.3:29.6:61.1`): for each of their numbers (by
    index in `quantities`) its place in the ratio and the mention's span. Each number is the share of
    its sector (GUIDELINE 16); a ratio of two or four numbers, or one without the mention, is none."""
    structure = words.sector_structure
    if structure is None or len(words.sector_shares) != 3:
        return {}

    def joined(left: Quantity, right: Quantity) -> bool:
        return bool(RATIO_SEPARATOR.fullmatch(text, left.mention_end, right.start))

    found: dict[int, tuple[int, tuple[int, int]]] = {}
    for first in range(len(quantities) - 2):
        group = quantities[first : first + 3]
        if (
            any(q.unit or q.is_range for q in group)
            or not (joined(group[0], group[1]) and joined(group[1], group[2]))
            or (first > 0 and joined(quantities[first - 1], group[0]))
            or (first + 3 < len(quantities) and joined(group[2], quantities[first + 3]))
        ):
            continue
        mention = _last_match(structure, text, sent_start, group[0].start)
        # The mention governs the ratio when nothing but the sentence's other ratio stands between them.
        if mention is None or re.search(r"[；;。]", text[mention.end() : group[0].start]):
            continue
        if any(mention.end() <= q.start < group[0].start and index not in found for index, q in enumerate(quantities[:first])):
            continue
        for place in range(3):
            found[first + place] = (place, mention.span())
    return found


def _ratio_share(first: Draft, indicator: str, quantity: Quantity) -> Draft:
    return replace(
        first,
        indicator=indicator,
        indicator_id=None,
        value=quantity.value,
        bound=quantity.bound,
        start=quantity.start,
        end=quantity.end,
        quantity=quantity,
        unit_start=quantity.unit_start,
        unit_end=quantity.unit_end,
    )


def _value_run(text: str, drafts: list[Draft], end: int) -> list[Draft]:
    """The values of the sentence that close a list just before `end`, one draft each, in text order:
    items each ended by its value (`办理人大代表建议211件、政协委员提案97件，`)."""
    run: list[Draft] = []
    boundary = end
    for draft in reversed(drafts):
        quantity = draft.quantity
        if quantity is None or (run and run[-1].quantity is quantity):
            continue
        between = text[quantity.mention_end : boundary].strip("，、,和及与 ")
        if boundary < quantity.mention_end or (between and not _only_cues(between)) or re.search(r"[；;。]", between):
            # (Also when the later value's indicator is named before this one: `生产总值312.5亿元，增长6.1%`.)
            break
        run.append(draft)
        boundary = min(quantity.mention_start, draft.indicator_start if draft.indicator_start is not None else quantity.mention_start)
    return run[::-1]


def _list_lengths(text: str, quantities: list[Quantity], number: int) -> tuple[int, int]:
    """How many values from `quantities[number]` on form one list (`分别增长8%、7.5%和6%`), and how many
    of them from the first are joined by nothing but `、`, `和` or a comma (not `由55%提高到65%`)."""
    listed = bare = 1
    only_joined = True
    for left, right in zip(quantities[number:], quantities[number + 1 :]):
        between = text[left.mention_end : right.mention_start]
        words = between.strip("、和及与，, ")
        # (Text between two values of one list stays within its clause: `分别达到甲的20%和乙的15%`.)
        if words and not _only_cues(between) and re.search(r"[，；,;]", between):
            break
        listed += 1
        only_joined = only_joined and not words
        if only_joined:
            bare += 1
    return listed, bare


def _semicolon_part_start(before: str) -> int:
    """Where the part of a sentence after its last semicolon begins: lists of figures run to one."""
    return max(before.rfind("；"), before.rfind(";")) + 1


def _after_a_headline_total(records: list[Draft], since: int) -> bool:
    """Whether the last level given since `since` (its growth aside) is a headline figure's total."""
    for draft in reversed(records):
        if draft.start < since:
            return False
        if draft.measure == "level" and not _is_rate(draft.unit):
            return draft.period == "cumulative" and draft.indicator_id is not None
    return False


def _last_value_end(records: list[Draft], default: int) -> int:
    return records[-1].quantity.mention_end if records and records[-1].quantity else default


def _clause_end(text: str, position: int, sent_end: int) -> int:
    ends = [at for at in (text.find(ch, position, sent_end) for ch in CLAUSE_BREAK + "。") if at >= 0]
    return min(ends, default=sent_end)


# What may stand between a value and a part of the year written after it: more figures of the same
# thing (`322户677人`, `322户、677人`).
CLAUSE_HEAD = re.compile(r"(?:、?[\d.]+[万亿]?[\u4e00-\u9fff])*")


def _clause_start(text: str, sent_start: int, position: int) -> int:
    cut = max(text.rfind(ch, sent_start, position) for ch in CLAUSE_BREAK)
    return max(sent_start, cut + 1)


def _indicator_for(
    text: str,
    quantity: Quantity,
    segment: str,
    segment_start: int,
    clause: str,
    state: _SentenceState,
    words: AssemblyWords,
    listed: int = 1,
    run: list[Draft] | None = None,
    bare: int = 1,
) -> Name:
    """The indicator of `quantity`; `listed` values from it on form one list (`bare` of them joined by
    nothing but `、`, `和` or a comma), and `run` holds the drafts
    of the values that end the list of items just before its clause. A `分别` list with a single value
    leaves all its heads in `state.shared`; a head from a `分别` list sets `state.distributed`."""
    state.period_of_head = None
    state.shared = []
    state.distributed = False
    if "分别" in segment:
        heads_text = segment[: segment.index("分别")]
        heads = _distribution_heads(heads_text, words.shared_qualifiers, words.measure_words)
        parts = _part_year_heads(heads_text, words.period_patterns) if len(heads) >= 2 else None
        if len(heads) >= 2 and listed == 1 and parts is None:
            # `城乡居民人均可支配收入分别增长6.8%左右，…`: one value for each indicator of the list.
            state.distribution = []
            state.shared = [Name.written(head, None) for head in heads]
            return state.shared[0]
        total = _clean_indicator(heads_text)[0]
        if total in TOTAL_WORDS and run and 2 <= listed <= len(run):
            # `新增甲企业12家、乙企业3家，总数分别达到85家、19家`: the totals of the things counted before.
            state.distribute([Name.written(ADDED_THINGS.sub("", draft.indicator) + total, None) for draft in run[-listed:]])
        elif not heads and run and 2 <= listed <= len(run):
            # `实际利用外资38亿美元，引进内资420亿元，分别增长9.6%和12.1%`: the indicators of the values
            # before, in their order (GUIDELINE 11).
            state.distribute([Name.of(draft) for draft in run[-listed:]])
        elif len(heads) >= 2:
            if SUB_ITEM.search(heads_text) and state.previous is not None:
                # `全体居民人均可支配收入增长6%，其中城镇和农村分别…`: parts of the figure before.
                heads = [_restore_sub_item(state.previous.indicator, head, words.shared_qualifiers) for head in heads]
            state.distribute([Name.written(head, None) for head in heads])
            if parts is not None:
                # `生产总值一季度、上半年和全年分别增长…`: one indicator over parts of the year, named
                # before them or earlier in the sentence.
                indicator, state.distribution_periods = parts
                if not indicator:
                    named = _last_match(words.headline_names, text, state.start, segment_start)
                    indicator = named.group() if named is not None else ""
                state.distribution = [Name.written(indicator, None)] * len(heads)
    elif state.distribution and state.distribution_index >= len(state.distribution) and MOVED_TO.fullmatch(segment.strip("，, ")):
        # `工业增加值、利润分别由1800亿元、560亿元增加到2190亿元、810亿元`: the levels moved to go over the
        # same heads again, in their order.
        state.distribution_index = 0
    elif state.distribution and segment.strip("、和及与，, ") and not _only_cues(segment):
        state.distribution = []
        state.distribution_periods = []
    exhausted = state.distribution_index >= len(state.distribution)
    if "分别" not in segment and bare >= 2 and exhausted:
        own = segment[_clause_start(segment, 0, len(segment)) :]
        heads = [] if re.search("等|占|其中", own) else _distribution_heads(own, words.shared_qualifiers, words.measure_words)
        # (Heads alike, as for a shared rate: not `支持甲和乙提取公积金80万人次、20亿元`, two measures of one.)
        # (The values joined by nothing but `、` or `和` are the list: `…收入完成3.1万元和1.5万元，分别增长…`.)
        if len(heads) == bare and all(len(head) >= 2 for head in heads) and len({head[-1] for head in heads}) == 1:
            # `城镇和农村居民人均可支配收入增长4.2%和6.9%`: without `分别` too, as many values as heads
            # go one to each (GUIDELINE 12).
            state.distribute([Name.written(head, None) for head in heads])
        elif (
            bare == listed
            and not heads
            and _only_cues(own)
            and run
            and len(run) == listed
            and len({draft.indicator for draft in run}) == listed
        ):
            # `城乡居民人均可支配收入分别为3.4万元、1.8万元，增长6.7%、8.1%`: a bare list of as many values as
            # the list just before goes over its indicators, as with `分别` (GUIDELINE 11).
            state.distribute([Name.of(draft) for draft in run])
    if state.distribution and state.distribution_index < len(state.distribution):
        head = state.distribution[state.distribution_index]
        if state.distribution_periods:
            state.period_of_head = state.distribution_periods[state.distribution_index]
        state.distribution_index += 1
        state.distributed = True
        return head
    masked = PARENTHESES.sub(lambda m: "\0" * len(m.group()), segment)
    list_cut = masked.rfind(LIST_BREAK)
    while list_cut > 0 and "分别" not in segment and _levels_listed(masked, list_cut):
        # `省、市重点项目`, `国家、省级储备项目`: levels of government listed before one noun are no list
        # of items (but `分别认定省级、市级人才120名、376名` gives one value to each).
        list_cut = masked.rfind(LIST_BREAK, 0, list_cut)
    phrase_start = segment_start + (list_cut + 1 if list_cut >= 0 else 0)
    raw = text[phrase_start : quantity.mention_start]
    attributed = _attribute_name(text, quantity, raw, phrase_start, words, state.previous)
    if attributed is not None:
        return attributed
    phrase, offset = _clean_indicator(raw)
    if quantity.unit == "倍" and phrase.endswith("的") and EARLIER_BASE.search(raw):
        # `是上年的1.5倍`, `外资是“十一五”的2倍`: what the multiple is of is its base, an earlier time; the
        # figure is the subject before the verb, or the figure before it in the sentence. (Not
        # `支出是全年收入的6倍`: a ratio of two figures.)
        verb = _last_match(MULTIPLE_VERB, phrase, 0, len(phrase))
        subject = phrase[: verb.start()] if verb is not None else ""
        subject = "" if len(subject) < 2 or _only_cues(subject) else subject
        if subject or (state.previous is not None and state.previous.start >= state.start):
            phrase = subject
    if phrase.startswith("的") and quantity.unit in words.count_units and state.previous is not None:
        # `实施总投资14亿元的技改项目66个`: the things the value before was an attribute of are counted.
        thing = phrase[1:]
        if len(thing) >= 2 and state.previous.indicator.startswith(thing):
            return Name.written(thing, phrase_start + offset + 1)
    sub_item = SUB_ITEM.search(raw)
    following = _following_noun(text, quantity)
    if _only_cues(following):
        # `由380项减少到213项`: a verb after the count says what became of it, not what was counted.
        following = ""
    # (`迈上4000亿台阶`: a threshold crossed counts nothing.)
    counted = (
        bool(following)
        and following not in MILESTONE_WORDS
        and (quantity.unit.lstrip("万亿") in words.count_units or quantity.unit in ("万", "亿"))
    )
    if phrase.startswith("的"):
        phrase = ""
    if counted and (len(phrase) > 6 or raw.rstrip().endswith("等")):
        # `甲、乙等12个项目`, `某大学首次实现8个新型器件量产`: the counted noun names the indicator.
        return Name.written(following, None)
    if phrase in AGGREGATE_WORDS or not phrase and state.previous is None:
        # `地区生产总值迈上新台阶，总量突破3万亿元`, `地区生产总值增速逐季回升，全年增长5.5%`: the
        # indicator the sentence named before, in a clause of its own without a figure.
        named = _last_match(words.headline_names, text, state.start, phrase_start)
        if named is not None:
            return Name.written(named.group(), named.start())
    share = _share_of_things(text, quantity, phrase, words)
    if share is not None:
        return share
    lead = phrase
    if not raw.strip() and state.lead is not None:
        # (`修缮利用6片历史街区、15栋老建筑`: the second value, in the clause of the first, is named after
        # its lead.)
        lead = state.lead[0] if segment_start == state.lead[1] else ""
    thing = _thing_after_lead(text, quantity, lead, words, following if counted else "") if lead else None
    if thing is not None:
        state.lead = (lead, quantity.mention_end)
        return thing
    if phrase and len(phrase) >= 2 and not _only_cues(phrase) and not counted:
        in_sentence = state.previous is not None and state.previous.start >= state.start
        if sub_item and state.previous is not None:
            phrase = _restore_sub_item(state.previous.indicator, phrase, words.shared_qualifiers)
        elif phrase in TOTAL_WORDS and in_sentence and state.previous.unit == quantity.unit and "分别" not in segment:
            # `新增高新技术企业37家，总数达219家`: the total of the things just counted as added.
            thing = ADDED_THINGS.sub("", state.previous.indicator)
            if len(thing) >= 2:
                return Name.written(thing + phrase, None)
        elif phrase in INVESTMENT_WORDS and in_sentence and (projects := _projects_before(state.previous, words)):
            # `实施省市重点项目15个，总投资86亿元，当年完成投资31亿元`: the investment of the projects the
            # sentence just counted or gave the investment of.
            return Name.written(projects + ("完成投资" if "完成投资" in raw else phrase), None)
        elif phrase.startswith("占") and in_sentence and (subject := state.previous.indicator.split("占")[0]):
            # `民生支出41亿元，占财政支出的81.7%`: the share is of the thing the figure before
            # measured, named as the contract names shares (`民生支出占一般公共预算支出比重`).
            return Name.written(subject + _share_name(phrase), None)
        elif phrase in words.shared_qualifiers and in_sentence and (swapped := _swap_qualifier(state.previous.indicator, phrase, words)):
            # `其中城镇40125元、农村18630元`: the rural figure of what the urban one was (spanned on `农村`).
            return Name(swapped, phrase_start + offset, phrase_start + offset + len(phrase))
        elif phrase in words.measure_words and in_sentence:
            # `粮食播种面积34万亩、产量15万吨`: a measure word alone measures the thing the figure before did.
            thing = _measured_thing(state.previous.indicator, words.measure_words)
            if thing:
                return Name.written(thing + phrase, None)
        elif phrase in words.measure_words and (headline := _subject_measured(text[state.start : phrase_start], phrase, words)):
            # `第三产业发展良好，实现增加值238亿元`, `粮食再获丰收，总产量42.7亿斤`: the thing the sentence
            # opens on, when with the measure word it names a headline figure.
            return Name.written(headline, None)
        if (
            in_sentence
            and state.previous.unit == quantity.unit
            and (added := _added_before(text, phrase, phrase_start, state.previous, words))
        ):
            # `新增省级科技型企业280家、高新技术企业27家`: the things of the list were all added, as the
            # gold names them (124 of 138 train and dev items after a `新增` item), not a stock of them
            # (spanned on the words written here).
            return Name(added + phrase, phrase_start + offset, phrase_start + offset + len(phrase))
        return Name.written(phrase, phrase_start + offset)
    if counted:
        lead = (
            phrase
            if phrase and not _only_cues(phrase) and not REGION_PREFIX.fullmatch(phrase) and not PREPOSITION.fullmatch(phrase)
            else ""
        )
        if (
            lead
            and len(following) >= 2
            and (
                CONJUNCTION_END.search(lead)
                or (_counted_before(text, phrase_start, state.previous, words.count_units) and len(lead.removesuffix("的")) <= 3)
            )
        ):
            # `36个县的148个乡镇`, `9个乡镇31个行政村`: a noun between two counts is what the first counted,
            # not a part of the second's name (but `215家企业提出的412个问题`); `田径场和3个足球场`: the
            # words before a conjunction are an item of their own.
            lead = ""
        return Name.written(lead + following, None)
    if state.previous is not None:
        if not phrase and state.previous.quantity is not None:
            # `生产总值增长6.4%，一般公共预算收入升至全国第9位，增长8.2%`: a headline named after the
            # last figure, in a clause whose own figure made no record (a rank), is this one's.
            named = _last_match(words.headline_names, text, state.previous.quantity.mention_end, phrase_start)
            if named is not None:
                return Name.written(named.group(), named.start())
        return Name.of(state.previous)
    return Name("", None, None)


def _projects_before(previous: Draft, words: AssemblyWords) -> str | None:
    """The projects a draft counted (`重点项目15个`) or gave the investment of (`重点项目总投资86亿元`),
    without a generic verb before them (`实施`, `谋划实施`: not what was done to them)."""
    name = previous.indicator
    if previous.unit.lstrip("万亿") not in words.count_units:
        investment = INVESTMENT_TAIL.search(name)
        name = name[: investment.start()] if investment is not None else ""
    lead = words.thing_lead
    verb = lead[0].match(name) if lead is not None else None
    if verb is not None and verb.group("verb") in lead[1] and PROJECTS.search(name, verb.end()):
        name = name[verb.end() :]
    return name if PROJECTS.search(name) else None


def _added_before(text: str, phrase: str, phrase_start: int, previous: Draft, words: AssemblyWords) -> str:
    """The verb of adding (`新增`, `新建`…) the list item just before this one opened on, when this
    item follows it after a bare `、` and has no verb or total of its own (`新建公厕7座、改造1座`); else
    empty. Not for rates (`新改扩建学校项目开工率95%、完工率80%`): nothing of them was added."""
    added = LIST_ADDED.match(previous.indicator)
    # (`新增城镇就业2.6万人、农民工返乡创业0.8万人`: `新增就业` names one indicator, not things added.)
    if (
        added is None
        or NEW_JOBS.match(previous.indicator)
        or previous.quantity is None
        or _is_rate(previous.unit)
        or text[previous.quantity.mention_end : phrase_start].strip() != LIST_BREAK
    ):
        return ""
    if ADDED_THINGS.match(phrase) or phrase.startswith(("总", "累计", "其中")) or phrase.endswith(TOTAL_WORDS):
        return ""
    lead = words.thing_lead
    if lead is not None and (verb := lead[0].match(phrase)) is not None and verb.group("verb"):
        return ""
    return added.group()


def _levels_listed(masked: str, cut: int) -> bool:
    """Whether the `、` at `cut` lists levels of government before one noun."""
    level = LEVEL_AT_END.search(masked, 0, cut)
    return bool(LEVEL_AFTER.match(masked, cut + 1)) and level is not None and bool(BEFORE_LEVELS.search(masked, 0, level.start()))


def _counted_before(text: str, phrase_start: int, previous: Draft | None, count_units: frozenset[str]) -> bool:
    """Whether the phrase at `phrase_start` follows right on a count (the previous draft's)."""
    if previous is None or previous.quantity is None or previous.quantity.unit.lstrip("万亿") not in count_units:
        return False
    return not text[previous.quantity.mention_end : phrase_start].strip()


def _share_name(phrase: str) -> str:
    """`占全省的` -> `占全省比重`, `占全球总数的` -> `占全球总数比重`; `占比`, `占GDP比重` stay."""
    if phrase.endswith(("比重", "比例", "份额", "占比")):
        return phrase
    return phrase.removesuffix("的") + "比重"


SHARE_OF = re.compile(r"\s?(?:以上|左右|以内)?的")
NEXT_SHARE = re.compile(r"[、和及与]?\s?\d[\d.]*\s?[%％]")
# What a rate before `的` is more often of than a share of things: `6%左右的增长目标`, `增长28%的基础上`,
# `年均8.6%的较高增速` (but `6%的经济增速` names the rate).
NOT_THINGS_SHARED = re.compile(
    rf"(?:{RATE_MODIFIERS})?(?:增长|增速|增幅|涨幅|降幅|目标|预期|幅度|水平|速度|警戒|标准|比例|比重|份额|基础上)"
)


def _share_of_things(text: str, quantity: Quantity, phrase: str, words: AssemblyWords) -> Name | None:
    """`全市75%的餐饮店完成明厨亮灶`, `力争45%以上的县医院达到…`: a percentage of the things written after
    it, with nothing but a region, a lead verb or cue words before it, is named from them and what is
    said of them (the share of villages that completed the reform is not the share of villages). None
    otherwise."""
    if quantity.unit != "%":
        return None
    link = SHARE_OF.match(text, quantity.mention_end)
    if link is None:
        return None
    lead = words.thing_lead
    if phrase and not REGION_PREFIX.fullmatch(phrase) and not (lead is not None and lead[0].fullmatch(phrase)):
        return None
    clause = text[link.end() : link.end() + THING_WINDOW]
    clause = clause[: _first(THING_BREAK, clause)]
    thing = FOOTNOTE_MARK.sub("", PARENTHESES.sub("", clause))
    # (`92%的村生活垃圾和58.5%的村生活污水…`: the next share's things are not this one's.)
    thing = thing[: _first(NEXT_SHARE, thing)]
    if len(thing) < 3 or NOT_THINGS_SHARED.match(thing) or thing[0].isdigit():
        return None
    return Name.written(thing, None)


def _thing_after_lead(text: str, quantity: Quantity, phrase: str, words: AssemblyWords, following: str = "") -> Name | None:
    """A value whose clause names nothing before it but a verb (with manner words), a region or a
    fragment is named from the thing written after it: `高标准修缮利用6片历史街区` → `修缮利用历史街区`,
    `建设4.2万亩高标准农田` → `高标准农田`, `全县812户贫困群众全部脱贫` → `贫困群众全部脱贫`. A verb that says
    what was done to the thing stays in front, a generic one (`实施`, `推进`) goes. The thing is what
    `_thing_named_at` reads after the value, without adverbs at its end (`…行政村均`) or a further
    item that is a verb phrase (`120所学校、新增学位…`); after a verb, from
    its last `的` on (`5轮全方位、全覆盖的安全督导`), but not after a fragment, where what is counted comes
    first (`对8家市场开展…的检测`). The thing alone has the span where it is written. A count whose noun
    `_following_noun` read keeps that name (`组织35家企业入驻…`: what is said of them counts), unless the
    noun is the first item of a list of things (`86个产业、就业等帮扶项目`). None for rates and multiples, a value that
    is an item of a list, when the words before are more than such a lead, or when no thing follows, or
    only a further verb (`利用15天完成…`: the value is a means)."""
    lead = words.thing_lead
    patterns = words.attribute_patterns
    if lead is None or patterns is None or quantity.unit == "倍" or quantity.unit in words.rate_units:
        return None
    pattern, generic, tail = lead
    match = pattern.fullmatch(phrase)
    after = quantity.mention_end
    if match is None or text.startswith(LIST_BREAK, after):
        return None
    if following and not re.compile(re.escape(following) + "[、等]").search(text, after, after + THING_WINDOW):
        return None
    verb = match.group("verb") or ""
    thing = _thing_named_at(text, after, patterns)
    if verb:
        thing = thing[thing.rfind("的") + 1 :]
    thing = tail.sub("", thing)
    # (After a region or fragment the thing is all the name there is: not a bare verb, `向800亿斤迈进`.)
    if len(thing) < (2 if verb else 3) or thing[0].isdigit() or patterns["purpose"].match(thing) or patterns["action"].match(thing):
        return None
    at = text.find(thing, after, after + THING_WINDOW)
    if following and at < 0 and "等" not in thing:
        # A counted noun read whole is better than a thing put together from the words after it
        # (`开展8次集中开工、4次…`, not `开工集中`).
        return None
    if verb not in generic:
        return Name.written(verb + thing, None)
    return Name.written(thing, at if at >= 0 else None)


def _attribute_name(text: str, quantity: Quantity, raw: str, raw_start: int, words: AssemblyWords, previous: Draft | None) -> Name | None:
    """A figure given as an attribute of the thing named after it is named from that thing and the
    attribute word, which is its span: `实施总投资2.3亿元的“两馆一中心”工程` → `两馆一中心工程总投资`,
    `投资4200万元推进文昌路东段建设` → `文昌路东段建设投资`, `拨付1600万元就业补助资金` →
    `拨付就业补助资金`. The words before the attribute (a verb, an item mark, an 等-list of names)
    say who acts, not what it is spent on. A value of the list that follows without a word of its
    own (`投资8亿元的甲项目、6亿元的乙项目`) has the attribute of the one before. None when the value is
    not given so, or when the words before it are a headline indicator that names it
    (`固定资产投资1000亿元的目标`)."""
    patterns = words.attribute_patterns
    if patterns is None or not quantity.unit or quantity.unit == "倍" or quantity.unit in words.rate_units:
        return None
    attribute = patterns["attribute"].search(raw)
    if attribute is not None and not patterns["headline"].search(raw):
        word = attribute.group("attribute")
        start = raw_start + attribute.start("attribute")
    elif not raw.strip() and (before := _attribute_before(text, previous, quantity, patterns)) is not None:
        word, start = before
    else:
        return None
    after = quantity.mention_end
    link = patterns["link"].match(text, after)
    purpose = None if link else patterns["purpose"].match(text, after)
    action = None if link or purpose else patterns["action"].match(text, after)
    if link or purpose:
        thing = _thing_named_at(text, (link or purpose).end(), patterns)
    elif action:
        # A verb that changes what the money buys stays in the name (GUIDELINE, settled decision 14).
        rest = _thing_named_at(text, action.end(), patterns)
        thing = action.group().rstrip("了") + rest if rest else ""
    else:
        # Money paid as a fund (`拨付1600万元就业补助资金`) is named as the payment of that fund.
        thing = _thing_named_at(text, after, patterns)
        if not thing or not patterns["fund"].search(thing):
            return None
        return Name(word + thing, start, start + len(word), settled=True)
    if not thing:
        return None
    return Name(thing + word, start, start + len(word), settled=True)


def _attribute_before(
    text: str, previous: Draft | None, quantity: Quantity, patterns: dict[str, re.Pattern[str]]
) -> tuple[str, int] | None:
    """The attribute word and its start, when the value before, in the same unit, was named from one."""
    if previous is None or previous.indicator_start is None or previous.indicator_end is None or previous.unit != quantity.unit:
        return None
    if not patterns["attribute"].fullmatch(text, previous.indicator_start, previous.indicator_end):
        return None
    return text[previous.indicator_start : previous.indicator_end], previous.indicator_start


# How far after its value the name of a thing is looked for.
THING_WINDOW = 60
THING_BREAK = re.compile(r"[，。；：,;:！？!?\n]")
FOOTNOTE_MARK = re.compile(r"[\[［【〔]\d+[\]］】〕]|[“”\"‘’]|\s")


def _thing_named_at(text: str, position: int, patterns: dict[str, re.Pattern[str]]) -> str:
    """The thing written from `position` on, as an indicator names it: up to the end of the clause,
    the next attribute value of a list (`、投资2.5亿元的…`) or a count or date after it (`技改项目66个`,
    `…一期8月竣工`); without a leading count or size (`17个`, `17.2万平米`), the items of an 等-list
    before its head (`甲路、乙路等8条道路建设` → `道路建设`), parentheses, quotes and footnote marks, and
    what is said of it (`…项目竣工`, `…产业园加快实施`). A head too bare to name anything alone (`项目`)
    keeps a result said of it in front (`6个项目建成投产` → `建成投产项目`). Empty when less than two
    characters are left."""
    window = text[position : position + THING_WINDOW]
    window = window[: _first(THING_BREAK, window)]
    window = window[: _first(patterns["next_value"], window)]
    window = FOOTNOTE_MARK.sub("", PARENTHESES.sub("", window))
    # (`投资1.2亿元完成了总长28公里的农村公路建设`: the thing has a size of its own.)
    attributed = patterns["attributed"].match(window)
    window = _without_size(window[attributed.end() :] if attributed else window, patterns)
    if "等" in window:
        window = _head_of_list(window, patterns)
    count = patterns["count"].search(window, 1)
    while count is not None:
        # A count or size at the end, or before what is said of the thing, ends its name (`技改项目66个`,
        # `…一期8月竣工`); one before a noun counts or sizes that noun (`园区内3条高压线路迁改`).
        rest = window[count.end() :]
        if not rest or patterns["ends"].match(rest) or count.group().endswith(("月", "年")):
            window = window[: count.start()]
            break
        window = window[: count.start()] + rest
        count = patterns["count"].search(window, max(count.start(), 1))
    end = patterns["ends"].search(window, 2)
    if end is not None:
        head, said = window[: end.start()], window[end.start() :]
        window = said + head if len(head) <= 2 and patterns["result"].match(said) else head
    return window if len(window) >= 2 else ""


def _head_of_list(phrase: str, patterns: dict[str, re.Pattern[str]]) -> str:
    """The name of things listed before 等: the head after it, when it names them by itself
    (`甲路、乙路等6条道路建设` → `道路建设`); else the first of them with it (`甲产业园、乙区等项目` →
    `甲产业园等项目`, `甲生产线等项目建设` → `甲生产线等项目建设`), without a bare verb (`甲园、乙区等建设`)."""
    cut = phrase.rindex("等")
    items, head = phrase[:cut], _without_size(phrase[cut + 1 :], patterns)
    if patterns["purpose"].fullmatch(head):
        head = ""
    if len(head) >= 3 and LIST_BREAK in items:
        return head
    first = items.split(LIST_BREAK)[0]
    return first + "等" + head if head else first


def _first(pattern: re.Pattern[str], text: str) -> int:
    """Where `pattern` first matches in `text`, or its length."""
    match = pattern.search(text)
    return match.start() if match is not None else len(text)


def _without_size(phrase: str, patterns: dict[str, re.Pattern[str]]) -> str:
    size = patterns["size"].match(phrase)
    return phrase[size.end() :] if size is not None else phrase


# What a clause calls its indicator when the sentence named it before.
# Thresholds crossed (`迈上4000亿台阶`): they name no indicator and count nothing.
MILESTONE_WORDS = frozenset({"台阶", "新台阶", "大关", "关口"})
AGGREGATE_WORDS = frozenset({"总量", "总额", "规模", "总值", "总产量", "总产"}) | MILESTONE_WORDS


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007
        pass
    return last


SHARED_VALUE = re.compile(r"(?<![平人年])均(?![衡等值匀])|双双")
# `各1个`, `实现了两个100%`: right before the value.
EACH_VALUE = re.compile(r"各(?:为|达|有)?$|[两三]个[“\"]?$")
RATE_UNITS = ("%", "‰")
# Rates and multiples: never a sum of parts, so one may be said of several heads, or of a part of one.
NOT_SUMMED_UNITS = RATE_UNITS + ("倍",)
# How long something takes (`审批时限缩短到5个工作日`, `1小时通勤圈`, `去化周期7个月`): a level of its
# year, never a sum over several (`天` is left out: days are counted up, `优良天数`).
DURATION_UNITS = ("个工作日", "工作日", "小时", "分钟", "个月")


def _shared_value_heads(segment: str, unit: str, run: list[Draft], words: AssemblyWords, listed: int = 1) -> list[Name]:
    """One value given for several indicators: each of a list before `均`, `双双` or `各`
    (`办复率、见面率均达到100%`, `A、B各1个`, `参保率和资助率实现了两个100%`), or before a rate, which
    is never a sum (`办复率、满意率100%`), or a multiple of headline figures (`翻一番`); and a single head after a list of values gives one for each
    item (`办理人大代表建议211件、政协委员提案97件，办结率均达100%`; `run` holds their drafts)."""
    cue = SHARED_VALUE.search(segment) or EACH_VALUE.search(segment)
    if cue is None and (unit not in NOT_SUMMED_UNITS or listed > 1):
        return []
    before = segment[: cue.start()] if cue is not None else segment
    own = before[_clause_start(before, 0, len(before)) :].lstrip("、和及与 ")
    # (Without a cue, not `甲、乙等产业增加值` nor a share of them together: `二、三产业占比`.)
    if cue is None and (not re.search("[、和]", own) or re.search("等|占|其中", own)):
        return []
    heads = _distribution_heads(own, words.shared_qualifiers, words.measure_words)
    # Without a cue, the heads are alike (`办复率、满意率`, `工业投资和技改投资`), not a part of a scale
    # before its rate (`5万元以下部分、报销比例从55%`).
    alike = (
        cue is not None
        or (len({head[-1] for head in heads}) == 1 and not re.search(r"\d", own))
        # `生产总值、城乡居民收入力争比2010年翻一番`: a multiple of headline figures, each doubled.
        or (unit == "倍" and all(words.headline_id(head, "growth") for head in heads))
    )
    if len(heads) >= 2 and all(len(head) >= 2 for head in heads) and alike:
        return [Name.written(head, None) for head in heads]
    if cue is None or len(heads) > 1 or cue.group().endswith(("个", "“", '"')):
        return []
    items: list[Draft] = []
    for draft in reversed(run):
        if draft.unit != run[-1].unit:
            break
        items.insert(0, draft)
    if len(items) < 2:
        return []
    head = heads[0] if heads else ""
    return [Name.written(draft.indicator + head, None) if head else Name.of(draft) for draft in items]


def _only_cues(phrase: str) -> bool:
    return not TRAILING_NOISE.sub("", LEADING_NOISE.sub("", phrase))


def _clean_indicator(raw: str) -> tuple[str, int]:
    """The indicator phrase of a clause: cue words, verbs and parentheses taken off its ends."""
    without_parens = PARENTHESES.sub(lambda m: "\0" * len(m.group()), raw)
    lead = LEADING_NOISE.match(without_parens)
    offset = lead.end() if lead else 0
    core = without_parens[offset:]
    core = TRAILING_NOISE.sub("", core)
    core = core.replace("\0", "")
    region = REGION_PREFIX.match(core)
    if region and core[region.end() :] != "生产总值" and len(core) - region.end() >= 2:
        offset += region.end()
        core = core[region.end() :]
        # `全市完成地区生产总值`: the verb after the region is no part of the name either.
        lead = LEADING_NOISE.match(core)
        if lead and len(core) - lead.end() >= 2:
            offset += lead.end()
            core = core[lead.end() :]
    # (`年底前治理率达到90%`: when, not what; alone, it is all the name there is.)
    when = YEAR_END_PREFIX.match(core)
    if when and len(core) - when.end() >= 2:
        offset += when.end()
        core = core[when.end() :]
    return core.strip(), offset


CONJUNCTION_OPENS = re.compile(r"(?!和美)[和及与](?!时)")
# `和`, `及` joining items, not a verb's last character (`惠及`, `涉及`, `总和`); `与` is more often
# `with` (`甲与21家院所建立合作`), which names the partner.
CONJUNCTION = r"(?:(?<![惠涉普遍波顾危触企提论来])及|(?<![总缓温平调])和(?!美))"
CONJUNCTION_END = re.compile(f"{CONJUNCTION}$")
# Up to a break, a list mark, or the next count, also when a conjunction and a word or two come before it
# (`3所中心医院和下属27所村医疗点`).
FOLLOWING_NOUN = re.compile(
    rf"(?:[\u4e00-\u9fffA-Za-z“”\"]|（[^（）]{{0,6}}）|\([^()]{{0,6}}\)){{1,14}}?(?=[，。；、,;:：]|$|[和及与]?\d|{CONJUNCTION}[\u4e00-\u9fff]{{1,2}}\d|等)"
)


def _following_noun(text: str, quantity: Quantity) -> str:
    """`725个贫困村出列`: the phrase after a count names what was counted (parentheses dropped), up
    to a conjunction before the next count (`夺得37枚金牌和29枚银牌`); none where a conjunction follows
    the count, which opens the next item (`龙头企业30家和示范合作社12家`)."""
    window = text[quantity.mention_end : quantity.mention_end + 24]
    if CONJUNCTION_OPENS.match(window):
        return ""
    match = FOLLOWING_NOUN.match(window)
    if not match:
        return ""
    # (`36个县的148个乡镇`: what the first count counted ends before `的`.)
    return PARENTHESES.sub("", match.group()).strip('“”"').removesuffix("的")


def _part_year_heads(heads_text: str, periods: dict[str, re.Pattern[str]]) -> tuple[str, list[str]] | None:
    """When every head of a `分别` list ends on a part of the year or on `全年`, the indicator before
    the first (empty when none) and the period of each value; else None."""
    heads = _head_parts(heads_text)
    indicator = ""
    kinds = []
    for number, head in enumerate(heads):
        part = None
        for kind, pattern in (("to_date", periods["to_date"]), ("year", periods["year_again"])):
            match = _last_match(pattern, head, 0, len(head))
            if match is not None and match.end() == len(head) and (number == 0 or match.start() == 0):
                part = (kind, match.start())
                break
        if part is None:
            return None
        kinds.append(part[0])
        if number == 0:
            indicator = head[: part[1]]
    return _clean_indicator(indicator)[0], kinds


def _head_parts(heads_text: str) -> list[str]:
    """The items of a list of heads (`城镇、农村居民人均可支配收入` → `城镇`, `农村居民人均可支配收入`)."""
    return [part for part in HEAD_SPLIT.split(_clean_indicator(heads_text)[0]) if part]


# The words that join heads, not inside a word (`参与率`, `普及率`, `及时率`, `以及`).
HEAD_SPLIT = re.compile(r"[、和]|(?<![参给])与|(?<![普以])及(?![时格])")


def _distribution_heads(heads_text: str, qualifiers: tuple[str, ...] = (), measures: tuple[str, ...] = ()) -> list[str]:
    """The indicators a list of heads names, with what the text leaves out restored: the tail written
    only on the last (`小学和初中入学率`), a qualifier written only on the first
    (`城乡居民养老保险、医疗保险参保率`: both are `城乡居民…`), and the thing measured, written only on the
    first (`规上工业产值和增加值`: `规上工业增加值`)."""
    parts = _with_shared_share(_of_first_thing(_head_parts(heads_text), measures))
    if len(parts) == 1 and parts[0].startswith("城乡") and len(parts[0]) > 2:
        # `城乡居民人均可支配收入分别增长7%和8%` names the urban and the rural figure.
        return ["城镇" + parts[0][2:], "农村" + parts[0][2:]]
    if len(parts) < 2:
        return parts
    last = parts[-1]
    restored = [part if part[-1] in HEAD_CHARS else _with_tail(part, last, qualifiers) for part in parts[:-1]]
    restored.append(last)
    qualifier = _qualifier(restored[0], qualifiers)
    # (Not when another head names a qualifier of its own: `城乡居民基础养老金、城镇居民…和企业…养老金`.)
    if not qualifier or any(_qualifier(head, qualifiers) is not None for head in restored[1:]):
        return restored
    return [restored[0]] + [
        head if _qualifier(head, qualifiers) is not None or qualifier in head else qualifier + head for head in restored[1:]
    ]


SHARE_TAIL = re.compile(r"占[^占]{0,12}(?:比重|比例|份额)$")


def _with_shared_share(parts: list[str]) -> list[str]:
    """`GDP、财政收入、工业增加值占全市比重分别…`: the share the last head names is of each head."""
    tail = SHARE_TAIL.search(parts[-1]) if len(parts) >= 2 else None
    if tail is None:
        return parts
    return [part if SHARE_TAIL.search(part) else part + tail.group() for part in parts[:-1]] + [parts[-1]]


def _of_first_thing(parts: list[str], measures: tuple[str, ...]) -> list[str]:
    """Later heads that are only a measure word take the thing the first head measures."""
    thing = _measured_thing(parts[0], measures) if len(parts) >= 2 else None
    if not thing:
        return parts
    return [parts[0]] + [thing + part if part in measures else part for part in parts[1:]]


def _subject_measured(before: str, measure: str, words: AssemblyWords) -> str | None:
    """The headline name that the opening words of a sentence make with a measure word."""
    opening = before[: _first(CLAUSE_SPLIT, before)]
    lead = LEADING_NOISE.match(opening)
    opening = opening[lead.end() if lead else 0 :]
    mark = LIST_ITEM_MARK.match(opening)
    opening = opening[mark.end() if mark else 0 :].lstrip("—")
    for size in range(min(len(opening), 10), 1, -1):
        if words.headline_id(opening[:size] + measure) is not None:
            return opening[:size] + measure
    return None


CLAUSE_SPLIT = re.compile(f"[{CLAUSE_BREAK}]")


def _measured_thing(name: str, measures: tuple[str, ...]) -> str | None:
    """`规上工业` of `规上工业产值`, `粮食` of `粮食播种面积`: what the name measures, before its measure word."""
    word = next((m for m in measures if name.endswith(m)), None)
    thing = name[: -len(word)] if word else ""
    return thing if len(thing) >= 2 else None


def _qualifier(head: str, qualifiers: tuple[str, ...]) -> str | None:
    """The qualifier `head` starts with; empty when the head is nothing else (`城镇` in `城镇、农村居民…`)."""
    found = next((q for q in qualifiers if head.startswith(q)), None)
    return None if found is None else found if len(head) > len(found) else ""


def _with_tail(part: str, last: str, qualifiers: tuple[str, ...]) -> str:
    """A head of a list without the tail its last head writes. A qualifier alone takes the place of
    the last's (`城镇、农村居民人均可支配收入`, `国家级、省级龙头企业`). A head whose end the last writes
    again ends on what the last has after it (`城乡居民养老保险` before `医疗保险参保率`). Else, before a
    last head that names a measure (a rate, an amount), on the last's tail after as many characters
    as the head has besides its qualifier (`小学` before `初中入学率`: `小学入学率`); a last head that
    names things (`试点企业`) is no tail of the others (`创业孵化基地、数字化转型试点企业各2家`),
    unless they are a bare word or two (`市、县两级政府内设机构`)."""
    if part in qualifiers:
        theirs = [q for q in qualifiers if last.startswith(q) and len(last) > len(q)]
        if theirs:
            replaced = next((q for q in theirs if len(q) == len(part)), min(theirs, key=len))
            return part + last[len(replaced) :]
    for size in range(min(len(part), len(last) - 1), 1, -1):
        found = last.find(part[-size:])
        if found > 0 and found + size < len(last):
            return part + last[found + size :]
    if last[-1] not in HEAD_CHARS and len(part) > 2:
        return part
    own = len(part) - len(_qualifier(part, qualifiers) or "")
    return part + last[own:] if own < len(last) else part


def _swap_qualifier(previous: str, qualifier: str, words: AssemblyWords) -> str | None:
    """`城镇居民人均可支配收入` with `农村` alone after it: `农村居民人均可支配收入`."""
    own = next((q for q in words.shared_qualifiers if previous.startswith(q) and len(q) == len(qualifier) and q != qualifier), None)
    return qualifier + previous[len(own) :] if own is not None and len(previous) > len(own) else None


def _restore_sub_item(parent: str, sub: str, qualifiers: tuple[str, ...] = ()) -> str:
    """`新签约亿元以上项目` + `其中10亿元以上项目` -> `新签约10亿元以上项目`; `全体居民人均可支配收入` +
    `其中城镇` -> `城镇居民人均可支配收入`."""
    if sub in qualifiers and "居民" in parent and "居民" not in sub:
        return sub + parent[parent.index("居民") :]
    common = 0
    while common < min(len(parent), len(sub)) and parent[-1 - common] == sub[-1 - common]:
        common += 1
    if common < 3:
        return sub
    parent_rest = parent[: len(parent) - common]
    sub_rest = sub[: len(sub) - common]
    if parent_rest.endswith(sub_rest):
        return parent
    return parent_rest + sub


def _measure(
    segment: str, quantity: Quantity, indicator: str, state: _SentenceState, cues: dict[str, re.Pattern[str]]
) -> tuple[str, float]:
    unit = quantity.unit
    if unit == "倍":
        # `增长1.9倍`, `是2010年的1.5倍` (GUIDELINE, settled decision 2).
        return "growth", 1.0
    is_percent = unit in ("%", "‰")
    is_points = unit.endswith("百分点")
    last_level = _last(cues["level"], segment)
    last_up = _last(cues["up"], segment)
    last_down = _last(cues["down"], segment)
    verb_position = max(last_up, last_down)
    names_a_rate_of_change = re.search(r"(?<!自然)(?:增速|增长率|增幅|涨幅)$", indicator)
    # `增长保持在7%`, `增长预期目标为6%`: a level word after the verb gives the rate of the change.
    rate_of_change = (
        is_percent
        and verb_position >= 0
        and last_level >= verb_position + 2
        and not re.search(r"[，,；;]", segment[verb_position:last_level])
    )
    if (
        last_level >= 0
        and last_level >= verb_position
        and not is_points
        and not (is_percent and names_a_rate_of_change)
        and not rate_of_change
    ):
        return "level", 1.0
    sign = -1.0 if last_down > last_up and quantity.value > 0 else 1.0
    if verb_position >= 0:
        if is_points:
            return "change", sign
        if is_percent:
            return "growth", sign
        return "change", sign
    if is_points:
        return "change", 1.0
    if is_percent and (quantity.growth_after or re.search(r"(?<!自然)(?:增速|增长率|增幅|涨幅|增长|降幅)$", indicator)):
        return "growth", -1.0 if indicator.endswith("降幅") else 1.0
    previous = state.previous
    if previous is not None and state.distribution_index > 1 and previous.unit == unit:
        return previous.measure, -1.0 if previous.value < 0 and previous.measure != "level" else 1.0
    if (
        is_percent
        and previous is not None
        and previous.indicator == indicator
        and previous.unit == unit
        and not segment.strip("、，,；").startswith(indicator)
    ):
        return previous.measure, -1.0 if previous.value < 0 and previous.measure != "level" else 1.0
    return "level", 1.0


NOT_A_VERB = re.compile(r"增加值|增长率|增长点|增长极|增速|增幅|降幅|涨幅|提升率|(?:精简|压缩|削减|压减)(?:幅度|比例)")


def _last(pattern: re.Pattern, text: str) -> int:
    """Where the last cue of `pattern` starts in `text`, or -1; nouns such as 增加值 are no verbs."""
    masked = NOT_A_VERB.sub(lambda m: "\0" * len(m.group()), text)
    position = -1
    for match in pattern.finditer(masked):
        position = match.start()
    return position


def _role(
    sentence: str,
    sent_start: int,
    quantity: Quantity,
    section: Section,
    plan_from: int | None,
    estimate_carried: bool,
    in_target_paren: bool,
    clause: str,
    cues: dict[str, re.Pattern[str]],
    reviews_past: bool = False,
) -> str:
    if in_target_paren:
        return "target"
    before = sentence[: quantity.mention_start - sent_start]
    if reviews_past:
        return "estimate" if cues["estimate"].search(before) or estimate_carried else "actual"
    if section.kind == "plan" or (plan_from is not None and quantity.start >= plan_from):
        return "target"
    if cues["estimate"].search(before) or estimate_carried:
        return "estimate"
    # In a review, 争取 reports what was obtained (争取上级资金) and 预期寿命 is no cue.
    if re.search(r"力争|确保|目标|计划|预期(?!寿命)", clause) and not re.search(r"完成|实现了|超额|超过", clause):
        return "target"
    future = re.search(r"(?:到|至)(20\d\d)年", before)
    if future and section.year is not None and int(future.group(1)) > section.year + (1 if section.kind != "plan" else 0):
        return "target"
    return "actual"


def _year(
    clause: str,
    before: str,
    role: str,
    section: Section,
    report_year: int | None,
    in_plan_paragraph: bool,
    cue_year: int | None = None,
    paragraph_target_year: int | None = None,
    reviews_past: bool = False,
) -> int | None:
    # `2016年以来`, `比2015年` and `是2010年的1.8倍` name where a period starts or what is compared
    # with, not the value's year.
    explicit = re.findall(r"(?<![\d比较与是-])(20[0-4]\d|19\d\d)\s?年(?![\d-]|以来|的?基础上|为基[础数])", clause)
    # In `从2015年的38.6亿元增长到61.2亿元` the year is the start's: the level reached is of the section's year.
    start_of_change = FROM_YEAR_TO.search(before)
    if start_of_change and start_of_change.group(1) in explicit:
        explicit.remove(start_of_change.group(1))
    if explicit:
        return int(explicit[-1])
    future = TARGET_YEAR.search(before)
    if role == "target" and future:
        return int(future.group(1))
    if role == "target" and paragraph_target_year is not None:
        return paragraph_target_year
    if role == "target" and report_year is not None and re.search(r"今年|本年度", before):
        return report_year
    if in_plan_paragraph and role == "target":
        # The coming year's targets are of the year their announcement names (`今年…主要预期目标`),
        # also inside a plan section headed by a five-year plan (RECORDS.md v2).
        if cue_year is not None:
            return cue_year
        return report_year if section.kind != "plan" else section.year
    if reviews_past and section.year is not None:
        return section.year - 1
    return section.year


# The start of a move, per head or period written between (`从每人每月100元`), or a later item of
# its list (`分别从每月375元、173元`); and the move that follows it (`提高到110元`).
MOVE_START = re.compile(r"(?:从|由)(?:每人每月|每人每年|每户每月|每月|每年|每人|年人均|人均)?(?:\d[\d.]*[^\d，。；、]{0,4}、)*$")
# Verbs that move a level to a new one (`提高到`, `缩小至`, `调整为`).
MOVE_VERBS = "提高|提升|增加|增长|上升|降低|下降|减少|缩小|扩大|扩展|上调|下调|调整|降|增|升"
MOVE_TO = re.compile(rf"[^，。；]{{0,24}}?(?:{MOVE_VERBS})(?:到|至|为)")
ONE_YEAR_CHANGE = re.compile(r"同比|比上年|较上年|比去年|较去年|全年")
# The level a change starts from: `从2015年的45.58亿元（增长到…）`, `由1.2万亿元（增加到…）`.
# (Also the further levels of a list, `分别由1800亿元、560亿元（增加到…）`.)
# (Unlike a plan's move, a level listed may have its measure before it: `分别从每立方米48.1、76.4微克`.)
CHANGE_START = re.compile(
    r"(?:从|由)(?:(?:(?:19|20)\d\d\s?年|[“\"]?十[一二三四五六]五[”\"]?)(?:底|末)?的?)?(?:[^\d，。；、到至]{0,4}[\d.]+[^\d，。；、到至]{0,6}、)*$"
)
FROM_YEAR_TO = re.compile(r"(?:从|由)((?:19|20)\d\d)\s?年[^，；。]{0,30}?(?:到|至)[^，；。]*$")
PLAN_START = {name: end - 4 for name, end in FIVE_YEAR_PLAN_END.items()}
PLAN_END_NAMED = re.compile(r"(十[一二三四五六]五)[”\"]?期?末")
YEARS_SINCE = re.compile(r"((?:19|20)\d\d)年" + SINCE_YEAR_TAIL)
SINCE_BASE_YEAR = re.compile(r"(?:比|较|与|是|在(?=(?:19|20)\d\d年的?基础上)|以(?=(?:19|20)\d\d年为基[础数]))((?:19|20)\d\d)年")
# `比“十二五”末增长`, `是“十一五”末的1.7倍`: a change over the years since the plan's end.
SINCE_PLAN_END = re.compile(r"(?:比|较|与|是)[“\"]?(十[一二三四五六]五)[”\"]?期?末")
# A change since an event some years back (`较改革前分别增长40.8%`, `比帮扶前增长了14.8倍`, `是改革前的1.3倍`).
SINCE_EVENT = re.compile(r"(?:比|较|是)(?:改革|帮扶|搬迁|实施|开展|建设|撤并|整合|合并|创建|治理)前")
# What a project or a park has had put in since it began (`…项目累计完成投资189亿元`), also in a
# review of one year.
PROJECT_TOTAL = re.compile(r"(?:项目|园区|工程|基地|度假区)[^，。；]{0,12}累计(?:完成|投资|投入)")
# A few years summed, for the rest of their clause only (`近三年累计造林…`, `两年累计新建…、改造…`;
# not `全年新建管网300公里、四年累计1100公里，完成…`); unlike the markers of several years they open no
# paragraph.
YEARS_SUMMED = re.compile(r"(?<![\d年第])[两三四2-4]年(?:累计|共计)|近[两三四2-4]年(?=[^，。；]{0,6}(?:累计|共|新增|完成|建成))")
# A total so far, since whenever it began (`已累计开行…列`, `截至年末累计…万人纳入`), not the year's
# (`全年累计救助900人次`).
TOTAL_SO_FAR = re.compile(r"(?<!全年)已累计|累计已|至今累计|截至[^，；。]{0,12}累计")
# The running total written right after the year's addition to it (`全年新建基站8.2万个，累计建成31万个`,
# `新建高标准农田5万亩、累计建成120万亩`); not a level reached (`新增…9家、累计达到36家`).
TOTAL_AFTER_ADDED = re.compile(
    r"(?:新增|新建|净增|引进|开通|新认定|新培育)[^，。；、]{0,20}?\d[\d.]*\s*[^\d，。；、]{0,4}[，、]累计(?!达)[^，。；、\d]{0,10}$"
)
# What a number of years did, summed (`五年完成固定资产投资…`, `三年累计`).
YEARS_DID = "累计|共|新增|完成|建成|引进|实现"
SEVERAL_YEARS = re.compile(
    rf"([两三四五]|(?<![\d年])[1-9]\d|(?<![\d年])[2-5])年(?:来|间|{YEARS_DID})|"
    r"过去(?:的|这)?([两三四五2-5])年|近([三五3-5])年|这([五5])年|的([五5])年|回望([1-9]\d)年|(?:今后|未来)([三五])年|经过([两三四五六七八九十])年(?:的|来)?(?:努力|奋斗|拼搏|建设|攻坚)"
)


# Figures that are no sum over years: per head or per unit, a standard, a balance.
PER_HEAD = re.compile(r"^(?:人均|户均|生均|村均|亩均|地均|年人均)|(?:人均|户均|生均)[^，；、]{0,8}$|标准$|余额$|单价$|均价$")
THRESHOLD_CROSSED = re.compile(r"(?:迈上|迈入|跨越|跨过|跨上|站上|登上|先后突破|先后超过)[^，；。]{0,24}$")
# What a place has, or makes in a year, at the end of the years reviewed (`煤化工总产能`, `农村公路总里程`,
# `果品年产量`).
STOCK_NAME = re.compile(r"(?:产能|里程|资源量|装机(?:容量)?|储能)$|^年产|[^均]年产[量值]")
# What adds the years up where nothing reaches back past the year (`全年累计救助900人次`, GUIDELINE 13).
SUMMED_LIST = re.compile(r"累计|合计|总计|共计")
# What an industry or a firm makes or sells, counted by the year.
ANNUAL_FLOW_NAME = re.compile(r"(?:产值|营业收入|营收|增加值|销售收入|销售额|交易额|零售总额)$")
# What there is in all at the end of the years (`市场主体总数`, `人才资源总量`, `国有企业总资产`), whatever
# was added to it.
STOCK_TOTAL = re.compile(r"(?:总数|总量|总资产|净资产|资产总额|保有量|拥有量)$")
# (Not what was cut or added: `淘汰落后产能`, `五年新增高速公路里程260公里，其中…`.)
FLOW_OF_STOCK = re.compile(r"淘汰|化解|压减|压降|退出|新增|净增|新建")
# (Before a shared verb too: `五年完成固定资产投资、…分别达1.5万亿元、…`.)
YEARS_DONE = re.compile(f"[两三四五]年(?:{YEARS_DID})")
# A target to reach within some years (`3年内`, `用三年左右的时间`, `用3—5年时间`, `今明两年`); not
# `离校2年内未就业` (those who left school within two years).
TARGET_HORIZON = re.compile(
    r"用(?P<years>[两三四五六七八九十]|\d{1,2})(?P<upto>[—\-~至到](?:[两三四五六七八九十]|\d{1,2}))?年(?:左右)?(?:的)?时间"
    r"|(?<!离校)(?<!毕业)(?P<within>[两三四五]|\d)年内|今明两年"
)
# A level moved to (`提高到1.2万元`), as against an amount done (`直接融资达到100亿元`).
MOVED_TO = re.compile(f"(?:{MOVE_VERBS})(?:到|至)")
YEARS_AVERAGE = re.compile(r"(?<![\d年])(?P<years>[两三四五]|\d)年(?:平均|年均)(?=增长|增速|下降|提高|分别)")
# (What the figures count and the year, between them and a part of the year written after them.)
THING_AND_YEAR = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:今年|年内)|今年|年内")
# A year of its own between a target's horizon and its figure (`用三年时间完成…，今年投资90亿元`).
ONE_YEAR_AFTER = re.compile(r"今年|本年|当年|明年|年内|(?:19|20)\d\d年(?!起|以来)")
# A rate held through the years of a review (`五年来登记失业率始终控制在4%以内`, `连续三年超过80%`).
RATE_HELD = re.compile(r"保持(?!率)|始终|一直|连续(?:[两三四五六七八九十]|\d{1,2})年|稳定在|控制在")
# The rate of the cases a passage handled (`承办人大代表建议146件和政协提案203件，办结率均为100%`), not a
# rate after some other count (`专利拥有量7.8件，科技进步贡献率…`).
RATE_OF_CASES = re.compile(r"\d\s*件[^。；]{0,12}[，,][^，,。；]{0,8}(?:办结|办复|答复|回复|满意|见面|落实)[^，,。；]{0,16}$")


# A level set against the level of an earlier year or plan's end, right after it.
def _level_set_against(earlier: str) -> re.Pattern[str]:
    """A level followed by its multiple of, or its change from, `earlier` (`，是…的2.3倍`, `，比…`)."""
    return re.compile(rf"[^，；。\d]{{0,4}}[，,]?\s*(?:(?:是|为|相当于){earlier}的\s*[\d.]+倍|比{earlier})")


EARLIER_LEVEL = rf"(?:{PLAN_NAME}期?末|(?:19|20)\d\d\s?年(?:末|底)?)"
LEVEL_AGAINST_YEAR = _level_set_against(EARLIER_LEVEL)
# A level set against a whole earlier period (`实际利用外资6.3亿美元，为“十二五”时期的2.4倍`, `比前五年
# 增长60%`) is a total over this one.
LEVEL_AGAINST_PERIOD = _level_set_against(rf"(?:{PLAN_NAME}(?:时期|期间)|前五年|上一个五年)")
# `投资500亿元的新城项目`: the value sizes the thing after it.
SIZE_OF_THING = re.compile(r"(?:以上)?的[^，。；、\d]{2}")


def _period(
    clause: str,
    before: str,
    quantity: Quantity,
    measure: str,
    year: int | None,
    headline: bool,
    paragraph_period: re.Match[str] | None,
    periods: dict[str, re.Pattern[str]],
    cues: dict[str, re.Pattern[str]],
    indicator: str = "",
    after: str = "",
    rest_of_clause: str = "",
    role: str = "actual",
    report_year: int | None = None,
    summed_list: bool = False,
) -> PeriodReading:
    """The stretch of time a value covers (RECORDS.md `period`), its first year, and its year.

    Part of the year: a part-year marker (`1—11月`, `前三季度`) after the last `全年` before the
    value, or right after its figures (`…户…人上半年全部脱贫`). A yearly average: `年均` in its
    clause (not a one-year mean such as `年均浓度`, nor what a household gains a year,
    `户年均增收`), or `每年` in a passage on several years. A total
    over several years: a value in a sentence or paragraph about several years (`过去五年`,
    `“十三五”以来`, `2016年以来`), or a change against a year several years back, unless it is a
    level reached (`达到`, `增至`) or a rate."""
    to_date = _last(periods["to_date"], before)
    if to_date >= 0 and to_date > _last(periods["year_again"], before):
        return PeriodReading("to_date", None, year)
    after_figures = rest_of_clause[CLAUSE_HEAD.match(rest_of_clause).end() :]
    thing_and_year = THING_AND_YEAR.match(after_figures)
    if periods["to_date"].match(after_figures, thing_and_year.end() if thing_and_year else 0):
        # `确保剩余贫困人口215户503人上半年全部脱贫`, `…286户、734人贫困人口今年上半年全部脱贫`: the part
        # of the year written after the figures.
        return PeriodReading("to_date", None, year)
    horizon = next(reversed(list(TARGET_HORIZON.finditer(before))), None)
    if horizon is not None and role == "target" and year is not None and not ONE_YEAR_AFTER.search(before, horizon.end()):
        # (The years count from the report's, where a plan's goal already carries the plan's last year.)
        start = min(year, report_year) if report_year is not None else year
        return PeriodReading(*_period_of_horizon(horizon, quantity, measure, start, indicator, clause))
    # A period named earlier in the sentence reaches to its next semicolon, as lists of figures go; a
    # single year named after the paragraph's period (`据初步统计，2019年全省地区生产总值…`) replaces it.
    marker = periods["multi_year"].search(before, _semicolon_part_start(before)) or YEARS_SUMMED.search(
        before, _clause_start(before, 0, len(before))
    )
    if marker is None and not SINGLE_YEAR.search(before):
        marker = paragraph_period
    elif marker is not None and not periods["multi_year"].search(clause) and SINGLE_YEAR.search(clause):
        # `“十四五”以来，…连跨4个台阶，2024年达到2.1万亿元、增长6.2%`: the clause names its own year.
        marker = None
    years_average = YEARS_AVERAGE.search(clause)
    if years_average:
        # `两年平均增长5.3%`: the yearly average of the last two years (over a year of a slump).
        count = parse_number(years_average.group("years"))
        return PeriodReading("average", year - int(count) + 1 if year is not None and count else None, year)
    average = periods["average"].search(clause)
    if average and not re.match(r"(?:浓度|气温|降水|降雨|日照|增收|补助)", clause[average.end() :]):
        return PeriodReading("average", _year_start(marker, clause, year), year)
    if marker is not None and periods["each_year"].search(clause):
        # `五年来，…每年投资3000万元`: what each year of the passage saw, its yearly average.
        return PeriodReading("average", _year_start(marker, clause, year), year)
    base = SINCE_BASE_YEAR.search(clause)
    if base and measure in ("growth", "change") and year is not None and int(base.group(1)) < year - 1:
        return PeriodReading("cumulative", int(base.group(1)) + 1, year)
    plan_base = SINCE_PLAN_END.search(clause)
    if plan_base and measure in ("growth", "change") and year is not None and FIVE_YEAR_PLAN_END[plan_base.group(1)] < year - 1:
        return PeriodReading("cumulative", FIVE_YEAR_PLAN_END[plan_base.group(1)] + 1, year)
    if measure in ("growth", "change") and SINCE_EVENT.search(clause):
        return PeriodReading("cumulative", None, year)
    change_start = CHANGE_START.search(clause)
    if change_start:
        return PeriodReading("year", None, _start_level_year(change_start, clause, marker, year))
    if marker is None:
        if (
            PROJECT_TOTAL.search(clause) or TOTAL_SO_FAR.search(clause) or TOTAL_AFTER_ADDED.search(before)
        ) and quantity.unit not in NOT_SUMMED_UNITS:
            return PeriodReading("cumulative", None, year)
        # (`累计` with nothing reaching back past the year is the year's total, GUIDELINE 13, unless
        # the report's own figure for the year shows it is several years'.)
        return PeriodReading("year", None, year, size_decides=bool(SUMMED_LIST.search(clause)))
    if (
        measure == "level"
        and LEVEL_AGAINST_PERIOD.match(after)
        and not _is_rate(quantity.unit)
        and not STOCK_TOTAL.search(indicator)
        and not PER_HEAD.search(indicator)
    ):
        return PeriodReading("cumulative", _year_start(marker, clause, year), year)
    if measure == "level" and LEVEL_AGAINST_YEAR.match(after):
        # `利用外资4.8亿美元，是“十一五”末的2.3倍`: the level of the end year, set against the
        # level of an earlier one (against a whole plan period, `是“十一五”期间的3.7倍`, it is a total).
        return PeriodReading("year", None, year)
    if _is_rate(quantity.unit):
        # A rate is of a year; a change over a passage on several years (`五年来…减少42.9%`,
        # `70年来，地区生产总值增长215倍`) spans them, and so does a rate held through it.
        if measure in ("growth", "change") and not ONE_YEAR_CHANGE.search(clause):
            return PeriodReading("cumulative", _year_start(marker, clause, year), year)
        if measure == "level" and role != "target" and (RATE_HELD.search(clause) or RATE_OF_CASES.search(before)):
            return PeriodReading("cumulative", _year_start(marker, clause, year), year)
        return PeriodReading("year", None, year)
    item_start = max(clause.rfind(LIST_BREAK), *(clause.rfind(ch) for ch in CLAUSE_BREAK)) + 1
    if STOCK_TOTAL.search(indicator) and not periods["total"].search(clause, item_start):
        # `过江通道新增3条、总数15条`: what there is in all at the end of the years.
        return PeriodReading("year", None, year)
    if not periods["total"].search(clause, item_start) and (
        PER_HEAD.search(indicator)
        or (STOCK_NAME.search(indicator) and not FLOW_OF_STOCK.search(before + indicator))
        or (periods["stock"].search(clause) and not FLOW_OF_STOCK.search(clause))
        or THRESHOLD_CROSSED.search(clause)
        or (measure == "level" and MOVED_TO.search(clause))
        or SIZE_OF_THING.match(after)
        or (measure == "level" and quantity.unit in DURATION_UNITS)
    ):
        # What is not a flow over the years is of the end year: a per-head figure or standard
        # (`人均地区生产总值超过18万元`, `户均增收6000元`), a balance, a stock held (`拥有`, `发展到`, `生产能力`),
        # a level moved to (`建成区面积由36.5平方公里扩展到62平方公里`),
        # a threshold crossed (`先后迈上3000亿元`), a size of the thing named after it (`投资500亿元的新城项目`),
        # a duration.
        return PeriodReading("year", None, year)
    level = _last(cues["level"], clause)
    # (`城镇新增就业累计达726万人` adds the years up: the level reached is a total.)
    item_start = clause.rfind(LIST_BREAK, 0, max(level, 0)) + 1
    if (
        level >= 0
        and level >= max(_last(cues["up"], clause), _last(cues["down"], clause))
        and not periods["total"].search(clause, item_start, level)
        and not YEARS_DONE.search(clause, 0, level)
    ):
        return PeriodReading("year", None, year)
    if (
        (headline or ANNUAL_FLOW_NAME.search(indicator))
        and not periods["total"].search(clause)
        and not periods["multi_year"].search(clause)
        and not summed_list
    ):
        # A headline figure (地区生产总值, 固定资产投资) or what an industry makes or sells in a year
        # (`高新技术产业营业收入`, `金融业增加值`) in a five-year review is its end year's figure unless
        # the clause adds the years up (`累计`, `五年共`, `新增`), or the report's figure for the end
        # year is a fraction of it.
        return PeriodReading("year", None, year, size_decides=True, total_start=_year_start(marker, clause, year))
    return PeriodReading("cumulative", _year_start(marker, clause, year), year)


class PeriodReading(NamedTuple):
    period: str
    year_start: int | None
    year: int | None
    # Read as one year's only for want of a word that adds the years up: `sum_totals_by_size` decides.
    size_decides: bool = False
    total_start: int | None = None


def _is_rate(unit: str) -> bool:
    """A rate, a multiple or a change in points: of a year, never summed over several."""
    return unit in NOT_SUMMED_UNITS or unit.endswith("百分点")


def _period_of_horizon(
    horizon: re.Match[str], quantity: Quantity, measure: str, year: int, indicator: str, clause: str
) -> tuple[str, int | None, int | None]:
    """A target to reach within some years from its own (`3年内建成…`, `用三年左右的时间…翻一番`,
    `今明两年…`): what is done over them is a total from the target's year to the last of them (none
    for a span such as `3—5年`); a level, a rate or a yearly figure to reach is of that last year."""
    count = parse_number(horizon.group("years") or horizon.group("within") or "两")
    last = year + int(count) - 1 if count and not horizon.group("upto") else None
    if (
        PER_HEAD.search(indicator)
        or indicator.startswith("年")
        or (measure == "level" and _is_rate(quantity.unit))
        or MOVED_TO.search(clause)
    ):
        return "year", None, last
    return "cumulative", year, last


def _start_level_year(change_start: re.Match[str], clause: str, marker: re.Match[str] | None, year: int | None) -> int | None:
    """The year of the level a change starts from: the one it names (`从2015年的`, `由“十一五”末的`),
    else, in a passage on several years, the year before the period began (`五年来，…从92.4%提高到97%`)."""
    plan = next((end for name, end in FIVE_YEAR_PLAN_END.items() if name in change_start.group()), None)
    if plan is not None:
        return plan
    if re.search(r"(?:19|20)\d\d\s?年", clause) or marker is None:
        return year
    first = _year_start(marker, clause, year)
    return first - 1 if first is not None else year


def _heading_period(heading: str, kind: str, multi_year: re.Pattern[str]) -> re.Match[str] | None:
    """The several years a section's heading opens on: `一、过去五年工作回顾`, and
    `“十三五”时期和2020年回顾` or, in a review, `“十三五”和2020年回顾`, whose part on the single
    year follows (and opens with it, `2020年，…`); not `2015年及“十二五”回顾`, which begins with
    the year, nor `“十三五”实现良好开局`, on the plan's first year."""
    marker = multi_year.search(heading)
    if marker is None and kind == "review" and not PLAN_OPENING.search(heading):
        marker = PLAN_NAMED.search(heading)
    single = SINGLE_YEAR.search(heading)
    return marker if marker and (single is None or marker.start() < single.start()) else None


def _year_start(marker: re.Match[str] | None, clause: str, year: int | None) -> int | None:
    """The first year of the period a marker names, counted back from `year` where it gives a length."""
    for text in (clause, marker.group() if marker else ""):
        since = YEARS_SINCE.search(text)
        if since:
            return int(since.group(1))
        plan_end = PLAN_END_NAMED.search(text)
        if plan_end:
            # `比“十一五”末增长1.4倍`: the years after the plan's end.
            return FIVE_YEAR_PLAN_END[plan_end.group(1)] + 1
        plan = next((start for name, start in PLAN_START.items() if name in text), None)
        if plan is not None:
            return plan
        several = SEVERAL_YEARS.search(text)
        if several and year is not None:
            count = parse_number(next(g for g in several.groups() if g))
            return year - int(count) + 1 if count else None
    return None


def _tier(since_previous_value: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    floor = _last(cues["floor"], since_previous_value)
    stretch = _last(cues["stretch"], since_previous_value)
    if floor < 0 and stretch < 0:
        return None
    return "floor" if floor > stretch else "stretch"


def _resolve_tiers(records: list[Draft]) -> list[Draft]:
    """Tiers only where a target is given in two tiers (RECORDS.md v2): a `力争`/`争取` figure that
    follows another target figure of the same indicator and measure in the statement is the
    stretch, and that other figure the floor, with or without `确保`."""
    for index, record in enumerate(records):
        if record.tier != "stretch":
            continue
        earlier = [
            r
            for r in records[:index]
            if r.role == "target"
            and r.indicator == record.indicator
            and r.measure == record.measure
            and r.tier != "stretch"
            # (The two ends of one range, `争取1-2家`, are no two tiers.)
            and (r.quantity is None or r.quantity is not record.quantity)
        ]
        if earlier:
            for other in earlier:
                other.tier = "floor"
        else:
            record.tier = None
    for record in records:
        if record.tier == "floor" and not any(r.tier == "stretch" and r.indicator == record.indicator for r in records):
            record.tier = None
    return records


# A county's area (`县域生产总值`): in the county's own report, the county (GUIDELINE, rulings after the
# first county pass); in a city's or a province's, its counties together, which have no id.
COUNTY_AREA = "县域"


def name_county_own_figures(state: DocState, report_year: int | None, lexicon: Lexicon) -> None:
    """The headline id of a county's own figure named after its area (`县域生产总值` is GDP in a
    county's report); the report's level is read off its text only where such a name occurs, and
    once for the assembler and the relation model both."""
    own = [draft for draft in state.drafts if draft.indicator_id is None and draft.indicator.startswith(COUNTY_AREA)]
    if not own:
        return
    if state.report_level is None:
        state.report_level = read_metadata(state.text, report_year=report_year, lexicon=lexicon).level or ""
    if state.report_level != "county":
        return
    for draft in own:
        draft.indicator_id = lexicon.headline_id(draft.indicator.removeprefix(COUNTY_AREA), draft.measure, draft.unit)


# A total over several years against one year's figure of the same report: three years' and more,
# not a figure of another scale (a zone's output given the region's id).
TOTAL_TO_YEAR = (2.5, 7.0)
# Headline flows that reviews add up over their years (`五年累计完成固定资产投资`); never output, value
# added or income, whose levels a zone's figure given the region's id could shadow.
SUMMED_OVER_YEARS = frozenset(
    {
        "actual_fdi",
        "fixed_asset_investment",
        "foreign_trade",
        "general_budget_expenditure",
        "general_budget_revenue",
        "industrial_investment",
        "retail_sales",
        "tourism_revenue",
        "tourist_visits",
        "urban_new_jobs",
    }
)


def sum_totals_by_size(drafts: list[Draft]) -> None:
    """A flow read as one year's only for want of a word that adds the years up (`Draft.total_by_size`)
    is a total over several years where the report gives the same indicator's figure for that year
    at a fraction of it (`完成固定资产投资612亿元` in a five-year review, 138亿元 for its last year):
    `cumulative`. It decides afresh each time it runs, on the ids of the time: the assembler's rules',
    then the relation model's."""
    for draft in drafts:
        if draft.summed_by_size:
            draft.period, draft.year_start, draft.summed_by_size = "year", None, False
    doubtful = [draft for draft in drafts if draft.total_by_size and draft.period == "year"]
    if not doubtful:
        return
    low, high = TOTAL_TO_YEAR
    for draft in doubtful:
        if draft.indicator_id not in SUMMED_OVER_YEARS or draft.measure != "level" or draft.role == "target" or draft.value <= 0:
            continue
        if any(
            other.indicator_id == draft.indicator_id
            and other.unit == draft.unit
            and other.year == draft.year
            and other.measure == "level"
            and other.period == "year"
            and other.role != "target"
            and not other.total_by_size
            and other.value > 0
            and low <= draft.value / other.value <= high
            for other in drafts
        ):
            draft.period, draft.year_start, draft.summed_by_size = "cumulative", draft.total_start, True


class Assembler:
    def __init__(self, nlp: Language, name: str, *, indicators_key: str) -> None:
        self.name = name
        self.indicators_key = indicators_key
        self.lexicon = pipeline_lexicon(nlp)
        self.words = AssemblyWords(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        state.drafts = assemble(state.text, state.sentences, state.quantities, state.sections, doc._.report_year, self.words)
        name_county_own_figures(state, doc._.report_year, self.lexicon)
        sum_totals_by_size(state.drafts)
        publish(doc, state.drafts)
        spans = []
        for draft in state.drafts:
            if draft.indicator_start is not None:
                span = doc.char_span(draft.indicator_start, draft.indicator_end, label="INDICATOR", alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[self.indicators_key] = spans
        return doc


@Language.factory(
    "govie_assembler",
    assigns=["doc._.records", "doc._.record_spans", "doc.spans"],
    requires=["doc._.report_year", "token.is_sent_start"],
    default_config={"indicators_key": "indicators"},
)
def make_assembler(nlp: Language, name: str, indicators_key: str) -> Assembler:
    return Assembler(nlp, name, indicators_key=indicators_key)
