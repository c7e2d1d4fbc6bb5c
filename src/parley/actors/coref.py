"""Coreference within an article: surnames, titles and role nouns, descriptions, pronouns.

Each resolver takes the mentions found so far (sorted by position) and returns new ones that
point at an existing or knowledge-base actor.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
import re
from collections import Counter

from spacy.tokens import Doc

from ..nlp import doc_text
from .kb import KnowledgeBase, Person, fold
from .recognize import HEADLINE_WORDS, Found, _code_of_key, _folded_edges, qualifier_before, title_at

OFFICE_NOUNS = {"administration", "government", "cabinet", "campaign", "team", "camp", "regime", "presidency"}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_AGE = re.compile(r"\b(?:the|a|an)\s+(\d{2,3})-year-old\b", re.IGNORECASE)


def _person_key(key: str) -> bool:
    return key.startswith(("person:", "new:"))


def surnames(doc: Doc, kb: KnowledgeBase, found: list[Found], taken: set[int], day: dt.date | None) -> list[Found]:
    """'Putin' after 'Vladimir Putin'; 'Ruto' alone resolved through the knowledge base."""
    out: list[Found] = []
    by_surname: dict[str, str] = {}
    for f in sorted(found, key=lambda f: f.start):
        if not _person_key(f.key):
            continue
        name = f.name or (kb.people[f.key[7:]].name if f.key.startswith("person:") else "")
        forms = [kb.people[f.key[7:]].name, *kb.people[f.key[7:]].aliases] if f.key.startswith("person:") else [name]
        for form in forms:
            if form:
                last = form.split()[-1]
                by_surname.setdefault(fold(last), f.key)
                if "-" in last and last.split("-")[0].lower() in ("al", "el", "ad", "as", "an", "bin", "abu"):
                    by_surname.setdefault(fold(last.split("-", 1)[1]), f.key)  # al-Burhan -> Burhan
    tagged = doc.has_annotation("TAG")
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or (
                tagged and tok.pos_ not in ("PROPN", "NOUN", "X", "ADJ", "VERB")):
            continue
        key_s = fold(tok.text)
        if key_s in kb.titles and (tok.i == 0 or doc[tok.i - 1].lower_ in ("the", "a", "an", "'s", "’s")):
            continue  # "the Pope" is a title, not Amy Pope
        key = by_surname.get(key_s)
        if key is None and key_s in kb.surnames and kb.place_index.get(key_s) is None:  # "in Lagos" is the city
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.text[:1].isupper() and (nxt.pos_ == "PROPN" or not tagged) \
                    and nxt.lower_ not in HEADLINE_WORDS and fold(nxt.text) not in kb.names:
                continue  # part of a longer name we do not know
            before = title_at(doc, tok.i, kb, backwards=True)
            key = _pick_surname(kb, kb.surnames[key_s], day, before[2] if before else None)
        if key is None:
            continue
        start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.") else tok.i
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.lemma_.lower() in OFFICE_NOUNS and key.startswith("person:"):
            code = kb.people[key[7:]].code_on(day)[0]  # "the Trump administration" is the state, not the man
            if code and code in kb.states:
                out.append(Found(tok.i, nxt.i + 1, f"state:{code}", "metonym"))
                taken.update(range(tok.i, nxt.i + 1))
            continue
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("al", "el", "ad", "bin", "abu"):
            start = tok.i - 2  # "al-Burhan"
        f = Found(start, tok.i + 1, key, "surname")
        t = title_at(doc, start, kb, backwards=True)
        if t and t[0] not in taken:  # "President Putin"
            f.start = t[0]
            f.roles.append(t[2])
        out.append(f)
        taken.update(range(f.start, f.end))
    return out


def _pick_surname(kb: KnowledgeBase, ids: list[str], day: dt.date | None, title: str | None = None) -> str | None:
    """A bare surname names a knowledge-base person only when one of them held office on the day.
    After a title ("President Bush") only holders of such an office count, and when none held it on
    the day (an archive text, a wrong date), the one whose term lies nearest to the day."""
    people = [kb.people[i] for i in dict.fromkeys(ids)]
    titled: dict[str, list] = {}
    if title:
        t = fold(title)
        titled = {p.id: [o for o in p.offices if fold(o.title) == t or t in fold(o.role)] for p in people}
        titled = {k: v for k, v in titled.items() if v}
        if titled:
            people = [p for p in people if p.id in titled]
    if day is not None:
        active = [p for p in people if (any(o.held_on(day) for o in titled[p.id]) if titled else p.office_on(day))]
    else:
        active = [p for p in people if any(o.end is None for o in p.offices)]
    if len(active) == 1:
        return "person:" + active[0].id
    if len(people) == 1 and not active and (title or _recent(people[0], day)):
        return "person:" + people[0].id  # the only one of that name, out of office not long ago
    if titled and not active and day is not None:
        def distance(o) -> int:  # days between the day and the term
            if o.start and day < o.start:
                return (o.start - day).days
            return (day - o.end).days if o.end and day >= o.end else 0
        ranked = sorted((min(distance(o) for o in titled[p.id]), p.id) for p in people)
        if len(ranked) == 1 or ranked[0][0] < ranked[1][0]:
            return "person:" + ranked[0][1]
    return None


def _recent(person: Person, day: dt.date | None, years: int = 8) -> bool:
    """Out of office within `years` of the day: a bare surname of a long-retired leader names someone else."""
    if day is None:
        return True
    ends = [o.end for o in person.offices if o.end is not None]
    return bool(ends) and max(ends) >= day - dt.timedelta(days=365 * years)


def titles(doc: Doc, kb: KnowledgeBase, found: list[Found], taken: set[int], day: dt.date | None,
           qualifiers: list[Found] | None = None) -> list[Found]:
    """'the president', 'the Russian President', "Kenya's president", 'the Pope', 'the chancellor'."""
    out: list[Found] = []
    found_at = {i: f for f in [*found, *(qualifiers or [])] for i in range(f.start, f.end)}
    firsts = _folded_edges(doc)[0]
    i = 0
    while i < len(doc):
        if i in taken or firsts[i] not in kb.title_first_words:  # no title can begin here
            i += 1
            continue
        t = title_at(doc, i, kb)
        if not t:
            i += 1
            continue
        s, e, text = t
        nxt = doc[e] if e < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
            i = e
            continue  # a title before a name: handled with the name
        start, code = qualifier_before(doc, s, kb, found_at)
        det = doc[start - 1] if start > 0 else None
        if code is None and not (det is not None and det.lower_ in ("the", "its", "their")) and not (
                s > 0 and doc[s - 1].lower_ in ("the",)):
            i = e
            continue
        if code is None and e + 1 < len(doc) and doc[e].lower_ == "of":
            f2 = found_at.get(e + 1)  # "the President of Ukraine"
            if f2:
                code = _code_of_key(f2.key, kb)
                e = f2.end
        key = _resolve_title(kb, found + out, text, code, day, s)
        if key:
            begin = start - 1 if det is not None and det.lower_ == "the" and start == s else start
            f = Found(max(begin, 0), e, key, "title", roles=[text])
            out.append(f)
            taken.update(range(f.start, f.end))
        i = e
    return out


def _resolve_title(kb: KnowledgeBase, found: list[Found], title: str, code: str | None, day: dt.date | None,
                   before: int) -> str | None:
    canon = kb.canonical_title(title)
    if code:
        for f in reversed([f for f in found if f.start < before and _person_key(f.key)]):
            if f.key.startswith("person:"):
                o = kb.people[f.key[7:]].office_on(day)
                if o and o.code == code and kb.canonical_title(o.title) == canon:
                    return f.key
        p = kb.office_holder(title, code, day)
        return "person:" + p.id if p else None
    # no country: the most salient earlier person with this title
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for f in found:
        if f.start >= before or not _person_key(f.key):
            continue
        said = {kb.canonical_title(r) for r in f.roles}  # titles the text itself gives
        held = set()
        if f.key.startswith("person:"):
            o = kb.people[f.key[7:]].office_on(day)
            if o:
                held.add(kb.canonical_title(o.title))
        if canon in said or canon in held:
            counts[f.key] += 3 if canon in said else 1
            last[f.key] = f.start
    if counts:
        return max(counts, key=lambda k: (counts[k] + (1 if before - last[k] < 60 else 0), last[k]))
    if canon == "pope":
        p = kb.office_holder("Pope", "VAT", day)
        return "person:" + p.id if p else None
    return None


def descriptions(doc: Doc, kb: KnowledgeBase, found: list[Found], taken: set[int], day: dt.date | None) -> list[Found]:
    """'The 78-year-old said': the person of that age on the article's date, else the nearest person."""
    out: list[Found] = []
    for m in _AGE.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.pos_ in ("PROPN",):
            continue  # "the 78-year-old Trump": the name is the mention
        age = int(m.group(1))
        earlier = [f for f in found if f.start < span.start and _person_key(f.key)]
        key = None
        if day is not None:
            for f in reversed(earlier):
                if f.key.startswith("person:") and kb.people[f.key[7:]].age_on(day) == age:
                    key = f.key
                    break
        if key is None and earlier:
            key = _salient(earlier, span.start)
        if key:
            out.append(Found(span.start, span.end, key, "description"))
            taken.update(range(span.start, span.end))
    return out


