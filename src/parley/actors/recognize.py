"""Recognition: mentions of knowledge-base entries, titled and unknown people, and group agents.

Works on the parsed Doc. Each mention is a token span with the key of the actor it names
(`person:<kb id>`, `state:<ISO3>`, `org:<id>`, `organ:<id>/<n>`, `new:<name>`, `group:<code>:<sector>`).
Spans used as places ("talks in Istanbul") are returned separately as place mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import DEP, IDX, IS_PUNCT, IS_SPACE, ORTH, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc

from ..nlp import doc_text
from .kb import KnowledgeBase, Target, fold

LOC_PREPS = {"in", "at", "near", "across", "inside", "outside", "around", "into", "throughout", "within",
             "over", "aboard", "off", "along", "through", "via", "outskirts"}  # "to X", "from X": often a party
HEADLINE_WORDS = {"says", "said", "say", "speaks", "speak", "talk", "tells", "urged", "warned", "agreed", "met",
                  "calls", "rules", "orders", "launches", "accuses", "condemns", "welcomes", "praises", "slams",
                  "blasts", "hails", "pledges", "promises", "refuses", "demands", "sends", "approves", "signals", "warns", "urges", "calls", "vows", "talks", "meets", "meet", "agrees", "agree",
                  "rejects", "host", "hosts", "backs", "slams", "plans", "ready", "seeks", "signs", "strikes",
                  "attack", "attacks", "deal", "war", "peace", "ceasefire", "truce", "holds", "hold", "offers",
                  "threatens", "denies", "claims", "wins", "win", "visits", "visit", "announces", "begin", "begins",
                  "start", "starts", "end", "ends", "over", "after", "amid", "as", "to", "for", "with", "on", "in",
                  "immediately", "sanctions", "tariffs", "hits", "kills", "killed", "protest", "protests", "news",
                  "reuters", "afp", "ap", "live", "update", "updates", "analysis", "opinion", "exclusive"}
ATTACK_WORDS = {"strike", "attack", "raid", "bombing", "bombardment", "shelling", "assault", "offensive", "barrage",
                "airstrike", "drone", "missile", "rocket", "fire", "advance"}
PLACE_WORDS = {"capital", "city", "region", "border", "territory", "coast", "streets", "province", "town", "soil",
               "airspace", "waters", "embassy", "side"}
MAX_NGRAM = 9
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
NOT_NAME_WORDS = {"council", "ministry", "committee", "agency", "party", "forces", "army", "office", "commission",
                  "bank", "union", "front", "movement", "brigades", "news", "times", "post", "jazeera", "command",
                  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "gmt", "utc",
                  "january", "february", "march", "april", "june", "july", "august", "september", "october",
                  "november", "december", "street", "square", "airport", "university", "hospital", "group",
                  "house", "palace", "assembly", "parliament", "congress", "senate", "court", "republic", "state",
                  "states", "kingdom", "government", "administration", "media", "agency", "tv", "radio",
                  "herald", "dispatch", "review", "wire", "gazette", "ledger", "monitor", "observer", "courier",
                  "standard", "correspondent", "tribune", "journal", "express", "telegraph", "guardian", "east",
                  "west", "north", "south", "middle", "dream", "alliance", "coalition", "bloc", "league"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sheikh", "sir", "dame", "lord"}
_PARTICLES = {"al", "el", "bin", "ibn", "von", "der", "van", "de", "da", "di", "la", "le", "du", "abu", "ben", "bint"}


@dataclass
class Found:
    start: int  # token indices, end exclusive
    end: int
    key: str
    how: str
    roles: list[str] = field(default_factory=list)
    code: str | None = None  # for new people and groups
    sector: str | None = None
    name: str | None = None


def _case_ok(surface_text: str, kb_form_upper: bool, acronym: bool, exact: set[str] | None = None) -> bool:
    if exact is not None:
        return surface_text in exact
    if acronym:
        return surface_text.replace(".", "").isupper()
    if surface_text[:4].lower() == "the ":
        surface_text = surface_text[4:]  # "the White House" mid-sentence
    return not kb_form_upper or surface_text[:1].isupper()


def _kb_forms(kb: KnowledgeBase) -> dict[str, tuple[bool, bool]]:
    """For each folded name: (has uppercase in its original form, is a short acronym)."""
    cache = getattr(kb, "_forms", None)
    if cache is not None:
        return cache
    forms: dict[str, tuple[bool, bool]] = {}
    short: dict[str, set[str]] = {}

    def note(s: str) -> None:
        f = fold(s)
        if len(s.replace(".", "")) <= 4:  # short forms match only as written: LeT, IS, AU, US
            short.setdefault(f, set()).add(s)
        up = s[:1].isupper() or (s[:1].isalpha() is False and any(c.isupper() for c in s))  # al-Qaeda: as written
        acro = s.replace(".", "").isupper() and len(s.replace(".", "")) <= 5
        old = forms.get(f)
        forms[f] = (up if old is None else old[0] and up, acro if old is None else old[1] and acro)

    for s in kb.states.values():
        for a in [s["name"], *s["aliases"], *s["adjectives"], *s["seats"]]:
            note(a)
        cap = s.get("capital") or {}
        for a in [cap.get("name"), *(cap.get("aliases") or [])]:
            if a:
                note(a)
    for o in kb.organisations.values():
        for a in [o["name"], *o["aliases"]] + [x for g in o["organs"] for x in [g["name"], *g["aliases"]]]:
            note(a)
    for p in kb.people.values():
        for a in [p.name, *p.aliases]:
            note(a)
    kb._forms = forms  # type: ignore[attr-defined]
    kb._short = short  # type: ignore[attr-defined]
    return forms


def is_locative(doc: Doc, start: int, end: int) -> bool:
    """'in Istanbul', 'talks in Turkey', 'strikes on Kyiv' (place), not 'work with Kyiv' (actor)."""
    head = doc[start:end].root
    if any(c.dep_ == "case" and c.lower_ in LOC_PREPS for c in head.children):
        return True
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_ in LOC_PREPS and prev.lower_ not in {"from", "to", "toward", "towards"}:
        return True
    # "strikes on Kyiv": a target place of an attack
    if prev is not None and prev.lower_ == "on" and (prev.head.lemma_.lower() in ATTACK_WORDS or
                                                     (start > 1 and doc[start - 2].lemma_.lower() in ATTACK_WORDS)):
        return True
    # "the Ukrainian capital", "Russian territory", "Turkey's capital"
    if head.dep_ in ("amod", "nmod:poss", "compound") and head.head.lower_ in PLACE_WORDS:
        return True
    nxt = doc[end:end + 2]
    return len(nxt) == 2 and nxt[0].lower_ in ("'s", "’s") and nxt[1].lower_ in PLACE_WORDS


def _target_key(t: Target) -> str:
    return {"person": "person:", "state": "state:", "organisation": "org:", "organ": "organ:"}[t.kind] + t.id


def find_kb_names(doc: Doc, kb: KnowledgeBase) -> tuple[list[Found], list[Found]]:
    """Longest matches of knowledge-base names; returns (actor mentions, place mentions)."""
    forms = _kb_forms(kb)
    found: list[Found] = []
    places: list[Found] = []
    i, n = 0, len(doc)
    strings = doc.vocab.strings
    cols = doc.to_array([ORTH, IDX, IS_SPACE, IS_PUNCT]).tolist()  # no Token objects: this runs on every token
    words = [strings[c[0]] for c in cols]
    starts = [c[1] for c in cols]
    text = doc_text(doc)
    firsts = [(fold(w).split() or [""])[0] for w in words]
    skip_end = [bool(c[2]) or (bool(c[3]) and not w.endswith(".")) for c, w in zip(cols, words)]
    while i < n:
        if firsts[i] not in kb.first_words or not words[i][:1].isalnum():
            w = words[i]
            t = kb.misspelt_state(w) if w[:1].isupper() and w[1:].islower() and w.isalpha() else None
            if t is not None:  # "Ethopia has agreed", "Isreal will evacuate"
                (places if t.how in ("name", "alias") and is_locative(doc, i, i + 1) else found).append(
                    Found(i, i + 1, _target_key(t), t.how))
            i += 1
            continue
        match = None
        for j in range(min(n, i + MAX_NGRAM, i + kb.name_tokens.get(firsts[i], MAX_NGRAM)), i, -1):
            if skip_end[j - 1]:
                continue
            surface = text[starts[i]: starts[j - 1] + len(words[j - 1])]
            key = fold(surface)
            targets = kb.names.get(key)
            if not targets:
                continue
            up, acro = forms.get(key, (True, False))
            if not _case_ok(surface, up, acro, kb._short.get(key)):  # type: ignore[attr-defined]
                continue
            match = (j, targets)
            break
        if not match:
            i += 1
            continue
        j, targets = match
        t = _prefer(targets)
        if t.kind == "place":
            places.append(Found(i, j, f"place:{t.id}", "place"))
            i = j
            continue
        f = Found(i, j, _target_key(t), t.how)
        if t.kind == "state" and t.how in ("name", "alias", "capital") and is_locative(doc, i, j):
            places.append(f)
        elif t.kind == "state" and t.how == "adjective":
            found.append(f)  # the caller decides: group, title qualifier or nothing
        else:
            found.append(f)
        i = j
    return found, places


def _prefer(targets: list[Target]) -> Target:
    order = {"person": 0, "organ": 1, "organisation": 2, "state": 3, "place": 4}
    return sorted(targets, key=lambda t: (order.get(t.kind, 9), t.how != "name"))[0]


# ------------------------------------------------------------------ titles and qualifiers
def _folded_edges(doc: Doc) -> tuple[list[str], list[str]]:
    """Each token's folded first and last word, computed once per doc (title_at runs for every token)."""
    cached = doc.user_data.get("parley_edges")
    if cached is None:
        firsts, lasts = [], []
        for t in doc:
            w = fold(t.text).split() or [""]
            firsts.append(w[0])
            lasts.append(w[-1])
        cached = doc.user_data["parley_edges"] = (firsts, lasts)
    return cached


