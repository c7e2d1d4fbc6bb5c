"""Text cleaning: a pure function from raw article text to the text parley analyses.

It drops page furniture (photo captions such as a name followed by a lone "X", photo
credits, "READ MORE", "Read next", share/subscribe/cookie prompts, navigation trails and
bylines), normalises whitespace and keeps a repeated paragraph once. Paragraphs are
separated by one blank line in the result.
"""
from __future__ import annotations

import re
import unicodedata

_FURNITURE = [
    r"read (more|next|also|this)\b.*",
    r"(also|related|recommended|more|most) (read|reading|stories|coverage|popular)\b.*",
    r"(click|tap) here\b.*",
    r"(share|email|tweet|print|save)( this)?( article| story| page)?( on \w+)?[:.!]?",
    r"share (on|via) .*",
    r"(subscribe|sign up|signup|register)\b.{0,80}(newsletter|updates|inbox|free|today|now|here)\b.*",
    r"(subscribe|sign up|newsletter)[.!:]?",
    r"follow us on\b.*",
    r"(we|this (site|website)) use[s]? cookies\b.*",
    r".{0,40}\b(accept|manage) (all )?cookies\b.*",
    r"advertisement|sponsored( content)?|ad",
    r"(photo|image|picture|video|graphic|illustration|credit|source)s?\s*(:|by|credit|—|-)\s*.{0,120}",
    r"\(?(getty images|ap photo|afp|reuters|epa|shutterstock|afp via getty images)\)?[.]?",
    r".{0,100}\((photo|image)[^)]{0,60}\)\s*",
    r"(updated|published|posted|last updated|first published)\s*(on|at|:)?\s*[\w ,:.]{0,40}\d{1,4}[\w ,:.]{0,30}",
    r"by [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3}(( and|,) [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3})*(,? (staff|correspondent|reporter|writer|editor)\b.*)?",
    r"(home|news|world)\s*(>|›|»|\|)\s*.*",
    r"(copyright|©|\(c\)).{0,120}|all rights reserved.*",
    r"(listen to|watch|play) (this|the) (article|story|video).*",
    r"\d+ min(ute)?s? read",
    r"(comments?|show comments|leave a comment|\d+ comments)",
    r"(previous|next) (article|story|post).*",
    r"(trending|breaking)( now| news)?:?",
    r"recommended( stories| reading| for you)?:?",
    r"[-•*]?\s*list \d+ of \d+.*",
]
_FURNITURE_RE = re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in _FURNITURE) + r")\s*$", re.IGNORECASE)
_CAPTION_X = re.compile(r"^(?P<body>[^\s].{0,120}?)\s+[X×✕✖]\s*$")
_NAMEISH = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|&|de|von|der|van|al|bin|el|da|di|la|le))*$")
_QUOTE_CHARS = "\"“”«»„"
_CREDIT = re.compile(r"^(photo|image|picture|credit|source)s?\s*(:|by)\s*\S.{0,120}$", re.IGNORECASE)


def _is_caption(line: str) -> bool:
    """'Donald Trump X', 'Donald Trump and Vladimir Putin X': a name-like line ending in a lone X."""
    m = _CAPTION_X.match(line)
    if not m:
        return False
    body = m.group("body").strip()
    return bool(_NAMEISH.match(body)) and len(body.split()) <= 12


_CREDIT_TAIL = re.compile(r"(\((?:[A-Z][\w.'’-]+ ){1,3}?[A-Z][\w.'’-]+\s*/\s*[A-Z][\w ]{1,30}\)|"
                          r"\bCredits?:\s*\S+(?:\s*/\s*\S+.*)?)\s*$")


def _is_furniture(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if _CREDIT_TAIL.search(s) and len(s.split()) <= 60:
        return True  # a caption ending in its photo credit: "(Khaled Abdullah/Reuters)", "Credit: AP/..."
    if any(c in s for c in _QUOTE_CHARS) and not _is_caption(s):
        return False  # a line with quotation marks is text, not a prompt
    if _is_caption(s):
        return True
    if len(s) > 200:
        return False
    return bool(_FURNITURE_RE.match(s))


def _label_line_before_caption(line: str, caption: str) -> bool:
    """'Trump' above 'Donald Trump X': a picture label whose words all recur in the caption."""
    words = line.split()
    if not words or len(words) > 8 or not _NAMEISH.match(line.strip()):
        return False
    cap_words = set(_CAPTION_X.match(caption.strip()).group("body").split())  # type: ignore[union-attr]
    return all(w in cap_words for w in words)


def _norm_para(p: str) -> str:
    p = unicodedata.normalize("NFKC", p).lower()
    p = re.sub(r"[“”„«»]", '"', p)
    p = re.sub(r"[‘’]", "'", p)
    return re.sub(r"\s+", " ", p).strip()


def normalise_whitespace(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    text = "".join(c for c in text if c in "\n" or unicodedata.category(c)[0] != "C")
    text = re.sub(r"[ ]{2,}", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def clean_text(raw: str) -> str:
    """Return the article text without page furniture and with repeated paragraphs once."""
    lines = normalise_whitespace(raw).split("\n")
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        if _is_furniture(line):
            keep[i] = False
            if _is_caption(line.strip()):
                # drop the picture label above the caption ("Trump" above "Donald Trump X")
                j = i - 1
                while j >= 0 and not lines[j].strip():
                    j -= 1
                if j >= 0 and keep[j] and _label_line_before_caption(lines[j], line):
                    keep[j] = False
            elif _CREDIT.match(line.strip()) and i > 0 and lines[i - 1].strip() and keep[i - 1]:
                # a caption sentence printed right above its photo credit, in the same block
                if len(lines[i - 1].split()) <= 40 and not any(c in lines[i - 1] for c in _QUOTE_CHARS):
                    keep[i - 1] = False
    kept = [line if k else "" for line, k in zip(lines, keep)]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(kept))]
    out: list[str] = []
    seen: set[str] = set()
    for p in paragraphs:
        if not p:
            continue
        key = _norm_para(p)
        if len(key.split()) >= 6:
            if key in seen:
                continue
            seen.add(key)
        out.append(re.sub(r"[ ]*\n[ ]*", "\n", p))
    return "\n\n".join(out)
