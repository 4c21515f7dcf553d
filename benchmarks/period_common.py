"""What the period benchmarks share (`period_confusion.py`, `period_audit.py`): the pipeline they
score and the table of the reference's periods against govie's."""

from __future__ import annotations

import argparse
from collections import Counter

from spacy.language import Language

import govie
from govie.pipeline import build_rules_pipeline


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules-only", action="store_true", help="the rule pipeline without the trained components")
    parser.add_argument(
        "--period-from-model", action="store_true", help="let the relation model's period head override the rules (off in the package)"
    )


def load_pipeline(args: argparse.Namespace) -> Language:
    if args.rules_only:
        return build_rules_pipeline()
    overrides = {"config": {"components": {"govie_relations": {"period_from_model": True}}}} if args.period_from_model else {}
    return govie.load(**overrides)


def pipeline_name(args: argparse.Namespace) -> str:
    return "rules only" if args.rules_only else "shipped pipeline"


def wrong_periods(pairs: Counter[tuple[str, str]]) -> tuple[int, int]:
    """Records compared, and those whose period differs."""
    return sum(pairs.values()), sum(count for (expected, found), count in pairs.items() if expected != found)


def confusion_lines(pairs: Counter[tuple[str, str]], reference: str) -> list[str]:
    """One line per (reference, predicted) pair of periods, most frequent first."""
    return [
        f"  {reference} {expected:<10} predicted {found:<10} {count}"
        for (expected, found), count in sorted(pairs.items(), key=lambda item: -item[1])
    ]
