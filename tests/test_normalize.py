"""Tests of govie.normalize: each step on made-up report text, the offset invariants on random text
(hypothesis) and on the real corpus. All sentences here are invented in the style of the reports."""

from __future__ import annotations

import os
import re
import sys
import time
import unicodedata
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # plain `pytest` from anywhere, without an installed package
    sys.path.insert(0, str(REPO_ROOT))

from govie.pipeline.normalize import NormalizedText, is_pinyin_gloss, normalize  # noqa: E402
from govie.testing.metamorphic import mojibake  # noqa: E402

CORPUS_DIR = Path(os.environ.get("GOVIE_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))
REPORTS_DIR = CORPUS_DIR / "reports"


def _t2s(text: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(text)


# ---------------------------------------------------------------------------------------------------------
# Invariant checks shared by the random and the corpus tests


def _corresponds(normalised: str, original: str) -> bool:
    """Whether a normalised character can stand for the original character it maps to."""
    return (
        normalised == original
        or (normalised == "。" and original in ".．")  # a full stop ending a Chinese sentence
        or (normalised == "\ufffd" and original == "?")  # a loss marker
        or unicodedata.normalize("NFKC", original) == normalised
        or _t2s(original) != original  # converted from traditional (possibly as part of a phrase)
    )


def assert_invariants(original: str, result: NormalizedText) -> None:
    offsets = result.offsets
    assert isinstance(offsets, array) and offsets.typecode == "l"
    assert result.original_length == len(original)
    assert len(offsets) == len(result.text) + 1
    assert offsets[len(result.text)] == len(original)
    assert all(0 <= o <= len(original) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:])), "offsets must be non-decreasing"
    for i, char in enumerate(result.text):
        if char in " \n":  # spaces and line breaks may stand for removed blocks or other whitespace
            continue
        source = original[offsets[i]]
        if source == "&":  # decoded HTML entity, a replacement
            continue
        assert _corresponds(char, source), (i, char, source)


def assert_digits_map_back(original: str, result: NormalizedText) -> None:
    for i, char in enumerate(result.text):
        if "0" <= char <= "9":
            source = original[result.offsets[i]]
            assert source in (char, chr(ord(char) - 0x30 + 0xFF10)), (i, char, source)


# ---------------------------------------------------------------------------------------------------------
# API


def test_identity_text_keeps_identity_map() -> None:
    text = "全市地区生产总值增长5.6%。\n\n一般公共预算收入增长8.1%。"
    result = normalize(text)
    assert result.text == text
    assert list(result.offsets) == list(range(len(text) + 1))
    assert result.original_length == len(text)


def test_to_original_spans() -> None:
    original = "增长\u200b５．６％，\u3000投资 达到 １２亿元"
    result = normalize(original)
    assert result.text == "增长5.6%，投资 达到12亿元"
    start = result.text.index("5.6%")
    s, e = result.to_original(start, start + 4)
    assert original[s:e] == "５．６％"
    s, e = result.to_original(result.text.index("12"), result.text.index("12") + 2)
    assert original[s:e] == "１２"
    assert result.to_original(3, 3) == (result.offsets[3],) * 2
    with pytest.raises(IndexError):
        result.to_original(0, len(result.text) + 1)


def test_span_over_removed_text_covers_it() -> None:
    original = "增长**6.5%**。"
    result = normalize(original)
    assert result.text == "增长6.5%。"
    s, e = result.to_original(0, len(result.text))
    assert (s, e) == (0, len(original))


def test_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        normalize(b"bytes")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# Step 1: whitespace


def test_zero_width_and_unicode_spaces() -> None:
    original = "\ufeff政府\u200b工作\u200d报告\u2060\r\n各位代表：\r现在，\u00a0我代表\u3000市政府"
    result = normalize(original)
    assert result.text == "政府工作报告\n各位代表：\n现在，我代表 市政府"
    assert_invariants(original, result)


def test_crlf_paragraphs() -> None:
    assert normalize("第一段。\r\n\r\n第二段。").text == "第一段。\n\n第二段。"


# ---------------------------------------------------------------------------------------------------------
# Step 2: full-width forms


def test_fullwidth_digits_letters_and_number_signs() -> None:
    original = "ＧＤＰ增长６．５％，ＰＭ２．５浓度下降１２﹪，比值＝１／３，－２＋３，Ｘ＜Ｙ＞Ｚ"
    result = normalize(original)
    assert result.text == "GDP增长6.5%，PM2.5浓度下降12%，比值=1/3，-2+3，X<Y>Z"
    assert list(result.offsets) == list(range(len(original) + 1))  # length-preserving


def test_chinese_punctuation_stays_fullwidth() -> None:
    text = "（一）稳增长：投资增长５％；消费回暖！目标实现了吗？"
    assert normalize(text).text == "（一）稳增长：投资增长5%；消费回暖！目标实现了吗？"


# ---------------------------------------------------------------------------------------------------------
# Step 3: traditional to simplified


def test_traditional_report_sentence() -> None:
    original = "全縣地區生產總值實現320億元，比上年增長6.8%，規模以上工業增加值增長9.1%。"
    result = normalize(original)
    assert result.text == "全县地区生产总值实现320亿元，比上年增长6.8%，规模以上工业增加值增长9.1%。"
    assert_invariants(original, result)
    assert_digits_map_back(original, result)


def test_traditional_conversion_can_be_switched_off() -> None:
    original = "經濟發展穩中向好"
    assert normalize(original, convert_traditional=False).text == original


def test_simplified_place_names_are_kept() -> None:
    # 乾, 昇, 濛 are legitimate in simplified names; t2s would turn them into 干, 升, 蒙.
    text = "推进乾安县至乾岐高速建设，支持华昇新材料扩能，加强濛溪河遗址保护，汕头鮀浦片区开发。"
    assert normalize(text).text == text


def test_traditional_text_converts_protected_characters_too() -> None:
    original = "乾淨整潔的城鄉環境，群眾滿意度顯著提升。"
    assert normalize(original).text == "干净整洁的城乡环境，群众满意度显著提升。"


# ---------------------------------------------------------------------------------------------------------
# Step 4: pinyin glosses of web mojibake

MADE_UP_SENTENCES = [
    "关于攀枝花市东区2023年国民经济和社会发展计划执行情况的报告",
    "全年地区生产总值实现1286.5亿元，比上年增长6.5%。",
    "规模以上工业增加值增长8.2%，固定资产投资下降3.1个百分点。",
    "城乡居民人均可支配收入分别达到4.2万元和1.9万元，万元地区生产总值能耗下降3%。",
    "新建改造农村公路560公里，完成造林绿化面积12万亩，森林覆盖率达到62.3%。",
    "我们要坚持稳中求进工作总基调，经济发展质量明显提升，财政收入增长7%左右。",
    "新开工保障性住房3200套，发放创业担保贷款15.6亿元，城镇新增就业2.8万人。",
    "实施重点项目430个，完成投资1050亿元，其中产业项目投资占比达到58%。",
    "空气质量优良天数比例达到91.5%，细颗粒物(PM2.5)平均浓度下降至29微克/立方米。",
    "（二）坚持创新驱动，新增国家级专精特新企业26家，研发经费投入强度达到2.4%。",
]


@pytest.mark.parametrize("sentence", MADE_UP_SENTENCES)
@pytest.mark.parametrize("seed", range(4))
def test_mojibake_round_trip(sentence: str, seed: int) -> None:
    garbled = mojibake(sentence, seed=seed)
    result = normalize(garbled)
    assert result.text == sentence
    assert_invariants(garbled, result)
    # Every number of the sentence maps back to the same number in the garbled page.
    for match in re.finditer(r"\d+(?:\.\d+)?%?", sentence):
        start, end = result.to_original(match.start(), match.end())
        assert garbled[start:end] == match.group()


def test_mojibake_examples_from_the_brief() -> None:
    assert normalize("關(guān)于攀枝花市東區(qū)").text == "关于攀枝花市东区"
    assert normalize("經(jīng)濟發(fā)展").text == "经济发展"
    assert normalize("經（jīng）濟（jì）").text == "经济"
    assert normalize("經濟(jīng jì)發展").text == "经济发展"
    assert normalize("我們(men)").text == "我们"


@pytest.mark.parametrize(
    "text",
    [
        "地区生产总值增长(6.5%)",
        "人均地区生产总值(GDP)",
        "增长8%(同比,下同)",
        "工业增加值(含攀钢)",
        "细颗粒物(PM2.5)浓度",
        "“十四五”规划（以下简称“十四五”）",
        "政府和社会资本合作（PPP）",
        "降航空器（eVTOL）",
        "第(3)项",
    ],
)
def test_real_parentheses_are_kept(text: str) -> None:
    assert normalize(text).text == text


def test_pinyin_gloss_rule() -> None:
    assert is_pinyin_gloss("guān")
    assert is_pinyin_gloss("jīng jì")
    assert is_pinyin_gloss("jīngjì")
    assert is_pinyin_gloss("men")  # a single toneless syllable counts
    assert not is_pinyin_gloss("gdp")
    assert not is_pinyin_gloss("jing ji")  # two toneless syllables: could be anything
    assert not is_pinyin_gloss("guān yú shì qū")  # more than three syllables
    assert not is_pinyin_gloss("evtol")


# ---------------------------------------------------------------------------------------------------------
# Step 5: non-body text


def test_front_matter_removed_but_its_title_kept() -> None:
    original = "---\nsource: https://www.example.gov.cn/a.html\ntitle: 示例市政府工作报告\n---\n\n各位代表：\n现在报告工作。"
    result = normalize(original)
    assert result.text == "示例市政府工作报告\n\n各位代表：\n现在报告工作。"
    assert original[result.offsets[0]] == "示"
    assert_invariants(original, result)


def test_front_matter_with_url_list() -> None:
    original = "---\nsource:\n- https://www.example.gov.cn/b.shtml\ntitle: 报告\n---\n\n正文。"
    assert normalize(original).text == "报告\n\n正文。"


def test_html_comment_tags_and_entities() -> None:
    original = (
        "<!-- 2022年02月22日 来源：示例日报 -->\n市长作政府工作报告。<br>投资增长&nbsp;5%，"
        "<span>消费</span>增长&ldquo;两位数&rdquo;，R&amp;D投入增长&amp;rdquo;<p>下一段。</p>"
    )
    result = normalize(original)
    assert result.text == "市长作政府工作报告。\n投资增长5%，消费增长“两位数”，R&D投入增长”\n下一段。"
    assert_invariants(original, result)
    assert_digits_map_back(original, result)


def test_markdown_markup() -> None:
    original = (
        "## 一、2023年工作回顾\n\n**经济运行稳中有进。**全年增长__6.2%__。\n\n"
        "- 新建学校12所\n* 新增床位800张\n> 引用的说明文字\n\n详见[市统计局公报](https://example.gov.cn/x)。"
        "![图片](https://example.gov.cn/p.jpg)\n\n---\n\n| 指标 | 数值 |\n| --- | --- |\n| 增长 | 6.2% |"
    )
    result = normalize(original)
    assert result.text == (
        "一、2023年工作回顾\n\n经济运行稳中有进。全年增长6.2%。\n\n新建学校12所\n新增床位800张\n引用的说明文字\n\n"
        "详见市统计局公报。\n\n| 指标 | 数值 |\n\n| 增长 | 6.2% |"
    )
    assert_invariants(original, result)
    bold = result.text.index("经济运行")
    assert original[result.offsets[bold]] == "经"


def test_web_chrome_removed() -> None:
    original = (
        "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年示例省政府工作报告\n"
        "——2026年1月20日在示例省第十四届人民代表大会第四次会议上\n来源：示例日报\n时间：2026-01-25\n"
        "省长 张某某\n省长张某某作政府工作报告。本报记者 李某 摄\n各位代表：\n现在，我代表省人民政府报告工作。\n"
        "下载 打印 全屏 收藏\n分享到：\n扫一扫在手机打开当前页\n【打印本页】【关闭窗口】\n责任编辑：王某\n"
        "本文地址：https://www.example.gov.cn/art/1.html\n网站地图 | 联系我们\n版权所有：示例省人民政府办公厅\n"
        "主办单位：示例市人民政府办公室 咨询热线：12345\n备案号：示ICP备01234567号\n网站标识码：1234000001\n"
    )
    result = normalize(original)
    assert result.text == (
        "2026年示例省政府工作报告\n——2026年1月20日在示例省第十四届人民代表大会第四次会议上\n\n"
        "省长 张某某\n\n各位代表：\n现在，我代表省人民政府报告工作。"
    )
    assert_invariants(original, result)


def test_body_lines_resembling_chrome_are_kept() -> None:
    text = "主办单位：某局，各区人民政府\n完成时间：2026年底\n深化来源地管理，下载量增长12%。"
    assert normalize(text).text == text


def test_site_suffix_and_page_numbers() -> None:
    original = "关于示例计划执行情况的报告_滚动新闻_中国政府网\n正文第一段。\n\n— 1 —\n\n正文第二段。\n- 12 -\n第3页 共20页"
    assert normalize(original).text == "关于示例计划执行情况的报告\n正文第一段。\n\n正文第二段。"


def test_non_body_stripping_can_be_switched_off() -> None:
    original = "<!-- 注释 -->\n正文。"
    assert "注释" in normalize(original, strip_non_body=False).text


# ---------------------------------------------------------------------------------------------------------
# Step 6: broken lines

PDF_LIKE = """各位代表：

现在，我代表市人民政府向大会报告工作，请予审议，并请市

政协委员和列席人员提出意见。

一、2023年工作回顾

过去一年，面对严峻复杂的外部环境和艰巨繁重的改革发展稳

定任务，我们坚持稳中求进工作总基调，全市地区生产总值增长

6.1%，一般公共预算收入增长7.5%，规模以上工业增加值增长

— 1 —

8.4%，固定资产投资增长5.2%，社会消费品零售总额增长

9.3%，主要经济指标增速高于全省平均水平，较好完成了年初

确定的目标任务。

（一）坚持项目为王，经济运行回升向好。争列省重点项目52个

，新开工亿元以上项目136个，完成投资380亿元，新增规上工业

企业61家，新增专精特新企业45家，增速位居全省前列。

（二）坚持创新驱动，发展动能持续增强。全年研发经费投入

增长15.2%，新增高新技术企业83家，技术合同成交额达到

42亿元，科技型中小企业突破1200家。
"""


def test_pdf_broken_document_is_joined() -> None:
    result = normalize(PDF_LIKE)
    paragraphs = result.text.split("\n\n")
    assert paragraphs == [
        "各位代表：",
        "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和列席人员提出意见。",
        "一、2023年工作回顾",
        "过去一年，面对严峻复杂的外部环境和艰巨繁重的改革发展稳定任务，我们坚持稳中求进工作总基调，"
        "全市地区生产总值增长6.1%，一般公共预算收入增长7.5%，规模以上工业增加值增长8.4%，固定资产投资增长5.2%，"
        "社会消费品零售总额增长9.3%，主要经济指标增速高于全省平均水平，较好完成了年初确定的目标任务。",
        "（一）坚持项目为王，经济运行回升向好。争列省重点项目52个，新开工亿元以上项目136个，完成投资380亿元，"
        "新增规上工业企业61家，新增专精特新企业45家，增速位居全省前列。",
        "（二）坚持创新驱动，发展动能持续增强。全年研发经费投入增长15.2%，新增高新技术企业83家，"
        "技术合同成交额达到42亿元，科技型中小企业突破1200家。",
    ]
    assert_invariants(PDF_LIKE, result)
    assert_digits_map_back(PDF_LIKE, result)
    start = result.text.index("8.4%")
    s, e = result.to_original(start, start + 4)
    assert PDF_LIKE[s:e] == "8.4%"


NORMAL_DOCUMENT = """政府工作报告

——2024年1月10日在示例市第十届人民代表大会第三次会议上

示例市市长 王某

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

一、2023年工作回顾

过去一年，全市地区生产总值增长5.5%，一般公共预算收入增长6%。

（一）聚焦产业升级，推动经济持续向好

工业经济稳步增长。规模以上工业增加值增长7.2%。

二、2024年主要任务

今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。
"""


def test_normal_document_lines_are_not_joined() -> None:
    assert normalize(NORMAL_DOCUMENT).text == NORMAL_DOCUMENT.strip("\n")


def test_sentence_broken_after_a_full_stop_is_joined_in_any_document() -> None:
    original = NORMAL_DOCUMENT + "\n持续打好蓝天碧水净土保卫战。突出水资\n\n源、水生态、水环境统筹治理，优良天数比例达到88%。\n"
    result = normalize(original)
    assert result.text.endswith("突出水资源、水生态、水环境统筹治理，优良天数比例达到88%。")
    assert "政府工作报告\n\n——2024年" in result.text


def test_line_ending_in_a_heading_is_not_joined() -> None:
    text = "全力推进工作落实。三、2024年重点工作\n今年经济社会发展的主要预期目标是：增长6%。"
    assert normalize(text).text == text


def test_photo_caption_is_not_joined() -> None:
    text = "市长王某作报告。图为会议现场 张某 摄\n各位代表："
    assert normalize(text).text == text


def test_title_split_over_two_lines() -> None:
    original = "\u200b\n\n政府工作报\n告\n\n——2021年3月5日在示例会议上"
    assert normalize(original).text == "政府工作报告\n\n——2021年3月5日在示例会议上"


def test_joining_can_be_switched_off() -> None:
    assert "报\n告" in normalize("政府工作报\n告", join_broken_lines=False).text


# ---------------------------------------------------------------------------------------------------------
# Step 7: spaces and blank lines


def test_space_artefacts() -> None:
    original = "  预计全市生产总值实现220 亿元，比上年增长 4.0 % 。  \n 市长 汪 泉 \n\n\n\n\n下一段。  "
    assert normalize(original).text == "预计全市生产总值实现220亿元，比上年增长4.0%。\n市长 汪 泉\n\n下一段。"


# ---------------------------------------------------------------------------------------------------------
# Random text (hypothesis)

_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # any code point but lone surrogates
    max_size=300,
)
_REPORT_ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "經濟發展關於東區實現增長億萬元"
    "0123456789０１２３４５６７８９.%％．，。、；：！？（）()“”《》【】——…"
    "abcdefgGDPāáǎàīíǐì \n\n\n\u3000\u200b\r\t#*->_[]<>&;!-|"
)
_REPORT_LIKE_TEXT = st.text(alphabet=st.sampled_from(_REPORT_ALPHABET), max_size=400)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_TEXT)
def test_invariants_on_random_text(text: str) -> None:
    result = normalize(text)
    assert_invariants(text, result)
    assert_digits_map_back(text, result)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_REPORT_LIKE_TEXT)
