"""Report metadata read off the text: title, session date, region, its level and the report year."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

from ..lexicon import Lexicon, Region, default_lexicon
from .context import SESSION_DATE, infer_report_year, session_date
from .normalize import normalize

# County-level cities and areas administered directly by a province: named 市 but not prefecture-level.
COUNTY_LEVEL = frozenset(
    [
        "天门市",
        "潜江市",
        "仙桃市",
        "神农架林区",
        "济源市",
        "石河子市",
        "五家渠市",
        "阿拉尔市",
        "图木舒克市",
        "北屯市",
        "铁门关市",
        "双河市",
        "可克达拉市",
        "昆玉市",
        "胡杨河市",
        "新星市",
        "白杨市",
    ]
)
NATIONAL = re.compile(r"全国人民代表大会第|国务院总理|国家发展和改革委员会|国务院委托|我代表国务院")
# Inner Mongolia's counties are banners (`旗`, `自治旗`).
REGION_NAME = r"[\u4e00-\u9fff]{1,12}?(?:省|自治区|自治州|市|州|盟|地区|县|旗|区)"
# Web copies put a label before the title (`标题：`) and the year after the region (`高阳县2024年政府工作报告`).
TITLE_REGION = re.compile(rf"^\s*(?:标题[：:])?(?:20\d\d年)?({REGION_NAME})(?:20\d\d年)?(?:人民)?政府工作报告")
# County sessions are written with or without 第 (`在博野县十八届人民代表大会`); a news report names the
# session without 在 (`某某县第十八届人民代表大会第四次会议开幕`).
SESSION_REGION = re.compile(rf"(?:在|(?<![\u4e00-\u9fff]))({REGION_NAME})第?[一二三四五六七八九十]+届人民代表大会")
DELEGATE_REGION = re.compile(rf"我代表({REGION_NAME})人民政府")
# How far into a text the session, the speaker's delegation and the institutions that name the region
# are looked for: a body-only copy or a news report names them after its first paragraphs.
NAMING_SPAN = 3000
NOT_A_NAME = re.compile(
    r"^(?:全|本|该|各|城|县级|地级|副省级|直辖|省会|中心|重点|试点|示范|超大|特大|大|中小|新|老|其他|周边|沿海|沿边|资源型|这个|我|你|他)"
)
# What a report calls its own region when it does not name it: `我代表市人民政府`, `全省`, `我州`.
DELEGATE_SCOPE = re.compile(r"(?:我|人|长)代表(自治区|省|市|州|盟|县|旗|区|行署|地区行政公署)(?:人民)?政府")
SCOPE_WORD = re.compile(r"[全我本](省|市|区|州|盟|县|旗)")
# The committee a government works under names its level: `在市委、市政府和县委的坚强领导下`.
LEADING_COMMITTEE = re.compile(r"(自治区党|省|市|区|州|盟|县|旗)委(?:的)?(?:坚强|正确|有力)?领导下")
# A district's report names the district's committee (`区委`); an autonomous region's names `自治区党委`.
DISTRICT_COMMITTEE = re.compile(r"(?<!自治)区委")
# Institutions of the region itself: `涞源县人民政府`, `满城区第二届人民代表大会`, `中共高阳县委`.
INSTITUTION_REGION = re.compile(rf"(?<![\u4e00-\u9fff])({REGION_NAME})(?:人民政府|政府|委员会|第?[一二三四五六七八九十]+届|委)")
# Most prefecture names are two characters and 市; a following 场/民/值… makes another word.
MENTIONED_CITY = re.compile(r"([\u4e00-\u9fff]{2})市(?![场民值容貌政级域区县镇委])")
GENERIC_BEFORE_CITY = re.compile(r"[全本该各城超和在的了与及到、省县强表示范型慧心点批]")
SCOPE_SUFFIXES = {
    "省": ("省",),
    "市": ("市",),
    "自治区": ("自治区",),
    "区": ("自治区",),
    "县": ("县",),
    "district": ("区",),
    "州": ("州",),
    "盟": ("盟",),
    "行署": ("地区",),
    "地区行政公署": ("地区",),
}


@dataclass(frozen=True)
class ReportMetadata:
    title: str | None
    session_date: str | None
    region: str | None
    level: str | None  # national, province, city, county or district
    report_year: int | None

    def to_dict(self) -> dict:
        return asdict(self)


def infer_metadata(text: str) -> ReportMetadata:
    """The metadata of a report text as found (it is normalised first)."""
    return read_metadata(normalize(text).text)


def read_metadata(normalized: str, *, report_year: int | None = None, lexicon: Lexicon | None = None) -> ReportMetadata:
    """The metadata of a normalised text (a Doc's); `report_year` when the pipeline already knows it."""
    lexicon = lexicon or default_lexicon()
    head = normalized[:800]
    title = _title(head)
    date = session_date(head)
    session = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None
    region, scope_level = _region(normalized, head, lexicon)
    year = report_year if report_year is not None else infer_report_year(normalized)
    level = level_of(region, lexicon) if region else scope_level
    return ReportMetadata(title, session, region, level, year)


# What only a header holds: the session the report was given at (`——2024年1月9日在…第三次会议上`,
# `（…会议通过）`) and front matter; a title is a line without a full stop.
HEADER_LINE = re.compile(r"人民代表大会第.{0,10}次会议(?:上|通过)|^\s*(?:title|source)\s*:")
SALUTATION = re.compile(r"各位代表(?:、同志们)?[：:]")
BODY_SEARCH_LINES = 60


def body_text(normalized: str) -> str:
    """The text from its first body paragraph on, as a copy without its header would hold it.

    The header is what comes before the first paragraph of prose: front matter, title, session line,
    speaker, salutation (`各位代表：`) and page chrome. A paragraph of prose is a line of at least
    20 characters with a full stop (`。`) and neither a session date nor a `HEADER_LINE` mark; the
    speaker's opening paragraph (`现在，我代表…向大会报告工作`) is the body's first. A copy that lost
    its line breaks holds header and body on one line: then the body starts after the salutation in
    that line, if it has one. A text without a paragraph of prose among its first `BODY_SEARCH_LINES`
    lines is returned whole."""
    position = 0
    for number, line in enumerate(normalized.splitlines(keepends=True)):
        if number >= BODY_SEARCH_LINES:
            break
        stripped = line.strip()
        if len(stripped) >= 20 and "。" in stripped:
            if not (HEADER_LINE.search(stripped) or SESSION_DATE.search(stripped)):
                return normalized[position:]
            salutation = SALUTATION.search(line)
            if salutation:
                return normalized[position + salutation.end() :]
        position += len(line)
    return normalized


def _title(head: str) -> str | None:
    for line in head.splitlines()[:6]:
        line = line.strip()
        if "报告" in line and len(line) <= 60:
            return line
    return None


def canonical_region(name: str, lexicon: Lexicon | None = None) -> str:
    """The full name of a region written short (`恩施州` → `恩施土家族苗族自治州`), without the
    prefecture or province written before it (`保定市清苑区` → `清苑区`); other names as given."""
    lexicon = lexicon or default_lexicon()
    # `中卫市市政府工作报告`: the title doubles the 市 of 市政府.
    name = name[:-1] if name.endswith("市市") else name
    region = lexicon.gazetteer.get(name)
    if region is not None:
        return region.name
    parent = PARENT_PREFIX.match(name)
    if parent and parent.group(1) in lexicon.gazetteer and len(name) - parent.end() >= 2:
        return name[parent.end() :]
    return name


# A county or district written after its prefecture or province: `保定市清苑区`, `河北省高阳县`.
PARENT_PREFIX = re.compile(r"^([\u4e00-\u9fff]{1,10}?(?:省|自治区|市|自治州|州|盟|地区))(?=[\u4e00-\u9fff]+?(?:县|旗|区|市)$)")


def _region(text: str, head: str, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """The region a report speaks for, and the level its text gives when it does not name it."""
    naming = text[:NAMING_SPAN]
    titles = (TITLE_REGION.search(line) for line in head.splitlines()[:12])
    found = [match for match in titles if match]
    for pattern in (SESSION_REGION, DELEGATE_REGION):
        match = pattern.search(naming)
        if match:
            found.append(match)
    for match in found:
        # The session's `在` may be caught with what comes before it (`1月8日在乌鲁木齐市第…`).
        name = match.group(1).rpartition("在")[2]
        if not NOT_A_NAME.match(name) and not FUNCTION_CHARACTER.search(name) and name not in ("自治区", "自治州") and len(name) >= 2:
            return canonical_region(name, lexicon), None
    if NATIONAL.search(head):
        return "中华人民共和国", None
    return _region_named_most(text, naming, lexicon)


def _scope(text: str, naming: str) -> str | None:
    """The kind of region a text speaks for when it does not name it: the speaker's delegation
    (`我代表县人民政府`), else the committee it works under (`在市委…和县委的坚强领导下`), else the most
    frequent of 全省/全市/我县...; `区` is a district where the text names a district committee."""
    delegate = DELEGATE_SCOPE.search(naming)
    if delegate:
        scope = delegate.group(1)
        return "district" if scope == "区" else scope
    committees = Counter(LEADING_COMMITTEE.findall(text))
    if committees:
        scope = committees.most_common(1)[0][0]
        return {"区": "district", "自治区党": "自治区"}.get(scope, scope)
    scopes = Counter(SCOPE_WORD.findall(text))
    if not scopes:
        return None
    scope = scopes.most_common(1)[0][0]
    return "district" if scope == "区" and DISTRICT_COMMITTEE.search(text) else scope


SCOPE_LEVEL = {"县": "county", "旗": "county", "district": "district"}


def _region_named_most(text: str, naming: str, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """For texts without their header: the kind of region the report speaks for (`_scope`), then
    the region of that kind the text names most."""
    scope = _scope(text, naming)
    if scope is None:
        return None, None
    if scope in SCOPE_LEVEL:
        return _county_named(text, "区" if scope == "district" else scope), SCOPE_LEVEL[scope]
    suffixes = SCOPE_SUFFIXES[scope]
    mentions = Counter()
    for region in lexicon.regions:
        if region.name.endswith(suffixes):
            # A name inside another region's name is not a mention of it (鞍山 in 马鞍山).
            longer = sum(text.count(bare) for bare in _longer_names(lexicon.regions)[region.name])
            count = text.count(region.bare) - longer + sum(text.count(alias) for alias in region.aliases)
            if count > 0:
                mentions[region.name] = count
    if scope == "市":
        # County-level cities speak of themselves as 全市 too (`天门`).
        for name in COUNTY_LEVEL:
            if name.endswith("市") and text.count(name[:-1]):
                mentions[name] = text.count(name[:-1])
    if mentions:
        return mentions.most_common(1)[0][0], None
    # A city missing from the gazetteer (or a made-up one): the `XX市` named most often.
    counts = Counter(
        name + "市" for name in MENTIONED_CITY.findall(text) if not NOT_A_NAME.match(name) and not GENERIC_BEFORE_CITY.search(name)
    )
    return (counts.most_common(1)[0][0], None) if counts and scope == "市" else (None, None)


# The institutions of a county or district, which a report names with the region's name:
# `涞源县人民政府`, `高阳县第十八届人民代表大会`, `中共满城区委`.
INSTITUTION_AFTER = r"(?:人民政府|政府|委|人大|政协|第?[一二三四五六七八九十]+届)"
# Characters that end the word before a county's name (`代表`, `政府和`, `并请`, `按照`, `作`) or
# start a generic one (`全县`, `各县`): a candidate name holding one is not a name.
NOT_IN_NAME = re.compile(r"[和及与请在了的对向表是为由将把让从到照受作等各全本我该并其共、市省州]")
MIN_NAMINGS = 2
# Words of a sentence that a name never holds (`较好完成了县十六届人民代表大会…`).
FUNCTION_CHARACTER = re.compile(r"[了的和及与请是为将把让从到对向第完]")


def _county_named(text: str, suffix: str) -> str | None:
    """The county or district whose institutions a text names most (`涞源县人民政府`, `县` for
    suffix): each naming votes for the longest run of up to three characters before the suffix
    without a character of `NOT_IN_NAME`; a name needs `MIN_NAMINGS` votes. Else the name the text
    calls itself by (`_county_speaking_of_itself`), else the one it names most (`_county_named_most`)."""
    votes: Counter[str] = Counter()
    for match in re.finditer(rf"([\u4e00-\u9fff]{{1,3}}){suffix}(?={INSTITUTION_AFTER})", text):
        run = match.group(1)
        for start in range(len(run)):
            name = run[start:]
            if not NOT_IN_NAME.search(name) and not NOT_A_NAME.match(name):
                votes[name + suffix] += 1
                break
    if votes and votes.most_common(1)[0][1] >= MIN_NAMINGS:
        return votes.most_common(1)[0][0]
    return _county_speaking_of_itself(text, suffix) or _county_named_most(text, suffix)


# How a report speaks of its own county or district, by name and often without 县/区 (`容城`, `新安`):
# the thanks that close it (`向关心支持X发展的…`), its slogans (`“平安X”`), the county it builds
# (`现代化X建设`, `和谐新X`), what settles in it (`落户X`, `驻X单位`), its own development
# (`推动X高质量发展`). `{name}` is a name of two or three characters, or of one or two written with its
# suffix (`易县`); each pattern is one kind of self-reference.
SELF_REFERENCES = (
    r"关心(?:[和、]?支持)?(?:[和、]?帮助)?{name}(?:的)?(?:发展|建设)",
    r"“(?:平安|智慧|生态|美丽|幸福|文明|健康|法治|数字|书香|活力|宜居|魅力|全景|诗画|创新|开放|绿色|品质|实力|人文|和谐|文化|康养|诚信)"
    r"{name}”",
    r"现代化{name}建设|(?:和谐|美丽|幸福|富裕|富强|文明|宜居|优美|繁荣)(?:的)?新{name}(?:[。”！，]|而)",
    r"(?:落户|扎根){name}|在{name}(?:落地|落户)|{name}这片(?:热土|土地)|驻{name}(?:各)?(?:单位|部队)",
    r"(?:推动|推进|促进|实现|谱写|助力|服务){name}(?:经济社会)?高质量发展",
)
# Words in the frames above that are no county's name: a region that is not named (`全县`, `我县`) and
# what a report develops and builds. Unlike `NOT_A_NAME`, 新, 大, 城… may start a name here (`新安`).
NOT_A_COUNTY = re.compile(
    r"^[全本该各我这此其]|(?:经济|社会|产业|企业|项目|城乡|乡村|农村|城市|文化|教育|事业|民生|工业|农业|旅游|医疗|生态|县域|区域|园区|家园|中国)$"
)
MIN_SELF_REFERENCES = 2


def _county_speaking_of_itself(text: str, suffix: str) -> str | None:
    """The county or district a text speaks of as itself in the most kinds of `SELF_REFERENCES`,
    at least `MIN_SELF_REFERENCES` of them; a one-character name (`易`) counts only where it is
    written with its suffix."""
    name = rf"([\u4e00-\u9fff]{{1,2}}{suffix}|[\u4e00-\u9fff]{{2,3}}?)"
    kinds: Counter[str] = Counter()
    for frame in SELF_REFERENCES:
        found = set()
        for match in re.finditer(frame.format(name=name), text):
            bare = next(group for group in match.groups() if group).removesuffix(suffix)
            if bare and not NOT_IN_NAME.search(bare) and not NOT_A_COUNTY.search(bare):
                found.add(bare + suffix)
        kinds.update(found)
    if not kinds:
        return None
    best, count = max(kinds.items(), key=lambda item: (item[1], text.count(item[0].removesuffix(suffix))))
    return best if count >= MIN_SELF_REFERENCES else None


# A county's name where a name starts and a verb does not: at a line's start, in a title (`《涞源县…》`),
# in a list (`、`), after `中共` or after its prefecture (`保定市清苑区`). After `，` and `。` a clause
# starts as often with a verb (`推进县城建设`).
NAME_START = r"(?:^|(?<=[《“、\n])|(?<=中共)|(?<=[市省]))"
MIN_BARE_MENTIONS = 3
# 县/区 followed by these make another word (`县城`, `县域`, `县级`, `区域`, `区县`).
NOT_A_WORD_AFTER = "(?![城域级乡镇区县市直属内外间块位])"


def _county_named_most(text: str, suffix: str) -> str | None:
    """The county or district a text speaks of most by its bare name (`容城`, `涞源`), among those it
    also writes in full where a name starts (`NAME_START`) at least once. A one-character name (`易`)
    counts its full mentions only, as its character alone is part of many words."""
    scores: Counter[str] = Counter()
    for match in re.finditer(rf"{NAME_START}([\u4e00-\u9fff]{{1,3}}?){suffix}{NOT_A_WORD_AFTER}", text, re.MULTILINE):
        bare = match.group(1)
        if bare + suffix in scores or NOT_IN_NAME.search(bare) or NOT_A_NAME.match(bare):
            continue
        scores[bare + suffix] = text.count(bare) if len(bare) >= 2 else text.count(bare + suffix)
    if not scores:
        return None
    name, count = scores.most_common(1)[0]
    return name if count >= MIN_BARE_MENTIONS else None


@lru_cache(maxsize=4)
def _longer_names(regions: tuple[Region, ...]) -> dict[str, tuple[str, ...]]:
    """For each region, the bare names of the regions whose bare name holds its own (鞍山: 马鞍山)."""
    return {
        region.name: tuple(other.bare for other in regions if region.bare in other.bare and len(other.bare) > len(region.bare))
        for region in regions
    }


def level_of(region: str | None, lexicon: Lexicon | None = None) -> str | None:
    if region is None:
        return None
    if region == "中华人民共和国":
        return "national"
    known = (lexicon or default_lexicon()).gazetteer.get(region)
    if known is not None:
        return known.level
    # The gazetteer holds every province and prefecture-level division: a 市 outside it is a
    # county-level city (`义乌市`, `涿州市`), counted with the counties as the manifest does.
    if region in COUNTY_LEVEL or region.endswith(("县", "旗", "市")):
        return "county"
    if region.endswith("区") and not region.endswith(("自治区", "地区")):
        return "district"
    return "city"


def report_summary(doc) -> dict:
    """What `govie panel` keeps of a processed report besides its records: its metadata."""
    return doc._.report.to_dict()
