"""The nlp stage: cleaned text to a spaCy Doc with sentences, tags, lemmas, parse and entities.

parley ships its own small English pipeline (trained by scripts/train_pipeline.py from UD
English EWT, UNER and parley's news sentences) in parley/data/en_parley. Any other installed
spaCy pipeline can be used instead: `load_pipeline("en_core_web_trf")` or a path.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from thinc.api import use_ops
from spacy.attrs import DEP, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from parley import clusters, lemmas  # noqa: F401  (register the cluster embedding and the lemma table)

DATA = Path(__file__).parent / "data"
DEFAULT_PIPELINE = DATA / "en_parley"
MAX_CHARS = 200_000  # longer texts are cut at a paragraph break before this many characters


SENTENCE_ENDS = frozenset(".!?…")
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


@Language.component("parley_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a line break (headlines, subheads and paragraphs stand alone), and
    in edited news it only ends at final punctuation, before a word that is not lower-case: the parser may
    not split "Serbia on Thursday rejected ..." after "Serbia", nor "U.S. strikes Houthis" after "U.S.".
    Computed over token arrays and set in one call (this runs on every token)."""
    if len(doc) < 2:
        return doc
    strings = doc.vocab.strings
    cols = doc.to_array([ORTH, IS_SPACE, SPACY]).tolist()
    words = [strings[c[0]] for c in cols]
    starts = numpy.zeros((len(doc), 1), dtype="int64")  # 1 starts a sentence, -1 cannot, 0 the parser decides
    for i in range(1, len(doc)):
        if cols[i][1]:
            starts[i, 0] = -1  # the break belongs to the sentence before it
        elif cols[i - 1][1] and "\n" in words[i - 1]:
            starts[i, 0] = 1
        elif words[i] in CLOSERS and not cols[i - 1][2]:
            starts[i, 0] = -1  # 'over."': the closing mark ends the sentence before it
        else:
            j = i - 1
            while j > 0 and words[j] in CLOSERS and i - j <= 2:  # '... the end."' or '(... end.)'
                j -= 1
            if words[j][-1:] not in SENTENCE_ENDS or words[i][:1].islower():
                starts[i, 0] = -1  # nor before a lower-case word: "U.S. strikes Houthis", "at 1 a.m. local time"
    doc.from_array([SENT_START], starts.astype("uint64"))  # -1 wraps around, as spaCy's own arrays do
    return doc


PASSIVE_AUX = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "get", "gets", "got",
                         "gotten", "getting"})  # word forms: the repairs run before the lemmatizer


@Language.component("parley_parse_repairs")
def parse_repairs(doc: Doc) -> Doc:
    """Undo parser slips every later stage would inherit: a passive subject of an active verb
    ("The government welcomed the plan" parsed as if "was welcomed") is the plain subject, and the
    subject of a verb with a passive auxiliary ("three civilians were killed") is a passive subject."""
    subj, subj_pass = doc.vocab.strings["nsubj"], doc.vocab.strings["nsubj:pass"]
    for i, dep in enumerate(doc.to_array(DEP).tolist()):
        if dep != subj and dep != subj_pass:
            continue
        tok = doc[i]
        head = tok.head
        if dep == subj_pass and head.tag_ in ("VBD", "VBZ", "VBP", "VBN") and \
                head.dep_ in ("ROOT", "ccomp", "conj", "parataxis") and \
                not any(c.dep_ in ("aux:pass", "aux") and c.lower_ in PASSIVE_AUX for c in head.children):
            tok.dep_ = "nsubj"
        elif dep == subj and head.tag_ == "VBN" and any(c.dep_ == "aux:pass" for c in head.children):
            tok.dep_ = "nsubj:pass"  # "three civilians were killed": the subject of a passive
        elif dep == subj and head.tag_ == "JJ" and head.lower_.endswith("ed") and (cop := next(
                (c for c in head.children if c.dep_ == "cop" and c.lower_ in PASSIVE_AUX), None)) is not None:
            tok.dep_ = "nsubj:pass"  # "12 people were injured" read as an adjective: a passive all the same
            cop.dep_ = "aux:pass"
        elif head.tag_ == "JJ" and head.lower_.endswith("ed") and any(c.dep_ == "aux:pass" for c in head.children):
            tok.dep_ = "nsubj:pass"  # the same, with the auxiliary already a passive one
            head.tag_, head.pos_ = "VBN", "VERB"
    _determined_verbs(doc)
    _as_clauses(doc)
    _verbless_sentences(doc)
    _particles(doc)
    _list_items(doc)
    _perfect_participles(doc)
    return doc


