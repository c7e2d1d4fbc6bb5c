"""The plain dataclasses that flow through parley's pipeline.

`Article` comes out of `parley.ingest`; `Document` is the record that `parley extract`
writes (see the project's docs/output.md): the article's cleaned text with its actors,
quotes, events and checks, every span a pair of character offsets into `text`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def parse_day(published: str | dt.date | None) -> dt.date | None:
    """A publication date as a date, or None when it is missing or not a valid YYYY-MM-DD."""
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@dataclass
class Article:
    """One news article as read from any input format."""

    id: str
    text: str  # cleaned text: every offset in the record refers to it
    raw_text: str = ""
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    language: str | None = None
    source: str | None = None  # outlet / source name
    input: str = ""  # where it came from: path, path:line, path#entry
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        for part in (self.text, self.title or "", self.published or "", self.url or "", self.language or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class Span:
    start: int
    end: int
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.text is not None:
            d["text"] = self.text
        return d


@dataclass
class Mention:
    start: int
    end: int
    text: str
    how: str = "name"  # name, alias, title, metonym, adjective, surname, role, description, pronoun
    title: str | None = None  # the title the text gives the actor here ("Chancellor" Olaf Scholz)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "how": self.how}
        if self.title:
            d["title"] = self.title
        return d


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person, organisation, state, group
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    kb_id: str | None = None
    gender: str | None = None  # m, f, or None; used by coreference
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "code": self.code,
            "country": self.country, "sector": self.sector, "roles": list(self.roles),
            "kb_id": self.kb_id,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: m.start)],
        }


@dataclass
class Quote:
    id: str
    kind: str  # direct, partial, indirect
    text: str
    start: int
    end: int
    speaker: str | None = None  # actor id
    cue: str | None = None
    cue_span: Span | None = None
    sentence: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
            "speaker": self.speaker, "cue": self.cue,
            "cue_span": self.cue_span.to_dict() if self.cue_span else None,
            "sentence": self.sentence.to_dict() if self.sentence else None,
        }


@dataclass
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    id: str
    type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: str | None = None
    date_end: str | None = None  # for ranges such as "last week"
    date_text: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted, intended, hypothetical, reported_denied
    quote: str | None = None
    place: Place | None = None
    confidence: float = 0.5
    origin: str | None = field(default=None, repr=False)  # the lexicon's type before modality recoded it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "context": list(self.context),
            "cameo": self.cameo, "goldstein": self.goldstein, "quad_class": self.quad_class,
            "source": list(self.source), "target": list(self.target),
            "date": self.date, "date_end": self.date_end, "date_text": self.date_text,
            "negated": self.negated, "modality": self.modality,
            "trigger": self.trigger.to_dict(), "sentence": self.sentence.to_dict(),
            "quote": self.quote, "place": self.place.to_dict() if self.place else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Check:
    kind: str  # age, office, duration
    actor: str | None
    claimed: Any
    expected: Any
    span: Span
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "actor": self.actor, "claimed": self.claimed, "expected": self.expected,
                "span": self.span.to_dict(), "message": self.message}


@dataclass
class Document:
    """The document record: one per article (docs/output.md)."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id, "url": a.url, "title": a.title, "published": a.published,
            "language": a.language, "source": a.source, "text": a.text,
            "actors": [x.to_dict() for x in self.actors],
            "quotes": [x.to_dict() for x in self.quotes],
            "events": [x.to_dict() for x in self.events],
            "checks": [x.to_dict() for x in self.checks],
            "warnings": list(self.warnings),
            "content_hash": a.content_hash,
        }
