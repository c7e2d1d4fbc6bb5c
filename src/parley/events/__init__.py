"""The events stage: PLOVER events with CAMEO codes, Goldstein scores, modality, dates and places.

    events = code_events(doc, published, index, quotes, kb)

Each event records the trigger and sentence spans it was read from, the quote it comes from
(statements are events: a warning in a quote is THREATEN, its source the speaker), and whether
it happened (`modality` asserted) or was only intended, hypothetical or denied, or negated.
"""
from __future__ import annotations

import datetime as dt

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..nlp import doc_text
from ..actors import ActorIndex
from ..actors.kb import KnowledgeBase
from ..record import Event, Mention, Place, Quote, Span, parse_day
from .coder import (COOPERATIVE, DENY, HOSTILE, RECORDS, Trigger, actors_of, agent_of_passive, clause_subject, find_triggers,
                    intent_head, modality_of, reported_future, verb_entry, verb_lemmas)
from .arguments import arguments, nearest_actors
from .dates import find_dates
from .lexicon import DEFAULT_CAMEO, QUAD, Entry, Lexicon, load_lexicon

__all__ = ["code_events", "load_lexicon"]

SELF_PRONOUNS = {"i", "we", "me", "us", "my", "our"}
ANAPHORIC_NOUNS = {"meeting", "talks", "call", "summit", "negotiations", "conversation", "discussion", "visit"}


PLEDGES = {"promise", "pledge", "vow", "commit", "undertake", "swear"}
MONADIC = {"PROTEST", "MOBILIZE", "RETREAT", "CONCEDE"}  # types that stand without a target ("lifted restrictions")




