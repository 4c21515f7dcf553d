"""`govie_relations`: the trained relation/role model. For every number of a Doc it decides whether
it is a record, which indicator it quantifies (the assembler's phrase or one of the NER's INDICATOR
entities), and its measure and role.

It corrects the assembler rather than replacing it: bound, tier, year, unit and value come from the
rules, which are near perfect on them, and the model decides where the rules are weak. Each decision
is a logistic regression over sparse features of the number's context: `keep` (a record or not),
`measure` and `role` share one feature vocabulary, `indicator` scores the candidates of a number.
Training uses scikit-learn; the component keeps only what prediction needs, as numbers (weights,
vocabularies, classes) serialised with srsly: loading a model folder runs no code, and the model
works with any scikit-learn version.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import srsly
from scipy.sparse import csr_matrix
from scipy.special import expit
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .assembler import MILESTONE_WORDS, NOT_SUMMED_UNITS, name_county_own_figures, sum_totals_by_size
from .context import Section
from .quantities import FINAL_EXCLUSIONS, Quantity
from .state import Draft, doc_state, publish
from .tokenizer import pipeline_lexicon

Features = dict[str, float | str]


@dataclass
class Candidate:
    """A possible indicator of a number: the assembler's phrase or an NER entity."""

    text: str
    span: tuple[int, int] | None  # Doc offsets, None for a restored name
    source: str  # "rule" or "ner"
    features: Features = field(default_factory=dict)


@dataclass
class NumberSlot:
    """One number of the Doc (a range gives two) with what the rules and the NER said about it."""

    start: int
    end: int
    quantity: Quantity
    sentence: tuple[int, int]
    section: Section | None
    rule_drafts: list[Draft]  # the drafts the assembler made at this number
    ner_value: bool
    ner_indicators: list[tuple[int, int]]  # INDICATOR entities of the sentence
    ner_names: list[tuple[int, int]]  # those that do not cross a comma or a stop nor say `台阶`: candidate names

    @property
    def vetoed(self) -> bool:
        """Excluded by a rule the model does not overturn."""
        return self.quantity.excluded in FINAL_EXCLUSIONS


def number_slots(doc: Doc) -> list[NumberSlot]:
    """The numbers of the Doc with what the rules and the NER said about them. Entities are looked
    up by bisection and per sentence, so that the cost grows with the text, not with its square."""
    state = doc_state(doc)
    by_value: dict[tuple[int, int], list[Draft]] = {}
    for draft in state.drafts:
        by_value.setdefault((draft.start, draft.end), []).append(draft)
    ner_values = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ == "VALUE")
    value_starts = [start for start, _ in ner_values]
    ner_indicators = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ == "INDICATOR")
    indicator_starts = [start for start, _ in ner_indicators]
    sentences = state.doc_sentences or [(0, len(state.text))]
    in_sentence: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    slots = []
    sentence_index = 0
    for quantity in state.quantities:
        numbers = [(quantity.start, quantity.end)]
        if quantity.is_range:
            numbers.append((quantity.high_start, quantity.high_end))
        for start, end in numbers:
            while sentence_index + 1 < len(sentences) and sentences[sentence_index][1] <= start:
                sentence_index += 1
            sentence = sentences[sentence_index]
            if sentence not in in_sentence:
                first = bisect.bisect_left(indicator_starts, sentence[0])
                last = bisect.bisect_left(indicator_starts, sentence[1])
                spans = [span for span in ner_indicators[first:last] if span[1] <= sentence[1]]
                in_sentence[sentence] = (
                    spans,
                    [
                        span
                        for span in spans
                        if not NAME_BREAK.search(state.text, span[0], span[1]) and state.text[span[0] : span[1]] not in MILESTONE_WORDS
                    ],
                )
            indicators, names = in_sentence[sentence]
            # Entities do not overlap: only the last one starting before the number's end can overlap it.
            before_end = bisect.bisect_left(value_starts, end)
            slots.append(
                NumberSlot(
                    start=start,
                    end=end,
                    quantity=quantity,
                    sentence=sentence,
                    section=next((s for s in state.sections if s.start <= start < s.end), None),
                    rule_drafts=by_value.get((start, end), []),
                    ner_value=before_end > 0 and ner_values[before_end - 1][1] > start,
                    ner_indicators=indicators,
                    ner_names=names,
                )
            )
    return slots


# An NER entity across a comma or a stop is never one indicator name.
NAME_BREAK = re.compile(r"[，。；：,;]")


