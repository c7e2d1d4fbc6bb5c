"""Regressions from an adversarial review: ids, dates, odd fields, formats, the CLI's error paths."""
import gzip
import json
import subprocess
import sys

import duckdb
import pytest

from parley.ingest import Article, IngestError, read
from parley.ingest.formats import iso_date, norm_language
from parley.store import SCHEMA_VERSION, Store, StoreError

PARLEY = [sys.executable, "-m", "parley.cli"]
TEXT = "Turkish and Ukrainian officials met in Ankara on Monday to discuss a prisoner exchange with Russia."


def run(*args, **kw):
    return subprocess.run([*PARLEY, *args], capture_output=True, text=True, timeout=600, **kw)


def items(paths):
    got = list(read([str(p) for p in paths]))
    return [i for i in got if isinstance(i, Article)], [i for i in got if isinstance(i, IngestError)]


def test_same_file_name_in_two_folders_gives_two_ids(tmp_path):
    for day, who in (("2025-05-16", "Fidan"), ("2025-05-17", "Umerov")):
        (tmp_path / day).mkdir()
        (tmp_path / day / "article.txt").write_text(f"{who} said the talks in Istanbul went well on Friday.")
    arts, errs = items([tmp_path])
    assert sorted(a.id for a in arts) == ["2025-05-16/article", "2025-05-17/article"] and not errs


def test_duplicate_ids_in_a_batch_are_reported_not_overwritten(tmp_path):
    f = tmp_path / "dup.jsonl"
    f.write_text(json.dumps({"id": "dup", "text": TEXT}) + "\n" + json.dumps({"id": "dup", "text": TEXT + " Again."}))
    arts, errs = items([f])
    assert [a.id for a in arts] == ["dup"] and "duplicate id 'dup'" in errs[0].reason and errs[0].input.endswith(":2")


def test_hidden_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main and some more words to look like text")
    (tmp_path / "a.txt").write_text(TEXT)
    arts, errs = items([tmp_path])
    assert [a.id for a in arts] == ["a"] and not errs


@pytest.mark.parametrize("value,expected", [
    ("2025-05-16", "2025-05-16"), ("2025-05-16T23:30:00-05:00", "2025-05-16"), ("Sat, 17 May 2025 23:30:00 -0500",
                                                                              "2025-05-17"),
    ("May 16, 2025", "2025-05-16"), ("20250516", "2025-05-16"), ("2025-13-45", None), ("2025-02-30", None),
    ("N/A", None), ("2025", None), ("Friday", None), ("yesterday", None), ("", None), (None, None)])
def test_publication_dates_are_read_or_refused_never_invented(value, expected):
    assert iso_date(value) == expected


def test_odd_field_types_do_not_crash_the_batch(tmp_path):
    f = tmp_path / "odd.jsonl"
    recs = [{"id": 1, "text": TEXT, "title": 123, "url": ["a", "b"], "language": ["en"], "published": "2025-13-45"},
            {"id": {"x": 1}, "text": TEXT, "source": {"name": "AP"}, "language": "en-US"}]
    f.write_text("\n".join(json.dumps(r) for r in recs))
    arts, errs = items([f])
    assert not errs and arts[0].id == "1" and arts[0].title == "123" and arts[0].url is None
    assert arts[0].published is None and arts[1].id == "odd-2" and arts[1].source is None
    assert arts[1].language == "en"


@pytest.mark.parametrize("code", ["en-US", "en_GB", "EN", "eng", "English", " en"])
def test_language_codes_are_normalised(code):
    assert norm_language(code) == "en"


def test_gzipped_batch_and_semicolon_csv(tmp_path):
    gz = tmp_path / "batch.jsonl.gz"
    gz.write_bytes(gzip.compress((json.dumps({"id": "g1", "text": TEXT}) + "\n").encode()))
    semi = tmp_path / "semi.csv"
    semi.write_text('\ufeffid;published;text\nc1;2025-05-16;"He said ""yes""; then left. ' + TEXT + '"\n')
    arts, errs = items([gz, semi])
    assert not errs and [a.id for a in arts] == ["g1", "c1"]
    assert arts[1].published == "2025-05-16" and '"yes"' in arts[1].text


def test_feed_titles_lose_their_html(tmp_path):
    feed = tmp_path / "f.atom"
    feed.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
                    '<entry><title type="html">Putin &lt;b&gt;meets&lt;/b&gt; Erdogan</title><id>e1</id>'
                    f'<updated>2025-05-16T10:00:00Z</updated><summary>{TEXT}</summary></entry></feed>')
    [a], _ = items([feed])
    assert a.title == "Putin meets Erdogan"


