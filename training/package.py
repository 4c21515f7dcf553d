"""Step 5: write the trained pipeline into the package (govie/model) with its model card.

python training/package.py [--output training/output] [--package-dir govie/model]
"""

from govie.training import package

from _settings import parser, settings

if __name__ == "__main__":
    print(f"wrote {package(settings(parser(__doc__.splitlines()[0]).parse_args()))}")
