"""The actors stage: recognise and resolve who is mentioned, on the parsed Doc.

    from parley.actors import find_actors
    index = find_actors(doc, published, kb)     # ActorIndex
    index.actors                                 # list[Actor], each with all its mentions
    index.at(token)                              # actor ids a token belongs to

Recognition (recognize.py): knowledge-base names and aliases, title + name, metonyms
(capitals and seats of power), nationality adjectives before agent nouns ("Russian forces"),
generic agents ("protesters"), and people the knowledge base lacks (entities and titled
names). Coreference (coref.py): surnames, titles ("the president"), descriptions ("the
78-year-old") and pronouns.
"""
from __future__ import annotations


import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..record import Actor, Mention, parse_day
from . import coref
from .kb import KnowledgeBase, default_kb
from .groups import counted, groups, new_organisations
from .recognize import Found, extend_person, find_kb_names, new_people, sector_of_title

__all__ = ["find_actors", "ActorIndex", "KnowledgeBase", "default_kb"]


QUALIFYING_PARTICIPLES = {"based", "backed", "allied", "aligned", "run", "controlled", "sponsored", "funded",
                          "supported", "linked", "affiliated", "held", "occupied", "administered", "born"}


@dataclass
class ActorIndex:
    """The article's actors and, for every token inside a mention, the actor ids it names."""

    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, list[str]] = field(default_factory=dict)
    places: list[Found] = field(default_factory=list)  # place mentions: "in Istanbul"
    dominant: str | None = None  # the state code mentioned most

    def at(self, tok: Token | int) -> list[str]:
        return self.by_token.get(tok if isinstance(tok, int) else tok.i, [])

    def get(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def person_tokens(self) -> frozenset[int]:
        """Tokens inside a mention of a person: a name the entity recognizer mislabelled is still a person."""
        people = {a.id for a in self.actors if a.kind == "person"}
        return frozenset(i for i, ids in self.by_token.items() if people.intersection(ids))

    def state_actor(self, code: str, kb: KnowledgeBase, mention: Mention | None = None) -> str | None:
        """The id of the state actor with this code, added if the text named it only as a place
        (`mention`, the place, is recorded as its mention)."""
        a = next((a for a in self.actors if a.kind == "state" and a.code == code), None)
        if a is None and code in kb.states:
            a = Actor(f"a{len(self.actors) + 1}", kb.states[code]["name"], "state", code=code, country=code,
                      sector="GOV", kb_id=code)
            self.actors.append(a)
        if a is not None and mention is not None and all(m.start != mention.start for m in a.mentions):
            a.mentions.append(mention)
        return a.id if a else None

    def covering(self, start: int, end: int) -> list[str]:
        """Actor ids of mentions inside the token range, in order."""
        out: list[str] = []
        for i in range(start, end):
            for a in self.by_token.get(i, []):
                if a not in out:
                    out.append(a)
        return out


def find_actors(doc: Doc, published: str | dt.date | None, kb: KnowledgeBase | None = None,
                quoted: set[int] | None = None, names_only: bool = False) -> ActorIndex:
    """All actors of the article with their mentions (char offsets into doc_text(doc)).

    `names_only` (for text parley cannot parse): knowledge-base names and surnames, nothing else."""
    kb = kb or default_kb()
    day = parse_day(published)
    names, places = find_kb_names(doc, kb)
    # "Yemen-based Houthis", "Iran-backed militias": the state word qualifies the group, it is not a party
    names = [f for f in names if not (f.key.startswith("state:") and f.end + 1 < len(doc) and doc[f.end].text == "-"
                                      and doc[f.end + 1].lower_ in QUALIFYING_PARTICIPLES)]
    if names_only:
        found = [f for f in names if f.key.startswith(("person:", "org:", "organ:")) or f.how != "adjective"]
        taken = {i for f in found for i in range(f.start, f.end)}
        found += coref.surnames(doc, kb, found, taken, day)
        return _build(doc, kb, found, places, day)
    adjectives = [f for f in names if f.how == "adjective"]
    found = [f for f in names if f.how != "adjective"]
    found_at = {i: f for f in names for i in range(f.start, f.end)}
    for f in found:
        if f.key.startswith("person:"):
            extend_person(doc, f, kb, found_at)
    found = _drop_overlapped(found)
    taken = {i for f in found for i in range(f.start, f.end)}
    found = _drop_overlapped(found + new_people(doc, kb, taken, found_at))
    adjectives = [f for f in adjectives if not any(i in taken for i in range(f.start, f.end))]
    found += coref.surnames(doc, kb, found, taken, day)
    orgs = new_organisations(doc, kb, taken, adjectives, found)
    found += orgs
    found = [f for f in found if not (f.key.startswith("state:") and any(o.start <= f.start < o.end for o in orgs))]
    adjectives = [f for f in adjectives if not any(o.start <= f.start < o.end for o in orgs)]
    grp = groups(doc, kb, adjectives, taken, day, found)
    found = [f for f in found if f.how != "qualifier"] + grp  # "Ivory Coast rebels": the state name qualified them
    taken |= {i for f in grp for i in range(f.start, f.end)}
    # adjectives used as nouns ("the Russians") name the state; others were qualifiers or modifiers
    adjective_at = {f.start: f for f in adjectives}
    for f in adjectives:  # "the Russians", "Ukrainian cities": the state; "Russian-speaking": nothing
        nxt = doc[f.end] if f.end < len(doc) else None
        if f.how == "adjective" and f.start not in taken and not (nxt is not None and nxt.text == "-"):
            people = adjective_at.get(f.end)  # "Bosnian Serbs", "Iraqi Kurds": the people of the first state
            end = people.end if people is not None and people.key != f.key and doc[people.end - 1].tag_ == "NNPS" \
                or people is not None and doc[people.end - 1].lower_.endswith("s") and doc[people.end - 1].pos_ != "ADJ" else f.end
            last = doc[end - 1]
            if f.key.startswith("state:") and last.lower_.endswith("s") and counted(last):
                code = f.key[6:]  # "thousands of Nigerians", "two Americans": people of the state, not the state
                found.append(Found(f.start, end, f"group:{code}:CVL", "role", code=code, sector="CVL",
                                   name=doc[f.start:end].text))
            else:
                found.append(Found(f.start, end, f.key, "adjective"))
            taken.update(range(f.start, end))
    found += coref.titles(doc, kb, found, taken, day, [f for f in adjectives if f.how == "adjective"])
    found += coref.descriptions(doc, kb, found, taken, day)
    found += coref.countries(doc, kb, found, taken, day)
    found += coref.pronouns(doc, kb, found, taken, quoted or set())
    found += coref.collective_pronouns(doc, found, taken, quoted or set())
    return _build(doc, kb, found, places, day, adjectives)


def _drop_overlapped(found: list[Found]) -> list[Found]:
    """A person mention that took in its title and country words wins over what it covers."""
    people = [f for f in found if f.key.startswith(("person:", "new:"))]
    return [f for f in found if f in people or not any(p.start <= f.start and f.end <= p.end for p in people)]


def _build(doc: Doc, kb: KnowledgeBase, found: list[Found], places: list[Found], day: dt.date | None,
           adjectives: list[Found] | None = None) -> ActorIndex:
    found.sort(key=lambda f: (f.start, -f.end))
    state_counts = Counter(f.key[6:] for f in [*found, *(adjectives or [])] if f.key.startswith("state:"))
    for f in found:  # the people named speak for their states too
        if f.key.startswith("person:"):
            code = kb.people[f.key[7:]].code_on(day)[0]
            if code in kb.states:
                state_counts[code] += 1
    dominant = None
    if state_counts:  # the article's main country, when one clearly leads
        top, n = state_counts.most_common(1)[0]
        dominant = top if n >= 0.4 * sum(state_counts.values()) else None
    index = ActorIndex(places=places, dominant=dominant)
    actors: dict[str, Actor] = {}
    by_token: dict[int, list[str]] = defaultdict(list)
    new_info: dict[str, Found] = {}
    for f in found:
        if f.key.startswith("new:"):
            info = new_info.setdefault(f.key, f)
            info.code = info.code or f.code
            info.roles = info.roles or f.roles
    for f in found:
        key = f.key
        if key.startswith("group:?:"):
            _, _, sector, _noun = key.split(":", 3)
            key = f"group:?:{sector}"
        a = actors.get(key)
        if a is None:
            a = _make_actor(key, f, kb, day, new_info.get(f.key), dominant, len(actors) + 1)
            if a is None:
                continue
            actors[key] = a
        span = doc[f.start:f.end]
        text = span.text.rstrip()
        a.mentions.append(Mention(span.start_char, span.start_char + len(text), text, f.how,
                                  title=f.roles[0] if f.roles else None))
        for r in f.roles:
            if r not in a.roles and a.kind == "person" and not a.kb_id:
                a.roles.append(r)
        for i in range(f.start, f.end):
            if a.id not in by_token[i]:
                by_token[i].append(a.id)
    index.actors = list(actors.values())
    index.by_token = dict(by_token)
    return index


def _make_actor(key: str, f: Found, kb: KnowledgeBase, day: dt.date | None, info: Found | None,
                dominant: str | None, n: int) -> Actor | None:
    aid = f"a{n}"
    kind, _, ident = key.partition(":")
    if kind == "person":
        p = kb.people[ident]
        code, sector = p.code_on(day)
        office = p.office_on(day)
        return Actor(aid, p.name, "person", code=code, country=p.nationality if code == p.nationality or
                     (code and len(code) == 3 and code in kb.states) else p.nationality, sector=sector,
                     roles=[office.role] if office else [], kb_id=p.id, gender=p.gender)
    if kind == "state":
        s = kb.states[ident]
        return Actor(aid, s["name"], "state", code=ident, country=ident, sector="GOV", kb_id=ident)
    if kind == "org":
        o = kb.organisations[ident]
        return Actor(aid, o["name"], "organisation", code=o["code"], country=o.get("country"), sector=o["sector"],
                     kb_id=ident)
    if kind == "organ":
        org, organ = kb.organ(ident)
        name = organ["name"] if org["code"] in organ["name"] or org["name"] in organ["name"] else \
            f"{organ['name']} ({org['code']})"
        return Actor(aid, name, "organisation", code=org["code"], country=org.get("country"),
                     sector=organ.get("sector") or org["sector"], kb_id=org["id"])
    if kind == "new":
        info = info or f
        sector = next((sector_of_title(r, kb) for r in info.roles if sector_of_title(r, kb)), None)
        code = info.code or dominant
        return Actor(aid, ident, "person", code=code, country=code if code in kb.states else None,
                     sector=sector or "GOV" if info.roles else sector, roles=list(info.roles))
    if kind == "neworg":  # a named body the knowledge base lacks
        return Actor(aid, ident, "organisation", code=f.code, country=f.code if f.code in kb.states else None,
                     sector=f.sector)
    if kind == "group":
        code, _, sector = ident.partition(":")
        # an unnamed official or force with no country word: the article's main country
        code = dominant if code == "?" else code
        name = f.name or ident
        return Actor(aid, name, "group", code=code, country=kb.country_of(code), sector=sector)
    return None