def code_events(doc: Doc, published: str | None, index: ActorIndex, quotes: list[Quote], kb: KnowledgeBase,
                lexicon: Lexicon | None = None, partial: bool = False) -> list[Event]:
    """Events of the article. Like other event coders, parley reports a dyadic event (an accusation,
    a demand, a visit...) only when it can name both sides, or several parties acting together; an
    attack or arrest by an unnamed hand is kept. `partial=True` keeps every event it found."""
    lex = lexicon or load_lexicon()
    day = parse_day(published)
    quote_at = _quote_map(doc, quotes)
    cue_of = {doc.char_span(q.cue_span.start, q.cue_span.end, alignment_mode="expand").start: q
              for q in quotes if q.cue_span is not None and q.kind != "indirect"
              and doc.char_span(q.cue_span.start, q.cue_span.end, alignment_mode="expand") is not None}
    events: list[Event] = []
    sent_dates: dict[int, list] = {}
    people = index.person_tokens()  # tokens of person mentions, for entries that need a person as object
    triggers = find_triggers(doc, lex, people)
    taken = {t.tok.i for t in triggers}
    oblige = {doc.vocab.strings[w] for w in OBLIGATION}
    obliged = {doc[i].head.i for i, low in enumerate(doc.to_array(LOWER).tolist())  # "must withdraw", "should stop"
               if low in oblige and doc[i].dep_ == "aux"}
    for tok in (doc[i] for i in sorted(obliged - taken)):
        if tok.pos_ == "VERB":
            triggers.append(Trigger(tok, Entry(tok.lemma_.lower(), "REQUEST", DEFAULT_CAMEO["REQUEST"], target=["obj"]),
                                    span_end=tok.i + 1, obligation=True))
    triggers.sort(key=lambda t: t.tok.i)
    event_at: dict[int, Event] = {}
    for trig in triggers:
        ev = _event(doc, trig, index, quote_at, cue_of, lex, kb, events, people)
        if ev is None:
            continue
        first = event_at.get(conjunct_of(trig.tok).i) if trig.tok.dep_ == "conj" else None
        if first is not None and not ev.target and first.target and set(first.source) == set(ev.source):
            ev.target = list(first.target)  # "accused India of ... and vowed a forceful response": the same party
        event_at[trig.tok.i] = ev
        sent = trig.tok.sent
        if sent.start not in sent_dates:
            sent_dates[sent.start] = find_dates(sent.text, day)
        _date(ev, trig, sent, sent_dates[sent.start], day, events)
        ev.place = _place(trig, index, kb)
        fired = {t.lemma_.lower() for t in trig.tok.subtree} | {trig.tok.lemma_.lower()}
        if ev.type == "ASSAULT" and not ev.target and trig.tok.lemma_.lower() in ("fire", "launch", "test") \
                and fired & {"missile", "rocket", "projectile", "icbm"} and (ev.place is None or ev.place.country is None):
            ev.type, ev.cameo, ev.mode, ev.quad_class = "MOBILIZE", DEFAULT_CAMEO["MOBILIZE"], None, QUAD["MOBILIZE"]  # a test, a show
            ev.goldstein = (lexicon or load_lexicon()).goldstein(DEFAULT_CAMEO["MOBILIZE"])
        # "will evacuate settlements in Gaza", "sent investigators to Darfur": the place of the act itself
        retreat = (ev.type == "RETREAT" or (ev.type == "AGREE" and ev.origin == "RETREAT") or ev.mode == "investigate") \
            and ev.place is not None and ev.place.start is not None and _within(trig, ev.place.start)
        if not ev.target and (ev.type in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN") or retreat) and \
                ev.place and ev.place.country:
            pm = Mention(ev.place.start, ev.place.end, doc_text(doc)[ev.place.start:ev.place.end], "place") \
                if ev.place.start is not None else None
            state = index.state_actor(ev.place.country, kb, pm)
            # a curfew or arrests at home, a protest in the capital: the state where it happens is the target
            home = state_code(index, ev.source)
            if state and state not in ev.source and (
                    (ev.type not in ("PROTEST", "THREATEN") and home != ev.place.country) or ev.type == "COERCE"
                    or (ev.type == "THREATEN" and home == ev.place.country)  # a curfew threatened in one's own capital
                    or (ev.type == "PROTEST" and home in (None, ev.place.country))):
                ev.target = [state]  # a walkout by delegates at a summit abroad is not aimed at the host
        elif not ev.target and (ev.type in ("PROTEST", "MOBILIZE") or ev.type in ("ASSAULT", "COERCE") and _police(
                index, ev.source)) and (code := state_code(index, ev.source)):  # "police opened fire": police act at home
            home = next((a.id for a in index.actors if a.kind == "state" and a.code == code and a.mentions), None)
            if home and home not in ev.source:
                ev.target = [home]  # "Nigerians rallied", "the military was deployed": at home, the state named in the article
        events.append(ev)
    events = _merge(events)
    if not partial:  # a named source, except for violence by an unknown hand; a target, or parties acting together
        def together(e: Event) -> bool:  # several parties, of more than one state or group
            return len({(index.get(i).code if index.get(i) else i) for i in e.source}) > 1

        def unilateral(e: Event) -> bool:  # "promised to democratize", "will evacuate the settlements"
            return e.type == "AGREE" and e.origin in MONADIC | {"PLEDGE"}

        events = [e for e in events if (e.source or e.type in ("ASSAULT", "COERCE"))
                  and (e.target or together(e) or e.type in MONADIC or unilateral(e))]
    for i, e in enumerate(events, 1):
        e.id = f"e{i}"
    return events


def _police(index: ActorIndex, ids: list[str]) -> bool:
    return bool(ids) and all((a := index.get(i)) is not None and a.sector == "COP" for i in ids)


def state_code(index: ActorIndex, ids: list[str]) -> str | None:
    codes = {index.get(i).code for i in ids if index.get(i) is not None}
    return codes.pop() if len(codes) == 1 else None


def _quote_map(doc: Doc, quotes: list[Quote]) -> dict[int, Quote]:
    out: dict[int, Quote] = {}
    for q in quotes:
        if q.kind == "indirect":
            continue
        sp = doc.char_span(q.start, q.end, alignment_mode="expand")
        if sp is not None:
            for t in sp:
                out.setdefault(t.i, q)
    return out


def _event(doc: Doc, trig: Trigger, index: ActorIndex, quote_at: dict[int, Quote], cue_of: dict[int, Quote],
           lex: Lexicon, kb: KnowledgeBase, earlier: list[Event], people: frozenset[int]) -> Event | None:
    tok, entry = trig.tok, trig.entry
    anchor = trig.light or (tok if tok.pos_ in ("VERB", "AUX", "ADJ") else None)
    # in a speaker's own words, "it is a stern warning" is the speaker warning
    own_act = tok.i in quote_at and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in tok.children) and \
        any(c.dep_ == "cop" for c in tok.children)
    if anchor is None and not _own_arguments(tok, index) and tok.i != tok.sent.root.i and not own_act:
        return None  # "after the talks", "the deal will take effect": a reference, not a new event
    # a trigger under another trigger's xcomp ("refused to release") is part of that event
    clause = anchor
    while clause is not None and clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = conjunct_of(clause)  # "warned that it will label ... and will withdraw": the first conjunct's place
    governor = _governing_entry(clause, lex, people) if clause is not None and clause.dep_ in (
        "xcomp", "advcl", "acl", "ccomp") else None
    if governor is not None:
        head_type = governor.type
        denial = clause.head.lemma_.lower() in DENY and clause.dep_ == "ccomp"
        adverbial = clause.dep_ == "advcl" and not any(
            c.dep_ == "mark" and c.lower_ in ("of", "for", "by", "to") for c in clause.children)
        purpose = entry.type == "PROTEST" and clause.dep_ == "advcl"  # "shunned work to protest at ...": its aim
        if head_type == entry.type or (head_type in FRAMING and not denial and not adverbial and not purpose):
            return None  # "accused India of violating", "launched missiles, killing three": the governing event
    if anchor is not None and anchor.dep_ in ("amod", "compound") and anchor.tag_ in ("VBN", "VBG", "JJ"):
        return None  # "banned outfits", "wounded soldiers": a description, not an event
    if anchor is not None and anchor.dep_ == "conj" and anchor.head.pos_ == "PROPN":
        return None  # a verb coordinated with a name is a misparse: nothing sound can be said of its parties
    if anchor is not None and anchor.tag_ in ("VBN", "JJ") and anchor.dep_ in NOMINAL_DEPS and any(
            c.dep_ == "det" and c.i < anchor.i for c in anchor.children):
        return None  # "evacuated the wounded", "the injured were taken to hospital": people, not an act
    if anchor is not None and anchor.dep_ in ("advcl", "acl") and anchor.head.lemma_.lower() in CHARGED and any(
            c.dep_ in ("mark", "case") and c.lower_ == "of" for c in anchor.children):
        return None  # "nationals suspected of blowing up a plane": what they are accused of, not a reported act
    if anchor is tok and tok.tag_ == "VBG" and tok.dep_ in ("acl", "advcl") and tok.head.pos_ == "VERB" \
            and tok.head.i == tok.i - 1 and not any(c.dep_ == "mark" for c in tok.children):
        return None  # "to feed starving civilians" parsed as a clause under "feed": an adjective
    if tok.pos_ in ("NOUN", "PROPN") and trig.light is None and tok.dep_ in ("obj", "obl", "nmod") \
            and _trigger_verb(tok.head, lex, people):
        return None  # "called for condemnation", "agreed on an exchange": the verb's event ("took part in" has none)
    if tok.pos_ in ("NOUN", "PROPN") and trig.light is None and not own_act and (
            any(c.dep_ == "cop" for c in tok.children) or tok.dep_ in ("xcomp", "attr", "appos")):
        return None  # "called it a security threat": a description; in a speaker's words "it is a warning" warns
    if anchor is not None and anchor.dep_ == "acl" and anchor.head.lemma_.lower() in RECORDS:
        return None  # "a video of returning prisoners": what a record shows, not an act of its publisher
    if entry.type == "THREATEN" and tok.pos_ == "VERB" and any(
            c.dep_ == "obj" and c.lemma_.lower() in ENDANGERED for c in tok.children):
        return None  # "the launches threaten peace and stability": a danger described, not a threat made
    if tok.pos_ == "NOUN" and tok.dep_ == "obj" and tok.head.lemma_.lower() in DESCRIBING:
        return None  # "the missiles posed an imminent threat": a description of a thing, not an act
    if tok.text[:1].isupper() and tok.i > tok.sent.start and tok.pos_ in ("VERB", "ADJ") \
            and any(doc[j].text == "-" for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)):
        return None  # "Pakistan-Occupied-Kashmir": part of a name
    source, target = arguments(trig, anchor, index, earlier, kb)
    quote = quote_at.get(tok.i) or cue_of.get(tok.i)  # said in a quote, or the verb that introduces one
    if quote is not None and quote.speaker:
        subj = clause_subject(anchor) if anchor is not None else None
        # "31 civilians were killed", in the speaker's words: a passive with no agent hides the doer, and
        # the one who reports the act is not taken for the one who did it
        hidden = anchor is not None and not own_act and agent_of_passive(anchor) is None and any(
            c.dep_ in ("nsubj:pass", "aux:pass") for c in anchor.children)
        if (not source and not hidden) or own_act or (subj is not None and subj.lower_ in SELF_PRONOUNS):
            source = [quote.speaker]
    if not source and not target:
        return None
    if anchor is not None and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in anchor.children):
        return None  # the condition of a conditional ("unless the Kremlin withdrew its troops")
    negated, modality = modality_of(tok, anchor or tok)
    etype, cameo, mode = entry.type, entry.cameo, entry.mode
    if entry.modality:
        modality = entry.modality if modality == "asserted" else modality
    head = intent_head(anchor, lex) if anchor is not None else None
    if etype == "ASSAULT" and head is not None and head.lemma_.lower() in PREPARE_HEADS:
        etype, cameo, mode = "MOBILIZE", DEFAULT_CAMEO["MOBILIZE"], None  # "prepared to resume shelling": forces readied
        modality = "asserted"
    if etype in HOSTILE | {"PROTEST"} and (modality == "hypothetical" or _conditional(anchor) or (
            head is not None and _conditional(head)) or (
            etype != "RETREAT" and anchor is not None and reported_future(anchor))):  # "said they would boycott"
        etype, cameo, mode = "THREATEN", DEFAULT_CAMEO["THREATEN"], None  # "will withdraw ... unless", "prepared to disengage if"
        modality = "asserted"
        if not target:  # "... if Russia stalled": the party the condition is put to
            target = [i for i in _condition_party(anchor, index) or _condition_party(head, index) if i not in source]
    elif etype == "THREATEN" and not target and anchor is not None:  # "threatened to stop talks ... if the US ..."
        for node in anchor.subtree:
            target = [i for i in _condition_party(node, index) if i not in source]
            if target:
                break
    elif etype in COOPERATIVE and (head is not None or modality == "intended") and etype != "AGREE":
        etype, cameo, mode = "AGREE", _agree_code(entry.cameo), None  # intent to cooperate is AGREE
        if modality == "asserted":  # "agreed to swap", "prepared to return": the act itself has not happened
            modality = "intended"
    if etype == "AGREE" and modality == "asserted" and anchor is not None and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" for c in anchor.children):
        modality = "intended"  # "agreed to swap prisoners": what was agreed has not happened yet
    if etype == "AGREE" and negated and tok.lemma_.lower() in ("accept", "agree", "allow", "approve", "sign", "agreement",
                                                               "deal", "accord", "compromise", "consensus"):
        etype, cameo, mode, negated = "REJECT", DEFAULT_CAMEO["REJECT"], None, False  # "will not accept", "did not agree"
    demand = _demand(anchor, index, quote)
    if trig.obligation and demand is None:
        return None  # the writer's own "should": no one is demanding anything
    if demand is not None and (etype not in ("REQUEST", "THREATEN") or trig.obligation):
        etype, cameo, mode = "REQUEST", DEFAULT_CAMEO["REQUEST"], None  # "Russia said Sudan must return the helicopter"
        source, target = demand[0] or source, demand[1] or target
        modality = "asserted"
    if etype == "AGREE" and head is not None and not source:
        return None
    if tok.lemma_.lower() in DENY and any(c.dep_ == "ccomp" for c in tok.children):
        target = []  # "the Kremlin denied that its forces attacked": the accuser, if any, is not named here
    src = {(a.code, a.sector) for a in (index.get(i) for i in source) if a is not None and a.code}
    state_side = any(s in ("GOV", "MIL", "COP", "SPY", "LEG", "JUD") for _, s in src)
    target = [t for t in target if t not in source and not (
        (a := index.get(t)) is not None and ((a.code, a.sector) in src or  # his own soldiers, its own state
                                              (a.kind == "group" and a.sector in ("MIL", "COP") and state_side and
                                               (a.code in {c for c, _ in src} or (etype == "MOBILIZE" and a.code is None))
                                               )))]  # rebels may fight their own army; "ordered patrols by police": its force
    if etype == "ACCUSE":  # "Pakistan alleges civilian deaths": its own people are not the accused
        target = [t for t in target if not ((a := index.get(t)) is not None and a.kind == "group" and
                                            a.sector in ("CVL", "REF") and a.code in {c for c, _ in src})]
    if etype in ("CONSULT", "AGREE"):  # talking to the press is not talking to a party
        target = [t for t in target if not ((a := index.get(t)) is not None and a.kind == "group" and a.sector == "MED")]
    if etype == "CONSULT" and len(source) == 1 and not target:
        return None  # talking to no one named ("spoke to reporters") is not a dyadic event
    sent = tok.sent
    span_start = doc[min([tok.i, *trig.extra])].idx
    span_end = tok.idx + len(tok.text)
    gs = lex.goldstein(cameo)
    conf = 0.5 + 0.2 * bool(source) + 0.15 * bool(target) + 0.1 * (trig.light is not None or tok.pos_ == "VERB")
    return Event("", etype, trigger=Span(span_start, span_end, doc_text(doc)[span_start:span_end]),
                 sentence=Span(sent.start_char, sent.end_char), mode=mode, context=list(entry.context),
                 cameo=cameo, goldstein=gs, quad_class=QUAD[etype], source=list(dict.fromkeys(source)),
                 target=list(dict.fromkeys(t for t in target if t not in source)), negated=negated, modality=modality,
                 quote=quote.id if quote else None, confidence=min(conf, 0.95),
                 origin=entry.type if entry.lemma not in PLEDGES else "PLEDGE")


