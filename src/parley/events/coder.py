"""The PLOVER coder: triggers from the parse, their source and target actors, and modality.

A trigger is a verb in the lexicon (with its particle or object constraints), an event noun
("talks", "a two-hour call", "the strike on Kyiv"), or a light verb with an event noun as object
("held talks"). The source is the clause's subject (through xcomp, conj and relative clauses),
the target the lexicon's argument slots (object, "with X", "against X", possessor...).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors import ActorIndex
from .dates import MONTHS, WEEKDAYS
from .lexicon import Entry, Lexicon

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
FUTURE_AUX = {"will", "shall", "'ll", "going"}
INTENT_HEADS = {"agree", "plan", "intend", "pledge", "promise", "vow", "decide", "aim", "want", "prepare",
                "offer", "seek", "hope", "expect", "propose", "commit", "ready", "willing", "prepared", "interested",
                "eager", "keen", "set", "consider", "try", "attempt", "wish", "mean", "look", "move", "resolve",
                "determined", "able", "volunteer"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "should", "lest"}
REPORTED = {"say", "tell", "announce", "state", "declare", "add", "insist", "confirm", "write", "report", "indicate",
            "signal", "promise", "pledge", "vow", "assure", "reply", "respond"}
COOPERATIVE = {"CONSULT", "COOPERATE", "AID", "RETREAT", "AGREE", "CONCEDE", "SUPPORT"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "RETREAT", "REJECT", "MOBILIZE"}
DENY = {"deny", "dismiss", "refute", "reject"}
STOP_VERBS = {"stop", "halt", "cease", "end", "pause", "suspend", "quit", "abandon", "fail"}  # "failed to agree": not done
BACKGROUND_PREPS = {"after", "before", "since", "following", "amid", "during", "despite", "ahead", "until", "like"}
PLURAL_ANAPHORS = {"both parties", "both sides", "the two sides", "the two countries", "the two leaders",
                   "the parties", "the sides", "the two", "both countries", "both leaders", "the two delegations",
                   "both delegations", "the delegations", "the two men", "both men", "the pair", "they"}


@dataclass
class Trigger:
    tok: Token
    entry: Entry
    light: Token | None = None  # "held" in "held talks"
    span_end: int = 0  # last token index of a multi-word noun trigger (+1)
    extra: list[int] = field(default_factory=list)
    obligation: bool = False  # a "must"/"should" clause read as a possible demand


# ------------------------------------------------------------------ triggers
def verb_lemmas(tok: Token) -> list[str]:
    """The tagger's lemma, then forms undone by rule: the lemmatizer slips on rarer past tenses
    and participles (shelled, freed, expelled, retaken)."""
    w = tok.lower_
    out = [tok.lemma_.lower(), w]
    for suf, rep in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                     ("es", ""), ("s", ""), ("en", ""), ("n", "")):  # retaken -> retake, beaten -> beat
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)] + rep
            out.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not rep:
                out.append(stem[:-1])  # shelled -> shell -> (shel), expelled -> expel
    return list(dict.fromkeys(out))


def _noun_keys(doc: Doc, tok: Token, size: int) -> list[str]:
    words = doc[tok.i - size + 1: tok.i + 1]
    keys = [" ".join(t.lemma_.lower() for t in words), " ".join(t.lower_ for t in words)]
    if any(t.text == "-" for t in words):  # cease - fire -> cease-fire, ceasefire
        joined = "".join(t.lower_ for t in words)
        keys += [joined, joined.replace("-", ""), joined.replace("-", " ")]
    return keys


def find_triggers(doc: Doc, lex: Lexicon, people: frozenset[int] = frozenset()) -> list[Trigger]:
    out: list[Trigger] = []
    maxn = lex.max_noun_words() + 2
    for tok in doc:
        if tok.is_space or tok.is_punct:
            continue
        if tok.tag_ == "VBG" and tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
            continue  # "Russian-speaking citizens", "peace-keeping": a compound modifier, not an act
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ not in ("amod", "compound") and
                                            any(k in lex.verbs for k in verb_lemmas(tok))):
            entries = next((lex.verbs[k] for k in verb_lemmas(tok) if k in lex.verbs), [])
            entry = verb_entry(tok, entries, people) if entries else None
            if entry:
                out.append(Trigger(tok, entry, span_end=tok.i + 1))
                continue
        if tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ in ("VERB", "ADJ") and tok.tag_ in ("NN", "NNS")):
            sizes = lex.noun_sizes(tok.lemma_.lower()) | lex.noun_sizes(tok.lower_)
            for size in sorted((x for x in sizes if x <= min(maxn, tok.i + 1)), reverse=True):
                entries = next((lex.nouns[k] for k in _noun_keys(doc, tok, size) if k in lex.nouns), None)
                if entries:
                    entry = _noun_entry(tok, entries)
                    if entry:
                        out.append(Trigger(tok, entry, span_end=tok.i + 1,
                                           extra=[t.i for t in doc[tok.i - size + 1: tok.i + 1]]))
                    break
    # an event noun in a time phrase is background: "a curfew after a demonstration", "amid protests"
    out = [t for t in out if not (t.tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "case" and c.lower_ in BACKGROUND_PREPS for c in t.tok.children))]
    # a noun inside a longer event phrase ("ceasefire deal") is part of the head noun's event
    heads = {t.tok.i for t in out}
    out = [t for t in out if not (t.tok.dep_ == "compound" and t.tok.head.i in heads)]
    # a light verb whose object is an event noun: the noun is the trigger, the verb its support
    nouns = {t.tok.i: t for t in out if t.tok.pos_ in ("NOUN", "PROPN")}
    for t in list(out):
        if t.tok.pos_ not in ("NOUN", "PROPN") and t.tok.lemma_.lower() in lex.light_verbs:
            obj = next((c for c in t.tok.children if c.dep_ in ("obj", "nsubj:pass")), None)
            if obj is not None and obj.i in nouns:
                out.remove(t)
    verb_triggers = {t.tok.i for t in out if t.tok.pos_ not in ("NOUN", "PROPN")}
    for t in out:
        head = t.tok.head
        if t.tok.pos_ in ("NOUN", "PROPN") and head.i not in verb_triggers and (
                (head.lemma_.lower() in lex.light_verbs and t.tok.dep_ in ("obj", "nsubj:pass"))
                or (head.pos_ == "VERB" and t.tok.dep_ == "obj")):
            t.light = head  # "held talks", "staged a hunger strike", "launched a mediation effort"
        elif t.tok.pos_ in ("NOUN", "PROPN") and t.tok.dep_ == "compound" and head.lemma_.lower() in EFFORT_NOUNS \
                and head.dep_ == "obj" and head.head.pos_ == "VERB" and head.head.i not in verb_triggers:
            t.light = head.head  # "launched a mediation effort", "began a peace initiative"
        elif t.tok.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in TRAVEL_VERBS and t.tok.dep_ in ("obl", "advcl") \
                and any(c.dep_ == "case" and c.lower_ == "for" for c in t.tok.children) and head.i not in verb_triggers:
            t.light = head  # "arrived in Moscow for talks", "return to Geneva for talks"
    return out


RECORDS = frozenset({"video", "footage", "image", "photo", "photograph", "picture", "recording", "audio", "statement",
                     "report", "list", "document", "data", "figure", "detail", "name", "transcript", "letter", "map"})
EFFORT_NOUNS = frozenset({"effort", "bid", "initiative", "mission", "attempt", "push", "drive", "campaign"})
# Words a time adverbial is headed by ("on Monday", "on 12 May", "on Thursday morning"): its preposition is no
# particle of the verb ("call X on Monday" does not "call on" anyone).
TIME_WORDS = frozenset({*WEEKDAYS, *MONTHS, "day", "days", "week", "weeks", "weekend", "month", "months", "year",
                        "years", "morning", "afternoon", "evening", "night", "time", "occasion", "date",
                        "anniversary", "eve"})
TRAVEL_VERBS = frozenset({"arrive", "travel", "go", "come", "return", "head", "fly", "meet", "gather", "convene",
                          "assemble", "resume", "sit"})


def verb_entry(tok: Token, entries: list[Entry], people: frozenset[int] = frozenset()) -> Entry | None:
    """The entry of an event verb whose particle, preposition and object fit (`people`: the tokens of
    person mentions, so that "will release Mahendra Chaudhry" releases a person)."""
    prts = {c.lower_ for c in tok.children if c.dep_ in ("compound:prt", "prt") or
            (c.dep_ in ("obl", "advmod") and c.pos_ == "ADP") or c.lower_ in ("together", "jointly")}
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ in ("ADP", "ADV", "PART") and nxt.lower_ in ("over", "up", "off", "out", "down", "back"):
        prts.add(nxt.lower_)  # "handed over 700 kg of medicine": the particle, however the parser attached it
    preps = {g.lower_ for c in tok.children if c.dep_ in ("obl", "obj", "xcomp") and c.lower_ not in TIME_WORDS
             and not c.like_num for g in c.children if g.dep_ in ("case", "mark")}  # not "call X on Monday"
    if tok.pos_ == "ADJ":  # "is committed to opening up": the parser may take the infinitive for an adverbial
        preps |= {g.lower_ for c in tok.children if c.dep_ == "advcl" for g in c.children if g.dep_ == "mark"}
    preps |= {g.lower_ for c in tok.children if c.dep_ == "obj" for n in c.children if n.dep_ in ("nmod", "appos")
              for g in n.children if g.dep_ == "case" and g.lower_ in ("out", "off", "away")}  # "forced X out of"
    objs = {c.lemma_.lower() for c in tok.children if c.dep_ in ("obj", "nsubj:pass", "obl", "xcomp")}
    objs |= {g.lemma_.lower() for c in tok.children if c.dep_ in ("obj", "nsubj:pass")
             and c.lemma_.lower() not in RECORDS for g in c.subtree
             if g.i - c.i < 6}  # "suspended part of a military aid program"; not "released a video of prisoners"
    objs |= {o[:-1] for o in objs if o.endswith("s")} | {c.lower_ for c in tok.children if c.dep_ == "obj"}
    if any(c.dep_ in ("obj", "nsubj:pass") and (c.i in people or c.pos_ == "PROPN" and c.ent_type_ not in (
            "ORG", "LOC", "GPE", "FAC") and c.text[:1].isupper() and not any(g.dep_ == "det" for g in c.children))
           for c in tok.children):
        objs.add("person")  # "will release Mahendra Chaudhry": a named person counts as a person
    best = None
    for e in entries:
        if e.particle and e.particle not in prts | preps:
            continue
        if e.objects and not (objs & set(e.objects)):
            continue
        score = (2 if e.particle else 0) + (1 if e.objects else 0)
        if best is None or score > best[0]:
            best = (score, e)
    return best[1] if best else None


KEPT = frozenset({"keep", "kept", "honour", "honor", "fulfil", "fulfill", "break", "broke", "betray", "renege",
                  "abandon", "deliver"})  # "kept its promise", "broke the pledge": an old promise, not a new one


def _noun_entry(tok: Token, entries: list[Entry]) -> Entry | None:
    if tok.dep_ in ("obj", "obl") and {tok.head.lemma_.lower(), tok.head.lower_} & KEPT:
        entries = [e for e in entries if e.type != "AGREE"]
    phrase = {t.lower_ for t in tok.subtree} | {t.lemma_.lower() for t in tok.subtree}
    if tok.i > 0:
        phrase.add(tok.doc[tok.i - 1].lower_)
    phrase |= {tok.head.lemma_.lower(), tok.head.lower_}  # "lodged a protest", "called for a ceasefire"
    for e in entries:
        if e.requires and not (phrase & set(e.requires)):
            continue
        return e
    return None


# ------------------------------------------------------------------ arguments
def clause_subject(tok: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp, conj, advcl and relative clauses."""
    t = tok
    for _ in range(6):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "csubj") or
                     (c.dep_ == "expl" and t.lemma_.lower() in INTENT_HEADS)), None)
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and t.dep_ in ("acl:relcl", "acl"):
                return t.head
            return subj
        if t.dep_ in ("xcomp", "conj", "advcl", "acl") and t.head.i != t.i:
            if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
                return None
            if t.dep_ == "advcl" and t.tag_ in ("VBD", "VBZ", "VBP"):
                return None  # "a day after the RSF seized the base": a finite clause has a subject of its own
            t = t.head
            continue
        return _elided_subject(t)
    return None


