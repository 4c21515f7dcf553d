"""The trained relation/role model: for every number of a Doc, whether it is a record, which indicator
it quantifies (the rules' phrase or one of the NER's INDICATOR spans), and its measure and role.

It corrects the rule assembler rather than replacing it: bound, tier, year, unit and value come from
the rules, which are near perfect on them, and the classifiers decide where the rules are weak. Each
decision is a scikit-learn logistic regression over sparse features of the number's context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from spacy.tokens import Doc

from .assemble import headline_id
from .components.extensions import LINKS_KEY, QUANTITIES_KEY, RECORDS_KEY, SECTIONS_KEY
from .context import Section
from .quantities import FINAL_EXCLUSIONS, Quantity
from .tokenizer import doc_offsets, doc_text

DECLINE = re.compile(r"(?:下降|降低|减少|回落|缩小|压减|下滑|削减|收窄)[了]?$")
PUNCTUATION = "，；、：。"


@dataclass
class Candidate:
    """A possible indicator of a number: the rules' phrase or an NER span."""

    text: str
    span: tuple[int, int] | None  # normalised offsets, None for a restored name
    source: str  # "rule" or "ner"
    features: dict[str, float | str] = field(default_factory=dict)


@dataclass
class NumberSlot:
    """One number of the Doc (a range gives two) with what the rules and the NER said about it."""

    start: int
    end: int
    quantity: Quantity
    sentence: tuple[int, int]
    section: Section | None
    rule_records: list[tuple[dict, dict]]  # (record, links) pairs the rules made at this number
    ner_value: bool
    ner_indicators: list[tuple[int, int]]


def is_vetoed(slot: "NumberSlot") -> bool:
    return slot.quantity.excluded in FINAL_EXCLUSIONS


def number_slots(doc: Doc) -> list[NumberSlot]:
    quantities: list[Quantity] = doc.user_data.get(QUANTITIES_KEY) or []
    sections: list[Section] = doc.user_data.get(SECTIONS_KEY) or []
    records = doc.user_data.get(RECORDS_KEY) or []
    links = doc.user_data.get(LINKS_KEY) or []
    by_value: dict[tuple[int, int], list[tuple[dict, dict]]] = {}
    for record, link in zip(records, links):
        by_value.setdefault(tuple(link["value_norm"]), []).append((record, link))
    ner = doc.spans["ner"] if "ner" in doc.spans else []
    ner_values = [(s.start_char, s.end_char) for s in ner if s.label_ == "VALUE"]
    ner_indicators = sorted((s.start_char, s.end_char) for s in ner if s.label_ == "INDICATOR")
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(doc_text(doc)))]
    slots = []
    sentence_index = 0
    for quantity in quantities:
        numbers = [(quantity.start, quantity.end)]
        if quantity.is_range:
            numbers.append((quantity.high_start, quantity.high_end))
        for start, end in numbers:
            while sentence_index + 1 < len(sentences) and sentences[sentence_index][1] <= start:
                sentence_index += 1
            sentence = sentences[sentence_index]
            slots.append(
                NumberSlot(
                    start=start,
                    end=end,
                    quantity=quantity,
                    sentence=sentence,
                    section=next((s for s in sections if s.start <= start < s.end), None),
                    rule_records=by_value.get((start, end), []),
                    ner_value=any(s < end and start < e for s, e in ner_values),
                    ner_indicators=[span for span in ner_indicators if sentence[0] <= span[0] and span[1] <= sentence[1]],
                )
            )
    return slots


def _char_ngrams(prefix: str, text: str, features: dict, sizes=(1, 2, 3)) -> None:
    for n in sizes:
        for i in range(len(text) - n + 1):
            features[f"{prefix}{n}={text[i:i + n]}"] = 1.0


