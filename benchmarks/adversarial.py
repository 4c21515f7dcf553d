"""Time and memory of `govie.extract` against input length, for the shapes of input that once made
it slow: one long line without punctuation, dense numbers, mixed scripts with surrogates and
zero-width characters, and real reports joined into one text. Cost should grow linearly.

    python benchmarks/adversarial.py [--sizes 10000 100000 1000000] [--shapes ...]

Each (shape, size) runs in a fresh Python process, so that peak RSS is its own. The last column
is the time ratio to the next smaller size (10 means linear for sizes ten times apart).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SHAPES = ("unpunctuated", "dense_numbers", "mixed_scripts", "joined_reports")
WORDS = [
    "地区生产总值",
    "增长",
    "规模以上工业增加值",
    "新建",
    "项目",
    "达到",
    "亿元",
    "城镇新增就业",
    "万人",
    "完成",
    "投资",
    "力争",
    "以上",
    "比上年",
]


def make_text(shape: str, size: int, corpus: Path, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        if shape == "unpunctuated":
            piece = rng.choice(WORDS) + (f"{rng.randint(1, 9999)}.{rng.randint(0, 9)}" if rng.random() < 0.3 else "")
        elif shape == "dense_numbers":
            piece = f"{rng.choice(WORDS)}{rng.randint(1, 99999)}{rng.choice(['%', '亿元', '个', '万人', ''])}、"
        elif shape == "mixed_scripts":
            piece = (
                rng.choice(WORDS)
                + rng.choice(["\ud800", "\u200b", "abc", "١٢٣", "增长６．５％", "\U00020000", "\ufeff", "12\u200b3"])
                + str(rng.randint(0, 999))
            )
        else:
            reports = sorted((corpus / "reports").glob("*.txt"))
            piece = rng.choice(reports).read_text(encoding="utf8") + "\n"
        parts.append(piece)
        length += len(piece)
    return "".join(parts)[:size]


def run_one(shape: str, size: int, corpus: Path) -> dict:
    import govie

    govie.load()
    text = make_text(shape, size, corpus)
    started = time.perf_counter()
    records = govie.extract(text)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"shape": shape, "chars": len(text), "seconds": round(seconds, 2), "peak_mb": round(peak), "records": len(records)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.corpus)))
        return
    print("| shape | characters | seconds | peak RSS MB | records | time ratio to the size before |")
    print("|---|---:|---:|---:|---:|---:|")
    for shape in args.shapes:
        previous = None
        for size in args.sizes:
            output = subprocess.run(
                [sys.executable, __file__, "--corpus", str(args.corpus), "--one", shape, str(size)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            row = json.loads(output.strip().splitlines()[-1])
            ratio = f"{row['seconds'] / previous:.1f}" if previous else ""
            print(f"| {shape} | {row['chars']:,} | {row['seconds']} | {row['peak_mb']} | {row['records']} | {ratio} |", flush=True)
            previous = max(row["seconds"], 1e-3)


if __name__ == "__main__":
    main()
