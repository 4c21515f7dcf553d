"""`govie panel`: from a folder of reports to a research panel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..output import open_record_writer
from ..reading import STDIN_ARGUMENT, ReportReadError
from ..runner.extract import Options, Run, UsageError, collect_inputs, run_guarded, skip_done
from ..runner.processes import Extraction
from ._common import DEFAULT_TIMEOUT, EXIT_FAILURES, EXIT_INTERRUPTED, TimeoutOption, echo_err, fail_usage, refuse_to_replace


def panel(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Report files and folders, as for govie extract (the panel keeps their order; a folder's files come sorted by path).",
            show_default=False,
            metavar="PATH",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The panel: .parquet, .csv, .xlsx (Excel) or .dta (Stata 14+), one row per record.", dir_okay=False
        ),
    ],
    manifest: Annotated[
        Path | None,
        typer.Option(
            help="A JSONL manifest with file, region, level and year per report; what it gives wins over what is read off the text.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    pairs: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the target/actual pairs (.parquet, .csv, .xlsx or .dta); default OUTPUT's name with .pairs before the suffix.",
            dir_okay=False,
        ),
    ] = None,
    html_summary: Annotated[
        Path | None,
        typer.Option("--html", help="Also write a self-contained HTML summary with plots (needs matplotlib).", dir_okay=False),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run: reuse the records already extracted (OUTPUT's .records.jsonl)."),
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace an existing panel and its records; without it (or --resume) they are kept and nothing runs."
        ),
    ] = False,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    n_process: Annotated[int, typer.Option("--n-process", help="Processes for the spaCy pipeline.", min=1)] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Reports per batch of the spaCy pipeline.", min=1)] = 8,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors are still shown.")] = False,
) -> None:
    """Build a research panel from a folder of reports: a tidy table of records with region, level and
    report year, the targets of each report joined with the results of the next, optionally an HTML summary.

    The records are first extracted to OUTPUT's `.records.jsonl` beside it, file by file, so that an
    interrupted run continues with --resume."""
    from ..output.tables import TableError, check_available
    from ..panel import (
        PanelError,
        ReportSummaryWriter,
        build_panel,
        link_targets,
        load_manifest,
        pairing_losses,
        panel_format,
        read_report_summaries,
        write_table,
    )

    if any(str(path) == STDIN_ARGUMENT for path in paths):
        fail_usage("govie panel reads report files (it keeps their paths); save standard input to a file, or use govie extract -")
    pairs = pairs or output.with_name(f"{output.stem}.pairs{output.suffix}")
    try:
        for table in (output, pairs):
            check_available(panel_format(table))
        entries = load_manifest(manifest) if manifest else None
    except (PanelError, TableError) as error:
        fail_usage(str(error))
    records_path = output.with_name(f"{output.stem}.records.jsonl")
    reports_path = output.with_name(f"{output.stem}.reports.jsonl")
    # Absolute paths: a resumed run must recognise them from any working directory, and a report the
    # pipeline did not summarise (an interrupted run) is read again from its path.
    refuse_to_replace([output, records_path], resume=resume, overwrite=overwrite, what="the panel")
    unreadable: list[ReportReadError] = []
    try:
        inputs = [path.resolve() for path in collect_inputs(paths, records_path, unreadable)]
        skipped = 0
        if resume:
            inputs, skipped = skip_done(inputs, records_path, "jsonl")
    except UsageError as error:
        fail_usage(str(error))
    if resume and not inputs:
        echo_err(f"govie: all {skipped} files are already in {records_path}; building the panel", quiet)
    exit_code = EXIT_FAILURES if unreadable and not inputs else 0
    if unreadable and not inputs:
        for problem in unreadable:
            echo_err(f"govie: {problem}", False)
    if inputs:
        options = Options(None, batch_size, n_process, False, with_report=True, timeout=timeout or None)
        try:
            writer = open_record_writer(records_path, "jsonl", append=resume)
            summaries = ReportSummaryWriter(reports_path, append=resume)
        except OSError as err:
            fail_usage(f"cannot write {records_path}: {err.strerror or err}")

        def write(file: str, extraction: Extraction) -> None:
            writer.write(file, extraction.records)
            summaries.write(file, extraction.report)

        run = Run(total=len(inputs) + len(unreadable), skipped=skipped, quiet=quiet, output=records_path, description="govie panel")
        for problem in unreadable:
            run.failed(f"govie: {problem}")
        with writer, summaries:
            exit_code = run_guarded(inputs, options, run, write)
        if exit_code == EXIT_INTERRUPTED:
            raise typer.Exit(exit_code)
    try:
        headline, coverage = build_panel(records_path, output, entries, reports=read_report_summaries(reports_path))
        linked = link_targets(headline)
        write_table(linked, pairs)
        if html_summary is not None:
            from ..panel.plots import write_html_summary

            write_html_summary(coverage, linked, html_summary, losses=pairing_losses(headline, linked))
    except (PanelError, TableError, RuntimeError) as error:
        fail_usage(str(error))
    except OSError as err:
        typer.echo(f"govie: cannot write the panel: {err}", err=True)
        raise typer.Exit(EXIT_FAILURES) from err
    echo_err(
        f"govie: panel of {coverage.records} records from {len(coverage.files)} reports of {len(coverage.regions)} regions in {output}; {len(linked)} target/actual pairs in {pairs}"
        + (f"; summary in {html_summary}" if html_summary else ""),
        quiet,
    )
    if exit_code:
        raise typer.Exit(exit_code)