def context_features(doc: Doc, slot: NumberSlot) -> dict[str, float | str]:
    """What surrounds the number: characters before and after, unit, section, the rules' verdict."""
    text = doc_text(doc)
    quantity = slot.quantity
    left = text[max(slot.sentence[0], slot.start - 10) : slot.start]
    right = text[quantity.mention_end : min(slot.sentence[1], quantity.mention_end + 6)]
    features: dict[str, float | str] = {
        "unit": quantity.unit or "<none>",
        "unit_class": _unit_class(quantity.unit),
        "bound": quantity.bound,
        "excluded": quantity.excluded or "<kept>",
        "section": slot.section.kind if slot.section else "<none>",
        "rule_records": min(len(slot.rule_records), 2),
        "ner_value": float(slot.ner_value),
        "is_range_high": float(slot.start != quantity.start),
        "integer": float(quantity.value.is_integer()),
        "chinese": float(not re.match(r"[-−\d]", text[slot.start : slot.start + 1])),
        "left1": left[-1:] or "<s>",
        "right1": right[:1] or "</s>",
        "yuji_before": float("预计" in text[slot.sentence[0] : slot.start]),
        "mubiao_before": float(bool(re.search(r"目标|力争|确保|计划", text[slot.sentence[0] : slot.start]))),
        "ner_indicators_before": float(sum(1 for s, _ in slot.ner_indicators if s < slot.start)),
    }
    if slot.rule_records:
        record = slot.rule_records[0][0]
        features["rule_measure"] = record["measure"]
        features["rule_role"] = record["role"]
        features["rule_has_id"] = float(record["indicator_id"] is not None)
    _char_ngrams("L", left[-6:], features)
    _char_ngrams("R", right, features, sizes=(1, 2))
    return features


def _unit_class(unit: str) -> str:
    if unit in ("%", "‰"):
        return "percent"
    if unit.endswith("百分点"):
        return "points"
    if unit.endswith("元"):
        return "money"
    if not unit:
        return "none"
    if unit == "倍":
        return "times"
    return "count" if len(unit.lstrip("万亿")) <= 1 else "measure"


def indicator_candidates(doc: Doc, slot: NumberSlot) -> list[Candidate]:
    text = doc_text(doc)
    candidates: list[Candidate] = []
    rule_span = None
    if slot.rule_records:
        record, link = slot.rule_records[0]
        rule_span = tuple(link["ind_norm"]) if link.get("ind_norm") else None
        candidates.append(Candidate(record["indicator"], rule_span, "rule"))
    # An NER span across a comma or a stop is never one indicator name.
    ner_spans = [span for span in slot.ner_indicators if not re.search(r"[，。；：,;]", text[span[0] : span[1]])]
    before = [span for span in ner_spans if span[1] <= slot.start]
    after = [span for span in ner_spans if span[0] >= slot.quantity.mention_end]
    for rank, span in enumerate(reversed(before[-3:])):
        candidates.append(Candidate(text[span[0] : span[1]], span, "ner", {"rank_before": float(rank)}))
    for span in after[:1]:
        candidates.append(Candidate(text[span[0] : span[1]], span, "ner", {"after": 1.0}))
    for candidate in candidates:
        candidate.features.update(_pair_features(text, slot, candidate, rule_span))
    return candidates


def _pair_features(text: str, slot: NumberSlot, candidate: Candidate, rule_span) -> dict[str, float | str]:
    features: dict[str, float | str] = {
        "source": candidate.source,
        "headline": float(headline_id(candidate.text) is not None),
        "rule_headline": float(bool(slot.rule_records) and slot.rule_records[0][0]["indicator_id"] is not None),
        "first_char=" + candidate.text[:1]: 1.0,
        "last_char=" + candidate.text[-1:]: 1.0,
        "last2=" + candidate.text[-2:]: 1.0,
    }
    span = candidate.span
    if span is None:
        features["restored"] = 1.0
        features["length"] = float(min(len(candidate.text), 20)) / 20
        return features
    between = text[span[1] : slot.start] if span[1] <= slot.start else text[slot.quantity.mention_end : span[0]]
    features.update(
        {
            "distance": min(len(between), 40) / 40,
            "distance_0": float(len(between) == 0),
            "between_comma": float(between.count("，") + between.count(",")),
            "between_dun": float(between.count("、")),
            "between_semicolon": float(between.count("；")),
            "between_number": float(bool(re.search(r"\d", between))),
            "between_fenbie": float("分别" in between),
            "length": float(min(span[1] - span[0], 20)) / 20,
            "same_as_rule": float(rule_span is not None and tuple(span) == tuple(rule_span)),
            "overlaps_rule": float(rule_span is not None and span[0] < rule_span[1] and rule_span[0] < span[1]),
            "inside_rule": float(rule_span is not None and rule_span[0] <= span[0] and span[1] <= rule_span[1]),
            "contains_rule": float(rule_span is not None and span[0] <= rule_span[0] and rule_span[1] <= span[1]),
        }
    )
    return features


