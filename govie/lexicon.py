"""The package's word tables: headline indicators with aliases, units, cue words and regions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class HeadlineIndicator:
    id: str
    name: str
    aliases: tuple[str, ...]


def _data_text(name: str, path: str | Path | None) -> str:
    if path is not None:
        return Path(path).read_text(encoding="utf8")
    return resources.files("govie").joinpath("data", name).read_text(encoding="utf8")


def _content_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=4)
def load_headline_indicators(path: str | None = None) -> tuple[HeadlineIndicator, ...]:
    table = []
    for line in _content_lines(_data_text("indicators.tsv", path)):
        ident, name, *rest = line.rstrip("\n").split("\t")
        aliases = tuple(a for a in (rest[0].split("|") if rest else []) if a)
        table.append(HeadlineIndicator(ident, name, aliases))
    return tuple(table)


@lru_cache(maxsize=1)
def headline_names() -> dict[str, str]:
    """Headline indicator id to its canonical name (`gdp` → `地区生产总值`)."""
    return {indicator.id: indicator.name for indicator in load_headline_indicators()}


@dataclass(frozen=True)
class Region:
    name: str  # 伊犁哈萨克自治州
    bare: str  # 伊犁: the name as running text uses it
    aliases: tuple[str, ...]  # 伊犁州
    level: str  # province or city
    province: str


@lru_cache(maxsize=4)
def load_regions(path: str | None = None) -> tuple[Region, ...]:
    table = []
    for line in _content_lines(_data_text("regions.tsv", path)):
        name, bare, aliases, level, province = line.rstrip("\n").split("\t")
        table.append(Region(name, bare, tuple(a for a in aliases.split("|") if a), level, province))
    return tuple(table)


@lru_cache(maxsize=4)
def load_units(path: str | None = None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line.strip() for line in _content_lines(_data_text("units.txt", path))))


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in json.loads(_data_text("cues.json", path)).items()}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest match wins."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex for literal words built as a trie: one branch per first character, so that a long word
    list costs one dictionary step per position instead of one try per word."""
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
        # Greedy optional: the longer word is tried first, the prefix is the fallback.
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body
