"""The ``eventwire`` command: extract, ingest, export (the terminal belongs here, not to stages)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.records import Article, Record

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("jsonl", "csv", "geojson")
DEFAULT_DB = "eventwire.db"
DB_HELP = "SQLite database file, or a postgresql://user@host/database URL (or set EVENTWIRE_DB)."


def input_options(fn: F) -> F:
    """Add the options every extracting verb shares (contract: --published, --raw)."""
    fn = click.argument("inputs", nargs=-1, required=True)(fn)
    fn = click.option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Publication date for inputs that carry none; relative dates resolve against it.",
    )(fn)
    fn = click.option(
        "--raw",
        is_flag=True,
        help="Take text inputs verbatim: no cleaning, offsets index the input.",
    )(fn)
    fn = click.option(
        "--workers",
        default=1,
        show_default=True,
        help="Processes, each loading the model once; output order is input order.",
    )(fn)
    fn = click.option(
        "--theatre",
        is_flag=True,
        help="Let towns that earlier articles of this run name unambiguously choose between "
        "same-name villages; records then depend on input order (with --workers or --dask, "
        "each process keeps its own).",
    )(fn)
    fn = click.option(
        "--dask",
        "dask_address",
        metavar="ADDRESS",
        envvar="EVENTWIRE_DASK",
        help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' "
        "(--workers processes here); same output, in input order ([dask] extra).",
    )(fn)
    return click.option(
        "--batch-size",
        default=16,
        show_default=True,
        help="Articles per spaCy batch and per store transaction.",
    )(fn)


def output_options(*, default: str = "jsonl", profile: bool = True) -> Callable[[F], F]:
    """Add the output flags every verb that writes records shares."""

    def deco(fn: F) -> F:
        fn = click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default=default,
            show_default=True,
            help="Output format.",
        )(fn)
        fn = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, writable=True),
            help="Write here instead of standard output.",
        )(fn)
        if profile:
            fn = click.option(
                "--profile",
                type=click.Choice(["eventwire", "acled"]),
                default="eventwire",
                show_default=True,
                help="CSV columns: eventwire's own, or ACLED's names.",
            )(fn)
        return fn

    return deco


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: war and crisis reports in, sourced and geocoded events out (eventwire/1)."""


@main.command()
@input_options
@output_options()
def extract(
    inputs: tuple[str, ...],
    published: str | None,
    raw: bool,
    workers: int,
    dask_address: str | None,
    theatre: bool,
    batch_size: int,
    fmt: str,
    output: str | None,
    profile: str,
) -> None:
    """Read INPUTS (files, folders, feeds, JSONL, or - for stdin) and write their records."""
    published = _check_date(published)
    report = _Report()
    records = _records(
        report.articles(inputs, published, raw), workers, batch_size, dask_address, theatre
    )
    with _open_out(output) as out:
        _write(records, out, fmt, profile, report)
    sys.exit(report.finish())