def _char_ngrams(prefix: str, text: str, features: Features, sizes: Sequence[int] = (1, 2, 3)) -> None:
    for n in sizes:
        for i in range(len(text) - n + 1):
            features[f"{prefix}{n}={text[i : i + n]}"] = 1.0


class FeatureExtractor:
    """The features of numbers and of their indicator candidates, with one lexicon's words."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.rate_units = frozenset(lexicon.cues["rate_units"])
        self.point_units = frozenset(lexicon.cues["point_units"])

    def context(self, text: str, slot: NumberSlot) -> Features:
        """What surrounds the number: characters before and after, unit, section, the rules' verdict."""
        quantity = slot.quantity
        # Before the mention, which begins before the number when its unit is written first (`百分之五`).
        mention = quantity.mention_start if slot.start == quantity.start else slot.start
        left = text[max(slot.sentence[0], mention - 10) : mention]
        right = text[quantity.mention_end : min(slot.sentence[1], quantity.mention_end + 6)]
        features: Features = {
            "unit": quantity.unit or "<none>",
            "unit_class": self.unit_class(quantity.unit),
            "bound": quantity.bound,
            "excluded": quantity.excluded or "<kept>",
            "section": slot.section.kind if slot.section else "<none>",
            "rule_records": min(len(slot.rule_drafts), 2),
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
        if slot.rule_drafts:
            draft = slot.rule_drafts[0]
            features["rule_measure"] = draft.measure
            features["rule_role"] = draft.role
            features["rule_has_id"] = float(draft.indicator_id is not None)
            features["rule_period"] = draft.period
        _char_ngrams("L", left[-6:], features)
        _char_ngrams("R", right, features, sizes=(1, 2))
        return features

    def unit_class(self, unit: str) -> str:
        if unit in self.rate_units:
            return "percent"
        if unit in self.point_units:
            return "points"
        if unit.endswith("元"):
            return "money"
        if not unit:
            return "none"
        if unit == "倍":
            return "times"
        return "count" if len(unit.lstrip("万亿")) <= 1 else "measure"

    def candidates(self, text: str, slot: NumberSlot) -> list[Candidate]:
        candidates: list[Candidate] = []
        rule_span = None
        if slot.rule_drafts:
            draft = slot.rule_drafts[0]
            rule_span = (draft.indicator_start, draft.indicator_end) if draft.indicator_start is not None else None
            candidates.append(Candidate(draft.indicator, rule_span, "rule"))
        before = [span for span in slot.ner_names if span[1] <= slot.start]
        after = [span for span in slot.ner_names if span[0] >= slot.quantity.mention_end]
        for rank, span in enumerate(reversed(before[-3:])):
            candidates.append(Candidate(text[span[0] : span[1]], span, "ner", {"rank_before": float(rank)}))
        for span in after[:1]:
            candidates.append(Candidate(text[span[0] : span[1]], span, "ner", {"after": 1.0}))
        for candidate in candidates:
            candidate.features.update(self._pair(text, slot, candidate, rule_span))
        return candidates

    def _pair(self, text: str, slot: NumberSlot, candidate: Candidate, rule_span: tuple[int, int] | None) -> Features:
        features: Features = {
            "source": candidate.source,
            "headline": float(self.lexicon.headline_id(candidate.text) is not None),
            "rule_headline": float(bool(slot.rule_drafts) and slot.rule_drafts[0].indicator_id is not None),
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


# ---------------------------------------------------------------------------------------------------
# The model: linear heads over a shared feature vocabulary, as plain numbers


@dataclass
class FeatureVocabulary:
    """Feature names to columns, as scikit-learn's DictVectorizer names them (`name=value` for a string)."""

    columns: dict[str, int]
    separator: str = "="

    def vectorise(self, rows: Sequence[Features]) -> csr_matrix:
        columns, separator = self.columns, self.separator
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for row in rows:
            for name, value in row.items():
                if value.__class__ is str:
                    index = columns.get(f"{name}{separator}{value}")
                    value = 1.0
                else:
                    index = columns.get(name)
                if index is not None and value:
                    indices.append(index)
                    values.append(float(value))
            indptr.append(len(indices))
        matrix = csr_matrix(
            (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
            shape=(len(rows), len(columns)),
        )
        matrix.sum_duplicates()
        return matrix


@dataclass
class LinearHead:
    """A logistic regression's decision: `classes` and one weight row per class (one for two classes)."""

    classes: list
    weights: np.ndarray  # (1 or n_classes, n_features)
    bias: np.ndarray  # (1 or n_classes,)

    def scores(self, matrix: csr_matrix) -> np.ndarray:
        return np.asarray(matrix @ self.weights.T) + self.bias

    def probability(self, matrix: csr_matrix) -> np.ndarray:
        """P(classes[1]) of a two-class head."""
        return expit(self.scores(matrix)[:, 0])

    def predict(self, matrix: csr_matrix) -> list:
        scores = self.scores(matrix)
        if scores.shape[1] == 1:
            return [self.classes[int(s > 0)] for s in scores[:, 0]]
        return [self.classes[i] for i in scores.argmax(axis=1)]

    def to_msg(self) -> dict:
        return {"classes": self.classes, "weights": self.weights, "bias": self.bias}

    @classmethod
    def from_msg(cls, msg: dict) -> LinearHead:
        return cls(list(msg["classes"]), np.asarray(msg["weights"], dtype=np.float64), np.asarray(msg["bias"], dtype=np.float64))


@dataclass
class RelationModel:
    """The heads: `keep`, `measure`, `role` and `period` over the number's features, `indicator`
    over a candidate's. A model without a `period` head (trained before contract v2) leaves the
    rules' period."""

    number_vocabulary: FeatureVocabulary
    candidate_vocabulary: FeatureVocabulary
    keep: LinearHead
    measure: LinearHead
    role: LinearHead
    indicator: LinearHead | None  # None when training saw a single kind of candidate
    period: LinearHead | None = None

    def to_msg(self) -> dict:
        return {
            "number_vocabulary": self.number_vocabulary.columns,
            "candidate_vocabulary": self.candidate_vocabulary.columns,
            "heads": {name: head.to_msg() for name, head in self._heads().items() if head is not None},
        }

    @classmethod
    def from_msg(cls, msg: dict) -> RelationModel:
        heads = msg["heads"]
        return cls(
            FeatureVocabulary(dict(msg["number_vocabulary"])),
            FeatureVocabulary(dict(msg["candidate_vocabulary"])),
            *(LinearHead.from_msg(heads[name]) for name in ("keep", "measure", "role")),
            LinearHead.from_msg(heads["indicator"]) if "indicator" in heads else None,
            LinearHead.from_msg(heads["period"]) if "period" in heads else None,
        )

    def _heads(self) -> dict[str, LinearHead | None]:
        return {"keep": self.keep, "measure": self.measure, "role": self.role, "indicator": self.indicator, "period": self.period}


@dataclass
class RelationExample:
    """One number of a gold document: its features, its candidates (right or not), its gold fields."""

    features: Features
    candidates: list[tuple[Candidate, bool]]
    gold: dict | None  # the gold record's indicator, measure and role; None when it is no record


def fit_relation_model(
    examples: Iterable[RelationExample], c: float = 1.0, max_iter: int = 2000, seed: int = 0
) -> tuple[RelationModel, dict[str, int]]:
    """Train the heads with scikit-learn and keep their numbers. `keep` sees every number, `measure`
    and `role` the records, all three in one vocabulary (that of every number's features)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    keep_x, keep_y, ind_x, ind_y, att_x, measure_y, role_y, period_y = [], [], [], [], [], [], [], []
    for example in examples:
        keep_x.append(example.features)
        keep_y.append(int(example.gold is not None))
        if example.gold is None:
            continue
        att_x.append(example.features)
        measure_y.append(example.gold["measure"])
        role_y.append(example.gold["role"])
        period_y.append(example.gold.get("period", "year"))
        for candidate, is_right in example.candidates:
            ind_x.append(candidate.features)
            ind_y.append(int(is_right))

    def head(matrix, labels) -> LinearHead:
        classifier = LogisticRegression(C=c, max_iter=max_iter, random_state=seed).fit(matrix, labels)
        return LinearHead(
            [_plain(label) for label in classifier.classes_], classifier.coef_.astype(np.float64), classifier.intercept_.astype(np.float64)
        )

    numbers = DictVectorizer().fit(keep_x)
    number_vocabulary = FeatureVocabulary({name: int(i) for name, i in numbers.vocabulary_.items()})
    candidates = DictVectorizer().fit(ind_x or [{}])
    candidate_vocabulary = FeatureVocabulary({name: int(i) for name, i in candidates.vocabulary_.items()})
    records = number_vocabulary.vectorise(att_x)
    model = RelationModel(
        number_vocabulary,
        candidate_vocabulary,
        keep=head(number_vocabulary.vectorise(keep_x), keep_y),
        measure=head(records, measure_y),
        role=head(records, role_y),
        indicator=head(candidate_vocabulary.vectorise(ind_x), ind_y) if len(set(ind_y)) > 1 else None,
        period=head(records, period_y) if len(set(period_y)) > 1 else None,
    )
    return model, {"numbers": len(keep_y), "records": len(att_x), "indicator_pairs": len(ind_y)}


def _plain(label):
    return label.item() if hasattr(label, "item") else label


# ---------------------------------------------------------------------------------------------------
# The component


DECLINE_SUFFIX = "了?$"


class Relations:
    """Rewrites the assembler's drafts with the model's decisions; without a model (an untrained
    component) it leaves them as they are."""

    def __init__(self, nlp: Language, name: str, *, keep_threshold: float, period_from_model: bool = False) -> None:
        self.name = name
        self.keep_threshold = keep_threshold
        self.period_from_model = period_from_model
        lexicon = self.lexicon = pipeline_lexicon(nlp)
        self.features = FeatureExtractor(lexicon)
        self.decline = re.compile("(?:" + "|".join(map(re.escape, lexicon.cues["growth_down"])) + ")" + DECLINE_SUFFIX)
        self.headline_id = lexicon.headline_id
        self.relation_model: RelationModel | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.relation_model is not None:
            state = doc_state(doc)
            state.drafts = self.revise(doc, self.relation_model)
            name_county_own_figures(state, doc._.report_year, self.lexicon)
            sum_totals_by_size(state.drafts)
            publish(doc, state.drafts)
        return doc

    def revise(self, doc: Doc, model: RelationModel) -> list[Draft]:
        text = doc_state(doc).text
        slots = [slot for slot in number_slots(doc) if not slot.vetoed]
        if not slots:
            return doc_state(doc).drafts
        # The rules' settled drafts stand as they are.
        settled = [draft for slot in slots for draft in slot.rule_drafts if draft.settled]
        if settled:
            slots = [slot for slot in slots if not any(draft.settled for draft in slot.rule_drafts)]
            if not slots:
                return settled
        numbers = model.number_vocabulary.vectorise([self.features.context(text, slot) for slot in slots])
        keep = model.keep.probability(numbers)
        measures = model.measure.predict(numbers)
        roles = model.role.predict(numbers)
        periods = model.period.predict(numbers) if model.period is not None and self.period_from_model else [None] * len(slots)
        # A count the rules read as one of things done (`Quantity.counted`) stays: the model saw few of them.
        kept = [i for i, p in enumerate(keep) if p >= self.keep_threshold or (slots[i].quantity.counted and slots[i].rule_drafts)]
        candidate_lists = {i: self.features.candidates(text, slots[i]) for i in kept}
        # One vectorisation for all candidates of the Doc: per-number calls cost more than the model.
        flat = [c for i in kept for c in candidate_lists[i]]
        scored = model.indicator is not None
        flat_scores = iter(
            model.indicator.probability(model.candidate_vocabulary.vectorise([c.features for c in flat])) if flat and scored else []
        )
        drafts: list[Draft] = []
        for i in kept:
            slot, measure, role = slots[i], str(measures[i]), str(roles[i])
            candidates = candidate_lists[i]
            scores = [next(flat_scores, 0.0) for _ in candidates] if scored else [1.0] + [0.0] * (len(candidates) - 1)
            if not candidates:
                continue
            period = periods[i]
            if len(slot.rule_drafts) > 1 or (slot.rule_drafts and slot.rule_drafts[0].listed):
                # 均/分别 lists: the rules' restoration of the indicators stands.
                drafts.extend(self._with_period(replace(draft, measure=measure, role=role), period) for draft in slot.rule_drafts)
                continue
            chosen = candidates[max(range(len(candidates)), key=lambda k: scores[k])]
            base = slot.rule_drafts[0] if slot.rule_drafts else None
            draft = replace(base) if base is not None else self._draft_from_slot(text, slot)
            if (chosen.source == "ner" and not _same_words(chosen, base)) or base is None:
                draft.indicator = chosen.text
                draft.indicator_id = self.headline_id(chosen.text, unit=draft.unit)
                draft.indicator_start, draft.indicator_end = chosen.span if chosen.span is not None else (None, None)
            draft.measure, draft.role = measure, role
            if draft.indicator_id is None and measure == "growth":
                draft.indicator_id = self.headline_id(draft.indicator, measure, draft.unit)
            if base is not None and chosen.source == "ner" and _names_a_sub_area(base.indicator, chosen.text, self.headline_id):
                # `兰州新区生产总值` read by the rules, `生产总值` by the NER: a place's figure has no id.
                draft.indicator_id = None
            if chosen.span is not None and _a_part_of(text, chosen.span, slot):
                # `标准提高到农村居民人均可支配收入的60%`, `是一般公共预算收入的6倍`: a part or a multiple
                # of the figure named, not that figure.
                draft.indicator_id = None
            draft.value = self._signed(text, slot, draft.value, measure)
            if role != "target":
                draft.tier = None
            drafts.append(self._with_period(draft, period))
        # (In the order of the text with the others.)
        return sorted(drafts + settled, key=lambda draft: draft.start) if settled else drafts

    @staticmethod
    def _with_period(draft: Draft, period: str | None) -> Draft:
        """The model's period where the rules saw none (`year`): a period the rules found comes from
        an explicit marker (`1—11月`, `年均`, `过去五年`), which the model must not overturn. The first
        year stays the rules' where the period spans several years."""
        if period is not None and draft.total_by_size:
            # Left to the size of the figure by the rules: the model's period settles it instead.
            draft.total_by_size = False
            if draft.summed_by_size:
                draft.period, draft.year_start, draft.summed_by_size = "year", None, False
        if period is not None and period != draft.period and draft.period == "year":
            draft.period = period
            if period not in ("cumulative", "average"):
                draft.year_start = None
        return draft

    def _signed(self, text: str, slot: NumberSlot, value: float, measure: str) -> float:
        magnitude = abs(value)
        if measure in ("growth", "change") and (value < 0 or self.decline.search(text[max(slot.sentence[0], slot.start - 6) : slot.start])):
            return -magnitude
        return magnitude

    @staticmethod
    def _draft_from_slot(text: str, slot: NumberSlot) -> Draft:
        quantity = slot.quantity
        high = slot.start != quantity.start
        return Draft(
            indicator="",
            indicator_id=None,
            value=float(quantity.high_value if high else quantity.value),
            unit=quantity.unit,
            measure="level",
            role="actual",
            bound=("max" if high else "min") if quantity.is_range else quantity.bound,
            tier=None,
            year=slot.section.year if slot.section else None,
            start=slot.start,
            end=slot.end,
            evidence=text[slot.sentence[0] : slot.sentence[1]].strip(),
            quantity=quantity,
        )

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.relation_model is not None:
            srsly.write_msgpack(path / "model", self.relation_model.to_msg())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> Relations:
        model_file = Path(path) / "model"
        self.relation_model = RelationModel.from_msg(srsly.read_msgpack(model_file)) if model_file.exists() else None
        return self


@Language.factory(
    "govie_relations",
    assigns=["doc._.records", "doc._.record_spans"],
    requires=["doc._.records", "doc.ents"],
    # `period_from_model`: let the model's period head turn the rules' `year` into another period.
    # Off: on reports it was not trained on it turns more right periods wrong than wrong ones right
    # (docs/DECISIONS.md, "Tenth pass").
    default_config={"keep_threshold": 0.5, "period_from_model": False},
)
def make_relations(nlp: Language, name: str, keep_threshold: float, period_from_model: bool) -> Relations:
    return Relations(nlp, name, keep_threshold=keep_threshold, period_from_model=period_from_model)


def _a_part_of(text: str, span: tuple[int, int], slot: NumberSlot) -> bool:
    return slot.quantity.unit in NOT_SUMMED_UNITS and span[1] < slot.start and text[span[1] : slot.start] == "的"


def _names_a_sub_area(rule_indicator: str, chosen: str, headline_id: Callable[..., str | None]) -> bool:
    """The rules' phrase ends with the chosen name and adds a place before it (`包头市`, `兰州新区`)
    that makes it no headline, where the chosen name alone is one."""
    if len(rule_indicator) <= len(chosen) or not rule_indicator.endswith(chosen) or headline_id(rule_indicator) is not None:
        return False
    return bool(SUB_AREA_PREFIX.search(rule_indicator[: -len(chosen)])) and headline_id(chosen) is not None


SUB_AREA_PREFIX = re.compile(r"(?:[市县区州盟旗]|新区|园区|开发区|示范区|片区|都市区|兵团)(?:地区)?$")


def _same_words(chosen: Candidate, base: Draft | None) -> bool:
    """The NER chose the very words the rules' name stands on (`总投资` of `总投资1.6亿元的某工程`, named
    `某工程总投资`): the rules' name, completed from the text around those words, is kept."""
    return base is not None and chosen.span is not None and chosen.span == (base.indicator_start, base.indicator_end)