def test_invariants_and_idempotence_on_report_like_text(text: str) -> None:
    result = normalize(text)
    assert_invariants(text, result)
    assert_digits_map_back(text, result)
    assert normalize(result.text).text == result.text


@settings(max_examples=100, deadline=None)
@given(_ANY_TEXT, st.booleans(), st.booleans(), st.booleans())
def test_invariants_with_steps_switched_off(text: str, traditional: bool, non_body: bool, join: bool) -> None:
    result = normalize(text, convert_traditional=traditional, strip_non_body=non_body, join_broken_lines=join)
    assert_invariants(text, result)


# ---------------------------------------------------------------------------------------------------------
# The real corpus


def _corpus_files() -> list[Path]:
    if not REPORTS_DIR.is_dir():
        pytest.skip(f"corpus not found at {REPORTS_DIR} (set GOVIE_CORPUS)")
    files = sorted(REPORTS_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"no reports in {REPORTS_DIR}")
    return files


def _sample(files: list[Path], count: int) -> list[Path]:
    # Deterministic: every k-th file of the sorted list, plus the files with known peculiarities.
    step = max(1, len(files) // count)
    chosen = files[::step][:count]
    special = ("chengdeshi_2024_", "china_2021_", "china_2023_", "shanxisheng_2026_", "yiyangshi_2024_")
    chosen += [f for f in files if f.name.startswith(special) and f not in chosen]
    return chosen


def test_corpus_sample_invariants_and_idempotence() -> None:
    for path in _sample(_corpus_files(), 50):
        original = path.read_text(encoding="utf8")
        result = normalize(original)
        assert_invariants(original, result)
        assert_digits_map_back(original, result)
        assert normalize(result.text).text == result.text, path.name


def test_corpus_pdf_broken_report_is_joined() -> None:
    files = [f for f in _corpus_files() if f.name.startswith("chengdeshi_2024_")]
    if not files:
        pytest.skip("chengdeshi_2024 not in corpus")
    text = normalize(files[0].read_text(encoding="utf8")).text
    lines = [line for line in text.split("\n") if line]
    assert sum(len(line) for line in lines) / len(lines) > 80  # ~30-character PDF lines were joined
    assert "— 1 —" not in text


def test_corpus_web_pages_lose_their_chrome() -> None:
    import json

    manifest = CORPUS_DIR / "manifest.jsonl"
    files = _corpus_files()
    if not manifest.exists():
        pytest.skip("no manifest")
    web = [
        REPORTS_DIR / row["file"]
        for row in map(json.loads, manifest.read_text(encoding="utf8").splitlines())
        if row["source_repo"].startswith("johncodes404/")
    ]
    assert web and all(path in files for path in web)
    for path in web:
        lines = normalize(path.read_text(encoding="utf8")).text.split("\n")
        for chrome in ("下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", "扫一扫在手机打开当前页"):
            assert chrome not in lines, (path.name, chrome)
        assert not any(line.startswith(("来源：", "时间：", "【字号", "责任编辑")) for line in lines), path.name


def test_whole_corpus_never_raises_and_is_fast() -> None:
    files = _corpus_files()
    texts = [path.read_text(encoding="utf8") for path in files]
    start = time.perf_counter()
    for text in texts:
        result = normalize(text)
        assert len(result.offsets) == len(result.text) + 1
    elapsed = time.perf_counter() - start
    chars = sum(map(len, texts))
    speed = chars / elapsed
    print(f"\nnormalised {len(files)} files, {chars:,} chars in {elapsed:.1f}s: {speed / 1e6:.2f}M chars/s")
    assert elapsed < 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收入312.4亿元，下降18.3%.固定资产投资增长5%.全市", "收入312.4亿元，下降18.3%。固定资产投资增长5%。全市"),
        ("一.坚持稳中求进\n1.加快转型", "一.坚持稳中求进\n1.加快转型"),  # list numbers stay
        ("增长6.5%，网址www.gov.cn", "增长6.5%，网址www.gov.cn"),
    ],
)
def test_ascii_full_stop_ending_a_chinese_sentence(text, expected):
    result = normalize(text)
    assert result.text == expected
    assert_invariants(text, result)


