"""The pipeline in one straight line: Article -> nlp -> actors -> quotes -> events -> checks -> Document.

    from parley.pipeline import Extractor
    ex = Extractor()                       # loads the spaCy pipeline and knowledge base once
    for doc in ex.documents(articles):     # Articles from parley.ingest
        print(doc.to_dict())
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from .actors import KnowledgeBase, default_kb, find_actors
from .ingest.lang import SUPPORTED
from .nlp import doc_text
from .checks import run_checks
from .events import code_events, load_lexicon
from .quotes import find_quotes
from .record import Article, Document


@lru_cache(maxsize=8)
def _blank(lang: str) -> Language:
    try:
        return spacy.blank(lang)
    except Exception:  # spaCy has no tokenizer rules for this language
        return spacy.blank("xx")


class Extractor:
    """Holds what the stages load once per process: the spaCy pipeline and the knowledge base."""

    def __init__(self, pipeline: str | None = None, kb: KnowledgeBase | None = None,
                 partial_events: bool = False) -> None:
        self.partial_events = partial_events
        self.nlp: Language = nlp_stage.load_pipeline(pipeline)
        self.kb = kb or default_kb()
        self.lexicon = load_lexicon()

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
                    yield self._names_only(a)
                    continue
                yield self._analyse(a, parsed[id(a)])

    def _names_only(self, article: Article) -> Document:
        """An article in a language parley does not parse: knowledge-base names only, no quotes or events."""
        doc = _blank(article.language or "xx")(nlp_stage._cap(article.text))
        index = find_actors(doc, article.published, self.kb, names_only=True)
        return Document(article, actors=index.actors, warnings=[
            f"language '{article.language}' is not supported: only knowledge-base names were resolved; "
            "quotes and events need English"])

    def _analyse(self, article: Article, doc: Doc) -> Document:
        warnings = []
        if len(doc_text(doc)) < len(article.text):
            warnings.append(f"text longer than {nlp_stage.MAX_CHARS:,} characters: analysed the first "
                            f"{len(doc_text(doc)):,} (to a paragraph break)")
        index = find_actors(doc, article.published, self.kb)
        quotes = find_quotes(doc, index)
        events = code_events(doc, article.published, index, quotes, self.kb, self.lexicon, self.partial_events)
        states = [a.code for a in index.actors if a.kind == "state" and a.code]
        checks = run_checks(article.text, article.published, index.actors, self.kb, states)
        return Document(article, actors=index.actors, quotes=quotes, events=events, checks=checks, warnings=warnings)
