"""The lexicon: every word table govie reads, in one place, compiled once.

The tables are the files of `govie/lexicon/data/`: headline indicators with their aliases, units,
magnitudes, cue words, regions and web-page chrome. A pipeline holds one `Lexicon` (its tokenizer
owns it and serialises it with `to_disk`), so that a trained pipeline keeps the tables it was trained
with and its meta records their hash: editing the package tables changes the rule pipeline, never a
trained model behind its back. Adding a unit or a cue word is one edit of one table here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import srsly

from .numbers import NormalisedValue, NumberGrammar

TABLE_FILES: tuple[str, ...] = ("indicators.tsv", "units.txt", "magnitudes.tsv", "cues.json", "regions.tsv", "web_chrome.txt")
# The cue lists whose words the tokenizer keeps whole; the unit lists of cues.json are matched as units.
TOKEN_CUE_KEYS: tuple[str, ...] = (
    "bound_approx_after",
    "bound_approx_before",
    "bound_min_after",
    "bound_min_before",
    "bound_max_after",
    "bound_max_before",
    "tier_floor",
    "tier_stretch",
    "role_target",
    "role_estimate",
    "growth_up",
    "growth_down",
    "point_units",
    "exclude_after",
    "compare_before",
    "compare_refs",
    "level_to",
)


@dataclass(frozen=True)
class HeadlineIndicator:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    name: str  # 伊犁哈萨克自治州
    bare: str  # 伊犁: the name as running text uses it
    aliases: tuple[str, ...]  # 伊犁州
    level: str  # province or city
    province: str


def _content_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex for literal words built as a trie: one branch per first character, so that a long word
    list costs one dictionary step per position instead of one try per word; at each branch the
    longer word is tried first."""
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _trie_to_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