ENDANGERED = {"peace", "stability", "security", "future", "existence", "economy", "life", "livelihood", "safety",
              "health", "order", "democracy", "unity", "recovery", "progress", "ceasefire", "truce"}
DESCRIBING = {"pose", "represent", "constitute", "present", "remain"}
PREPARE_HEADS = {"prepare", "prepared", "ready", "gear", "poise", "poised", "mass"}
FRAMING = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "SANCTION", "CONCEDE"}


def conjunct_of(tok: Token) -> Token:
    """The verb a conjunct is coordinated with. A finite verb cannot be coordinated with a participle or
    an infinitive: in "accused India of violating its sovereignty and vowed a response" the parser's
    attachment of "vowed" to "violating" is read as coordination with "accused"."""
    head = tok.head
    if tok.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ in ("VBG", "VB") and head.dep_ in ("advcl", "xcomp", "acl") \
            and not any(c.dep_ == "aux" for c in tok.children):
        return head.head
    return head


NOMINAL_DEPS = frozenset({"obj", "nsubj", "nsubj:pass", "obl", "iobj", "nmod"})
CHARGED = frozenset({"suspect", "accuse", "charge", "allege", "blame", "convict", "indict", "suspected", "accused"})


def _verb_entries(tok: Token, lex: Lexicon) -> list[Entry]:
    return [e for k in verb_lemmas(tok) for e in lex.verbs.get(k, [])] if tok.pos_ in ("VERB", "AUX") else []