def title_at(doc: Doc, i: int, kb: KnowledgeBase, backwards: bool = False) -> tuple[int, int, str] | None:
    """A title (from roles.yaml) ending at token i-1 when backwards, else starting at i."""
    j = i - 1 if backwards else i
    if j < 0 or j >= len(doc):
        return None
    firsts, lasts = _folded_edges(doc)
    if (lasts[j] not in kb.title_last_words) if backwards else (firsts[j] not in kb.title_first_words):
        return None
    for size in range(4, 0, -1):
        s, e = (i - size, i) if backwards else (i, i + size)
        if s < 0 or e > len(doc):
            continue
        span = doc[s:e]
        if any(t.is_space or (t.is_punct and t.text not in ".-") for t in span) or span[0].is_punct:
            continue
        key = fold(span.text)
        if (key in kb.titles or key in kb.title_of) and not (span.text.islower() and "." in span.text):
            return s, e, span.text  # "p.m." is a time, not the prime minister
    return None


def qualifier_before(doc: Doc, i: int, kb: KnowledgeBase, found_at: dict[int, Found]) -> tuple[int, str | None]:
    """Country or organisation words before token i: 'Pakistan's', 'Italian', 'European Commission'.

    Returns (new start, code)."""
    start, code = i, None
    j = i - 1
    if j >= 1 and doc[j].lower_ in ("'s", "’s", "'") and (j - 1) in found_at:
        f = found_at[j - 1]
        return f.start, _code_of_key(f.key, kb)
    if j >= 0 and j in found_at and found_at[j].key.startswith(("state:", "org:", "organ:")):
        f = found_at[j]
        return f.start, _code_of_key(f.key, kb)
    return start, code


