"""Tests for eventwire.sources: every input kind, and every kind of bad input."""

from __future__ import annotations

import io
import sys
import tracemalloc
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.records import Article
from eventwire.sources import evaluate_extraction, input_kind, iter_inputs
from eventwire.sources import text as text_source

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCH = SHARED / "data" / "article-extraction-benchmark"

REPORT = (
    "Drone strike closes the Ostrivka ferry\n"
    "\n"
    "A drone struck the ferry landing at Ostrivka on Tuesday morning, the port authority said.\n"
    "\n"
    "Share this article\n"
    "\n"
    "The crossing will stay closed until engineers have inspected the pier, officials added.\n"
)


def run(*paths: str | Path, **kwargs: object) -> list[Article | InputError]:
    return list(iter_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text ---------------------------------------------------------------------------


def test_txt_yields_cleaned_article_with_title_and_fallback_date(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", REPORT)
    [article] = run(path, published="2023-03-14")
    assert isinstance(article, Article)
    assert article.title == "Drone strike closes the Ostrivka ferry"
    assert article.published == "2023-03-14"
    assert article.origin == f"{path}:1"
    assert "Share this article" not in article.text
    assert article.text.startswith("Drone strike closes the Ostrivka ferry\n\nA drone struck")


def test_txt_id_is_stable_and_depends_on_text(tmp_path: Path) -> None:
    first = run(write(tmp_path, "a.txt", REPORT))[0]
    again = run(write(tmp_path, "copy/b.txt", REPORT))[0]
    other = run(write(tmp_path, "c.txt", REPORT + "\nOne more line.\n"))[0]
    assert isinstance(first, Article)
    assert isinstance(again, Article)
    assert isinstance(other, Article)
    assert first.id == again.id
    assert first.id != other.id


def test_txt_raw_keeps_text_verbatim(tmp_path: Path) -> None:
    [article] = run(write(tmp_path, "ferry.txt", REPORT), raw=True)
    assert isinstance(article, Article)
    assert article.text == REPORT


def test_txt_first_line_that_is_a_sentence_is_not_a_title(tmp_path: Path) -> None:
    body = "The ferry stopped running on Tuesday after the strike.\n\nEngineers came later.\n"
    [article] = run(write(tmp_path, "s.txt", body))
    assert isinstance(article, Article)
    assert article.title is None


def test_published_is_normalised_and_bad_value_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", REPORT)
    [article] = run(path, published="2023-03-14T10:00:00")
    assert isinstance(article, Article)
    assert article.published == "2023-03-14"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        run(path, published="last Tuesday")


def test_stdin_is_read_as_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("utf-8"))))
    [article] = run("-", published="2023-03-14")
    assert isinstance(article, Article)
    assert article.origin == "<stdin>:1"
    assert article.title == "Drone strike closes the Ostrivka ferry"
    assert "port authority said" in article.text


def test_stdin_text_only_stream_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(REPORT))
    [article] = run("-")
    assert isinstance(article, Article)
    assert "inspected the pier" in article.text


# --- HTML -----------------------------------------------------------------------------------


def test_html_takes_main_text_and_metadata() -> None:
    [article] = run(FIXTURES / "report.html", published="2020-01-01")
    assert isinstance(article, Article)
    assert article.title == "Shelling hits Dovhenke market as defenders hold the river line"
    assert article.source == "Steppe Herald"
    assert article.url == "https://steppe-herald.example/2023/03/14/dovhenke-market"
    assert article.published == "2023-03-14"  # the page's own date wins over the fallback
    assert "wounding four traders" in article.text
    assert "The defenders kept their positions" in article.text
    assert "FRONT LINE" not in article.text
    for furniture in ("Share on Facebook", "Related stories", "cookies", "All rights reserved"):
        assert furniture not in article.text


