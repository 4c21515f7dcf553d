"""The `govie` command line: one module per command over plain functions (spaCy's `spacy/cli/`
shape). `govie extract` and `govie panel` run over report files and folders; `evaluate`, `train`
and `annotate` work on the gold corpus of a project checkout."""

from __future__ import annotations

from typing import Annotated

import typer

from ..about import __version__
from .annotate import annotate_app
from .evaluate import evaluate
from .extract import extract
from .panel import panel
from .train import train

app = typer.Typer(
    name="govie",
    help="Extract targets and results from Chinese government work reports as structured records.",
    no_args_is_help=True,
    add_completion=False,
    # Tracebacks with locals would print whole report texts.
    pretty_exceptions_show_locals=False,
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"govie {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Extract targets and results from Chinese government work reports as structured records."""


for command in (extract, panel, evaluate, train):
    app.command()(command)
app.add_typer(annotate_app, name="annotate")
