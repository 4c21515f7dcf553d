"""The shipped pipeline as a spaCy package: `spacy package` builds zh_govie_reports from the
checked-in meta (configs/meta.json), the wheel installs into a fresh virtual environment, and
`spacy.load("zh_govie_reports")` extracts the contract's example as `govie.extract` does."""

from __future__ import annotations

import json
import subprocess
import sys
import venv

import pytest

import govie

from conftest import REPO_ROOT

EXAMPLE = "2025年全区地区生产总值为312.5亿元，增长6.1%，低于年初预期目标（6.5%）0.4个百分点。"


def test_spacy_package_wheel_installs_and_extracts(tmp_path):
    pytest.importorskip("build", reason="spacy package --build wheel needs the build module (test extra)")
    (tmp_path / "dist").mkdir()
    subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(REPO_ROOT / "govie" / "model"), str(tmp_path / "dist"),
         "--meta-path", str(REPO_ROOT / "configs" / "meta.json"), "--build", "wheel", "--force"],
        check=True, capture_output=True,
    )  # fmt: skip
    [wheel] = (tmp_path / "dist").rglob("zh_govie_reports-*.whl")
    # A fresh environment that sees this one's packages (govie, spaCy) but not its models.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    script = (
        "import json, spacy\n"
        "nlp = spacy.load('zh_govie_reports')\n"
        f"print(json.dumps({{'meta': nlp.meta, 'records': [r.to_dict() for r in nlp({EXAMPLE!r})._.records]}}, ensure_ascii=False))\n"
    )
    shown = json.loads(subprocess.run([python, "-c", script], check=True, capture_output=True, text=True).stdout)
    assert shown["records"] == [r.to_dict() for r in govie.extract(EXAMPLE)]
    assert [(r["value"], r["role"]) for r in shown["records"]] == [(312.5, "actual"), (6.1, "actual"), (6.5, "target")]
    assert shown["meta"]["name"] == "govie_reports" and shown["meta"]["version"] == govie.__version__
    assert shown["meta"]["labels"]["govie_ner"] == ["INDICATOR", "UNIT", "VALUE"]
