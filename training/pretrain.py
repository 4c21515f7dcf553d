"""Optional step 0b: `spacy pretrain` of the NER's tok2vec on the raw text of training/raw_text.py
(the [pretraining] block of configs/ner.cfg); writes training/output/pretrain/model*.bin.

    python training/pretrain.py [--output training/output]
"""

from govie.training import pretrain

from _settings import parser, settings

if __name__ == "__main__":
    print(pretrain(settings(parser(__doc__.splitlines()[0]).parse_args())))
