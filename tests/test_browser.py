"""Tests of the report and the served page in a real browser (Debian's Chromium via Playwright).

Skipped with the reason when /usr/bin/chromium or Playwright is absent. Screenshots go to
test-output/ at the repository root for people to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright ([dev] extra)")

from eventwire.pipeline import Pipeline  # noqa: E402 - after the skips
from eventwire.records import Article  # noqa: E402
from eventwire.report import write_report  # noqa: E402
from eventwire.sources import iter_inputs  # noqa: E402
from eventwire.store import open_store  # noqa: E402
from test_report import HOSTILE, hostile_record, make_db, sample_records  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output"
EXAMPLE = ROOT / "examples" / "kharkiv-counteroffensive-2022-09-12.txt"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# Markers the map shows: single circles plus the counts written on cluster icons.
SHOWN_MARKERS = """() => {
  const singles = document.querySelectorAll('#ew-map path.ew-marker').length;
  let clustered = 0;
  document.querySelectorAll('#ew-map .marker-cluster span').forEach(s => {
    clustered += parseInt(s.textContent, 10);
  });
  return singles + clustered;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A browser page that records errors and every network request it tries."""

    def __init__(self, browser: Any, *, allow: str = "file:") -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 1100})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def route(r: Any) -> None:
            if r.request.url.startswith(allow):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.wait_until("() => Boolean(window.eventwireReport && window.eventwireReport.ready)")
        return self.page

    def wait_until(self, predicate: str, *, timeout: float = 10.0) -> None:
        """Poll ``predicate`` (a JavaScript function) until it returns true.

        Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the
        page, which the pages' Content Security Policy rightly forbids; ``evaluate`` goes
        through the DevTools protocol, which the policy does not govern.
        """
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(predicate):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")
            time.sleep(0.05)

    def wait_markers(self, n: int) -> None:
        self.wait_until(f"() => ({SHOWN_MARKERS})() === {n}")

    def popup(self, event_id: str) -> str:
        """Return the text of the popup of ``event_id`` after opening it."""
        self.page.evaluate(
            "id => new Promise(done => window.eventwireReport.openPopup(id, done))", event_id
        )
        box = self.page.wait_for_selector(".leaflet-popup-content .ew-popup")
        return str(box.inner_text())

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        self.page.close()


def timeline_total(page: Any) -> int:
    counts = page.eval_on_selector_all(
        "#ew-timeline rect.ew-bar", "bars => bars.map(b => +b.getAttribute('data-count'))"
    )
    return int(sum(counts))


def test_browser_report_opens_offline_with_markers_popup_and_timeline(
    browser: Any, tmp_path: Path
) -> None:
    db = make_db(tmp_path / "events.db", sample_records())
    with open_store(db) as store:
        write_report(store, tmp_path / "report.html")
    view = Page(browser)
    page = view.open((tmp_path / "report.html").as_uri())
    view.wait_markers(4)
    assert page.evaluate("window.eventwireReport.markerCount()") == 4
    text = view.popup("e1")
    assert "Invented sentence number 1 about shelling near the river." in text
    assert "General Staff of Ukraine" in text
    assert "3 tanks" in text
    assert page.get_attribute(".ew-popup-source a", "href") == "https://news.example/one"
    assert timeline_total(page) == 5
    assert page.locator("#ew-regions tbody tr").count() == 3  # Kharkiv, Kherson, not placed
    assert "Dmitry Peskov (1)" in page.inner_text("#ew-quotes")
    assert "Hlyboke" in page.inner_text("#ew-unplaced")
    view.screenshot("report-sample.png")
    assert view.blocked == []
    assert view.errors == []
    view.close()


def test_browser_hostile_article_runs_nothing(browser: Any, tmp_path: Path) -> None:
    db = make_db(tmp_path / "evil.db", [*sample_records(), hostile_record()])
    with open_store(db) as store:
        write_report(store, tmp_path / "evil.html")
    view = Page(browser)
    page = view.open((tmp_path / "evil.html").as_uri())
    text = view.popup("e99")
    assert page.evaluate("typeof window.__ewPwned") == "undefined"
    assert HOSTILE in text  # shown as text, literally
    assert page.locator("img[src='x']").count() == 0
    # The javascript: URL is not made a link anywhere.
    assert page.locator("a[href^='javascript']").count() == 0
    assert HOSTILE in page.inner_text("#ew-quotes")
    assert view.blocked == []
    assert view.errors == []
    view.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """Serve the web app over invented records (hostile one included) on a free port."""
    uvicorn = pytest.importorskip("uvicorn", reason="needs the [web] extra")
    from eventwire.web import create_app

    db = make_db(tmp_path / "events.db", [*sample_records(), hostile_record()])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_browser_served_page_shows_the_same_map_live(browser: Any, server: str) -> None:
    view = Page(browser, allow=server)
    page = view.open(server + "/")
    view.wait_markers(5)
    assert "Invented sentence number 5" in view.popup("e5")
    assert timeline_total(page) == 6
    assert page.evaluate("typeof window.__ewPwned") == "undefined"
    assert "Live: updated" in page.inner_text("#ew-status")
    view.screenshot("served-page.png")
    assert view.blocked == []
    assert view.errors == []
    view.close()


def test_browser_example_article_on_a_map_of_ukraine(
    browser: Any, tmp_path: Path, pipeline: Pipeline
) -> None:
    # Read as `eventwire ingest` reads it: cleaned, so teasers and captions are gone.
    (article,) = iter_inputs([str(EXAMPLE)], published="2022-09-12")
    assert isinstance(article, Article)
    records = list(pipeline.process([article]))
    db = make_db(tmp_path / "example.db", records)
    with open_store(db) as store:
        meta = write_report(store, tmp_path / "example.html")
    located = meta["located"]
    assert located >= 1
    view = Page(browser)
    page = view.open((tmp_path / "example.html").as_uri())
    view.wait_markers(located)
    # The map is centred on Ukraine: its view contains Kharkiv.
    assert page.evaluate("window.eventwireReport.contains(49.99, 36.23)")
    assert timeline_total(page) == meta["events"] - meta["undated"]
    view.screenshot("report-example.png", full_page=False)  # header and map
    view.screenshot("report-example-full.png")
    first = next(e for e in records[0].events if e.location and e.location.lat is not None)
    assert " ".join(first.evidence.text.split()) in " ".join(view.popup(first.id).split())
    page.wait_for_timeout(500)  # let the popup fade in before the picture
    page.locator("#ew-map").screenshot(path=str(OUTPUT / "report-example-popup.png"))
    assert view.blocked == []
    assert view.errors == []
    view.close()
