"""Groups of people as actors: 'Russian forces' (RUS, MIL), 'Ukrainian and Russian representatives',
'Hamas fighters', 'Ivory Coast rebels', 'protesters in Baghdad', 'the officials'."""
from __future__ import annotations

import datetime as dt

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from .kb import KnowledgeBase, fold
from .recognize import Found, _code_of_key


def groups(doc: Doc, kb: KnowledgeBase, adjectives: list[Found], taken: set[int], day: dt.date | None,
           found: list[Found] | None = None) -> list[Found]:
    """'Russian forces' (RUS, MIL), 'Ukrainian and Russian representatives', 'Hamas fighters', 'protesters'."""
    out: list[Found] = []
    by_tok = {f.start: f for f in adjectives}
    for tok in doc:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN") or tok.is_space:
            continue
        sector = _agent_sector(doc, tok, kb)
        if sector is None:
            continue
        quals: list[Found] = []
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod:poss", "nmod") and c.i < tok.i:
                for q in [c, *[x for x in c.conjuncts if x.i < tok.i]]:
                    f = by_tok.get(q.i) or _found_covering(q.i, adjectives)
                    if f is None and c.dep_ == "compound":  # 'Ivory Coast rebels', 'the UN envoy'
                        f = _found_covering(q.i, [x for x in found or [] if x.key.startswith(("state:", "org:"))])
                    if f and f not in quals:
                        quals.append(f)
        if not quals and tok.i >= 3 and doc[tok.i - 1].lower_ == "led" and doc[tok.i - 2].text == "-":
            f = _found_covering(tok.i - 3, [*adjectives, *(x for x in found or [] if x.key.startswith("state:"))])
            if f is not None:  # "Saudi-led coalition", "Vietnamese-led forces": the leader's
                quals.append(f)
        if not quals:
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and (f := _found_covering(prev.i, adjectives)):
                quals.append(f)
        if quals:  # "Russian and Ukrainian delegations", "Russian, Ukrainian and Turkish officials"
            j = min(q.start for q in quals) - 1
            while j >= 1 and doc[j].lower_ in ("and", ",", "or", "&") and (f := _found_covering(j - 1, adjectives)):
                if f not in quals:
                    quals.append(f)
                j = f.start - 1
        if not quals:  # 'Ivory Coast rebels', 'Darfur rebels'
            code = _place_code([t for c in tok.children if c.dep_ == "compound" and c.i < tok.i
                                for t in c.subtree if t.text[:1].isupper()], kb) or _located(tok, kb, by_tok)
            if code:
                out.append(Found(tok.i, tok.i + 1, f"group:{code}:{sector}", "role", code=code, sector=sector,
                                 name=tok.text.lower()))
                continue
            if tok.lower_ in _BARE_GROUP_OK or _crowd(tok):
                # "Taiwan's Defence Ministry said ... The ministry told reporters": the last one named, if near;
                # else the country of the nearest actor before it in the sentence
                near = next((f.code for f in reversed(out) if f.code and f.end <= tok.i and tok.i - f.end < 400
                             and doc[f.end - 1].lemma_.lower() == tok.lemma_.lower()), None)
                if near is None:
                    near = _nearest_code(doc, tok.i, kb, found or [], day) if sector in ("GOV", "MIL", "COP") else \
                        _city_code(doc, tok.i, kb)
                key = f"group:{near}:{sector}" if near else f"group:?:{sector}:{tok.lemma_.lower()}"
                out.append(Found(tok.i, tok.i + 1, key, "role", code=near, sector=sector, name=tok.text.lower()))
            continue
        for q in quals:
            code = _code_of_key(q.key, kb)
            if code is None:
                continue
            start = min(q.start, tok.i)
            between = doc[q.end:tok.i]
            whole = all(t.dep_ in ("compound", "amod", "flat") and t.lower_ not in ("and", "or") for t in between)
            name = (doc[start:tok.i + 1].text if whole else f"{doc[q.start:q.end].text} {tok.text}").replace(" 's", "'s")
            out.append(Found(start, tok.i + 1, f"group:{code}:{sector}", "role", code=code, sector=sector,
                             name=name))
            q.how = "qualifier"
    return out


_BARE_GROUP_OK = {"spokesperson", "spokesman", "spokeswoman", "officials", "official", "ministry", "government",
                  "administration", "regime", "cabinet", "presidency", "junta",
                  "authorities", "diplomats", "negotiators", "army", "military", "protesters", "protestors", "demonstrators", "rioters", "police", "rebels", "militants",
                  "insurgents", "gunmen", "troops", "soldiers", "students", "workers", "residents", "civilians",
                  "refugees", "migrants", "journalists", "activists", "lawmakers", "prosecutors", "judges"}


