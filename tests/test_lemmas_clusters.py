"""The lemma table and the word-cluster features of parley's pipeline."""
import pytest
import spacy
from spacy.lookups import Lookups

from parley.clusters import TABLE, cluster_hash_embed, cluster_ids
from parley.lemmas import learn_table
from parley.nlp import load_pipeline


def test_learn_table_keeps_consistent_pairs_only():
    rows = [("'s", "AUX", "be")] * 9 + [("'s", "AUX", "have")] * 3 + [("Better", "ADV", "well")] * 4 \
        + [("better", "ADV", "well")] + [("saw", "VERB", "see")] * 10 + [("saw", "NOUN", "saw")] * 2
    table = learn_table(rows)
    assert table["better\tADV"] == "well"  # forms are keyed in lower case
    assert table["saw\tVERB"] == "see" and table["saw\tNOUN"] == "saw"  # the part of speech decides
    assert "'s\tAUX" not in table  # 9 of 12 agree: too ambiguous, left to the edit-tree lemmatizer


def test_shipped_pipeline_applies_its_lemma_table():
    nlp = load_pipeline()
    assert "parley_lemma_table" in nlp.pipe_names
    assert nlp.pipe_names.index("parley_lemma_table") > nlp.pipe_names.index("trainable_lemmatizer")
    assert len(nlp.get_pipe("parley_lemma_table").table) > 10_000
    doc = nlp("The envoys were meeting in Geneva, and the talks went better than expected.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["were"] == "be" and lemmas["went"] == "go" and lemmas["talks"] == "talk"


def test_lemma_table_survives_a_round_trip(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("parley_lemma_table").table = {"went\tVERB": "go"}
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.get_pipe("parley_lemma_table").table == {"went\tVERB": "go"}


def test_cluster_ids_use_the_exact_form_then_lower_case():
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table(TABLE, {"ceasefire": 37, "Kremlin": 41, "kremlin": 113, "talks": 13})
    nlp.vocab.lookups = lookups
    ids = cluster_ids(nlp.make_doc("Kremlin rejects CEASEFIRE talks with Kyiv"))
    assert ids.tolist() == [41, 0, 37, 13, 0, 0]


def test_cluster_ids_are_zero_without_a_table():
    assert cluster_ids(spacy.blank("en").make_doc("no table here")).tolist() == [0, 0, 0]


def test_cluster_embedding_gives_one_vector_per_token():
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table(TABLE, {"talks": 13})
    nlp.vocab.lookups = lookups
    model = cluster_hash_embed(width=16, attrs=["NORM", "SHAPE"], rows=[50, 20], cluster_rows=10)
    docs = [nlp.make_doc("The talks resumed ."), nlp.make_doc("Fighting stopped")]
    model.initialize(X=docs)
    out = model.predict(docs)
    assert [v.shape for v in out] == [(4, 16), (2, 16)]
    with pytest.raises(ValueError, match="2 row counts for 3 attributes"):
        cluster_hash_embed(width=16, attrs=["NORM", "SHAPE", "PREFIX"], rows=[50, 20], cluster_rows=10)


def test_shipped_pipeline_carries_its_cluster_table():
    nlp = load_pipeline()
    assert nlp.vocab.lookups.has_table(TABLE) and len(nlp.vocab.lookups.get_table(TABLE)) > 100_000
    ids = cluster_ids(nlp.make_doc("The ceasefire talks resumed in Geneva"))
    assert all(ids.tolist())  # every one of these common words has a cluster
    embed = nlp.get_pipe("tok2vec").model.get_ref("embed")
    assert any(n.name == "extract_features_clusters" for n in embed.walk())  # the tok2vec reads the clusters
