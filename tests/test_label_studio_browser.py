"""The annotator's view in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, installed by .ci/browser.sh) driven by Selenium against the session's Label
Studio server (conftest.py).

One real corpus report is pushed; the test logs in through the login page, opens the task, checks
that the regions render and that the page loads no Sentry, then makes one correction of each kind
through the UI: a role changed, a value deleted, a value drawn by mouse with its year and period, a
new reason for a number left out. A Submit while a VALUE has no role must be refused; the Submit
after the corrections goes through, and `govie annotate pull` must give each correction back in
the gold TSV. Screenshots go to pytest's temp dir, never into the repository.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from govie.cli import app
from govie.gold import read_gold, validate
from govie.gold.label_studio import LEFT_OUT, Utf16Offsets, connect, read_text

from conftest import REPO_ROOT, short_train_reports
from label_studio_server import Server

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # the `test` extra is not installed: the browser fixture skips
    webdriver = None

pytestmark = pytest.mark.corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PROJECT = "govie browser"
WAIT = 180  # seconds for the editor to show a report's regions on a busy machine
# Numbers the model left out undecided (`other`, note `check`): one inside a sentence the
# annotator makes a record of, drawing a VALUE over it by hand; one alone on its line is page
# chrome (a page number), `not body`.
NAME_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,6}$")


def chromium(profile: str) -> Any:
    """Debian's headless Chromium with a fresh profile and nothing that calls home."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1600,1000",
    ):
        options.add_argument(flag)
    # The driver path is given, so Selenium Manager never tries to download one.
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture
def browser() -> Iterator[Any]:
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        pytest.skip(
            f"no browser: {CHROMIUM} and {CHROMEDRIVER} are missing (bash .ci/browser.sh installs Debian's chromium and chromium-driver)"
        )
    if webdriver is None:
        pytest.skip("selenium is not installed: pip install -e '.[test]'")
    profile = tempfile.mkdtemp(prefix="govie-chromium-")
    driver = chromium(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_annotator_corrects_a_report_in_the_browser(label_studio: Server, browser: Any, corpus: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    # The plan below corrects the reason of a number on a line of its own (a page number).
    [report] = short_train_reports(corpus, 1, where=lambda text: re.search(r"\n\d{1,3}\n", text) is not None)
    common = ["--url", label_studio.url, "--token", label_studio.token, "--project", PROJECT]
    _cli("annotate", "push", *common, str(report))
    client = connect(label_studio.url, label_studio.token)
    [task] = [t.model_dump() for t in client.tasks.list(project=_project_id(client), fields="all")]
    [prediction] = list(client.predictions.list(task=task["id"]))
    text = read_text(report)
    plan = _plan(list(prediction.result), text, task["data"]["report_year"])

    page = AnnotatorPage(browser, label_studio, tmp_path)
    page.log_in()
    # A logged-in page of a server started with SENTRY_DSN= and FRONTEND_SENTRY_DSN= has no Sentry.
    assert browser.execute_script("return window.APP_SETTINGS.sentry_dsn") is None
    assert "sentry-cdn" not in browser.page_source
    opened = time.monotonic()
    regions = page.open_task(task["project"], task["id"])
    print(f"\nview usable after {time.monotonic() - opened:.1f} s with {regions} region spans")
    assert regions >= sum(r["type"] == "labels" for r in prediction.result)

    # A VALUE without a role: Submit is refused, the region is selected, nothing is saved.
    page.select_region(plan["role"]["id"])
    page.toggle_choice("actual")
    page.submit()
    assert "Choose the role" in page.modal_text()
    page.close_modal()
    assert client.tasks.get(id=task["id"]).total_annotations == 0
    page.screenshot("refused")

    page.toggle_choice("estimate")
    page.select_region(plan["deleted"]["id"])
    page.delete_selected_region()
    page.select_region(plan["reason"]["id"])
    page.toggle_choice(plan["reason"]["to"])
    # The number was left out: its LEFT OUT region goes, a VALUE is drawn over its characters.
    page.select_region(plan["drawn"]["left_out"])
    page.delete_selected_region()
    page.draw_region("VALUE", text, *plan["drawn"]["span"])
    page.select_region(label="VALUE", utf16_start=plan["drawn"]["utf16"][0])
    page.toggle_choice("level")
    page.toggle_choice("actual")
    page.set_number("year", plan["drawn"]["year"])
    page.toggle_choice("cumulative")
    page.set_number("year_start", plan["drawn"]["year"] - 4)
    page.set_text("indicator", plan["drawn"]["indicator"])
    page.screenshot("corrected")
    page.submit()
    page.wait_for(lambda: client.tasks.get(id=task["id"]).total_annotations == 1, "the annotation to be saved")

    gold = tmp_path / "gold"
    splits = tmp_path / "splits.json"
    shutil.copy(REPO_ROOT / "corpus" / "splits.json", splits)
    pulled = _cli("annotate", "pull", *common, "--gold", str(gold), "--corpus", str(corpus), "--splits", str(splits))
    assert "1 written" in pulled and "added" not in pulled, pulled  # a train report already
    document = read_gold(gold / (report.stem + ".tsv"))
    assert validate(document, text) == []
    at = {}
    for row in document.rows:
        at.setdefault((row.start, row.end), []).append(row)
    assert [r.role for r in at[plan["role"]["span"]]] == ["estimate"]
    assert [(r.decision, r.reason, r.note) for r in at[plan["deleted"]["span"]]] == [("X", "other", "not labelled")]
    assert [(r.decision, r.reason, r.note) for r in at[plan["reason"]["span"]]] == [("X", plan["reason"]["to"], "")]
    [drawn] = at[plan["drawn"]["span"]]
    year = str(plan["drawn"]["year"])
    assert (drawn.decision, drawn.indicator, drawn.measure, drawn.role, drawn.year, drawn.period, drawn.year_start) == (
        "R",
        plan["drawn"]["indicator"],
        "level",
        "actual",
        year,
        "cumulative",
        str(int(year) - 4),
    )
    for name, rows in (
        ("role", at[plan["role"]["span"]]),
        ("deleted", at[plan["deleted"]["span"]]),
        ("reason", at[plan["reason"]["span"]]),
        ("drawn", [drawn]),
    ):
        print(f"pulled {name}: " + " | ".join(_row_text(r) for r in rows))
    print(f"browser test: {time.monotonic() - started:.1f} s after the server was up; screenshots in {tmp_path}")


def _plan(result: list[dict], text: str, report_year: int | None) -> dict[str, Any]:
    """Which regions the annotator corrects: picked from the prediction by what they hold."""
    utf16 = Utf16Offsets(text)
    labels = {r["id"]: r for r in result if r["type"] == "labels"}

    def span(region_id: str) -> tuple[int, int]:
        value = labels[region_id]["value"]
        return utf16.to_codepoint(value["start"]), utf16.to_codepoint(value["end"])

    def field(region_id: str, name: str) -> list[str]:
        found = [r["value"].get("choices") for r in result if r.get("id") == region_id and r.get("from_name") == name]
        return found[0] if found else []

    values = [i for i, r in labels.items() if r["value"]["labels"] == ["VALUE"]]
    by_span: dict[tuple[int, int], list[str]] = {}
    for region_id in values:
        by_span.setdefault(span(region_id), []).append(region_id)
    # One record on its number, so that the pulled rows at its offsets are this region's alone.
    single = [ids[0] for ids in by_span.values() if len(ids) == 1]
    role = next(i for i in single if field(i, "role") == ["actual"])
    deleted = next(i for i in single if i != role and span(i)[0] > span(role)[1])
    unexplained = [i for i, r in labels.items() if r["value"]["labels"] == [LEFT_OUT] and field(i, "reason") == ["other"]]
    reason = next(i for i in unexplained if text[span(i)[0] - 1] == "\n" and text[span(i)[1]] == "\n")
    drawn = next(i for i in unexplained if NAME_BEFORE.search(text, 0, span(i)[0]) and "\u4e00" <= text[span(i)[1]] <= "\u9fff")
    start, end = span(drawn)
    name = NAME_BEFORE.search(text, 0, start)
    return {
        "role": {"id": role, "span": span(role)},
        "deleted": {"id": deleted, "span": span(deleted)},
        "reason": {"id": reason, "span": span(reason), "to": "not body"},
        "drawn": {
            "left_out": drawn,
            "span": (start, end),
            "utf16": (utf16.to_utf16(start), utf16.to_utf16(end)),
            "year": (report_year or 2024) - 1,
            "indicator": name.group() if name else "",
        },
    }


class AnnotatorPage:
    """What an annotator does in Label Studio's editor, step by step, as mouse clicks and keys."""

    def __init__(self, driver: Any, server: Server, screenshots: Path) -> None:
        self.driver, self.server, self.screenshots = driver, server, screenshots

    def wait_for(self, condition: Any, what: str, timeout: float = WAIT) -> Any:
        return WebDriverWait(self.driver, timeout, poll_frequency=0.25).until(lambda _: condition(), message=f"waiting for {what}")

    def log_in(self) -> None:
        self.driver.get(f"{self.server.url}/user/login")
        self.driver.find_element(By.NAME, "email").send_keys(self.server.username)
        self.driver.find_element(By.NAME, "password").send_keys(self.server.password)
        self.driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait_for(lambda: "/user/login" not in self.driver.current_url, "the login")

    def open_task(self, project_id: int, task_id: int) -> int:
        """Open the task in the editor and wait until its regions are drawn; their span count."""
        self.driver.get(f"{self.server.url}/projects/{project_id}/data?task={task_id}")
        self.wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, ".htx-highlight"), "the regions")
        return len(self.driver.find_elements(By.CSS_SELECTOR, ".htx-highlight"))

    def select_region(self, region_id: str | None = None, *, label: str = "", utf16_start: int = 0) -> None:
        """Click a region: a pushed one by its id, a drawn one by its label and first character."""
        if region_id is not None:
            span = self.driver.find_element(By.CSS_SELECTOR, f'[class*="htx-highlight-{region_id}-"]')
        else:
            span = self.driver.find_element(By.CSS_SELECTOR, f".htx-highlight[data-start='{utf16_start}'][data-label$=':{label}']")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
        span.click()
        self.wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, "button[aria-label='Delete selected region']"), "the selection")

    def unselect(self) -> None:
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        self.wait_for(lambda: not self.driver.find_elements(By.CSS_SELECTOR, "button[aria-label='Delete selected region']"), "no selection")

    def toggle_choice(self, value: str) -> None:
        def box() -> Any:  # found anew each time: a click renders the controls again
            return self.driver.find_element(By.CSS_SELECTOR, f"input.ant-checkbox-input[name='{value}']")

        checked = box().is_selected()
        box().find_element(By.XPATH, "./ancestor::label").click()
        self.wait_for(lambda: box().is_selected() != checked, f"the choice {value} to change")

    def set_number(self, name: str, number: int) -> None:
        field = self.driver.find_element(By.CSS_SELECTOR, f"input[type=number][name='{name}']")
        field.clear()
        field.send_keys(str(number))
        field.send_keys(Keys.TAB)

    def set_text(self, name: str, text: str) -> None:
        field = self.driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][data-testid='textarea-input']")
        field.send_keys(text)
        field.send_keys(Keys.ENTER)
        self.wait_for(lambda: text in self.driver.find_element(By.CSS_SELECTOR, ".lsf-sidepanels, body").text, "the text to be kept")

    def delete_selected_region(self) -> None:
        before = len(self.driver.find_elements(By.CSS_SELECTOR, ".htx-highlight"))
        self.driver.find_element(By.CSS_SELECTOR, "button[aria-label='Delete selected region']").click()
        self.wait_for(lambda: len(self.driver.find_elements(By.CSS_SELECTOR, ".htx-highlight")) < before, "the region to go")

    def draw_region(self, label: str, text: str, start: int, end: int) -> None:
        """Pick the label, then select characters `start`..`end` of `text` (code points) as a drag
        with the mouse does. Nothing may be selected: a label clicked then relabels the selection."""
        self.unselect()
        button = f"//span[contains(concat(' ', @class, ' '), ' lsf-label ')][span[@class='lsf-label__text' and text()='{label}']]"
        self.driver.find_element(By.XPATH, button).click()
        self.wait_for(
            lambda: "lsf-label_selected" in self.driver.find_element(By.XPATH, button).get_attribute("class"), f"{label} to be picked"
        )
        before = len(self.driver.find_elements(By.CSS_SELECTOR, ".htx-highlight"))
        line = text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1)
        x1, y1, x2, y2 = self.driver.execute_script(CHARACTER_POINTS, line, column, column + end - start)
        # A drag with the mouse from the first character to the last.
        drag = ActionBuilder(self.driver)
        drag.pointer_action.move_to_location(int(x1), int(y1)).pointer_down().move_to_location(int(x2), int(y2)).pointer_up()
        drag.perform()
        self.wait_for(lambda: len(self.driver.find_elements(By.CSS_SELECTOR, ".htx-highlight")) > before, "the drawn region")

    def submit(self) -> None:
        self.driver.find_element(By.XPATH, "//button[normalize-space(.)='Submit']").click()

    def modal_text(self) -> str:
        def message() -> str:
            text = " ".join(e.text for e in self.driver.find_elements(By.CSS_SELECTOR, ".ant-modal-content, [class*='modal']") if e.text)
            # The dialog shows its button before its message: wait for more than the button's label.
            return text if text.replace("OK", "").replace("Cancel", "").strip() else ""

        return self.wait_for(message, "a message")

    def close_modal(self) -> None:
        self.driver.find_element(By.XPATH, "//button[normalize-space(.)='OK']").click()
        self.wait_for(lambda: not self.driver.find_elements(By.XPATH, "//button[normalize-space(.)='OK']"), "the message to close")

    def screenshot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.screenshots / f"{name}.png"))