def _governing_entry(clause: Token, lex: Lexicon, people: frozenset[int]) -> Entry | None:
    """The event of the verb a clause hangs from. Its complement must fit the verb's entry ("ruled that
    ..." is no "rule out", "resume shelling" no resumption of relations); an adverbial clause ("for
    achieving a cease-fire") belongs to any event verb above it."""
    entries = _verb_entries(clause.head, lex)
    if clause.dep_ in ("xcomp", "ccomp"):
        return verb_entry(clause.head, entries, people) if entries else None
    return entries[0] if entries else None


def _trigger_verb(tok: Token, lex: Lexicon, people: frozenset[int]) -> bool:
    """A verb that is an event here, with the particle and object its entry needs."""
    entries = _verb_entries(tok, lex)
    return bool(entries) and verb_entry(tok, entries, people) is not None


def _agree_code(cameo: str | None) -> str:
    # CAMEO 03x: express intent to cooperate (036 meet or negotiate, 035 release, 033 aid...)
    table = {"04": "036", "06": "030", "07": "033", "08": "035", "05": "031"}
    return table.get((cameo or "")[:2], "030")


def _condition_party(anchor: Token | None, index: ActorIndex) -> list[str]:
    if anchor is None:
        return []
    for c in anchor.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            subj = clause_subject(c)
            if subj is not None:
                return actors_of(subj, index)
    return []


