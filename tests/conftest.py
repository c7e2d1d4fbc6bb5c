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
