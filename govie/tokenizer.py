"""govie's tokenizer: normalises the input, keeps the map to the original offsets, and segments the
normalised text so that numbers and their parts stay whole (`571.02`, `6.7%`, `1—2`, `3.5万`, `-39.7%`),
units follow numbers as one token (`亿元`, `个百分点`), and indicator names and cue words of the
package lexicon are one token each. Other Chinese text falls back to single characters."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .lexicon import load_cues, load_headline_indicators, load_units, trie_pattern
from .normalize import NormalizedText, normalize
from .numbers import CHINESE_DIGITS, CHINESE_NUMERAL_CHARS

OFFSETS_KEY = "govie.offsets"
TEXT_KEY = "govie.text"
WORDS_KEY = "govie.words"
ORIGINAL_LENGTH_KEY = "govie.original_length"

MAGNITUDE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)"
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?[%‰]?"
NUMBER_TOKEN = rf"(?<![\d.])[-−]?{_NUMBER}(?:\s?[-—–~～]{{1,2}}\s?{_NUMBER})?"


def _lexicon_words() -> list[str]:
    words: list[str] = []
    for indicator in load_headline_indicators():
        words.append(indicator.name)
        words.extend(indicator.aliases)
    for cue_words in load_cues().values():
        words.extend(w for w in cue_words if len(w) > 1)
    return [w for w in words if not re.search(r"\d", w)]


class GovieTokenizer:
    """Normalise, then segment with one compiled pattern; see the module docstring."""

    def __init__(self, vocab: Vocab, *, normalize_text: bool = True, lexicon_tokens: bool = True) -> None:
        self.vocab = vocab
        self.normalize_text = normalize_text
        self.lexicon_tokens = lexicon_tokens
        units = trie_pattern(load_units())
        lexicon = trie_pattern(_lexicon_words()) if lexicon_tokens else "(?!)"
        cn = f"[{CHINESE_DIGITS}十][{CHINESE_NUMERAL_CHARS}]*?"
        self._pattern = re.compile(
            "|".join(
                [
                    r"(?P<newline>\n+)",
                    r"(?P<space>[ \t]+)",
                    r"(?P<alnum>\d+[A-Za-z][A-Za-z0-9]*)",
                    rf"(?P<number>{NUMBER_TOKEN})(?:(?P<unit>{MAGNITUDE}?(?:{units}))|(?P<magnitude>{MAGNITUDE}))?",
                    rf"(?P<cnumber>{cn})(?P<cunit>(?:万亿|亿|万)?(?:{units}))",
                    r"(?P<latin>[A-Za-z][A-Za-z0-9&]*(?:\.\d+)?)",
                    rf"(?P<lexicon>{lexicon})",
                    r"(?P<char>.)",
                ]
            ),
            re.DOTALL,
        )

    def __call__(self, text: str) -> Doc:
        normalized = normalize(text) if self.normalize_text else _identity(text)
        words, spaces = self.segment(normalized.text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[OFFSETS_KEY] = normalized.offsets.tobytes()
        doc.user_data[ORIGINAL_LENGTH_KEY] = normalized.original_length
        # Doc.text joins every token anew on each access; the components read this copy instead.
        doc.user_data[TEXT_KEY] = normalized.text
        doc.user_data[WORDS_KEY] = (words, spaces)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def segment(self, text: str) -> tuple[list[str], list[bool]]:
        words: list[str] = []
        spaces: list[bool] = []
        for match in self._pattern.finditer(text):
            kind = match.lastgroup
            if kind == "space" and words and not spaces[-1] and match.group() == " ":
                spaces[-1] = True
                continue
            if kind in ("unit", "magnitude", "cunit"):
                # The lastgroup is the trailing group; split off the number that precedes it.
                head_group = "cnumber" if kind == "cunit" else "number"
                head = match.group(head_group)
                tail = match.group(kind)
                if kind == "magnitude":
                    words.append(head + tail)
                    spaces.append(False)
                    continue
                words.extend((head, tail))
                spaces.extend((False, False))
                continue
            words.append(match.group())
            spaces.append(False)
        return words, spaces

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "GovieTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "GovieTokenizer":
        return self


def _identity(text: str) -> NormalizedText:
    return NormalizedText(text=text, offsets=array("l", range(len(text) + 1)), original_length=len(text))


def doc_text(doc: Doc) -> str:
    """`doc.text`, from the copy the tokenizer keeps while the pipeline runs."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text


def doc_words(doc: Doc) -> tuple[list[str], list[bool]]:
    """The Doc's token texts and trailing-space flags, from the tokenizer's lists when it kept them
    (iterating a Doc creates a Python object per token)."""
    kept = doc.user_data.get(WORDS_KEY)
    if kept is not None and len(kept[0]) == len(doc):
        return kept
    return [token.text for token in doc], [bool(token.whitespace_) for token in doc]


TRANSIENT_KEYS = (TEXT_KEY, WORDS_KEY)


def doc_offsets(doc: Doc) -> array:
    """The map from each character of `doc.text` to the original input (len(doc.text)+1 entries)."""
    raw = doc.user_data.get(OFFSETS_KEY)
    if raw is None:
        return array("l", range(len(doc_text(doc)) + 1))
    offsets = array("l")
    offsets.frombytes(raw)
    return offsets


def to_original_span(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    offsets = doc_offsets(doc)
    if end_char <= start_char:
        return offsets[start_char], offsets[start_char]
    return offsets[start_char], offsets[end_char - 1] + 1


@spacy.registry.tokenizers("govie.Tokenizer.v1")
def create_govie_tokenizer(normalize_text: bool = True, lexicon_tokens: bool = True):
    def make_tokenizer(nlp) -> GovieTokenizer:
        return GovieTokenizer(nlp.vocab, normalize_text=normalize_text, lexicon_tokens=lexicon_tokens)

    return make_tokenizer