def _conditional(anchor: Token | None) -> bool:
    """The clause (or the clause it is conjoined to) has an 'if' or 'unless' condition."""
    while anchor is not None:
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in anchor.children):
            return True
        anchor = anchor.head if anchor.dep_ == "conj" and anchor.head.i != anchor.i else None
    return False


OBLIGATION = {"must", "should", "ought"}


def _demand(anchor: Token | None, index: ActorIndex, quote: Quote | None) -> tuple[list[str], list[str]] | None:
    """An obligation put on someone in reported speech: (speaker, obliged party), else None."""
    if anchor is None or not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in anchor.children):
        return None
    subj = clause_subject(anchor)
    obliged = actors_of(subj, index) if subj is not None else []
    if anchor.dep_ == "ccomp" and anchor.head.lemma_.lower() in REPORTING_LEMMAS and \
            (speaker_subj := clause_subject(anchor.head)) is not None:
        return actors_of(speaker_subj, index), obliged
    for v in anchor.sent:  # "Erdogan said Russia must return ...", however the parse hangs it
        if v.i < anchor.i and v.lemma_.lower() in REPORTING_LEMMAS and (v.pos_ == "VERB" or v.tag_.startswith("VB")):
            subj = clause_subject(v)
            speaker = actors_of(subj, index) if subj is not None else nearest_actors(v, index, -1)
            if speaker and not set(speaker) & set(obliged):
                return speaker, obliged
    if quote is not None and quote.speaker and subj is not None and subj.lower_ not in SELF_PRONOUNS:
        return [quote.speaker], obliged
    return None


