"""parley's shipped English pipeline: it loads, records its scores, and parses reporting sentences."""
import json
import time

import pytest

from parley.nlp import DEFAULT_PIPELINE, load_pipeline

META = json.loads((DEFAULT_PIPELINE / "meta.json").read_text())
SCORES = META["parley_scores"]


def test_ships_in_the_package_small_and_quick_to_load():
    size = sum(f.stat().st_size for f in DEFAULT_PIPELINE.rglob("*") if f.is_file())
    assert size <= 30 * 1024 * 1024
    load_pipeline.cache_clear()
    t = time.perf_counter()
    nlp = load_pipeline()
    assert time.perf_counter() - t < 10  # generous here: the benchmark reports the real figure
    for name in ("tok2vec", "tagger", "morphologizer", "parser", "trainable_lemmatizer", "ner"):
        assert name in nlp.pipe_names
    assert load_pipeline() is nlp  # loaded once per process


def test_models_multiply_with_numpy_blas_and_parse_the_same():
    """The models run on numpy's BLAS (faster than thinc's BLIS here); the change of kernels must not
    change the analysis beyond float rounding."""
    import spacy
    from thinc.api import NumpyOps

    nlp = load_pipeline()
    ops = nlp.get_pipe("tok2vec").model.ops
    assert isinstance(ops, NumpyOps) and not ops.use_blis
    blis_nlp = spacy.load(DEFAULT_PIPELINE)
    assert blis_nlp.get_pipe("tok2vec").model.ops.use_blis
    text = ("Ukraine and Russia exchanged 390 prisoners on Friday, the first stage of a swap agreed at "
            "talks in Istanbul, Kyiv said. The Kremlin said a memorandum was being drafted.")
    ours, theirs = nlp(text), blis_nlp(text)
    assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in ours] == [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in theirs]
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in theirs.ents]


def test_meta_records_data_licence_and_scores():
    assert META["license"] == "CC BY-SA 4.0"
    assert {s["name"] for s in META["sources"]} >= {"Universal Dependencies English EWT", "UNER English EWT"}
    for split in ("ud_ewt_test", "news_heldout"):
        for key in ("pos_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f"):
            assert 0 < SCORES[split][key] <= 1
    assert 0 < SCORES["uner_heldout"]["ents_f"] <= 1


def test_the_embedding_can_read_static_word_vectors():
    """`train_pipeline.py --vectors N` makes static word vectors an input of parley's embedding layer: a word's
    vector changes what it embeds to, every case form finds its row, and a word with none embeds as before."""
    import numpy
    import spacy
    from spacy.vectors import Vectors

    from parley.clusters import cluster_hash_embed

    nlp = spacy.blank("en")
    table = numpy.array([[0.9, -0.4, 0.2, 0.7], [-0.5, 0.8, 0.1, -0.3]], dtype="float32")
    vectors = Vectors(strings=nlp.vocab.strings, data=table.copy(), keys=["talks", "ceasefire"])
    vectors.add("TALKS", row=0)  # as train_pipeline.write_vectors adds each word's upper-case form
    nlp.vocab.vectors = vectors
    docs = [nlp.make_doc("TALKS on a ceasefire stalled")]
    model = cluster_hash_embed(width=8, attrs=["NORM", "SHAPE"], rows=[50, 20], cluster_rows=10,
                               include_static_vectors=True)
    model.initialize(X=docs)
    before = model.predict(docs)[0].copy()
    vectors.data[:] = 0
    after = model.predict(docs)[0]
    changed = [not numpy.allclose(b, a, atol=1e-6) for b, a in zip(before, after)]
    assert changed == [True, False, False, True, False]  # "TALKS" and "ceasefire" have vectors


def test_news_parsing_is_no_worse_than_ewt():
    assert SCORES["news_heldout"]["dep_uas"] >= SCORES["ud_ewt_test"]["dep_uas"]
    assert SCORES["news_heldout"]["dep_las"] >= SCORES["ud_ewt_test"]["dep_las"]


@pytest.mark.parametrize("key,target", [("pos_acc", 0.945), ("lemma_acc", 0.96), ("dep_las", 0.82)])
def test_ewt_targets_met(key, target):
    assert SCORES["ud_ewt_test"][key] >= target


NOT_YET = pytest.mark.xfail(strict=True, reason="EWT target not reached yet by the CNN pipeline (see meta.json and "
                                                "the closing note of the pipeline issue); flips when retraining reaches it")


@pytest.mark.parametrize("key,target", [
    pytest.param("dep_uas", 0.86, marks=NOT_YET), pytest.param("sents_f", 0.90, marks=NOT_YET)])