def test_html_without_main_text_is_e005(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.html", "<html><body><div><<<</div><p></body>")
    [error] = run(path)
    assert isinstance(error, InputError)
    assert (error.code, error.origin, error.warning) == ("E005", f"{path}:1", False)


def test_html_over_limit_is_e004(tmp_path: Path) -> None:
    path = write(tmp_path, "big.html", "<html><body>" + "<p>word</p>" * 200 + "</body></html>")
    [error] = run(path, max_bytes=1000)
    assert isinstance(error, InputError)
    assert error.code == "E004"


# --- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_reports_bad_lines_and_keeps_the_others() -> None:
    path = FIXTURES / "reports.jsonl"
    items = run(path, published="2023-01-01")
    assert [(type(i).__name__, i.origin) for i in items] == [
        ("Article", f"{path}:1"),
        ("InputError", f"{path}:2"),
        ("InputError", f"{path}:3"),
        ("Article", f"{path}:4"),
    ]
    first, bad_json, no_body, from_html = items
    assert isinstance(first, Article)
    assert (first.id, first.title, first.published) == ("r-1", "Bridge repaired", "2023-03-13")
    assert isinstance(bad_json, InputError)
    assert bad_json.code == "E006"
    assert isinstance(no_body, InputError)
    assert no_body.code == "E007"
    assert isinstance(from_html, Article)
    assert from_html.source == "Council bulletin"
    assert from_html.url == "https://example.org/evac"
    assert from_html.published == "2023-01-01"
    assert "evacuation of the river villages" in from_html.text


def test_jsonl_non_object_line_is_e006(tmp_path: Path) -> None:
    path = write(tmp_path, "list.jsonl", '["not", "an", "object"]\n')
    [error] = run(path)
    assert isinstance(error, InputError)
    assert error.code == "E006"
    assert "object" in error.reason


def test_jsonl_latin1_line_is_decoded_with_warning(tmp_path: Path) -> None:
    line = '{"id": "x", "text": "Le caf\u00e9 du port a rouvert lundi."}\n'.encode("latin-1")
    path = write(tmp_path, "l1.jsonl", line)
    warning, article = run(path)
    assert isinstance(warning, InputError)
    assert (warning.code, warning.warning, warning.origin) == ("E003", True, f"{path}:1")
    assert isinstance(article, Article)
    assert "café" in article.text


# --- feeds ---------------------------------------------------------------------------------


def test_rss_entries_become_articles() -> None:
    path = FIXTURES / "feed.rss"
    first, second = run(path, published="2023-01-01")
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.title == "Ferry crossing closed after drone strike"
    assert first.url == "https://steppe-herald.example/2023/03/15/ferry"
    assert first.source == "Steppe Herald: War"
    assert first.published == "2023-03-15"
    assert first.origin == f"{path}:7"
    assert second.published == "2023-01-01"
    assert "hot meals to two hundred residents" in second.text
    assert "damaged its roof" in second.text
    assert "Photo:" not in second.text


def test_atom_entries_become_articles() -> None:
    path = FIXTURES / "feed.atom"
    first, second = run(path)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.url == "https://river-towns.example/power-restored"
    assert first.source == "River Towns Monitor"
    assert first.published == "2023-03-17"
    assert "restored electricity to three villages" in first.text
    assert "Share this article" not in first.text
    assert second.title == "Night curfew extended"
    assert "extended the night curfew" in second.text
    assert first.origin == f"{path}:6"


def test_feed_that_is_not_xml_is_e008(tmp_path: Path) -> None:
    path = write(tmp_path, "news.rss", "this is not xml at all <rss")
    [error] = run(path)
    assert isinstance(error, InputError)
    assert error.code == "E008"


def test_xml_that_is_not_a_feed_is_e008(tmp_path: Path) -> None:
    path = write(tmp_path, "data.xml", "<?xml version='1.0'?><catalog><book/></catalog>")
    [error] = run(path)
    assert isinstance(error, InputError)
    assert error.code == "E008"
    assert "<catalog>" in error.reason


def test_feed_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "feed", (FIXTURES / "feed.atom").read_text(encoding="utf-8"))
    assert input_kind(path) == "feed"
    assert len(articles(run(path))) == 2


# --- folders, URLs, missing and unknown inputs ---------------------------------------------


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", REPORT)
    write(tmp_path, "a/inner.txt", REPORT.replace("Tuesday", "Monday"))
    write(tmp_path, "README.md", "not an input")
    write(tmp_path, ".hidden/secret.txt", REPORT)
    write(tmp_path, "c.jsonl", '{"id": "j1", "text": "The pier reopened on Friday."}\n')
    items = run(tmp_path)
    assert [i.origin for i in items] == [
        f"{tmp_path / 'a' / 'inner.txt'}:1",
        f"{tmp_path / 'b.txt'}:1",
        f"{tmp_path / 'c.jsonl'}:1",
    ]