def vectorise(vectorizer: DictVectorizer, rows: list[dict[str, float | str]]) -> csr_matrix:
    """`vectorizer.transform(rows)` for flat rows of str and float values, the same matrix: sklearn's
    transform checks the type of every value and took two thirds of the linker's time."""
    vocabulary, separator = vectorizer.vocabulary_, vectorizer.separator
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for row in rows:
        for name, value in row.items():
            if value.__class__ is str:
                index = vocabulary.get(f"{name}{separator}{value}")
                value = 1.0
            else:
                index = vocabulary.get(name)
            if index is not None and value:
                indices.append(index)
                values.append(value)
        indptr.append(len(indices))
    matrix = csr_matrix((np.asarray(values, dtype=vectorizer.dtype), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)), shape=(len(rows), len(vocabulary)))
    matrix.sum_duplicates()
    return matrix


def predict_proba(model: Pipeline, rows: list[dict[str, float | str]]) -> np.ndarray:
    vectorizer, classifier = model[0], model[-1]
    return classifier.predict_proba(vectorise(vectorizer, rows))


def predict(model: Pipeline, rows: list[dict[str, float | str]]) -> np.ndarray:
    vectorizer, classifier = model[0], model[-1]
    return classifier.predict(vectorise(vectorizer, rows))


def _new_model(c: float = 1.0, max_iter: int = 2000, seed: int = 0) -> Pipeline:
    return make_pipeline(DictVectorizer(), LogisticRegression(C=c, max_iter=max_iter, random_state=seed))


@dataclass
class LinkerModel:
    keep: Pipeline
    indicator: Pipeline
    measure: Pipeline
    role: Pipeline
    keep_threshold: float = 0.5

    @classmethod
    def untrained(cls, c: float = 1.0, max_iter: int = 2000, seed: int = 0) -> "LinkerModel":
        return cls(*(_new_model(c, max_iter, seed) for _ in range(4)))

    def apply(self, doc: Doc) -> None:
        apply_linker(doc, self)

    def fit(self, examples: Iterable["LinkerExample"]) -> dict[str, int]:
        keep_x, keep_y, ind_x, ind_y, att_x, measure_y, role_y = [], [], [], [], [], [], []
        for example in examples:
            keep_x.append(example.features)
            keep_y.append(int(example.gold is not None))
            if example.gold is None:
                continue
            att_x.append(example.features)
            measure_y.append(example.gold["measure"])
            role_y.append(example.gold["role"])
            for candidate, is_right in example.candidates:
                ind_x.append(candidate.features)
                ind_y.append(int(is_right))
        self.keep.fit(keep_x, keep_y)
        if len(set(ind_y)) > 1:
            self.indicator.fit(ind_x, ind_y)
        self.measure.fit(att_x, measure_y)
        self.role.fit(att_x, role_y)
        return {"numbers": len(keep_y), "records": len(att_x), "indicator_pairs": len(ind_y)}


@dataclass
class LinkerExample:
    features: dict
    candidates: list[tuple[Candidate, bool]]
    gold: dict | None  # the gold record fields at this number, None when it is no record