def _code_of_key(key: str, kb: KnowledgeBase) -> str | None:
    kind, _, ident = key.partition(":")
    if kind == "state":
        return ident
    if kind == "org":
        return kb.organisations[ident]["code"]
    if kind == "organ":
        return kb.organ(ident)[0]["code"]
    return None


def extend_person(doc: Doc, f: Found, kb: KnowledgeBase, found_at: dict[int, Found]) -> None:
    """Take titles and their country words before a person's name into the mention:
    'Italian Prime Minister Giorgia Meloni', "Pakistan's Information Minister Attaullah Tarar"."""
    i = f.start
    if i > 1 and doc[i - 1].pos_ == "NOUN" and doc[i - 1].is_lower and not title_at(doc, i, kb, backwards=True):
        s0, code = qualifier_before(doc, i - 1, kb, found_at)  # "Palestinian leader Yasser Arafat"
        if code:
            f.code = f.code or code
            f.roles.append(doc[i - 1].text)
            f.start = s0
            return
    for _ in range(3):
        t = title_at(doc, i, kb, backwards=True)
        if not t:
            break
        f.roles.append(t[2])
        i = t[0]
        s, code = qualifier_before(doc, i, kb, found_at)
        if code:
            f.code = f.code or code
            i = s
            break
    f.start = i


