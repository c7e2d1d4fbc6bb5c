#!/usr/bin/env python3
"""Speed of parley's spaCy pipeline on news text: words per second on one core, beside the blank
English tokenizer on the same text. Run: python bench/pipeline_speed.py [--pipeline NAME_OR_PATH]"""
import argparse
import time

from _common import demo_articles, timed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pipeline", default=None)
    ap.add_argument("--repeat", type=int, default=4, help="copies of the corpus to process")
    a = ap.parse_args()
    import spacy

    from parley.nlp import load_pipeline

    t0 = time.perf_counter()
    load_pipeline.cache_clear()
    nlp = load_pipeline(a.pipeline)
    load = time.perf_counter() - t0
    texts = [x.text for x in demo_articles()] * a.repeat
    blank = spacy.blank("en")
    words = sum(len(d) for d in blank.pipe(texts))
    tb = timed(lambda: list(blank.pipe(texts)), repeat=2)
    list(nlp.pipe(texts[:4]))  # warm-up
    tp = timed(lambda: list(nlp.pipe(texts, batch_size=16)), repeat=2)
    print(f"pipeline load: {load:.2f} s  components: {', '.join(nlp.pipe_names)}")
    print(f"blank tokenizer: {words / tb:,.0f} words/s")
    print(f"full pipeline:   {words / tp:,.0f} words/s per core ({words} tokens, {len(texts)} texts)")
    print(f"ratio: the full pipeline takes {tp / tb:.1f}x the blank tokenizer's time on the same text")


if __name__ == "__main__":
    main()
