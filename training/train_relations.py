"""Step 3: train the relation/role model on the train split with the fold NERs' output, and tune its
keep threshold on dev.

    python training/train_relations.py [--output training/output] [--folds 3]
"""

from govie.training import train_relations

from _settings import parser, settings

if __name__ == "__main__":
    train_relations(settings(parser(__doc__.splitlines()[0]).parse_args()))