# Label Studio shows each line of the report as a span (line breaks are <br>, not text): the
# viewport points where characters `start`..`end` (code points) of line `line` begin and end, after
# scrolling them into view.
CHARACTER_POINTS = """
const [line, start, end] = arguments;
const root = document.querySelectorAll('.lsf-richtext__container .lsf-richtext__line')[line];
root.scrollIntoView({block: 'center'});
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
let seen = 0, from = null, to = null, node;
while ((node = walker.nextNode())) {
  const chars = Array.from(node.data);
  const units = (k) => chars.slice(0, k).join('').length;
  if (from === null && start < seen + chars.length) from = [node, units(start - seen)];
  if (to === null && end <= seen + chars.length) { to = [node, units(end - seen)]; break; }
  seen += chars.length;
}
const range = document.createRange();
range.setStart(...from);
range.setEnd(...to);
const rects = range.getClientRects();
const first = rects[0], last = rects[rects.length - 1];
return [first.left + 1, (first.top + first.bottom) / 2, last.right - 1, (last.top + last.bottom) / 2];
"""


def _project_id(client: Any) -> int:
    from govie.gold.label_studio import find_project

    project_id = find_project(client, PROJECT)
    assert project_id is not None
    return project_id


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _row_text(row: Any) -> str:
    fields = ("decision", "reason", "note", "indicator", "value", "unit", "measure", "role", "year", "period", "year_start")
    return json.dumps({name: getattr(row, name) for name in fields if getattr(row, name)}, ensure_ascii=False)
