"""Speakers: the reporting verb next to a quote and the actor of its subject."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from ..actors import ActorIndex

SPEECH_VERBS = {
    "say", "tell", "add", "announce", "write", "warn", "insist", "state", "declare", "note", "explain", "claim",
    "argue", "stress", "emphasise", "emphasize", "tweet", "post", "reply", "respond", "ask", "urge", "describe",
    "acknowledge", "admit", "confirm", "deny", "vow", "pledge", "promise", "suggest", "predict", "conclude",
    "continue", "recall", "remark", "observe", "end", "quip", "joke", "complain", "lament", "boast", "counter",
    "retort", "caution", "assert", "maintain", "reiterate", "repeat", "comment", "concede", "report", "reveal",
    "allege", "threaten", "demand", "call", "appeal", "hail", "praise", "condemn", "accuse", "blame", "welcome",
    "signal", "indicate", "estimate", "caution", "plead", "charge", "contend",
    "proclaim", "mention", "affirm", "underline", "underscore", "highlight", "assure", "promise", "brief",
    "inform", "disclose", "shout", "chant", "exclaim", "yell", "cry", "scream",
}
SPEECH_NOUNS = {"statement", "readout", "communique", "communiqué", "post", "message", "letter", "declaration",
                "release", "note", "tweet", "report"}
# what a party issues, sends or delivers: its words are the issuer's ("issued a warning over 'atrocities'")
STATEMENT_NOUNS = (SPEECH_NOUNS - {"post", "release", "note", "report", "tweet"}) | {
    "warning", "appeal", "remark", "comment", "condemnation", "rebuke", "ultimatum"}
NAMING_VERBS = {"call", "describe", "dub", "label", "brand", "term", "attribute", "hail"}
REPORTING = {"say", "tell", "add", "announce", "write", "warn", "insist", "state", "declare", "claim", "post",
             "tweet", "stress", "argue", "note", "explain", "reply", "respond"}

REPORTING_FORMS = {"said", "says", "told", "tells", "added", "stated", "warned", "insisted", "announced", "claimed",
                   "wrote", "declared", "stressed", "noted", "argued"}


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubj:pass", "csubj"):
            return c
    if verb.tag_ == "VBG" and verb.dep_ != "ROOT" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # "thanked Egypt for efforts that contributed to pushing talks forward, pointing out that ...": a participle
        # after a comma tells what the nearest finite clause above it did, however deep the parser hung it
        clause = verb.head
        for _ in range(10):
            if clause.pos_ in ("VERB", "AUX") and clause.dep_ not in ("acl", "acl:relcl") and (
                    clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in clause.children)):
                if not (clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING):
                    return _subject(clause)  # "He said the deal will lead to ..., adding that": who said it adds
            if clause.head.i == clause.i:
                return None
            clause = clause.head
        return None
    if verb.dep_ in ("conj", "advcl", "xcomp", "parataxis") and verb.head.i != verb.i:
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "acl" or verb.dep_ == "acl:relcl":
        return verb.head
    return None


def speaker_of(verb: Token, index: ActorIndex, inside: set[int] | None = None) -> str | None:
    """The actor of a reporting verb's subject; without a parsed subject, the nearest actor before the
    verb in its sentence, else a name right after it ("said Foreign Minister Sergei Lavrov")."""
    found = _speaker_from_parse(verb, index)
    if found:
        return found
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i and \
            not any(c.dep_.startswith("nsubj") for c in verb.children):
        found = _speaker_from_parse(verb.head, index)  # "the minister thanked Egypt, pointing out that ..."
        if found:
            return found
    inside = inside or set()
    sent = verb.sent
    for i in range(verb.i - 1, sent.start - 1, -1):
        if i in inside or verb.doc[i].is_punct and verb.doc[i].text in "\"“”":
            break
        ids = index.at(i)
        if ids:
            return ids[0]
    for i in range(verb.i + 1, min(sent.end, verb.i + 7)):
        if i in inside:
            break
        ids = index.at(i)
        if ids:
            return ids[0]
    prev = verb.doc[sent.start - 1].sent if sent.start > 0 else None
    if verb.i == sent.start and prev is not None and "\n" not in verb.doc[sent.start - 1].text_with_ws \
            and not any(t.pos_ in ("VERB", "AUX") for t in prev):
        ids = index.covering(prev.start, prev.end)  # "Rubio | told reporters ...": a split sentence
        if ids:
            return ids[-1]
    return None


def _speaker_from_parse(verb: Token, index: ActorIndex) -> str | None:
    subj = _subject(verb)
    if subj is None:
        for c in verb.children:  # "said Foreign Minister Lavrov" parsed with the name as object
            if c.dep_ in ("obj", "obl:npmod") and c.i > verb.i and c.pos_ == "PROPN":
                subj = c
                break
    if subj is None:
        return None
    if subj.lower_ in ("who", "which", "that") and subj.head.dep_ in ("acl:relcl", "acl"):
        subj = subj.head.head
    return _actor_in(subj, index)


def _actor_in(tok: Token, index: ActorIndex) -> str | None:
    """The actor a subject names: its own, else the person in its phrase ('the spokesman for the
    military's command, Shi Yi'), else the first actor in it."""
    ids = index.at(tok)
    own = index.get(ids[0]) if ids else None
    if own is not None and own.kind != "group":
        return ids[0]
    found = [i for t in tok.subtree for i in index.at(t)]
    people = [i for i in found if (a := index.get(i)) is not None and a.kind == "person"]
    if ids and not people:
        return ids[0]  # 'the spokesman said': the role itself, unless its phrase names the person
    return (people or found or [None])[0]


def _speech_verb_near(sent: SpacySpan, inside: set[int]) -> Token | None:
    """The reporting verb of a sentence, outside its quoted parts."""
    cands = [t for t in sent if t.i not in inside and t.lemma_.lower() in SPEECH_VERBS and
             (t.pos_ in ("VERB", "AUX") or t.lower_ in REPORTING_FORMS)]
    if not cands:
        cands = [t for t in sent if t.i not in inside and t.lower_ in ("said", "says", "added", "told", "wrote")]
    if not cands:
        return None
    with_subj = [t for t in cands if _subject(t) is not None]
    return (with_subj or cands)[0]


def _according_to(sent: SpacySpan, index: ActorIndex, inside: set[int]) -> tuple[Token, str | None] | None:
    for t in sent:
        if t.i in inside or t.lower_ != "according" or t.i + 2 >= len(sent.doc):
            continue
        if sent.doc[t.i + 1].lower_ == "to":
            obj = sent.doc[t.i + 2]
            head = obj.head if obj.head.i > t.i + 1 else obj
            end = head.i + 1  # the phrase after "to", with "a statement from the Kremlin" but not the clause after it
            for c in head.children:
                if c.i > head.i and (c.dep_ in ("appos", "flat") or c.dep_ == "nmod" and any(
                        g.dep_ == "case" and g.lower_ in ("from", "by", "of") for g in c.children)):
                    end = max(end, c.right_edge.i + 1)
            ids = index.covering(t.i + 2, min(end, sent.end))
            return t, (ids[0] if ids else None)
    return None



def _governing_speech_verb(tok: Token) -> Token | None:
    """The verb a quoted fragment depends on: the nearest reporting verb above it ('warned that they
    will label it "Joe Biden's war"'), else the nearest naming or speech verb ('called the talks "frank"')."""
    t, chain = tok, []
    for _ in range(8):
        if t.lemma_.lower() in SPEECH_VERBS | NAMING_VERBS and t.pos_ in ("VERB", "AUX"):
            chain.append(t)
        if t.lemma_.lower() in STATEMENT_NOUNS and t.dep_ == "obj" and t.head.pos_ == "VERB" and not chain:
            return t.head  # 'the UN issued a stark warning over reports of "atrocities"': who issued it says it
        if t.head.i == t.i:
            break
        t = t.head
    reporting = [v for v in chain if v.lemma_.lower() in REPORTING]
    return reporting[0] if reporting else (chain[0] if chain else None)


