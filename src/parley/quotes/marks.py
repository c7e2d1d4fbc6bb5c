"""Quotation marks: pairing opening and closing marks into quoted spans.

Marks are paired with a stack, by whether each mark opens (after a space or bracket, before a
word) or closes; straight and typographic double marks, guillemets and German low marks are
quotes, single marks only inside a double quote or in a headline, and an apostrophe inside a
word never is. A quote never runs past the end of its paragraph unless the next paragraph opens
with a mark (a quote over several paragraphs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_ONLY = {"“": "”", "«": "»", "„": "“", "‹": "›"}
CLOSE_ONLY = {"”", "»", "›"}
_WORD = re.compile(r"\w")


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


def _british(text: str) -> str:
    """Articles that quote in single typographic marks (‘...’) read as if they used double ones."""
    if text.count("‘") >= 2 and "“" not in text and '"' not in text:
        return "".join("“" if c == "‘" else ("”" if c == "’" else c) for c in text)
    return text


def quote_spans(text: str, headline_end: int = 0) -> list[tuple[int, int, int]]:
    """(start, end, depth) of quoted text (marks excluded). depth 0 = outermost.

    A double-quote span must close within its paragraph, unless the next paragraph opens with a
    mark (a quote running over paragraphs: the inner paragraph breaks stay inside)."""
    spans: list[tuple[int, int, int]] = []
    stack: list[_Mark] = []
    para_ends = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    marks = _marks(text, headline_end)
    if "‘" in text and "“" not in text and '"' not in text:
        british = _british(text)  # apostrophes (it’s) are still told apart: by the letters on both sides
        marks = [m for m in _marks(british, headline_end)
                 if not (text[m.pos] == "’" and m.pos > 0 and m.pos + 1 < len(text)
                         and text[m.pos - 1].isalnum() and text[m.pos + 1].isalnum())]
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
                        and m.pos == para_start(text, m.pos):
                    continue  # a new paragraph of a quote that runs on: the outer mark stays open
                stack.append(m)
        if stack:
            nxt = text[pe:].lstrip()
            if nxt and nxt[0] in "\"“«„‘" and _family(stack[0].char) == "double":
                continue  # the quote goes on in the next paragraph
            o = stack[0]
            end = pe
            while end > o.pos + 1 and text[end - 1].isspace():
                end -= 1
            if end > o.pos + 1 and len(stack) == 1 and o.char in "“«„\"" and _family(o.char) == "double":
                spans.append((o.pos + 1, end, 0))  # unbalanced: close at the paragraph's end
            stack = []
    return sorted(spans)


def para_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1 if i >= 0 else 0