def test_markdown_front_matter(tmp_path):
    md = tmp_path / "front.md"
    md.write_text(f"---\ntitle: Putin Meets Erdogan\ndate: 2025-05-16\n---\n{TEXT}\n")
    [a], _ = items([md])
    assert a.title == "Putin Meets Erdogan" and a.published == "2025-05-16" and "---" not in a.text


def test_cli_refuses_a_bad_date_and_reads_stdin_as_a_given_format(tmp_path):
    bad = run("extract", "-", "--date", "19/05/2025", input=TEXT)
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr
    csv_in = "id,text\nx1," + TEXT + "\n"
    out = run("extract", "-", "--input-format", "csv", input=csv_in)
    assert out.returncode == 0 and json.loads(out.stdout)["id"] == "x1"


def test_query_is_sandboxed_and_export_errors_are_one_line(tmp_path):
    db = str(tmp_path / "t.duckdb")
    (tmp_path / "a.txt").write_text(TEXT)
    assert run("ingest", str(tmp_path / "a.txt"), "--db", db, "-q").returncode == 0
    assert "empty query" in run("query", "  ", "--db", db).stderr
    leak = run("query", f"COPY articles TO '{tmp_path / 'leak.csv'}'", "--db", db)
    assert leak.returncode != 0 and not (tmp_path / "leak.csv").exists()
    (tmp_path / "afile").write_text("x")
    exp = run("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "afile"))
    assert exp.returncode != 0 and "Traceback" not in exp.stderr and "is a file" in exp.stderr
    ok = run("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "it's here"))
    assert ok.returncode == 0 and (tmp_path / "it's here" / "articles.csv").exists()


def test_export_keeps_what_extract_writes(tmp_path):
    db = str(tmp_path / "t.duckdb")
    (tmp_path / "a.txt").write_text('"We will not give up," Zelensky said on Friday in Kyiv. ' + TEXT)
    run("ingest", str(tmp_path / "a.txt"), "--db", db, "-q", "--date", "2025-05-19")
    run("export", "--db", db, "--format", "jsonl", "--out", str(tmp_path / "d.jsonl"))
    stored = json.loads((tmp_path / "d.jsonl").read_text())
    fresh = json.loads(run("extract", str(tmp_path / "a.txt"), "--date", "2025-05-19").stdout)
    assert stored["quotes"][0]["cue_span"] == fresh["quotes"][0]["cue_span"]
    assert [e.get("date_text") for e in stored["events"]] == [e.get("date_text") for e in fresh["events"]]


def test_a_version_1_store_is_migrated_and_a_foreign_db_refused(tmp_path):
    from parley.store import MIGRATIONS

    old = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for sql in MIGRATIONS[1]:
        con.execute(sql)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.close()
    with Store(old) as s:
        assert s.version() == SCHEMA_VERSION
        assert "title" in [r[0] for r in s.query("DESCRIBE mentions")[1]]
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE articles (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a parley store"):
        Store(foreign)


def test_corrupt_user_kb_and_bad_import_give_clear_errors(tmp_path):
    import os

    env = {**os.environ, "PARLEY_KB": str(tmp_path / "kb-user.json")}
    (tmp_path / "kb-user.json").write_text('{"people": [')
    out = subprocess.run([*PARLEY, "kb", "search", "putin"], capture_output=True, text=True, env=env)
    assert out.returncode != 0 and "kb-user.json" in out.stderr and "Traceback" not in out.stderr
    (tmp_path / "kb-user.json").unlink()
    aliases = tmp_path / "a.json"
    aliases.write_text(json.dumps([{"name": "Quentin Roe", "aliases": "Q-R", "offices": ["bad"]}]))
    out = subprocess.run([*PARLEY, "kb", "import", str(aliases)], capture_output=True, text=True, env=env)
    assert out.returncode == 0
    assert json.loads((tmp_path / "kb-user.json").read_text())["people"][0]["aliases"] == ["Q-R"]


def test_a_truncated_warc_keeps_whole_records_and_reports_the_cut(tmp_path):
    from conftest import CORPUS

    data = (CORPUS / "crawl.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    arts, errs = items([cut])
    assert len(arts) == 1 and len(errs) == 1 and "truncated WARC" in errs[0].reason
    assert arts[0].text.endswith((".", "”", '"'))  # the whole first page, not a fragment
