"""The Label Studio round trip against a real server: push three reports of the shared corpus and
one user text, annotate through the API as an annotator would, pull, pull again, retrain.

The server is the session's (`label_studio` in conftest.py, tests/label_studio_server.py): set
GOVIE_LABEL_STUDIO_BIN to the `label-studio` of its own venv (`bash .ci/label_studio.sh` prints it).
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govie
from govie.cli import app
from govie.gold import NUMBER_RE, load_gold, read_gold, validate
from govie.gold.label_studio import PRIVATE_ENV, Utf16Offsets, connect, find_project, label_config
from govie.training import TrainSettings, train_all

from conftest import REPO_ROOT, short_train_reports
from label_studio_server import Server, environment

pytestmark = pytest.mark.corpus

PROJECT = "govie round trip"
USER_TEXT = (
    "某县2026年政府工作报告\n"
    "一、2025年工作回顾\n"
    "全县地区生产总值达到186.4亿元，增长6.3%；一般公共预算收入12.8亿元，增长4.1%。\n"
    "城镇新增就业3120人，城镇调查失业率5.2%。\n"
    "二、2026年主要预期目标\n"
    "地区生产总值增长6%左右，固定资产投资增长8%以上，社会消费品零售总额增长7%。\n"
)


def test_server_runs_with_the_privacy_settings(label_studio: Server) -> None:
    """Label Studio sends error reports to Sentry unless SENTRY_DSN and FRONTEND_SENTRY_DSN are set
    empty: the running server's own environment must have them (issue 15)."""
    env = environment(label_studio.process.pid)
    assert {name: env.get(name) for name in PRIVATE_ENV} == PRIVATE_ENV
    assert (env["SENTRY_DSN"], env["FRONTEND_SENTRY_DSN"], env["COLLECT_ANALYTICS"]) == ("", "", "false")
    # The pages a logged-in user sees load no Sentry SDK: tests/test_label_studio_browser.py.


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _regions(result: list[dict], label: str) -> list[dict]:
    return [r for r in result if r["type"] == "labels" and r["value"]["labels"] == [label]]


def _correct(result: list[dict], text: str) -> tuple[list[dict], dict]:
    """What an annotator does on one task: turn an actual into an estimate, and mark a number the
    model left out as a VALUE of the four characters before it, related by a new relation."""
    result = json.loads(json.dumps(result))
    role = next(r for r in result if r.get("from_name") == "role" and r["value"]["choices"] == ["actual"])
    role["value"]["choices"] = ["estimate"]
    utf16 = Utf16Offsets(text)
    valued = [(utf16.to_codepoint(r["value"]["start"]), utf16.to_codepoint(r["value"]["end"])) for r in _regions(result, "VALUE")]
    number = next(
        m
        for m in NUMBER_RE.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in valued) and re.fullmatch("[\u4e00-\u9fff]{4}", text[m.start() - 4 : m.start()])
    )
    start, end = number.span()
    value = {"start": utf16.to_utf16(start), "end": utf16.to_utf16(end), "text": number.group()}
    indicator = {"start": utf16.to_utf16(start - 4), "end": utf16.to_utf16(start), "text": text[start - 4 : start]}
    result += [
        {"id": "annot1", "from_name": "label", "to_name": "text", "type": "labels", "value": {**value, "labels": ["VALUE"]}},
        {"id": "annot2", "from_name": "label", "to_name": "text", "type": "labels", "value": {**indicator, "labels": ["INDICATOR"]}},
        {"id": "annot1", "from_name": "measure", "to_name": "text", "type": "choices", "value": {**value, "choices": ["level"]}},
        {"id": "annot1", "from_name": "role", "to_name": "text", "type": "choices", "value": {**value, "choices": ["actual"]}},
        {"id": "annot1", "from_name": "year", "to_name": "text", "type": "number", "value": {**value, "number": 2024}},
        {"type": "relation", "from_id": "annot2", "to_id": "annot1", "direction": "right", "labels": ["measures"]},
    ]
    corrected = {"role_at": utf16.to_codepoint(role["value"]["start"]), "added": (start, end), "indicator": (start - 4, start)}
    return result, corrected


