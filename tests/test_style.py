"""The code follows the project's ruff configuration (pyproject.toml): lint and format."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO_ROOT


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff(command):
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is in the test extra: pip install -e '.[test]'")
    result = subprocess.run([ruff, *command], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
