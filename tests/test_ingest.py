import json

import pytest

from parley.ingest import IngestError, read, read_bytes
from parley.record import Article

from conftest import CORPUS, DATA, SOURCES


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, IngestError)]
    return arts, errs


def test_demo_corpus_reads_every_format_with_metadata():
    arts, errs = _split(list(read([str(CORPUS)])))
    assert errs == []
    assert len(arts) == len(list(SOURCES.glob("*.txt")))
    kinds = {a.input.split("#")[0].split("/")[-1].split(":")[0] for a in arts}
    assert {"batch.jsonl", "batch.csv", "feed.rss", "crawl.warc.gz"} <= kinds
    for a in arts:
        assert a.published and len(a.published) == 10, a.id
        assert a.title and a.text.startswith(a.title.split()[0]), a.id
        assert len(a.text.split()) > 250, a.id


def test_html_page_metadata_and_no_navigation():
    [a] = list(read([str(CORPUS / "html" / "02-biden-xi-call.html")]))
    assert a.title.startswith("Analysis: Biden and Xi")
    assert a.published == "2024-04-03"
    assert a.url.startswith("https://") and a.source == "Harbour Gazette"
    assert "Home | World" not in a.text and "All rights reserved" not in a.text and "Most read" not in a.text


def test_rss_entries_and_warc_records():
    feed = list(read([str(CORPUS / "feed.rss")]))
    assert len(feed) >= 2 and all(isinstance(a, Article) for a in feed)
    assert all(a.url and a.published for a in feed)
    warc = list(read([str(CORPUS / "crawl.warc.gz")]))
    assert warc and all(isinstance(a, Article) and a.id.startswith("https://") for a in warc)


def test_batch_keeps_input_ids_and_fields():
    arts = list(read([str(CORPUS / "batch.jsonl")]))
    src = [json.loads(l) for l in (CORPUS / "batch.jsonl").read_text().splitlines()]
    assert [a.id for a in arts] == [r["id"] for r in src]
    assert arts[0].metadata.get("author") == src[0]["author"]


def test_plain_text_title_from_first_line_and_default_date():
    [a] = list(read([str(DATA / "noisy-call.txt")], default_date="2025-04-30"))
    assert a.title == "Macron and Modi Talk by Phone, Agree to Press for Calm in Kashmir"
    assert a.published == "2025-04-30"
    assert a.id == "noisy-call"
    assert a.language == "en"


def test_non_utf8_input_is_decoded():
    [a] = list(read([str(DATA / "cp1252.txt")]))
    assert "Élysée" in a.text and "“necessary step”" in a.text


def test_french_article_is_labelled_french():
    arts = list(read([str(CORPUS / "batch.csv")]))
    fr = [a for a in arts if a.id.startswith("22-")]
    assert fr and fr[0].language == "fr"


@pytest.mark.parametrize("name,reason", [
    ("binary.bin", "binary"),
    ("empty.txt", "empty"),
    ("no-article.html", "no article text"),
    ("no-text-column.csv", "no 'text' column"),
    ("missing.txt", "no such file"),
])
def test_bad_inputs_give_one_clear_error(name, reason):
    items = list(read([str(DATA / name)]))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert name in items[0].input and reason in items[0].reason


def test_invalid_json_on_line_7_names_the_line_and_the_rest_goes_on():
    arts, errs = _split(list(read([str(DATA / "batch-line7.jsonl")])))
    assert len(arts) == 9
    assert len(errs) == 1 and errs[0].input.endswith("batch-line7.jsonl:7") and "invalid JSON" in errs[0].reason


def test_batch_goes_on_after_bad_files():
    paths = [str(DATA / "binary.bin"), str(DATA / "noisy-call.txt"), str(DATA / "missing.txt")]
    arts, errs = _split(list(read(paths)))
    assert [a.id for a in arts] == ["noisy-call"] and len(errs) == 2


def test_format_is_sniffed_without_a_suffix():
    data = (CORPUS / "feed.rss").read_bytes()
    arts = list(read_bytes(data, "downloaded-feed"))
    assert arts and all(isinstance(a, Article) for a in arts)


@pytest.mark.parametrize("text,lang", [
    ("Nigerian troops clashed with gunmen near Maiduguri on Sunday.", "en"),
    ("Les troupes nigérianes ont affronté des hommes armés près de Maiduguri dimanche.", "fr"),
    ("Las tropas nigerianas se enfrentaron con hombres armados cerca de Maiduguri el domingo.", "es"),
])
def test_short_news_sentences_get_their_language_not_a_pidgin(text, lang):
    from parley.ingest import detect_language

    assert detect_language(text) == lang
