"""The pipeline in one straight line: Article -> nlp -> actors -> quotes -> events -> checks -> Document.

    from parley.pipeline import Extractor
    ex = Extractor()                       # loads the spaCy pipeline and knowledge base once
    for doc in ex.documents(articles):     # Articles from parley.ingest
        print(doc.to_dict())
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from .actors import KnowledgeBase, default_kb, find_actors
from .ingest.lang import SUPPORTED
from .record import Article, Document


class Extractor:
    """Holds what the stages load once per process: the spaCy pipeline and the knowledge base."""

    def __init__(self, pipeline: str | None = None, kb: KnowledgeBase | None = None) -> None:
        self.nlp: Language = nlp_stage.load_pipeline(pipeline)
        self.kb = kb or default_kb()

    def document(self, article: Article) -> Document:
        return next(self.documents([article]))

    def documents(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Document]:
        """Document records in input order; articles not in English are labelled, not analysed."""
        it = iter(articles)
        while batch := list(islice(it, batch_size)):
            todo = [a for a in batch if (a.language or "en") in SUPPORTED]
            parsed = dict(zip((id(a) for a in todo), nlp_stage.parse(self.nlp, (a.text for a in todo))))
            for a in batch:
                if id(a) not in parsed:
                    yield Document(a, warnings=[f"language '{a.language}' is not supported: text not analysed"])
                    continue
                yield self._analyse(a, parsed[id(a)])

    def _analyse(self, article: Article, doc: Doc) -> Document:
        index = find_actors(doc, article.published, self.kb)
        return Document(article, actors=index.actors)
