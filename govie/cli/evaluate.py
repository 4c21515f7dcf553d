"""`govie evaluate`: score a pipeline on a split of the gold corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ._common import EXIT_USAGE


def evaluate(
    split: Annotated[str, typer.Option(help="train, dev, test, test_county or all (corpus/splits.json)")] = "dev",
    model: Annotated[Path | None, typer.Option(help="a spaCy pipeline directory; default: the shipped one")] = None,
    gold: Annotated[Path, typer.Option(help="folder of gold TSV files")] = Path("corpus/gold"),
    corpus: Annotated[Path, typer.Option(envvar="GOVIE_CORPUS", help="corpus folder with reports/")] = Path("../shared/corpus"),
    splits: Annotated[Path, typer.Option(help="the split file")] = Path("corpus/splits.json"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the scores as JSON here")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="list every missed and extra record with its evidence")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="score the rule pipeline without the trained components")] = False,
) -> None:
    """Score a pipeline on a split of the gold corpus: spans, relations, records, attributes."""
    from ..evaluate import evaluate as run_evaluation
    from ..evaluate import format_errors, format_table, split_files
    from ..gold import GoldError
    from ..pipeline import default_pipeline, load_pipeline

    for path, option in ((splits, "--splits"), (gold, "--gold")):
        if not path.exists():
            typer.echo(
                f"govie: {path} not found. `govie evaluate` scores against the gold corpus of a govie checkout: run it from "
                f"the checkout's folder, or give {option} (and --corpus for the report texts, now {corpus}).",
                err=True,
            )
            raise typer.Exit(EXIT_USAGE)
    try:
        files = split_files(split, splits)
        if rules_only:
            from ..pipeline import build_rules_pipeline

            nlp = build_rules_pipeline()
        else:
            nlp = load_pipeline(model) if model else default_pipeline()
        scores = run_evaluation(nlp, files, gold, corpus)
    except (GoldError, FileNotFoundError) as error:
        typer.echo(f"govie: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    described = "rules only" if rules_only else (model or "shipped")
    typer.echo(format_table(scores, title=f"split {split} ({len(files)} reports), model {described}"))
    if errors:
        typer.echo("\n" + format_errors(scores))
    if output:
        output.write_text(
            json.dumps({"split": split, "model": str(described), **scores.to_dict()}, ensure_ascii=False, indent=1), encoding="utf8"
        )
