"""The store: document records in an embedded DuckDB file (default ./parley.duckdb).

Schema (version 2), one row per:
  articles  id, url, title, published, language, source, text, content_hash, input, metadata, warnings, ingested_at
  actors    article_id, actor_id, name, kind, code, country, sector, roles, kb_id
  mentions  article_id, actor_id, start, end, text, how, title
  quotes    article_id, quote_id, kind, text, start, end, speaker, cue, sentence_start, sentence_end,
            cue_start, cue_end, cue_text
  events    article_id, event_id, type, mode, context, cameo, goldstein, quad_class, source, target,
            date, date_end, negated, modality, trigger_start, trigger_end, trigger_text,
            sentence_start, sentence_end, quote_id, place, confidence, date_text
  checks    article_id, kind, actor_id, claimed, expected, start, end, message
Lists and objects are stored as JSON text. `schema_version` holds the version; opening a
store runs the migrations it lacks. Writing an article is one transaction: an article with
the same content hash is left as it is, a changed one has all its rows replaced.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from .record import Document

SCHEMA_VERSION = 2
DEFAULT_DB = "parley.duckdb"
TABLES = ("articles", "actors", "mentions", "quotes", "events", "checks")

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE articles (id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, published DATE,
             language VARCHAR, source VARCHAR, text VARCHAR, content_hash VARCHAR, input VARCHAR,
             metadata JSON, warnings JSON, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
        """CREATE TABLE actors (article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, code VARCHAR,
             country VARCHAR, sector VARCHAR, roles JSON, kb_id VARCHAR)""",
        """CREATE TABLE mentions (article_id VARCHAR, actor_id VARCHAR, start INTEGER, "end" INTEGER,
             text VARCHAR, how VARCHAR)""",
        """CREATE TABLE quotes (article_id VARCHAR, quote_id VARCHAR, kind VARCHAR, text VARCHAR, start INTEGER,
             "end" INTEGER, speaker VARCHAR, cue VARCHAR, sentence_start INTEGER, sentence_end INTEGER)""",
        """CREATE TABLE events (article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, context JSON,
             cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER, source JSON, target JSON, date DATE,
             date_end DATE, negated BOOLEAN, modality VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
             trigger_text VARCHAR, sentence_start INTEGER, sentence_end INTEGER, quote_id VARCHAR,
             place JSON, confidence DOUBLE)""",
        """CREATE TABLE checks (article_id VARCHAR, kind VARCHAR, actor_id VARCHAR, claimed VARCHAR,
             expected VARCHAR, start INTEGER, "end" INTEGER, message VARCHAR)""",
    ],
    2: [  # what extract writes and version 1 did not keep: mention titles, quote cues, date words
        "ALTER TABLE mentions ADD COLUMN title VARCHAR",
        "ALTER TABLE quotes ADD COLUMN cue_start INTEGER",
        "ALTER TABLE quotes ADD COLUMN cue_end INTEGER",
        "ALTER TABLE quotes ADD COLUMN cue_text VARCHAR",
        "ALTER TABLE events ADD COLUMN date_text VARCHAR",
    ],
}


class StoreError(RuntimeError):
    pass


class Store:
    """A parley store. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, sandbox: bool = False) -> None:
        """`sandbox`: no access to other files (for user SQL: no COPY ... TO, no read_csv)."""
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (run 'parley ingest' first)")
        try:
            config = {"enable_external_access": False} if sandbox else {}
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot open the store: {str(e).splitlines()[0]}") from e
        if not read_only:
            try:
                self.migrate()
            except duckdb.Error as e:
                self.con.close()
                raise StoreError(f"{self.path}: cannot prepare the store: {str(e).splitlines()[0]}") from e
        elif self.version() != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {self.version()}, this parley reads {SCHEMA_VERSION}; "
                             "open it once for writing (parley ingest) to migrate")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------ schema
    def version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0] or 0) if row else 0

    def migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {current} is newer than this parley ({SCHEMA_VERSION})")
        if current == SCHEMA_VERSION:
            return
        if current == 0:
            tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if tables & set(TABLES):
                raise StoreError(f"{self.path}: holds tables that are not a parley store ({', '.join(sorted(tables))})")
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP "
                             "DEFAULT current_timestamp)")
            for v in range(current + 1, SCHEMA_VERSION + 1):
                for sql in MIGRATIONS[v]:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [v])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ writing
    def stored_hash(self, article_id: str) -> str | None:
        row = self.con.execute("SELECT content_hash FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def put(self, doc: Document) -> str:
        """Store one document record: 'added', 'replaced' or 'unchanged'."""
        a = doc.article
        h = a.content_hash
        old = self.stored_hash(a.id)
        if old == h:
            return "unchanged"
        rows = _rows(doc)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for t in TABLES:
                key = "id" if t == "articles" else "article_id"
                self.con.execute(f"DELETE FROM {t} WHERE {key} = ?", [a.id])
            for t, recs in rows.items():
                if recs:
                    cols = list(recs[0])
                    sql = (f"INSERT INTO {t} ({', '.join(_q(c) for c in cols)}) "
                           f"VALUES ({', '.join('?' for _ in cols)})")
                    self.con.executemany(sql, [[r[c] for c in cols] for r in recs])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return "added" if old is None else "replaced"

    # ------------------------------------------------------------ reading
    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, params or [])
        if cur is None or cur.description is None:
            return [], []
        cols = [d[0] for d in cur.description]
        return cols, cur.fetchall()

    def counts(self) -> dict[str, int]:
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}

    def documents(self) -> Iterator[dict[str, Any]]:
        """Document records rebuilt from the tables, in the shape `parley extract` writes."""
        for aid, in self.con.execute("SELECT id FROM articles ORDER BY published NULLS LAST, id").fetchall():
            yield self.document(aid)

    def document(self, article_id: str) -> dict[str, Any]:
        def rows(sql: str) -> list[dict[str, Any]]:
            cols, data = self.query(sql, [article_id])
            return [dict(zip(cols, r)) for r in data]

        art = rows("SELECT * FROM articles WHERE id = ?")
        if not art:
            raise KeyError(article_id)
        a = art[0]
        mentions = rows('SELECT * FROM mentions WHERE article_id = ? ORDER BY start')
        actors = []
        for r in rows("SELECT * FROM actors WHERE article_id = ? ORDER BY actor_id"):
            actors.append({"id": r["actor_id"], "name": r["name"], "kind": r["kind"], "code": r["code"],
                           "country": r["country"], "sector": r["sector"], "roles": _j(r["roles"]) or [],
                           "kb_id": r["kb_id"],
                           "mentions": [{k: v for k, v in (("start", m["start"]), ("end", m["end"]),
                                                                  ("text", m["text"]), ("how", m["how"]),
                                                                  ("title", m.get("title"))) if k != "title" or v}
                                        for m in mentions if m["actor_id"] == r["actor_id"]]})
        quotes = [{"id": r["quote_id"], "kind": r["kind"], "text": r["text"], "start": r["start"], "end": r["end"],
                   "speaker": r["speaker"], "cue": r["cue"],
                   "cue_span": ({"start": r["cue_start"], "end": r["cue_end"], "text": r["cue_text"]}
                                if r.get("cue_start") is not None else None),
                   "sentence": {"start": r["sentence_start"], "end": r["sentence_end"]}}
                  for r in rows("SELECT * FROM quotes WHERE article_id = ? ORDER BY start")]
        events = [{"id": r["event_id"], "type": r["type"], "mode": r["mode"], "context": _j(r["context"]) or [],
                   "cameo": r["cameo"], "goldstein": r["goldstein"], "quad_class": r["quad_class"],
                   "source": _j(r["source"]) or [], "target": _j(r["target"]) or [],
                   "date": _iso(r["date"]), "date_end": _iso(r["date_end"]), "date_text": r.get("date_text"),
                   "negated": r["negated"],
                   "modality": r["modality"],
                   "trigger": {"start": r["trigger_start"], "end": r["trigger_end"], "text": r["trigger_text"]},
                   "sentence": {"start": r["sentence_start"], "end": r["sentence_end"]},
                   "quote": r["quote_id"], "place": _j(r["place"]), "confidence": r["confidence"]}
                  for r in rows("SELECT * FROM events WHERE article_id = ? ORDER BY trigger_start")]
        checks = [{"kind": r["kind"], "actor": r["actor_id"], "claimed": _j(r["claimed"]),
                   "expected": _j(r["expected"]), "span": {"start": r["start"], "end": r["end"]},
                   "message": r["message"]}
                  for r in rows('SELECT * FROM checks WHERE article_id = ? ORDER BY start')]
        return {"id": a["id"], "url": a["url"], "title": a["title"], "published": _iso(a["published"]),
                "language": a["language"], "source": a["source"], "text": a["text"], "actors": actors,
                "quotes": quotes, "events": events, "checks": checks, "warnings": _j(a["warnings"]) or [],
                "content_hash": a["content_hash"]}


