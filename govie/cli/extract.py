"""`govie extract`: records of report files and folders into JSONL, CSV, Excel, Stata or Parquet."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..output import OUTPUT_FORMATS, TABLE_OUTPUTS, infer_output_format, open_record_writer, record_stream_path, write_records_table
from ..reading import REPORT_SUFFIXES, STDIN_ARGUMENT, ReportReadError
from ..runner.extract import Options, Run, UsageError, collect_inputs, run_guarded, skip_done
from ._common import DEFAULT_TIMEOUT, EXIT_FAILURES, EXIT_INTERRUPTED, TimeoutOption, echo_err, fail_usage, refuse_to_replace


class EngineOption(str, Enum):
    spacy = "spacy"
    dask = "dask"


# One choice per writer of govie.output.WRITERS.
OutputFormatOption = Enum("OutputFormatOption", {name: name for name in OUTPUT_FORMATS}, type=str)


def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=f"Report files (any suffix), folders (searched recursively for {' and '.join(REPORT_SUFFIXES)} files) and '-' for standard input (its records' file is '<stdin>'). The output keeps this order; a folder's files come sorted by path.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file; standard output when not given or '-'.", dir_okay=False),
    ] = None,
    output_format: Annotated[
        OutputFormatOption | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format; by default from the OUTPUT suffix (.csv, .xlsx, .dta, .parquet; .jsonl, .json, .ndjson, .txt or none: jsonl); another suffix needs --format. xlsx, dta and parquet are made at the end from a JSONL kept beside them (.NAME.govie.jsonl), which --resume continues.",
            case_sensitive=False,
        ),
    ] = None,
    report_year: Annotated[
        int | None,
        typer.Option("--report-year", help="Year of the reports, instead of the year found in each text.", min=1900, max=2200),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run: skip the files already in OUTPUT and append."),
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace an existing OUTPUT; without it (or --resume) an existing output is kept and nothing runs."
        ),
    ] = False,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    fail_fast: Annotated[
        bool,
        typer.Option("--fail-fast", help="Stop at the first file that cannot be read or extracted."),
    ] = False,
    n_process: Annotated[int, typer.Option("--n-process", help="Processes for the spaCy pipeline.", min=1)] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Reports per batch of the spaCy pipeline.", min=1)] = 8,
    csv_bom: Annotated[
        bool,
        typer.Option("--csv-bom", help="Start a CSV output with a UTF-8 BOM; Excel users may want this."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors are still shown.")] = False,
    engine: Annotated[
        EngineOption,
        typer.Option(
            "--engine",
            help="spacy: nlp.pipe in this machine's processes; dask: a Dask cluster (needs the dask extra).",
            case_sensitive=False,
        ),
    ] = EngineOption.spacy,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a Dask scheduler (tcp://host:8786); default a local cluster of --n-process workers."),
    ] = None,
) -> None:
    """Extract records from reports into JSONL, CSV, Excel, Stata or Parquet, one row per record with its
    `file`, in the order the reports were given (with --n-process and --resume too).

    The fields of a record are described in docs/RECORDS.md of govie's repository."""
    if output == Path("-"):
        output = None
    if resume and output is None:
        fail_usage("--resume needs --output: it continues an existing output file")
    if any(str(path) == STDIN_ARGUMENT for path in paths):
        if resume:
            fail_usage("--resume cannot tell whether standard input ('-') was read before: save it to a file, or run without --resume")
        if engine == EngineOption.dask:
            fail_usage("--engine dask reads the files on its workers; standard input ('-') goes with --engine spacy")
    refuse_to_replace([output] if output is not None else [], resume=resume, overwrite=overwrite, what="the output")
    try:
        fmt = output_format.value if output_format is not None else infer_output_format(output)
    except ValueError as error:
        fail_usage(str(error))
    unreadable: list[ReportReadError] = []
    try:
        inputs = collect_inputs(paths, output, unreadable)
        skipped = 0
        if resume and output is not None:
            inputs, skipped = skip_done(inputs, output, fmt)
    except UsageError as error:
        fail_usage(str(error))
    if resume and output is not None and not inputs:
        echo_err(f"govie: nothing to do, all {skipped} files are already in {output}", quiet)
        if fmt in TABLE_OUTPUTS and not output.exists():  # the table was removed; its stream is complete
            write_records_table(record_stream_path(output), output, fmt)
        return
    if scheduler is not None and engine != EngineOption.dask:
        fail_usage("--scheduler goes with --engine dask")
    options = Options(report_year, batch_size, n_process, fail_fast, engine.value, scheduler, timeout=timeout or None)
    try:
        writer = open_record_writer(output, fmt, append=resume, csv_bom=csv_bom)
    except OSError as err:
        fail_usage(f"cannot write {output}: {err.strerror or err}")
    except ValueError as err:  # a table format on standard output, or its package missing
        fail_usage(str(err))
    run = Run(total=len(inputs) + len(unreadable), skipped=skipped, quiet=quiet, output=output)
    for problem in unreadable:
        run.failed(f"govie: {problem}")
    try:
        with writer:
            exit_code = run_guarded(inputs, options, run, lambda file, extraction: writer.write(file, extraction.records))
    except (OSError, ValueError) as err:  # making a table output at the end
        typer.echo(f"govie: cannot write {output}: {err}; the records are kept in {record_stream_path(output)}", err=True)
        raise typer.Exit(EXIT_FAILURES) from err
    except KeyboardInterrupt:
        typer.echo(f"govie: interrupted while writing {output}; the records are kept in {record_stream_path(output)}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if exit_code:
        raise typer.Exit(exit_code)
