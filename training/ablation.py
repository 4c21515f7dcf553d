"""The README's ablation: rules only, rules + NER (no trained relation model), full pipeline; the
trained parts are those of the shipped pipeline (govie/model) unless --model names another.

    python training/ablation.py [--split test] [--model govie/model]
"""

from __future__ import annotations

from _settings import parser, settings

import govie
from govie.evaluate import evaluate, split_files
from govie.linker import NerHeuristicLinker
from govie.pipeline import build_rules_pipeline
from govie.trained import build_pipeline


def main() -> None:
    arguments = parser(__doc__.splitlines()[0])
    arguments.add_argument("--split", default="test")
    arguments.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    args = arguments.parse_args()
    config = settings(args)
    files = split_files(args.split, config.splits)
    full = govie.load(args.model)
    pipelines = {
        "rules only": build_rules_pipeline(),
        "rules + NER": build_pipeline(full.get_pipe("govie_ner").model, NerHeuristicLinker()),
        "full pipeline": full,
    }
    print(f"split {args.split} ({len(files)} reports)")
    print("| pipeline | headline strict F1 | all records P / R / F1 | loose recall | year acc | INDICATOR span F1 | relation F1 |")
    for name, nlp in pipelines.items():
        scores = evaluate(nlp, files, config.gold, config.corpus)
        a = scores.all_records
        print(
            f"| {name} | {scores.headline_strict.f1:.3f} | {a.precision:.3f} / {a.recall:.3f} / {a.f1:.3f} | "
            f"{scores.loose_value_unit.recall:.3f} | {scores.attributes['year'].value:.3f} | "
            f"{scores.spans['INDICATOR'].f1:.3f} | {scores.relations.f1:.3f} |"
        )


if __name__ == "__main__":
    main()
