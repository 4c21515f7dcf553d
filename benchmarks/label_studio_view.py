"""How quickly Label Studio and govie's annotation view come up, measured on a real server and in
headless Chromium (issue 15). Prints:

- the server's first start (a new data dir: database migrations, user and token made) and a
  restart with that data dir;
- `push` of one report (pre-annotation by the shipped pipeline included);
- the time from opening the task in the browser until its regions are drawn (the view is usable),
  and until a VALUE's controls show after a click on it;

and with --screenshot saves a screenshot of the view with a VALUE selected. The report defaults
to the longest of the corpus by bytes. Needs GOVIE_LABEL_STUDIO_BIN (bash .ci/label_studio.sh) and
Debian's chromium and chromium-driver (bash .ci/browser.sh).

    python benchmarks/label_studio_view.py [--report FILE] [--screenshot docs/annotate_view.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the server and page helpers the tests use

import test_label_studio_browser as browser_test  # noqa: E402

from govie.gold.label_studio import connect, push  # noqa: E402

import label_studio_server  # noqa: E402
from conftest import corpus_dir  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, help="report to open (default: the longest corpus report)")
    parser.add_argument("--screenshot", type=Path, help="save a screenshot of the view here")
    args = parser.parse_args()
    executable = label_studio_server.executable()
    if executable is None:
        sys.exit("set GOVIE_LABEL_STUDIO_BIN (bash .ci/label_studio.sh prints it)")
    report = args.report or max((corpus_dir() / "reports").iterdir(), key=lambda p: p.stat().st_size)
    text = report.read_text(encoding="utf8", errors="replace")
    print(f"report {report.name}: {report.stat().st_size:,} bytes, {len(text):,} characters")
    with tempfile.TemporaryDirectory(prefix="govie-ls-bench-") as scratch:
        data_dir = Path(scratch) / "data"
        server = label_studio_server.start(executable, data_dir)
        print(f"first start: {server.start_seconds:.1f} s")
        label_studio_server.stop(server.process)
        server = label_studio_server.start(executable, data_dir)
        print(f"restart: {server.start_seconds:.1f} s")
        driver = None
        try:
            client = connect(server.url, server.token)
            started = time.monotonic()
            summary = push(client, "govie view benchmark", [report], "govie-benchmark")
            print(f"push: {time.monotonic() - started:.1f} s ({summary.regions} regions, {summary.relations} relations)")
            [prediction] = list(client.predictions.list(task=summary.tasks[0][1]))
            value = next(r["id"] for r in prediction.result if r.get("from_name") == "role")
            driver = browser_test.chromium(str(Path(scratch) / "profile"))
            page = browser_test.AnnotatorPage(driver, server, Path(scratch))
            page.log_in()
            started = time.monotonic()
            spans = page.open_task(summary.project_id, summary.tasks[0][1])
            print(f"view usable (regions drawn): {time.monotonic() - started:.1f} s, {spans} region spans")
            started = time.monotonic()
            page.select_region(value)
            print(f"a VALUE's controls after a click on it: {time.monotonic() - started:.1f} s")
            if args.screenshot:
                driver.save_screenshot(str(args.screenshot))
                print(f"screenshot: {args.screenshot}")
        finally:
            if driver is not None:
                driver.quit()
            label_studio_server.stop(server.process)


if __name__ == "__main__":
    main()
