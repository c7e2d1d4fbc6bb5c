"""Readers for each input format. Each yields Article records or IngestError values.

A reader never raises for bad content: it yields an IngestError naming the input (and
line or entry) and the reason, and goes on with the rest of the batch.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..record import Article
from .clean import clean_text


@dataclass
class IngestError:
    """One input that could not be read: `input` names the file (and line or entry)."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


Item = Article | IngestError

_HEADER_LINE = re.compile(r"^([A-Za-z_][\w-]{0,30}):\s*(.*)$")
_HEADER_KEYS = {"title", "published", "date", "source", "url", "author", "language", "lang", "id"}


# ---------------------------------------------------------------- helpers
def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 first, else the encoding charset-normalizer detects.

    Raises ValueError for binary data.
    """
    head = data[:8192]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("cannot detect the text encoding (binary file?)")
    return str(best)


def iso_date(value: Any) -> str | None:
    """A publication date as YYYY-MM-DD, or None when the value is not a complete, valid date.

    Never guesses from today's clock: "N/A", "2025", "Friday" or "yesterday" give None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date.fromisoformat(m.group(0)).isoformat()
        except ValueError:
            return None  # 2025-13-45, 2025-02-30
    if re.fullmatch(r"\d{8}", s):
        try:
            return datetime.strptime(s, "%Y%m%d").date().isoformat()
        except ValueError:
            return None
    if not re.search(r"\d{4}", s) or not re.search(r"[A-Za-z]|\d{1,2}[/.]\d{1,2}", s):
        return None  # no year, or only a year: not a date we can place
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()  # keeps the date local to its offset
    except (TypeError, ValueError, IndexError):
        pass
    try:
        import dateparser

        d = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                                          "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
        return d.date().isoformat() if d else None
    except Exception:  # dateparser raises many kinds of errors on junk
        return None


def _text_field(value: Any) -> str | None:
    """A metadata field as text: strings and numbers, never a list or object turned into Python text."""
    if value is None or isinstance(value, (list, dict, bool)):
        return None
    return str(value).strip() or None


def norm_language(value: Any) -> str | None:
    """'en-US', 'EN', 'eng', 'English' -> 'en'; anything else lower-cased two-letter or None."""
    v = _text_field(value)
    if not v:
        return None
    v = re.split(r"[-_ ]", v.strip().lower())[0]
    return {"eng": "en", "english": "en", "fra": "fr", "fre": "fr", "french": "fr", "deu": "de", "ger": "de",
            "german": "de", "spa": "es", "spanish": "es", "rus": "ru", "russian": "ru", "ara": "ar",
            "arabic": "ar"}.get(v, v if len(v) == 2 else None)


def looks_like_headline(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 200 or len(s.split()) < 3:
        return False
    if s[-1] in ".;," and not s.endswith("..."):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", s)]
    if not words:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps / len(words) >= 0.5 or len(s.split()) <= 16


def make_article(*, id: str, raw: str, input: str, title: str | None = None, url: str | None = None,
                 published: Any = None, language: str | None = None, source: str | None = None,
                 metadata: dict[str, Any] | None = None, title_in_text: bool = True) -> Item:
    """Clean the text and build an Article; an IngestError if no article text is left."""
    body = clean_text(raw)
    title = _text_field(title)
    if title and title_in_text:
        t = clean_text(title)
        if t and not body.startswith(t):
            body = f"{t}\n\n{body}" if body else ""
    if not body.strip() or len(re.findall(r"\w+", body)) < 3:
        return IngestError(input, "no article text")
    return Article(id=str(id), text=body, raw_text=raw, url=_text_field(url), title=_text_field(title),
                   published=iso_date(published), language=norm_language(language), source=_text_field(source),
                   input=input, metadata=metadata or {})


# ---------------------------------------------------------------- plain text
def read_text(data: bytes, name: str, stem: str) -> Iterator[Item]:
    """Plain text. An optional header block of `key: value` lines ending at a `---` line gives
    title, published, source, url, author and language; otherwise the first line is the title
    when it looks like a headline."""
    text = decode(data, name)
    meta: dict[str, str] = {}
    lines = text.lstrip("\ufeff").split("\n")
    if lines and lines[0].strip() == "---" and "---" in [l.strip() for l in lines[1:21]]:
        lines = lines[1:]  # Markdown front matter: --- header ---
    if "---" in [l.strip() for l in lines[:20]]:
        end = [l.strip() for l in lines].index("---")
        header = [l for l in lines[:end] if l.strip()]
        parsed = [_HEADER_LINE.match(l) for l in header]
        if parsed and all(parsed) and any(m.group(1).lower() in _HEADER_KEYS for m in parsed if m):
            meta = {m.group(1).lower(): m.group(2).strip() for m in parsed if m}
            lines = lines[end + 1:]
    body = "\n".join(lines)
    title = meta.get("title")
    if not title:
        first = next((l for l in lines if l.strip()), "")
        nxt = lines[lines.index(first) + 1] if first in lines and lines.index(first) + 1 < len(lines) else ""
        if looks_like_headline(first) and not nxt.strip():
            title = first.strip()
    extra = {k: v for k, v in meta.items() if k not in _HEADER_KEYS}
    if meta.get("author"):
        extra["author"] = meta["author"]
    yield make_article(id=meta.get("id") or stem, raw=body, input=name, title=title, url=meta.get("url"),
                       published=meta.get("published") or meta.get("date"),
                       language=meta.get("language") or meta.get("lang"), source=meta.get("source"),
                       metadata=extra)


# ---------------------------------------------------------------- HTML
def html_article(html: str | bytes, name: str, stem: str, url: str | None = None,
                 published: Any = None) -> Item:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False)
    if doc is None:
        return IngestError(name, "no article text found in the HTML page")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or ""
    title = d.get("title")
    lines = [l for l in text.split("\n")]
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    raw = "\n\n".join(l for l in lines if l.strip())
    meta = {k: d[k] for k in ("author", "sitename", "hostname", "description") if d.get(k)}
    return make_article(id=stem, raw=raw, input=name, title=title, url=d.get("url") or url,
                        published=d.get("date") or published, source=d.get("sitename"), metadata=meta)


