"""A lemma table learned from the training treebank, consulted before the edit-tree lemmatizer's guess.

The edit-tree lemmatizer generalises well to unseen words but slips on frequent ones whose
lemma is a matter of convention ("'s" -> "be"/"have", "ca" -> "can", "better" -> "well" as an
adverb). For a (lower-cased form, UPOS) pair that the training data lemmatises the same way at
least nine times in ten, the table's lemma wins. scripts/train_pipeline.py builds the table and
saves it with the pipeline (`parley_lemma_table/table.json`).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

AGREEMENT = 0.9  # share of training occurrences that must agree on the lemma


def learn_table(rows: Iterable[tuple[str, str, str]], agreement: float = AGREEMENT) -> dict[str, str]:
    """{"form\\tUPOS": lemma} from (form, UPOS, lemma) triples, keeping the pairs whose lemma is consistent."""
    seen: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for form, upos, lemma in rows:
        seen[(form.lower(), upos)][lemma] += 1
    table = {}
    for (form, upos), lemmas in seen.items():
        lemma, n = lemmas.most_common(1)[0]
        if n / sum(lemmas.values()) >= agreement:
            table[f"{form}\t{upos}"] = lemma
    return table


class LemmaTable:
    """Pipeline component: set token.lemma_ from the table where the (form, UPOS) pair is in it."""

    def __init__(self, nlp: Language, name: str, table: dict[str, str] | None = None) -> None:
        self.name = name
        self.table: dict[str, str] = dict(table or {})

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        if table:
            for token in doc:
                lemma = table.get(f"{token.lower_}\t{token.pos_}")
                if lemma is not None:
                    token.lemma_ = lemma
        return doc

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "table.json").write_text(json.dumps(self.table, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "LemmaTable":
        self.table = json.loads((Path(path) / "table.json").read_text(encoding="utf-8"))
        return self


@Language.factory("parley_lemma_table", default_config={})
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    return LemmaTable(nlp, name)
