"""Indirect quotes: reported speech without quotation marks."""
from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..nlp import doc_text
from ..actors import ActorIndex
from ..record import Quote, Span
from .speakers import REPORTING_FORMS, _according_to, speaker_of

INDIRECT_VERBS = {
    "say", "tell", "add", "announce", "write", "warn", "insist", "state", "declare", "note", "explain", "claim",
    "argue", "stress", "emphasise", "emphasize", "confirm", "deny", "suggest", "predict", "reveal", "allege",
    "assert", "maintain", "reiterate", "acknowledge", "admit", "report", "indicate", "signal", "believe",
    "vow", "pledge", "promise", "threaten", "concede", "contend", "assure", "inform", "disclose", "caution",
    "recall", "respond", "reply", "post", "tweet", "conclude", "affirm", "underline", "underscore",
    "highlight", "point", "mention", "remark", "observe",  # "pointing out that ...", "highlighted that ..."
}
# a participle the writer hangs on the report, not part of what was said: "..., alluding to his claim that"
COMMENTARY = {"allude", "refer", "cite", "echo", "repeat", "reference", "invoke", "point", "note", "add", "say",
              "describe", "call", "stress", "claim", "insist", "reiterate"}
LISTENERS = {"reporters", "journalists", "lawmakers", "parliament", "delegates", "supporters", "crowd", "audience",
             "press", "media", "broadcaster", "newspaper", "agency", "television", "radio", "students", "senators",
             "told", "me", "us", "him", "her", "them"}




def _linear_report(v: Token, inside: set[int], index: ActorIndex) -> Quote | None:
    """When the parse gives a reporting verb no clause: 'told reporters [the talks had failed]',
    'said [that ...]' read off the words that follow, up to the end of the sentence."""
    doc, sent = v.doc, v.sent
    i = v.i + 1
    if v.lemma_.lower() == "tell":
        while i < sent.end - 1 and i - v.i < 4 and (doc[i].lower_ in LISTENERS or (
                doc[i].pos_ in ("DET", "ADJ") and doc[i + 1].lower_ in LISTENERS)):
            i += 1
        if i == v.i + 1:
            return None
    if i < sent.end and doc[i].lower_ == "that":
        i += 1
    elif v.lemma_.lower() != "tell":
        return None
    end = sent.end
    while end > i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    span = doc[i:end]
    if len(span) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in span) or any(t.i in inside for t in span):
        return None
    return Quote("", "indirect", span.text, span.start_char, span.end_char, speaker=speaker_of(v, index, inside),
                 cue=v.text, cue_span=Span(v.idx, v.idx + len(v.text), v.text),
                 sentence=Span(sent.start_char, sent.end_char))


def _postposed_report(v: Token, inside: set[int], index: ActorIndex, parsed: bool = False) -> Quote | None:
    """'The strike hit four launchers, US officials said.': the clause before ', SPEAKER said' (`parsed`: the
    parser made that clause the verb's complement, so a clause after the verb does not make it a different report)."""
    doc, sent = v.doc, v.sent
    after = [t for t in doc[v.i + 1: sent.end] if not t.is_space]
    if not parsed and any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "xcomp") for t in after):
        return None
    j = v.i - 1  # back over the speaker to the comma
    while j > sent.start and doc[j].text not in (",", "—", "–") and v.i - j <= 8:
        j -= 1
    if j <= sent.start or doc[j].text not in (",", "—", "–") or any(t.i in inside for t in doc[sent.start:j]):
        return None
    speaker_toks = doc[j + 1: v.i]
    if not speaker_toks or not any(index.at(t) or t.pos_ in ("NOUN", "PROPN", "PRON") for t in speaker_toks):
        return None
    start = sent.start
    while start < j and (doc[start].is_space or doc[start].is_punct):
        start += 1
    span = doc[start:j]
    if len(span) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    speaker = speaker_of(v, index, inside)
    return Quote("", "indirect", span.text, span.start_char, span.end_char, speaker=speaker, cue=v.text,
                 cue_span=Span(v.idx, v.idx + len(v.text), v.text), sentence=Span(sent.start_char, sent.end_char))


GLOSS_MARKS = {"as", "after", "before", "while", "when", "because", "since", "although", "though"}  # ", as reported by"
REQUEST_VERBS = {"request", "urge", "ask", "implore", "exhort"}  # "He requested Ukraine to return the bodies"


def _reported_request(v: Token, inside: set[int]) -> SpacySpan | None:
    """The party asked and what it was asked to do: 'urged Israel to open the crossings'."""
    obj = next((c for c in v.children if c.dep_ in ("obj", "iobj") and c.i > v.i), None)
    act = next((c for c in v.children if c.dep_ == "xcomp" and obj is not None and c.i > obj.i
                and any(m.dep_ == "mark" and m.lower_ == "to" for m in c.children)), None)
    if act is None:
        return None
    span = v.doc[obj.left_edge.i: act.right_edge.i + 1]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span if len(span) >= 4 and not any(t.i in inside for t in span) else None


CLOSING_QUOTES = {'"', "”", "’", "'", "''"}