REPORTING_LEMMAS = {"say", "tell", "state", "announce", "insist", "declare", "stress", "argue", "warn", "write",
                    "conclude", "add", "demand", "urge", "note"}


def _own_arguments(tok: Token, index: ActorIndex) -> bool:
    """Does an event noun name its own parties ('talks with Kyiv', "Russia's attack", 'Russian strikes')?"""
    for c in tok.children:
        if c.dep_ in ("nmod:poss", "amod", "compound") and c.i < tok.i and index.at(c):
            return True
        if c.dep_ in ("nmod", "acl") and any(g.dep_ == "case" and g.lower_ in ("with", "between", "against", "on", "by",
                                                                                  "from", "to", "of")
                                              for g in c.children) and actors_of(c, index):
            return True
    return False


def _date(ev: Event, trig: Trigger, sent, refs, day: dt.date | None, earlier: list[Event]) -> None:
    if refs:
        tpos = trig.tok.idx - sent.start_char
        ref = min(refs, key=lambda r: abs(r.start - tpos))
        ev.date, ev.date_end, ev.date_text = ref.date, ref.date_end, ref.text
        return
    words = {t.lower_ for t in sent}
    if words & ANAPHORIC_NOUNS and ("during" in words or "at" in words or "after" in words):
        for e in reversed(earlier):
            if e.date_text and e.sentence.end <= ev.sentence.start:
                ev.date, ev.date_end, ev.date_text = e.date, e.date_end, None
                return
    if day is not None and ev.modality == "asserted":
        ev.date = day.isoformat()  # no date in the text: the publication date


