"""What the commands share: exit codes and how usage errors are shown."""

from __future__ import annotations

from typing import NoReturn

import typer

from ..runner.extract import EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_USAGE

__all__ = ["EXIT_FAILURES", "EXIT_INTERRUPTED", "EXIT_USAGE", "fail_usage", "echo_err"]


def fail_usage(message: str) -> NoReturn:
    typer.echo(f"govie: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def echo_err(message: str, quiet: bool) -> None:
    if not quiet:
        typer.echo(message, err=True)