def test_ewt_targets_not_yet_met(key, target):
    assert SCORES["ud_ewt_test"][key] >= target


def test_paragraph_protocol_is_recorded_and_no_worse():
    para, plain = SCORES["ud_ewt_test_paragraphs"], SCORES["ud_ewt_test"]
    assert para["sents_f"] >= plain["sents_f"] and para["dep_las"] >= plain["dep_las"]
    assert "paragraph" in META["parley_evaluation"]["ud_ewt_test_paragraphs"]


@pytest.mark.parametrize("text,tokens", [
    ("Anti-war protesters e-mailed the co-founder in mid-July.",
     ["Anti-war", "protesters", "e-mailed", "the", "co-founder", "in", "mid-July", "."]),
    ("The Russia-Ukraine talks failed!!! Call 212-902-3724 now?!",
     ["The", "Russia", "-", "Ukraine", "talks", "failed", "!!!", "Call", "212-902-3724", "now", "?!"]),
    ("Fighting in 1939-1945 ____ bin Laden--", ["Fighting", "in", "1939", "-", "1945", "____", "bin", "Laden", "--"]),
    ("U.S.-led strikes", ["U.S.", "-", "led", "strikes"]),
    ("Khartoum and the SPLM/A met w/o the SPLM-N or the SPLM/A.",
     ["Khartoum", "and", "the", "SPLM/A", "met", "w/o", "the", "SPLM", "-", "N", "or", "the", "SPLM/A", "."]),
])
def test_tokenization_follows_the_treebank(text, tokens):
    """EWT keeps prefixed words, telephone numbers and runs of marks whole; other hyphens split."""
    assert [t.text for t in load_pipeline().make_doc(text)] == tokens


@pytest.mark.parametrize("text,speaker,verb", [
    ('"We will not back down," the president added.', "president", "added"),
    ("Foreign Minister Sergei Lavrov said on Monday that the talks had failed.", "Lavrov", "said"),
    ("Pakistan's Information Minister Attaullah Tarar told reporters the strikes had hit civilian areas.",
     "Tarar", "told"),
    ('"The ceasefire must hold," said UN Secretary-General Antonio Guterres.', "Guterres", "said"),
])
def test_reporting_verbs_take_the_speaker_as_subject_and_the_quote_as_complement(text, speaker, verb):
    doc = load_pipeline()(text)
    v = next(t for t in doc if t.text == verb)
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass")]
    assert subj and speaker in [t.text for t in subj[0].subtree]
    assert any(c.dep_ in ("ccomp", "parataxis") for c in v.children) or v.dep_ == "parataxis"


