import json

import duckdb
import pytest

from parley.record import Actor, Article, Document, Event, Mention, Quote, Span
from parley.store import SCHEMA_VERSION, Store, StoreError


def _doc(text="Russia and Ukraine held talks in Istanbul on Friday.", aid="a1"):
    art = Article(id=aid, text=text, title="Talks", published="2025-05-16", language="en", source="Wire")
    rus = Actor("a1", "Russia", "state", code="RUS", country="RUS", sector="GOV",
                mentions=[Mention(0, 6, "Russia", "name")])
    ukr = Actor("a2", "Ukraine", "state", code="UKR", country="UKR", sector="GOV",
                mentions=[Mention(11, 18, "Ukraine", "name")])
    ev = Event("e1", "CONSULT", trigger=Span(24, 29, "talks"), sentence=Span(0, len(text)), source=["a1", "a2"],
               cameo="043", goldstein=2.8, quad_class=1, date="2025-05-16")
    q = Quote("q1", "indirect", "talks", 24, 29, speaker="a1", cue="said", sentence=Span(0, len(text)))
    return Document(art, actors=[rus, ukr], quotes=[q], events=[ev])


def test_put_then_read_back_the_same_record(tmp_path):
    db = tmp_path / "p.duckdb"
    doc = _doc()
    with Store(db) as s:
        assert s.put(doc) == "added"
        back = s.document("a1")
    want = doc.to_dict()
    for key in ("id", "text", "published", "title", "language", "source"):
        assert back[key] == want[key]
    assert [a["code"] for a in back["actors"]] == ["RUS", "UKR"]
    assert back["actors"][0]["mentions"][0]["text"] == "Russia"
    assert back["events"][0]["source"] == ["a1", "a2"] and back["events"][0]["date"] == "2025-05-16"
    assert back["quotes"][0]["speaker"] == "a1"


def test_same_content_is_unchanged_and_changed_content_replaces_rows(tmp_path):
    db = tmp_path / "p.duckdb"
    with Store(db) as s:
        s.put(_doc())
        assert s.put(_doc()) == "unchanged"
        changed = _doc(text="Russia and Ukraine held talks in Istanbul on Friday. They agreed to swap prisoners.")
        changed.events = []
        assert s.put(changed) == "replaced"
        assert s.counts()["articles"] == 1
        assert s.counts()["events"] == 0
        assert s.counts()["actors"] == 2


def test_failed_write_leaves_the_stored_article_intact(tmp_path, monkeypatch):
    db = tmp_path / "p.duckdb"
    with Store(db) as s:
        s.put(_doc())
        bad = _doc(text="A changed text about the talks in Istanbul between the two delegations.")
        import parley.store as store_mod

        real = store_mod._rows

        def broken(doc):
            rows = real(doc)
            rows["events"][0]["quad_class"] = "not a number"  # fails on insert, after the deletes
            return rows

        monkeypatch.setattr(store_mod, "_rows", broken)
        with pytest.raises(duckdb.Error):
            s.put(bad)
        assert s.document("a1")["text"].startswith("Russia and Ukraine held talks")
        assert s.counts() == {"articles": 1, "actors": 2, "mentions": 2, "quotes": 1, "events": 1, "checks": 0}


def test_schema_is_versioned_and_migrated_on_open(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.close()
    with Store(db) as s:
        assert s.version() == SCHEMA_VERSION
        assert s.counts()["articles"] == 0


def test_read_only_store_refuses_writes_and_missing_store_is_an_error(tmp_path):
    db = tmp_path / "p.duckdb"
    with Store(db) as s:
        s.put(_doc())
    with Store(db, read_only=True) as s:
        with pytest.raises(duckdb.Error):
            s.query("DELETE FROM articles")
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_export_jsonl_csv_parquet(tmp_path):
    from parley.export import export_store

    db = tmp_path / "p.duckdb"
    with Store(db) as s:
        s.put(_doc())
        s.put(_doc(aid="a2"))
        [(path, n)] = export_store(s, "jsonl", tmp_path / "out" / "docs.jsonl", [])
        assert n == 2 and json.loads(path.read_text().splitlines()[0])["events"][0]["type"] == "CONSULT"
        written = dict(export_store(s, "csv", tmp_path / "csv", ["events", "actors"]))
        assert written[tmp_path / "csv" / "actors.csv"] == 4
        assert (tmp_path / "csv" / "events.csv").read_text().startswith("article_id,event_id,type")
        written = dict(export_store(s, "parquet", tmp_path / "pq", ["articles"]))
        import pyarrow.parquet as pq

        assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 2