def countries(doc: Doc, kb: KnowledgeBase, found: list[Found], taken: set[int], day: dt.date | None) -> list[Found]:
    """'Petro announced that the country is refusing ...': 'the country' (or 'the nation') is the state last named,
    or the state of the person last named, within the few sentences before it."""
    out: list[Found] = []
    named = sorted((f for f in found if f.key.startswith(("state:", "person:"))), key=lambda f: f.start)
    for tok in doc:
        if tok.lower_ not in ("country", "nation") or tok.i in taken or tok.i == 0 or doc[tok.i - 1].lower_ != "the" \
                or any(c.dep_ in ("nmod", "amod", "compound") for c in tok.children):
            continue  # not "the country's north", "the whole country", "the country of origin"
        code = None
        for f in reversed([f for f in named if tok.i - 120 < f.start < tok.i - 1]):
            code = f.key[6:] if f.key.startswith("state:") else kb.people[f.key[7:]].code_on(day)[0]
            if code in kb.states:
                break
            code = None
        if code:
            out.append(Found(tok.i - 1, tok.i + 1, f"state:{code}", "description"))
            taken.update((tok.i - 1, tok.i))
    return out


def _salient(earlier: list[Found], pos: int) -> str:
    counts = Counter(f.key for f in earlier)
    last = {f.key: f.start for f in earlier}
    return max(counts, key=lambda k: (counts[k] + (3 if pos - last[k] < 80 else 0), last[k]))