PLACE_PREPS = frozenset({"in", "at", "near", "aboard", "on", "outside", "around", "into", "inside", "to"})


def _within(trig: Trigger, char: int) -> bool:
    """Whether a character offset falls inside the phrase the trigger heads (the place of its own act,
    not of the talks where it was agreed)."""
    head = trig.light if trig.light is not None else trig.tok
    return head.left_edge.idx <= char < head.right_edge.idx + len(head.right_edge.text)


def _place(trig: Trigger, index: ActorIndex, kb: KnowledgeBase) -> Place | None:
    doc = trig.tok.doc
    heads = [trig.tok] + ([trig.light] if trig.light is not None else [])
    sent = trig.tok.sent
    best = None
    for f in index.places:
        if not (sent.start <= f.start < sent.end):
            continue
        span = doc[f.start:f.end]
        near = any(span.root.head == h or span.root.head.head == h for h in heads)
        if best is None or near:
            best = span
            if near:
                break
    if best is None:
        for t in sent:  # gazetteer places the actors stage does not know: "in Sivas", "struck Kramatorsk"
            if (t.dep_ in ("obl", "nmod") and t.pos_ in ("PROPN", "NUM") and any(
                    c.dep_ == "case" and c.lower_ in PLACE_PREPS for c in t.children)) or (
                    t.dep_ == "obj" and t.pos_ == "PROPN" and t.head in heads):
                parts = [c.i for c in t.subtree if c.dep_ in ("compound", "flat") and c.i < t.i]
                span = doc[min(parts + [t.i]): t.i + 1]
                if kb.place(span.text):
                    best = span
                    break
    if best is None:
        return None
    pl = kb.place(best.text)
    if pl is None:
        return None
    return Place(pl["name"], pl.get("country"), pl.get("lat"), pl.get("lon"), best.start_char, best.end_char)


def _merge(events: list[Event]) -> list[Event]:
    """The same event mentioned twice in one article is one event: same type and source, targets the
    same or one side's missing (a headline and its story), and no conflicting dates."""
    out: list[Event] = []
    told_in: dict[int, list] = {}  # the sentences each kept event is told in, its own and those merged into it
    for e in events:
        dup = next((o for o in out if o.type == e.type and set(o.source) == set(e.source)
                    and (set(o.target) == set(e.target) or not o.target or not e.target)
                    and o.negated == e.negated
                    and (o.date == e.date or not e.date_text or not o.date_text)), None)
        if dup is None:  # "India's biggest attack on Pakistan, targeting nine sites": one act, one named source
            dup = next((o for o in out if o.type == e.type and e.sentence in told_in[id(o)] and o.target
                        and set(o.target) == set(e.target) and bool(o.source) != bool(e.source)
                        and o.negated == e.negated), None)
        if dup is None:
            out.append(e)
            told_in[id(e)] = [e.sentence]
            continue
        told_in[id(dup)].append(e.sentence)
        dup.source = dup.source or e.source
        dup.confidence = min(0.99, dup.confidence + 0.05)
        if not dup.target and e.target:  # keep the fuller account's parties, place and date
            dup.target = e.target
        if e.date_text and not dup.date_text:
            dup.date, dup.date_end, dup.date_text = e.date, e.date_end, e.date_text
        dup.place = dup.place or e.place
        dup.quote = dup.quote or e.quote
    return out

