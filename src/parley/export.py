"""Export and display: stored records as JSONL/CSV/Parquet, and readable tables for the terminal."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from .store import Store


def export_store(store: Store, fmt: str, out: Path, tables: list[str]) -> list[tuple[Path, int]]:
    """jsonl: document records in one file; csv/parquet: one file per table in the folder `out`."""
    written: list[tuple[Path, int]] = []
    if fmt == "jsonl":
        if out.is_dir():
            raise OSError(f"{out} is a folder; give a file name for JSONL")
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        n = 0
        with tmp.open("w", encoding="utf-8") as f:
            for d in store.documents():
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
                n += 1
        tmp.replace(out)  # never leave a half-written export behind
        return [(out, n)]
    if out.exists() and not out.is_dir():
        raise OSError(f"{out} is a file; CSV and Parquet exports go to a folder")
    out.mkdir(parents=True, exist_ok=True)
    for t in tables:
        path = out / f"{t}.{fmt}"
        tmp = out / f".{t}.{fmt}.part"
        opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
        target = tmp.as_posix().replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM {t}) TO '{target}' {opts}")
        tmp.replace(path)
        written.append((path, int(store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])))
    return written


def print_rows(cols: list[str], rows: list[tuple], fmt: str = "table") -> None:
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(dict(zip(cols, r)), default=str, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
        return
    table = Table(*cols, show_lines=False)
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    Console().print(table)
    Console(stderr=True).print(f"[dim]{len(rows)} row(s)[/dim]")


def print_document(d: dict[str, Any], console: Console | None = None) -> None:
    """A readable view of one document record: actors, quotes, events and checks."""
    con = console or Console()
    con.rule(f"[bold]{d.get('title') or d['id']}[/bold]  {d.get('published') or ''}  {d.get('language') or ''}")
    for w in d.get("warnings") or []:
        con.print(f"[yellow]warning:[/yellow] {w}")
    names = {a["id"]: a["name"] for a in d.get("actors") or []}
    if d.get("actors"):
        t = Table("id", "actor", "kind", "code", "sector", "mentions", title="actors")
        for a in d["actors"]:
            t.add_row(a["id"], a["name"], a["kind"], a.get("code") or "", a.get("sector") or "",
                      str(len(a.get("mentions") or [])))
        con.print(t)
    if d.get("quotes"):
        t = Table("kind", "speaker", "cue", "quote", title="quotes")
        for q in d["quotes"]:
            t.add_row(q["kind"], names.get(q.get("speaker"), "?"), q.get("cue") or "", q["text"][:120])
        con.print(t)
    if d.get("events"):
        t = Table("type", "mode", "source", "target", "date", "modality", "trigger", title="events")
        for e in d["events"]:
            t.add_row(e["type"], e.get("mode") or "", ", ".join(names.get(s, s) for s in e["source"]),
                      ", ".join(names.get(s, s) for s in e["target"]), e.get("date") or "",
                      ("not " if e.get("negated") else "") + (e.get("modality") or ""), e["trigger"].get("text") or "")
        con.print(t)
    for c in d.get("checks") or []:
        con.print(f"[red]check[/red] {c['kind']}: {c['message']}")


def print_summary(store: Store, console: Console | None = None, tally: dict[str, int] | None = None,
                  db: str = "parley.duckdb") -> None:
    con = console or Console()
    counts = store.counts()
    if tally is not None:
        con.print(f"[bold]{sum(tally.values())}[/bold] article(s) read: {tally['added']} added, "
                  f"{tally['replaced']} replaced, {tally['unchanged']} unchanged")
    _, rows = store.query("SELECT coalesce(source, '(none)'), coalesce(language, '?'), count(*) FROM articles "
                          "GROUP BY 1, 2 ORDER BY 3 DESC, 1")
    t = Table("source", "language", "articles", title=f"{db}: {counts['articles']} articles")
    for r in rows:
        t.add_row(str(r[0]), str(r[1]), str(r[2]))
    con.print(t)
    con.print(f"actors {counts['actors']}  mentions {counts['mentions']}  quotes {counts['quotes']}  "
              f"events {counts['events']}  checks {counts['checks']}")
    con.print("\n[bold]Next:[/bold]\n"
              f"  parley query --db {db} \"SELECT type, count(*) n FROM events GROUP BY type ORDER BY n DESC\"\n"
              f"  parley query --db {db} \"SELECT a.name, q.text FROM quotes q JOIN actors a "
              "ON a.article_id = q.article_id AND a.actor_id = q.speaker LIMIT 10\"\n"
              f"  parley export --db {db} --format parquet --out exports/\n"
              "  parley extract demo/corpus/text --format table")