HAVE = frozenset({"have", "has", "had", "'ve"})
ADJECTIVAL_PARTICIPLES = frozenset({"armed", "trained", "skilled", "advanced", "limited", "mixed", "united", "fixed",
                                    "organized", "organised", "supposed", "detailed", "reduced", "increased", "improved",
                                    "renewed", "elected", "unmanned", "guided", "combined", "restricted", "related"})


def _perfect_participles(doc: Doc) -> None:
    """'Security forces have tortured scores of refugees' read with 'have' the verb and 'tortured' an adjective of
    'scores': a participle right after a finite 'have' that modifies the object of 'have' is the verb of a perfect
    tense, 'have' its auxiliary and the noun its object."""
    for have in doc:
        if have.lower_ not in HAVE or have.tag_ not in TENSED or have.i + 2 >= len(doc):
            continue
        part = doc[have.i + 1]
        noun = part.head
        if part.tag_ != "VBN" or part.dep_ != "amod" or part.lower_ in ADJECTIVAL_PARTICIPLES or \
                noun.i <= part.i or noun.head.i != have.i or noun.dep_ != "obj":
            continue
        for c in list(have.children):
            if c.i != noun.i:
                c.head = part
        part.head = part if have.head.i == have.i else have.head
        part.dep_, part.pos_ = have.dep_, "VERB"
        have.head, have.dep_, have.pos_ = part, "aux", "AUX"
        noun.head, noun.dep_ = part, "obj"


def _list_items(doc: Doc) -> None:
    """'with X, Y, German Chancellor Friedrich Merz, and Z' read with Merz an apposition of Y: a name between
    two items of a list, set off by commas like them, is one more item of the list."""
    for tok in doc:
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.i == 0:
            continue
        head = tok.head
        items = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        before = [c for c in items if c.i < tok.i]
        after = [c for c in items if c.i > tok.i and any(g.dep_ == "cc" for g in c.children)]
        if before and after and "," in (doc[tok.left_edge.i].text, doc[tok.left_edge.i - 1].text):
            tok.dep_ = "conj"


def _particles(doc: Doc) -> None:
    """'speeded up the withdrawal' read with 'up' a preposition of 'withdrawal': a particle (RP) right after a
    verb belongs to that verb, and the noun it was given to is the verb's object."""
    for tok in doc:
        if tok.tag_ != "RP" or tok.dep_ != "case" or tok.i == 0:
            continue
        verb, noun = doc[tok.i - 1], tok.head
        if verb.pos_ != "VERB" or noun.head.i != verb.i or noun.i <= tok.i or any(c.dep_ == "obj" for c in verb.children):
            continue
        tok.head, tok.dep_ = verb, "compound:prt"
        if noun.dep_ == "obl":
            noun.dep_ = "obj"


TENSED = frozenset({"VBD", "VBZ", "VBP"})  # a verb with a tense; with a modal, a finite clause
FINITE = TENSED | {"MD"}


def _verbless_sentences(doc: Doc) -> None:
    """'Vladimir Medinsky, an aide to ..., and Rustem Umerov, Secretary of ..., held talks on Wednesday.' read as
    one long noun phrase with 'held' an adjective of 'talks': a sentence with a full stop and no finite verb, whose
    participle right after a comma modifies the next noun, has that participle as its verb and the rest as its
    subject and object."""
    for sent in doc.sents:
        root = sent.root
        if root.pos_ not in ("NOUN", "PROPN") or sent[-1].text != "." or any(t.tag_ in FINITE for t in sent):
            continue
        verb = next((t for t in sent if t.tag_ in ("VBN", "VBD") and t.dep_ == "amod" and t.i > sent.start
                     and doc[t.i - 1].text == "," and t.head.i == t.i + 1 and t.head.i != root.i
                     and t.head.head.i == root.i), None)
        if verb is None:
            continue
        obj = verb.head
        later = [c for c in root.children if c.i > verb.i]
        verb.head, verb.dep_ = verb, "ROOT"
        root.head, root.dep_ = verb, "nsubj"
        obj.head, obj.dep_ = verb, "obj"
        for c in later:
            c.head = verb
        verb.tag_ = "VBD"


