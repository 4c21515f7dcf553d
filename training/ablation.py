"""The README's ablation: rules only, rules + NER (no trained relation model), full pipeline; the
trained parts are those of the shipped pipeline (govie/model) unless --model names another.

    python training/ablation.py [--split test] [--model govie/model]

The middle row's stand-in for the relation model (`ner_heuristic`): a number the NER does not tag
as a VALUE is dropped, and the nearest INDICATOR entity before a value in its clause replaces the
rules' phrase when the two do not overlap.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

import govie
from govie.evaluate import evaluate, split_files
from govie.pipeline import build_rules_pipeline
from govie.pipeline.relations import number_slots
from govie.pipeline.state import doc_state, publish
from govie.pipeline.tokenizer import pipeline_lexicon

from _settings import parser, settings


@Language.factory("ner_heuristic", requires=["doc._.records", "doc.ents"], assigns=["doc._.records"])
def make_ner_heuristic(nlp: Language, name: str):
    headline_id = pipeline_lexicon(nlp).headline_id

    def ner_heuristic(doc: Doc) -> Doc:
        state = doc_state(doc)
        drafts = []
        for slot in number_slots(doc):
            if not slot.ner_value:
                continue
            for draft in slot.rule_drafts:
                draft = replace(draft)
                clause_start = max(state.text.rfind(ch, slot.sentence[0], slot.start) for ch in "，；：。") + 1
                before = [span for span in slot.ner_indicators if clause_start <= span[0] and span[1] <= slot.start]
                rule_span = (draft.indicator_start, draft.indicator_end) if draft.indicator_start is not None else None
                if before and len(slot.rule_drafts) == 1:
                    span = before[-1]
                    if rule_span is None or not (span[0] < rule_span[1] and rule_span[0] < span[1]):
                        draft.indicator = state.text[span[0] : span[1]]
                        draft.indicator_id = headline_id(draft.indicator)
                        draft.indicator_start, draft.indicator_end = span
                drafts.append(draft)
        state.drafts = drafts
        publish(doc, drafts)
        return doc

    return ner_heuristic


def main() -> None:
    arguments = parser(__doc__.splitlines()[0])
    arguments.add_argument("--split", default="test")
    arguments.add_argument("--model", default=None, help="a trained pipeline directory (default: the shipped one)")
    args = arguments.parse_args()
    config = settings(args)
    files = split_files(args.split, config.splits)
    full = govie.load(args.model)
    rules_ner = build_rules_pipeline()
    rules_ner.add_pipe("govie_ner", source=full, before="govie_assembler")
    rules_ner.add_pipe("ner_heuristic", after="govie_assembler")
    pipelines = {"rules only": build_rules_pipeline(), "rules + NER": rules_ner, "full pipeline": full}
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
