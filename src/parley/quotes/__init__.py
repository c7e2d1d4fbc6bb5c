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

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..actors import ActorIndex
from ..nlp import doc_text
from ..record import Quote, Span
from .indirect import indirect_quotes
from .marks import para_start, quote_spans
from .speakers import SPEECH_NOUNS, _according_to, _governing_speech_verb, _speech_verb_near, _subject, speaker_of

__all__ = ["find_quotes", "quote_spans", "speaker_of"]


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
        if cue is None and sents[-1].end < len(doc):  # a sentence the parser split: "..., Shi | Yi, said."
            nxt = doc[sents[-1].end].sent
            if "\n" not in text[e: nxt.start_char] and (v := _speech_verb_near(nxt, inside)):
                cue, speaker = v, speaker_of(v, index, inside)
        current = index.get(speaker) if speaker else None
        if s < headline_end and (current is None or current.kind != "person"):
            hl = doc.char_span(0, headline_end, alignment_mode="contract")
            people = [i for i in index.covering(hl.start, hl.end) if (a := index.get(i)) and a.kind == "person"] \
                if hl is not None else []
            speaker = people[0] if people else speaker
        if isinstance(cue, Token) and last_speaker[0] and (subj := _subject(cue)) is not None \
                and subj.lemma_.lower() in SPEECH_NOUNS and not index.at(subj):
            speaker = last_speaker[0]  # "..., the statement added": the words of whoever issued it
        if speaker is None and (kind == "partial" or cue is None):  # the sentence's first actor before it
            ids = index.covering(sents[0].start, q_span.start)
            people = [i for i in ids if (a := index.get(i)) is not None and a.kind == "person"]
            speaker = (people or ids or [None])[0]
            if speaker is None and kind == "partial" and last_speaker[0] and para - last_para < 400:
                speaker = last_speaker[0]  # a fragment right after someone's quote is still theirs
        if kind == "partial" and ((_scare_quote(q_span) and not FRAMED.search(text[max(0, s - 30): s])) or
                                  re.search(r"so[- ]called\W*$", text[max(0, s - 12): s])):
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
            elif cue is None and last_speaker[0] and 0 <= para - last_para < 400 and not [
                    i for t in range(sents[0].start, sents[-1].end) if t not in inside for i in index.at(t)]:
                speaker = last_speaker[0]  # 'The measures include "..."' after "..., Trump continued.": still his
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
    quotes += indirect_quotes(doc, index, inside, len(quotes))
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
    if re.search(r"(^|[.!?…]\s*)$", text[para_start(text, s): s - 1]):
        return "direct"  # the quote opens its paragraph or sentence
    if not lead or lead.endswith((":", "—", "–")) or (lead.endswith(",") and words >= 4):
        return "direct"
    if before.strip().endswith(":"):
        return "direct"
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in q)
    return "direct" if (words >= 8 and has_verb and re.search(r"[.!?,]\s*$", text[s:e])) else "partial"


# A lone quoted noun after words that report someone's wording is their word, not the writer's scare quote:
# 'referred to as a "dogfight"', 'reports of "atrocities"', 'called the vote a "farce"'.
FRAMED = re.compile(r"\b(?:referred to as|described as|describing \w+ as|called(?: \w+){0,3}|calling(?: \w+){0,3}|"
                    r"termed|branded(?: \w+){0,3}|labell?ed(?: \w+){0,3}|reports of|accounts of|allegations of|"
                    r"warned of|warning of|spoke of|speaking of)\s+(?:an? |the )?\W?$")


def _scare_quote(q: SpacySpan) -> bool:
    """A lone quoted noun ('the "crisis"') is a writer's scare quote, not a speaker's words."""
    words = [t for t in q if not t.is_punct and not t.is_space]
    return len(words) == 1 and words[0].pos_ in ("NOUN", "PROPN")


def _para_is_quote(text: str, s: int, e: int) -> bool:
    ps = para_start(text, s)
    pe = text.find("\n\n", e)
    pe = len(text) if pe < 0 else pe
    outside = text[ps: s - 1] + text[e + 1: pe]
    return len(re.findall(r"\w+", outside)) <= 2