def test_push_annotate_pull_retrain(label_studio: Server, corpus: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    reports = short_train_reports(corpus, 3)
    user_file = tmp_path / "mycounty_2026.txt"
    user_file.write_text(USER_TEXT, encoding="utf8")
    files = [*map(str, reports), str(user_file)]
    common = ["--url", label_studio.url, "--token", label_studio.token, "--project", PROJECT]

    pushed = _cli("annotate", "push", *common, *files)
    assert pushed.count("(new)") == 4, pushed
    again = _cli("annotate", "push", *common, *files)
    assert again.count("(exists)") == 4, again

    client = connect(label_studio.url, label_studio.token)
    project_id = find_project(client, PROJECT)
    # A project made with an older config gets the current one on request, and only then.
    older = label_config().replace(
        '<Label value="UNIT" background="#55b86a"/>', '<Label value="UNIT" background="#55b86a"/><Label value="OLD"/>'
    )
    client.projects.update(id=project_id, label_config=older)
    assert "labeling config" not in _cli("annotate", "push", *common, files[0])
    assert "OLD" in client.projects.get(id=project_id).label_config
    assert "labeling config updated" in _cli("annotate", "push", *common, "--update-config", files[0])
    assert client.projects.get(id=project_id).label_config.strip() == label_config().strip()
    assert "labeling config already current" in _cli("annotate", "push", *common, "--update-config", files[0])
    tasks = [t.model_dump() for t in client.tasks.list(project=project_id, fields="all")]
    assert len(tasks) == 4  # the second push made no duplicates
    counts = {"regions": 0, "relations": 0}
    per_file: dict[str, str] = {}
    corrected: dict = {}
    for task in sorted(tasks, key=lambda t: t["id"]):
        [prediction] = list(client.predictions.list(task=task["id"]))
        result = list(prediction.result)
        counts["regions"] += sum(r["type"] == "labels" for r in result)
        counts["relations"] += sum(r["type"] == "relation" for r in result)
        per_file[task["data"]["file"]] = (
            f"pushed {sum(r['type'] == 'labels' for r in result)} regions "
            + "/".join(f"{len(_regions(result, label))} {label}" for label in ("VALUE", "INDICATOR", "UNIT"))
            + f", {sum(r['type'] == 'relation' for r in result)} relations"
        )
        if task["data"]["file"] == reports[0].name:
            result, corrected = _correct(result, task["data"]["text"])
        if task["data"]["file"] == reports[2].name:
            # Annotated without LEFT OUT regions (as before they existed): the existing gold file's
            # reasons for numbers left out are kept.
            left_out = {r["id"] for r in _regions(result, "LEFT OUT")}
            result = [r for r in result if r.get("id") not in left_out]
        client.annotations.create(id=task["id"], result=result, was_cancelled=False)
        if task["data"]["file"] == reports[1].name:
            # A later skip must not hide the submitted annotation.
            client.annotations.create(id=task["id"], result=[], was_cancelled=True)

    gold = tmp_path / "corpus" / "gold"
    gold.mkdir(parents=True)
    # The third report has gold rows already: its hand-made reasons for left-out numbers stay.
    shutil.copy(REPO_ROOT / "corpus" / "gold" / (reports[2].stem + ".tsv"), gold)
    splits = tmp_path / "splits.json"
    shutil.copy(REPO_ROOT / "corpus" / "splits.json", splits)
    pull_args = ["annotate", "pull", *common, "--gold", str(gold), "--corpus", str(corpus), "--splits", str(splits)]
    pulled = _cli(*pull_args)
    assert "4 written, 0 unchanged" in pulled, pulled
    # The three corpus reports are in train already; the user's own text joins it.
    assert f"added 1 reports to split 'train' of {splits}: {user_file.name}" in pulled, pulled
    assert user_file.name in json.loads(splits.read_text(encoding="utf8"))["train"]
    pulled_relations = int(re.search(r"(\d+) relations pulled", pulled).group(1))
    assert pulled_relations == counts["relations"] + 1

    documents = {document.file: (document, text) for document, text in load_gold(gold, corpus)}
    assert set(documents) == {*(r.name for r in reports), user_file.name}
    assert all(validate(document, text) == [] for document, text in documents.values())
    assert (tmp_path / "corpus" / "texts" / user_file.name).read_text(encoding="utf8") == USER_TEXT
    first, text = documents[reports[0].name]
    rows_at = {}
    for row in first.rows:
        rows_at.setdefault(row.start, []).append(row)
    assert [r.role for r in rows_at[corrected["role_at"]] if r.is_record] == ["estimate"]
    [added] = [r for r in rows_at[corrected["added"][0]] if r.is_record]
    assert (added.indicator_span(), added.number) == (corrected["indicator"], text[slice(*corrected["added"])])
    kept, _ = documents[reports[2].name]
    hand_made = {
        (r.start, r.end): r.reason for r in read_gold(REPO_ROOT / "corpus" / "gold" / (reports[2].stem + ".tsv")).rows if r.decision == "X"
    }
    kept_reasons = {(r.start, r.end): r.reason for r in kept.rows if r.decision == "X" and (r.start, r.end) in hand_made}
    assert kept_reasons and all(hand_made[span] == reason for span, reason in kept_reasons.items())
    # The other reports' numbers left out come back with the reasons their LEFT OUT regions carry.
    assert any(r.decision == "X" and r.reason == "date" and r.note != "not labelled" for r in first.rows)
    pulled_records = sum(r.is_record for document, _ in documents.values() for r in document.rows)
    for name, (document, _) in sorted(documents.items()):
        records = [r for r in document.rows if r.is_record]
        print(
            f"\n{name}: {per_file[name]}; pulled {len(records)} records, {sum(bool(r.indicator_span()) for r in records)} indicator "
            f"and {sum(bool(r.unit_span()) for r in records)} unit links, {len(document.rows) - len(records)} X rows"
        )
    print(
        f"\npushed {counts['regions']} regions and {counts['relations']} relations on 4 tasks; "
        f"pulled {pulled_records} records and {pulled_relations} relations; server start {label_studio.start_seconds:.1f} s"
    )

    before = {p.name: p.read_bytes() for p in gold.iterdir()}
    again = _cli(*pull_args)
    assert "0 written, 4 unchanged" in again and "added" not in again
    assert {p.name: p.read_bytes() for p in gold.iterdir()} == before
    assert read_gold(gold / (reports[0].stem + ".tsv")).rows == first.rows

    train, dev = [reports[0].name, reports[1].name, user_file.name], [reports[2].name]
    splits.write_text(json.dumps({"train": train, "dev": dev, "test": dev}), encoding="utf8")
    settings = TrainSettings(
        gold=gold,
        corpus=corpus,
        splits=splits,
        config=REPO_ROOT / "configs" / "ner.cfg",
        relations_config=REPO_ROOT / "configs" / "relations.cfg",
        meta=REPO_ROOT / "configs" / "meta.json",
        output=tmp_path / "output",
        package_dir=tmp_path / "model",
        folds=2,
        max_steps=30,
        thresholds=(0.5,),
    )
    scores = train_all(settings)
    assert 0.0 <= scores["dev"]["records"]["all"]["f1"] <= 1.0
    meta = json.loads((tmp_path / "model" / "meta.json").read_text(encoding="utf8"))
    assert meta["training_data"]["train_documents"] == 3
    nlp = govie.load(str(tmp_path / "model"))
    assert all(isinstance(r, govie.Record) for r in nlp(USER_TEXT)._.records)
    print(f"round trip and retrain: {time.monotonic() - started:.1f} s after the server was up")