def pronouns(doc: Doc, kb: KnowledgeBase, found: list[Found], taken: set[int], quoted: set[int]) -> list[Found]:
    """he/his/him, she/her: the nearest earlier person of that gender, subjects first."""
    out: list[Found] = []
    people = sorted([f for f in found if _person_key(f.key)], key=lambda f: f.start)
    genders: dict[str, str | None] = {}
    for f in people:
        genders[f.key] = kb.people[f.key[7:]].gender if f.key.startswith("person:") else None
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.i] = k
    for tok in doc:
        g = PRONOUNS.get(tok.lower_)
        if g is None or tok.i in taken or tok.i in quoted:
            continue
        best, best_score = None, None
        own_subject: set[int] = set()
        if tok.dep_ in ("obj", "iobj", "obl"):
            own_subject = {c.i for c in tok.head.children if c.dep_.startswith("nsubj")
                           for c in c.subtree}
        for f in people:
            if f.start >= tok.i:
                break
            if own_subject and any(i in own_subject for i in range(f.start, f.end)):
                continue
            if genders.get(f.key) not in (None, g):
                continue
            dist_sents = sent_of[tok.i] - sent_of[f.start]
            if dist_sents > 4:
                continue
            subj = any(t.dep_.startswith("nsubj") for t in doc[f.start:f.end])
            score = -dist_sents * 10 + (4 if subj else 0) + f.start / 10_000 + (2 if genders.get(f.key) else 0)
            if best_score is None or score >= best_score:
                best, best_score = f.key, score
        if best is None:  # "In his statement, al-Burhan said": the subject later in the same sentence
            later = [f for f in people if f.start > tok.i and sent_of[f.start] == sent_of[tok.i]
                     and genders.get(f.key) in (None, g) and not f.how == "pronoun"]
            best = later[0].key if later else None
        if best:
            f = Found(tok.i, tok.i + 1, best, "pronoun")
            out.append(f)
            people.append(f)  # later pronouns may chain through this one
            people.sort(key=lambda x: x.start)
    return out