def test_sentences_and_entities_on_news():
    doc = load_pipeline()("Russia and Ukraine held talks in Istanbul on Friday. Volodymyr Zelensky said the "
                          "delegation would return.\n\nThe Kremlin gave no details.")
    assert [s.text.strip() for s in doc.sents] == [
        "Russia and Ukraine held talks in Istanbul on Friday.", "Volodymyr Zelensky said the delegation would return.",
        "The Kremlin gave no details."]
    ents = load_pipeline()("Prime Minister Keir Starmer spoke with Emmanuel Macron about the summit in Paris.").ents
    assert {(e.text, e.label_) for e in ents} >= {("Keir Starmer", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")}


@pytest.mark.parametrize("text,word,dep", [
    ("The German government today welcomed the latest policy statement.", "government", "nsubj"),
    ("Three civilians were killed by the strike on Sunday.", "civilians", "nsubj:pass"),
    ("At least three Iraqi civilians have been killed in a car bombing.", "civilians", "nsubj:pass"),
])
def test_active_and_passive_subjects_after_repairs(text, word, dep):
    doc = load_pipeline()(text)
    assert next(t for t in doc if t.text == word).dep_ == dep


def test_a_sentence_ends_only_at_final_punctuation_or_a_line_break():
    doc = load_pipeline()("Serbia on Thursday flatly rejected the ultimatum. He added: \"The talks are over.\" "
                          "Officials agreed.\n\nIran Says Talks Can Resume 'Soon'")
    assert [s.text.strip() for s in doc.sents] == [
        "Serbia on Thursday flatly rejected the ultimatum.", 'He added: "The talks are over."', "Officials agreed.",
        "Iran Says Talks Can Resume 'Soon'"]


def test_sentence_starts_after_final_punctuation_are_found():
    """The sentence-F shortfall on EWT lies in boundaries no punctuation marks (e-mail headers, lists, chat):
    the meta records their share, and the boundaries that ". ! ?" mark are nearly all found."""
    bounds = SCORES["ud_ewt_test_boundaries"]
    assert bounds["marked_recall"] >= 0.95
    assert bounds["unmarked_recall"] < bounds["marked_recall"]
    assert 0.2 < bounds["unmarked_share"] < 0.4
    assert "punctuation" in META["parley_evaluation"]["ud_ewt_test_boundaries"]


def test_no_sentence_starts_before_a_lower_case_word():
    nlp = load_pipeline()
    doc = nlp.get_pipe("parley_paragraphs")(nlp.make_doc("U.S. strikes Houthi targets. Talks resume at 9 a.m. local "
                                                         "time. Officials agreed."))
    open_ = [t.text for t in doc if t.i and t.is_sent_start is not False]  # the parser may start a sentence here
    assert open_ == ["Talks", "Officials"]  # not "strikes" after "U.S.", nor "local" after "a.m."


def test_a_determiner_on_a_verb_is_repaired_into_its_subject():
    """The parse some models give "The 78-year-old said ...": det and amod of "said", no subject."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["The", "78", "-", "year", "-", "old", "said", "he", "left", "."]
    doc = Doc(nlp.vocab, words=words, heads=[6, 3, 1, 5, 3, 6, 6, 8, 6, 6],
              deps=["det", "nummod", "punct", "obl:unmarked", "punct", "amod", "ROOT", "nsubj", "ccomp", "punct"],
              tags=["DT", "CD", "HYPH", "NN", "HYPH", "JJ", "VBD", "PRP", "VBD", "."])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert (doc[5].dep_, doc[5].head.text) == ("nsubj", "said")
    assert doc[0].head.text == "old"


def test_a_noun_phrase_after_as_that_runs_into_a_verb_is_its_subject():
    """Another model's parse of "..., with tensions boiling over as small island states walked out": 'as STATES'
    a phrase under "boiling" and "tensions" the subject of "walked"."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["Talks", "ended", ",", "with", "tensions", "boiling", "as", "island", "states", "walked", "out", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 4, 4, 9, 4, 8, 8, 5, 1, 9, 1],
              deps=["nsubj", "ROOT", "punct", "case", "nsubj", "acl", "case", "compound", "obl", "advcl",
                    "compound:prt", "punct"],
              tags=["NNS", "VBD", ",", "IN", "NNS", "VBG", "IN", "NN", "NNS", "VBD", "RP", "."])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert (doc[8].dep_, doc[8].head.text) == ("nsubj", "walked")
    assert (doc[6].dep_, doc[6].head.text) == ("mark", "walked")
    assert doc[4].dep_ == "obl"  # "with tensions" is no subject
    assert [c.text for c in doc[9].children if c.dep_ == "nsubj"] == ["states"]


def test_as_before_a_plain_phrase_is_left_alone():
    doc = load_pipeline()("He served as foreign minister until 2019 and was later named ambassador.")
    assert next(t for t in doc if t.text == "as").dep_ != "mark"


def test_a_sentence_read_as_one_noun_phrase_gets_its_verb_back():
    """Another model's parse of "X, an aide to Putin, and Y, his deputy, held talks.": 'held' an adjective of
    'talks' and the sentence one long noun phrase."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["Medinsky", ",", "an", "aide", ",", "and", "Umerov", ",", "held", "talks", "on", "Wednesday", "."]
    doc = Doc(nlp.vocab, words=words, heads=[0, 3, 3, 0, 6, 6, 0, 9, 9, 0, 11, 9, 0],
              deps=["ROOT", "punct", "det", "appos", "punct", "cc", "conj", "punct", "amod", "list", "case", "nmod",
                    "punct"],
              tags=["NNP", ",", "DT", "NN", ",", "CC", "NNP", ",", "VBN", "NNS", "IN", "NNP", "."],
              pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "CCONJ", "PROPN", "PUNCT", "VERB", "NOUN", "ADP", "PROPN",
                   "PUNCT"])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert (doc[8].dep_, doc[8].tag_) == ("ROOT", "VBD")
    assert (doc[0].dep_, doc[0].head.text) == ("nsubj", "held")
    assert (doc[9].dep_, doc[9].head.text) == ("obj", "held")
    assert doc[12].head.text == "held"


def test_a_headline_without_a_verb_is_left_alone():
    """The same reading of a line with no full stop ('Medinsky, an aide, held talks'): a headline, left as read."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["Medinsky", ",", "an", "aide", ",", "held", "talks"]
    doc = Doc(nlp.vocab, words=words, heads=[0, 3, 3, 0, 6, 6, 0],
              deps=["ROOT", "punct", "det", "appos", "punct", "amod", "list"],
              tags=["NNP", ",", "DT", "NN", ",", "VBN", "NNS"],
              pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "NOUN"])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert (doc[0].dep_, doc[5].dep_) == ("ROOT", "amod")


