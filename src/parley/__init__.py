"""parley: news reports on diplomacy and conflict to structured, verifiable event data.

    import parley
    doc = parley.extract(text, published="2025-05-19", url=None)
    doc.actors, doc.quotes, doc.events, doc.checks   # every span points into doc.text
    doc.to_dict()                                    # the document record (docs/output.md)
"""
from __future__ import annotations

from functools import lru_cache

from .record import Actor, Article, Check, Document, Event, Mention, Quote

__version__ = "0.1.0"
__all__ = ["extract", "Extractor", "Article", "Document", "Actor", "Mention", "Quote", "Event", "Check",
           "__version__"]


@lru_cache(maxsize=2)
def _extractor(pipeline: str | None = None):  # noqa: ANN202
    from .pipeline import Extractor

    return Extractor(pipeline)


def extract(text: str, published: str | None = None, url: str | None = None, *, title: str | None = None,
            id: str = "doc", language: str | None = None, pipeline: str | None = None) -> Document:
    """Extract the document record of one article's raw text (cleaned first, like any input)."""
    from .ingest import detect_language, read_bytes
    from .ingest.formats import IngestError, iso_date, norm_language

    art = next(read_bytes(text.encode("utf-8"), id, fmt="text"))
    if isinstance(art, IngestError):
        raise ValueError(str(art))
    art.id = id
    art.title = title or art.title
    art.url = url or art.url
    if published and iso_date(published) is None:
        raise ValueError(f"published: {published!r} is not a date (YYYY-MM-DD)")
    art.published = iso_date(published) or art.published
    art.language = norm_language(language) or art.language
    art.language = art.language or detect_language(art.text) or "en"
    return _extractor(pipeline).document(art)


def __getattr__(name: str):  # noqa: ANN202 - lazy import keeps `import parley` light
    if name == "Extractor":
        from .pipeline import Extractor

        return Extractor
    raise AttributeError(name)
