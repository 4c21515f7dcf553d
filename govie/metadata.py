"""Report metadata read off the text: title, session date, region, its level and the report year."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from .context import SESSION_DATE, infer_report_year
from .normalize import normalize

PROVINCES = frozenset(
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 "
    "广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区".split()
)
# County-level cities and areas administered directly by a province: named 市 but not prefecture-level.
COUNTY_LEVEL = frozenset("天门市 潜江市 仙桃市 神农架林区 济源市 石河子市 五家渠市 阿拉尔市 图木舒克市 北屯市 铁门关市 双河市 可克达拉市 昆玉市 胡杨河市 新星市 白杨市".split())
NATIONAL = re.compile(r"全国人民代表大会|国务院总理|国家发展和改革委员会|国务院委托")
REGION_NAME = r"[\u4e00-\u9fff]{1,12}?(?:省|自治区|自治州|市|州|盟|地区|县|区)"
TITLE_REGION = re.compile(rf"^\s*(?:20\d\d年)?({REGION_NAME})(?:人民)?政府工作报告")
SESSION_REGION = re.compile(rf"在({REGION_NAME})第[一二三四五六七八九十]+届人民代表大会")
DELEGATE_REGION = re.compile(rf"我代表({REGION_NAME})人民政府")
# Most prefecture names are two characters and 市; a following 场/民/值… makes another word.
MENTIONED_CITY = re.compile(r"([\u4e00-\u9fff]{2})市(?![场民值容貌政级域区县镇])")
GENERIC_BEFORE_CITY = re.compile(r"[全本该各城超和在的了与及到、省县强表示范型慧心点批]")
NOT_A_NAME = re.compile(r"^(?:全|本|该|各|城|县级|地级|副省级|直辖|省会|中心|重点|试点|示范|超大|特大|大|中小|新|老|其他|周边|沿海|沿边|资源型|这个|我|你|他)")


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
    normalized = normalize(text).text
    head = normalized[:800]
    title = _title(head)
    date = SESSION_DATE.search(head)
    session_date = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None
    region = _region(normalized, head, title)
    return ReportMetadata(title, session_date, region, level_of(region), infer_report_year(normalized))


def _title(head: str) -> str | None:
    for line in head.splitlines()[:6]:
        line = line.strip()
        if "报告" in line and len(line) <= 60:
            return line
    return None


def _region(text: str, head: str, title: str | None) -> str | None:
    if NATIONAL.search(head):
        return "中华人民共和国"
    for pattern, where in ((TITLE_REGION, title or ""), (SESSION_REGION, head), (DELEGATE_REGION, head)):
        match = pattern.search(where)
        if match and not NOT_A_NAME.match(match.group(1)):
            # `中卫市市政府工作报告`: the title doubles the 市 of 市政府.
            return match.group(1)[:-1] if match.group(1).endswith("市市") else match.group(1)
    # No name in the opening (texts converted without their header): the city named most often.
    counts = Counter(name + "市" for name in MENTIONED_CITY.findall(text) if not NOT_A_NAME.match(name) and not GENERIC_BEFORE_CITY.search(name))
    return counts.most_common(1)[0][0] if counts else None


def level_of(region: str | None) -> str | None:
    if region is None:
        return None
    if region == "中华人民共和国":
        return "national"
    if region in PROVINCES:
        return "province"
    if region in COUNTY_LEVEL or region.endswith("县"):
        return "county"
    if region.endswith("区") and not region.endswith(("自治区", "地区")):
        return "district"
    return "city"