@main.command()
@input_options
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="EVENTWIRE_DB", help=DB_HELP)
def ingest(
    inputs: tuple[str, ...],
    published: str | None,
    raw: bool,
    workers: int,
    dask_address: str | None,
    theatre: bool,
    batch_size: int,
    db: str,
) -> None:
    """Extract INPUTS and store their records in the database (same input twice changes nothing)."""
    from eventwire.store import StoreError, open_store

    published = _check_date(published)
    report = _Report()
    records = _records(
        report.articles(inputs, published, raw), workers, batch_size, dask_address, theatre
    )
    try:
        with open_store(db) as store:
            stats = store.write(report.progress(records), batch_size=batch_size)
            counts = store.counts()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    report.summary(_store_label(db), stats, counts)
    sys.exit(report.finish())


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="EVENTWIRE_DB", help=DB_HELP)
@click.option("--since", metavar="YYYY-MM-DD", help="Only events on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only events on or before this date.")
@click.option("--type", "types", multiple=True, help="Only these PLOVER types (repeatable).")
@output_options()
def export(
    db: str,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    fmt: str,
    output: str | None,
    profile: str,
) -> None:
    """Write the stored events as JSONL records, CSV rows or GeoJSON features."""
    from eventwire import export as exp
    from eventwire.store import StoreError, open_store

    _require_store(db)
    filters: dict[str, Any] = {"since": _check_date(since), "until": _check_date(until)}
    if types:
        filters["type"] = [t.upper() for t in types]
    try:
        with open_store(db) as store, _open_out(output) as out:
            if fmt == "jsonl":
                exp.write_jsonl(store.records(**filters), out)
            elif fmt == "csv":
                exp.write_csv(store.events(**filters), out, profile=profile)
            else:
                exp.write_geojson(store.events(**filters), out)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of inputs (default: examples/ repeated to about 1 MB).",
)
@click.option("--repeat", default=3, show_default=True, help="Timed runs of each side.")
@click.option("--workers", default=1, show_default=True, help="eventwire processes.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object for machines.")
@click.option("--no-cold-start", is_flag=True, help="Skip timing a fresh `eventwire extract`.")
def bench(
    corpus: Path | None, repeat: int, workers: int, as_json: bool, no_cold_start: bool
) -> None:
    """Measure throughput and peak memory against spaCy's own nlp.pipe on the same texts."""
    from eventwire import bench as bench_mod

    say = None if as_json else (lambda msg: click.echo(msg, err=True))
    try:
        result = bench_mod.run(corpus, repeat, workers, not no_cold_start, say).as_dict()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result))
        return
    for key, value in result.items():
        click.echo(f"{key:>16}: {value}")


