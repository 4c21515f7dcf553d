"""Metamorphic invariance of govie's records over the gold reports (issue 14, point 2).

    python benchmarks/metamorphic.py [--limit N] [--transform NAME ...] [--split dev] [--show 5] [--n-process 2]

Each gold report is transformed as real copies show it (govie.testing.metamorphic: traditional
characters, pinyin glosses, full-width digits, CRLF and escaped line ends, PDF line wrapping, HTML,
list marks, inline notes, page chrome, watermarks, loss markers, and two combined variants; on request
also paragraphs run into one line, `--transform run_in`, not yet held to 99%). A record
of the original is matched when the variant has a record with the same fields (indicator_id, value,
unit, measure, role, bound, tier, year, period) at the same number, its offsets moved to the variant.
The rate per transformation is matched / (matched + lost + added).

Records are govie's own on the original text (not the gold rows): invariance is about the reading
staying the same, right or wrong. `--show` prints lost and added records of train and dev reports
only: the test splits are measured, never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from govie.api import extract_many  # noqa: E402
from govie.gold import DEFAULT_CORPUS, load_gold  # noqa: E402
from govie.testing.metamorphic import COMBINED, HARDER, TRANSFORMS, check_invariance, variant  # noqa: E402

READABLE_SPLITS = ("train", "dev")


def _splits(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf8"))
    return {file: split for split, files in data.items() if isinstance(files, list) for file in files}


def _describe(record, text: str) -> str:
    context = text[max(0, record.start - 18) : record.end + 6].replace("\n", "⏎").replace("\r", "␍")
    return f"{record.indicator_id} {record.value:g}{record.unit} {record.measure}/{record.role}/{record.bound}/{record.year}/{record.period} @{record.start} «{context}»"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = [*TRANSFORMS, *COMBINED]
    parser.add_argument("--transform", nargs="+", choices=[*names, *HARDER], default=names, help=f"default: all but {', '.join(HARDER)}")
    parser.add_argument("--limit", type=int, default=None, help="first N gold reports (sorted by name)")
    parser.add_argument("--split", nargs="+", default=None, help="only gold reports of these splits")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print up to N lost/added records per transformation (train/dev only)")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--gold", type=Path, default=REPO_ROOT / "corpus" / "gold")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.is_absolute() else REPO_ROOT / DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, default=None, help="also write the table as JSON")
    args = parser.parse_args()

    split_of = _splits(REPO_ROOT / "corpus" / "splits.json")
    documents = [
        (doc, text) for doc, text in load_gold(args.gold, args.corpus) if args.split is None or split_of.get(doc.file) in args.split
    ]
    documents = documents[: args.limit] if args.limit else documents
    texts = [text for _, text in documents]
    started = time.perf_counter()
    originals = list(extract_many(texts, n_process=args.n_process))
    print(
        f"{len(documents)} gold reports, {sum(len(t) for t in texts):,} characters, {sum(map(len, originals)):,} records of the originals"
    )

    rows = []
    print(f"{'transformation':<20}{'records':>9}{'matched':>9}{'lost':>7}{'added':>7}{'rate':>9}{'docs=':>7}")
    for name in args.transform:
        variants = [variant(text, name, seed=args.seed, report_year=doc.report_year) for doc, text in documents]
        outputs = list(extract_many((v.text for v in variants), n_process=args.n_process))
        matched = lost = added = identical_docs = 0
        shown = 0
        for (doc, _), original, transformed, records in zip(documents, originals, variants, outputs):
            result = check_invariance(original, transformed, records)
            matched += result.matched
            lost += len(result.lost)
            added += len(result.added)
            identical_docs += not (result.lost or result.added)
            if shown < args.show and split_of.get(doc.file) in READABLE_SPLITS and (result.lost or result.added):
                for record in result.lost[:3]:
                    print(f"    - {doc.file}: {_describe(record, documents[[d for d, _ in documents].index(doc)][1])}")
                for record in result.added[:3]:
                    print(f"    + {doc.file}: {_describe(record, transformed.text)}")
                shown += 1
        total = matched + lost + added
        rate = matched / total if total else 1.0
        rows.append(
            {
                "transform": name,
                "records": sum(map(len, originals)),
                "matched": matched,
                "lost": lost,
                "added": added,
                "rate": rate,
                "identical_docs": identical_docs,
            }
        )
        print(
            f"{name:<20}{sum(map(len, originals)):>9}{matched:>9}{lost:>7}{added:>7}{rate:>9.2%}{identical_docs:>4}/{len(documents)}",
            flush=True,
        )
    print(f"{time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf8")


if __name__ == "__main__":
    main()
