"""The training steps behind `govie train` and the scripts in training/, each doing one thing:
convert the gold corpus (`data.py`), train the NER with `spacy train` (configs/ner.cfg), train the
relation/role model (configs/relations.cfg), evaluate, package into `govie/model`.

Paths are those of a project checkout (configs/, corpus/, training/output/) and can all be set.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import DocBin
from thinc.api import Config

from ..about import __version__
from ..evaluate import evaluate, similar_indicator, split_files
from ..gold import DEFAULT_CORPUS, GoldDocument, gold_paths, load_gold
from ..lexicon import default_lexicon
from ..pipeline import build_pipeline, build_rules_pipeline
from ..pipeline.ner import ner_units
from ..pipeline.relations import FeatureExtractor, RelationExample, RelationModel, fit_relation_model, number_slots
from ..pipeline.state import doc_offsets, doc_state
from ..pipeline.tokenizer import pipeline_lexicon
from ..reading import read_report
from .data import gold_docs, ner_doc, unit_docs


@dataclass
class TrainSettings:
    gold: Path = Path("corpus/gold")
    corpus: Path = DEFAULT_CORPUS
    splits: Path = Path("corpus/splits.json")
    config: Path = Path("configs/ner.cfg")
    relations_config: Path = Path("configs/relations.cfg")
    meta: Path = Path("configs/meta.json")
    output: Path = Path("training/output")
    package_dir: Path = Path("govie/model")
    folds: int = 3
    max_steps: int | None = None
    # The fold models only label train documents for the relation model: fewer steps are enough.
    fold_max_steps: int | None = 2000
    seed: int = 0
    # Pretrained weights of the NER's tok2vec (`spacy pretrain`, training/pretrain.py); None: random.
    init_tok2vec: Path | None = None
    thresholds: tuple[float, ...] | None = None  # None: those of the relations config
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.output / "data"

    @property
    def ner_dir(self) -> Path:
        return self.output / "ner"

    @property
    def pretrain_dir(self) -> Path:
        return self.output / "pretrain"

    @property
    def relations_dir(self) -> Path:
        return self.output / "relations"


class TrainingError(RuntimeError):
    """A training step cannot go on (its inputs disagree); the message says what to run."""


def fold_files(train_files: Iterable[str], folds: int) -> list[list[str]]:
    """Train documents dealt round-robin into folds: each fold's NER is trained on the others, so the
    relation model learns from NER output on documents that NER did not see."""
    ordered = sorted(train_files)
    return [ordered[k::folds] for k in range(folds)] if folds > 1 else [ordered]


def convert(settings: TrainSettings) -> dict[str, Counter]:
    """Step 1: DocBins of the NER's units (clauses that hold numbers) with gold entities, per split and fold."""
    nlp = build_rules_pipeline()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    jobs: dict[str, list[str]] = {name: split_files(name, settings.splits) for name in ("train", "dev", "test")}
    if settings.folds > 1:
        for k, held_out in enumerate(fold_files(jobs["train"], settings.folds)):
            jobs[f"fold{k}-train"] = [f for f in jobs["train"] if f not in held_out]
    counts: dict[str, Counter] = {}
    before_ner = [nlp.get_pipe("govie_context"), nlp.get_pipe("govie_quantities")]
    for split, files in jobs.items():
        docbin = DocBin(store_user_data=False)
        labels: Counter = Counter()
        for doc, _, aligned in gold_docs(nlp, load_gold(settings.gold, settings.corpus, files)):
            annotated = ner_doc(doc, aligned)
            for component in before_ner:
                doc = component(doc)
            # Training sees the units the NER runs on.
            for unit in unit_docs(annotated, ner_units(doc)):
                labels.update(ent.label_ for ent in unit.ents)
                labels["units"] += 1
                docbin.add(unit)
        docbin.to_disk(settings.data_dir / f"{split}.spacy")
        labels["documents"] = len(files)
        counts[split] = labels
    return counts


def raw_text(settings: TrainSettings, limit: int | None = None) -> int:
    """Optional step before `pretrain`: the NER's units (the clauses it runs on) of every corpus
    report outside the dev and test splits, as the JSONL raw text `spacy pretrain` reads. Returns
    the number of units written."""
    held_out = set(split_files("all", settings.splits)) - set(split_files("train", settings.splits))
    paths = [p for p in sorted((Path(settings.corpus) / "reports").glob("*.txt")) if p.name not in held_out][:limit]
    nlp = build_rules_pipeline()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    with nlp.select_pipes(enable=["govie_context", "govie_quantities"]):
        docs = nlp.pipe(read_report(path) for path in paths)
        with (settings.data_dir / "raw_text.jsonl").open("w", encoding="utf8") as out:
            for doc in docs:
                for unit in ner_units(doc):
                    out.write(json.dumps({"text": unit.text}, ensure_ascii=False) + "\n")
                    written += 1
    return written


