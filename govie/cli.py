"""The `govie` command line: `govie extract` over report files and folders, `govie panel` from a
folder of reports to a research panel, and the training, evaluation and annotation commands.

Exit codes: 0 all files done; 1 some file could not be read or extracted (the
others are in the output); 2 usage errors (bad paths, empty folder, an output
that cannot be resumed); 130 interrupted with Ctrl-C (finished files are kept).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Iterator, NoReturn, Optional

import typer
from tqdm import tqdm

import govie

from .io import (
    REPORT_SUFFIXES,
    OutputFileError,
    ReportReadError,
    completed_files,
    infer_output_format,
    iter_report_paths,
    open_record_writer,
    read_report,
)
from .records import Record

EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="govie",
    help="Extract targets and results from Chinese government work reports as structured records.",
    no_args_is_help=True,
    add_completion=False,
    # Tracebacks with locals would print whole report texts.
    pretty_exceptions_show_locals=False,
)


class EngineOption(str, Enum):
    spacy = "spacy"
    dask = "dask"


class OutputFormatOption(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"govie {govie.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Extract targets and results from Chinese government work reports as structured records."""


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Report files (any suffix) and folders (searched recursively for "
            f"{' and '.join(REPORT_SUFFIXES)} files).",
            show_default=False,
            metavar="PATH",
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", help="Output file; standard output when not given or '-'.", dir_okay=False
        ),
    ] = None,
    output_format: Annotated[
        Optional[OutputFormatOption],
        typer.Option(
            "--format",
            "-f",
            help="Output format; by default csv for an OUTPUT ending in .csv, jsonl otherwise.",
            case_sensitive=False,
        ),
    ] = None,
    report_year: Annotated[
        Optional[int],
        typer.Option(
            "--report-year", help="Year of the reports, instead of the year found in each text.", min=1900, max=2200
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run: skip the files already in OUTPUT and append."),
    ] = False,
    fail_fast: Annotated[
        bool,
        typer.Option("--fail-fast", help="Stop at the first file that cannot be read or extracted."),
    ] = False,
    n_process: Annotated[
        int, typer.Option("--n-process", help="Processes for the spaCy pipeline.", min=1)
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Reports per batch of the spaCy pipeline.", min=1)
    ] = 8,
    csv_bom: Annotated[
        bool,
        typer.Option("--csv-bom", help="Start a CSV output with a UTF-8 BOM; Excel users may want this."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors are still shown.")
    ] = False,
    engine: Annotated[
        EngineOption,
        typer.Option(
            "--engine",
            help="spacy: nlp.pipe in this machine's processes; dask: a Dask cluster (needs the dask extra).",
            case_sensitive=False,
        ),
    ] = EngineOption.spacy,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="Address of a Dask scheduler (tcp://host:8786); default a local cluster of --n-process workers."),
    ] = None,
) -> None:
    """Extract records from reports into JSONL or CSV, one row per record with its `file`."""
    if output == Path("-"):
        output = None
    if resume and output is None:
        _fail_usage("--resume needs --output: it continues an existing output file")
    fmt = output_format.value if output_format is not None else infer_output_format(output)
    inputs = _collect_inputs(paths, output)
    skipped = 0
    if resume and output is not None:
        inputs, skipped = _skip_done(inputs, output, fmt)
        if not inputs:
            _echo_err(f"govie: nothing to do, all {skipped} files are already in {output}", quiet)
            return
    if scheduler is not None and engine != EngineOption.dask:
        _fail_usage("--scheduler goes with --engine dask")
    options = _Options(report_year, batch_size, n_process, fail_fast, engine.value, scheduler)
    try:
        writer = open_record_writer(output, fmt, append=resume, csv_bom=csv_bom)
    except OSError as err:
        _fail_usage(f"cannot write {output}: {err.strerror or err}")
    run = _Run(total=len(inputs), skipped=skipped, quiet=quiet, output=output)
    with writer:
        exit_code = _run_guarded(inputs, options, run, writer.write)
    if exit_code:
        raise typer.Exit(exit_code)


@dataclass
class _Options:
    report_year: int | None
    batch_size: int
    n_process: int
    fail_fast: bool
    engine: str = "spacy"
    scheduler: str | None = None