def _added_clause(toks: list[Token], comp: Token) -> int | None:
    """Where the writer's words take over inside a reported clause: another speaker's report (', while the
    ministry said that ...') or a gloss after the quoted words ('... "at whatever cost," after thousands ...')."""
    doc = comp.doc
    for t in toks:
        if t.i == comp.i or t.dep_ not in ("advcl", "conj", "parataxis") or t.pos_ not in ("VERB", "AUX"):
            continue
        first = next(x for x in t.subtree if not x.is_punct)  # the parser may hang the comma before on the clause
        k = first.i
        while k > toks[0].i and doc[k - 1].is_punct:
            k -= 1
        marks = [x.text for x in doc[k:first.i]]
        if k <= toks[0].i or "," not in marks:
            continue
        if t.lemma_.lower() in INDIRECT_VERBS and any(c.dep_.startswith("nsubj") for c in t.children):
            return k
        if first.lower_ in GLOSS_MARKS and any(m in CLOSING_QUOTES for m in marks):
            return k
    return None


def indirect_quotes(doc: Doc, index: ActorIndex, inside: set[int], n0: int) -> list[Quote]:
    """Reported speech: a reporting verb's clausal complement outside quotation marks, and a reported request
    ('urged Israel to open the crossings')."""
    out: list[Quote] = []
    for v in doc:
        if v.i not in inside and v.pos_ == "VERB" and v.lemma_.lower() in REQUEST_VERBS and \
                (span := _reported_request(v, inside)) is not None:
            out.append(Quote(f"q{n0 + len(out) + 1}", "indirect", span.text, span.start_char, span.end_char,
                             speaker=speaker_of(v, index, inside), cue=v.text,
                             cue_span=Span(v.idx, v.idx + len(v.text), v.text),
                             sentence=Span(v.sent.start_char, v.sent.end_char)))
            continue
        if v.i in inside or v.lemma_.lower() not in INDIRECT_VERBS or (
                v.pos_ not in ("VERB", "AUX") and v.lower_ not in REPORTING_FORMS):
            continue
        comp = next((c for c in v.children if c.dep_ == "ccomp" and c.i > v.i and not any(
            m.i < c.i and m.lower_ in GLOSS_MARKS for m in c.children)), None) or next(
            (c for c in v.children if c.dep_ in ("acl", "advcl", "xcomp", "parataxis") and c.i > v.i
             and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if any(c.dep_ == "ccomp" and c.i < v.i for c in v.children) and \
                (q := _postposed_report(v, inside, index, parsed=True)) is not None:
            out.append(q)  # "Negotiators reached a deal, the US and Qatar said, after 15 months of ...": what was
            continue  # said comes first, whatever else the parser hung on the verb after it
        if comp is None and v.lemma_.lower() == "tell":
            comp = next((r for c in v.children if c.dep_ in ("obj", "iobj") for r in c.children
                         if r.dep_ == "acl:relcl" and not any(x.tag_ in ("WDT", "WP") for x in r.children)), None)
        if comp is None:
            q = _linear_report(v, inside, index) or _postposed_report(v, inside, index)
            if q is not None:
                out.append(q)
            continue
        if comp is None or comp.lemma_.lower() in INDIRECT_VERBS and comp.tag_ == "VBG":
            continue
        if any(c.dep_ == "case" for c in comp.children if c.i < comp.i):
            continue  # "said after the call adding ...": a parse slip, not a reported clause
        toks = [t for t in comp.subtree if t.i > v.i]
        if v.lemma_.lower() == "tell" and toks:  # "told reporters the talks had failed": the listener is not said
            k = v.i + 1
            while k < toks[-1].i and (doc[k].lower_ in LISTENERS or (doc[k].pos_ in ("DET", "ADJ")
                                                                      and doc[k + 1].lower_ in LISTENERS)):
                k += 1
            toks = list(doc[k: toks[-1].i + 1])
        toks = [t for t in toks if not (t.dep_ == "mark" and t.i == toks[0].i)]
        cut = next((t.i for t in toks if t.tag_ == "VBG" and t.i > 0 and doc[t.i - 1].text == ","
                    and {t.lemma_.lower(), t.lower_[:-3], t.lower_[:-3] + "e"} & COMMENTARY), None)
        toks = [t for t in toks if cut is None or t.i < cut - 1]
        if toks and (end := _added_clause(toks, comp)) is not None:
            toks = [t for t in toks if t.i < end]
        if not toks:
            continue
        span = doc[toks[0].i: toks[-1].i + 1]
        quoted = sum(t.i in inside for t in span)
        if quoted > len(span) / 2 or len(span) < 3:
            continue  # the complement is a direct quote
        while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        speaker = speaker_of(v, index, inside)
        out.append(Quote(f"q{n0 + len(out) + 1}", "indirect", span.text, span.start_char, span.end_char,
                         speaker=speaker, cue=v.text, cue_span=Span(v.idx, v.idx + len(v.text), v.text),
                         sentence=Span(v.sent.start_char, v.sent.end_char)))
    for t in doc:  # "according to X, ..."
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and t.i not in inside:
            sent = t.sent
            main = sent.root
            if main.i in inside:
                continue
            acc = _according_to(sent, index, inside)
            phrase = {x.i for x in t.head.subtree} if t.head.i != main.i else {x.i for x in t.subtree}
            toks = [x for x in sent if x.i not in phrase and not x.is_space]
            while toks and toks[0].is_punct:
                toks.pop(0)
            while toks and toks[-1].is_punct:
                toks.pop()
            if len(toks) >= 3:
                s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                out.append(Quote("", "indirect", doc_text(doc)[s:e], s, e, speaker=acc[1] if acc else None,
                                 cue="according to", cue_span=Span(t.idx, t.idx + 12, doc_text(doc)[t.idx:t.idx + 12]),
                                 sentence=Span(sent.start_char, sent.end_char)))
    return out

