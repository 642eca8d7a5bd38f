"""Tests of eventwire.report: the data a report shows and the self-contained HTML page."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.records import (
    Actor,
    Article,
    Attribution,
    Event,
    Evidence,
    Location,
    Place,
    Quantity,
    Quote,
    Record,
    Speaker,
)
from eventwire.report import ReportFilters, render_report, report_data, script_json, write_report
from eventwire.store import open_store

# Each hostile string tries a different way out of its context: closing the data's script
# element, an HTML tag with a handler, a javascript: link. The page must show them as text.
HOSTILE = '</script><script>window.__ewPwned = 1;</script><img src=x onerror="window.__ewPwned=2">'


def make_event(
    n: int,
    *,
    type: str = "ASSAULT",
    date: str | None = "2022-09-11",
    place: tuple[str, float, float, str] | None = ("Izium", 49.2128, 37.2569, "Kharkiv Oblast"),
    fatalities: int | None = None,
    evidence: str | None = None,
    attributed: str | None = None,
    actor: str = "Military Forces of Russia",
) -> Event:
    """Return an invented event; ``place`` is (name, lat, lon, admin1) or None (not placed)."""
    loc = None
    if place is not None:
        name, lat, lon, admin1 = place
        loc = Location(text=name, name=name, lat=lat, lon=lon, country="UKR", admin1=admin1)
    text = evidence or f"Invented sentence number {n} about shelling near the river."
    return Event(
        id=f"e{n}",
        type=type,
        evidence=Evidence(text=text, start=0, end=len(text)),
        actor1=Actor(text="the invaders", name=actor, country="RUS", sector="MIL"),
        location=loc,
        date=date,
        date_precision=1 if date else None,
        fatalities=fatalities,
        quantities=[Quantity(value=3, unit="tanks", text="three")],
        attributed_to=Attribution(text=attributed, name=attributed) if attributed else None,
    )


def sample_records() -> list[Record]:
    """Return two invented articles: 5 events (4 placed, 1 not) over two days, quotes, a claim."""
    a1 = Article(
        id="a1",
        text="Invented article one.",
        title="Front line report",
        url="https://news.example/one",
        published="2022-09-12",
    )
    a2 = Article(
        id="a2",
        text="Invented article two.",
        title="Second report",
        url="https://news.example/two",
        published="2022-09-12",
    )
    rec1 = Record(
        article=a1,
        events=[
            make_event(1, fatalities=4, attributed="General Staff of Ukraine"),
            make_event(2, type="RETREAT", place=("Kupiansk", 49.7106, 37.6156, "Kharkiv Oblast")),
            make_event(3, type="ASSAULT", place=("Kherson", 46.6354, 32.6169, "Kherson Oblast")),
            make_event(4, type="MOBILIZE", place=None, evidence="Troops gathered at Hlyboke."),
        ],
        quotes=[
            Quote(
                text="We will return every town.",
                kind="direct",
                start=0,
                end=5,
                speaker=Speaker(text="Zelensky", name="Volodymyr Zelensky"),
                cue="said",
            ),
            Quote(text="The lines are holding.", kind="indirect", start=0, end=5, cue="said"),
        ],
        places=[Place(text="Hlyboke", start=0, end=7)],
    )
    rec2 = Record(
        article=a2,
        events=[
            make_event(
                5,
                type="ASSAULT",
                date="2022-09-12",
                place=("Kharkiv", 49.9808, 36.2527, "Kharkiv Oblast"),
            )
        ],
        quotes=[
            Quote(
                text="Nothing changes.",
                kind="direct",
                start=0,
                end=5,
                speaker=Speaker(text="Peskov", name="Dmitry Peskov"),
            )
        ],
    )
    return [rec1, rec2]


def hostile_record() -> Record:
    """Return an article whose every text field carries markup that must never run."""
    article = Article(
        id="evil",
        text=HOSTILE,
        title=HOSTILE,
        url="javascript:window.__ewPwned=3",
        source=HOSTILE,
        published="2022-09-12",
    )
    return Record(
        article=article,
        events=[
            make_event(
                99,
                evidence=HOSTILE,
                attributed=HOSTILE,
                actor=HOSTILE,
                place=(HOSTILE, 48.0, 37.8, HOSTILE),
            )
        ],
        quotes=[Quote(text=HOSTILE, kind="direct", start=0, end=5, speaker=Speaker(text=HOSTILE))],
        places=[Place(text=HOSTILE, start=0, end=5)],
    )


def make_db(path: Path, records: list[Record]) -> Path:
    """Return ``path`` after storing ``records`` there."""
    with open_store(path) as store:
        store.write(records)
    return path


def embedded(page: str, element_id: str) -> Any:
    """Return the JSON held by the page's ``<script type="application/json" id=...>``."""
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S
    )
    assert match is not None, element_id
    return json.loads(match.group(1))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_db(tmp_path / "events.db", sample_records())