def _as_clauses(doc: Doc) -> None:
    """'... as small island states and the poorest countries walked out' read as a phrase 'as STATES' with
    the verb given some other subject: a noun phrase after 'as' that runs straight into a finite verb with
    no subject between them is that verb's subject, and 'as' introduces the clause."""
    for tok in doc:
        if tok.lower_ != "as" or tok.dep_ != "case" or tok.head.i <= tok.i:
            continue
        noun = tok.head
        end = noun.right_edge.i
        if end + 1 >= len(doc) or noun.dep_.startswith("nsubj"):
            continue
        verb = doc[end + 1]
        if verb.tag_ not in TENSED or verb.dep_ == "ROOT" or any(
                c.dep_.startswith("nsubj") and tok.i < c.i < verb.i for c in verb.children):
            continue
        for c in verb.children:  # "with tensions boiling over as ...": the subject the parser gave it
            if c.dep_.startswith("nsubj") and c.i < tok.i:
                c.dep_ = "obl"
        noun.head, noun.dep_ = verb, "nsubj"
        tok.head, tok.dep_ = verb, "mark"


def _determined_verbs(doc: Doc) -> None:
    """A finite verb takes no determiner: in "The 78-year-old said" read as det + amod of "said", the modifier
    nearest the verb is its subject and the determiner that modifier's."""
    det = doc.vocab.strings["det"]
    for i, dep in enumerate(doc.to_array(DEP).tolist()):
        if dep != det:
            continue
        d = doc[i]
        verb = d.head
        if verb.tag_ not in TENSED or verb.i < d.i or any(
                c.dep_ in ("nsubj", "nsubj:pass", "csubj", "expl") for c in verb.children):
            continue
        subj = next((c for c in reversed(list(verb.lefts)) if d.i < c.i and c.dep_ in ("amod", "obl:unmarked",
                                                                                         "compound", "nmod")), None)
        if subj is not None:
            subj.head, subj.dep_ = verb, "nsubj"
            d.head = subj


@Language.component("parley_sentence_index")
def sentence_index(doc: Doc) -> Doc:
    """Index sentence bounds once, so token.sent and span.sent cost a bisection, not a walk over the doc."""
    bounds = [(s.start, s.end) for s in doc.sents]
    starts = [b[0] for b in bounds]

    def sent_of(i: int):  # noqa: ANN202
        k = bisect_right(starts, i) - 1
        s, e = bounds[max(k, 0)]
        return doc[s:e]

    doc.user_token_hooks["sent"] = lambda tok: sent_of(tok.i)
    doc.user_span_hooks["sent"] = lambda span: sent_of(span.start)
    return doc


def doc_text(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins every token each time Doc.text is read."""
    text = doc.user_data.get("parley_text")
    if text is None:
        text = doc.user_data["parley_text"] = doc.text
    return text


class PipelineNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(name_or_path: str | None = None) -> Language:
    """Load a spaCy pipeline once per process: parley's own by default."""
    target = str(name_or_path) if name_or_path else str(DEFAULT_PIPELINE)
    try:
        # thinc's own BLIS kernels are portable but slow on current CPUs: numpy's BLAS (OpenBLAS from
        # the numpy wheel) multiplies the same float32 matrices about three times faster on one core.
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(target)
    except OSError as e:
        raise PipelineNotFound(
            f"cannot load the spaCy pipeline {target!r}: {e}. parley ships its own pipeline in "
            f"{DEFAULT_PIPELINE}; build it with scripts/train_pipeline.py, or name an installed pipeline."
        ) from e
    if "parley_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs", first=True)
    if "parley_parse_repairs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("parley_parse_repairs", after="parser")
    if "parley_sentence_index" not in nlp.pipe_names:
        nlp.add_pipe("parley_sentence_index", last=True)
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1000)
    return nlp


def _cap(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind("\n\n", 0, MAX_CHARS)
    return text[: cut if cut > 0 else MAX_CHARS]


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches. A text longer than MAX_CHARS is cut at a paragraph break."""
    for doc, text in nlp.pipe(((t, t) for t in map(_cap, texts)), batch_size=batch_size, as_tuples=True):
        doc.user_data["parley_text"] = text  # spaCy keeps the text exactly: no need to join the tokens again
        yield doc
