"""The Label Studio conversion without a server: offsets (UTF-16 against code points), gold rows to
regions and back, what a pull writes. Texts are made up in the style of the reports."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govie.gold import EXCLUSION_REASONS, GoldDocument, GoldRow, load_gold, read_gold, sha256_text, validate, write_gold
from govie.gold.label_studio import (
    LEFT_OUT,
    NOT_LABELLED,
    PullError,
    Utf16Offsets,
    add_to_split,
    document_from_task,
    label_config,
    latest_annotation,
    merge_rows,
    pull_tasks,
    results_to_rows,
    rows_to_results,
    task_payload,
    write_pulled,
)
from govie.lexicon import default_lexicon

# Non-BMP characters (a rare CJK ideograph, an emoji) before the numbers shift UTF-16 offsets.
TEXT = "𠮶乡2025年全乡地区生产总值为312.5亿元😀，增长6.1%。城乡居民收入分别下降3.2%、增长8%。新增市场主体1.5万余家，引进项目三千五百个。"


def find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def record(text: str, number: str, indicator_span: str | None, unit_span: str | None, *, after: int = 0, **fields: str) -> GoldRow:
    start, end = find(text, number, after)
    ind = find(text, indicator_span) if indicator_span else ("", "")
    unit = find(text, unit_span, end) if unit_span else ("", "")
    defaults = {
        "indicator": indicator_span or "",
        "value": number,
        "unit": unit_span or "",
        "measure": "level",
        "role": "actual",
        "bound": "exact",
        "year": "2025",
    }
    values = {**defaults, **fields}
    return GoldRow(
        start=start,
        end=end,
        number=number,
        decision="R",
        ind_start=str(ind[0]),
        ind_end=str(ind[1]),
        unit_start=str(unit[0]),
        unit_end=str(unit[1]),
        **values,
    )


def sample_rows() -> list[GoldRow]:
    gdp = record(TEXT, "312.5", "地区生产总值", "亿元", indicator_id="gdp")
    growth = record(TEXT, "6.1", "地区生产总值", "%", indicator_id="gdp", measure="growth")
    # 分别 with an elided head: the name is restored, the span is the part written.
    urban = record(
        TEXT,
        "3.2",
        "城乡居民收入",
        "%",
        indicator="城镇居民人均可支配收入",
        indicator_id="urban_disposable_income",
        value="-3.2",
        measure="growth",
    )
    rural = record(
        TEXT,
        "8",
        "城乡居民收入",
        "%",
        after=TEXT.index("增长8"),
        indicator="农村居民人均可支配收入",
        measure="growth",
        bound="min",
        tier="stretch",
        role="target",
        year="2026",
    )
    firms = record(TEXT, "1.5", "新增市场主体", "万余家", unit="万家", bound="min")
    projects = record(TEXT, "三千五百", "引进项目", "个", value="3500")
    return [gdp, growth, urban, rural, firms, projects]


def js_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives: offsets in UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def record_key(row: GoldRow) -> tuple:
    return tuple(
        getattr(row, name)
        for name in (
            "start",
            "end",
            "number",
            "indicator",
            "indicator_id",
            "value",
            "unit",
            "measure",
            "role",
            "bound",
            "tier",
            "year",
            "period",
            "year_start",
            "ind_start",
            "ind_end",
            "unit_start",
            "unit_end",
        )
    )


# ---------------------------------------------------------------------------------------------------
# Offsets


def test_utf16_offsets_match_javascript_and_invert():
    text = "a𠮶b😀😀增长6.7%"
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        js = offsets.to_utf16(index)
        assert js == len(text[:index].encode("utf-16-le")) // 2
        assert offsets.to_codepoint(js) == index
    start, end = text.index("6.7"), text.index("6.7") + 3
    assert js_slice(text, offsets.to_utf16(start), offsets.to_utf16(end)) == "6.7"


def test_utf16_offset_inside_a_surrogate_pair_is_refused():
    offsets = Utf16Offsets("a𠮶b")
    with pytest.raises(ValueError):
        offsets.to_codepoint(2)  # between the two halves of 𠮶
    with pytest.raises(ValueError):
        offsets.to_codepoint(5)


def test_bmp_text_offsets_are_unchanged():
    offsets = Utf16Offsets("地区生产总值增长6%")
    assert [offsets.to_utf16(i) for i in range(11)] == list(range(11))


# ---------------------------------------------------------------------------------------------------
# Labeling config


def test_label_config_has_the_labels_relations_and_every_record_field():
    root = ET.fromstring(label_config())
    text = root.find(".//Text")
    assert text is not None and text.get("granularity") == "symbol" and text.get("value") == "$text"
    assert {label.get("value") for label in root.iter("Label")} == {"INDICATOR", "VALUE", "UNIT", LEFT_OUT}
    # Relations without labels: a label on each of some 200 lines would cover the text.
    relations = root.find(".//Relations")
    assert relations is not None and list(relations) == []
    per_region = {el.get("name"): el for el in root.iter() if el.get("perRegion") == "true"}
    left_out = {name: per_region.pop(name) for name in ("reason", "note")}
    assert all(el.get("whenLabelValue") == LEFT_OUT and el.get("visibleWhen") == "region-selected" for el in left_out.values())
    assert [c.get("value") for c in left_out["reason"].iter("Choice")] == list(EXCLUSION_REASONS)
    assert set(per_region) == {
        "measure",
        "role",
        "bound",
        "tier",
        "year",
        "period",
        "year_start",
        "indicator_id",
        "indicator",
        "value",
        "unit",
    }
    assert [c.get("value") for c in per_region["period"].iter("Choice")] == ["year", "cumulative", "average", "to_date"]
    assert all(el.get("whenLabelValue") == "VALUE" and el.get("visibleWhen") == "region-selected" for el in per_region.values())
    assert [c.get("value") for c in per_region["indicator_id"].iter("Choice")] == [h.id for h in default_lexicon().headline_indicators]
    assert [c.get("value") for c in per_region["role"].iter("Choice")] == ["actual", "estimate", "target"]
    assert {name for name, el in {**per_region, **left_out}.items() if el.get("required") == "true"} == {
        "measure",
        "role",
        "year",
        "reason",
    }


def test_label_config_captions_every_control_and_assigns_no_choice_hotkey():
    root = ET.fromstring(label_config())
    parents = {child: parent for parent in root.iter() for child in parent}
    for parent in root.iter():
        children = list(parent)
        for i, el in enumerate(children):
            if el.get("perRegion") == "true":
                # A caption right before each control, in a View shown only for the control's label.
                assert i > 0 and children[i - 1].tag == "Header", el.get("name")
                assert (parent.get("visibleWhen"), parent.get("whenLabelValue")) == ("region-selected", el.get("whenLabelValue"))
    # Label Studio gives a single-key hotkey to every Choice that names none: each names a
    # combination of its own that no stray key press makes.
    hotkeys = [c.get("hotkey") or "" for c in root.iter("Choice")]
    assert len(hotkeys) == 49 and len(set(hotkeys)) == len(hotkeys)
    assert all(key.startswith("ctrl+alt+shift+") for key in hotkeys)
    assert all(parents[c].tag == "Choices" for c in root.iter("Choice"))


# ---------------------------------------------------------------------------------------------------
# Rows -> results -> rows


def test_results_use_utf16_offsets_that_show_the_same_text():
    results = rows_to_results(sample_rows(), TEXT)
    regions = [r for r in results if r["type"] == "labels"]
    assert regions and all(js_slice(TEXT, r["value"]["start"], r["value"]["end"]) == r["value"]["text"] for r in regions)
    # Offsets after 😀 differ by two from the code points, after 𠮶 by one.
    growth = next(r for r in regions if r["value"]["text"] == "6.1")
    assert growth["value"]["start"] == TEXT.index("6.1") + 2


def test_round_trip_keeps_every_field_and_span():
    rows = sample_rows()
    rows[1].period, rows[1].year_start = "average", "2021"  # contract v2's fields travel too
    back, problems = results_to_rows(rows_to_results(rows, TEXT), TEXT)
    assert problems == []
    assert sorted(map(record_key, back)) == sorted(map(record_key, rows))


def test_overrides_only_where_the_spans_do_not_give_the_field():
    results = rows_to_results(sample_rows(), TEXT)
    # Keyed by the number the VALUE region covers; 万余家 -> 万家 and 三千五百 -> 3500 follow from
    # the spans, so they get no override.
    overrides = {
        (js_slice(TEXT, r["value"]["start"], r["value"]["end"]), r["from_name"]): r["value"]["text"]
        for r in results
        if r["type"] == "textarea"
    }
    assert overrides == {
        ("3.2", "indicator"): ["城镇居民人均可支配收入"],
        ("3.2", "value"): ["-3.2"],
        ("8", "indicator"): ["农村居民人均可支配收入"],
    }


def test_shared_indicator_and_unit_regions_are_one_region_each():
    results = rows_to_results(sample_rows(), TEXT)
    labels = [r["value"]["labels"][0] for r in results if r["type"] == "labels"]
    assert labels.count("VALUE") == 6
    assert labels.count("INDICATOR") == 4  # 地区生产总值 and 城乡居民收入 serve two values each
    relations = [r for r in results if r["type"] == "relation"]
    assert len(relations) == 12


def test_annotators_correction_and_new_relation_arrive():
    rows = [r for r in sample_rows() if r.number != "三千五百"]
    results = rows_to_results(rows, TEXT)
    # The annotator turns 6.1 into a target and links the numeral 三千五百 to a new INDICATOR region.
    value_id = next(r["id"] for r in results if r["type"] == "labels" and r["value"]["text"] == "6.1")
    next(r for r in results if r.get("id") == value_id and r.get("from_name") == "role")["value"]["choices"] = ["target"]
    utf16 = Utf16Offsets(TEXT)
    start, end = find(TEXT, "三千五百")
    ind_start, ind_end = find(TEXT, "引进项目")
    where = {"start": utf16.to_utf16(start), "end": utf16.to_utf16(end), "text": "三千五百"}
    results += [
        {"id": "new1", "from_name": "label", "to_name": "text", "type": "labels", "value": {**where, "labels": ["VALUE"]}},
        {
            "id": "new2",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": utf16.to_utf16(ind_start), "end": utf16.to_utf16(ind_end), "text": "引进项目", "labels": ["INDICATOR"]},
        },
        {
            "id": "new3",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": utf16.to_utf16(end), "end": utf16.to_utf16(end + 1), "text": "个", "labels": ["UNIT"]},
        },
        {"id": "new1", "from_name": "measure", "to_name": "text", "type": "choices", "value": {**where, "choices": ["level"]}},
        {"id": "new1", "from_name": "role", "to_name": "text", "type": "choices", "value": {**where, "choices": ["actual"]}},
        {"from_id": "new2", "to_id": "new1", "type": "relation", "direction": "right", "labels": []},
    ]
    _, problems = results_to_rows(results, TEXT)
    # A value drawn by hand needs its year: the pull names the region that lacks it.
    assert problems == ["VALUE '三千五百' at 69: no year given"]
    results.append({"id": "new1", "from_name": "year", "to_name": "text", "type": "number", "value": {**where, "number": 2025}})
    back, problems = results_to_rows(results, TEXT)
    assert problems == []
    assert next(r for r in back if r.number == "6.1").role == "target"
    added = next(r for r in back if r.number == "三千五百")
    # No relation to the UNIT region: the unit right after the number is taken; bound defaults to exact.
    assert (added.indicator, added.value, added.unit, added.bound, added.ind_start) == ("引进项目", "3500", "个", "exact", str(ind_start))
    assert (added.year, added.period) == ("2025", "year")


def test_reasons_of_left_out_numbers_go_out_and_come_back():
    year = find(TEXT, "2025")
    rows = [GoldRow(year[0], year[1], "2025", "X", reason="date", note="the report's year"), *sample_rows()[:2]]
    results = rows_to_results(rows, TEXT)
    [left_out] = [r for r in results if r["type"] == "labels" and r["value"]["labels"] == [LEFT_OUT]]
    assert js_slice(TEXT, left_out["value"]["start"], left_out["value"]["end"]) == "2025"
    reason = next(r for r in results if r.get("id") == left_out["id"] and r["from_name"] == "reason")
    assert reason["value"]["choices"] == ["date"]
    document = GoldDocument("r.txt", sha256_text(TEXT), 2026, rows)
    task = task_for(TEXT, "r.txt", rows)
    # The annotator gives another reason and leaves out a number the model made a record of (8).
    result = task["annotations"][1]["result"]
    reason = next(r for r in result if r.get("id") == left_out["id"] and r["from_name"] == "reason")
    reason["value"]["choices"] = ["name"]
    eight = find(TEXT, "8", TEXT.index("增长8"))
    utf16 = Utf16Offsets(TEXT)
    where = {"start": utf16.to_utf16(eight[0]), "end": utf16.to_utf16(eight[1]), "text": "8"}
    result += [
        {"id": "out8", "from_name": "label", "to_name": "text", "type": "labels", "value": {**where, "labels": [LEFT_OUT]}},
        {"id": "out8", "from_name": "reason", "to_name": "text", "type": "choices", "value": {**where, "choices": ["comparison"]}},
        # A LEFT OUT region on a VALUE's number is ignored: the record stays.
        {"id": "out6", "from_name": "label", "to_name": "text", "type": "labels", "value": {**_where(TEXT, "6.1"), "labels": [LEFT_OUT]}},
    ]
    pulled = document_from_task(task, Path("/nonexistent"), document)
    by_number = {r.number: r for r in pulled.document.rows}
    assert (by_number["2025"].reason, by_number["2025"].note) == ("name", "the report's year")
    assert (by_number["8"].decision, by_number["8"].reason) == ("X", "comparison")
    assert by_number["6.1"].decision == "R"
    # Without a reason the pull refuses the region, naming it.
    del result[-2]
    with pytest.raises(PullError, match=f"LEFT OUT '8' at {eight[0]}: no reason chosen"):
        document_from_task(task, Path("/nonexistent"), document)


def _where(text: str, needle: str) -> dict:
    start, end = find(text, needle)
    utf16 = Utf16Offsets(text)
    return {"start": utf16.to_utf16(start), "end": utf16.to_utf16(end), "text": needle}


def test_pulled_reports_join_the_named_split_once(tmp_path):
    splits = tmp_path / "splits.json"
    splits.write_text(
        json.dumps({"description": "d", "seed": 1, "train": ["b.txt"], "dev": ["c.txt"]}, ensure_ascii=False, indent=1) + "\n"
    )
    assert add_to_split(["c.txt", "新县.txt", "a.txt", "b.txt"], splits, "train") == ["a.txt", "新县.txt"]
    written = splits.read_text(encoding="utf8")
    assert json.loads(written) == {"description": "d", "seed": 1, "train": ["a.txt", "b.txt", "新县.txt"], "dev": ["c.txt"]}
    assert "新县" in written and '\n "train": [\n  "a.txt",' in written
    assert add_to_split(["a.txt"], splits, "dev") == []
    assert add_to_split(["d.txt"], splits, "extra") == ["d.txt"] and json.loads(splits.read_text())["extra"] == ["d.txt"]
    with pytest.raises(PullError, match="not a split"):
        add_to_split(["e.txt"], splits, "seed")


def test_problems_name_what_the_annotator_must_fix():
    results = rows_to_results(sample_rows()[:1], TEXT)
    broken = [r for r in copy.deepcopy(results) if r["type"] != "relation" and r["from_name"] != "measure"]
    rows, problems = results_to_rows(broken, TEXT)
    assert rows == [] and any("no INDICATOR" in p for p in problems)
    no_measure = [r for r in copy.deepcopy(results) if r.get("from_name") != "measure"]
    _, problems = results_to_rows(no_measure, TEXT)
    assert any("no measure chosen" in p for p in problems)
    # Offsets counted in code points by mistake show another text than the region's.
    shifted = copy.deepcopy(results)
    for r in shifted:
        if r["type"] == "labels":
            r["value"]["start"] -= 1
            r["value"]["end"] -= 1
    _, problems = results_to_rows(shifted, TEXT)
    assert any("Label Studio shows" in p for p in problems)


# ---------------------------------------------------------------------------------------------------
# What a pull writes


def test_numbers_without_value_become_x_rows_and_old_reasons_stay():
    rows = sample_rows()
    year = find(TEXT, "2025")
    previous = GoldDocument("r.txt", sha256_text(TEXT), 2026, [GoldRow(year[0], year[1], "2025", "X", reason="date"), *rows])
    merged = merge_rows(rows[:2], TEXT, previous)
    document = GoldDocument("r.txt", sha256_text(TEXT), 2026, merged)
    assert validate(document, TEXT) == []
    by_number = {r.number: r for r in merged}
    assert (by_number["2025"].decision, by_number["2025"].reason) == ("X", "date")
    # Records the annotation no longer has are replaced: the number is now left out as not labelled.
    assert (by_number["6.1"].decision, by_number["8"].decision) == ("R", "X")
    assert (by_number["8"].reason, by_number["8"].note) == ("other", NOT_LABELLED)
    assert merge_rows(rows[:2], TEXT, document) == merged


def task_for(text: str, name: str, rows: list[GoldRow], task_id: int = 7) -> dict:
    document = GoldDocument(name, sha256_text(text), 2026, rows)
    data, prediction = task_payload(Path(name), text, document, "test")
    annotations = [
        {"id": 1, "result": [], "was_cancelled": False, "updated_at": "2026-01-01T00:00:00Z"},
        {"id": 2, "result": prediction["result"], "was_cancelled": False, "updated_at": "2026-01-02T00:00:00Z"},
        {"id": 3, "result": [], "was_cancelled": True, "updated_at": "2026-01-03T00:00:00Z"},
    ]
    return {"id": task_id, "data": data, "annotations": annotations}


def test_latest_submitted_annotation_wins():
    task = task_for(TEXT, "r.txt", sample_rows())
    assert latest_annotation(task)["id"] == 2
    assert latest_annotation({"annotations": [{"id": 1, "was_cancelled": True}]}) is None


def test_pull_of_a_users_own_report_saves_its_text_and_loads_back(tmp_path):
    gold, corpus = tmp_path / "corpus" / "gold", tmp_path / "shared"
    (corpus / "reports").mkdir(parents=True)
    task = task_for(TEXT, "my_county_2026.txt", sample_rows())
    summary = pull_tasks([task], gold, corpus)
    assert (summary.written, summary.errors, summary.records) == (["my_county_2026.txt"], [], 6)
    assert (tmp_path / "corpus" / "texts" / "my_county_2026.txt").read_text(encoding="utf8") == TEXT
    [(document, text)] = list(load_gold(gold, corpus))
    assert text == TEXT and validate(document, text) == []
    assert sorted(map(record_key, (r for r in document.rows if r.is_record))) == sorted(map(record_key, sample_rows()))
    before = (gold / "my_county_2026.tsv").read_bytes()
    again = pull_tasks([task], gold, corpus)
    assert (again.written, again.unchanged) == ([], ["my_county_2026.txt"])
    assert (gold / "my_county_2026.tsv").read_bytes() == before


def test_pull_checks_the_text_against_its_hash_and_the_corpus(tmp_path):
    corpus = tmp_path / "shared"
    (corpus / "reports").mkdir(parents=True)
    task = task_for(TEXT, "r.txt", sample_rows())
    edited = copy.deepcopy(task)
    edited["data"]["text"] = TEXT.replace("312.5", "312.6")
    with pytest.raises(PullError, match="sha256"):
        document_from_task(edited, corpus, None)
    (corpus / "reports" / "r.txt").write_text(TEXT + "\n", encoding="utf8")
    with pytest.raises(PullError, match="differs"):
        document_from_task(task, corpus, None)
    (corpus / "reports" / "r.txt").write_text(TEXT, encoding="utf8")
    pulled = document_from_task(task, corpus, None)
    assert pulled.in_corpus and pulled.relations == 12
    assert write_pulled(pulled, tmp_path / "gold") and not (tmp_path / "texts").exists()


def test_pull_replaces_a_file_of_another_text(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    stale = GoldDocument("r.txt", "0" * 64, 2020, [GoldRow(0, 1, "9", "X", reason="date")], {"status": "old"})
    write_gold(stale, gold / "r.tsv")
    summary = pull_tasks([task_for(TEXT, "r.txt", sample_rows())], gold, tmp_path)
    assert summary.errors == []
    document = read_gold(gold / "r.tsv")
    assert document.sha256 == sha256_text(TEXT) and document.meta["status"] == "label-studio"


def test_the_models_output_survives_the_round_trip():
    from govie.gold.preannotate import preannotate

    text = "😀一、2025年工作回顾\n全县地区生产总值增长6.1%，城乡居民人均可支配收入分别增长6.5%、8%。\n二、2026年主要预期目标\n一般公共预算收入确保增长5%、力争6%，城镇新增就业5213人。"
    document = preannotate(text, "invented.txt")
    records = [r for r in document.rows if r.is_record]
    assert len(records) >= 5 and validate(document, text) == []
    back, problems = results_to_rows(rows_to_results(document.rows, text), text)
    assert problems == []
    assert sorted(map(record_key, back)) == sorted(map(record_key, records))


def test_cli_has_push_and_pull():
    from typer.testing import CliRunner

    from govie.cli import app

    result = CliRunner().invoke(app, ["annotate", "--help"])
    assert result.exit_code == 0 and "push" in result.output and "pull" in result.output


def test_pull_refuses_unsafe_names_and_stem_clashes_without_stopping(tmp_path):
    """One bad task is reported; the others are written (issue 12, L5)."""
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    good = task_for(TEXT, "good.txt", sample_rows(), task_id=1)
    clash = task_for(TEXT + "。", "good.md", sample_rows(), task_id=2)
    outside = task_for(TEXT, "x.txt", sample_rows(), task_id=3)
    outside["data"]["file"] = "../../etc/passwd"  # as a task edited outside govie could say
    nul = task_for(TEXT, "a\x00b.txt", sample_rows(), task_id=4)
    too_long = task_for(TEXT, "长" * 100 + ".txt", sample_rows(), task_id=5)
    summary = pull_tasks([good, clash, outside, nul, too_long], gold, corpus)
    assert summary.written == ["good.txt"]
    assert len(summary.errors) == 4
    assert any("would overwrite the one of good.txt" in e for e in summary.errors)
    assert sum("not a plain file name" in e for e in summary.errors) == 3
    assert sorted(p.name for p in gold.iterdir()) == ["good.tsv"]
