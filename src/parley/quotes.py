"""The quotes stage: direct, partial and indirect quotations with their speakers.

    quotes = find_quotes(doc, index)     # index: the ActorIndex of parley.actors

Quotation marks are paired with a stack, by whether each mark opens (after a space or
bracket, before a word) or closes; straight and typographic double marks, guillemets and
German low marks are quotes, single marks only inside a double quote or in a headline, and
an apostrophe inside a word never is. A quote never runs past the end of its paragraph unless
the next paragraph opens with a mark (a quote over several paragraphs). Speakers come from
the parse: the subject of a reporting verb next to the quote, through the actors stage's
coreference; a paragraph that is only a quote continues the previous speaker.
"""
from __future__ import annotations

from .nlp import doc_text

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from .actors import ActorIndex
from .record import Quote, Span

OPEN_ONLY = {"“": "”", "«": "»", "„": "“", "‹": "›"}
CLOSE_ONLY = {"”", "»", "›"}
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
INDIRECT_VERBS = {
    "say", "tell", "add", "announce", "write", "warn", "insist", "state", "declare", "note", "explain", "claim",
    "argue", "stress", "emphasise", "emphasize", "confirm", "deny", "suggest", "predict", "reveal", "allege",
    "assert", "maintain", "reiterate", "acknowledge", "admit", "report", "indicate", "signal", "believe",
    "vow", "pledge", "promise", "threaten", "concede", "contend", "assure", "inform", "disclose", "caution",
    "recall", "respond", "reply", "post", "tweet", "conclude", "affirm", "underline", "underscore",
}
SPEECH_NOUNS = {"statement", "interview", "readout", "post", "speech", "address", "remarks", "briefing",
                "message", "tweet", "communique", "communiqué", "letter", "declaration"}
_WORD = re.compile(r"\w")
NAMING_VERBS = {"call", "describe", "dub", "label", "brand", "term", "attribute", "hail"}


@dataclass
class _Mark:
    pos: int
    char: str
    opens: bool
    closes: bool


def _marks(text: str, headline_end: int) -> list[_Mark]:
    out = []
    for i, c in enumerate(text):
        if c not in "\"“”«»„‹›'‘’":
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if c in "'’" and _WORD.match(prev) and _WORD.match(nxt):
            continue  # apostrophe: it's, Biden’s
        if c in "'’" and prev in "sS" and not nxt.isalnum() and i >= headline_end:
            # possessive plural (countries' ) or a closing single mark: let the stack decide
            pass
        left = prev.isspace() or prev in "([{—–-/:\u2014" or i == 0
        right = nxt.isspace() or nxt in ".,;:!?)]}—–-…" or i + 1 == len(text)
        opens = (c in OPEN_ONLY or c == "‘") or (c in "\"'" and left and not right)
        closes = (c in CLOSE_ONLY or c == "’") or (c in "\"'" and right and not left)
        if c in "\"'" and not opens and not closes:
            opens = closes = True  # ambiguous: "x"y; let the stack decide
        if c == "„":
            opens, closes = True, False
        if c == "“" and not left and right:  # German closing mark
            opens, closes = False, True
        out.append(_Mark(i, c, opens, closes))
    return out


def _family(c: str) -> str:
    return "single" if c in "'‘’‹›" else "double"


def quote_spans(text: str, headline_end: int = 0) -> list[tuple[int, int, int]]:
    """(start, end, depth) of quoted text (marks excluded). depth 0 = outermost.

    A double-quote span must close within its paragraph, unless the next paragraph opens with a
    mark (a quote running over paragraphs: the inner paragraph breaks stay inside)."""
    spans: list[tuple[int, int, int]] = []
    stack: list[_Mark] = []
    para_ends = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    marks = _marks(text, headline_end)
    k = 0
    for pe in para_ends:
        para_marks = []
        while k < len(marks) and marks[k].pos < pe:
            para_marks.append(marks[k])
            k += 1
        for m in para_marks:
            fam = _family(m.char)
            single_ok = stack and _family(stack[0].char) == "double" or m.pos < headline_end
            if fam == "single" and not single_ok:
                continue
            if m.closes and stack and _family(stack[-1].char) == fam and (not m.opens or stack[-1].pos < m.pos):
                o = stack.pop()
                if m.pos > o.pos + 1:
                    spans.append((o.pos + 1, m.pos, len(stack)))
                continue
            if m.opens:
                if stack and _family(stack[-1].char) == fam and fam == "double" and m.char == stack[-1].char \
                        and m.pos == _para_start(text, m.pos):
                    continue  # a new paragraph of a quote that runs on: the outer mark stays open
                stack.append(m)
        if stack:
            nxt = text[pe:].lstrip()
            if nxt[:1] in "\"“«„" and _family(stack[0].char) == "double":
                continue  # the quote goes on in the next paragraph
            o = stack[0]
            end = pe
            while end > o.pos + 1 and text[end - 1].isspace():
                end -= 1
            if end > o.pos + 1 and len(stack) == 1 and o.char in "“«„\"" and _family(o.char) == "double":
                spans.append((o.pos + 1, end, 0))  # unbalanced: close at the paragraph's end
            stack = []
    return sorted(spans)


