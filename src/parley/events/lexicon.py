"""The event lexicon: trigger verbs and nouns (data/lexicon/events.yaml) and CAMEO codes with
Goldstein scores (data/lexicon/cameo.json, built by scripts/build_cameo.py).

An analyst extends parley's event coding by editing events.yaml, or by pointing $PARLEY_LEXICON
at a YAML file of the same shape whose entries are added to (and take precedence over) the
shipped ones.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT")
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3, "PROTEST": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
# The modes of the PLOVER manual (draft 0.8), one table per event chapter.
MODES: dict[str, set[str]] = {
    "AGREE": set(), "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "AID": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
# The CAMEO code used when an event's type changes with its modality (an intended cooperation is AGREE).
DEFAULT_CAMEO = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
                 "AID": "070", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
                 "THREATEN": "130", "SANCTION": "160", "PROTEST": "140", "MOBILIZE": "150", "COERCE": "170",
                 "ASSAULT": "190"}


@dataclass
class Entry:
    lemma: str
    type: str
    cameo: str | None = None
    mode: str | None = None
    target: list[str] = field(default_factory=lambda: ["obj"])
    particle: str | None = None
    objects: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    modality: str | None = None
    context: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, d: dict[str, Any]) -> Entry:
        t = d.get("target") or ["obj"]
        return cls(lemma=str(d["lemma"]).lower(), type=d["type"], cameo=str(d["cameo"]) if d.get("cameo") else None,
                   mode=d.get("mode"), target=list(t) if isinstance(t, list) else [t],
                   particle=d.get("particle"), objects=[str(o).lower() for o in d.get("objects") or []],
                   requires=[str(o).lower() for o in d.get("requires") or []], modality=d.get("modality"),
                   context=list(d.get("context") or []))


@dataclass
class Lexicon:
    verbs: dict[str, list[Entry]]
    nouns: dict[str, list[Entry]]
    light_verbs: set[str]
    cameo: dict[str, dict[str, Any]]

    def goldstein(self, code: str | None) -> float | None:
        while code:
            c = self.cameo.get(code)
            if c and c.get("goldstein") is not None:
                return float(c["goldstein"])
            code = code[:-1] if len(code) > 2 else None
        return None

    def max_noun_words(self) -> int:
        return max((len(k.split()) for k in self.nouns), default=1)

    def noun_sizes(self, last: str) -> set[int]:
        """Lengths in words of the noun triggers that end in `last` (hyphenated words count as one)."""
        idx = getattr(self, "_sizes", None)
        if idx is None:
            idx = {}
            for k in self.nouns:
                parts = k.replace("-", " - ").split()
                for form in {k.split()[-1], parts[-1], k.replace("-", "").split()[-1]}:
                    idx.setdefault(form, set()).update({len(k.split()), len(parts)})
            self._sizes = idx
        return idx.get(last, set())


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


@lru_cache(maxsize=4)
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The shipped lexicon, plus the entries of `extra` (or $PARLEY_LEXICON) in front of them."""
    sources = [_read(DATA / "events.yaml")]
    extra = extra or os.environ.get("PARLEY_LEXICON")
    if extra:
        sources.insert(0, _read(Path(extra)))
    verbs: dict[str, list[Entry]] = defaultdict(list)
    nouns: dict[str, list[Entry]] = defaultdict(list)
    light: set[str] = set()
    for src in sources:
        for d in src.get("verbs") or []:
            if d.get("type") in TYPES:
                verbs[str(d["lemma"]).lower()].append(Entry.of(d))
        for d in src.get("nouns") or []:
            if d.get("type") in TYPES:
                nouns[str(d["lemma"]).lower()].append(Entry.of(d))
        light |= {str(v).lower() for v in src.get("light_verbs") or []}
    cameo = json.loads((DATA / "cameo.json").read_text(encoding="utf-8")).get("codes", {})
    return Lexicon(dict(verbs), dict(nouns), light, cameo)
