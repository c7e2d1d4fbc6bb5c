from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT / "demo" / "corpus"
SOURCES = ROOT / "demo" / "sources"


@pytest.fixture(scope="session")
def extractor():
    from parley.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp():
    from parley.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def actors_of_text(nlp):
    """Parse a text and find its actors, checking that every mention's offsets point at its text."""
    from parley.actors import find_actors

    def _run(text, published="2025-05-19"):
        doc = nlp(text)
        index = find_actors(doc, published)
        for a in index.actors:
            for m in a.mentions:
                assert doc.text[m.start:m.end] == m.text, (a.name, m)
        return doc, index

    return _run
