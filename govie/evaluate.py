"""Scoring a pipeline against the gold corpus: spans, relations, records (RECORDS.md), attributes."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .gold import DEFAULT_CORPUS, DEFAULT_GOLD, GoldDocument, GoldError, load_gold
from .pipeline.state import RecordSpans
from .records import Record

SPLITS_FILE = Path("corpus/splits.json")
SPAN_LABELS = ("VALUE", "UNIT", "INDICATOR")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Counter, predicted: Counter) -> None:
        common = sum((gold & predicted).values())
        self.tp += common
        self.fp += sum(predicted.values()) - common
        self.fn += sum(gold.values()) - common

    def to_dict(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"acc": round(self.value, 4), "right": self.right, "n": self.total}


@dataclass
class ErrorItem:
    file: str
    kind: str  # "miss" or "extra"
    error_type: str
    record: Record
    other: Record | None = None

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "type": self.error_type,
            "record": self.record.to_dict(),
            "other": self.other.to_dict() if self.other else None,
        }


@dataclass
class Scores:
    documents: int = 0
    spans: dict[str, PRF] = field(default_factory=lambda: {label: PRF() for label in SPAN_LABELS})
    relations: PRF = field(default_factory=PRF)
    headline_strict: PRF = field(default_factory=PRF)
    all_records: PRF = field(default_factory=PRF)
    loose_value_unit: PRF = field(default_factory=PRF)
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {name: Accuracy() for name in ATTRIBUTES})
    errors: list[ErrorItem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "spans": {label: prf.to_dict() for label, prf in self.spans.items()},
            "relations": self.relations.to_dict(),
            "records": {
                "headline_strict": self.headline_strict.to_dict(),
                "all": self.all_records.to_dict(),
                "loose_recall": round(self.loose_value_unit.recall, 4),
            },
            "attributes": {name: acc.to_dict() for name, acc in self.attributes.items()},
            "error_types": dict(self.error_types().most_common()),
        }

    def error_types(self) -> Counter:
        return Counter(f"{e.kind}: {e.error_type}" for e in self.errors)


def split_files(split: str, splits_file: Path = SPLITS_FILE) -> list[str]:
    """The report files of a split of `splits_file` (train, dev, test, test_county), or of all of them."""
    splits = json.loads(Path(splits_file).read_text(encoding="utf8"))
    names = [name for name, files in splits.items() if isinstance(files, list)]
    if split == "all":
        return sorted(f for name in names for f in splits[name])
    if split not in names:
        raise GoldError(f"unknown split {split!r}; {splits_file} has {', '.join(names)} (or use all)")
    return list(splits[split])


def char_f1(a: str, b: str) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def similar_indicator(gold: str, predicted: str) -> bool:
    return bool(gold and predicted) and (gold in predicted or predicted in gold or char_f1(gold, predicted) >= 0.5)


# Scored on records that match but for these (so that a wrong period shows here and in the F1).
ATTRIBUTES = ("bound", "tier", "year", "period", "year_start")


def _same_statement(gold: Record, predicted: Record, *, period: bool = True) -> bool:
    """The contract's same statement: indicator, value, unit, measure, role and period agree."""
    return (
        abs(gold.value - predicted.value) < 1e-9
        and gold.unit == predicted.unit
        and gold.measure == predicted.measure
        and gold.role == predicted.role
        and (not period or gold.period == predicted.period)
        and similar_indicator(gold.indicator, predicted.indicator)
    )


