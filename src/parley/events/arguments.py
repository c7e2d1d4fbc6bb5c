"""Who did it and to whom: the source and target actors of an event trigger, read from the parse.

The subject (or a passive's agent), else the subject of the sentence, else the nearest actor before
the trigger; the target from the lexicon entry's slots (object, "with X", "against X"...), then
from an embedded clause, a party named deeper in the phrase, a state named as a place, the nearest
actor after it. "Both sides" and "they" take the parties of the latest event that had two.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorIndex
from ..actors.kb import KnowledgeBase
from ..record import Event, Mention
from .coder import PLURAL_ANAPHORS, REPORTED, TRAVEL_VERBS, Trigger, actors_of, agent_of_passive, clause_subject, prep_arg

STATEMENTS = {"THREATEN", "REQUEST", "ACCUSE", "SUPPORT", "REJECT"}  # speech acts: "a warning from X" is X's
PLACE_IS_VENUE = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "PROTEST"}


def arguments(trig: Trigger, anchor: Token | None, index: ActorIndex, earlier: list[Event],
               kb: KnowledgeBase | None = None) -> tuple[list[str], list[str]]:
    tok, entry = trig.tok, trig.entry
    source: list[str] = []
    target: list[str] = []
    if tok.pos_ in ("NOUN", "PROPN") and trig.light is None:
        # nominal event: "Russia's attack", "Russian strikes", "talks between X and Y"
        for c in tok.children:
            if c.dep_ in ("nmod:poss", "amod", "compound") and c.i < tok.i:
                source += [i for i in actors_of(c, index, deep=False) if i not in source]
        by = ("by", "from") if entry.type in STATEMENTS else ("by",)  # "a warning from Pakistan": who gave it
        # "the destruction and the killing of civilians by the RSF": an agent after the last conjunct is all of theirs
        near = [tok, tok.head] if tok.dep_ == "conj" else [tok]
        agent = next((c for n in near for c in n.children if c.dep_ == "nmod" and (n.i == tok.i or c.i > tok.i)
                      and any(g.lower_ in by for g in c.children)), None)
        if agent is not None:
            source += actors_of(agent, index)
    passive_subj = next((c for c in anchor.children if c.dep_ == "nsubj:pass"), None) if anchor is not None else None
    if passive_subj is not None and entry.type not in ("AGREE", "CONSULT", "COOPERATE", "MOBILIZE"):
        target += actors_of(passive_subj, index)  # "three civilians were killed": the ones it was done to
    anchor_subj = clause_subject(anchor) if anchor is not None else None
    if anchor is not None and not source:
        subj = anchor_subj
        if subj is not None and passive_subj is not None and subj.i == passive_subj.i:
            subj = None
        active = any(c.dep_ == "obj" for c in anchor.children) and not any(
            c.dep_ in ("aux:pass", "nsubj:pass") for c in anchor.children)  # "prevented a rally by students"
        if (anchor.dep_ == "ROOT" or anchor.tag_ == "VBN") and not active:
            pas = agent_of_passive(anchor)
            if pas is not None:
                source = actors_of(pas, index)
                subj_pass = next((c for c in anchor.children if c.dep_ == "nsubj:pass"), None)
                if subj_pass is not None:
                    target += actors_of(subj_pass, index)
        if not source and subj is not None:
            source = actors_of(subj, index)
            if not source and subj.lower_ in ("it", "they", "he", "she") and anchor.dep_ == "ccomp" and \
                    anchor.head.lemma_.lower() in REPORTED and (outer := clause_subject(anchor.head)) is not None:
                kinds = {"it": ("state", "organisation"), "they": ("state", "organisation", "group"),
                         "he": ("person",), "she": ("person",)}[subj.lower_]
                source = [i for i in actors_of(outer, index)  # "the union announced that it has called off the strike"
                          if (a := index.get(i)) is not None and a.kind in kinds]
            if not source:
                source = _anaphor(subj, earlier)
    if not source and tok.pos_ in ("NOUN", "PROPN"):
        root = tok.sent.root  # "after a two-hour call with Putin": the sentence's subject held it
        subj = clause_subject(root)
        if subj is not None:
            source = actors_of(subj, index)
    inanimate = anchor_subj is not None and anchor_subj.pos_ == "NOUN" and \
        anchor_subj.lemma_.lower() in CAUSES  # "a roadside bombing killed one soldier and wounded two others"
    if not source and not inanimate:  # the parse found no subject: the nearest actor before the trigger in its clause
        source = nearest_actors(tok, index, -1, exclude=set(target))
    head = trig.light if trig.light is not None else tok
    for slot in entry.target:
        got: list[str] = []
        if slot in ("obj", "iobj"):
            for c in head.children:
                if c.dep_ == slot or (slot == "obj" and c.dep_ == "nsubj:pass" and head.tag_ == "VBN"):
                    got += actors_of(c, index)
        elif slot.startswith("prep:"):  # on the verb, or on its object ("shared expertise with", "withdrew staff from")
            for node in {tok, head} | {c for c in head.children if c.dep_ == "obj" and c.pos_ == "NOUN"}:
                for c in prep_arg(node, slot[5:]):
                    got += actors_of(c, index)
            # "shared details about his call with Putin with Zelensky": a noun takes one such phrase, the verb the next
            nouns = [c for c in head.children if c.dep_ == "obl"] + [
                n for c in head.children if c.dep_ == "obj" for n in c.children if n.dep_ == "nmod"]
            for n in nouns:
                if not got and len(pps := prep_arg(n, slot[5:])) >= 2:
                    got += [i for p in pps[1:] for i in actors_of(p, index)]
        elif slot in ("poss", "obj_poss"):
            for c in head.children:
                if c.dep_ == "obj":
                    got += [i for p in c.children if p.dep_ == "nmod:poss" for i in actors_of(p, index)]
        got = [g for g in got if g not in target]
        if got:
            target += got
            break
    if not target and tok.pos_ in ("NOUN", "PROPN"):
        for prep in ("with", "against", "on", "between", "to"):
            for c in prep_arg(tok, prep):
                target += actors_of(c, index)
            if target:
                break
    if not target and entry.type in ("MOBILIZE", "THREATEN", "ASSAULT", "COERCE", "SANCTION", "PROTEST", "RETREAT"):
        # "mobilized reservists for a possible war against Iraq", "withdraw its troops from Lebanon"
        preps = ("against",) if entry.type != "RETREAT" else ("against", "from")
        clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "csubj", "parataxis")]
        inner = {t.i for c in clauses for t in c.subtree}
        for t in head.subtree:
            if t.i in inner:
                continue
            if t.lower_ in preps and t.dep_ in ("case", "mark") and t.head.i != head.i and t.head.i != tok.i:
                target = [i for i in actors_of(t.head, index, deep=False) if i not in source]
                if not target and t.head.dep_ == "advcl":  # "from neighbouring Lebanon", parsed as a clause
                    target = [i for c in t.head.children if c.dep_ == "obj" for i in actors_of(c, index) if i not in source]
                if target:
                    break
    if not target and entry.type == "REQUEST":
        # "demanded that its European partners refuse ...", "reiterated its demand that Israel ease ...": the one
        # asked to act is the subject of the clause that says what is asked
        nodes = [head, tok] + ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "obj" else [])
        for c in (c for n in nodes for c in n.children if c.dep_ in ("ccomp", "acl") and c.i > tok.i):
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is not None and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                target = [i for i in actors_of(subj, index) if i not in source]
                if target:
                    break
    travel = trig.light is not None and trig.light.lemma_.lower() in TRAVEL_VERBS  # "return to Geneva for talks"
    if not target:  # "offered to hand over to Britain": the embedded verb's arguments
        for x in [c for c in head.children if c.dep_ in ("xcomp", "ccomp")] + ([] if travel else [head]):
            for c in x.children:
                if c.dep_ in ("obj", "iobj", "obl", "nmod", "obl:arg") and c.i != (trig.tok.i if x is head else -1) \
                        and (x is head or not any(g.dep_ == "case" and g.lower_ == "as" for g in c.children)):
                    # "warned it would label the war as Joe Biden's war": what the war is called names no party
                    got = [i for i in actors_of(c, index) if i not in source]
                    if not got and x is not head and c.pos_ == "PROPN" and kb is not None:
                        pl = kb.place(c.text)  # "strike back at Israel": a state named as the place hit
                        if pl and pl.get("kind") in (None, "country") and pl.get("country"):
                            got = [i for i in [index.state_actor(pl["country"], kb)] if i and i not in source]
                    if got:
                        target = got
                        break
            if target:
                break
    if not target and kb is not None and entry.type not in PLACE_IS_VENUE:
        # "aid to war-torn Mozambique", "peacekeepers in Iraq": a state named as a place (talks in Turkey: a venue)
        clause = anchor if anchor is not None else tok
        said = {t.i for c in clause.children if c.dep_ == "parataxis" and c.lemma_.lower() in REPORTED
                for t in c.subtree}  # "..., officials in Ankara said": where the source speaks, not the place hit
        for f in index.places:
            if clause.sent.start <= f.start < clause.sent.end and f.key.startswith("state:") and f.start not in said and \
                    clause.left_edge.i <= f.start <= clause.right_edge.i and f.start > clause.i - 1:
                span = clause.doc[f.start:f.end]
                sid = index.state_actor(f.key[6:], kb, Mention(span.start_char, span.end_char, span.text, "place"))
                if sid and sid not in source:
                    target = [sid]
                    break
    if not target and entry.mode == "third-party":  # "X and Y swapped prisoners after talks mediated by Z"
        subj = clause_subject(tok.sent.root)
        if subj is not None:
            target = [i for i in actors_of(subj, index) if i not in source]
    if not target and not travel:
        target = nearest_actors(trig.tok if trig.light is None else trig.light, index, +1, exclude=set(source))
    return source, [t for t in target if t not in source]


# subjects that are the event's means, not an actor: nothing before them is its source
CAUSES = frozenset({"bombing", "bomb", "explosion", "blast", "attack", "strike", "airstrike", "shelling", "mine",
                    "landmine", "missile", "rocket", "shell", "grenade", "fire", "gunfire", "crash", "raid", "ambush",
                    "device", "car", "drone", "storm", "earthquake", "flood", "violence", "clash", "fighting"})
CLAUSE_BREAKS = {",", ";", "—", "–", ":", "unless", "if", "because", "while", "although", "though", "but", "said",
                 "says", "according", "whom", "who", "which", "(", '"', "“", "”"}


def nearest_actors(tok: Token, index: ActorIndex, step: int, exclude: set[str] | None = None) -> list[str]:
    """The first actor mention next to `tok` in direction `step`, within its clause."""
    sent = tok.sent
    lo = sent.start
    if step < 0 and lo > 0 and "\n" not in tok.doc[lo - 1].text_with_ws:
        prev = tok.doc[lo - 1].sent  # a verbless fragment the parser split off: "Zelensky | spoke by phone"
        if not any(t.pos_ in ("VERB", "AUX") for t in prev):
            lo = prev.start
    i = tok.i + step
    limit = 12 if step > 0 else 15
    while lo <= i < sent.end and abs(i - tok.i) <= limit:
        t = tok.doc[i]
        if t.lower_ in CLAUSE_BREAKS and not index.at(i):
            break
        ids = [x for x in index.at(i) if x not in (exclude or set())]
        if ids:
            return ids
        i += step
    return []


def _anaphor(subj: Token, earlier: list[Event]) -> list[str]:
    """'both parties agreed': the parties of the latest event that had two or more."""
    phrase = " ".join(t.lower_ for t in subj.subtree)
    if phrase not in PLURAL_ANAPHORS and subj.lower_ not in ("they",):
        return []
    for e in reversed(earlier):
        parties = e.source + e.target
        if len(parties) >= 2:
            return list(dict.fromkeys(parties))
    return []
