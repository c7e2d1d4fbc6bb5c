"""parley kb import: a user's CSV, JSON, and a Wikidata JSON export of people with positions held."""
import json

from parley.actors.kb import KnowledgeBase, default_kb
from parley.actors.kb_import import import_file

# The shape of a Wikidata entity export (Special:EntityData / wbgetentities), written for the test:
# a fictional minister with P569 (date of birth), P21 (sex), P39 (position held, P580/P582 dates),
# the position's own entity with its English label, and a position the export does not label.
WIKIDATA = {"entities": {
    "Q900001": {
        "labels": {"en": {"value": "Amara Okonkwo-Baptiste"}},
        "aliases": {"en": [{"value": "Amara Baptiste"}]},
        "claims": {
            "P569": [{"mainsnak": {"datavalue": {"value": {"time": "+1971-03-02T00:00:00Z"}}}}],
            "P21": [{"mainsnak": {"datavalue": {"value": {"id": "Q6581072"}}}}],
            "P39": [
                {"mainsnak": {"datavalue": {"value": {"id": "Q900002"}}},
                 "qualifiers": {"P580": [{"datavalue": {"value": {"time": "+2024-08-08T00:00:00Z"}}}]}},
                {"mainsnak": {"datavalue": {"value": {"id": "Q900003"}}},
                 "qualifiers": {"P580": [{"datavalue": {"value": {"time": "+2019-01-15T00:00:00Z"}}}],
                                "P582": [{"datavalue": {"value": {"time": "+2024-08-08T00:00:00Z"}}}]}},
                {"mainsnak": {"datavalue": {"value": {"id": "Q900099"}}}},
            ],
        },
    },
    "Q900002": {"labels": {"en": {"value": "Minister of Foreign Affairs of Kenya"}}, "claims": {}},
    "Q900003": {"labels": {"en": {"value": "Ambassador of Kenya to Ethiopia"}}, "claims": {}},
}}


def test_wikidata_export_adds_a_person_with_dated_offices(tmp_path):
    src = tmp_path / "export.json"
    src.write_text(json.dumps(WIKIDATA))
    user = tmp_path / "kb-user.json"
    n, warnings = import_file(src, default_kb(), user)
    assert n == 1
    assert any("Q900099" in w for w in warnings)  # the unlabelled position is reported, not guessed
    kb = KnowledgeBase.load(user=user)
    [hit] = [r for r in kb.search("okonkwo") if r["kind"] == "person"]
    p = kb.people[hit["id"]]
    assert p.gender == "f" and p.born == "1971-03-02" and "Amara Baptiste" in p.aliases
    import datetime as dt

    now = p.office_on(dt.date(2025, 5, 1))
    assert now.code == "KEN" and now.role == "Minister of Foreign Affairs of Kenya"
    assert p.office_on(dt.date(2022, 1, 1)).role.startswith("Ambassador")


def test_import_merges_and_the_pipeline_uses_the_new_entry(tmp_path, monkeypatch):
    user = tmp_path / "kb-user.json"
    src = tmp_path / "people.json"
    src.write_text(json.dumps({"people": [{"id": "wanjiru-kamau", "name": "Wanjiru Kamau", "gender": "f",
                                           "born": "1980-05-05", "nationality": "KEN",
                                           "offices": [{"role": "Trade Minister of Kenya", "title": "Trade Minister",
                                                        "code": "KEN", "sector": "GOV", "start": "2024-01-01"}]}]}))
    import_file(src, default_kb(), user)
    again = tmp_path / "more.json"
    again.write_text(json.dumps([{"id": "wanjiru-kamau", "name": "Wanjiru Kamau", "aliases": ["W. Kamau"]}]))
    import_file(again, default_kb(), user)
    data = json.loads(user.read_text())
    assert len(data["people"]) == 1 and data["people"][0]["aliases"] == ["W. Kamau"]
    assert data["people"][0]["offices"][0]["code"] == "KEN"  # the second file did not erase the first

    from parley.actors import find_actors
    from parley.nlp import load_pipeline

    kb = KnowledgeBase.load(user=user)
    doc = load_pipeline()("Trade Minister Wanjiru Kamau said on Monday that tariffs would fall.")
    [a] = [a for a in find_actors(doc, "2025-05-19", kb).actors if a.kind == "person"]
    assert (a.kb_id, a.code, a.sector) == ("wanjiru-kamau", "KEN", "GOV")


def test_bad_import_is_a_clear_error(tmp_path):
    import pytest

    from parley.actors.kb_import import ImportError_

    bad = tmp_path / "bad.json"
    bad.write_text('{"people": [ {"name": "x", ')
    with pytest.raises(ImportError_, match="bad.json: invalid JSON"):
        import_file(bad, default_kb(), tmp_path / "u.json")
    assert not (tmp_path / "u.json").exists()
