"""`govie_context`: where a sentence sits. The report's year, its review and plan sections, and the
sentence boundaries, computed once per Doc for every later component."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .state import SECTIONS_KEY, doc_state, section_rows

FIVE_YEAR_PLAN_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
ENUMERATOR = r"(?:[一二三四五六七八九十]+[、．.]|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+是)"
NEXT_FIVE_YEARS = re.compile(r"今后五年|未来五年")
# A part of the report numbered at the top level (`一、`), which may carry a long heading.
NUMBERED_PART = r"[一二三四五六七八九十]+、"
LONG_HEADING = 64
# A paragraph that opens on an enumerator, also behind a list mark a copy put before it (`①一是…`, `——二是…`).
ENUMERATED_PARAGRAPH = re.compile(rf"(?:——|[①-⑳]|[（(][一二三四五六七八九十]{{1,3}}[）)])?{ENUMERATOR}")
# What a heading says of a plan period's first year: `“十四五”开局`, `开好局、起好步`, `开局之年`.
PLAN_OPENING = re.compile(r"开局|开好局|起好步|开好头|起步之年|首年|第一年")
REVIEW_WORDS = re.compile(r"回顾|执行情况|完成情况|发展成就|主要成就|工作总结|过去一年|过去五年|本届政府")
PLAN_WORDS = re.compile(
    r"安排|打算|展望|愿景|构想|重点工作|主要工作|任务|目标|工作建议|工作思路|工作重点|计划草案|总体要求|工作部署|今年工作|下一步|今后五年|未来五年"
)
SESSION_DATE = re.compile(r"(20\d\d)\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
TITLE_YEAR = re.compile(r"(\d{4})\s?年[^\n。]{0,30}(?:政府工作报告|计划草案的报告)")
PLAN_PARAGRAPH = re.compile(
    r"(?:主要|总体|发展)?预期目标(?:建议)?(?:是|为|：|:)|主要目标(?:建议)?(?:是|为|：|:)|目标任务(?:是|为|：|:)|预期今年"
)
# A paragraph that ends by announcing the targets (`…主要预期目标是：`, `提出…主要预期目标。`) opens
# a list: the paragraphs after it are targets until a heading or a paragraph of another kind.
PLAN_LIST_OPENER = re.compile(r"(?:预期目标|主要目标|目标任务)(?:建议)?(?:是|为|如下)?[：:。]?\s*$")
# `…较好地完成了市人大确定的目标任务。` ends a review paragraph: targets met, none announced.
TARGETS_MET = re.compile(r"(?:完成|实现|达到|超额|兑现)[^，；。：:]*(?:预期目标|主要目标|目标任务)[。.]?\s*$")


def opens_target_list(paragraph: str) -> bool:
    """A paragraph that ends by announcing the coming targets, which the paragraphs after it list."""
    return PLAN_LIST_OPENER.search(paragraph) is not None and TARGETS_MET.search(paragraph) is None


# A heading line of its own that opens with the year it plans for: `2023年目标任务`, `2024年总体目标和重点任务`.
YEAR_PLAN_HEADING = re.compile(r"\d{4}年[^，；。：:]{0,14}(?:目标|任务|工作|重点)[^，；。：:]*$")
# A plan heading without number or year, on a line of its own: `今后五年工作任务`, `今年政府工作重点`,
# `“十四五”时期主要目标和重点任务` (a plan still to come: `_heading_kind` tells by its end year).
UNNUMBERED_PLAN_HEADING = re.compile(
    r"\s*(?:(?:今后|未来)五年|今年|[“\"]?十[一二三四五六]五[”\"]?(?:时期|期间)?)[^，；。：:！!]{0,14}(?:任务|目标|重点|安排|打算)\s*$"
)
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    kind: str  # "review", "plan" or "intro"
    year: int | None
    heading: str


# What a body says of the years it reviews and plans for: `2023年工作回顾`, `刚刚过去的2023年`,
# `总结2023年工作`, `2024年主要预期目标`, `部署2024年工作`. `主要工作` and `目标任务` plan unless a
# review joins them (`发展成就和2020年主要工作`) or follows in the clause (`主要工作情况`,
# `目标任务的完成`, `主要工作和“十三五”发展成就`).
STATED_REVIEW_YEAR = re.compile(
    r"(?:刚刚过去的|过去的)(20[0-4]\d)年|(20[0-4]\d)年(?:政府|的)?(?:主要)?工作(?:回顾|总结)"
    r"|(?:回顾|总结)(20[0-4]\d)年|(?:回顾|成就|成效)[和及与](20[0-4]\d)年|(20[0-4]\d)年(?:和|及|暨)[^\n。，]{0,12}(?:回顾|成就|总结)"
)
STATED_PLAN_YEAR = re.compile(
    r"(?<![和及与])(20[0-4]\d)年(?:的|政府)?(?:主要)?(?:工作安排|重点工作|工作重点|主要工作|目标任务|发展目标|预期目标|主要目标|工作任务|总体要求)"
    r"|部署(20[0-4]\d)年"
)
REVIEW_IN_CLAUSE = re.compile(r"[^，。；：\n]{0,12}?(?:完成|情况|成效|成就|回顾)")
SESSION_DATE_LINE = 80


def session_date(head: str) -> re.Match[str] | None:
    """The date of the session a report was given at: a date on a short line without a full stop
    (title, `（2024年1月9日 张三）`) or before the session it names; a date in the body's prose is another."""
    for match in SESSION_DATE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        line_end = head.find("\n", match.end())
        line_end = len(head) if line_end < 0 else line_end
        own_line = line_end - line_start <= SESSION_DATE_LINE and "。" not in head[line_start:line_end]
        if own_line or re.match(r"[^。]{0,40}(?:人民代表大会|人大)[^。]{0,20}会议", head[match.end() :]):
            return match
    return None


