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
from .formats import (IngestError, Item, norm_language, read_csv, read_feed, read_html, read_jsonl, read_text,
                      read_warc)
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
    if name.lower().endswith(".warc"):
        return "warc"
    if data[:2] == b"\x1f\x8b":  # gzip: a WARC archive, or a compressed file of another format
        return "warc" if _gunzip_head(data).lstrip().startswith(b"WARC/") else "gzip"
    if suffix in _BY_SUFFIX and suffix != ".gz":
        return _BY_SUFFIX[suffix]
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{") or head.startswith(b"["):
        return "jsonl"
    if b"<rss" in head or b"<feed" in head or (head.startswith(b"<?xml") and b"<rdf" in head):
        return "feed"
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "html"
    return "text"


def _gunzip_head(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 4096)
    except zlib.error:
        return b""


def read_bytes(data: bytes, name: str, *, fmt: str | None = None, fetch: bool = False,
               stem: str | None = None) -> Iterator[Item]:
    """Articles from one input's bytes; `name` is used in error messages, `stem` (default: the file
    name without its extension) in the ids of records that have none."""
    if not data.strip():
        yield IngestError(name, "empty input")
        return
    fmt = fmt or sniff(data, name)
    if fmt == "gzip":  # batch.jsonl.gz, article.txt.gz: read what is inside
        import gzip

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            yield IngestError(name, f"not a readable gzip file: {e}")
            return
        inner = name[:-3] if name.lower().endswith(".gz") else name
        yield from read_bytes(data, name, fetch=fetch, fmt=sniff(data, inner) if inner != name else None,
                              stem=stem or _stem(inner))
        return
    stem = stem or _stem(name)
    readers = {"text": read_text, "html": read_html, "jsonl": read_jsonl, "csv": read_csv, "warc": read_warc}
    try:
        if fmt == "feed":
            yield from read_feed(data, name, stem, fetch=fetch)
        else:
            yield from readers[fmt](data, name, stem)
    except ValueError as e:  # decode() on binary input
        yield IngestError(name, str(e))


def _stem(name: str) -> str:
    stem = Path(name).name
    for ext in (".warc.gz", ".gz", Path(name).suffix):
        if ext and stem.lower().endswith(ext):
            return stem[: -len(ext)]
    return stem


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """(path, id stem): files in a folder take their path below it as id ("2025-05-16/article"),
    so two files of the same name in different folders do not share an id. Hidden files and
    folders are skipped."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield str(f), str(rel.with_name(_stem(f.name)))
        else:
            yield p, None


def read(paths: Iterable[str], *, default_date: str | None = None, language: str | None = None,
         fetch: bool = False, fmt: str | None = None) -> Iterator[Item]:
    """Articles from files, folders (read recursively) or '-' (standard input).

    `default_date` fills in the publication date where the input has none; `language`
    forces the language, otherwise it is taken from the input or identified from the text.
    """
    seen: dict[str, str] = {}
    for p, stem in _expand(paths):
        if p == "-":
            data, name = sys.stdin.buffer.read(), "<stdin>"
            stem = "stdin-" + __import__("hashlib").sha256(data).hexdigest()[:12]  # stable per content
        else:
            try:
                data, name = Path(p).read_bytes(), p
            except FileNotFoundError:
                yield IngestError(p, "no such file")
                continue
            except OSError as e:
                yield IngestError(p, e.strerror or str(e))
                continue
        for item in read_bytes(data, name, fmt=fmt, fetch=fetch, stem=stem):
            if isinstance(item, Article) and item.id in seen:
                yield IngestError(item.input, f"duplicate id {item.id!r} (also at {seen[item.id]}): not read twice")
                continue
            if isinstance(item, Article):
                seen[item.id] = item.input
                if not item.published and default_date:
                    item.published = default_date
                if language:
                    item.language = norm_language(language) or language
                elif not item.language:
                    item.language = detect_language(item.text) or "en"
            yield item