def apply_linker(doc: Doc, model: LinkerModel) -> None:
    """Rewrite the rules' records of `doc` with the model's decisions."""
    offsets = doc_offsets(doc)
    slots = [slot for slot in number_slots(doc) if not is_vetoed(slot)]
    records: list[dict] = []
    links: list[dict] = []
    if not slots:
        return
    feature_rows = [context_features(doc, slot) for slot in slots]
    keep_probability = predict_proba(model.keep, feature_rows)[:, 1]
    measures = predict(model.measure, feature_rows)
    roles = predict(model.role, feature_rows)
    kept = [i for i, keep in enumerate(keep_probability) if keep >= model.keep_threshold]
    candidate_lists = {i: indicator_candidates(doc, slots[i]) for i in kept}
    # One vectorisation for all candidates of the Doc: per-number calls cost more than the model.
    flat = [c for i in kept for c in candidate_lists[i]]
    flat_scores = iter(predict_proba(model.indicator, [c.features for c in flat])[:, 1] if flat and hasattr(model.indicator, "classes_") else [])
    candidate_scores = {i: [next(flat_scores, 0.0) for _ in candidate_lists[i]] for i in kept}
    for i in kept:
        slot, measure, role = slots[i], measures[i], roles[i]
        candidates = candidate_lists[i]
        if not candidates:
            continue
        if len(slot.rule_records) > 1:
            # 均/分别 lists: the rules' one-number-several-indicators restoration stands.
            for record, link in slot.rule_records:
                records.append({**record, "measure": str(measure), "role": str(role)})
                links.append(link)
            continue
        scores = candidate_scores[i] if hasattr(model.indicator, "classes_") else [1.0] + [0.0] * (len(candidates) - 1)
        best = max(range(len(candidates)), key=lambda k: scores[k])
        chosen = candidates[best]
        base, link = slot.rule_records[0] if slot.rule_records else (None, None)
        record = dict(base) if base else _record_from_slot(doc, slot, offsets)
        if chosen.source == "ner" or base is None:
            record["indicator"] = chosen.text
            record["indicator_id"] = headline_id(chosen.text)
        record["measure"] = str(measure)
        record["role"] = str(role)
        record["value"] = _signed(doc_text(doc), slot, record["value"], str(measure))
        if role != "target":
            record["tier"] = None
        new_link = dict(link) if link else {"unit_start": None, "unit_end": None, "value_norm": [slot.start, slot.end]}
        if chosen.span is not None:
            new_link["ind_norm"] = list(chosen.span)
            new_link["ind_start"], new_link["ind_end"] = offsets[chosen.span[0]], offsets[chosen.span[1] - 1] + 1
        elif chosen.source == "ner" or base is None:
            new_link.update({"ind_norm": None, "ind_start": None, "ind_end": None})
        records.append(record)
        links.append(new_link)
    doc.user_data[RECORDS_KEY] = records
    doc.user_data[LINKS_KEY] = links


def _signed(text: str, slot: NumberSlot, value: float, measure: str) -> float:
    magnitude = abs(value)
    if measure in ("growth", "change") and (value < 0 or DECLINE.search(text[max(slot.sentence[0], slot.start - 6) : slot.start])):
        return -magnitude
    return magnitude


def _record_from_slot(doc: Doc, slot: NumberSlot, offsets) -> dict:
    quantity = slot.quantity
    value = quantity.high_value if slot.start != quantity.start else quantity.value
    bound = quantity.bound if not quantity.is_range else ("max" if slot.start != quantity.start else "min")
    section_year = slot.section.year if slot.section else None
    sentence = doc_text(doc)[slot.sentence[0] : slot.sentence[1]].strip()
    return {
        "indicator": "",
        "indicator_id": None,
        "value": float(value),
        "unit": quantity.unit,
        "measure": "level",
        "role": "actual",
        "bound": bound,
        "tier": None,
        "year": section_year,
        "start": offsets[slot.start],
        "end": offsets[slot.end - 1] + 1,
        "evidence": sentence,
    }


class NerHeuristicLinker:
    """Rules + NER without a trained model (the ablation's middle row): a number the NER does not
    tag as a VALUE is dropped, and the nearest INDICATOR span before a value in its clause replaces
    the rules' phrase when the two do not overlap."""

    keep_threshold = 0.5

    def apply(self, doc: Doc) -> None:
        offsets = doc_offsets(doc)
        records, links = [], []
        for slot in number_slots(doc):
            if not slot.ner_value:
                continue
            for record, link in slot.rule_records:
                record, link = dict(record), dict(link)
                clause_start = max(doc_text(doc).rfind(ch, slot.sentence[0], slot.start) for ch in "，；：。") + 1
                before = [span for span in slot.ner_indicators if clause_start <= span[0] and span[1] <= slot.start]
                rule_span = link.get("ind_norm")
                if before and len(slot.rule_records) == 1:
                    span = before[-1]
                    if rule_span is None or not (span[0] < rule_span[1] and rule_span[0] < span[1]):
                        record["indicator"] = doc_text(doc)[span[0] : span[1]]
                        record["indicator_id"] = headline_id(record["indicator"])
                        link.update({"ind_norm": list(span), "ind_start": offsets[span[0]], "ind_end": offsets[span[1] - 1] + 1})
                records.append(record)
                links.append(link)
        doc.user_data[RECORDS_KEY] = records
        doc.user_data[LINKS_KEY] = links