def sector_of_title(title: str, kb: KnowledgeBase) -> str | None:
    t = kb.titles.get(fold(title))
    return t.get("sector") if t else None


# ------------------------------------------------------------------ people not in the knowledge base
MEDIA_NOUNS = frozenset({"newspaper", "daily", "paper", "weekly", "magazine", "broadcaster", "station", "channel",
                         "tv", "television", "radio", "website", "outlet", "tabloid", "network"})


def new_people(doc: Doc, kb: KnowledgeBase, taken: set[int], found_at: dict[int, Found]) -> list[Found]:
    """People the knowledge base lacks: PER entities, and capitalised names after a title."""
    out: list[Found] = []
    spans: list[tuple[int, int]] = [(e.start, e.end) for e in doc.ents if e.label_ in ("PER", "PERSON")]
    firsts = _folded_edges(doc)[0]
    for i in [i for i, w in enumerate(firsts) if w in kb.title_first_words]:  # where a title can begin
        t = title_at(doc, i, kb)
        if not t or t[1] >= len(doc):
            continue
        j = t[1]
        k = j
        while k < len(doc) and (_NAME_TOKEN.match(doc[k].text) or (doc[k].lower_ in _PARTICLES and k > j)) \
                and fold(doc[k].text) not in kb.titles and k - j < 5:
            k += 1
        if k - j >= 2 and doc[k - 1].lower_ not in _PARTICLES:
            spans.append((j, k))
    strings = doc.vocab.strings
    cols = doc.to_array([ORTH, DEP, POS]).tolist()  # whole-doc passes over arrays, not Token objects
    texts = [strings[c[0]] for c in cols]
    appos, propn = strings["appos"], PROPN
    for t in (doc[i] for i, c in enumerate(cols) if c[1] == appos and c[2] == propn):
        # "the spokesman for the Eastern Theatre Command, Shi Yi"
        if fold(t.head.text) in kb.titles or fold(t.head.text) in kb.agents:
            names = [x for x in t.subtree if x.pos_ == "PROPN" and x.i >= t.i - 3]
            if names:
                spans.append((min(x.i for x in names), max(x.i for x in names) + 1))
    for sent in doc.sents:  # "Salaheddine Sidhoum, Algeria's leading human rights activist, staged ..."
        s0 = sent.start
        for size in (2, 3):
            j = s0 + size
            if j + 2 < sent.end and texts[j] == "," and all(_NAME_TOKEN.match(texts[k]) for k in range(s0, j)):
                close = next((k for k in range(j + 2, min(j + 10, sent.end)) if texts[k] == ","), None)
                if close is not None and (fold(texts[close - 1]) in kb.titles or fold(texts[close - 1]) in kb.agents) \
                        and not kb.place(doc[s0:j].text):
                    spans.append((s0, j))
                break
    for i in range(len(doc) - 4):  # "..., the spokesman for the Eastern Theatre Command, Shi Yi, said."
        if texts[i] != ",":
            continue
        for size in (2, 3):
            j = i + 1 + size
            if j + 1 < len(doc) and texts[j] == "," and texts[j + 1].lower() in ("said", "says", "told", "added",
                                                                                "stated", "warned"):
                words = doc[i + 1: j]
                if all(_NAME_TOKEN.match(t.text) for t in words) and not kb.lookup(words.text):
                    spans.append((i + 1, j))
    for i in range(len(doc) - 1):  # "Mr Babayev": a person, named in full where the text gives it
        if texts[i].lower().rstrip(".") in HONORIFICS and _NAME_TOKEN.match(texts[i + 1]) and i + 1 not in taken:
            surname = doc[i + 1].text
            full = re.search(r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){0,2}) " + re.escape(surname) + r"\b", doc_text(doc))
            if full and full.start() < doc[i].idx:
                fs = doc.char_span(full.start(), full.end())
                if fs is not None and not any(k in taken for k in range(fs.start, fs.end)):
                    spans.append((fs.start, fs.end))
    # a name the recognizer labelled otherwise ("Laurent Gbago" as ORG) is a person only if it is a known
    # person's name with a slip in it
    others = {(x.start, x.end) for x in doc.ents if x.label_ not in ("PER", "PERSON") and 2 <= len(x) <= 4
              and not any(a < x.end and x.start < b for a, b in spans)}
    spans = [_with_hyphen_parts(doc, s, e) for s, e in [*spans, *others]]
    spans = sorted(set(spans), key=lambda x: (x[0], -x[1]))
    spans = [x for x in spans if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in spans)]
    for s, e in spans:
        other = (s, e) in others
        while s < e and (fold(doc[s].text) in kb.titles or doc[s].lower_ in ("the", "mr", "mrs", "ms", "dr", "he",
                                                                              "sheikh", "mr.", "ms.", "dr.")):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].lower_ in ("'s", "’s")):
            e -= 1
        if e - s < 2 or any(k in taken for k in range(s, e)):
            continue
        words = [t.text for t in doc[s:e]]
        if not all(_NAME_TOKEN.match(w) or w.lower() in _PARTICLES for w in words):
            continue
        if any(w.lower() in HEADLINE_WORDS or w.lower() in NOT_NAME_WORDS for w in words):
            continue  # "Erdogan Says", "Host Talks", "Defence Council", "Thursday GMT"
        if any(t.kind != "person" for t in kb.lookup(" ".join(words))):
            continue  # a known organisation or place: "Al Jazeera"
        if any(t.kind == "state" and t.how == "adjective" for t in kb.lookup(words[0])):
            continue  # "Georgian Dream": a nationality word opens a party's or a thing's name
        if any(_is_event_word(w) for w in words[1:]):
            continue  # "Harris Concedes", "Yoon Arrested", "Aluminium Ban": a headline, not a name
        if any(kb.names.get(fold(w)) and not kb.surnames.get(fold(w)) for w in words if w[0].isupper()) \
                and len(words) <= 2 and all(kb.names.get(fold(w)) for w in words):
            continue  # "Russia Ukraine", two place names
        if doc[s:e].text.isupper() and len(doc[s:e].text) > 3:
            continue  # shouted headline words
        if (s > 0 and doc[s - 1].text == "/") or (e < len(doc) and doc[e].text == "/"):
            continue  # "Reuters/Murad Sezer": a photo credit
        known = kb.misspelt_person(words[0], words[-1])
        if known is not None:  # a known person with a slip in the surname: the checks stage can say so
            out.append(Found(s, e, _target_key(known), "name"))
            taken.update(range(s, e))
            continue
        if other and not _person_by_role(doc, s, e, kb):
            continue
        name = " ".join(words)
        if s > 0 and doc[s - 1].lower_ in MEDIA_NOUNS:  # "the opposition newspaper El Nacional": a title, not a person
            code = _apposition_code(doc, e, kb, found_at) or _sentence_state(doc, s, kb, found_at)
            out.append(Found(s, e, f"neworg:{name}", "name", code=code, sector="MED", name=name))
            taken.update(range(s, e))
            continue
        f = Found(s, e, f"new:{name}", "name", name=name)
        extend_person(doc, f, kb, found_at)
        if f.code is None:
            f.code = _apposition_code(doc, e, kb, found_at) or _sentence_state(doc, s, kb, found_at)
        out.append(f)
        taken.update(range(f.start, f.end))
    return out


