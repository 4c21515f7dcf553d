"""`govie train`: retrain from the annotations, every step of training/ in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import fail_usage


def train(
    gold: Annotated[Path, typer.Option(help="folder of gold TSV files")] = Path("corpus/gold"),
    corpus: Annotated[Path, typer.Option(envvar="GOVIE_CORPUS", help="corpus folder with reports/")] = Path("../shared/corpus"),
    splits: Annotated[Path, typer.Option(help="the split file")] = Path("corpus/splits.json"),
    config: Annotated[Path, typer.Option(help="the NER training config")] = Path("configs/ner.cfg"),
    relations_config: Annotated[Path, typer.Option(help="the relation/role model's config")] = Path("configs/relations.cfg"),
    output: Annotated[Path, typer.Option(help="where the steps write their results")] = Path("training/output"),
    package_dir: Annotated[Path, typer.Option(help="where the trained pipeline is written")] = Path("govie/model"),
    folds: Annotated[int, typer.Option(min=1, help="folds of the train split for the relation model's NER features")] = 3,
    max_steps: Annotated[int | None, typer.Option(help="override the NER config's training.max_steps")] = None,
    seed: Annotated[int, typer.Option(help="random seed of every step")] = 0,
    init_tok2vec: Annotated[
        Path | None, typer.Option(help="pretrained weights for the NER's tok2vec (training/pretrain.py); default: none")
    ] = None,
) -> None:
    """Retrain from the annotations: convert → train NER → train relations → evaluate → package."""
    from ..gold import GoldError
    from ..training import TrainingError, TrainSettings, train_all

    settings = TrainSettings(
        gold=gold,
        corpus=corpus,
        splits=splits,
        config=config,
        relations_config=relations_config,
        output=output,
        package_dir=package_dir,
        folds=folds,
        max_steps=max_steps,
        seed=seed,
        init_tok2vec=init_tok2vec,
    )
    for path, option in ((gold, "--gold"), (splits, "--splits"), (config, "--config"), (relations_config, "--relations-config")):
        if not path.exists():
            fail_usage(f"{path} not found: run govie train from a project checkout, or pass {option}")
    try:
        scores = train_all(settings)
    except (GoldError, TrainingError) as error:
        fail_usage(str(error))
    for split, split_scores in scores.items():
        records = split_scores["records"]
        typer.echo(
            f"{split}: all-records F1 {records['all']['f1']:.3f}, headline strict F1 {records['headline_strict']['f1']:.3f}, loose recall {records['loose_recall']:.3f}"
        )
    typer.echo(f"wrote {package_dir}")
