"""How often each number form of issue 14 occurs in the corpus, and how many of those numbers two
`govie extract` runs made records of: the before/after table of a change to number reading.

    govie extract ../shared/corpus/reports -o before.jsonl --n-process 2   # on the old commit
    govie extract ../shared/corpus/reports -o after.jsonl --n-process 2    # on the new one
    python benchmarks/number_forms.py before.jsonl after.jsonl [--corpus ../shared/corpus] [--examples 3]

An occurrence is found in the report text as `govie extract` reads it; it became a record when a
record of that file starts at its number (several records at one number count once). Forms:

- `百分之X`: a percentage in words (`百分之五`, `百分之六点五`, `百分之百`);
- `X多万`/`X余亿`: an approximate number before a bare or unit-bearing magnitude (`3700多万`);
- `十多个`: a Chinese numeral with 多/余 before a unit;
- `二点五`: a Chinese decimal;
- `六个百分点`: a Chinese numeral below ten before 个百分点/百分点;
- `三所` (count): a Chinese numeral below ten before a classifier (`list_count_units`);
- `壹佰`: financial numerals (two characters at least, as govie reads them);
- `一百零五`: a Chinese numeral with 〇/零 inside;
- `170个以上项目`: a classifier count with 以上 before the noun it counts.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from govie.lexicon import default_lexicon
from govie.lexicon.numbers import ARABIC_DIGITS, CHINESE_DIGITS, CHINESE_NUMBER, FINANCIAL_DIGITS, PERCENT_WORDS
from govie.reading import read_report

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def forms() -> dict[str, re.Pattern[str]]:
    """Each form as a pattern whose group `n` is the number a record would start at."""
    lexicon = default_lexicon()
    classifiers = "|".join(sorted(lexicon.cues["list_count_units"], key=len, reverse=True))
    small = "[一二两三四五六七八九]"
    # Not inside a longer numeral: `十二个`, `第三十一个` are other forms.
    alone = "(?<![〇零一二两三四五六七八九十百千万亿第])"
    return {
        "百分之X": re.compile(rf"{PERCENT_WORDS}(?P<n>{CHINESE_NUMBER}|百|{ARABIC_DIGITS})"),
        "X多万 / X余亿": re.compile(rf"(?P<n>{ARABIC_DIGITS}|{CHINESE_NUMBER})[多余](?:万亿|万|亿)"),
        "十多个 (Chinese + 多/余 + unit)": re.compile(rf"(?P<n>{CHINESE_NUMBER})[多余](?!万|亿)(?:{lexicon.unit_pattern})"),
        "二点五 (Chinese decimal)": re.compile(rf"(?P<n>[{CHINESE_DIGITS}十][{CHINESE_DIGITS}十百千万亿]*点[{CHINESE_DIGITS}]+)"),
        "六个百分点 (Chinese < 10)": re.compile(rf"{alone}(?P<n>{small})个?百分点"),
        "三所 (Chinese < 10, count)": re.compile(rf"{alone}(?P<n>{small})(?:{classifiers})(?!百分点)"),
        "壹佰 (financial)": re.compile(rf"(?P<n>[{FINANCIAL_DIGITS}拾][{FINANCIAL_DIGITS}拾佰仟万亿零〇]+)"),
        "一百零五 (〇/零 inside)": re.compile(
            r"(?P<n>[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*[百千万亿][〇零][一二三四五六七八九十百千万亿]+)"
        ),
        "170个以上 + noun": re.compile(rf"(?P<n>{ARABIC_DIGITS}|{CHINESE_NUMBER})(?:{classifiers})以上(?=[\u4e00-\u9fff])(?!的|和|及|与)"),
    }


def record_starts(path: Path) -> dict[str, set[int]]:
    starts: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                starts[Path(row["file"]).name].add(row["start"])
    return starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--examples", type=int, default=0, help="print this many occurrences per form that became records")
    args = parser.parse_args()
    before, after = record_starts(args.before), record_starts(args.after)
    patterns = forms()
    counts = {name: [0, 0, 0] for name in patterns}
    examples: dict[str, list[str]] = defaultdict(list)
    paths = sorted((args.corpus / "reports").iterdir())
    for path in paths:
        text = read_report(path)
        for name, pattern in patterns.items():
            for match in pattern.finditer(text):
                start = match.start("n")
                counts[name][0] += 1
                counts[name][1] += start in before.get(path.name, ())
                was_new = start in after.get(path.name, ()) and start not in before.get(path.name, ())
                counts[name][2] += start in after.get(path.name, ())
                if was_new and len(examples[name]) < args.examples:
                    examples[name].append(text[max(0, start - 12) : match.end() + 6].replace("\n", " "))
    print(f"{len(paths)} reports in {args.corpus / 'reports'}")
    print(f"{'form':34}{'found':>8}{'records before':>16}{'records after':>15}")
    for name, (found, was, now) in counts.items():
        print(f"{name:34}{found:8d}{was:16d}{now:15d}")
    for name, lines in examples.items():
        if not lines:
            continue
        print(f"\n{name}: new records, e.g.")
        for line in lines:
            print(f"  {line}")


if __name__ == "__main__":
    main()