class _Report:
    """Collects rejected inputs and counts; prints them to standard error at the end."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.articles_seen = 0
        self.events_seen = 0
        self.err = sys.stderr

    def articles(
        self, inputs: tuple[str, ...], published: str | None, raw: bool
    ) -> Iterator[Article]:
        from eventwire.sources import iter_inputs

        for item in iter_inputs(list(inputs), published=published, raw=raw):
            if isinstance(item, InputError):
                self.errors.append(item)
                click.echo(str(item), err=True)
                continue
            self.articles_seen += 1
            yield item

    def progress(self, records: Iterator[Record]) -> Iterator[Record]:
        if not self.err.isatty():
            yield from records
            return
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task("articles: 0", total=None)
            for i, rec in enumerate(records, 1):
                bar.update(task, description=f"articles: {i}  events: {self.events_seen}")
                self.events_seen += len(rec.events)
                yield rec

    def summary(self, db: str, stats: Any, counts: dict[str, int]) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"eventwire ingest -> {db}")
        table.add_column("what")
        table.add_column("count", justify="right")
        table.add_row("articles read", str(self.articles_seen))
        table.add_row("inputs rejected", str(sum(not e.warning for e in self.errors)))
        for name, n in counts.items():
            table.add_row(f"{name} in store", str(n))
        Console(stderr=True).print(table)

    def finish(self) -> int:
        """Return the exit code: 1 when any input was rejected, else 0."""
        rejected = [e for e in self.errors if not e.warning]
        if rejected:
            click.echo(f"eventwire: {len(rejected)} input(s) rejected (see above)", err=True)
            return 1
        return 0


def _records(
    articles: Iterator[Article],
    workers: int,
    batch_size: int,
    dask_address: str | None = None,
    theatre: bool = False,
) -> Iterator[Record]:
    if workers < 1:
        raise click.BadParameter("--workers must be 1 or more")
    if dask_address:
        return _records_on_dask(articles, workers, batch_size, dask_address, theatre)
    if workers == 1:
        return _pipeline(batch_size, theatre).process(articles)  # type: ignore[no-any-return]
    from eventwire.parallel import process_parallel

    _pipeline_ready()
    return process_parallel(articles, workers, batch_size=batch_size, theatre=theatre)


def _records_on_dask(
    articles: Iterator[Article], workers: int, batch_size: int, address: str, theatre: bool
) -> Iterator[Record]:
    from eventwire.cluster import ClusterError, DaskPool

    if address == "local":
        _pipeline_ready()  # local workers share this machine's place index
    try:
        pool = DaskPool(address, workers=workers, batch_size=batch_size, theatre=theatre)
    except ClusterError as exc:
        raise click.ClickException(str(exc)) from exc
    with pool:
        yield from pool.process(articles)


def _pipeline_ready() -> None:
    """Build the place index in the parent, so workers do not race to build it."""
    from eventwire.gazetteer import Gazetteer

    Gazetteer.open()


def _pipeline(batch_size: int, theatre: bool = False) -> Any:
    from eventwire.gazetteer import default_path
    from eventwire.pipeline import Pipeline

    if not default_path().exists():
        click.echo(f"eventwire: building the place index once at {default_path()} ...", err=True)
    try:
        return Pipeline(batch_size=batch_size, theatre=theatre)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc


def _write(records: Iterator[Record], out: TextIO, fmt: str, profile: str, report: _Report) -> None:
    from eventwire import export as exp

    def counted() -> Iterator[Record]:
        for rec in records:
            report.events_seen += len(rec.events)
            yield rec

    if fmt == "jsonl":
        exp.write_jsonl(counted(), out)
    else:
        rows = exp.event_rows(counted())
        if fmt == "csv":
            exp.write_csv(rows, out, profile=profile)
        else:
            exp.write_geojson(rows, out)


@contextlib.contextmanager
def _open_out(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _is_url(db: str) -> bool:
    return "://" in db and not db.startswith("sqlite:///")


def _store_label(db: str) -> str:
    """Return ``db`` as it may be printed: a server URL loses its password."""
    if _is_url(db):
        from eventwire.store.postgres import display_url

        return display_url(db)
    return db


def _require_store(db: str) -> None:
    """Refuse a store file that does not exist (a server store is checked when opened)."""
    path = db.removeprefix("sqlite:///")
    if not _is_url(db) and not Path(path).exists():
        raise click.UsageError(f"database {db} does not exist: run `eventwire ingest` first")


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2022-09-12") from None


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="EVENTWIRE_DB", help=DB_HELP)
@click.option(
    "-o",
    "--output",
    default="report.html",
    show_default=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The HTML file to write.",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only events on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only events on or before this date.")
@click.option("--type", "types", multiple=True, help="Only these PLOVER types (repeatable).")
@click.option(
    "--region",
    "regions",
    multiple=True,
    help="Only events in this admin1 region or ISO3 country (repeatable).",
)
@click.option("--title", help="Title at the top of the report.")
def report(
    db: str,
    output: str,
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    regions: tuple[str, ...],
    title: str | None,
) -> None:
    """Write a self-contained HTML situation report (map, timeline, tables) that opens offline."""
    from eventwire.report import ReportFilters, write_report
    from eventwire.store import StoreError, open_store

    _require_store(db)
    filters = ReportFilters(
        since=_check_date(since),
        until=_check_date(until),
        types=tuple(t.upper() for t in types),
        regions=regions,
    )
    try:
        with open_store(db) as store:
            meta = write_report(store, output, filters, title=title)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"eventwire: wrote {output}: {meta['events']} events from {meta['articles']} articles, "
        f"{meta['unlocated']} not placed",
        err=True,
    )


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="EVENTWIRE_DB", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--ingest-token",
    envvar="EVENTWIRE_INGEST_TOKEN",
    help="Turn POST /api/ingest on for clients sending this bearer token "
    "(or set EVENTWIRE_INGEST_TOKEN).",
)
@click.option(
    "--max-body",
    default=2 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(1),
    help="Largest ingest body in bytes.",
)
def serve(db: str, host: str, port: int, ingest_token: str | None, max_body: int) -> None:
    """Serve the live map, timeline and JSON API over the database (extra [web])."""
    try:
        import uvicorn

        from eventwire.web import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web app needs the [web] extra ({exc.name} is missing): "
            "pip install 'eventwire[web]'"
        ) from exc
    _require_store(db)
    app = create_app(db, ingest_token=ingest_token or None, max_body=max_body)
    state = "on (token set)" if ingest_token else "off (no token)"
    click.echo(
        f"eventwire: serving {_store_label(db)} at http://{host}:{port}/ ; ingest {state}", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="info")


# --- eval: the quality figures of docs/quality.md, reproduced from the dev data ---------------

DEFAULT_DATA = "../shared/data"


def _data_file(data: str, *parts: str) -> Path:
    path = Path(data, *parts)
    if not path.exists():
        raise click.UsageError(f"{path} does not exist: point --data at the dev data folder")
    return path


def _print_figures(figures: dict[str, Any]) -> None:
    click.echo(json.dumps(figures, ensure_ascii=False, indent=1, default=str))


def data_option(fn: F) -> F:
    """Add --data: the folder holding the dev data sets (never part of the repository)."""
    return click.option(
        "--data",
        default=DEFAULT_DATA,
        show_default=True,
        type=click.Path(file_okay=False),
        help="Folder with the dev data sets (acled-ukraine-2022-dev.csv, geowebnews/, ...).",
    )(fn)


def split_option(fn: F) -> F:
    """Add --split: the held-out fifth (reported figures) or the tuning part."""
    return click.option(
        "--split",
        type=click.Choice(["heldout", "tune", "all"]),
        default="heldout",
        show_default=True,
        help="Rows never tuned on (heldout), the tuning part, or all.",
    )(fn)


@main.group(name="eval")
def eval_() -> None:
    """Measure eventwire against the dev data sets; prints one JSON object per run."""


@eval_.command(name="geo")
@data_option
@split_option
@click.option("--limit", type=click.IntRange(1), help="Only the first N ACLED rows of the split.")
@click.option("--theatre", is_flag=True, help="ACLED rows read as one run (ingest --theatre).")
def eval_geo(data: str, split: str, limit: int | None, theatre: bool) -> None:
    """Places: GeoWebNews recall and accuracy@161 km; ACLED geo_precision-1 rows within 25 km.

    Both on the same split (GeoWebNews: every fifth article is held out).
    """
    from eventwire.evaluate import evaluate_acled
    from eventwire.places import evaluate_geowebnews

    gwn = evaluate_geowebnews(_data_file(data, "geowebnews", "GWN.xml"), split=split)
    acled = evaluate_acled(
        _data_file(data, "acled-ukraine-2022-dev.csv"), split=split, limit=limit, theatre=theatre
    )
    keys = (
        "split", "rows", "geo_precision1_rows", "geo_within_25km", "geo_within_25km_main",
        "geo_within_25km_main_by_homonyms",
    )  # fmt: skip
    _print_figures({"geowebnews": gwn, "acled": {k: acled[k] for k in keys if k in acled}})


@eval_.command(name="acled")
@data_option
@split_option
@click.option("--limit", type=click.IntRange(1), help="Only the first N rows of the split.")
@click.option("--theatre", is_flag=True, help="Rows read as one run (ingest --theatre).")
def eval_acled(data: str, split: str, limit: int | None, theatre: bool) -> None:
    """Events: ACLED event_type, sub_event_type, fatalities, actor1 country, geo within 25 km."""
    from eventwire.evaluate import evaluate_acled

    path = _data_file(data, "acled-ukraine-2022-dev.csv")
    _print_figures(evaluate_acled(path, split=split, limit=limit, theatre=theatre))


@eval_.command(name="plover")
@data_option
@split_option
def eval_plover(data: str, split: str) -> None:
    """Events: PLOVER category accuracy on the PLOVER gold-standard records."""
    from eventwire.evaluate import evaluate_plover

    _print_figures(
        evaluate_plover(_data_file(data, "plover-gsr", "PLOVER_GSR_CAMEO.txt"), split=split)
    )


@eval_.command(name="polnear")
@data_option
@click.option(
    "--part",
    type=click.Choice(["dev", "train"]),
    default="dev",
    show_default=True,
    help="PolNeAR part: dev (reported) or train (tuned on).",
)
@click.option("--limit", type=click.IntRange(1), help="Only the first N texts.")
def eval_polnear(data: str, part: str, limit: int | None) -> None:
    """Quotes and claims: attribution precision, recall and F1 on PolNeAR."""
    from eventwire.quotes import evaluate_polnear

    _print_figures(evaluate_polnear(_data_file(data, "polnear", part), limit=limit))


@eval_.command(name="extraction")
@data_option
def eval_extraction(data: str) -> None:
    """Inputs: main-text extraction precision, recall and F1 on the HTML benchmark."""
    from eventwire.sources import evaluate_extraction

    _print_figures(evaluate_extraction(_data_file(data, "article-extraction-benchmark")))