def test_a_particle_read_as_a_preposition_is_given_back_to_its_verb():
    """Another model's parse of "The United States speeded up the withdrawal of its forces": 'up' the case of
    'withdrawal', which is then an oblique, not the object."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["Washington", "speeded", "up", "the", "withdrawal", "of", "forces", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 4, 4, 1, 6, 4, 1],
              deps=["nsubj", "ROOT", "case", "det", "obl", "case", "nmod", "punct"],
              tags=["NNP", "VBD", "RP", "DT", "NN", "IN", "NNS", "."],
              pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "NOUN", "PUNCT"])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert (doc[2].dep_, doc[2].head.text) == ("compound:prt", "speeded")
    assert doc[4].dep_ == "obj"


def test_an_adjective_with_a_passive_auxiliary_is_a_passive_participle():
    """'12 people were injured' with 'injured' an adjective and 'were' already a passive auxiliary."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    doc = Doc(nlp.vocab, words=["12", "people", "were", "injured", "."], heads=[1, 3, 3, 3, 3],
              deps=["nummod", "nsubj", "aux:pass", "ROOT", "punct"], tags=["CD", "NNS", "VBD", "JJ", "."],
              pos=["NUM", "NOUN", "AUX", "ADJ", "PUNCT"])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert (doc[1].dep_, doc[3].tag_, doc[3].pos_) == ("nsubj:pass", "VBN", "VERB")


def test_a_name_set_between_items_of_a_list_is_one_more_item():
    """The shipped parse of '... met Macron, Meloni, Chancellor Merz, and Stubb': Merz an apposition of the first
    item. Between two list items, set off by a comma like them, it is another item; a real apposition at
    the end of a name ('met Macron, the French president') is left alone."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["Trump", "met", "Macron", ",", "Meloni", ",", "Chancellor", "Merz", ",", "and", "Stubb", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 4, 2, 7, 7, 2, 10, 10, 2, 1],
              deps=["nsubj", "ROOT", "obj", "punct", "conj", "punct", "nmod:desc", "appos", "punct", "cc", "conj",
                    "punct"],
              pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "CCONJ", "PROPN",
                   "PUNCT"])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert [t.text for t in doc[2].conjuncts] == ["Meloni", "Merz", "Stubb"]
    words = ["Trump", "met", "Macron", ",", "Chancellor", "Merz", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 5, 5, 2, 1],
              deps=["nsubj", "ROOT", "obj", "punct", "nmod:desc", "appos", "punct"],
              pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT"])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert doc[5].dep_ == "appos"


def test_a_participle_after_have_that_the_parse_made_an_adjective_is_a_perfect_tense():
    """'Rebels have kidnapped 16 advisers' read as 'have' + 'kidnapped advisers': the participle is the verb,
    'have' its auxiliary; 'They have armed groups' (an adjectival participle) keeps its possession reading,
    and the sentence after is untouched."""
    from spacy.tokens import Doc

    nlp = load_pipeline()
    words = ["Rebels", "have", "kidnapped", "16", "advisers", "in", "Kabul", ".", "They", "have", "armed", "groups", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 4, 4, 1, 6, 4, 1, 9, 9, 11, 9, 9],
              deps=["nsubj", "ROOT", "amod", "nummod", "obj", "case", "nmod", "punct", "nsubj", "ROOT", "amod", "obj",
                    "punct"],
              tags=["NNS", "VBP", "VBN", "CD", "NNS", "IN", "NNP", ".", "PRP", "VBP", "VBN", "NNS", "."])
    doc = nlp.get_pipe("parley_parse_repairs")(doc)
    assert [(t.text, t.dep_, t.head.text) for t in doc[:5]] == [
        ("Rebels", "nsubj", "kidnapped"), ("have", "aux", "kidnapped"), ("kidnapped", "ROOT", "kidnapped"),
        ("16", "nummod", "advisers"), ("advisers", "obj", "kidnapped")]
    assert [s.text for s in doc.sents] == ["Rebels have kidnapped 16 advisers in Kabul .", "They have armed groups ."]
    assert (doc[10].dep_, doc[9].dep_) == ("amod", "ROOT")