def test_a_copy_run_into_one_line_gets_its_paragraphs_back():
    paragraph = "全县规上工业增加值增长6.7%，工业投资增长4.3%，限额以上消费品零售额增长3.9%。"
    flat = (
        "二、2025年工作安排 "
        + " ".join([paragraph] * 50)
        + " 三、加强政府自身建设 坚持依法行政，主动接受各方面监督，持续推进政务公开和作风建设。"
    )
    assert len(flat) > 2000 and "\n" not in flat
    result = normalize(flat)
    lines = result.text.split("\n")
    assert lines[0] == "二、2025年工作安排"
    assert lines[1:51] == [paragraph] * 50
    assert lines[51:] == ["三、加强政府自身建设", "坚持依法行政，主动接受各方面监督，持续推进政务公开和作风建设。"]
    start = result.text.index("4.3")
    assert flat[slice(*result.to_original(start, start + 3))] == "4.3"
    # A line of ordinary length keeps its spaces as they were read before.
    assert (
        normalize("市长 汪 泉\n全县地区生产总值增长6%。 城镇新增就业3000人。").text
        == "市长 汪 泉\n全县地区生产总值增长6%。城镇新增就业3000人。"
    )


def test_a_wrapped_line_shortened_by_a_watermark_run_into_it_is_still_joined() -> None:
    # The watermark was laid out with the text: the line was as wide as its neighbours.
    stamped = PDF_LIKE.replace(
        "定任务，我们坚持稳中求进工作总基调，全市地区生产总值增长", "定任务，我们坚持稳中 内 部 资 料 注 意 保 存 求进工作总基调"
    )
    result = normalize(stamped)
    assert "工作总基调6.1%" in result.text and "稳中求进" in result.text
    assert_invariants(stamped, result)