def stated_year(text: str) -> int | None:
    """The year a report plans for as its body states it, the year it reviews plus one or the year it
    plans, whichever the text states most often (the earliest on a tie)."""
    votes: Counter[int] = Counter()
    first: dict[int, int] = {}
    for pattern, shift in ((STATED_REVIEW_YEAR, 1), (STATED_PLAN_YEAR, 0)):
        for match in pattern.finditer(text):
            reviewed = shift or REVIEW_IN_CLAUSE.match(text, match.end())
            year = int(next(group for group in match.groups() if group)) + (1 if reviewed else 0)
            votes[year] += 1
            first[year] = min(first.get(year, match.start()), match.start())
    if not votes:
        return None
    return max(votes, key=lambda year: (votes[year], -first[year]))


def infer_report_year(text: str) -> int | None:
    """The year a report plans for: its session's date, else its title, else what its body states
    (`stated_year`), else its headings."""
    head = text[:600]
    date = session_date(head)
    if date:
        year, month = int(date.group(1)), int(date.group(2))
        return year + 1 if month == 12 else year
    title = TITLE_YEAR.search(head)
    if title:
        return int(title.group(1))
    stated = stated_year(text)
    if stated is not None:
        return stated
    for line in _heading_lines(text):
        explicit = re.search(r"(20[0-4]\d)\s?年", line.text)
        if explicit is None:
            continue
        heading_year = int(explicit.group(1))
        if REVIEW_WORDS.search(line.text):
            return heading_year + 1
        if PLAN_WORDS.search(line.text):
            return heading_year
    years = Counter(int(y) for y in re.findall(r"(20[1-4]\d)年", text))
    if years:
        return years.most_common(1)[0][0] + 1
    return None


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str):
    position = 0
    for raw in text.split("\n"):
        yield _Line(position, position + len(raw), raw.strip())
        position += len(raw) + 1


def _heading_lines(text: str):
    for line in _lines(text):
        if _is_top_heading(line.text):
            yield line


def _is_top_heading(line: str) -> bool:
    if not line or "。" in line:
        return False
    # Some reports head a part with a long numbered line (`一、回顾“十三五”，我们…，…取得决定性成就`).
    if re.match(NUMBERED_PART, line) and len(line) <= LONG_HEADING and "；" not in line:
        return True
    if len(line) > 45:
        return False
    if re.match(ENUMERATOR, line):
        return True
    if len(line) > 30:
        return False
    return bool(YEAR_PLAN_HEADING.match(line) or UNNUMBERED_PLAN_HEADING.match(line)) or (
        bool(REVIEW_WORDS.search(line) or re.search(r"\d{4}年(?:工作|主要|重点)", line)) and not re.search(r"[，；]", line)
    )


def _year_in(line: str) -> int | None:
    match = re.search(r"(20[0-4]\d)\s?年", line)
    if match:
        return int(match.group(1))
    plan_end = _plan_end_in(line)
    if plan_end is not None and PLAN_OPENING.search(line):
        # `三、凝心聚力推进“十五五”良好开局`: the part is on the plan's first year, not its last.
        return plan_end - 4
    return plan_end


def _plan_end_in(line: str) -> int | None:
    """The last year of the five-year plan the line names (`“十四五”` → 2025)."""
    return next((end_year for plan, end_year in FIVE_YEAR_PLAN_END.items() if plan in line), None)


def find_sections(text: str, report_year: int | None) -> list[Section]:
    """Sections that change the role of their figures: a review of past years or a plan for the coming one."""
    review_year = report_year - 1 if report_year else None
    boundaries: list[tuple[int, str, int | None, str]] = [(0, "intro", review_year, "")]
    for line in _heading_lines(text):
        kind = _heading_kind(line.text, report_year)
        if kind is None:
            continue
        year = _section_year(line.text, kind, report_year)
        boundaries.append((line.start, kind, year, line.text))
    sections = []
    for i, (start, kind, year, heading) in enumerate(boundaries):
        end = boundaries[i + 1][0] if i + 1 < len(boundaries) else len(text)
        if end > start:
            sections.append(Section(start, end, kind, year, heading))
    return sections


