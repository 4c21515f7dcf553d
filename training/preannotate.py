"""Pre-annotate reports with the rule pipeline: a gold TSV per report listing every number, the
rules' records and their exclusions, for annotators to correct (corpus/GUIDELINE.md).

    python training/preannotate.py FILE... [--gold corpus/gold] [--force]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import govie
from govie.components.extensions import LINKS_KEY, QUANTITIES_KEY
from govie.gold import NUMBER_RE, GoldDocument, GoldRow, sha256_text, write_gold
from govie.tokenizer import doc_offsets


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _opt(value) -> str:
    return "" if value is None else str(value)


def preannotate(text: str, file_name: str) -> GoldDocument:
    nlp = govie.load()
    nlp.get_pipe("govie_records").keep_intermediate = True
    try:
        doc = nlp(text)
    finally:
        nlp.get_pipe("govie_records").keep_intermediate = False
    offsets = doc_offsets(doc)
    rows: list[GoldRow] = []
    for record, links in zip(doc._.records, doc.user_data[LINKS_KEY]):
        rows.append(
            GoldRow(
                start=record.start,
                end=record.end,
                number=text[record.start : record.end],
                decision="R",
                indicator=record.indicator,
                indicator_id=record.indicator_id or "",
                value=_fmt(record.value),
                unit=record.unit,
                measure=record.measure,
                role=record.role,
                bound=record.bound,
                tier=record.tier or "",
                year=_opt(record.year),
                ind_start=_opt(links["ind_start"]),
                ind_end=_opt(links["ind_end"]),
                unit_start=_opt(links["unit_start"]),
                unit_end=_opt(links["unit_end"]),
            )
        )
    covered = [(r.start, r.end) for r in rows]
    for quantity in doc.user_data[QUANTITIES_KEY]:
        start, end = offsets[quantity.start], offsets[quantity.number_end - 1] + 1
        if any(s < end and start < e for s, e in covered) or not NUMBER_RE.search(text, start, end):
            # Chinese numerals that make no record (第一, 三项) are not listed (GUIDELINE.md).
            continue
        reason, note = (quantity.excluded, "") if quantity.excluded else ("other", "check: rules made no record")
        rows.append(GoldRow(start=start, end=end, number=text[start:end], decision="X", reason=reason, note=note))
        covered.append((start, end))
    for match in NUMBER_RE.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in covered):
            reason = "not body" if _outside_body(offsets, match.start()) else "other"
            rows.append(GoldRow(start=match.start(), end=match.end(), number=match.group(), decision="X", reason=reason, note="" if reason == "not body" else "check"))
    rows.sort(key=lambda r: (r.start, r.end))
    return GoldDocument(file=file_name, sha256=sha256_text(text), report_year=doc._.report_year, rows=rows, meta={"status": "preannotated"})


def _outside_body(offsets, original_position: int) -> bool:
    """True when normalisation dropped this character (front matter, chrome, markup)."""
    import bisect

    index = bisect.bisect_left(offsets, original_position)
    return index >= len(offsets) - 1 or offsets[index] != original_position


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--gold", type=Path, default=Path("corpus/gold"))
    parser.add_argument("--force", action="store_true", help="overwrite an existing gold file")
    args = parser.parse_args()
    args.gold.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        target = args.gold / (path.stem + ".tsv")
        if target.exists() and not args.force:
            print(f"skip {target}: exists (use --force to overwrite)")
            continue
        text = path.read_text(encoding="utf8")
        document = preannotate(text, path.name)
        write_gold(document, target)
        records = sum(r.is_record for r in document.rows)
        print(f"{target}: {len(document.rows)} rows, {records} records")


if __name__ == "__main__":
    main()