CAPTIVE_VERBS = frozenset({"release", "free", "detain", "arrest", "jail", "imprison", "kidnap", "abduct", "extradite",
                           "pardon", "deport", "execute", "convict", "sentence", "exchange", "swap"})
PEOPLE_SECTORS = frozenset({"CVL", "REF", "MED", "MIL", "OPP", "LAB", "PRO"})  # agent words that are people


def _person_by_role(doc: Doc, s: int, e: int, kb: KnowledgeBase) -> bool:
    """A name the recognizer labelled an organisation or place that the sentence treats as a person:
    what is done to it is done to people ('will release Ryan Corbett'), or it is listed with people
    ('Ryan Corbett and two other Americans', 'X, a journalist')."""
    head = next((t for t in doc[s:e] if not (s <= t.head.i < e) or t.head.i == t.i), None)
    if head is None:
        return False
    if head.dep_ in ("obj", "nsubj:pass") and head.head.pos_ == "VERB" and head.head.lemma_.lower() in CAPTIVE_VERBS:
        return True
    for other in [c for c in head.children if c.dep_ in ("conj", "appos") and not (s <= c.i < e)]:
        if other.pos_ == "NOUN" and PEOPLE_SECTORS & {kb.agents.get(fold(other.text)), kb.agents.get(fold(other.lemma_))}:
            return True  # "and two other hostages", "X, a journalist": the knowledge base's words for people
        if other.tag_ == "NNPS" and any(t.kind == "state" and t.how == "adjective" for t in kb.lookup(other.text)):
            return True  # "and two other Americans"
    return False


