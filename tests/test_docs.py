"""docs/RECORDS.md, the project's reference of the record fields: complete, linked, and its example
is what govie returns."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

import govie
from govie.cli import app
from govie.lexicon import default_lexicon
from govie.records import BOUNDS, FIELD_NAMES, MEASURES, PERIODS, ROLES, TIERS

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "RECORDS.md").read_text(encoding="utf8")


def _field_rows() -> dict[str, str]:
    return {match.group(1): match.group(0) for match in re.finditer(r"^\| `(\w+)` \|.*$", PAGE.split("## An example")[0], re.M)}


def test_every_field_and_value_is_described():
    rows = _field_rows()
    assert list(rows) == [*FIELD_NAMES, "file"]
    for field, values in (("measure", MEASURES), ("role", ROLES), ("bound", BOUNDS), ("tier", TIERS), ("period", PERIODS)):
        assert all(f"`{value}`" in rows[field] for value in values), field
    headline = PAGE.split("## Headline indicators")[1]
    assert set(re.findall(r"^\| `(\w+)` \|", headline, re.M)) - {"indicator_id"} == set(default_lexicon().headline_names)


def test_the_example_is_what_govie_returns():
    section = PAGE.split("## An example")[1].split("## ")[0]
    text = "".join(line[2:] for line in section.splitlines() if line.startswith("> "))
    table = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    header, rows = [cell.strip() for cell in table[0]], table[1:]
    records = [record.to_dict() for record in govie.extract(text, report_year=2026)]
    expected = [dict(zip(header, (cell.strip() for cell in row))) for row in rows]
    got = [
        {name: "" if record[name] is None else f"{record[name]:g}" if name == "value" else str(record[name]) for name in header}
        for record in records
    ]
    assert got == expected


def test_readme_and_help_point_at_the_page():
    readme = (ROOT / "README.md").read_text(encoding="utf8")
    assert "](docs/RECORDS.md)" in readme and "](../shared/" not in readme
    result = CliRunner().invoke(app, ["extract", "--help"], terminal_width=200)
    assert "docs/RECORDS.md" in result.stdout