AGENT_ADJECTIVES = {"willing", "ready", "prepared", "determined", "able", "unable", "eager", "keen", "reluctant",
                    "unwilling", "committed", "open", "interested", "happy", "prepared", "resolved"}
NONPERSON_PRONOUNS = {"it": "sg", "its": "sg", "itself": "sg", "they": "pl", "their": "pl", "them": "pl",
                      "themselves": "pl"}


def collective_pronouns(doc: Doc, found: list[Found], taken: set[int], quoted: set[int]) -> list[Found]:
    """'Hungary said it would...': it/its -> the latest state or organisation subject;
    they/their -> the latest group, or the latest state/organisation when no group is near."""
    out: list[Found] = []
    cands = sorted([f for f in found if f.key.startswith(("state:", "org:", "organ:", "group:"))
                    and f.how not in ("qualifier",)], key=lambda f: f.start)
    if not cands:
        return out
    starts = [f.start for f in cands]
    is_subj = [any(t.dep_.startswith("nsubj") for t in doc[f.start:f.end]) for f in cands]  # once, not per pronoun
    actor_toks = {i for f in found for i in range(f.start, f.end)}
    for tok in doc:
        number = NONPERSON_PRONOUNS.get(tok.lower_)
        if number is None or tok.i in taken or tok.i in quoted:
            continue
        agentive = tok.head.lemma_.lower() in AGENT_ADJECTIVES  # "it is willing to": the state, not a dummy
        if tok.lower_ == "it" and not agentive and (tok.dep_ == "expl" or (
                tok.head.lemma_ in ("be",) and tok.dep_ == "nsubj" and _is_dummy(tok))):
            continue
        if tok.lower_ == "it" and _describes_act(tok):
            continue
        if number == "sg" and _thing_subject(tok, actor_toks):
            continue
        sent = tok.sent
        lo, hi = bisect_left(starts, max(0, sent.start - 60)), bisect_left(starts, tok.i)
        window = cands[lo:hi]
        if not window:
            continue
        if number == "pl":
            groups = [f for f in window if f.key.startswith("group:")]
            pick = (groups or window)[-1]
            if tok.dep_.startswith("nsubj"):  # "the administration wanted ... and made it clear they were ready":
                same = [f for f, sj in zip(window, is_subj[lo:hi]) if sj and f.start >= sent.start]
                pick = same[-1] if same else pick  # a subject pronoun keeps the sentence's subject
        else:
            subj = [f for f, sj in zip(window, is_subj[lo:hi]) if sj and not f.key.startswith("group:")]
            pool = subj or [f for f in window if not f.key.startswith("group:")]
            if not pool:
                continue
            pick = pool[-1]
        out.append(Found(tok.i, tok.i + 1, pick.key, "pronoun"))
    return out


ACTOR_KINDS = {"member", "country", "nation", "state", "party", "ally", "partner", "government", "signatory", "power",
               "friend", "enemy", "neighbour", "neighbor", "democracy", "republic", "kingdom", "organisation",
               "organization", "group", "body", "force", "player", "mediator", "guarantor", "supporter", "victim"}


def _describes_act(tok) -> bool:  # noqa: ANN001
    """'It is a stern warning', 'it was a legitimate action': the pronoun names the act, not who acted."""
    pred = tok.head
    return tok.dep_ == "nsubj" and pred.pos_ == "NOUN" and pred.lemma_.lower() not in ACTOR_KINDS and any(
        c.dep_ == "cop" for c in pred.children)


def _thing_subject(tok, actor_toks: set[int]) -> bool:  # noqa: ANN001
    """'The vessel was heading north when it was attacked': a singular thing that is the subject of the clause
    this pronoun's clause hangs from is what 'it' means, not the last state named."""
    clause = tok.head
    while clause.dep_ not in ("advcl", "ccomp", "conj", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in ("advcl", "conj") or clause.head.i == clause.i:
        return False
    subj = next((c for c in clause.head.children if c.dep_.startswith("nsubj") and c.i < tok.i), None)
    return subj is not None and subj.tag_ == "NN" and subj.i not in actor_toks


def _is_dummy(tok) -> bool:  # noqa: ANN001 - "it is clear that", "it was reported"
    return any(c.dep_ in ("ccomp", "csubj", "xcomp") for c in tok.head.children) and tok.i < tok.head.i