def pretrain(settings: TrainSettings) -> Path:
    """Optional step: `spacy pretrain` of the NER's tok2vec on the raw text (the [pretraining] block
    of configs/ner.cfg); `train_ner` starts from the last epoch's weights when they exist."""
    command = [
        sys.executable,
        "-m",
        "spacy",
        "pretrain",
        str(settings.config),
        str(settings.pretrain_dir),
        "--paths.raw_text",
        str(settings.data_dir / "raw_text.jsonl"),
        "--system.seed",
        str(settings.seed),
    ]
    subprocess.run(command, check=True)
    return settings.pretrain_dir / "model-last.bin"


def spacy_train(settings: TrainSettings, train: Path, output: Path, max_steps: int | None) -> None:
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(settings.config),
        "--output",
        str(output),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(settings.data_dir / "dev.spacy"),
        "--system.seed",
        str(settings.seed),
    ]
    if max_steps is not None:
        command += ["--training.max_steps", str(max_steps)]
    if settings.init_tok2vec is not None:
        if not Path(settings.init_tok2vec).exists():
            raise TrainingError(
                f"{settings.init_tok2vec} not found: make it with training/raw_text.py and training/pretrain.py, or train without it"
            )
        command += ["--paths.init_tok2vec", str(settings.init_tok2vec)]
    subprocess.run(command, check=True)


def train_ner(settings: TrainSettings) -> None:
    """Step 2: `spacy train` on the whole train split (tuned on dev), and once per fold."""
    spacy_train(settings, settings.data_dir / "train.spacy", settings.ner_dir / "full", settings.max_steps)
    if settings.folds > 1:
        fold_steps = min(filter(None, (settings.max_steps, settings.fold_max_steps)), default=None)
        for k in range(settings.folds):
            spacy_train(settings, settings.data_dir / f"fold{k}-train.spacy", settings.ner_dir / f"fold{k}", fold_steps)


def ner_source(settings: TrainSettings, name: str = "full") -> Language:
    """The pipeline `spacy train` wrote, whose govie_ner the full pipeline sources."""
    return spacy.load(settings.ner_dir / name / "model-best")


def relation_examples(nlp: Language, documents: Iterable[tuple[GoldDocument, str]]) -> list[RelationExample]:
    """Each number of each document with its features, candidates and gold decision; `nlp` runs up
    to the assembler (the relation model learns from what it will see)."""
    examples = []
    before_relations = [component for name, component in nlp.pipeline if name not in ("govie_relations", "govie_cleanup")]
    features = FeatureExtractor(pipeline_lexicon(nlp))
    for document, text in documents:
        doc = nlp.make_doc(text)
        if document.report_year is not None:
            doc._.report_year = document.report_year
        for component in before_relations:
            doc = component(doc)
        offsets = doc_offsets(doc)
        normalised = doc_state(doc).text
        gold_at = {}
        for row in document.rows:
            if row.is_record:
                gold_at.setdefault((row.start, row.end), row)
        for slot in number_slots(doc):
            if slot.vetoed:
                continue
            row = gold_at.get((offsets[slot.start], offsets[slot.end - 1] + 1))
            gold = None if row is None else {"indicator": row.indicator, "measure": row.measure, "role": row.role, "period": row.period}
            candidates = features.candidates(normalised, slot)
            labelled = [(c, row is not None and _names_gold_indicator(c, row, offsets)) for c in candidates]
            examples.append(RelationExample(features.context(normalised, slot), labelled, gold))
    return examples


def relation_settings(settings: TrainSettings) -> dict:
    """The classifiers' settings from configs/relations.cfg (defaults when the file is absent)."""
    if not settings.relations_config.exists():
        return {"seed": settings.seed}
    config = Config().from_disk(settings.relations_config)
    return {"c": float(config["model"]["C"]), "max_iter": int(config["model"]["max_iter"]), "seed": settings.seed}


def _names_gold_indicator(candidate, row, offsets) -> bool:
    """A candidate is right when it is the gold INDICATOR span, or, for a gold name with no span
    (restored), when its text is similar to the gold name."""
    gold_span = row.indicator_span()
    if gold_span is not None and candidate.span is not None:
        start, end = offsets[candidate.span[0]], offsets[candidate.span[1] - 1] + 1
        overlap = min(end, gold_span[1]) - max(start, gold_span[0])
        return overlap > 0 and overlap / (max(end, gold_span[1]) - min(start, gold_span[0])) >= 0.6
    return similar_indicator(row.indicator, candidate.text)


