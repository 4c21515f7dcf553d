"""What the commands share: exit codes and how usage errors are shown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ..runner.extract import DEFAULT_TIMEOUT, EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_USAGE

__all__ = [
    "DEFAULT_TIMEOUT",
    "EXIT_FAILURES",
    "EXIT_INTERRUPTED",
    "EXIT_USAGE",
    "TimeoutOption",
    "echo_err",
    "fail_usage",
    "refuse_to_replace",
]

TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        help="Seconds one report may take; a report over it is reported as failed and the run goes on (0: no limit).",
        min=0,
    ),
]


def fail_usage(message: str) -> NoReturn:
    typer.echo(f"govie: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def echo_err(message: str, quiet: bool) -> None:
    if not quiet:
        typer.echo(message, err=True)


def refuse_to_replace(existing: list[Path], *, resume: bool, overwrite: bool, what: str) -> None:
    """An existing output (`what`: the output, the panel) is kept unless --overwrite or --resume says what to do with it."""
    if resume and overwrite:
        fail_usage(f"--resume continues {what} and --overwrite replaces it: give one of them")
    found = [path for path in existing if path.exists() and path.stat().st_size > 0]
    if found and not (resume or overwrite):
        fail_usage(f"{found[0]} exists; give --overwrite to replace {what} or --resume to continue it")
