"""Ingestion: any news input (text, HTML, JSONL/CSV, RSS/Atom, WARC) to Article records.

    from parley.ingest import read
    for item in read(["news/"], default_date="2025-05-19"):
        ...  # an Article, or an IngestError naming the input and the reason
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..record import Article
from .clean import clean_text
from .formats import IngestError, Item, read_csv, read_feed, read_html, read_jsonl, read_text, read_warc
from .lang import detect_language

__all__ = ["read", "read_bytes", "Article", "IngestError", "clean_text", "detect_language"]

_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".gz": "warc",
}


def sniff(data: bytes, name: str) -> str:
    """The input format from the file name, else from the first bytes."""
    suffix = Path(name).suffix.lower()
    if name.lower().endswith((".warc.gz", ".warc")):
        return "warc"
    if suffix in _BY_SUFFIX and suffix != ".gz":
        return _BY_SUFFIX[suffix]
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/") or data[:2] == b"\x1f\x8b":
        return "warc"
    if head.startswith(b"{") or head.startswith(b"["):
        return "jsonl"
    if b"<rss" in head or b"<feed" in head or (head.startswith(b"<?xml") and b"<rdf" in head):
        return "feed"
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "html"
    return "text"


def read_bytes(data: bytes, name: str, *, fmt: str | None = None, fetch: bool = False) -> Iterator[Item]:
    """Articles from one input's bytes; `name` is used in ids and error messages."""
    if not data.strip():
        yield IngestError(name, "empty input")
        return
    fmt = fmt or sniff(data, name)
    stem = Path(name).name
    for ext in (".warc.gz", ".gz", Path(name).suffix):
        if ext and stem.lower().endswith(ext):
            stem = stem[: -len(ext)]
            break
    readers = {"text": read_text, "html": read_html, "jsonl": read_jsonl, "csv": read_csv, "warc": read_warc}
    try:
        if fmt == "feed":
            yield from read_feed(data, name, stem, fetch=fetch)
        else:
            yield from readers[fmt](data, name, stem)
    except ValueError as e:  # decode() on binary input
        yield IngestError(name, str(e))


def _expand(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not f.name.startswith("."):
                    yield str(f)
        else:
            yield p


def read(paths: Iterable[str], *, default_date: str | None = None, language: str | None = None,
         fetch: bool = False, fmt: str | None = None) -> Iterator[Item]:
    """Articles from files, folders (read recursively) or '-' (standard input).

    `default_date` fills in the publication date where the input has none; `language`
    forces the language, otherwise it is taken from the input or identified from the text.
    """
    for p in _expand(paths):
        if p == "-":
            data, name = sys.stdin.buffer.read(), "<stdin>"
        else:
            try:
                data, name = Path(p).read_bytes(), p
            except FileNotFoundError:
                yield IngestError(p, "no such file")
                continue
            except OSError as e:
                yield IngestError(p, e.strerror or str(e))
                continue
        for item in read_bytes(data, name, fmt=fmt, fetch=fetch):
            if isinstance(item, Article):
                if not item.published and default_date:
                    item.published = default_date
                if language:
                    item.language = language
                elif not item.language:
                    item.language = detect_language(item.text) or "en"
            yield item