def test_report_data_counts_articles_events_and_what_is_not_placed(db: Path) -> None:
    with open_store(db) as store:
        data = report_data(store)
    meta = data["meta"]
    assert (meta["articles"], meta["events"], meta["located"], meta["unlocated"]) == (2, 5, 4, 1)
    assert (meta["first_date"], meta["last_date"]) == ("2022-09-11", "2022-09-12")
    assert data["unresolved_places"] == [{"text": "Hlyboke", "mentions": 1, "articles": 1}]
    assert data["events"][0]["quantities"] == [{"value": 3, "unit": "tanks", "text": "three"}]
    speakers = sorted(str(q["speaker_name"]) for q in data["quotes"])
    assert speakers == ["Dmitry Peskov", "None", "Volodymyr Zelensky"]
    assert set(data["articles"]) == {"a1", "a2"}


def test_report_filters_by_region_type_and_date(db: Path) -> None:
    with open_store(db) as store:
        kharkiv = report_data(store, ReportFilters(regions=("kharkiv",)))
        assaults = report_data(store, ReportFilters(types=("ASSAULT",), since="2022-09-12"))
        by_country = report_data(store, ReportFilters(regions=("UKR",)))
    assert sorted(e["id"] for e in kharkiv["events"]) == ["e1", "e2", "e5"]
    assert [e["id"] for e in assaults["events"]] == ["e5"]
    # Only the articles with a matching event count, and only their quotes are shown.
    assert assaults["meta"]["articles"] == 1
    assert [q["speaker_name"] for q in assaults["quotes"]] == ["Dmitry Peskov"]
    assert by_country["meta"]["events"] == 4  # the unplaced event has no country


def test_report_script_json_cannot_close_its_element() -> None:
    text = script_json({"x": HOSTILE + "<!-- \u2028"})
    assert "<" not in text
    assert ">" not in text
    assert "\u2028" not in text
    assert json.loads(text) == {"x": HOSTILE + "<!-- \u2028"}


def test_report_page_is_self_contained_and_embeds_the_data(db: Path) -> None:
    with open_store(db) as store:
        page = render_report(store, title="Kharkiv <week>")
    assert "<title>Kharkiv &lt;week&gt;</title>" in page
    # No external resource in the markup: nothing loads from http(s) or protocol-relative URLs
    # (strings inside the vendored scripts, such as Leaflet's own link, are not markup).
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", markup)
    assert "L.markerClusterGroup" in page
    assert "topojson" in page
    assert embedded(page, "ew-data")["meta"]["events"] == 5
    basemap = embedded(page, "ew-basemap")
    assert {"countries", "admin1-ukr"} <= set(basemap)
    assert basemap["admin1-ukr"]["type"] == "Topology"
    assert "connect-src 'none'" in html.unescape(page)


def test_report_page_keeps_hostile_text_inside_the_data(tmp_path: Path) -> None:
    db = make_db(tmp_path / "evil.db", [hostile_record()])
    with open_store(db) as store:
        page = render_report(store)
    # The markup occurs only escaped: the one raw `</script>` per script element is ours.
    assert "window.__ewPwned" not in page.split('id="ew-data">', 1)[0]
    assert page.count("<script") == page.count("</script>")
    assert "<img" not in page
    data = embedded(page, "ew-data")
    assert data["events"][0]["evidence_text"] == HOSTILE
    # Only the page's own scripts may run: the CSP lists their hashes, not 'unsafe-inline'.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    scripts_rule = html.unescape(csp.group(1)).split("style-src")[0]
    assert "script-src 'sha256-" in scripts_rule
    assert "unsafe-inline" not in scripts_rule


def test_report_write_report_creates_parent_folders(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "report.html"
    with open_store(db) as store:
        meta = write_report(store, out)
    assert out.exists()
    assert meta["events"] == 5


def test_report_cli_writes_file_and_rejects_bad_input(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    cmd = [sys.executable, "-m", "eventwire", "report", "--db", str(db), "-o", str(out)]
    done = subprocess.run([*cmd, "--region", "Kherson Oblast"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 events from 1 articles" in done.stderr
    assert embedded(out.read_text(encoding="utf-8"), "ew-data")["meta"]["events"] == 1
    bad = subprocess.run([*cmd, "--since", "2022-02-30"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "not a date" in bad.stderr
    missing = [sys.executable, "-m", "eventwire", "report", "--db", str(tmp_path / "no.db")]
    gone = subprocess.run(missing, capture_output=True, text=True)
    assert gone.returncode == 2
    assert "does not exist" in gone.stderr
