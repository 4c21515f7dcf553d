"""govie's tokenizer (`govie.Tokenizer.v1`): normalises the input, keeps the map to the original
offsets, and segments the normalised text so that numbers and their parts stay whole (`571.02`,
`6.7%`, `1—2`, `3.5万`, `-39.7%`), units follow numbers as one token (`亿元`, `个百分点`), and
indicator names and cue words of the lexicon are one token each. Other Chinese text falls back to
single characters.

The tokenizer owns the pipeline's `Lexicon` and serialises it: the tables a pipeline was built or
trained with travel with it (`tokenizer/lexicon/` in a saved pipeline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import spacy
import srsly
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..lexicon import Lexicon, default_lexicon, trie_pattern
from ..lexicon.numbers import (
    ARABIC_DIGITS,
    CHINESE_DIGITS,
    CHINESE_NUMBER_LAZY,
    FINANCIAL_DIGITS,
    MINUS,
    MINUS_SIGNS,
    RANGE_DASHES,
    RATE_SIGNS,
)
from .normalize import normalize, unnormalized
from .state import OFFSETS_KEY, STATE_KEY, DocState

_NUMBER = rf"{ARABIC_DIGITS}[{RATE_SIGNS}]?"
NUMBER_TOKEN = rf"(?<![\d.]){MINUS}?{_NUMBER}(?:\s?[{RANGE_DASHES}]{{1,2}}\s?{_NUMBER})?"


class GovieTokenizer:
    """Normalise, then segment with one compiled pattern; see the module docstring."""

    def __init__(self, vocab: Vocab, *, normalize_text: bool = True, lexicon_tokens: bool = True, lexicon: Lexicon | None = None) -> None:
        self.vocab = vocab
        self.normalize_text = normalize_text
        self.lexicon_tokens = lexicon_tokens
        self.lexicon = lexicon if lexicon is not None else Lexicon(default_lexicon().tables)
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            lexicon = self.lexicon
            magnitude = lexicon.numbers.unit_prefix
            units = lexicon.unit_pattern
            words = trie_pattern(lexicon.token_words) if self.lexicon_tokens else "(?!)"
            cn = CHINESE_NUMBER_LAZY
            # Characters no other token can start with: a run of them is so many single characters,
            # read with one match instead of one each (the same tokens, at a fraction of the cost).
            starts = "".join(sorted({word[0] for word in lexicon.token_words})) if self.lexicon_tokens else ""
            plain = rf"[^\n \t\dA-Za-z{re.escape(MINUS_SIGNS)}{CHINESE_DIGITS}十{FINANCIAL_DIGITS}拾{re.escape(starts)}]"
            self._pattern = re.compile(
                "|".join(
                    [
                        r"(?P<newline>\n+)",
                        r"(?P<space>[ \t]+)",
                        r"(?P<alnum>\d+[A-Za-z][A-Za-z0-9]*)",
                        rf"(?P<number>{NUMBER_TOKEN})(?:(?P<unit>{magnitude}?(?:{units}))|(?P<magnitude>{magnitude}))?",
                        rf"(?P<cnumber>{cn})(?P<cunit>(?:万亿|亿|万)?(?:{lexicon.chinese_numeral_unit_pattern}))",
                        r"(?P<latin>[A-Za-z][A-Za-z0-9&]*(?:\.\d+)?)",
                        rf"(?P<lexicon>{words})",
                        rf"(?P<plain>{plain}+)",
                        r"(?P<char>.)",
                    ]
                ),
                re.DOTALL,
            )
        return self._pattern

    def __call__(self, text: str) -> Doc:
        normalized = normalize(text, lexicon=self.lexicon) if self.normalize_text else unnormalized(text)
        words, spaces = self.segment(normalized.text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[OFFSETS_KEY] = normalized.offsets.tobytes()
        doc.user_data[STATE_KEY] = DocState(normalized.text, words, spaces)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def segment(self, text: str) -> tuple[list[str], list[bool]]:
        words: list[str] = []
        spaces: list[bool] = []
        for match in self.pattern.finditer(text):
            kind = match.lastgroup
            if kind == "plain":
                run = match.group()
                words.extend(run)
                spaces.extend([False] * len(run))
                continue
            if kind == "space" and words and not spaces[-1] and match.group() == " ":
                spaces[-1] = True
                continue
            if kind in ("unit", "magnitude", "cunit"):
                # The lastgroup is the trailing group; split off the number that precedes it.
                head = match.group("cnumber" if kind == "cunit" else "number")
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

    # Serialisation: the settings and the lexicon's tables.

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"settings": self._settings(), "lexicon": self.lexicon.to_bytes()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> GovieTokenizer:
        message = srsly.msgpack_loads(data)
        self._load_settings(message["settings"])
        self.lexicon.from_bytes(message["lexicon"])
        self._pattern = None
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "settings.json", self._settings())
        self.lexicon.to_disk(path / "lexicon")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> GovieTokenizer:
        path = Path(path)
        if (path / "settings.json").exists():
            self._load_settings(srsly.read_json(path / "settings.json"))
        if (path / "lexicon").exists():
            self.lexicon.from_disk(path / "lexicon")
        self._pattern = None
        return self

    def _settings(self) -> dict[str, bool]:
        return {"normalize_text": self.normalize_text, "lexicon_tokens": self.lexicon_tokens}

    def _load_settings(self, settings: dict[str, bool]) -> None:
        self.normalize_text = bool(settings["normalize_text"])
        self.lexicon_tokens = bool(settings["lexicon_tokens"])


def pipeline_lexicon(nlp) -> Lexicon:
    """The lexicon of a pipeline, which its govie tokenizer owns."""
    lexicon = getattr(nlp.tokenizer, "lexicon", None)
    if not isinstance(lexicon, Lexicon):
        raise ValueError(f"govie's components need govie's tokenizer (govie.Tokenizer.v1), not {type(nlp.tokenizer).__name__}")
    return lexicon


def doc_text(doc: Doc) -> str:
    """The Doc's text: the tokenizer's copy while the pipeline runs (Doc.text joins every token anew)."""
    state = doc.user_data.get(STATE_KEY)
    return state.text if state is not None else doc.text


def doc_words(doc: Doc) -> tuple[list[str], list[bool]]:
    """The Doc's token texts and trailing-space flags, from the tokenizer's lists when it kept them
    (iterating a Doc creates a Python object per token)."""
    state = doc.user_data.get(STATE_KEY)
    if state is not None and len(state.words) == len(doc):
        return state.words, state.spaces
    return [token.text for token in doc], [bool(token.whitespace_) for token in doc]


@spacy.registry.tokenizers("govie.Tokenizer.v1")
def create_govie_tokenizer(normalize_text: bool = True, lexicon_tokens: bool = True):
    def make_tokenizer(nlp) -> GovieTokenizer:
        return GovieTokenizer(nlp.vocab, normalize_text=normalize_text, lexicon_tokens=lexicon_tokens)

    return make_tokenizer