@dataclass
class _Run:
    """What happened so far, for the progress bar and the final messages."""

    total: int
    skipped: int
    quiet: bool
    output: Path | None
    files: int = 0
    records: int = 0
    failures: int = 0
    stopped: bool = False
    started: float = field(default_factory=time.monotonic)
    bar: tqdm | None = None
    description: str = "govie extract"

    def __post_init__(self) -> None:
        # A bar for a single file is noise; tqdm copes with non-TTY stderr.
        if not self.quiet and self.total > 1:
            self.bar = tqdm(
                total=self.total, unit="file", desc=self.description, file=sys.stderr, dynamic_ncols=True
            )
            self.bar.set_postfix(records=0)

    def done(self, records: int) -> None:
        self.files += 1
        self.records += records
        self._advance()

    def failed(self, message: str) -> None:
        self.failures += 1
        self.error(message)
        self._advance()

    def error(self, message: str) -> None:
        # tqdm.write keeps the bar intact below the message.
        tqdm.write(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def seconds(self) -> float:
        return time.monotonic() - self.started

    def _advance(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix(records=self.records, refresh=False)
            self.bar.update(1)


class _OutputBroken(Exception):
    """Writing the output failed; unlike a bad report this ends the run."""


WriteFn = Callable[[str, list[Record]], None]


def _run_guarded(inputs: list[Path], options: _Options, run: _Run, write: WriteFn) -> int:
    """Run the extraction and turn how it ended into messages and an exit code."""
    try:
        _extract_all(inputs, options, run, write)
    except KeyboardInterrupt:
        run.close()
        _report_interrupt(run)
        return EXIT_INTERRUPTED
    except _OutputBroken as err:
        run.close()
        if isinstance(err.__cause__, BrokenPipeError) and run.output is None:
            # `govie extract ... | head` closed the pipe on purpose: no noise, and
            # no second failure when Python flushes stdout at exit.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:
            run.error(f"govie: cannot write {run.output or 'standard output'}: {err}")
        return EXIT_FAILURES
    except Exception as err:  # the pipeline cannot run at all (e.g. it is not installed)
        run.close()
        run.error(f"govie: extraction failed: {type(err).__name__}: {err}")
        return EXIT_FAILURES
    run.close()
    _report_summary(run)
    return EXIT_FAILURES if run.failures else 0


def _extract_all(inputs: list[Path], options: _Options, run: _Run, write: WriteFn) -> None:
    """Stream the reports through the pipeline and write each file's records as it comes."""
    if options.engine == "dask":
        _extract_all_dask(inputs, options, run, write)
        return
    in_flight: deque[tuple[Path, str]] = deque()

    def on_read_error(err: ReportReadError) -> bool:
        run.failed(f"govie: {err}")
        if options.fail_fast:
            run.stopped = True
        return not options.fail_fast

    texts = _read_lazily(inputs, in_flight, on_read_error)
    while True:
        try:
            for records in govie.extract_many(
                texts,
                report_year=options.report_year,
                batch_size=options.batch_size,
                n_process=options.n_process,
            ):
                path, _ = in_flight.popleft()
                _write_file(path, records, run, write)
            return
        except (_OutputBroken, KeyboardInterrupt):
            raise
        except Exception:
            if not in_flight:
                raise
            # One report broke the batch; find it by extracting the batch's
            # files one at a time, then go on streaming the rest.
            _extract_one_by_one(in_flight, options, run, write)
            if run.stopped:
                return


def _extract_all_dask(inputs: list[Path], options: _Options, run: _Run, write: WriteFn) -> None:
    from .distributed import extract_files

    results = extract_files(
        inputs, scheduler=options.scheduler, n_workers=options.n_process, partition_size=options.batch_size, report_year=options.report_year
    )
    for result in results:
        if result.records is None:
            run.failed(f"govie: {result.error}")
            if options.fail_fast:
                run.stopped = True
                return
            continue
        _write_file(Path(result.path), result.records, run, write)


def _read_lazily(
    inputs: list[Path],
    in_flight: deque[tuple[Path, str]],
    on_error: Callable[[ReportReadError], bool],
) -> Iterator[str]:
    """Texts of the inputs, read only when the pipeline asks for them.

    Each yielded text's path is queued in `in_flight` so that the pipeline's
    results, which come in the same order, can be matched to their file.
    """
    for path in inputs:
        try:
            text = read_report(path)
        except ReportReadError as err:
            if not on_error(err):
                return
            continue
        in_flight.append((path, text))
        yield text


def _extract_one_by_one(
    in_flight: deque[tuple[Path, str]], options: _Options, run: _Run, write: WriteFn
) -> None:
    while in_flight:
        path, text = in_flight.popleft()
        try:
            records = govie.extract(text, report_year=options.report_year)
        except Exception as err:
            run.failed(f"govie: cannot extract from {path}: {type(err).__name__}: {err}")
            if options.fail_fast:
                run.stopped = True
                return
            continue
        _write_file(path, records, run, write)


def _write_file(path: Path, records: list[Record], run: _Run, write: WriteFn) -> None:
    try:
        write(str(path), records)
    except OSError as err:
        raise _OutputBroken(err.strerror or str(err)) from err
    run.done(len(records))


def _collect_inputs(paths: list[Path], output: Path | None) -> list[Path]:
    try:
        inputs = iter_report_paths(paths, REPORT_SUFFIXES, require_reports_in_folders=True)
    except ReportReadError as err:
        _fail_usage(str(err))
    if output is not None:
        # `-o records.txt` inside a report folder must not be read back as a report.
        target = output.resolve()
        inputs = [path for path in inputs if path.resolve() != target]
    if not inputs:
        _fail_usage("no report files to read")
    return inputs


def _skip_done(inputs: list[Path], output: Path, fmt: str) -> tuple[list[Path], int]:
    try:
        done = completed_files(output, fmt)  # type: ignore[arg-type]
    except OutputFileError as err:
        _fail_usage(f"{err} (is --format right? without --resume the output is overwritten)")
    # An earlier run may have named the same files relative or absolute.
    done_resolved = {Path(file).resolve() for file in done}
    remaining = [path for path in inputs if str(path) not in done and path.resolve() not in done_resolved]
    return remaining, len(inputs) - len(remaining)


def _report_interrupt(run: _Run) -> None:
    message = f"govie: interrupted after {run.files} of {run.total} files"
    if run.output is not None:
        message += f"; the finished files are kept in {run.output}, run the same command with --resume to continue"
    run.error(message)


def _report_summary(run: _Run) -> None:
    if run.quiet:
        return
    parts = [f"{run.files} files", f"{run.records} records", f"{run.failures} failed"]
    if run.skipped:
        parts.append(f"{run.skipped} skipped as already done")
    if run.stopped:
        parts.append("stopped at the first failure (--fail-fast)")
    parts.append(f"{run.seconds():.1f} s")
    run.error("govie: " + ", ".join(parts))


def _fail_usage(message: str) -> NoReturn:
    typer.echo(f"govie: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _echo_err(message: str, quiet: bool) -> None:
    if not quiet:
        typer.echo(message, err=True)


@app.command()
def panel(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Report files and folders, as for govie extract.", show_default=False, metavar="PATH"),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The panel: .parquet or .csv, one row per record.", dir_okay=False)
    ],
    manifest: Annotated[
        Optional[Path],
        typer.Option(help="A JSONL manifest with file, region, level and year per report; what it gives wins over what is read off the text.", exists=True, dir_okay=False),
    ] = None,
    pairs: Annotated[
        Optional[Path],
        typer.Option(help="Where to write the target/actual pairs (.parquet or .csv); default OUTPUT's name with .pairs before the suffix.", dir_okay=False),
    ] = None,
    html_summary: Annotated[
        Optional[Path],
        typer.Option("--html", help="Also write a self-contained HTML summary with plots (needs matplotlib).", dir_okay=False),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run: reuse the records already extracted (OUTPUT's .records.jsonl)."),
    ] = False,
    n_process: Annotated[int, typer.Option("--n-process", help="Processes for the spaCy pipeline.", min=1)] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Reports per batch of the spaCy pipeline.", min=1)] = 8,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors are still shown.")] = False,
) -> None:
    """Build a research panel from a folder of reports: a tidy table of records with region, level and
    report year, the targets of each report joined with the results of the next, optionally an HTML summary.

    The records are first extracted to OUTPUT's `.records.jsonl` beside it, file by file, so that an
    interrupted run continues with --resume."""
    from .panel import PanelError, build_panel, link_targets, load_manifest, panel_format, write_table

    pairs = pairs or output.with_name(f"{output.stem}.pairs{output.suffix}")
    try:
        for table in (output, pairs):
            panel_format(table)
        entries = load_manifest(manifest) if manifest else None
    except PanelError as error:
        _fail_usage(str(error))
    records_path = output.with_name(f"{output.stem}.records.jsonl")
    # Absolute paths: the panel reads the reports again (paragraphs, metadata), maybe from another
    # working directory, and a resumed run must recognise them.
    inputs = [path.resolve() for path in _collect_inputs(paths, records_path)]
    skipped = 0
    if resume:
        inputs, skipped = _skip_done(inputs, records_path, "jsonl")
        if not inputs:
            _echo_err(f"govie: all {skipped} files are already in {records_path}; building the panel", quiet)
    exit_code = 0
    if inputs:
        options = _Options(None, batch_size, n_process, False)
        try:
            writer = open_record_writer(records_path, "jsonl", append=resume)
        except OSError as err:
            _fail_usage(f"cannot write {records_path}: {err.strerror or err}")
        run = _Run(total=len(inputs), skipped=skipped, quiet=quiet, output=records_path, description="govie panel")
        with writer:
            exit_code = _run_guarded(inputs, options, run, writer.write)
        if exit_code == EXIT_INTERRUPTED:
            raise typer.Exit(exit_code)
    try:
        headline, coverage = build_panel(records_path, output, entries)
        linked = link_targets(headline)
        write_table(linked, pairs)
        if html_summary is not None:
            from .plots import write_html_summary

            write_html_summary(coverage, linked, html_summary)
    except (PanelError, RuntimeError) as error:
        _fail_usage(str(error))
    except OSError as err:
        typer.echo(f"govie: cannot write the panel: {err}", err=True)
        raise typer.Exit(EXIT_FAILURES)
    _echo_err(f"govie: panel of {coverage.records} records from {len(coverage.files)} reports of {len(coverage.regions)} regions in {output}; {len(linked)} target/actual pairs in {pairs}" + (f"; summary in {html_summary}" if html_summary else ""), quiet)
    if exit_code:
        raise typer.Exit(exit_code)


