#!/usr/bin/env python3
"""Speed of the whole extract pipeline (parse, actors, quotes, events, checks) on the demo
corpus: articles per second on one core, and the blank tokenizer's rate on the same text.
Run: python bench/extract_speed.py"""
import argparse

from _common import demo_articles, timed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pipeline", default=None, help="another spaCy pipeline (name or path) than parley's own")
    a = ap.parse_args()
    import spacy

    from parley.pipeline import Extractor

    arts = demo_articles() * a.repeat
    words = sum(len(x.text.split()) for x in arts) / len(arts)
    ex = Extractor(pipeline=a.pipeline)
    list(ex.documents(arts[:3]))  # warm-up: knowledge-base and lexicon indexes
    t = timed(lambda: list(ex.documents(arts)), repeat=2)
    blank = spacy.blank("en")
    tb = timed(lambda: list(blank.pipe(x.text for x in arts)), repeat=2)
    print(f"extract: {len(arts)} articles (avg {words:.0f} words) in {t:.2f} s = {len(arts) / t:.1f} articles/s per core")
    print(f"blank tokenizer on the same text: {len(arts) / tb:.0f} articles/s; extract/blank time ratio {t / tb:.1f}x")


if __name__ == "__main__":
    main()
