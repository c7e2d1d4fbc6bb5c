"""parley's command line: extract, ingest, query, export, stats and kb."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .ingest import IngestError, read
from .record import Article
from .store import DEFAULT_DB, TABLES, Store, StoreError

FORMATS = ("jsonl", "json", "table")
INPUT_FORMATS = ("text", "html", "jsonl", "csv", "feed", "warc")


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _err(msg: str) -> None:
    click.echo(f"parley: {msg}", err=True)


def _articles(paths: tuple[str, ...], date: str | None, lang: str | None, fetch: bool,
              failures: list[IngestError], fmt: str | None = None) -> Iterator[Article]:
    for item in read(paths, default_date=date, language=lang, fetch=fetch, fmt=fmt):
        if isinstance(item, IngestError):
            failures.append(item)
            _err(f"error: {item}")
        else:
            yield item


def _extractor(pipeline: str | None, partial_events: bool = False):  # noqa: ANN202
    from .actors.kb import KBError
    from .nlp import PipelineNotFound
    from .pipeline import Extractor

    try:
        return Extractor(pipeline, partial_events=partial_events)
    except (PipelineNotFound, KBError) as e:
        raise click.ClickException(str(e)) from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley")
def main() -> None:
    """parley: turn news reports on diplomacy and conflict into event data you can check.

    \b
    Example:
      parley extract article.txt --date 2025-05-19 --format table
      parley ingest demo/corpus && parley stats
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: one record per line; json: an indented array; table: a readable summary.")
@click.option("--date", metavar="YYYY-MM-DD", callback=_check_date, help="Publication date for inputs that have none.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), help="Read every input as this format (for '-').")
@click.option("--lang", metavar="CODE", help="Force the language (otherwise from the input or identified).")
@click.option("--pipeline", metavar="NAME_OR_PATH", help="Another installed spaCy pipeline to use.")
@click.option("--fetch", is_flag=True, help="Download the pages that RSS/Atom entries link to (needs a network).")
@click.option("--partial-events", is_flag=True,
              help="Also report dyadic events whose target the text leaves unnamed (off: both sides required).")
def extract(paths: tuple[str, ...], fmt: str, date: str | None, input_format: str | None, lang: str | None,
            pipeline: str | None, fetch: bool, partial_events: bool) -> None:
    """Write one document record per article to standard output.

    PATHS are files or folders of text, HTML, JSONL/JSON/CSV batches, RSS/Atom feeds or WARC
    archives; '-' reads standard input. Errors go to standard error, one line per bad input,
    and the exit status is 1 when any input failed.

    \b
    Example:
      parley extract seed-article.txt --date 2025-05-19 --format jsonl
    """
    failures: list[IngestError] = []
    ex = _extractor(pipeline, partial_events)
    records = []
    for doc in ex.documents(_articles(paths, date, lang, fetch, failures, input_format)):
        d = doc.to_dict()
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt == "json":
            records.append(d)
        else:
            from .export import print_document

            print_document(d)
    if fmt == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if failures:
        _err(f"{len(failures)} input(s) failed")
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The DuckDB store to write.")
@click.option("--date", metavar="YYYY-MM-DD", callback=_check_date, help="Publication date for inputs that have none.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), help="Read every input as this format (for '-').")
@click.option("--lang", metavar="CODE", help="Force the language.")
@click.option("--pipeline", metavar="NAME_OR_PATH", help="Another installed spaCy pipeline to use.")
@click.option("--fetch", is_flag=True, help="Download the pages that RSS/Atom entries link to.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--partial-events", is_flag=True,
              help="Also report dyadic events whose target the text leaves unnamed (off: both sides required).")
def ingest(paths: tuple[str, ...], db: str, date: str | None, input_format: str | None, lang: str | None,
           pipeline: str | None, fetch: bool, quiet: bool, partial_events: bool) -> None:
    """Extract articles and store their records in a DuckDB file.

    An article already stored with the same content is left alone; a changed one has its
    rows replaced in one transaction.

    \b
    Example:
      parley ingest demo/corpus --db parley.duckdb
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, quiet=quiet)
    failures: list[IngestError] = []
    tally = {"added": 0, "replaced": 0, "unchanged": 0}
    try:
        store = Store(db)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    ex = _extractor(pipeline, partial_events)
    articles = list(_articles(paths, date, lang, fetch, failures, input_format))
    with store, Progress(TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                         TextColumn("{task.description}"), console=console, disable=quiet) as bar:
        task = bar.add_task("", total=len(articles))
        for doc in ex.documents(articles):
            try:
                tally[store.put(doc)] += 1
            except Exception as e:  # one bad record must not stop the batch
                failures.append(IngestError(doc.article.input or doc.article.id, f"not stored: {e}"))
                _err(f"error: {failures[-1]}")
            bar.update(task, advance=1, description=doc.article.id[:40])
        if not quiet:
            from .export import print_summary

            print_summary(store, console=console, tally=tally, db=db)
    if failures:
        _err(f"{len(failures)} input(s) failed")
        sys.exit(1)


@main.command()
@click.argument("sql")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The DuckDB store to read.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def query(sql: str, db: str, fmt: str) -> None:
    """Run read-only SQL on the store and print the result.

    \b
    Example:
      parley query "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"
    """
    import duckdb

    from .export import print_rows

    if not sql.strip():
        raise click.ClickException("empty query")
    try:
        with Store(db, read_only=True, sandbox=True) as store:
            cols, rows = store.query(sql)
    except (StoreError, duckdb.Error) as e:
        raise click.ClickException(str(e).splitlines()[0]) from e
    print_rows(cols, rows, fmt)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The DuckDB store to read.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--out", required=True, type=click.Path(), help="jsonl: a file of document records; "
              "csv/parquet: a folder with one file per table.")
@click.option("--table", type=click.Choice(TABLES), help="Export only this table (csv/parquet).")
def export(db: str, fmt: str, out: str, table: str | None) -> None:
    """Write the stored records as JSONL documents, or the tables as CSV or Parquet.

    \b
    Example:
      parley export --format parquet --out exports/
    """
    from .export import export_store

    import duckdb

    try:
        with Store(db, read_only=True) as store:
            written = export_store(store, fmt, Path(out), [table] if table else list(TABLES))
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    except (OSError, duckdb.Error) as e:
        raise click.ClickException(f"{out}: cannot write the export: {str(e).splitlines()[0]}") from e
    for path, n in written:
        click.echo(f"wrote {n} rows to {path}")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The DuckDB store to read.")
def stats(db: str) -> None:
    """Summarise the store: articles by source and language, counts of actors, quotes and events.

    \b
    Example:
      parley stats --db parley.duckdb
    """
    from .export import print_summary

    try:
        with Store(db, read_only=True) as store:
            print_summary(store, db=db)
    except StoreError as e:
        raise click.ClickException(str(e)) from e


@main.group()
def kb() -> None:
    """Look up and extend the knowledge base of states, organisations and people.

    \b
    Example:
      parley kb search zelensky
    """


@kb.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True)
def kb_search(text: str, limit: int) -> None:
    """Entries whose names or aliases contain TEXT.

    \b
    Example:
      parley kb search "von der leyen"
    """
    from .actors.kb import KBError, default_kb
    from .export import print_rows

    try:
        kb_ = default_kb()
    except KBError as e:
        raise click.ClickException(str(e)) from e
    rows = [(r["kind"], r["id"], r["name"], r["matched"]) for r in kb_.search(text, limit)]
    if not rows:
        raise click.ClickException(f"nothing in the knowledge base matches {text!r}")
    print_rows(["kind", "id", "name", "matched"], rows)


@kb.command("show")
@click.argument("entry_id")
def kb_show(entry_id: str) -> None:
    """One entry in full (JSON): a person's offices with dates, a state's names and seats.

    \b
    Example:
      parley kb show vladimir-putin
    """
    from .actors.kb import default_kb

    e = default_kb().entry(entry_id)
    if e is None:
        raise click.ClickException(f"no knowledge-base entry {entry_id!r} (try: parley kb search NAME)")
    click.echo(json.dumps(e, ensure_ascii=False, indent=2, default=str))


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def kb_import(file: Path) -> None:
    """Add or update people from a CSV, JSON or Wikidata JSON export (P39 positions, P569 birth dates).

    Entries go to the user knowledge base ($PARLEY_KB, default ~/.parley/kb-user.json) and take
    effect in the next run.

    \b
    Example:
      parley kb import ministers.csv
    """
    from .actors.kb import default_kb, user_kb_path
    from .actors.kb_import import ImportError_, import_file

    from .actors.kb import KBError

    try:
        n, warnings = import_file(file, default_kb())
    except (ImportError_, OSError, KBError) as e:
        raise click.ClickException(str(e)) from e
    for w in warnings:
        _err(f"warning: {w}")
    click.echo(f"imported {n} people into {user_kb_path()}")


if __name__ == "__main__":
    main()