def _q(col: str) -> str:
    return f'"{col}"'


def _j(v: Any) -> Any:
    if v is None:
        return None
    try:
        return json.loads(v)
    except (TypeError, ValueError):
        return v


def _iso(v: Any) -> str | None:
    return v.isoformat() if hasattr(v, "isoformat") else v


def _rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    a = doc.article
    d = doc.to_dict()
    dumps = json.dumps
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    out["articles"].append({"id": a.id, "url": a.url, "title": a.title, "published": a.published,
                            "language": a.language, "source": a.source, "text": a.text,
                            "content_hash": a.content_hash, "input": a.input,
                            "metadata": dumps(a.metadata, default=str), "warnings": dumps(doc.warnings)})
    for act in d["actors"]:
        out["actors"].append({"article_id": a.id, "actor_id": act["id"], "name": act["name"], "kind": act["kind"],
                              "code": act["code"], "country": act["country"], "sector": act["sector"],
                              "roles": dumps(act["roles"]), "kb_id": act["kb_id"]})
        for m in act["mentions"]:
            out["mentions"].append({"article_id": a.id, "actor_id": act["id"], "start": m["start"], "end": m["end"],
                                    "text": m["text"], "how": m.get("how"), "title": m.get("title")})
    for q in d["quotes"]:
        s = q.get("sentence") or {}
        out["quotes"].append({"article_id": a.id, "quote_id": q["id"], "kind": q["kind"], "text": q["text"],
                              "start": q["start"], "end": q["end"], "speaker": q["speaker"], "cue": q["cue"],
                              "sentence_start": s.get("start"), "sentence_end": s.get("end"),
                              "cue_start": (q.get("cue_span") or {}).get("start"),
                              "cue_end": (q.get("cue_span") or {}).get("end"),
                              "cue_text": (q.get("cue_span") or {}).get("text")})
    for e in d["events"]:
        out["events"].append({"article_id": a.id, "event_id": e["id"], "type": e["type"], "mode": e["mode"],
                              "context": dumps(e["context"]), "cameo": e["cameo"], "goldstein": e["goldstein"],
                              "quad_class": e["quad_class"], "source": dumps(e["source"]),
                              "target": dumps(e["target"]), "date": e["date"], "date_end": e["date_end"],
                              "date_text": e.get("date_text"),
                              "negated": e["negated"], "modality": e["modality"],
                              "trigger_start": e["trigger"]["start"], "trigger_end": e["trigger"]["end"],
                              "trigger_text": e["trigger"].get("text"), "sentence_start": e["sentence"]["start"],
                              "sentence_end": e["sentence"]["end"], "quote_id": e["quote"],
                              "place": dumps(e["place"]) if e["place"] else None, "confidence": e["confidence"]})
    for c in d["checks"]:
        out["checks"].append({"article_id": a.id, "kind": c["kind"], "actor_id": c["actor"],
                              "claimed": dumps(c["claimed"]), "expected": dumps(c["expected"]),
                              "start": c["span"]["start"], "end": c["span"]["end"], "message": c["message"]})
    return out
