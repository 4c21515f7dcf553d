"""Report metadata read off the text: title, session date, region, its level and the report year."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from ..lexicon import Lexicon, default_lexicon
from .context import SESSION_DATE, infer_report_year
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
REGION_NAME = r"[\u4e00-\u9fff]{1,12}?(?:省|自治区|自治州|市|州|盟|地区|县|区)"
TITLE_REGION = re.compile(rf"^\s*(?:20\d\d年)?({REGION_NAME})(?:人民)?政府工作报告")
SESSION_REGION = re.compile(rf"在({REGION_NAME})第[一二三四五六七八九十]+届人民代表大会")
DELEGATE_REGION = re.compile(rf"我代表({REGION_NAME})人民政府")
NOT_A_NAME = re.compile(
    r"^(?:全|本|该|各|城|县级|地级|副省级|直辖|省会|中心|重点|试点|示范|超大|特大|大|中小|新|老|其他|周边|沿海|沿边|资源型|这个|我|你|他)"
)
# What a report calls its own region when it does not name it: `我代表市人民政府`, `全省`, `我州`.
DELEGATE_SCOPE = re.compile(r"我代表(省|市|自治区|州|盟|行署|地区行政公署)人民政府|我代表(省|市|自治区|州|盟)政府")
SCOPE_WORD = re.compile(r"[全我本](省|市|区|州|盟)")
# Most prefecture names are two characters and 市; a following 场/民/值… makes another word.
MENTIONED_CITY = re.compile(r"([\u4e00-\u9fff]{2})市(?![场民值容貌政级域区县镇委])")
GENERIC_BEFORE_CITY = re.compile(r"[全本该各城超和在的了与及到、省县强表示范型慧心点批]")
SCOPE_SUFFIXES = {
    "省": ("省",),
    "市": ("市",),
    "自治区": ("自治区",),
    "区": ("自治区",),
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
    date = SESSION_DATE.search(head)
    session_date = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None
    region = _region(normalized, head, title, lexicon)
    year = report_year if report_year is not None else infer_report_year(normalized)
    return ReportMetadata(title, session_date, region, level_of(region, lexicon), year)


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
    """The full name of a region written short (`恩施州` → `恩施土家族苗族自治州`); other names as given."""
    # `中卫市市政府工作报告`: the title doubles the 市 of 市政府.
    name = name[:-1] if name.endswith("市市") else name
    region = (lexicon or default_lexicon()).gazetteer.get(name)
    return region.name if region else name


def _region(text: str, head: str, title: str | None, lexicon: Lexicon) -> str | None:
    for pattern, where in ((TITLE_REGION, title or ""), (SESSION_REGION, head), (DELEGATE_REGION, head)):
        match = pattern.search(where)
        if match and not NOT_A_NAME.match(match.group(1)) and match.group(1) not in ("自治区", "自治州"):
            return canonical_region(match.group(1), lexicon)
    if NATIONAL.search(head):
        return "中华人民共和国"
    return _region_named_most(text, head, lexicon)


def _region_named_most(text: str, head: str, lexicon: Lexicon) -> str | None:
    """For texts without their header: the kind of region the report speaks for (`我代表市人民政府`,
    else the most frequent of 全省/全市/我州...), then the region of that kind the text names most."""
    delegate = DELEGATE_SCOPE.search(head)
    if delegate:
        scope = delegate.group(1) or delegate.group(2)
    else:
        scopes = Counter(SCOPE_WORD.findall(text))
        if not scopes:
            return None
        scope = scopes.most_common(1)[0][0]
    suffixes = SCOPE_SUFFIXES[scope]
    mentions = Counter()
    for region in lexicon.regions:
        if region.name.endswith(suffixes):
            count = text.count(region.bare) + sum(text.count(alias) for alias in region.aliases)
            if count:
                mentions[region.name] = count
    if mentions:
        return mentions.most_common(1)[0][0]
    # A city missing from the gazetteer (or a made-up one): the `XX市` named most often.
    counts = Counter(
        name + "市" for name in MENTIONED_CITY.findall(text) if not NOT_A_NAME.match(name) and not GENERIC_BEFORE_CITY.search(name)
    )
    return counts.most_common(1)[0][0] if counts and scope == "市" else None


def level_of(region: str | None, lexicon: Lexicon | None = None) -> str | None:
    if region is None:
        return None
    if region == "中华人民共和国":
        return "national"
    known = (lexicon or default_lexicon()).gazetteer.get(region)
    if known is not None:
        return known.level
    if region in COUNTY_LEVEL or region.endswith("县"):
        return "county"
    if region.endswith("区") and not region.endswith(("自治区", "地区")):
        return "district"
    return "city"


def report_summary(doc) -> dict:
    """What `govie panel` keeps of a processed report besides its records: its metadata."""
    return doc._.report.to_dict()