def test_url_is_refused_without_fetching() -> None:
    [error] = run("https://example.org/news/1")
    assert isinstance(error, InputError)
    assert error.code == "E012"
    assert "not enabled" in error.reason


def test_missing_path_is_e009_and_unknown_kind_is_e010(tmp_path: Path) -> None:
    unknown = write(tmp_path, "notes.md", "# notes")
    missing, odd = run(tmp_path / "nope.txt", unknown)
    assert isinstance(missing, InputError)
    assert isinstance(odd, InputError)
    assert (missing.code, odd.code) == ("E009", "E010")
    assert missing.origin == f"{tmp_path / 'nope.txt'}:1"


# --- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.rss"])
def test_empty_file_is_e001(tmp_path: Path, name: str) -> None:
    [error] = run(write(tmp_path, name, ""))
    assert isinstance(error, InputError)
    assert error.code == "E001"


def test_binary_file_is_e002(tmp_path: Path) -> None:
    [error] = run(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50))
    assert isinstance(error, InputError)
    assert error.code == "E002"


def test_latin1_text_yields_article_and_warning(tmp_path: Path) -> None:
    content = "Le caf\u00e9 du port a rouvert.\n\nLa m\u00e9t\u00e9o est cl\u00e9mente.\n"
    path = write(tmp_path, "latin.txt", content.encode("latin-1"))
    items = run(path)
    [warning] = errors(items)
    [article] = articles(items)
    assert (warning.code, warning.warning) == ("E003", True)
    assert "cp1252" in warning.reason
    assert "café" in article.text
    assert "météo" in article.text


def test_cp1251_text_is_decoded_as_cyrillic(tmp_path: Path) -> None:
    content = "Київ. Ракетна атака на місто сьогодні вранці, повідомила адміністрація."
    path = write(tmp_path, "uk.txt", (content + "\n") * 5)
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))
    items = run(path)
    [article] = articles(items)
    assert "Ракетна атака" in article.text


def test_text_empty_after_cleaning_is_e011(tmp_path: Path) -> None:
    [error] = run(write(tmp_path, "furniture.txt", "Share this article\n\nAdvertisement\n"))
    assert isinstance(error, InputError)
    assert error.code == "E011"


def test_text_over_limit_is_read_in_paragraph_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_source, "PART_BYTES", 400)
    monkeypatch.setattr(text_source, "PART_TARGET", 200)
    paragraph = "The convoy reached the village before dark and unloaded medicine.\n"
    content = "".join(f"Paragraph {n}. {paragraph}\n" for n in range(12))
    path = write(tmp_path, "long.txt", content)
    items = run(path, max_bytes=500)
    warning = items[0]
    assert isinstance(warning, InputError)
    assert (warning.code, warning.warning) == ("E014", True)
    parts = articles(items)
    assert len(parts) > 2
    assert all(len(p.text.encode("utf-8")) <= 400 for p in parts)
    # Parts start at paragraph starts, with the line they start on as origin.
    lines = content.splitlines()
    for part in parts:
        line_no = int(part.origin.rsplit(":", 1)[1])
        assert lines[line_no - 1].startswith("Paragraph")
        assert part.text.startswith(lines[line_no - 1].strip()[:20])
    joined = " ".join(p.text for p in parts)
    assert all(f"Paragraph {n}." in joined for n in range(12))


@pytest.mark.slow
def test_fifty_megabyte_text_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = (
        "Shelling continued overnight near the river crossing, the district command said, "
        "and repair crews were sent to restore power to the pumping station.\n\n"
    )
    block = paragraph * 1000
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    tracemalloc.start()
    try:
        count = 0
        for item in iter_inputs([str(path)]):
            if isinstance(item, Article):
                count += 1
                assert len(item.text) <= text_source.PART_BYTES
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count >= 50
    assert peak < 16 * 1024 * 1024


# --- extraction quality -----------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not BENCH.exists(), reason="../shared article-extraction-benchmark is absent")
def test_extraction_scores_above_floor_on_benchmark() -> None:
    scores = evaluate_extraction(BENCH)
    assert scores["pages"] == 181
    # Floors pinned just under the measured figures (P 0.96, R 0.96, F1 0.955); lowering
    # one is a deliberate act.
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.95
    assert scores["f1"] >= 0.945