def _para_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1 if i >= 0 else 0


# ------------------------------------------------------------------ speakers
def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubj:pass", "csubj"):
            return c
    if verb.dep_ in ("conj", "advcl", "xcomp", "parataxis") and verb.head is not verb:
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
    ids = index.at(tok)
    if ids:
        return ids[0]
    for t in tok.subtree:
        ids = index.at(t)
        if ids:
            return ids[0]
    return None


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
            ids = index.covering(t.i + 2, min(head.i + 6, sent.end))
            return t, (ids[0] if ids else None)
    return None


def find_quotes(doc: Doc, index: ActorIndex) -> list[Quote]:
    """Direct, partial and indirect quotes in reading order, with speakers and cues."""
    text = doc_text(doc)
    first_para = text.find("\n\n")
    headline_end = first_para if 0 < first_para < 250 and not text[:first_para].rstrip().endswith(".") else 0
    spans = quote_spans(text, headline_end)
    outer = [(s, e) for s, e, d in spans if d == 0]
    tok_in: dict[int, int] = {}  # token index -> outer quote number
    for n, (s, e) in enumerate(outer):
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            for t in sp:
                tok_in[t.i] = n
    inside = set(tok_in)
    quotes: list[Quote] = []
    para_speaker: dict[int, tuple[str | None, str | None]] = {}
    last_speaker: tuple[str | None, str | None] = (None, None)
    last_para = -1
    for n, (s, e) in enumerate(outer):
        q_span = doc.char_span(s, e, alignment_mode="expand")
        if q_span is None or not text[s:e].strip():
            continue
        para = text.rfind("\n\n", 0, s)
        sents = _sentences_around(doc, q_span)
        kind = _kind(doc, text, s, e, q_span, headline_end)
        cue, speaker = None, None
        if kind == "partial":  # the verb that governs the fragment: called the talks "constructive"
            v = _governing_speech_verb(q_span.root)
            if v is not None and v.i not in inside:
                cue, speaker = v, speaker_of(v, index, inside)
        for sent in sents if speaker is None else []:
            v = _speech_verb_near(sent, inside)
            if v is not None:
                cue, speaker = v, speaker_of(v, index, inside)
                if speaker:
                    break
            acc = _according_to(sent, index, inside)
            if acc:
                cue, speaker = acc
                break
        current = index.get(speaker) if speaker else None
        if s < headline_end and (current is None or current.kind != "person"):
            hl = doc.char_span(0, headline_end, alignment_mode="contract")
            people = [i for i in index.covering(hl.start, hl.end) if (a := index.get(i)) and a.kind == "person"] \
                if hl is not None else []
            speaker = people[0] if people else speaker
        if speaker is None and (kind == "partial" or cue is None):  # the sentence's first actor before it
            ids = index.covering(sents[0].start, q_span.start)
            people = [i for i in ids if (a := index.get(i)) is not None and a.kind == "person"]
            speaker = (people or ids or [None])[0]
            if speaker is None and kind == "partial" and last_speaker[0] and para - last_para < 400:
                speaker = last_speaker[0]  # a fragment right after someone's quote is still theirs
        if kind == "partial" and (_scare_quote(q_span) or re.search(r"so[- ]called\W*$", text[max(0, s - 12): s])):
            continue
        if speaker is None and cue is None:
            dash = re.match(r"\W{0,3}\s*[—–-]\s*", text[e + 1: e + 6])
            if dash:
                ids = index.covering(*_tok_range(doc, e + 1, min(len(text), e + 80)))
                speaker = ids[0] if ids else None
        if speaker is None and kind == "direct":
            if para in para_speaker:  # another sentence of the same attributed paragraph
                speaker, cue_text = para_speaker[para]
            elif para != last_para and _para_is_quote(text, s, e):
                speaker = last_speaker[0]  # a floating quote continues the previous speaker
        cue_text = cue.text if isinstance(cue, Token) else (para_speaker.get(para, (None, None))[1])
        sent_span = Span(sents[0].start_char, sents[-1].end_char)
        quotes.append(Quote(f"q{len(quotes) + 1}", kind, text[s:e].strip(), s + (len(text[s:e]) - len(text[s:e].lstrip())),
                            e - (len(text[s:e]) - len(text[s:e].rstrip())), speaker=speaker, cue=cue_text,
                            cue_span=Span(cue.idx, cue.idx + len(cue.text), cue.text) if isinstance(cue, Token) else None,
                            sentence=sent_span))
        if speaker:
            para_speaker[para] = (speaker, cue_text)
            last_speaker = (speaker, cue_text)
        last_para = para
    quotes += _indirect(doc, index, inside, len(quotes))
    quotes.sort(key=lambda q: q.start)
    for i, q in enumerate(quotes, 1):
        q.id = f"q{i}"
    return quotes