def _nearest_code(doc: Doc, at: int, kb: KnowledgeBase, found: list[Found], day: dt.date | None) -> str | None:
    """'Vance said the administration would ...': the country of the nearest actor before, in the sentence."""
    sent = doc[at].sent
    for f in sorted(found, key=lambda f: -f.start):
        if f.start >= at or f.start < sent.start:
            continue
        if f.key.startswith("state:"):
            return f.key[6:]
        if f.key.startswith("person:"):
            code = kb.people[f.key[7:]].code_on(day)[0]
            if code in kb.states:
                return code
    return None


def _city_code(doc: Doc, at: int, kb: KnowledgeBase) -> str | None:
    """'students ... in Ankara': the country of the city or region named nearest in the sentence (a city
    places people better than a country named as a destination); a country only after 'in' ('in Hong Kong')."""
    sent = doc[at].sent
    best: tuple[int, str] | None = None
    for t in sent:
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.dep_ not in ("compound", "flat"):
            parts = [c.i for c in t.children if c.dep_ in ("compound", "flat") and c.text[:1].isupper()]
            start, end = min([t.i, *parts]), max([t.i, *parts]) + 1  # "Hong Kong", "Port Sudan"
            pl = kb.place(doc[start:end].text) or kb.place(t.text)
            located = pl and (pl.get("kind") in ("city", "region") or (start > 0 and doc[start - 1].lower_ == "in"))
            if located and pl.get("country") and (best is None or abs(t.i - at) < best[0]):
                best = (abs(t.i - at), pl["country"])
    return best[1] if best else None


COUNT_NOUNS = frozenset({"thousands", "hundreds", "dozens", "millions", "scores", "tens", "thousand", "hundred",
                         "dozen", "million", "crowds", "groups", "number", "handful"})
COUNT_WORDS = COUNT_NOUNS | {"many", "several", "some", "few"}


def count_head(tok: Token) -> Token:
    """The noun that counts a plural: 'hundreds' in 'hundreds of thousands of people'; else the plural itself."""
    top = tok
    while top.dep_ == "nmod" and top.head.lower_ in COUNT_NOUNS and any(c.lower_ == "of" for c in top.children):
        top = top.head
    return top


def counted(tok: Token) -> bool:
    """A counted plural: 'two Americans', 'thousands of Nigerians', 'several Britons'."""
    return count_head(tok).i != tok.i or any(
        c.dep_ in ("nummod", "det", "amod") and (c.like_num or c.lower_ in COUNT_WORDS) for c in tok.children)


def _crowd(tok: Token) -> bool:
    """'Hundreds of thousands of people blocked the streets': a crowd of people counted in numbers and
    acting (the subject) is an actor even unqualified; people counted as victims are described by the
    event, not parties to it."""
    return tok.lower_ == "people" and (count_head(tok).i != tok.i or any(c.dep_ == "nummod" for c in tok.children)) \
        and count_head(tok).dep_ == "nsubj"


def _located(tok: Token, kb: KnowledgeBase, adjectives: dict[int, Found]) -> str | None:
    """The country of a place that locates an agent: 'protesters in Baghdad', 'parties in Nepal',
    'rebels in the Ivory Coast'."""
    for c in tok.children:
        if c.dep_ in ("nmod", "acl") and c.i > tok.i and any(g.lower_ in ("in", "from", "of") and g.dep_ == "case"
                                                              for g in c.children):
            code = _place_code([t for t in c.subtree if t.text[:1].isupper()], kb)
            if code:
                return code
    return None


def _place_code(names: list[Token], kb: KnowledgeBase) -> str | None:
    """The country of the first place named by runs of capitalised words ('Ivory Coast', 'Darfur')."""
    runs: list[list[Token]] = []
    for t in names:
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    for run in runs:
        for size in range(len(run), 0, -1):  # the longest name first: 'Ivory Coast', then 'Coast'
            for s in range(len(run) - size + 1):
                pl = kb.place(run[0].doc[run[s].i: run[s + size - 1].i + 1].text)
                if pl and pl.get("country"):
                    return pl["country"]
    return None


