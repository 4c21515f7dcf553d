"""Step 1: the gold corpus as spaCy DocBins of the NER's units (clauses that hold numbers), per split and fold.

python training/convert.py [--gold corpus/gold] [--corpus ../shared/corpus] [--output training/output]
"""

from govie.training import convert

from _settings import parser, settings

if __name__ == "__main__":
    for split, labels in convert(settings(parser(__doc__.splitlines()[0]).parse_args())).items():
        print(f"{split}: {dict(labels)}")
