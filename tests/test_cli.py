"""The command line end to end: extract, ingest (idempotent), query, export, kb, bad input."""
import json
import subprocess
import sys


from conftest import CORPUS, DATA

PARLEY = [sys.executable, "-m", "parley.cli"]


def run(*args, input=None):
    return subprocess.run([*PARLEY, *args], capture_output=True, text=True, input=input, timeout=600)


def test_every_command_has_help_with_an_example():
    for cmd in ([], ["extract"], ["ingest"], ["query"], ["export"], ["stats"], ["kb", "search"], ["kb", "show"],
                ["kb", "import"]):
        out = run(*cmd, "--help")
        assert out.returncode == 0 and "Example" in out.stdout, cmd


def test_extract_batch_keeps_ids_and_writes_valid_records():
    out = run("extract", "--format", "jsonl", str(CORPUS / "batch.jsonl"))
    assert out.returncode == 0, out.stderr
    recs = [json.loads(l) for l in out.stdout.splitlines()]
    src = [json.loads(l)["id"] for l in (CORPUS / "batch.jsonl").read_text().splitlines()]
    assert [r["id"] for r in recs] == src
    for r in recs:
        for key in ("id", "url", "title", "published", "language", "text", "actors", "quotes", "events", "checks"):
            assert key in r
        for a in r["actors"]:
            for m in a["mentions"]:
                assert r["text"][m["start"]:m["end"]] == m["text"]
        for q in r["quotes"]:
            assert r["text"][q["start"]:q["end"]] == q["text"]
        for e in r["events"]:
            assert r["text"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]


def test_extract_reads_stdin_and_applies_date():
    text = (DATA / "noisy-call.txt").read_text()
    out = run("extract", "-", "--date", "2025-04-30", input=text)
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["published"] == "2025-04-30" and "READ MORE" not in rec["text"]


def test_non_english_article_is_labelled_not_analysed():
    out = run("extract", str(CORPUS / "batch.csv"))
    fr = [json.loads(l) for l in out.stdout.splitlines() if json.loads(l)["id"].startswith("22-")][0]
    assert fr["language"] == "fr" and fr["events"] == [] and fr["quotes"] == []
    assert "Emmanuel Macron" in [a["name"] for a in fr["actors"]]
    assert any("not supported" in w for w in fr["warnings"])


def test_bad_inputs_are_reported_and_the_rest_goes_on():
    out = run("extract", str(DATA / "binary.bin"), str(DATA / "batch-line7.jsonl"), str(DATA / "missing.txt"))
    assert out.returncode == 1
    assert len(out.stdout.splitlines()) == 9
    err = out.stderr
    assert "binary.bin: binary file" in err and "batch-line7.jsonl:7: invalid JSON" in err
    assert "missing.txt: no such file" in err and "3 input(s) failed" in err


def test_ingest_is_idempotent_then_query_and_export(tmp_path):
    db = str(tmp_path / "t.duckdb")
    first = run("ingest", str(CORPUS / "text"), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "added" in first.stderr and "Next:" in first.stderr
    again = run("ingest", str(CORPUS / "text"), "--db", db, "-q")
    assert again.returncode == 0
    q = run("query", "SELECT count(*) AS n FROM articles", "--db", db, "--format", "csv")
    n = int(q.stdout.splitlines()[1])
    assert n == len(list((CORPUS / "text").glob("*.txt")))
    bad = run("query", "DROP TABLE articles", "--db", db)
    assert bad.returncode != 0
    exp = run("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "csv"))
    assert exp.returncode == 0 and (tmp_path / "csv" / "events.csv").exists()
    exp = run("export", "--db", db, "--format", "jsonl", "--out", str(tmp_path / "docs.jsonl"))
    docs = [json.loads(l) for l in (tmp_path / "docs.jsonl").read_text().splitlines()]
    assert len(docs) == n and all(d["text"] for d in docs)


def test_ingest_with_bad_inputs_keeps_what_was_stored(tmp_path):
    db = str(tmp_path / "t.duckdb")
    run("ingest", str(DATA / "noisy-call.txt"), "--db", db, "-q")
    out = run("ingest", str(DATA / "empty.txt"), str(DATA / "no-text-column.csv"), "--db", db, "-q")
    assert out.returncode == 1 and "empty input" in out.stderr and "no 'text' column" in out.stderr
    q = run("query", "SELECT id FROM articles", "--db", db, "--format", "csv")
    assert q.stdout.splitlines()[1:] == ["noisy-call"]


def test_kb_search_show_and_import(tmp_path, monkeypatch):
    out = run("kb", "search", "zelensky")
    assert "volodymyr-zelensky" in out.stdout
    show = json.loads(run("kb", "show", "vladimir-putin").stdout)
    assert show["born"] == "1952-10-07"
    assert run("kb", "show", "no-such-person").returncode != 0
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("id,name,aliases,gender,born,nationality,role,title,code,sector,start,end\n"
                        "amina-wekesa,Amina Wekesa,A. Wekesa,f,1971-03-02,KEN,Trade Minister of Kenya,Trade Minister,"
                        "KEN,GOV,2024-08-08,\n")
    user_kb = tmp_path / "kb-user.json"
    monkeypatch.setenv("PARLEY_KB", str(user_kb))
    imp = subprocess.run([*PARLEY, "kb", "import", str(csv_file)], capture_output=True, text=True,
                         env={**__import__("os").environ, "PARLEY_KB": str(user_kb)})
    assert imp.returncode == 0, imp.stderr
    assert json.loads(user_kb.read_text())["people"][0]["offices"][0]["code"] == "KEN"
    found = subprocess.run([*PARLEY, "kb", "search", "wekesa"], capture_output=True, text=True,
                           env={**__import__("os").environ, "PARLEY_KB": str(user_kb)})
    assert "amina-wekesa" in found.stdout