def _agent_sector(doc: Doc, tok: Token, kb: KnowledgeBase) -> str | None:
    if fold(tok.text) not in kb.agent_last_words:
        return None
    for size in (3, 2, 1):
        s = tok.i - size + 1
        if s < 0:
            continue
        key = fold(doc[s: tok.i + 1].text)
        if key in kb.agents:
            return kb.agents[key]
    return None


def _found_covering(i: int, founds: list[Found]) -> Found | None:
    return next((f for f in founds if f.start <= i < f.end), None)


# Head words of organisation names, with the sector such a body usually has.
ORG_HEADS = {
    "union": "LAB", "unions": "LAB", "federation": "LAB", "syndicate": "LAB",
    "party": "PTY", "front": "PTY", "movement": "PTY", "alliance": "PTY", "coalition": "PTY", "league": "PTY",
    "congress": "PTY",
    "council": "GOV", "committee": "GOV", "commission": "GOV", "authority": "GOV", "ministry": "GOV",
    "agency": "GOV", "directorate": "GOV", "secretariat": "GOV",
    "court": "JUD", "tribunal": "JUD",
    "parliament": "LEG", "assembly": "LEG", "senate": "LEG",
    "association": "NGO", "forum": "NGO", "foundation": "NGO", "institute": "NGO", "society": "NGO",
    "network": "NGO", "observatory": "NGO", "centre": "NGO", "center": "NGO", "trust": "NGO",
    "army": "MIL", "brigade": "MIL", "brigades": "MIL", "guard": "MIL", "militia": "REB",
    "bank": "BUS", "company": "BUS", "corporation": "BUS",
}
_NAME_JOINERS = {"of", "for", "the", "and", "on", "in", "de", "&"}


def new_organisations(doc: Doc, kb: KnowledgeBase, taken: set[int], adjectives: list[Found],
                      found: list[Found]) -> list[Found]:
    """Named bodies the knowledge base lacks: 'the Nigerian Union of Teachers' (NGA, LAB), 'the Third
    World Water Forum' (NGO), 'the Kenya Anti-Corruption Commission' (KEN, GOV). A run of capitalised
    words (joined by 'of', 'for', 'and'...) with an organisation head word; its country is a state
    named inside it."""
    out: list[Found] = []
    states = [f for f in [*adjectives, *found] if f.key.startswith("state:")]
    in_state = {k for f in states for k in range(f.start, f.end)}  # "Kenya" may begin a body's name
    blocked = taken - in_state  # taken by other names; a state word may still begin a body's name
    texts = [doc.vocab.strings[o] for o in doc.to_array(ORTH).tolist()]  # no Token objects for the scan
    lowers = [w.lower() for w in texts]
    i, n = 0, len(doc)
    while i < n:
        if not texts[i][:1].isupper() or not texts[i].isalpha() or i in blocked or not any(
                w in ORG_HEADS for w in lowers[i:i + 9]) or (doc[i].is_sent_start and doc[i].pos_ != "PROPN"):
            i += 1
            continue
        j = i
        while j < n and j not in blocked and (texts[j][:1].isupper() or (
                lowers[j] in _NAME_JOINERS and j + 1 < n and texts[j + 1][:1].isupper())
                or (texts[j] == "-" and not doc[j].whitespace_)):
            j += 1
        words = lowers[i:j]
        head = next((w for w in reversed(words) if w in ORG_HEADS), None)
        core = i
        while core < j and core in in_state:
            core += 1
        rest = fold(doc[core:j].text)
        generic = rest in kb.agents or rest.removeprefix("the ") in kb.agents
        if j - i >= 2 and head is not None and words[-1] not in _NAME_JOINERS and not kb.lookup(doc[i:j].text) \
                and core < j - 1 and not generic:  # "Defence Ministry" is a role the groups stage reads
            code = next((f.key[6:] for f in states if i <= f.start < j), None) or _place_code(
                [w for w in doc[i:j] if w.text[:1].isupper()], kb)  # "China Coast Guard": a state named as a place
            if code is None and i >= 2 and lowers[i - 1] in ("'s", "’s"):  # "Taiwan's Coast Guard Administration"
                code = next((f.key[6:] for f in states if f.start <= i - 2 < f.end), None) or \
                    _place_code([doc[i - 2]], kb)
            out.append(Found(i, j, f"neworg:{doc[i:j].text}", "name", code=code, sector=ORG_HEADS[head],
                             name=doc[i:j].text))
            taken.update(range(i, j))
            blocked.update(range(i, j))
        i = max(j, i + 1)
    return out