def match_records(gold: Sequence[Record], predicted: Sequence[Record], *, period: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs of the same statement (`period=False`: whatever their periods); a pair at
    the same offsets is preferred."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for same_place in (True, False):
        for gi, g in enumerate(gold):
            if any(gi == p[0] for p in pairs):
                continue
            for pi, p in enumerate(predicted):
                if pi in used or (same_place and (p.start, p.end) != (g.start, g.end)):
                    continue
                if _same_statement(g, p, period=period):
                    pairs.append((gi, pi))
                    used.add(pi)
                    break
    return pairs


def _error_type(gold: Record, candidate: Record | None) -> str:
    if candidate is None:
        return "no record at this number"
    for name in ("value", "unit", "measure", "role", "period"):
        if getattr(gold, name) != getattr(candidate, name):
            if name == "value" and abs(gold.value + candidate.value) < 1e-9:
                return "value sign"
            return f"wrong {name}"
    return "indicator differs"


def score_document(
    scores: Scores, document: GoldDocument, text: str, gold: list[Record], predicted: list[Record], spans: list[RecordSpans]
) -> None:
    scores.documents += 1
    gold_rows = [row for row in document.rows if row.is_record]
    # Spans and relations, in original offsets.
    gold_spans = {label: Counter() for label in SPAN_LABELS}
    predicted_spans = {label: Counter() for label in SPAN_LABELS}
    gold_relations: Counter = Counter()
    predicted_relations: Counter = Counter()
    for row in gold_rows:
        gold_spans["VALUE"][(row.start, row.end)] = 1
        if row.unit_span():
            gold_spans["UNIT"][row.unit_span()] = 1
        if row.indicator_span():
            gold_spans["INDICATOR"][row.indicator_span()] = 1
            gold_relations[((row.start, row.end), row.indicator_span())] = 1
    for record, record_spans in zip(predicted, spans):
        predicted_spans["VALUE"][(record.start, record.end)] = 1
        if record_spans.unit is not None:
            predicted_spans["UNIT"][record_spans.unit] = 1
        if record_spans.indicator is not None:
            predicted_spans["INDICATOR"][record_spans.indicator] = 1
            predicted_relations[((record.start, record.end), record_spans.indicator)] = 1
    for label in SPAN_LABELS:
        scores.spans[label].add(gold_spans[label], predicted_spans[label])
    scores.relations.add(gold_relations, predicted_relations)
    # Records.
    headline_key = lambda r: (r.indicator_id, round(r.value, 9), r.unit, r.measure, r.role, r.period)
    scores.headline_strict.add(
        Counter(headline_key(r) for r in gold if r.indicator_id), Counter(headline_key(r) for r in predicted if r.indicator_id)
    )
    loose_key = lambda r: (round(r.value, 9), r.unit)
    scores.loose_value_unit.add(Counter(loose_key(r) for r in gold), Counter(loose_key(r) for r in predicted))
    pairs = match_records(gold, predicted)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    scores.all_records.tp += len(pairs)
    scores.all_records.fn += len(gold) - len(pairs)
    scores.all_records.fp += len(predicted) - len(pairs)
    for gi, pi in match_records(gold, predicted, period=False):
        g, p = gold[gi], predicted[pi]
        for name in ATTRIBUTES:
            scores.attributes[name].total += 1
            scores.attributes[name].right += getattr(g, name) == getattr(p, name)
    by_place = {}
    for pi, p in enumerate(predicted):
        by_place.setdefault((p.start, p.end), []).append(pi)
    gold_places = {(g.start, g.end) for g in gold}
    for gi, g in enumerate(gold):
        if gi in matched_gold:
            continue
        candidates = [predicted[pi] for pi in by_place.get((g.start, g.end), []) if pi not in matched_pred]
        candidate = candidates[0] if candidates else None
        scores.errors.append(ErrorItem(document.file, "miss", _error_type(g, candidate), _with_evidence(g, text), candidate))
    excluded = {(row.start, row.end): row.reason for row in document.rows if not row.is_record}
    for pi, p in enumerate(predicted):
        if pi in matched_pred or (p.start, p.end) in gold_places:
            continue
        reason = excluded.get((p.start, p.end))
        kind = f"gold left it out ({reason})" if reason else "number not in gold"
        scores.errors.append(ErrorItem(document.file, "extra", kind, p))


def _with_evidence(record: Record, text: str) -> Record:
    if record.evidence:
        return record
    start = max(text.rfind(ch, 0, record.start) for ch in "。\n；") + 1
    ends = [i for i in (text.find(ch, record.end) for ch in "。\n；") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    record.evidence = text[start:end].strip()
    return record


def evaluate(
    nlp: Language,
    files: Iterable[str] | None = None,
    gold_dir: Path = DEFAULT_GOLD,
    corpus: Path = DEFAULT_CORPUS,
) -> Scores:
    scores = Scores()
    for document, text in load_gold(gold_dir, corpus, files):
        doc = nlp.make_doc(text)
        if document.report_year is not None:
            doc._.report_year = document.report_year
        doc = nlp(doc)
        score_document(scores, document, text, document.records(), list(doc._.records), list(doc._.record_spans))
    return scores


def format_table(scores: Scores, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"documents: {scores.documents}")
    lines.append(f"{'':26}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}")

    def row(name: str, prf: PRF) -> str:
        return f"{name:26}{prf.precision:8.3f}{prf.recall:8.3f}{prf.f1:8.3f}{prf.tp + prf.fn:8d}{prf.tp + prf.fp:8d}"

    for label, prf in scores.spans.items():
        lines.append(row(f"span {label}", prf))
    lines.append(row("relation VALUE-INDICATOR", scores.relations))
    lines.append(row("records headline strict", scores.headline_strict))
    lines.append(row("records all", scores.all_records))
    lines.append(f"{'records loose recall':26}{'':8}{scores.loose_value_unit.recall:8.3f}")
    for name, acc in scores.attributes.items():
        lines.append(f"{'accuracy ' + name:26}{acc.value:8.3f}  (on {acc.total} matched records)")
    lines.append("most frequent errors:")
    for kind, count in scores.error_types().most_common(10):
        lines.append(f"  {count:5d}  {kind}")
    return "\n".join(lines)


def _fields(r: Record) -> str:
    year_start = r.year_start if r.year_start is not None else ""
    return f"{r.indicator}|{r.indicator_id or ''}|{r.value:g}|{r.unit}|{r.measure}|{r.role}|{r.bound}|{r.tier or ''}|{r.year or ''}|{r.period}|{year_start}"


def format_errors(scores: Scores) -> str:
    lines = []
    for e in scores.errors:
        r = e.record
        other = f"\n      predicted: {_fields(e.other)}" if e.other is not None else ""
        lines.append(
            f"{e.kind.upper():5} {e.error_type} {e.file}:{r.start}-{r.end}\n      {'gold' if e.kind == 'miss' else 'predicted'}: {_fields(r)}{other}\n      evidence: {r.evidence[:160]}"
        )
    return "\n".join(lines)