# ------------------------------------------------------------------ groups
def _with_hyphen_parts(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """'Kim Seong-tae': take the parts a hyphen joins without spaces."""
    while e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_ and not doc[e].whitespace_ \
            and doc[e + 1].is_alpha:
        e += 2
    return s, e


def _is_event_word(word: str) -> bool:
    from ..events.lexicon import load_lexicon

    lex = load_lexicon()
    w = word.lower()
    forms = {w, w[:-1], w[:-2], w[:-3] if w.endswith("ies") else w, w[:-2] + "e" if w.endswith("ed") else w}
    return any(f in lex.verbs or f in lex.nouns for f in forms if len(f) >= 3)


def _apposition_code(doc: Doc, end: int, kb: KnowledgeBase, found_at: dict[int, Found]) -> str | None:
    """'Tina Stege, climate envoy of the Marshall Islands,' / 'X, an aide to the Russian President'."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    for i in range(end + 1, min(len(doc), end + 12)):
        if doc[i].text in (",", ".", ";", "“", "”", '"') or doc[i].lower_ in ("said", "says", "told"):
            break
        f = found_at.get(i)
        if f is not None:
            code = _code_of_key(f.key, kb)
            if code:
                return code
    return None


def _sentence_state(doc: Doc, at: int, kb: KnowledgeBase, found_at: dict[int, Found]) -> str | None:
    """The state named nearest before a person in their sentence ('Pakistan alleges ..., with military
    spokesperson X')."""
    sent = doc[at].sent
    for i in range(at - 1, sent.start - 1, -1):
        f = found_at.get(i)
        if f is not None and f.key.startswith("state:"):
            return f.key[6:]
    return None
