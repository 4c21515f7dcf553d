"""Extraction over many machines with Dask: a bag of report paths, partitions extracted by workers
that each load govie's pipeline once. Results come back in input order, partition by partition, so
the caller streams them to its output as with one process.

Why Dask: govie is a Python library whose unit of work is a file; a Dask bag over paths needs no
cluster setup beyond `dask scheduler` / `dask worker` (or a LocalCluster), runs the same Python
code on the workers, and its futures let the caller stream results. Workers read the paths
themselves, so the reports must be on a filesystem the workers share.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..records import Record


@dataclass
class FileResult:
    path: str
    records: list[Record] | None
    error: str | None = None


def _extract_partition(paths: list[str], report_year: int | None) -> list[tuple[str, list[dict] | None, str | None]]:
    """Runs on a worker: read and extract each file; an error is returned, not raised, so that one
    bad file does not fail its partition."""
    from govie.reading import ReportReadError, read_report
    from govie.runner.processes import extract_text

    results: list[tuple[str, list[dict] | None, str | None]] = []
    for path in paths:
        try:
            text = read_report(Path(path))
            records = extract_text(text, report_year=report_year)
        except ReportReadError as error:
            results.append((path, None, str(error)))
            continue
        except Exception as error:
            results.append((path, None, f"cannot extract from {path}: {type(error).__name__}: {error}"))
            continue
        results.append((path, [r.to_dict() for r in records], None))
    return results


def extract_files(
    paths: Sequence[Path | str],
    *,
    scheduler: str | None = None,
    n_workers: int = 2,
    partition_size: int = 4,
    report_year: int | None = None,
) -> Iterator[FileResult]:
    """Records of each file, in input order, computed on a Dask cluster: the one at `scheduler`
    (`tcp://host:8786`), else a LocalCluster of `n_workers` single-threaded processes."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - depends on the extra
        raise ImportError("the dask engine needs the `dask` extra: pip install 'govie[dask]'") from error
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        bag = db.from_sequence([str(p) for p in paths], partition_size=partition_size)
        partitions = iter(bag.map_partitions(_extract_partition, report_year).to_delayed())
        # A window of partitions in flight, submitted in input order: results stream back in order
        # and finished work never piles up on the cluster while an early partition is still running.
        window = max(2, 2 * sum(client.nthreads().values()))
        in_flight: deque = deque(client.compute(p) for p in islice(partitions, window))
        while in_flight:
            future = in_flight.popleft()
            results = future.result()
            future.release()
            following = next(partitions, None)
            if following is not None:
                in_flight.append(client.compute(following))
            for path, records, error in results:
                yield FileResult(path, [Record.from_dict(r) for r in records] if records is not None else None, error)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