def read_html(data: bytes, name: str, stem: str) -> Iterator[Item]:
    yield html_article(decode(data, name), name, stem)


# ---------------------------------------------------------------- JSONL / CSV batches
_FIELDS = ("id", "text", "published", "url", "title", "language", "source")


def _record_article(rec: dict[str, Any], where: str, fallback_id: str) -> Item:
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(where, "record has no 'text'")
    meta = {k: v for k, v in rec.items() if k not in _FIELDS}
    rid = rec.get("id")
    rid = rid if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid).strip() else fallback_id
    return make_article(id=str(rid), raw=text, input=where,
                        title=rec.get("title"), url=rec.get("url"), published=rec.get("published") or rec.get("date"),
                        language=rec.get("language") or rec.get("lang"), source=rec.get("source"),
                        metadata=meta, title_in_text=False)


def read_jsonl(data: bytes, name: str, stem: str) -> Iterator[Item]:
    text = decode(data, name)
    stripped = text.lstrip()
    records: Any = None
    if stripped.startswith("["):  # a JSON array of records
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as e:
            yield IngestError(name, f"invalid JSON: {e.msg} (line {e.lineno})")
            return
    elif stripped.startswith("{") and "\n" in stripped.strip():
        records = _json_stream(stripped)  # one or more pretty-printed objects (jq output); else JSON lines
    if records is not None:
        if not isinstance(records, list):
            records = [records]
        for i, rec in enumerate(records, 1):
            where = f"{name}#{i}"
            yield _record_article(rec, where, f"{stem}-{i}") if isinstance(rec, dict) else IngestError(where, "not a JSON object")
        return
    n = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        where = f"{name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestError(where, f"invalid JSON: {e.msg} at column {e.colno}")
            continue
        if not isinstance(rec, dict):
            yield IngestError(where, "not a JSON object")
            continue
        yield _record_article(rec, where, f"{stem}-{lineno}")
    if n == 0:
        yield IngestError(name, "empty batch: no records")


def _json_stream(text: str) -> list[Any] | None:
    """Objects written one after another (`jq .` output), or None when the text is not such a stream."""
    dec, pos, out = json.JSONDecoder(), 0, []
    try:
        while pos < len(text):
            obj, pos = dec.raw_decode(text, pos)
            out.append(obj)
            while pos < len(text) and text[pos].isspace():
                pos += 1
    except json.JSONDecodeError:
        return None
    return out if out and not _is_jsonl(text) else None


def _is_jsonl(text: str) -> bool:
    lines = [l for l in text.splitlines() if l.strip()]
    try:
        return len(lines) > 1 and all(isinstance(json.loads(l), dict) for l in lines)
    except json.JSONDecodeError:
        return False


