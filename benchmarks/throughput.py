"""Throughput and memory of govie over a folder of reports, with the cost of each stage as a ratio.

    python benchmarks/throughput.py [--corpus ../shared/corpus] [--limit N] [--batch-size 8]

For 1 and 2 processes it prints characters/s, reports/s and peak RSS of the shipped pipeline
(for 2 processes the sum over the parent and its workers; needs psutil, the `bench` extra).
On the same texts it also times spaCy's bare `zh` tokenizer (char segmenter), govie's
normalisation alone, and the rule pipeline: machine speed cancels out of the ratios. The ratios are
given in wall time and, for one process, in CPU time, which a machine shared with other work
disturbs much less.
Each configuration runs in a fresh Python process so that peak RSS is its own.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil  # the bench extra

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
STAGES = ("zh_tokenizer", "normalise", "rules", "shipped:1", "shipped:2")


def _texts(paths: list[Path]):
    for path in paths:
        yield path.read_text(encoding="utf8")


def run_stage(stage: str, paths: list[Path], batch_size: int) -> dict:
    """One configuration, in this process: characters, seconds, peak RSS (MB)."""
    import spacy

    import govie
    from govie.pipeline import build_rules_pipeline
    from govie.pipeline.normalize import normalize

    characters = 0

    def counted():
        nonlocal characters
        for text in _texts(paths):
            characters += len(text)
            yield text

    if stage == "zh_tokenizer":
        tokenizer = spacy.blank("zh").tokenizer
        started, cpu_started = time.perf_counter(), time.process_time()
        for text in counted():
            tokenizer(text)
    elif stage == "normalise":
        started, cpu_started = time.perf_counter(), time.process_time()
        for text in counted():
            normalize(text)
    elif stage == "rules":
        nlp = build_rules_pipeline()
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(counted(), batch_size=batch_size):
            pass
    else:
        processes = int(stage.split(":")[1])
        if processes == 1:
            govie.load()
        started, cpu_started = time.perf_counter(), time.process_time()
        with PeakMemory() as memory:
            for _ in govie.extract_many(counted(), batch_size=batch_size, n_process=processes):
                pass
        seconds = time.perf_counter() - started
        return {
            "stage": stage,
            "characters": characters,
            "reports": len(paths),
            "seconds": seconds,
            # The workers' CPU time is not this process's: only one process has a CPU figure.
            "cpu_seconds": time.process_time() - cpu_started if processes == 1 else None,
            "peak_rss_mb": max(memory.peak_mb, _own_peak_mb()),
        }
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    return {
        "stage": stage,
        "characters": characters,
        "reports": len(paths),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": _own_peak_mb(),
    }


def _own_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PeakMemory:
    """The largest sum of the resident memory of this process and its workers, sampled every 0.2 s
    (getrusage only knows the largest single child)."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            total = 0
            for process in (me, *me.children(recursive=True)):
                with contextlib.suppress(psutil.Error):
                    total += process.memory_info().rss
            self.peak_mb = max(self.peak_mb, total / 2**20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="the first N reports in name order")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = sorted((args.corpus / "reports").glob("*.txt"))[: args.limit]
    if args.stage:
        print(json.dumps(run_stage(args.stage, paths, args.batch_size)))
        return
    results = []
    for stage in STAGES:
        command = [sys.executable, __file__, "--corpus", str(args.corpus), "--batch-size", str(args.batch_size), "--stage", stage]
        if args.limit:
            command += ["--limit", str(args.limit)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"  {stage} done", file=sys.stderr)
    shipped_one = next(r for r in results if r["stage"] == "shipped:1")
    print(f"{len(paths)} reports, {results[0]['characters']:,} characters")
    print("| stage | chars/s | reports/s | peak RSS MB | time relative to the bare zh tokenizer | CPU time relative |")
    print("|---|---:|---:|---:|---:|---:|")
    base, cpu_base = results[0]["seconds"], results[0]["cpu_seconds"]
    for r in results:
        # On a machine shared with other work, wall time varies with the load; CPU time much less.
        cpu = f"{r['cpu_seconds'] / cpu_base:.2f}×" if r["cpu_seconds"] is not None else "–"
        print(
            f"| {r['stage']} | {r['characters'] / r['seconds']:,.0f} | {r['reports'] / r['seconds']:.2f} | {r['peak_rss_mb']:,.0f} | {r['seconds'] / base:.1f}× | {cpu} |"
        )
    per_core = shipped_one["characters"] / shipped_one["seconds"]
    print(f"shipped pipeline, one process: {per_core:,.0f} characters/s per core (goal 100,000)")


if __name__ == "__main__":
    main()
