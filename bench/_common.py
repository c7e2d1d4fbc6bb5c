"""Shared set-up for the benchmarks: one thread, the demo corpus as the workload."""
from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # rates are per core

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "demo" / "corpus"


def demo_articles():
    from parley.ingest import Article, read

    arts = [a for a in read([str(CORPUS)]) if isinstance(a, Article)]
    return [a for a in arts if a.language == "en"]


def timed(fn, repeat: int = 3) -> float:
    """Best wall time of `repeat` runs (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best
