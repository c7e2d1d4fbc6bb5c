"""Word-cluster features for parley's tok2vec.

EWT is small: about one token in eleven of its test text never occurs in its training text.
Brown clusters learned from a large web corpus (the `lexeme_cluster` table of the
spacy-lookups-data package, MIT) tell the tagger and parser which known words an unseen word
behaves like. scripts/train_pipeline.py keeps the clustered words and puts them in the
pipeline's vocab lookups, so the shipped pipeline carries its table and needs nothing at run
time. This module registers the two pieces a pipeline config names:

- `parley.ClusterHashEmbed.v1`: spaCy's hashed NORM/PREFIX/SUFFIX/SHAPE embeddings plus one
  table for the word's cluster (exact form first, then lower case; 0 when unknown), and, with
  `include_static_vectors`, the vocab's static word vectors projected to the same width;
- `parley.cluster_lookups.v1`: loads a JSON table {word: cluster} into the vocab at training.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import numpy
from spacy.attrs import ORTH
from spacy.lookups import Lookups
from spacy.ml.staticvectors import StaticVectors
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

TABLE = "lexeme_cluster"


def cluster_ids(doc: Doc) -> numpy.ndarray:
    """The cluster of each token (exact form, else its lower case), 0 where the table has none."""
    table = doc.vocab.lookups.get_table(TABLE, None)
    if table is None:
        return numpy.zeros(len(doc), dtype="uint64")
    out = numpy.zeros(len(doc), dtype="uint64")
    strings = doc.vocab.strings
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        value = table.get(orth, 0)
        if not value:
            text = strings[orth]
            if not text.islower():
                value = table.get(text.lower(), 0)
        out[i] = value
    return out


def _extract(columns: list[str]) -> Model[list[Doc], list[Ints2d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], Callable]:
        feats = []
        for doc in docs:
            attrs = doc.to_array(columns).reshape((len(doc), len(columns)))
            both = numpy.hstack([attrs.astype("uint64"), cluster_ids(doc).reshape((len(doc), 1))])
            feats.append(model.ops.asarray2i(both, dtype="uint64"))
        return feats, lambda d: []

    return Model("extract_features_clusters", forward, attrs={"columns": columns})


@registry.architectures("parley.ClusterHashEmbed.v1")
def cluster_hash_embed(width: int, attrs: list[str], rows: list[int], cluster_rows: int,
                       include_static_vectors: bool = False) -> Model[list[Doc], list[Floats2d]]:
    """Hashed embeddings of `attrs` (one table each, `rows` rows) and of the word's cluster, with the
    vocab's static vectors when `include_static_vectors`, concatenated and mixed down to `width` by
    a maxout layer."""
    if len(rows) != len(attrs):
        raise ValueError(f"parley.ClusterHashEmbed: {len(rows)} row counts for {len(attrs)} attributes")
    tables = [HashEmbed(width, n, column=i, seed=11 + i, dropout=0.0) for i, n in enumerate(rows)]
    tables.append(HashEmbed(width, cluster_rows, column=len(attrs), seed=11 + len(attrs), dropout=0.0))
    features = [_extract(list(attrs)), list2ragged(), with_array(concatenate(*tables))]
    if not include_static_vectors:  # the layer structure of every pipeline trained without vectors
        mix = Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)
        return chain(*features, with_array(mix), ragged2list())
    # static vectors: the vocab's table, looked up by the exact form (parley's lists lower, capitalised and upper case)
    mix = Maxout(width, width * (len(tables) + 1), nP=3, dropout=0.0, normalize=True)
    return chain(concatenate(chain(*features), StaticVectors(width, dropout=0.0)), with_array(mix), ragged2list())


@registry.misc("parley.cluster_lookups.v1")
def cluster_lookups(path: str) -> Lookups:
    """Lookups with the cluster table read from a JSON file {word: cluster id}."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    lookups = Lookups()
    lookups.add_table(TABLE, data)
    return lookups
