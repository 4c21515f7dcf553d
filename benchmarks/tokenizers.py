"""Compare segmenters on the shared corpus: speed, tokens per character, and boundaries on numbers.

    python benchmarks/tokenizers.py [--corpus ../shared/corpus] [--files 200]

Needs the `bench` extra (jieba) for the jieba row.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import spacy

from govie.pipeline.normalize import normalize
from govie.pipeline.tokenizer import GovieTokenizer

# Each case: text, and the tokens that must come out whole.
BOUNDARY_CASES = [
    ("全省生产总值571.02亿元", ["571.02", "亿元"]),
    ("增长6.7%", ["6.7%"]),
    ("新建1—2个", ["1—2"]),
    ("突破3.5万", ["3.5万"]),
    ("增长-39.7%", ["-39.7%"]),
    ("提高0.5个百分点", ["0.5", "个百分点"]),
    ("规模以上工业增加值增长9%", ["规模以上工业增加值"]),
    ("城镇新增就业5213人", ["城镇新增就业", "5213"]),
]


def segmenters():
    yield "spaCy zh char", spacy.blank("zh")
    try:
        import jieba  # noqa: F401

        yield "spaCy zh jieba", spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    except ImportError:
        print("(jieba not installed: pip install -e '.[bench]')")
    nlp = spacy.blank("zh")
    yield "govie (normalise + segment)", GovieTokenizer(nlp.vocab)
    yield "govie segment only", GovieTokenizer(nlp.vocab, normalize_text=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    paths = sorted((args.corpus / "reports").glob("*.txt"))
    paths = random.Random(0).sample(paths, min(args.files, len(paths)))
    texts = [normalize(p.read_text(encoding="utf8")).text for p in paths]
    chars = sum(map(len, texts))
    print(f"{len(texts)} reports, {chars:,} characters (normalised text)\n")
    print(f"{'segmenter':30} {'chars/s':>10} {'tokens/char':>12} {'number cases whole':>20}")
    for name, tokenizer in segmenters():
        tokenizer("预热")
        started = time.perf_counter()
        tokens = sum(len(tokenizer(text)) for text in texts)
        seconds = time.perf_counter() - started
        whole = sum(all(t in [tok.text for tok in tokenizer(text)] for t in expected) for text, expected in BOUNDARY_CASES)
        print(f"{name:30} {chars / seconds:>10,.0f} {tokens / chars:>12.2f} {whole:>14}/{len(BOUNDARY_CASES)}")


if __name__ == "__main__":
    main()
