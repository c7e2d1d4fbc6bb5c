"""The knowledge base: states, organisations, people with dated offices, roles, conflicts, places.

Compiled from the YAML sources by scripts/build_kb.py into parley/data/kb.json; a user's own
entries (from `parley kb import`) live in a JSON file named by $PARLEY_KB (default
~/.parley/kb-user.json) and are merged over the shipped ones.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

DATA = Path(__file__).resolve().parent.parent / "data"
KB_FILE = DATA / "kb.json"


class KBError(ValueError):
    """A knowledge-base file that cannot be read; the message names the file."""


def user_kb_path() -> Path:
    return Path(os.environ.get("PARLEY_KB") or Path.home() / ".parley" / "kb-user.json")


_INITIAL_DOT = re.compile(r"(?<=\b[A-Za-z])\.")
_DASH = re.compile(r"[-‐–]")
_SPACE = re.compile(r"\s+")


_TOKENISH = re.compile(r"[\w.]+|[^\w\s.]")  # at least as many pieces as a tokenizer makes of a name


@lru_cache(maxsize=500_000)
def fold(s: str) -> str:
    """Lowercase without diacritics, typographic apostrophes or dots: the key of every name index."""
    if s.isascii():
        s = s.replace("`", "'")
    else:
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = s.replace("’", "'").replace("‘", "'").replace("`", "'").replace("ı", "i")
    s = _INITIAL_DOT.sub("", s)  # U.N. -> UN, U.S. -> US
    s = _DASH.sub(" ", s)
    return _SPACE.sub(" ", s).strip().lower()


def to_date(v: str | dt.date | None) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    s = str(v)
    try:
        if len(s) == 4:
            return dt.date(int(s), 7, 1)  # year only: mid-year
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


@dataclass
class Office:
    role: str
    title: str
    code: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str]
    gender: str | None
    born: str | None
    nationality: str | None
    offices: list[Office]

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if parts else self.name

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office held on `day` (the senior one when several); without a day, the latest."""
        if not self.offices:
            return None
        if day is None:
            open_ = [o for o in self.offices if o.end is None]
            return (open_ or sorted(self.offices, key=lambda o: o.start or dt.date.min, reverse=True))[0]
        held = [o for o in self.offices if o.held_on(day)]
        if not held:
            return None
        heads = [o for o in held if o.title.lower() in HEAD_TITLES]
        return (heads or held)[0]

    def age_on(self, day: dt.date) -> int | None:
        if not self.born or len(self.born) < 10:
            return None
        b = dt.date.fromisoformat(self.born)
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def code_on(self, day: dt.date | None) -> tuple[str | None, str]:
        """(actor code, sector) on `day`: the office's, else the nationality with sector ELI."""
        o = self.office_on(day)
        if o:
            return o.code, o.sector
        return self.nationality, "ELI"


SURNAME_STOP = {"the", "and", "for", "with", "from", "new", "king", "said", "will", "may", "june", "april", "house",
                "long", "young", "little", "rice", "price", "power", "white", "black", "brown", "green", "law",
                "jr", "sr", "iii", "ii", "khan", "ali", "ahmed", "mohammed", "muhammad", "hassan", "hussein", "kim"}

HEAD_TITLES = {"president", "prime minister", "chancellor", "king", "queen", "emir", "supreme leader", "pope",
               "crown prince", "sultan", "premier", "secretary-general"}


@dataclass
class Target:
    """What a name in the text can refer to."""

    kind: str  # person, state, organisation, organ, conflict
    id: str
    how: str  # name, alias, adjective, capital, seat, organ