def test_a_footnote_mark_or_a_plus_starting_a_wrapped_line_goes_on_the_line_before() -> None:
    marked = PDF_LIKE.replace("发展稳\n\n定任务，我们", "发展稳“放管服”\n\n[4]任务，我们").replace(
        "增加值增长\n\n— 1 —\n\n8.4%", "增加值增长“10\n\n+1”8.4%"
    )
    result = normalize(marked)
    assert "发展稳“放管服”[4]任务，我们" in result.text
    assert "增加值增长“10 +1”8.4%" in result.text or "增加值增长“10+1”8.4%" in result.text
    assert_invariants(marked, result)
    # Notes one after another stay apart.
    notes = "注释：\n\n" + "\n\n".join(
        f"[{n}]示例名词：指本报告中所说的第{n}项示例工作，其内容按有关规定执行，不再另行说明" for n in range(1, 12)
    )
    assert normalize(PDF_LIKE + "\n\n" + notes).text.count("\n[") == 11


def test_a_numbered_item_goes_on_from_a_full_line_that_ends_in_a_note() -> None:
    item = "\n\n（三）示例区今年的几项预期目标：区内生产总值增长6%，规上工业\n\n增加值增长7%左右，区内的固定资产投资增长（按可比价格计算）\n\n5%左右，城镇新增就业1.35万人。\n"
    result = normalize(PDF_LIKE + item)
    assert "固定资产投资增长（按可比价格计算）5%左右" in result.text or "固定资产投资增长5%左右" in result.text
    # A numbered heading shorter than a line still ends there.
    assert "一、2023年工作回顾\n" in result.text
