"""End to end on an article written for the tests: furniture, a repeated paragraph, relative
dates, a description, a wrong age, quotes and events traced to their spans."""
import pytest

import parley

from conftest import DATA

PUBLISHED = "2025-06-02"  # a Monday


@pytest.fixture(scope="module")
def doc():
    return parley.extract((DATA / "erdogan-zelensky.txt").read_text(), published=PUBLISHED, id="erdogan")


def names(doc, ids):
    return {doc.actor(i).name for i in ids}


def test_text_is_clean_and_the_repeated_paragraph_kept_once(doc):
    assert "READ MORE" not in doc.text and "Zelensky X" not in doc.text and "Share this" not in doc.text
    assert doc.text.count("offered on Monday to host a meeting") == 1
    assert doc.article.title.startswith("Erdogan Offers to Host")


def test_people_resolved_with_codes(doc):
    people = {a.name: a for a in doc.actors if a.kind == "person"}
    assert people["Recep Tayyip Erdoğan"].code == "TUR"
    assert people["Volodymyr Zelensky"].code == "UKR"
    assert people["Rustem Umerov"].code == "UKR"
    zel = people["Volodymyr Zelensky"]
    assert "The 47-year-old" in [m.text for m in zel.mentions]
    for a in doc.actors:
        for m in a.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_quotes_and_speakers(doc):
    by_text = {q.text.rstrip(",. "): q for q in doc.quotes}
    q = by_text["Turkey is ready to host the leaders at any time"]
    assert q.kind == "direct" and doc.actor(q.speaker).name == "Recep Tayyip Erdoğan"
    q = by_text["We believe a lasting peace is within reach"]
    assert doc.actor(q.speaker).name == "Recep Tayyip Erdoğan"
    q = by_text["We did not come here to surrender"]
    assert doc.actor(q.speaker).name == "Rustem Umerov"
    ind = [q for q in doc.quotes if q.kind == "indirect" and q.text.startswith("Kyiv would send a delegation")]
    assert ind and doc.actor(ind[0].speaker).name == "Volodymyr Zelensky"


def test_age_slip_is_flagged_and_the_right_age_is_not(doc):
    ages = [c for c in doc.checks if c.kind == "age"]
    assert [(doc.actor(c.actor).name, c.claimed, c.expected) for c in ages] == [("Recep Tayyip Erdoğan", 69, 71)]
    assert doc.text[ages[0].span.start:ages[0].span.end] == "69"


def test_events_with_parties_dates_and_spans(doc):
    ev = doc.events
    for e in ev:
        assert doc.text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.sentence.start <= e.trigger.start < e.sentence.end
    talks = [e for e in ev if e.type == "CONSULT" and {"RUS", "UKR"} <= {doc.actor(i).code for i in e.source + e.target}
             and e.date == "2025-05-30"]
    assert talks, [(e.type, e.trigger.text, e.date) for e in ev]
    swap = [e for e in ev if e.type == "AGREE" and e.trigger.text.startswith("agreed")]
    assert swap and {doc.actor(i).code for i in swap[0].source} >= {"RUS", "UKR"}
    strike = [e for e in ev if e.type == "ASSAULT"]
    assert strike and {doc.actor(i).code for i in strike[0].source} == {"RUS"}
    assert "UKR" in {doc.actor(i).code for i in strike[0].target}
    offer = [e for e in ev if e.type == "AGREE" and "Recep Tayyip Erdoğan" in names(doc, e.source)]
    assert offer


def test_record_matches_the_contract(doc):
    d = doc.to_dict()
    assert d["published"] == PUBLISHED and d["language"] == "en"
    e = d["events"][0]
    for key in ("id", "type", "mode", "context", "cameo", "goldstein", "quad_class", "source", "target", "date",
                "negated", "modality", "trigger", "sentence", "quote", "confidence"):
        assert key in e
    assert all(x["quad_class"] in (1, 2, 3, 4) for x in d["events"])


def test_a_very_long_article_is_cut_at_a_paragraph_with_a_warning():
    para = ("Russian forces shelled Kharkiv on Sunday, regional officials said, and Ukraine's air force "
            "reported drone attacks across the east. ")
    text = "Long Report on the War\n\n" + "\n\n".join(f"Day {i}. " + para * 3 for i in range(900))
    doc = parley.extract(text, published=PUBLISHED)
    assert doc.warnings and "longer than" in doc.warnings[0]
    assert len(doc.text) == len(text.strip()) or len(doc.text) > 150_000
    for e in doc.events:
        assert e.trigger.end <= 200_000
