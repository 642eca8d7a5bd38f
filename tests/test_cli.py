"""cli: every verb through the installed ``eventwire`` entry point, as a user runs it."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, shared_path
from eventwire.gazetteer import Gazetteer
from eventwire.schema import validate

BIN = Path(sys.executable).parent / "eventwire"
VERBS = ("extract", "ingest", "export")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "eventwire"]
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module", autouse=True)
def _index(gazetteer: Gazetteer) -> None:
    """Build the gazetteer before the first subprocess needs it."""


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb: str) -> None:
    result = run(verb, "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout
    if verb != "ingest":
        assert "--format" in result.stdout
        assert "-o, --output" in result.stdout


def test_extract_writes_valid_records_for_the_example() -> None:
    result = run("extract", str(EXAMPLE), "--published", "2022-09-12", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert validate(records[0]) == []
    assert records[0]["article"]["published"] == "2022-09-12"
    assert records[0]["events"]


def test_extract_reads_stdin_and_raw_keeps_offsets_on_the_input() -> None:
    text = "WAR FRONT - Russian forces shelled Kupiansk yesterday.\n"
    result = run("extract", "-", "--raw", "--published", "2022-09-12", stdin=text)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["article"]["text"] == text
    assert validate(record) == []


def test_extract_csv_acled_profile_and_geojson(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = run(
        "extract",
        str(EXAMPLE),
        "--published",
        "2022-09-12",
        "--format",
        "csv",
        "--profile",
        "acled",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert {"event_date", "event_type", "sub_event_type", "latitude", "notes"} <= set(rows[0])
    geo = run("extract", str(EXAMPLE), "--published", "2022-09-12", "--format", "geojson")
    assert geo.returncode == 0, geo.stderr
    collection = json.loads(geo.stdout)
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Russian forces shelled Kupiansk on Saturday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "latin1.txt").write_bytes(
        "Les forces russes ont bombardé Kharkiv.".encode("latin-1")
    )
    (tmp_path / "feed.xml").write_text("<rss><channel><item>", encoding="utf-8")
    lines = ['{"id": "a", "text": "Russian troops shelled Izium."}', "{not json", '{"id": "c"}']
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--published", "2022-09-12")
    assert result.returncode == 1
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert "a" in ids
    assert len(ids) == 3
    err = result.stderr
    assert f"{tmp_path / 'empty.txt'}:1: error E001" in err
    assert f"{tmp_path / 'binary.txt'}:1: error E002" in err
    assert f"{tmp_path / 'latin1.txt'}:1: warning E003" in err
    assert f"{tmp_path / 'batch.jsonl'}:2: error E006" in err
    assert f"{tmp_path / 'batch.jsonl'}:3: error E007" in err
    assert "feed.xml" in err
    assert "E008" in err


def test_ingest_twice_changes_nothing_then_export(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    first = run("ingest", str(EXAMPLE), "--published", "2022-09-12", "--db", str(db))
    assert first.returncode == 0, first.stderr
    counts = _counts(db)
    assert counts["articles"] == 1
    assert counts["events"] > 0
    again = run("ingest", str(EXAMPLE), "--published", "2022-09-12", "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert _counts(db) == counts
    exported = run("export", "--db", str(db), "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    assert validate(json.loads(exported.stdout.splitlines()[0])) == []


def test_export_of_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    result = run("export", "--db", str(tmp_path / "nope.db"))
    assert result.returncode == 2
    assert "eventwire ingest" in result.stderr


def test_bad_published_date_is_a_usage_error() -> None:
    result = run("extract", str(EXAMPLE), "--published", "12/09/2022")
    assert result.returncode == 2
    assert "2022-09-12" in result.stderr


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        tables = ("articles", "events", "quotes", "places", "entities")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608
    finally:
        con.close()


def test_eval_without_the_dev_data_is_a_usage_error(tmp_path: Path) -> None:
    result = run("eval", "plover", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_eval_plover_prints_its_figures_as_json() -> None:
    data = shared_path("data", "plover-gsr").parent
    result = run("eval", "plover", "--data", str(data), "--split", "heldout")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["split"] == "heldout"
    assert figures["rows"] > 0
    assert 0.0 < figures["accuracy"] <= 1.0


def test_bench_json_reports_ratio_throughput_memory_and_stages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, town in enumerate(("Izium", "Balakliia")):
        (corpus / f"a{i}.txt").write_text(
            f"Russian forces shelled {town} on Monday, killing two civilians.\n\n"
            f'"We will rebuild," the mayor said.\n',
            encoding="utf-8",
        )
    result = run("bench", "--corpus", str(corpus), "--repeat", "2", "--no-cold-start", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["articles"] == 2
    assert figures["workers"] == 1
    assert figures["ratio"] > 0
    runs = figures["ratio_runs"]
    assert runs["min"] <= runs["median"] <= runs["max"]
    assert figures["articles_per_s"] > 0
    assert figures["words_per_s"] > figures["articles_per_s"]
    assert figures["peak_rss_mb"] > 50
    assert figures["cold_start_s"] is None
    assert {"nlp", "places", "actors", "quotes", "events"} <= set(figures["stages_s"])


def test_cli_theatre_flag_reaches_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from eventwire import cli

    seen: list[bool] = []

    def fake_pipeline(batch_size: int, theatre: bool = False) -> object:
        seen.append(theatre)
        raise SystemExit(0)

    monkeypatch.setattr(cli, "_pipeline", fake_pipeline)
    runner = CliRunner()
    for flags, want in (([], False), (["--theatre"], True)):
        result = runner.invoke(cli.main, ["extract", "-", *flags], input="Shelling in Izium.")
        assert result.exit_code == 0, result.output
        assert seen[-1] is want
