"""The command-line options every training step shares, as govie.training.TrainSettings."""

from __future__ import annotations

import argparse
from pathlib import Path

from govie.training import TrainSettings


def parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    defaults = TrainSettings()
    parser.add_argument("--gold", type=Path, default=defaults.gold)
    parser.add_argument("--corpus", type=Path, default=defaults.corpus)
    parser.add_argument("--splits", type=Path, default=defaults.splits)
    parser.add_argument("--config", type=Path, default=defaults.config)
    parser.add_argument("--relations-config", type=Path, default=defaults.relations_config)
    parser.add_argument("--meta", type=Path, default=defaults.meta, help="the checked-in model card (spacy package's meta)")
    parser.add_argument("--output", type=Path, default=defaults.output)
    parser.add_argument("--package-dir", type=Path, default=defaults.package_dir)
    parser.add_argument("--folds", type=int, default=defaults.folds)
    parser.add_argument("--max-steps", type=int, default=None, help="override the NER config's training.max_steps")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--init-tok2vec", type=Path, default=defaults.init_tok2vec, help="pretrained tok2vec weights for the NER")
    return parser


def settings(args: argparse.Namespace) -> TrainSettings:
    return TrainSettings(
        gold=args.gold,
        corpus=args.corpus,
        splits=args.splits,
        config=args.config,
        relations_config=args.relations_config,
        meta=args.meta,
        output=args.output,
        package_dir=args.package_dir,
        folds=args.folds,
        max_steps=args.max_steps,
        seed=args.seed,
        init_tok2vec=args.init_tok2vec,
    )
