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


def test_editable_install_is_a_path_entry_so_the_clone_folder_is_no_namespace_package(tmp_path):
    """`pip install -e .` of a clone named `govie`, then Python started in the folder that holds the
    clone: `import govie` must find the package, not the clone folder as an empty namespace package
    (what setuptools' import-hook editable install gave, as the hook comes after the path search)."""
    import os
    import shutil
    import zipfile

    pytest.importorskip("build", reason="the editable wheel is built with the build module (test extra)")
    from build import ProjectBuilder
    from build.env import DefaultIsolatedEnv

    clone = tmp_path / "govie"
    (clone / "govie").mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "govie/__init__.py", "govie/about.py"):
        shutil.copy(REPO_ROOT / name, clone / name)
    # As pip does: the build backend pyproject.toml names, in an environment of its own.
    with DefaultIsolatedEnv() as env:
        builder = ProjectBuilder.from_isolated_env(env, clone)
        env.install(builder.build_system_requires)
        env.install(builder.get_requires_for_build("editable"))
        wheel = zipfile.ZipFile(builder.build("editable", tmp_path / "dist"))
    pth = [name for name in wheel.namelist() if name.endswith(".pth")]
    assert len(pth) == 1 and not [name for name in wheel.namelist() if name.endswith("_finder.py")]
    entry = wheel.read(pth[0]).decode().strip()
    assert os.path.samefile(entry, clone)
    # What site does with such a .pth: the clone goes on sys.path, after the working directory. `-S`
    # keeps this environment's own install of govie (a path entry too) out of the search.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    find = f"import sys, importlib.util; sys.path.append({entry!r}); print(importlib.util.find_spec('govie').origin)"
    found = subprocess.run([sys.executable, "-S", "-c", find], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(clone / "govie" / "__init__.py")
