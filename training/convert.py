"""Step 1: the gold corpus as spaCy DocBins for NER training, one per split.

    python training/convert.py [--gold corpus/gold] [--corpus ../shared/corpus] [--splits corpus/splits.json] [--out training/output/data]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from govie.evaluate import split_files
from govie.gold import DEFAULT_CORPUS, DEFAULT_GOLD, load_gold
from govie.pipeline import build_rules_pipeline
from govie.training_data import gold_docs, ner_doc, sentence_docs


def convert(gold: Path, corpus: Path, splits: Path, out: Path, names: tuple[str, ...] = ("train", "dev", "test")) -> dict[str, Counter]:
    nlp = build_rules_pipeline()
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, Counter] = {}
    for split in names:
        files = split_files(split, splits)
        docbin = DocBin(store_user_data=False)
        labels: Counter = Counter()
        for doc, _, aligned in gold_docs(nlp, load_gold(gold, corpus, files)):
            annotated = ner_doc(doc, aligned)
            # Sentence boundaries of the rule pipeline, so that training sees the sentences the NER runs on.
            annotated.from_array(["SENT_START"], nlp.get_pipe("govie_context")(doc).to_array(["SENT_START"]))
            for sentence in sentence_docs(annotated):
                labels.update(ent.label_ for ent in sentence.ents)
                labels["sentences"] += 1
                docbin.add(sentence)
        docbin.to_disk(out / f"{split}.spacy")
        labels["documents"] = len(files)
        counts[split] = labels
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--splits", type=Path, default=Path("corpus/splits.json"))
    parser.add_argument("--out", type=Path, default=Path("training/output/data"))
    args = parser.parse_args()
    for split, labels in convert(args.gold, args.corpus, args.splits, args.out).items():
        print(f"{split}: {dict(labels)}")


if __name__ == "__main__":
    main()
