#!/usr/bin/env python3
"""Ingestion throughput: articles per second read, decoded, extracted (HTML/RSS/WARC) and cleaned,
over the whole demo corpus in every format (no NLP). Run: python bench/ingest_throughput.py"""
from _common import CORPUS, timed

from parley.ingest import Article, read


def main() -> None:
    n = sum(isinstance(a, Article) for a in read([str(CORPUS)]))
    t = timed(lambda: list(read([str(CORPUS)])), repeat=5)
    print(f"ingest: {n} articles in {t:.3f} s = {n / t:.1f} articles/s (one core, demo corpus, all formats)")


if __name__ == "__main__":
    main()
