"""The checks stage: claims in the text that contradict the knowledge base.

* age: "Putin, 78," / "78-year-old Putin" / "Putin (78)" against the birth date on the article's date;
* office: a title the person did not hold on the article's date ("Chancellor Olaf Scholz" in June 2025);
* duration: "the 39-month war" against the start of the conflict it names, rounding allowed.
"""
from __future__ import annotations

import datetime as dt
import re

from .actors.kb import KnowledgeBase, Person
from .record import Actor, Check, Span, parse_day

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_AGE_AFTER = re.compile(r"^\s*(?:,|\()\s*(?:aged\s+)?(\d{2,3})\s*(?:,|\)|\.|\s+(?:said|says|told|added|who))")
_AGE_BEFORE = re.compile(r"(\d{2,3})-year-old\s+(?:[A-Za-z.'’-]+\s+){0,4}$")
_DURATION = re.compile(
    r"\b(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")[- ](day|week|month|year)(?:s)?(?:-long|-old)?\s+"
    r"(?:(?:long|old|ongoing|brutal|bloody|full-scale|devastating|grinding)\s+)?"
    r"(war|conflict|invasion|siege|occupation|civil war|offensive|campaign|insurgency|fighting|blockade)\b",
    re.IGNORECASE)
_FORMER = re.compile(r"\b(former|ex|then|late|outgoing|incoming|president-elect|next)\W*$", re.IGNORECASE)
WAR_WORDS = ("war", "conflict", "invasion", "insurgency", "offensive", "fighting", "crisis", "siege", "occupation")
UNIT_DAYS = {"day": 1, "week": 7, "month": 30.4375, "year": 365.25}




def run_checks(text: str, published: str | None, actors: list[Actor], kb: KnowledgeBase,
               state_codes: list[str] | None = None) -> list[Check]:
    day = parse_day(published)
    if day is None:
        return []
    checks: list[Check] = []
    for a in actors:
        p = kb.people.get(a.kb_id or "") if a.kind == "person" else None
        if p is None:
            continue
        for m in a.mentions:
            if m.how in ("pronoun", "description", "title"):
                continue
            c = _age(text, m.start, m.end, a, p, day)
            if c:
                checks.append(c)
            c = _office(text, m.start, m.title, a, p, day, kb)
            if c:
                checks.append(c)
    checks += _durations(text, day, kb, state_codes or [])
    seen: set[tuple] = set()
    out = []
    for c in sorted(checks, key=lambda c: c.span.start):
        key = (c.kind, c.actor, c.claimed)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _age(text: str, start: int, end: int, a: Actor, p: Person, day: dt.date) -> Check | None:
    m = _AGE_AFTER.match(text[end:end + 40])
    span = None
    if m:
        claimed = int(m.group(1))
        span = Span(end + m.start(1), end + m.end(1), m.group(1))
    else:
        b = _AGE_BEFORE.search(text[max(0, start - 60):start])
        if not b:
            return None
        claimed = int(b.group(1))
        s = max(0, start - 60) + b.start(1)
        span = Span(s, s + len(b.group(1)), b.group(1))
    expected = p.age_on(day)
    if expected is None or claimed in {expected, p.age_on(day + dt.timedelta(days=7)),
                                       p.age_on(day - dt.timedelta(days=7))}:
        return None
    return Check("age", a.id, claimed, expected, span,
                 f"{p.name} was {expected} on {day.isoformat()}, not {claimed} (born {p.born})")


def _office(text: str, start: int, title: str | None, a: Actor, p: Person, day: dt.date,
            kb: KnowledgeBase) -> Check | None:
    if not title or _FORMER.search(text[max(0, start - 40):start]):
        return None
    canon = kb.canonical_title(title)
    offices = [o for o in p.offices if kb.canonical_title(o.title) == canon]
    grace = dt.timedelta(days=14)  # the day of a handover, a coup two days old: news lags
    if not offices or any(o.held_on(day) or (o.end and o.end <= day <= o.end + grace) or
                          (o.start and o.start - grace <= day < o.start) for o in offices):
        return None  # a title the knowledge base does not record for them, or one they held
    o = offices[0]
    held = f"{o.start.isoformat() if o.start else '?'} to {o.end.isoformat() if o.end else 'now'}"
    return Check("office", a.id, title, (p.office_on(day).role if p.office_on(day) else None),
                 Span(start, start + len(title)),
                 f"{p.name} was not {title} on {day.isoformat()} ({o.role}: {held})")


def _durations(text: str, day: dt.date, kb: KnowledgeBase, states: list[str]) -> list[Check]:
    out = []
    for m in _DURATION.finditer(text):
        raw = m.group(1).lower().replace(",", "")
        claimed = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if not claimed:
            continue
        unit = m.group(2).lower()
        window = text[max(0, m.start() - 300): m.end() + 100]
        cands = []
        for c in kb.conflicts:
            start = dt.date.fromisoformat(c["start"][:10]) if c.get("start") else None
            end = dt.date.fromisoformat(c["end"][:10]) if c.get("end") else None
            if start is None or start > day or (end is not None and end < day):
                continue
            if not any(w in " ".join([c["name"], *c.get("aliases", [])]).lower() for w in WAR_WORDS):
                continue  # talks, ceasefires and one-day events are not what a duration measures
            parties = set(c.get("parties") or [])
            hits = len(parties & set(states))
            named = any(al.lower() in window.lower() for al in [c["name"], *c.get("aliases", [])])
            if hits >= min(2, len(parties)) or named:
                cands.append((hits + 2 * named, start, c))
        if not cands:
            continue
        values = {round((day - s).days / UNIT_DAYS[unit]) for _, s, _ in cands}
        floor = {int((day - s).days // UNIT_DAYS[unit]) for _, s, _ in cands}
        if claimed in values | floor | {v + 1 for v in floor}:
            continue
        # the reading the writer most likely meant: the named conflict, else the closest count
        best = max(cands, key=lambda x: (x[0], -abs((day - x[1]).days / UNIT_DAYS[unit] - claimed)))
        expected = round((day - best[1]).days / UNIT_DAYS[unit])
        out.append(Check("duration", None, claimed, expected, Span(m.start(), m.end(), m.group(0)),
                         f"the {best[2]['name']} (from {best[1].isoformat()}) had lasted about {expected} "
                         f"{unit}s on {day.isoformat()}, not {claimed}"))
    return out