def _elided_subject(verb: Token) -> Token | None:
    """A finite clause opened by a conjunction and missing its subject ("Benin opened its borders ..., but
    was still refusing admittance to Ghanaians") shares the subject of the clause before it, however the
    parser attached it."""
    if verb.pos_ not in ("VERB", "AUX", "ADJ") or not any(c.dep_ == "cc" and c.i < verb.i for c in verb.children):
        return None
    if not any(c.dep_ in ("aux", "aux:pass", "cop") for c in verb.children) and verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for prev in reversed(verb.doc[verb.sent.start: verb.i]):
        if prev.pos_ in ("VERB", "AUX", "ADJ") and prev.dep_ in ("ROOT", "ccomp", "conj", "parataxis"):
            subj = next((c for c in prev.children if c.dep_ == "nsubj" and c.i < prev.i), None)
            if subj is not None:
                return subj
    return None


def agent_of_passive(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("obl:agent", "obl") and any(g.lower_ == "by" and g.dep_ == "case" for g in c.children):
            return c
    return None


def prep_arg(tok: Token, prep: str) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("obl", "nmod", "obl:arg", "advcl") and any(g.dep_ == "case" and g.lower_ == prep
                                                                for g in c.children):
            out.append(c)
    if prep == "between":  # "talks between Israel and Hamas"
        out = out[:1]
    return out


CLAUSES = frozenset({"acl:relcl", "advcl", "ccomp", "xcomp"})


def actors_of(tok: Token, index: ActorIndex, deep: bool = True) -> list[str]:
    """Actor ids named by an argument: its head, its conjuncts, else the first actor inside it."""
    ids: list[str] = []
    for t in [tok, *tok.conjuncts]:
        got = index.at(t)
        if got and all((a := index.get(g)) is not None and a.kind == "group" and not a.code for g in got):
            named = [i for c in t.children if c.dep_ in ("compound", "amod", "nmod:poss") for i in index.at(c)]
            got = named or got  # "Red Cross officials": the organisation, not a nameless group
        if not got:
            got = [i for c in t.children if c.dep_ in ("compound", "amod", "nmod:poss", "flat", "appos", "nmod:desc")
                   for i in index.at(c)]
        if not got and deep:  # not inside a clause of its own ("a rally ... to protest the sending of troops to Iraq")
            # nor in what it is called ("label the conflict as Joe Biden's war": Biden is no party)
            inner = {x.i for c in t.subtree if c.i != t.i and (c.dep_ in CLAUSES or any(
                g.dep_ == "case" and g.lower_ == "as" for g in c.children)) for x in c.subtree}
            for s in t.subtree:
                if s.i in inner or s.i == t.i:
                    continue
                got = index.at(s)
                if got:  # "tension between the Sudanese army and the RSF": the first named, and those listed with it
                    phrase = s
                    while phrase.dep_ in ("amod", "compound", "flat") and phrase.head.i not in (t.i, phrase.i):
                        phrase = phrase.head
                    got = [*got, *(i for c in phrase.conjuncts for i in actors_of(c, index, deep=False) if i not in got)]
                    break
        for i in got:
            if i not in ids:
                ids.append(i)
    return ids


# ------------------------------------------------------------------ modality
def modality_of(tok: Token, anchor: Token) -> tuple[bool, str]:
    """(negated, modality) of the event at `tok`, whose clause verb is `anchor`."""
    negated = False
    modality = "asserted"
    for t in {tok, anchor}:
        for c in t.children:
            if c.lower_ in NEGATORS and c.dep_ in ("advmod", "neg", "det", "cc:preconj", "mark"):
                negated = True
            if c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lemma_.lower() in ("will", "shall")):
                modality = "intended"
            if c.dep_ == "aux" and reported_future(t):
                modality = "intended" if modality == "asserted" else modality  # "said they would meet": a past "will"
            elif c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "'d"):
                modality = "hypothetical" if modality == "asserted" else modality
            if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS:
                modality = "hypothetical"
    t = anchor
    for _ in range(4):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in t.children):
            return negated, "hypothetical"
        if t.dep_ in ("xcomp", "ccomp", "acl", "advcl") and t.head.i != t.i:
            head = t.head
            lemma = head.lemma_.lower()
            if lemma in DENY and t.dep_ == "ccomp":
                return negated, "reported_denied"
            if lemma in STOP_VERBS and t.dep_ in ("xcomp", "ccomp", "obj"):
                negated = True  # "agreed to stop attacking": the attacks are what ends
            if lemma in INTENT_HEADS and t.dep_ in ("xcomp", "acl", "advcl"):
                modality = "intended"
                if any(c.lower_ in NEGATORS for c in head.children):
                    negated = True
                break
            if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in t.children):
                return negated, "hypothetical"
            t = head
            continue
        break
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.lower_ in ("no",) for c in tok.children):
            negated = True
        if any(c.lemma_.lower() in ("future", "planned", "proposed", "possible", "potential", "upcoming", "new")
               and c.dep_ == "amod" for c in tok.children):
            modality = "intended" if modality == "asserted" else modality
    return negated, modality


def reported_future(clause: Token) -> bool:
    """'they said they would boycott ...': 'would' under a past reporting verb is the past of 'will'."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTED and clause.head.tag_ in ("VBD", "VBN") \
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d", "will", "'ll") for c in clause.children)


def intent_head(anchor: Token, lex: Lexicon) -> Token | None:
    """'agreed to swap', 'ready to work', 'interested in hosting': the governing intention word."""
    t = anchor
    if t.dep_ in ("xcomp", "acl", "advcl") and t.head.lemma_.lower() in INTENT_HEADS:
        return t.head
    if t.dep_ in ("xcomp", "acl", "advcl") and t.head.dep_ in ("xcomp", "acl") and \
            t.head.head.lemma_.lower() in INTENT_HEADS:
        return t.head.head
    return None
