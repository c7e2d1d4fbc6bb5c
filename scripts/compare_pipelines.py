#!/usr/bin/env python3
"""What changes downstream when parley reads the same articles with another spaCy pipeline.

    python scripts/compare_pipelines.py ARTICLES.jsonl --pipeline B/out [--baseline OTHER]

ARTICLES.jsonl holds input records ({"id", "text", "published", ...}), as `parley extract` reads them. For every
article the script prints the events (type, trigger, source and target codes) and the indirect quotes that one
pipeline finds and the other does not, with the sentence they come from: the list to read when a retrained
pipeline scores differently downstream. Without --baseline the package's own pipeline is the baseline.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

PARLEY = str(Path(sys.executable).with_name("parley"))


def extract(articles: Path, pipeline: str | None) -> dict[str, dict]:
    cmd = [PARLEY, "extract", "--format", "jsonl", str(articles), *(["--pipeline", pipeline] if pipeline else [])]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                          env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    return {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}


def events(record: dict) -> dict[tuple, str]:
    code = {a["id"]: a["code"] for a in record["actors"]}
    text = record["text"]
    return {(e["type"], e["trigger"]["text"], tuple(sorted(str(code.get(i)) for i in e["source"])),
             tuple(sorted(str(code.get(i)) for i in e["target"]))):
            text[e["sentence"]["start"]:e["sentence"]["end"]][:120].replace("\n", " ") for e in record["events"]}


def indirect(record: dict) -> set[str]:
    return {q["text"][:70] for q in record["quotes"] if q["kind"] == "indirect"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--pipeline", required=True, help="the pipeline to compare")
    ap.add_argument("--baseline", default=None, help="the pipeline to compare it with (default: parley's own)")
    a = ap.parse_args()
    base, other = extract(a.articles, a.baseline), extract(a.articles, a.pipeline)
    for aid, rec in base.items():
        if aid not in other:
            print(aid, "missing from", a.pipeline)
            continue
        old, new = events(rec), events(other[aid])
        for k in sorted(old.keys() - new.keys(), key=str):
            print(aid, "- event", k, "|", old[k])
        for k in sorted(new.keys() - old.keys(), key=str):
            print(aid, "+ event", k, "|", new[k])
        for q in sorted(indirect(rec) - indirect(other[aid])):
            print(aid, "- indirect", q)
        for q in sorted(indirect(other[aid]) - indirect(rec)):
            print(aid, "+ indirect", q)


if __name__ == "__main__":
    main()