def _heading_kind(line: str, report_year: int | None = None) -> str | None:
    is_review = bool(REVIEW_WORDS.search(line))
    is_plan = bool(PLAN_WORDS.search(line))
    looks_ahead = re.search(r"安排|今后|展望", line) is not None
    if is_review and not looks_ahead:
        return "review"
    year = _year_in(line)
    past = report_year is not None and year is not None and year < report_year
    if is_plan:
        # `一、2021年主要工作和成效` in a report of 2022: work of a year already past is reviewed.
        return "review" if past and not looks_ahead else "plan"
    # `三、接续奋斗2021年，…` in a report of 2021: the part on the year it plans for; `一、“十三五”时期经济
    # 社会发展取得显著成绩` in a report of 2021: the part on years past.
    if report_year is not None and re.match(NUMBERED_PART, line):
        if year == report_year:
            return "plan"
        if past and not PLAN_OPENING.search(line):
            # (`一、“十四五”实现良好开局` a year later reviews that year, but such a part often runs on
            # into the coming year's plan under a heading that names neither: left to the cues.)
            return "review"
    return None


def _section_year(heading: str, kind: str, report_year: int | None) -> int | None:
    if kind == "review":
        match = re.findall(r"(20[0-4]\d)\s?年", heading)
        if match:
            return int(match[-1])
        return report_year - 1 if report_year else None
    explicit = _year_in(heading)
    plan_end = _plan_end_in(heading)
    if explicit is not None and plan_end is not None and explicit > plan_end:
        # `三、展望2035年与“十四五”发展目标`: the part sets out the plan's goals, of its last year;
        # the long-range ones name their year (`到2035年…`).
        return plan_end
    if explicit is not None:
        return explicit
    if report_year is not None and NEXT_FIVE_YEARS.search(heading):
        # `今后五年任务目标` in a report of 2021: the plan's goals are of its end year, 2025.
        return report_year + 4
    return report_year


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences end at 。！？ (with closing quotes) and at line breaks. A sentence longer than
    `MAX_SENTENCE` is cut at its last clause break before the limit (else at the limit, not inside
    a number or a Latin word), so that the work per sentence is bounded whatever the input."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if text[start : match.start()].strip():
            spans.extend(_bounded(text, start, end))
        start = end
    if text[start:].strip():
        spans.extend(_bounded(text, start, len(text)))
    return spans


# The longest sentence of the shared corpus has 958 characters: the bound changes none of its records.
MAX_SENTENCE = 1000
CLAUSE_BREAKS = "，；：、,;: "


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return bounded_spans(text, start, end, MAX_SENTENCE, CLAUSE_BREAKS, lambda pair: pair.isascii() and pair.isalnum())


def bounded_spans(text: str, start: int, end: int, limit: int, breaks: str, joined: Callable[[str], bool]) -> list[tuple[int, int]]:
    """`text[start:end]` as spans of at most `limit` characters: each cut after the last of `breaks`
    in the second half of the span, else at the limit, moved back while the two characters around
    it are `joined` (inside a number or a word)."""
    spans = []
    while end - start > limit:
        cut = max(text.rfind(ch, start + limit // 2, start + limit) for ch in breaks) + 1
        if cut <= start:
            cut = start + limit
            while cut > start + limit // 2 and joined(text[cut - 1 : cut + 1]):
                cut -= 1
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


class ContextComponent:
    """Sets `doc._.report_year` (unless given), `doc._.sections`, the sentence starts (`doc.sents`)
    and the state's sentences and sections."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        if doc._.report_year is None:
            doc._.report_year = infer_report_year(state.text)
        state.sections = find_sections(state.text, doc._.report_year)
        doc.user_data[SECTIONS_KEY] = section_rows(state.sections)
        state.sentences = sentence_spans(state.text)
        if len(doc):
            self._set_sentence_starts(doc, state.sentences)
            state.doc_sentences = [(sentence.start_char, sentence.end_char) for sentence in doc.sents]
        return doc

    @staticmethod
    def _set_sentence_starts(doc: Doc, sentences: list[tuple[int, int]]) -> None:
        starts = numpy.fromiter((start for start, _ in sentences), dtype="int64")
        token_starts = doc.to_array("IDX").astype("int64")
        flags = numpy.where(numpy.isin(token_starts, starts), 1, -1)
        flags[0] = 1
        # Token by token (token.is_sent_start) rescans the Doc each time; one array sets them all.
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))


@Language.factory(
    "govie_context",
    assigns=["token.is_sent_start", "doc._.report_year", "doc._.sections"],
)
def make_context(nlp: Language, name: str) -> ContextComponent:
    return ContextComponent(name)
