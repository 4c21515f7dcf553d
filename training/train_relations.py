"""Step 3: train the relation/role model on the train split with the fold NERs' output, and tune its
keep threshold on dev.

    python training/train_relations.py [--output training/output] [--folds 3]
"""

from _settings import parser, settings

from govie.train import train_linker

if __name__ == "__main__":
    train_linker(settings(parser(__doc__.splitlines()[0]).parse_args()))