@dataclass
class KnowledgeBase:
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    roles: dict[str, Any] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: Path = KB_FILE, user: Path | None = None) -> KnowledgeBase:
        raw = json.loads(path.read_text(encoding="utf-8"))
        user = user or user_kb_path()
        if user.exists():
            try:
                extra = json.loads(user.read_text(encoding="utf-8"))
                people = [p for p in extra.get("people") or [] if isinstance(p, dict) and p.get("id") and p.get("name")]
                for p in people:
                    p["offices"] = [o for o in p.get("offices") or [] if isinstance(o, dict) and o.get("code")
                                    and o.get("role")]
                    p["aliases"] = [a for a in p.get("aliases") or [] if isinstance(a, str)]
                merge_people(raw["people"], people)
            except (OSError, ValueError, AttributeError, TypeError) as e:
                raise KBError(f"{user}: cannot read the user knowledge base ({e}); fix or remove the file") from e
        kb = cls(meta=raw.get("meta") or {}, roles=raw.get("roles") or {}, conflicts=raw.get("conflicts") or [],
                 places=raw.get("places") or [])
        kb.states = {s["code"]: s for s in raw["states"]}
        kb.organisations = {o["id"]: o for o in raw["organisations"]}
        for p in raw["people"]:
            offices = [Office(o["role"], o.get("title") or o["role"], o["code"], o["sector"], to_date(o.get("start")),
                              to_date(o.get("end"))) for o in p.get("offices") or []]
            offices.sort(key=lambda o: o.start or dt.date.min, reverse=True)
            kb.people[p["id"]] = Person(p["id"], p["name"], list(p.get("aliases") or []), p.get("gender"),
                                        p.get("born"), p.get("nationality"), offices)
        kb._index()
        return kb

    def _index(self) -> None:
        self.names: dict[str, list[Target]] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)

        self.name_tokens: dict[str, int] = defaultdict(int)  # first word -> most tokens a name starting so spans

        def add(surface: str, t: Target) -> None:
            key = fold(surface)
            if key and all(not (x.kind == t.kind and x.id == t.id) for x in self.names[key]):
                self.names[key].append(t)
                first = key.split()[0]
                self.name_tokens[first] = max(self.name_tokens[first], len(_TOKENISH.findall(surface)) + 1)
            if key.startswith("the ") and len(key) > 8:  # "the White House" is also "White House"
                add(surface[4:], t)

        for code, s in self.states.items():
            add(s["name"], Target("state", code, "name"))
            for a in s.get("aliases") or []:
                add(a, Target("state", code, "alias"))
            for a in s.get("adjectives") or []:
                add(a, Target("state", code, "adjective"))
            cap = s.get("capital") or {}
            for a in [cap.get("name")] + list(cap.get("aliases") or []):
                if a:
                    add(a, Target("state", code, "capital"))
            for a in s.get("seats") or []:
                add(a, Target("state", code, "seat"))
        for oid, o in self.organisations.items():
            add(o["name"], Target("organisation", oid, "name"))
            for a in o.get("aliases") or []:
                add(a, Target("organisation", oid, "alias"))
            for i, g in enumerate(o.get("organs") or []):
                for a in [g["name"]] + list(g.get("aliases") or []):
                    add(a, Target("organ", f"{oid}/{i}", "organ"))
        def add_surname(word: str, pid: str) -> None:
            key = fold(word)
            if len(key) >= 3 and key not in SURNAME_STOP and pid not in self.surnames[key]:
                self.surnames[key].append(pid)

        for pid, p in self.people.items():
            add(p.name, Target("person", pid, "name"))
            add_surname(p.surname, pid)
            for a in p.aliases:
                add(a, Target("person", pid, "alias"))
                words = a.split()
                if (len(words) < 2 or words[-2].lower() not in ("bin", "ibn", "bint", "ben")) and \
                        "of" not in (w.lower() for w in words):
                    add_surname(words[-1], pid)  # "Hamad bin Jassim": Jassim is his father; "Akihito of Japan": a place
        self.title_of: dict[str, str] = {}  # folded synonym -> canonical office title
        for o in self.roles.get("offices") or []:
            for w in [o["title"]] + list(o.get("same_as") or []):
                self.title_of[fold(w)] = fold(o["title"])
        self.titles: dict[str, dict[str, Any]] = {}
        for t in self.roles.get("titles") or []:
            for w in t.get("words") or []:
                self.titles.setdefault(fold(w), t)
        self.agents: dict[str, str] = {}
        for a in self.roles.get("agents") or []:
            for w in a.get("words") or []:
                self.agents.setdefault(fold(w), a["sector"])
        self.agent_last_words = {k.split()[-1] for k in self.agents if k}  # a cheap test before n-gram look-ups
        self._misspellings: dict[str, set[str]] | None = None  # built on first use by misspelt_state
        self._misspelt_seen: dict[str, Target | None] = {}
        self._surname_edits: dict[str, set[str]] | None = None  # built on first use by misspelt_person
        self._org_countries: dict[str, str | None] | None = None  # built on first use by country_of
        self.holders: dict[tuple[str, str], list[tuple[Person, Office]]] = defaultdict(list)
        for p in self.people.values():
            for o in p.offices:
                self.holders[(self.canonical_title(o.title), o.code)].append((p, o))
        # first words of names and titles: n-grams are only tried where a name can begin
        self.first_words = {k.split()[0] for k in self.names if k}
        self.title_first_words = {k.split()[0] for k in [*self.titles, *self.title_of] if k}
        self.title_last_words = {k.split()[-1] for k in [*self.titles, *self.title_of] if k}
        self.place_index: dict[str, dict[str, Any]] = {}
        for n, pl in enumerate(self.places):
            for a in [pl["name"]] + list(pl.get("aliases") or []):
                self.place_index.setdefault(fold(a), pl)
                if len(a.split()) > 1 and fold(a) not in self.names:  # "Sea of Japan" is a place, not Japan
                    add(a, Target("place", str(n), "place"))
        self.first_words = {k.split()[0] for k in self.names if k}

    # ------------------------------------------------------------ look-ups
    def canonical_title(self, title: str) -> str:
        f = fold(title)
        return self.title_of.get(f, f)

    def lookup(self, surface: str) -> list[Target]:
        return self.names.get(fold(surface), [])

    def misspelt_state(self, word: str) -> Target | None:
        """A state name or adjective of six letters or more written with one letter dropped, added,
        changed or swapped ('Ethopia', 'Isreal', 'Afghanistn'); the first two letters must agree."""
        key = fold(word)
        if len(key) < 6 or key in self.names:
            return None
        if key in self._misspelt_seen:
            return self._misspelt_seen[key]
        self._misspelt_seen[key] = found = self._misspelt(key)
        return found

    def _misspelt(self, key: str) -> Target | None:
        if self._misspellings is None:
            self._misspellings = _deletion_index(k for k, targets in self.names.items() if len(k) >= 6 and " " not in k
                                                 and all(t.kind == "state" for t in targets))
        hits = _one_edit(key, self._misspellings)
        if len(hits) != 1:
            return None
        targets = self.names[hits.pop()]
        return targets[0] if len({t.id for t in targets}) == 1 else None

    def misspelt_person(self, first: str, last: str) -> Target | None:
        """A known person written with the right first name and a surname of five letters or more with one
        letter dropped, added, changed or swapped ("Abdelaziz Bouteflicka", "Laurent Gbago"); the surname's
        first two letters must agree, and only one person may fit."""
        key, given = fold(last), fold(first)
        if len(key) < 5 or key in self.surnames:
            return None
        if self._surname_edits is None:
            self._surname_edits = _deletion_index(k for k in self.surnames if len(k) >= 5)
        people = {pid for k in _one_edit(key, self._surname_edits) for pid in self.surnames[k]
                  if fold(self.people[pid].name.split()[0]) == given}
        return Target("person", people.pop(), "name") if len(people) == 1 else None

    def office_holder(self, title: str, code: str, day: dt.date | None) -> Person | None:
        """Who held the office `title` for `code` on `day` (the current holder without a day)."""
        cands = self.holders.get((self.canonical_title(title), code), [])
        if day is not None:
            held = [p for p, o in cands if o.held_on(day)]
        else:
            held = [p for p, o in cands if o.end is None]
        return held[0] if len(held) >= 1 else None

    def country_of(self, code: str | None) -> str | None:
        """The country of an actor code: a state is its own; a national organisation or armed group
        (HEZBOLLAH, HAMAS) has its knowledge-base country; an international one has none."""
        if not code:
            return None
        if code in self.states:
            return code
        if self._org_countries is None:
            self._org_countries = {o["code"]: o.get("country") for o in self.organisations.values()}
        return self._org_countries.get(code)

    def organ(self, organ_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        oid, i = organ_id.split("/")
        org = self.organisations[oid]
        return org, org["organs"][int(i)]

    def place(self, surface: str) -> dict[str, Any] | None:
        pl = self.place_index.get(fold(surface))
        if pl:
            return pl
        for t in self.lookup(surface):
            if t.kind == "state":
                s = self.states[t.id]
                if t.how == "capital" and s.get("capital"):
                    c = s["capital"]
                    return {"name": c["name"], "kind": "city", "country": s["code"], "lat": c.get("lat"),
                            "lon": c.get("lon")}
                if t.how in ("name", "alias"):
                    return {"name": s["name"], "kind": "country", "country": s["code"], "lat": s.get("lat"),
                            "lon": s.get("lon")}
        return None

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Entries whose names contain `text` (folded), people first."""
        q = fold(text)
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for key, targets in self.names.items():
            if q in key:
                for t in targets:
                    if (t.kind, t.id) not in seen:
                        seen.add((t.kind, t.id))
                        out.append({"kind": t.kind, "id": t.id, "name": self.display_name(t), "matched": key})
        out.sort(key=lambda r: (r["kind"] != "person", r["matched"] != q, r["name"]))
        return out[:limit]

    def display_name(self, t: Target) -> str:
        if t.kind == "person":
            return self.people[t.id].name
        if t.kind == "state":
            return self.states[t.id]["name"]
        if t.kind == "organisation":
            return self.organisations[t.id]["name"]
        if t.kind == "place":
            return self.places[int(t.id)]["name"]
        org, organ = self.organ(t.id)
        return organ["name"] if org["name"] in organ["name"] else f"{organ['name']} ({org['code']})"

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        if entry_id in self.people:
            p = self.people[entry_id]
            return {"kind": "person", "id": p.id, "name": p.name, "aliases": p.aliases, "gender": p.gender,
                    "born": p.born, "nationality": p.nationality,
                    "offices": [{"role": o.role, "title": o.title, "code": o.code, "sector": o.sector,
                                 "start": o.start.isoformat() if o.start else None,
                                 "end": o.end.isoformat() if o.end else None} for o in p.offices]}
        if entry_id.upper() in self.states:
            return {"kind": "state", **self.states[entry_id.upper()]}
        if entry_id in self.organisations:
            return {"kind": "organisation", **self.organisations[entry_id]}
        return None


def _deletion_index(keys: Iterable[str]) -> dict[str, set[str]]:
    """Each key under itself and under every form with one letter deleted: two words one edit apart
    (a letter dropped, added, changed or swapped) then share an entry."""
    index: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        for d in {k, *(k[:i] + k[i + 1:] for i in range(len(k)))}:
            index[d].add(k)
    return index


def _one_edit(key: str, index: dict[str, set[str]]) -> set[str]:
    """Indexed keys at most one edit from `key` whose first two letters agree with it."""
    hits = set(index.get(key, ()))
    for i in range(len(key)):
        hits |= index.get(key[:i] + key[i + 1:], set())
    return {k for k in hits if k[:2] == key[:2]}


def merge_people(base: list[dict[str, Any]], extra: list[dict[str, Any]]) -> None:
    """Add or update people: an entry with a known id replaces its offices, aliases and facts."""
    by_id = {p["id"]: p for p in base}
    for p in extra:
        if p["id"] in by_id:
            old = by_id[p["id"]]
            old["aliases"] = sorted(set(old.get("aliases") or []) | set(p.get("aliases") or []))
            for k in ("name", "gender", "born", "nationality"):
                if p.get(k):
                    old[k] = p[k]
            have = {(o["role"], o.get("start")) for o in old.get("offices") or []}
            old["offices"] = (old.get("offices") or []) + [o for o in p.get("offices") or []
                                                          if (o["role"], o.get("start")) not in have]
        else:
            base.append(p)
            by_id[p["id"]] = p


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    return KnowledgeBase.load()
