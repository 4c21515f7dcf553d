from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    return Path(os.environ.get("GOVIE_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if not (path / "reports").is_dir():
        pytest.skip(f"shared corpus not found at {path} (set GOVIE_CORPUS)")
    return path


def rows(records, *fields):
    return [tuple(getattr(r, f) for f in fields) for r in records]