def read_csv(data: bytes, name: str, stem: str) -> Iterator[Item]:
    text = decode(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    cols = [c.strip().lower() for c in reader.fieldnames or []]
    if "text" not in cols:  # the sniffer guessed wrong: the delimiter is the one that gives a text column
        for delim in (",", ";", "\t", "|"):
            trial = csv.DictReader(io.StringIO(text), delimiter=delim)
            if "text" in [c.strip().lower() for c in trial.fieldnames or []]:
                reader, cols = trial, [c.strip().lower() for c in trial.fieldnames or []]
                break
    if "text" not in cols:
        yield IngestError(name, f"CSV has no 'text' column (columns: {', '.join(cols) or 'none'})")
        return
    n = 0
    for i, row in enumerate(reader, 2):  # line 1 is the header
        n += 1
        rec = {(k or "").strip().lower(): v for k, v in row.items()}
        yield _record_article(rec, f"{name}:{i}", f"{stem}-{i}")
    if n == 0:
        yield IngestError(name, "empty batch: no rows")


# ---------------------------------------------------------------- RSS / Atom
def _html_to_text(fragment: str) -> str:
    import html as htmllib

    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", fragment)
    s = re.sub(r"(?i)<\s*(br|/p|/div|/h\d|/li|/blockquote)\s*/?>", "\n\n", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return htmllib.unescape(htmllib.unescape(s)).replace("\xa0", " ")


def read_feed(data: bytes, name: str, stem: str, fetch: bool = False) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        yield IngestError(name, reason)
        return
    source = feed.feed.get("title")
    for i, e in enumerate(feed.entries, 1):
        where = f"{name}#{i}"
        link = e.get("link")
        published = iso_date(e.get("published") or e.get("updated"))  # the date as written, in its own zone
        if published is None:
            for key in ("published_parsed", "updated_parsed"):
                if e.get(key):
                    published = date(*e[key][:3]).isoformat()
                    break
        if fetch and link:
            try:
                yield _fetch(link, where, published)
                continue
            except OSError as err:
                yield IngestError(where, f"could not fetch {link}: {err}")
                continue
        body = ""
        if e.get("content"):
            body = e.content[0].get("value", "")
        body = body or e.get("summary", "") or e.get("description", "")
        title = re.sub(r"\s+", " ", _html_to_text(e.get("title") or "")).strip() or None  # titles carry HTML
        yield make_article(id=e.get("id") or link or f"{stem}-{i}", raw=_html_to_text(body), input=where,
                           title=title, url=link, published=published, source=source,
                           metadata={"author": e.get("author")} if e.get("author") else None)


def _fetch(url: str, where: str, published: str | None) -> Item:
    """Download a linked page (only with --fetch; parley never touches the network otherwise)."""
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "parley/0.1 (+news event extraction)"})
    with urllib.request.urlopen(req, timeout=20) as resp:  # noqa: S310 - user-requested fetch
        data = resp.read()
    return html_article(data, where, url, url=url, published=published)


# ---------------------------------------------------------------- WARC
def _truncated_gzip(data: bytes) -> bool:
    """A gzip stream (of one or more members) that ends before its last member does."""
    import zlib

    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            d.decompress(rest)
        except zlib.error:
            return True
        if not d.eof:
            return True
        rest = d.unused_data
    return False


def read_warc(data: bytes, name: str, stem: str) -> Iterator[Item]:
    if data[:2] == b"\x1f\x8b" and _truncated_gzip(data):
        items = [i for i in _warc_records(data, name, stem) if not isinstance(i, IngestError)]
        yield from items[:-1]  # the last record is cut off: its page is not whole
        yield IngestError(name, f"truncated WARC archive: read {max(len(items) - 1, 0)} whole record(s), "
                                "the last one is incomplete")
        return
    yield from _warc_records(data, name, stem)


def _warc_records(data: bytes, name: str, stem: str) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for rec in ArchiveIterator(io.BytesIO(data)):
            if rec.rec_type != "response":
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            n += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            when = rec.rec_headers.get_header("WARC-Date")
            where = f"{name}#{url or n}"
            try:
                page = rec.content_stream().read()
            except Exception as err:  # a truncated record
                yield IngestError(where, f"unreadable WARC record: {err}")
                continue
            art = html_article(page, where, url or f"{stem}-{n}", url=url, published=None)
            if isinstance(art, Article):
                art.id = url or art.id
                if not art.published and when:
                    art.metadata["crawled"] = when
            yield art
    except Exception as err:  # warcio raises ArchiveLoadFailed and others for non-WARC input
        yield IngestError(name, f"not a readable WARC archive: {str(err).splitlines()[0]}")
        return
    if n == 0:
        yield IngestError(name, "WARC archive has no HTML response records")