def _tok_range(doc: Doc, s: int, e: int) -> tuple[int, int]:
    sp = doc.char_span(s, e, alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None else (0, 0)


def _sentences_around(doc: Doc, q: SpacySpan) -> list[SpacySpan]:
    """The sentences a quote touches, plus the next one when the quote closes its sentence."""
    sents = list({t.sent.start: t.sent for t in (q[0], q[-1])}.values())
    last = sents[-1]
    after = doc[q.end: last.end]
    if not any(t.is_alpha for t in after) and last.end < len(doc):
        nxt = doc[last.end].sent
        if "\n" not in doc_text(doc)[q.end_char: nxt.start_char]:
            sents.append(nxt)
    before = doc[last.start if len(sents) == 1 else sents[0].start: q.start]
    if not any(t.is_alpha for t in before) and sents[0].start > 0:
        prev = doc[sents[0].start - 1].sent
        gap = doc_text(doc)[prev.end_char: sents[0].start_char] + prev.text_with_ws[len(prev.text):]
        if "\n" not in gap and (prev.text.rstrip().endswith(":") or not prev.text.rstrip().endswith((".", "!", "?"))):
            sents.insert(0, prev)  # "Trump wrote:" / a headline the parser split at the quote
    return sents


def _kind(doc: Doc, text: str, s: int, e: int, q: SpacySpan, headline_end: int) -> str:
    """Direct: a quoted clause standing as (part of) the sentence; partial: a fragment inside it."""
    before = text[max(0, s - 3): s - 1]
    sent = q[0].sent
    lead = text[sent.start_char: s - 1].strip()
    words = len(text[s:e].split())
    if s < headline_end:
        return "partial"
    if re.search(r"(^|[.!?…]\s*)$", text[_para_start(text, s): s - 1]):
        return "direct"  # the quote opens its paragraph or sentence
    if not lead or lead.endswith((":", "—", "–")) or (lead.endswith(",") and words >= 4):
        return "direct"
    if before.strip().endswith(":"):
        return "direct"
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in q)
    return "direct" if (words >= 8 and has_verb and re.search(r"[.!?,]\s*$", text[s:e])) else "partial"


def _scare_quote(q: SpacySpan) -> bool:
    """A lone quoted noun ('the "crisis"') is a writer's scare quote, not a speaker's words."""
    words = [t for t in q if not t.is_punct and not t.is_space]
    return len(words) == 1 and words[0].pos_ in ("NOUN", "PROPN")


def _para_is_quote(text: str, s: int, e: int) -> bool:
    ps = _para_start(text, s)
    pe = text.find("\n\n", e)
    pe = len(text) if pe < 0 else pe
    outside = text[ps: s - 1] + text[e + 1: pe]
    return len(re.findall(r"\w+", outside)) <= 2


REPORTING = {"say", "tell", "add", "announce", "write", "warn", "insist", "state", "declare", "claim", "post",
             "tweet", "stress", "argue", "note", "explain", "reply", "respond"}


def _governing_speech_verb(tok: Token) -> Token | None:
    """The verb a quoted fragment depends on: the nearest reporting verb above it ('warned that they
    will label it "Joe Biden's war"'), else the nearest naming or speech verb ('called the talks "frank"')."""
    t, chain = tok, []
    for _ in range(8):
        if t.lemma_.lower() in SPEECH_VERBS | NAMING_VERBS and t.pos_ in ("VERB", "AUX"):
            chain.append(t)
        if t.head is t:
            break
        t = t.head
    reporting = [v for v in chain if v.lemma_.lower() in REPORTING]
    return reporting[0] if reporting else (chain[0] if chain else None)


REPORTING_FORMS = {"said", "says", "told", "tells", "added", "stated", "warned", "insisted", "announced", "claimed",
                   "wrote", "declared", "stressed", "noted", "argued"}
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


def _postposed_report(v: Token, inside: set[int], index: ActorIndex) -> Quote | None:
    """'The strike hit four launchers, US officials said.': the clause before ', SPEAKER said'."""
    doc, sent = v.doc, v.sent
    after = [t for t in doc[v.i + 1: sent.end] if not t.is_space]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "xcomp") for t in after):
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


def _indirect(doc: Doc, index: ActorIndex, inside: set[int], n0: int) -> list[Quote]:
    """Reported speech: a reporting verb's clausal complement outside quotation marks."""
    out: list[Quote] = []
    for v in doc:
        if v.i in inside or v.lemma_.lower() not in INDIRECT_VERBS or (
                v.pos_ not in ("VERB", "AUX") and v.lower_ not in REPORTING_FORMS):
            continue
        comp = next((c for c in v.children if c.dep_ == "ccomp" and c.i > v.i), None) or next(
            (c for c in v.children if c.dep_ in ("acl", "advcl", "xcomp", "parataxis") and c.i > v.i
             and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
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
