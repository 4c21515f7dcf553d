"""Evaluate a pipeline on a split of the gold corpus; a table on stdout, JSON to a file.

    python training/evaluate.py --split dev [--model PATH] [--output metrics.json] [--errors]

The same as `govie evaluate`.
"""

from __future__ import annotations

import sys

from govie.cli import app

if __name__ == "__main__":
    sys.exit(app(["evaluate", *sys.argv[1:]]))
