"""Optional step 0: the NER's units of the corpus reports outside dev and test, as the raw text
`spacy pretrain` reads (training/output/data/raw_text.jsonl).

    python training/raw_text.py [--corpus ../shared/corpus] [--limit N]
"""

from govie.training import raw_text

from _settings import parser, settings

if __name__ == "__main__":
    arguments = parser(__doc__.splitlines()[0])
    arguments.add_argument("--limit", type=int, default=None, help="only the first N reports (by name)")
    args = arguments.parse_args()
    print(f"{raw_text(settings(args), args.limit)} units written")