class Lexicon:
    """The word tables of one pipeline and what is compiled from them (on first use, then kept)."""

    def __init__(self, tables: Mapping[str, str]) -> None:
        missing = [name for name in TABLE_FILES if name not in tables]
        if missing:
            raise ValueError(f"lexicon tables missing: {', '.join(missing)}")
        self.tables: dict[str, str] = {name: tables[name] for name in TABLE_FILES}

    @classmethod
    def from_package(cls) -> Lexicon:
        data = resources.files("govie").joinpath("lexicon", "data")
        return cls({name: data.joinpath(name).read_text(encoding="utf8") for name in TABLE_FILES})

    @property
    def sha256(self) -> str:
        """One hash over all tables, recorded in a trained pipeline's meta."""
        digest = hashlib.sha256()
        for name in TABLE_FILES:
            digest.update(name.encode("utf8") + b"\0" + self.tables[name].encode("utf8") + b"\0")
        return digest.hexdigest()

    # Serialisation (spaCy's habit: to_disk/from_disk, to_bytes/from_bytes; srsly, never pickle)

    def to_disk(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in TABLE_FILES:
            (path / name).write_text(self.tables[name], encoding="utf8")

    def from_disk(self, path: str | Path) -> Lexicon:
        path = Path(path)
        return self._replace_tables({name: (path / name).read_text(encoding="utf8") for name in TABLE_FILES})

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps(self.tables)

    def from_bytes(self, data: bytes) -> Lexicon:
        return self._replace_tables(srsly.msgpack_loads(data))

    def _replace_tables(self, tables: Mapping[str, str]) -> Lexicon:
        # In place: the components of a pipeline hold this object, and what was compiled from the
        # old tables must go with them.
        self.__init__(tables)
        for name in [key for key in vars(self) if key != "tables"]:
            delattr(self, name)
        return self

    # The tables

    @cached_property
    def headline_indicators(self) -> tuple[HeadlineIndicator, ...]:
        table = []
        for line in _content_lines(self.tables["indicators.tsv"]):
            ident, name, *rest = line.rstrip("\n").split("\t")
            aliases = tuple(a for a in (rest[0].split("|") if rest else []) if a)
            table.append(HeadlineIndicator(ident, name, aliases))
        return tuple(table)

    @cached_property
    def headline_names(self) -> dict[str, str]:
        """Headline indicator id to its canonical name (`gdp` → `地区生产总值`)."""
        return {indicator.id: indicator.name for indicator in self.headline_indicators}

    @cached_property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.split("\t")[0].strip() for line in _content_lines(self.tables["units.txt"])))

    @cached_property
    def unit_conversions(self) -> dict[str, tuple[str, float]]:
        """Unit to its base unit and factor (`斤` → (`吨`, 0.0005)), from the lines of units.txt that give one."""
        conversions: dict[str, tuple[str, float]] = {}
        for line in _content_lines(self.tables["units.txt"]):
            unit, *base = (part.strip() for part in line.split("\t"))
            if base:
                conversions[unit] = (base[0], float(base[1]))
        return conversions

    @cached_property
    def _unit_prefixes(self) -> tuple[tuple[str, float], ...]:
        prefixes = [(prefix, factor) for prefix, factor, unit_prefix, _ in self.numbers.magnitudes if unit_prefix]
        return tuple(sorted(prefixes, key=lambda item: -len(item[0])))

    @cached_property
    def base_units(self) -> frozenset[str]:
        """The units `normalise_value` may return: units of the table without a conversion, rates and points."""
        return frozenset(unit for unit in self.units if unit not in self.unit_conversions) | self._rate_units

    @cached_property
    def numbers(self) -> NumberGrammar:
        """Magnitudes and number patterns (`govie/lexicon/numbers.py`)."""
        magnitudes = []
        for line in _content_lines(self.tables["magnitudes.tsv"]):
            prefix, factor, unit_prefix, base_units = line.split("\t")
            magnitudes.append((prefix, float(factor), unit_prefix == "yes", base_units == "yes"))
        return NumberGrammar(tuple(magnitudes))

    @cached_property
    def _rate_units(self) -> frozenset[str]:
        return frozenset(self.words("rate_units", "point_units"))

    def normalise_value(self, value: float, unit: str) -> NormalisedValue:
        """The value in base units: magnitudes multiplied out (`571.02 亿元` → 57,102,000,000 元), then
        the unit converted where units.txt gives a factor (`1.2 亿斤` → 60,000 吨); rates and points stay
        as they are."""
        normalised = self.numbers.normalise_value(value, unit, self._rate_units)
        if normalised.unit not in self.base_units and normalised.unit not in self.unit_conversions and normalised.value is not None:
            # 千 is not multiplied out of units of their own (千瓦, 千克); of others it is (千户 → 户).
            for prefix, factor in self._unit_prefixes:
                rest = normalised.unit[len(prefix) :]
                if normalised.unit.startswith(prefix) and (not rest or rest in self.base_units or rest in self.unit_conversions):
                    normalised = NormalisedValue(normalised.value * factor, rest or "个")
                    break
        if normalised.unit in self.unit_conversions and normalised.value is not None:
            base, factor = self.unit_conversions[normalised.unit]
            return NormalisedValue(normalised.value * factor, base)
        return normalised

    @cached_property
    def cues(self) -> dict[str, tuple[str, ...]]:
        return {key: tuple(words) for key, words in json.loads(self.tables["cues.json"]).items()}

    def words(self, *keys: str) -> tuple[str, ...]:
        """The cue words of one or more lists of `cues.json`, each once."""
        return tuple(dict.fromkeys(word for key in keys for word in self.cues[key]))

    @cached_property
    def regions(self) -> tuple[Region, ...]:
        table = []
        for line in _content_lines(self.tables["regions.tsv"]):
            name, bare, aliases, level, province = line.rstrip("\n").split("\t")
            table.append(Region(name, bare, tuple(a for a in aliases.split("|") if a), level, province))
        return tuple(table)

    @cached_property
    def gazetteer(self) -> dict[str, Region]:
        """Every full name and short form (`伊犁州`, `克州`) to its region."""
        table: dict[str, Region] = {}
        for region in self.regions:
            for name in (region.name, *region.aliases):
                table.setdefault(name, region)
        return table

    # What is compiled from them

    @cached_property
    def unit_pattern(self) -> str:
        """A regex (source) matching any unit word, the longest first, except where a word that only
        begins like a unit stands (`unit_lookalikes` of cues.json): `迈上5万亿台阶` is 5 万亿, a step
        reached, not machines; `7方面` is no volume. A unit written over denominators is one unit
        (`元/人`, `公里/平方公里`, `吨标煤/万元`, `元/人/月`, `吨/月·平方公里`): the table cannot list
        every pair, and a unit cut at its slash reads as another quantity (`元` for `元/立方米`)."""
        return self._unit_pattern(self.units)

    @cached_property
    def chinese_numeral_unit_pattern(self) -> str:
        """`unit_pattern` for the units a Chinese numeral takes: all but the `digit_only_units` of
        cues.json, which after a Chinese numeral make a name or an idiom, not a count (`二期工程` is a
        phase, `新一轮改革` a round, `五金` hardware, `一片蓝天`), while `3期`, `12轮`, `4金` count."""
        digit_only = set(self.cues.get("digit_only_units", ()))
        return self._unit_pattern(tuple(unit for unit in self.units if unit not in digit_only))

    def _unit_pattern(self, units: Iterable[str]) -> str:
        lookalikes = "|".join(re.escape(word) for word in self.cues.get("unit_lookalikes", ()))
        guard = f"(?!{lookalikes})" if lookalikes else ""
        denominator = self._per_unit_denominator
        if not denominator:
            return f"{guard}(?:{trie_pattern(units)})"
        # The table's per-units (`元/月`, `微克/立方米`) are read as their numerator over denominators,
        # so that the longest writing wins (`元/吨公里`, not `元/吨` and a stray `公里`); a numerator
        # that is no unit of its own (`微克`) needs its denominator.
        units = tuple(units)
        whole = {unit for unit in units if "/" not in unit}
        numerators = {unit.split("/")[0] for unit in units} - whole
        per = f"/{denominator}(?:[/·]{denominator})*"
        return f"{guard}(?:(?:{trie_pattern(whole)})(?:{per})?|(?:{trie_pattern(numerators)}){per})"

    @cached_property
    def _per_unit_denominator(self) -> str:
        """What may stand under a unit's slash: a unit of the table, a part under the slash of one
        (`m3` of `mg/m3`) or a word of `per_unit_denominators` (`年`, `人月`), after a magnitude
        (`5公里/百平方公里`). A pipeline saved before the list existed reads the table's units only."""
        words = self.cues.get("per_unit_denominators", ())
        if not words:
            return ""
        parts = {part for unit in self.units if "/" in unit for part in re.split(r"[/·]", unit)[1:]}
        magnitudes = trie_pattern(prefix for prefix, *_ in self.numbers.magnitudes)
        units = (unit for unit in self.units if "/" not in unit)
        return f"(?:{magnitudes})?(?:{trie_pattern((*units, *parts, *words))})"

    @cached_property
    def cue_patterns(self) -> dict[str, re.Pattern[str]]:
        """One regex per cue list, the longest word first."""
        return {
            key: re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))) for key, words in self.cues.items()
        }

    @cached_property
    def token_words(self) -> tuple[str, ...]:
        """Words the tokenizer keeps whole: headline names and aliases, and the words of two or more
        characters of the cue lists in `TOKEN_CUE_KEYS`."""
        words: list[str] = []
        for indicator in self.headline_indicators:
            words.append(indicator.name)
            words.extend(indicator.aliases)
        for key in TOKEN_CUE_KEYS:
            words.extend(w for w in self.cues[key] if len(w) > 1)
        return tuple(w for w in words if not re.search(r"\d", w))

    @cached_property
    def chrome_line_re(self) -> re.Pattern[str]:
        """Whole lines of web-page chrome (`web_chrome.txt`), as one regex."""
        alternatives = "|".join(f"(?:{p})" for p in _content_lines(self.tables["web_chrome.txt"]))
        return re.compile(rf"^[ \t]*(?:{alternatives})[ \t]*(?:\n|\Z)", re.MULTILINE)

    @cached_property
    def _headline_ids(self) -> dict[str, str | None]:
        return {}

    def headline_id(self, indicator: str, measure: str | None = None, unit: str | None = None) -> str | None:
        """The headline id when the indicator phrase names one, matched on its end (the head of the
        phrase). A growth of the economy as a whole (`经济增长6%`, `全省国民经济增长`) is GDP growth
        (RECORDS.md v2), from the `gdp_growth_names` of cues.json; a growth of industry above the
        size threshold (`规模以上工业增长8%`) or of services (`服务业增长6%`) is that of its value added
        (`industry_growth_names`, `service_growth_names`). Given the record's `unit`, a count of
        things (`个`, `家`, `项`) has none: it counts the places or firms the figure is about
        (`地区生产总值超百亿元的县达到30个`)."""
        found = self._headline_id(indicator, measure)
        if found is not None and unit and THINGS_COUNTED.fullmatch(unit) and found not in HEADLINES_COUNTED_IN_THINGS:
            return None
        return found

    def _headline_id(self, indicator: str, measure: str | None) -> str | None:
        if measure == "growth":
            bare = re.sub(r"^(?:全[省市区州盟县国年]|本[省市区]|今年|去年)+", "", indicator)
            for key, headline in GROWTH_NAMES:
                if bare in self.cues.get(key, ()):
                    return headline
        known = self._headline_ids
        if indicator not in known:
            if len(known) > 65536:
                known.clear()
            known[indicator] = self._find_headline_id(indicator)
        return known[indicator]

    def _find_headline_id(self, indicator: str) -> str | None:
        # List marks an entity may begin with (`——国内生产总值`) are no part of the name.
        indicator = indicator.lstrip("—–-·•●▪ ")
        phrase = re.sub(r"^(?:全[省市区州盟县国]|本[省市区])", "", indicator)
        aliases = self._alias_ids
        if indicator in aliases:
            return aliases[indicator]
        # The longest name the phrase ends on first, as a reader takes the head of a phrase.
        for cut in range(len(phrase)):
            headline = aliases.get(phrase[cut:])
            if headline is not None and (cut == 0 or _compatible_prefix(phrase[:cut]) or phrase[:cut] in self._province_names):
                return headline
        return None

    @cached_property
    def _alias_ids(self) -> dict[str, str]:
        """Each headline name and alias with its id (the first indicator of the table that lists it)."""
        ids: dict[str, str] = {}
        for indicator in self.headline_indicators:
            for name in (indicator.name, *indicator.aliases):
                ids.setdefault(name, indicator.id)
        return ids

    @cached_property
    def _province_names(self) -> frozenset[str]:
        """A province named before a headline name (`西藏生产总值`) is, in the reports that write so,
        the province's own report; a city or a zone so named is a sub-area's (`_compatible_prefix`)."""
        return frozenset(
            name for region in self.regions if region.level == "province" for name in (region.name, region.bare, *region.aliases) if name
        )


