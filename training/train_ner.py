"""Step 2: train the NER (configs/ner.cfg) with `spacy train`: on the whole train split, tuned on dev,
and once per fold of the train split for the relation model's training features.

    python training/train_ner.py [--output training/output] [--folds 3] [--max-steps N]
"""

from govie.training import train_ner

from _settings import parser, settings

if __name__ == "__main__":
    train_ner(settings(parser(__doc__.splitlines()[0]).parse_args()))