@app.command()
def evaluate(
    split: Annotated[str, typer.Option(help="train, dev, test or all (corpus/splits.json)")] = "dev",
    model: Annotated[Optional[Path], typer.Option(help="a spaCy pipeline directory; default: the shipped one")] = None,
    gold: Annotated[Path, typer.Option(help="folder of gold TSV files")] = Path("corpus/gold"),
    corpus: Annotated[Path, typer.Option(envvar="GOVIE_CORPUS", help="corpus folder with reports/")] = Path("../shared/corpus"),
    splits: Annotated[Path, typer.Option(help="the split file")] = Path("corpus/splits.json"),
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="write the scores as JSON here")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="list every missed and extra record with its evidence")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="score the rule pipeline without the trained components")] = False,
) -> None:
    """Score a pipeline on a split of the gold corpus: spans, relations, records, attributes."""
    from .evaluate import evaluate as run_evaluation
    from .evaluate import format_errors, format_table, split_files
    from .gold import GoldError

    try:
        files = split_files(split, splits)
        if rules_only:
            from .pipeline import build_rules_pipeline

            nlp = build_rules_pipeline()
        else:
            nlp = govie.load(str(model) if model else None)
        scores = run_evaluation(nlp, files, gold, corpus)
    except (GoldError, FileNotFoundError) as error:
        typer.echo(f"govie: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    described = "rules only" if rules_only else (model or "shipped")
    typer.echo(format_table(scores, title=f"split {split} ({len(files)} reports), model {described}"))
    if errors:
        typer.echo("\n" + format_errors(scores))
    if output:
        output.write_text(json.dumps({"split": split, "model": str(described), **scores.to_dict()}, ensure_ascii=False, indent=1), encoding="utf8")


@app.command()
def train(
    gold: Annotated[Path, typer.Option(help="folder of gold TSV files")] = Path("corpus/gold"),
    corpus: Annotated[Path, typer.Option(envvar="GOVIE_CORPUS", help="corpus folder with reports/")] = Path("../shared/corpus"),
    splits: Annotated[Path, typer.Option(help="the split file")] = Path("corpus/splits.json"),
    config: Annotated[Path, typer.Option(help="the NER training config")] = Path("configs/ner.cfg"),
    relations_config: Annotated[Path, typer.Option(help="the relation/role model's config")] = Path("configs/relations.cfg"),
    output: Annotated[Path, typer.Option(help="where the steps write their results")] = Path("training/output"),
    package_dir: Annotated[Path, typer.Option(help="where the trained pipeline is written")] = Path("govie/model"),
    folds: Annotated[int, typer.Option(min=1, help="folds of the train split for the relation model's NER features")] = 3,
    max_steps: Annotated[Optional[int], typer.Option(help="override the NER config's training.max_steps")] = None,
    seed: Annotated[int, typer.Option(help="random seed of every step")] = 0,
) -> None:
    """Retrain from the annotations: convert → train NER → train relations → evaluate → package."""
    from .gold import GoldError
    from .train import TrainSettings, train_all

    settings = TrainSettings(gold=gold, corpus=corpus, splits=splits, config=config, relations_config=relations_config, output=output, package_dir=package_dir, folds=folds, max_steps=max_steps, seed=seed)
    for path, option in ((gold, "--gold"), (splits, "--splits"), (config, "--config"), (relations_config, "--relations-config")):
        if not path.exists():
            _fail_usage(f"{path} not found: run govie train from a project checkout, or pass {option}")
    try:
        scores = train_all(settings)
    except GoldError as error:
        _fail_usage(str(error))
    for split, split_scores in scores.items():
        records = split_scores["records"]
        typer.echo(f"{split}: all-records F1 {records['all']['f1']:.3f}, headline strict F1 {records['headline_strict']['f1']:.3f}, loose recall {records['loose_recall']:.3f}")
    typer.echo(f"wrote {package_dir}")


# ---------------------------------------------------------------------------------------------------
# govie annotate: the Label Studio round trip (govie/annotate.py)

annotate_app = typer.Typer(
    name="annotate",
    help="Annotate in Label Studio: push reports with the model's records as predictions, pull the corrected annotations into corpus/gold.",
    no_args_is_help=True,
)
app.add_typer(annotate_app, name="annotate")

_LabelStudioUrl = Annotated[str, typer.Option("--url", envvar="LABEL_STUDIO_URL", help="Label Studio's address, e.g. http://127.0.0.1:8080")]
_LabelStudioToken = Annotated[str, typer.Option("--token", envvar="LABEL_STUDIO_API_KEY", help="an API token of the Label Studio user")]


def _label_studio(url: str, token: str):
    from .annotate import connect

    try:
        return connect(url, token)
    except RuntimeError as error:  # the `annotate` extra is missing
        _fail_usage(str(error))


def _label_studio_failed(error: Exception) -> NoReturn:
    # The SDK raises ApiError for HTTP errors and httpx errors when the server cannot be reached.
    detail = getattr(error, "body", None) or error
    typer.echo(f"govie: Label Studio: {type(error).__name__}: {detail}", err=True)
    raise typer.Exit(EXIT_FAILURES)


@annotate_app.command("push")
def annotate_push(
    files: Annotated[list[Path], typer.Argument(help="report files to annotate", show_default=False, metavar="FILE", exists=True, dir_okay=False)],
    url: _LabelStudioUrl,
    token: _LabelStudioToken,
    project: Annotated[str, typer.Option(help="the project's title; created with govie's labeling config when missing")] = "govie",
) -> None:
    """Import reports as tasks with the model's records as predictions; a report already there (same sha256) is not imported again."""
    from .annotate import push

    client = _label_studio(url, token)
    try:
        summary = push(client, project, files, model_version=f"govie-{govie.__version__}")
    except Exception as error:  # noqa: BLE001 - any SDK or network failure ends the command the same way
        _label_studio_failed(error)
    state = "created" if summary.created_project else "reused"
    typer.echo(f"project {project!r} (id {summary.project_id}, {state})")
    for name, task_id, how in summary.tasks:
        typer.echo(f"  {name}: task {task_id} ({how})")
    typer.echo(f"pushed {summary.regions} regions and {summary.relations} relations as predictions")


@annotate_app.command("pull")
def annotate_pull(
    url: _LabelStudioUrl,
    token: _LabelStudioToken,
    project: Annotated[str, typer.Option(help="the project's title")] = "govie",
    gold: Annotated[Path, typer.Option(help="folder of gold TSV files; texts outside the corpus go to its sibling texts/")] = Path("corpus/gold"),
    corpus: Annotated[Path, typer.Option(envvar="GOVIE_CORPUS", help="corpus folder with reports/")] = Path("../shared/corpus"),
) -> None:
    """Write each task's latest submitted annotation as corpus/gold/<report>.tsv; pulling again changes only what changed."""
    from .annotate import PullError, pull

    client = _label_studio(url, token)
    try:
        summary = pull(client, project, gold, corpus)
    except PullError as error:
        _fail_usage(str(error))
    except Exception as error:  # noqa: BLE001
        _label_studio_failed(error)
    for name in summary.written:
        typer.echo(f"  wrote {gold / (Path(name).stem + '.tsv')}")
    for message in summary.errors:
        typer.echo(f"govie: {message}", err=True)
    typer.echo(
        f"{len(summary.written)} written, {len(summary.unchanged)} unchanged, {len(summary.skipped)} without annotation, "
        f"{len(summary.errors)} failed; {summary.records} records and {summary.relations} relations pulled"
    )
    if summary.errors:
        raise typer.Exit(EXIT_FAILURES)
