from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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


def short_train_reports(corpus: Path, count: int, where: Callable[[str], bool] | None = None) -> list[Path]:
    """The shortest train work reports with some results to correct: real reports, and the quickest
    to annotate and retrain on (news summaries and cut-off copies have too few records); `where`
    keeps those whose text it accepts."""
    from govie.evaluate import split_files
    from govie.gold import read_gold

    train = split_files("train", REPO_ROOT / "corpus" / "splits.json")
    rich = [
        name
        for name in train
        if sum(row.is_record and row.role == "actual" for row in read_gold(REPO_ROOT / "corpus" / "gold" / (Path(name).stem + ".tsv")).rows)
        >= 40
    ]
    if where is not None:
        rich = [name for name in rich if where((corpus / "reports" / name).read_text(encoding="utf8"))]
    return [corpus / "reports" / name for name in sorted(rich, key=lambda n: (corpus / "reports" / n).stat().st_size)[:count]]


def rows(records, *fields):
    return [tuple(getattr(r, f) for f in fields) for r in records]


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One Label Studio server for the session (tests/label_studio_server.py), shared by the API
    round trip and the browser test; each uses a project of its own."""
    import label_studio_server

    executable = label_studio_server.executable()
    if executable is None:
        pytest.skip("no Label Studio: set GOVIE_LABEL_STUDIO_BIN to the label-studio of its own venv (bash .ci/label_studio.sh prints it)")
    pytest.importorskip("label_studio_sdk", reason="label-studio-sdk is not installed: pip install -e '.[annotate]'")
    try:
        server = label_studio_server.start(executable, tmp_path_factory.mktemp("label-studio-data"))
    except label_studio_server.StartError as error:
        pytest.fail(str(error))
    try:
        yield server
    finally:
        label_studio_server.stop(server.process)