# Names that, said to grow, stand for a headline figure (RECORDS.md v2: 经济增长 is GDP growth).
GROWTH_NAMES = (
    ("gdp_growth_names", "gdp"),
    ("industry_growth_names", "industrial_value_added"),
    ("service_growth_names", "service_value_added"),
)
PER_UNIT = re.compile(r"人均|每|单位|万元")
# Units that count things: no headline figure is written in them but jobs, counted as positions
# (`新增就业岗位8万个`). Every headline figure of the train and dev gold has another unit.
THINGS_COUNTED = re.compile(r"[十百千万亿]*(?:个|家|项|座|名|户|位|所|条|件|次|天|个月)")
HEADLINES_COUNTED_IN_THINGS = frozenset({"urban_new_jobs"})


def _compatible_prefix(prefix: str) -> bool:
    """`全市规模以上工业增加值`, `我省地区生产总值` are the headline; `高新技术产业增加值`, `企业利润`,
    a per-unit figure (`人均地区生产总值`, where `人均地区` would read as a place) and a place's own
    (`包头市地区生产总值`, `兰州新区生产总值`: a sub-area's, RECORDS.md v2) are not."""
    if PER_UNIT.search(prefix):
        return False
    return prefix == "" or bool(re.fullmatch(r"(?:[全本我][省市区州盟县]|全[\u4e00-\u9fff])?(?:全年|地方)?", prefix))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The package's tables: those of the rule pipeline, and of code that runs without a pipeline."""
    return Lexicon.from_package()
