"""`govie annotate push|pull`: the Label Studio round trip (govie/gold/label_studio.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ..about import __version__
from ._common import EXIT_FAILURES, fail_usage

annotate_app = typer.Typer(
    name="annotate",
    help="Annotate in Label Studio: push reports with the model's records as predictions, pull the corrected annotations into corpus/gold.",
    no_args_is_help=True,
)

_LabelStudioUrl = Annotated[
    str, typer.Option("--url", envvar="LABEL_STUDIO_URL", help="Label Studio's address, e.g. http://127.0.0.1:8080")
]
_LabelStudioToken = Annotated[str, typer.Option("--token", envvar="LABEL_STUDIO_API_KEY", help="an API token of the Label Studio user")]


def _label_studio(url: str, token: str):
    from ..gold.label_studio import connect

    try:
        return connect(url, token)
    except RuntimeError as error:  # the `annotate` extra is missing
        fail_usage(str(error))


def _label_studio_failed(error: Exception) -> NoReturn:
    # The SDK raises ApiError for HTTP errors and httpx errors when the server cannot be reached.
    detail = getattr(error, "body", None) or error
    typer.echo(f"govie: Label Studio: {type(error).__name__}: {detail}", err=True)
    raise typer.Exit(EXIT_FAILURES)


@annotate_app.command("push")
def annotate_push(
    files: Annotated[
        list[Path], typer.Argument(help="report files to annotate", show_default=False, metavar="FILE", exists=True, dir_okay=False)
    ],
    url: _LabelStudioUrl,
    token: _LabelStudioToken,
    project: Annotated[str, typer.Option(help="the project's title; created with govie's labeling config when missing")] = "govie",
    update_config: Annotated[
        bool, typer.Option("--update-config", help="give an existing project govie's current labeling config (govie/gold/label_studio.xml)")
    ] = False,
) -> None:
    """Import reports as tasks with the model's records as predictions; a report already there (same sha256) is not imported again."""
    from ..gold.label_studio import push

    client = _label_studio(url, token)
    try:
        summary = push(client, project, files, model_version=f"govie-{__version__}", update_labeling_config=update_config)
    except Exception as error:
        _label_studio_failed(error)
    state = "created" if summary.created_project else "reused"
    if update_config and not summary.created_project:
        state += ", labeling config " + ("updated" if summary.config_updated else "already current")
    typer.echo(f"project {project!r} (id {summary.project_id}, {state})")
    for name, task_id, how in summary.tasks:
        typer.echo(f"  {name}: task {task_id} ({how})")
    typer.echo(f"pushed {summary.regions} regions and {summary.relations} relations as predictions")


@annotate_app.command("pull")
def annotate_pull(
    url: _LabelStudioUrl,
    token: _LabelStudioToken,
    project: Annotated[str, typer.Option(help="the project's title")] = "govie",
    gold: Annotated[Path, typer.Option(help="folder of gold TSV files; texts outside the corpus go to its sibling texts/")] = Path(
        "corpus/gold"
    ),
    corpus: Annotated[Path, typer.Option(envvar="GOVIE_CORPUS", help="corpus folder with reports/")] = Path("../shared/corpus"),
    split: Annotated[str, typer.Option(help="the split that pulled reports in no split yet join; '' to leave the splits alone")] = "train",
    splits: Annotated[Path, typer.Option(help="the splits file")] = Path("corpus/splits.json"),
) -> None:
    """Write each task's latest submitted annotation as corpus/gold/<report>.tsv; pulling again changes only what changed.
    Pulled reports that are in no split are added to --split (train by default)."""
    from ..gold.label_studio import PullError, add_to_split, pull

    if split and not splits.is_file():
        fail_usage(f"no splits file {splits} (give --splits, or --split '' to leave the splits alone)")
    client = _label_studio(url, token)
    try:
        summary = pull(client, project, gold, corpus)
        if split:
            summary.added_to_split = add_to_split([*summary.written, *summary.unchanged], splits, split)
    except PullError as error:
        fail_usage(str(error))
    except Exception as error:
        _label_studio_failed(error)
    for name in summary.written:
        typer.echo(f"  wrote {gold / (Path(name).stem + '.tsv')}")
    if summary.added_to_split:
        typer.echo(f"added {len(summary.added_to_split)} reports to split {split!r} of {splits}: {', '.join(summary.added_to_split)}")
    for message in summary.errors:
        typer.echo(f"govie: {message}", err=True)
    typer.echo(
        f"{len(summary.written)} written, {len(summary.unchanged)} unchanged, {len(summary.skipped)} without annotation, "
        f"{len(summary.errors)} failed; {summary.records} records and {summary.relations} relations pulled"
    )
    if summary.errors:
        raise typer.Exit(EXIT_FAILURES)