def train_relations(settings: TrainSettings) -> tuple[RelationModel, float]:
    """Step 3: the relation/role model on NER output it did not train on; keep threshold tuned on
    dev. Writes `relations/model` (srsly msgpack) and `relations/settings.json` under the output."""
    train = split_files("train", settings.splits)
    examples: list[RelationExample] = []
    for k, held_out in enumerate(fold_files(train, settings.folds)):
        nlp = build_pipeline(ner_source(settings, f"fold{k}" if settings.folds > 1 else "full"))
        examples.extend(relation_examples(nlp, load_gold(settings.gold, settings.corpus, held_out)))
    model, sizes = fit_relation_model(examples, **relation_settings(settings))
    print(f"relation/role model trained on {sizes}")
    full = build_pipeline(ner_source(settings), model)
    dev = split_files("dev", settings.splits)
    thresholds = settings.thresholds or tuple(Config().from_disk(settings.relations_config)["training"]["thresholds"])
    scored = []
    for threshold in thresholds:
        full.get_pipe("govie_relations").keep_threshold = threshold
        result = evaluate(full, dev, settings.gold, settings.corpus)
        scored.append((threshold, result.all_records.f1, result.headline_strict.f1))
        print(f"keep threshold {threshold}: dev all-records F1 {scored[-1][1]:.4f}, headline strict F1 {scored[-1][2]:.4f}")
    chosen = choose_threshold(scored)
    settings.relations_dir.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(settings.relations_dir / "model", model.to_msg())
    srsly.write_json(settings.relations_dir / "settings.json", {"keep_threshold": chosen})
    return model, chosen


# Dev all-records F1 differences below this are noise on a few thousand records (one record in 3,000).
THRESHOLD_TIE = 0.0005


def choose_threshold(scored: list[tuple[float, float, float]]) -> float:
    """The keep threshold with the best dev all-records F1; among those within `THRESHOLD_TIE` of
    it, the one with the best headline strict F1, then the lower threshold (`scored` rows are
    threshold, all-records F1, headline strict F1)."""
    best = max(f1 for _, f1, _ in scored)
    tied = [row for row in scored if row[1] >= best - THRESHOLD_TIE]
    return max(tied, key=lambda row: (row[2], -row[0]))[0]


def full_pipeline(settings: TrainSettings) -> Language:
    """The trained pipeline from the steps' outputs: rules, the sourced NER, the relation model."""
    model = RelationModel.from_msg(srsly.read_msgpack(settings.relations_dir / "model"))
    threshold = float(srsly.read_json(settings.relations_dir / "settings.json")["keep_threshold"])
    return build_pipeline(ner_source(settings), model, keep_threshold=threshold)


def training_data_hash(settings: TrainSettings) -> str:
    """sha256 over the gold files and the hashes of the reports they annotate, in name order."""
    digest = hashlib.sha256()
    for path in gold_paths(settings.gold):
        digest.update(path.name.encode("utf8"))
        digest.update(path.read_bytes())
    digest.update(settings.splits.read_bytes())
    return digest.hexdigest()


def evaluate_splits(nlp: Language, settings: TrainSettings, splits: Iterable[str] = ("dev", "test")) -> dict[str, dict]:
    return {split: evaluate(nlp, split_files(split, settings.splits), settings.gold, settings.corpus).to_dict() for split in splits}


def package(settings: TrainSettings, scores: dict[str, dict] | None = None) -> Path:
    """Step 5: the full pipeline written into the package with its model card: the checked-in
    `configs/meta.json`, the package version, the hashes of the training data and of the lexicon
    tables the pipeline carries, and the scores on dev and test."""
    nlp = full_pipeline(settings)
    trained, current = pipeline_lexicon(nlp).sha256, default_lexicon().sha256
    if trained != current:
        # The pipeline keeps the tables its NER learned on; packaging them beside newer ones would
        # ship rules that read other word lists than the package's.
        raise TrainingError(
            f"the NER in {settings.ner_dir / 'full'} was trained with other word tables (sha256 {trained[:12]}) than "
            f"the package's govie/lexicon/data ({current[:12]}): retrain it (python training/train_ner.py) before packaging"
        )
    scores = scores if scores is not None else evaluate_splits(nlp, settings)
    nlp.meta.update(model_meta(settings, nlp, scores))
    if settings.package_dir.exists():
        shutil.rmtree(settings.package_dir)
    nlp.to_disk(settings.package_dir)
    return settings.package_dir


def model_meta(settings: TrainSettings, nlp: Language, scores: dict[str, dict]) -> dict:
    meta = srsly.read_json(settings.meta)
    meta["version"] = __version__
    meta["training_data"] = {
        "sha256": training_data_hash(settings),
        **{f"{split}_documents": len(split_files(split, settings.splits)) for split in ("train", "dev", "test")},
    }
    meta["lexicon_sha256"] = pipeline_lexicon(nlp).sha256
    meta["scores_by_split"] = {
        split: {key: s[key] for key in ("records", "spans", "relations", "attributes")} for split, s in scores.items()
    }
    meta["timings_seconds"] = settings.timings
    return meta


def train_all(settings: TrainSettings) -> dict[str, dict]:
    """convert → train NER → train relations → evaluate → package."""
    steps = [("convert", convert), ("train_ner", train_ner), ("train_relations", train_relations)]
    for name, step in steps:
        started = time.perf_counter()
        step(settings)
        settings.timings[name] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    scores = evaluate_splits(full_pipeline(settings), settings)
    settings.timings["evaluate"] = round(time.perf_counter() - started, 1)
    package(settings, scores)
    print(json.dumps({"timings_seconds": settings.timings}, indent=1))
    return scores
