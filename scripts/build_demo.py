#!/usr/bin/env python3
"""Build the demo corpus (demo/corpus/) from the articles in demo/sources/*.txt.

Each source file is a header block (title, published, source, url, author, language), a `---`
line and the article body. The articles are spread over every input format parley reads:
plain text (with the header block), HTML pages with navigation and footer furniture, a JSONL
batch, a CSV batch, an RSS feed and a gzipped WARC archive of HTTP responses.
Articles whose body carries page furniture stay plain text so the cleaner is exercised as-is.
"""
from __future__ import annotations

import csv
import html
import io
import json
import shutil
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "demo" / "sources"
CORPUS = ROOT / "demo" / "corpus"
FORMATS = ["text", "html", "jsonl", "csv", "rss", "warc"]
FURNITURE_MARKERS = ("READ MORE", "Read next", "Photo:", "Subscribe", "Share this")


def load_source(path: Path) -> dict:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            meta[k.strip().lower()] = v.strip()
    meta["id"] = path.stem
    meta["body"] = body.strip()
    return meta


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def html_page(a: dict) -> str:
    paras = "\n".join(f"      <p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs(a["body"]))
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="{e(a.get('language', 'en'))}">
<head>
  <meta charset="utf-8">
  <title>{e(a['title'])} | {e(a['source'])}</title>
  <meta property="og:title" content="{e(a['title'])}">
  <meta property="og:site_name" content="{e(a['source'])}">
  <meta property="article:published_time" content="{e(a['published'])}T08:00:00Z">
  <meta name="author" content="{e(a.get('author', ''))}">
  <link rel="canonical" href="{e(a['url'])}">
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/politics">Politics</a></nav></header>
  <main>
    <article>
      <h1>{e(a['title'])}</h1>
      <p class="byline">By {e(a.get('author', 'Staff'))}</p>
{paras}
    </article>
    <aside><h3>Most read</h3><ul><li><a href="/x">Markets rally as rates hold</a></li></ul></aside>
  </main>
  <footer><p>Subscribe to our newsletter</p><p>&copy; 2025 {e(a['source'])}. All rights reserved.</p></footer>
</body>
</html>
"""


def write_text(a: dict, out: Path) -> None:
    head = "".join(f"{k}: {a[k]}\n" for k in ("title", "published", "source", "url", "author", "language") if a.get(k))
    (out / "text" / f"{a['id']}.txt").write_text(head + "---\n" + a["body"] + "\n", encoding="utf-8")


def write_rss(items: list[dict], out: Path) -> None:
    entries = []
    for a in items:
        when = datetime.fromisoformat(a["published"]).replace(hour=8, tzinfo=timezone.utc)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(a["body"]))
        entries.append(f"""  <item>
    <title>{html.escape(a['title'])}</title>
    <link>{html.escape(a['url'])}</link>
    <guid isPermaLink="false">{a['id']}</guid>
    <pubDate>{format_datetime(when)}</pubDate>
    <dc:creator>{html.escape(a.get('author', ''))}</dc:creator>
    <description>{html.escape(paragraphs(a['body'])[0][:200])}</description>
    <content:encoded><![CDATA[{body}]]></content:encoded>
  </item>""")
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>parley demo wire</title>
  <link>https://wire.example/</link>
  <description>Demo feed of the parley project</description>
{chr(10).join(entries)}
</channel>
</rss>
"""
    (out / "feed.rss").write_text(feed, encoding="utf-8")


def write_warc(items: list[dict], out: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with (out / "crawl.warc.gz").open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for a in items:
            payload = html_page(a).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            rec = writer.create_warc_record(a["url"], "response", payload=io.BytesIO(payload),
                                            http_headers=headers,
                                            warc_headers_dict={"WARC-Date": f"{a['published']}T09:00:00Z"})
            writer.write_record(rec)


def build() -> dict[str, list[str]]:
    articles = [load_source(p) for p in sorted(SOURCES.glob("*.txt"))]
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    (CORPUS / "text").mkdir(parents=True)
    (CORPUS / "html").mkdir()
    plan: dict[str, list[dict]] = {f: [] for f in FORMATS}
    for i, a in enumerate(articles):
        fmt = "text" if any(m in a["body"] for m in FURNITURE_MARKERS) else FORMATS[i % len(FORMATS)]
        plan[fmt].append(a)
    for a in plan["text"]:
        write_text(a, CORPUS)
    for a in plan["html"]:
        (CORPUS / "html" / f"{a['id']}.html").write_text(html_page(a), encoding="utf-8")
    with (CORPUS / "batch.jsonl").open("w", encoding="utf-8") as f:
        for a in plan["jsonl"]:
            rec = {"id": a["id"], "title": a["title"], "text": a["title"] + "\n\n" + a["body"],
                   "published": a["published"], "url": a["url"], "source": a["source"],
                   "language": a.get("language"), "author": a.get("author")}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (CORPUS / "batch.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "title", "published", "url", "source", "text"])
        w.writeheader()
        for a in plan["csv"]:
            w.writerow({"id": a["id"], "title": a["title"], "published": a["published"], "url": a["url"],
                        "source": a["source"], "text": a["title"] + "\n\n" + a["body"]})
    write_rss(plan["rss"], CORPUS)
    write_warc(plan["warc"], CORPUS)
    return {f: [a["id"] for a in items] for f, items in plan.items()}


if __name__ == "__main__":
    for fmt, ids in build().items():
        print(f"{fmt:6} {len(ids):2}  {' '.join(ids)}")
