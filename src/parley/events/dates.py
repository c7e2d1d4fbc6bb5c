"""Date expressions in news text, resolved against the article's publication date.

Rule-based (regular expressions, no dateparser, no network). News conventions:

* a bare weekday ("on Friday", "Friday", "Monday's talks") is the most recent such day on
  or before the publication date; "last Friday" is strictly before it; "next Friday" is
  strictly after it; "this Friday" / "on Friday next week" fall in the given Monday-Sunday week;
* a month without a year ("in March") is the most recent such month on or before the
  publication month, unless "next March"; a day and month without a year ("May 16") takes
  the year that puts the date nearest to the publication date;
* every result with precision "week", "month" or "year" is a range (`date` .. `date_end`),
  weeks running Monday to Sunday; precision "day" has `date_end` None.

Without a publication date only expressions that carry their own year resolve. The month
names "may" and "march" written in lower case count only when followed by a year, and any
month name needs a day number, a year or a qualifier ("in", "last", "early", "mid-" ...),
so "Russia may agree" and "the march on Tuesday" give no month.
"""
from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["DateRef", "find_dates", "resolve"]


@dataclass
class DateRef:
    """One resolved date expression; `start`/`end` are character offsets into the text searched."""

    start: int
    end: int
    text: str
    date: str  # ISO YYYY-MM-DD (for ranges, the first day)
    date_end: str | None  # ISO last day for ranges, else None
    precision: str  # "day", "week", "month", "year"


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
WEEKDAYS = frozenset(_WEEKDAYS)  # lower case, for the stages that only need to recognise the words
MONTHS = frozenset(_MONTHS)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Abbreviations count only capitalised ("Fri.", "Sept"), and weekday ones only with their dot.
_WD = (r"(?P<wd>(?:" + "|".join(_WEEKDAYS)
       + r")|(?-i:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)(?!\w)")
_MON = (r"(?P<mon>(?:" + "|".join(_MONTHS)
        + r")|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w)")
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d\w])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_ON = r"(?:(?:earlier|later|early|late)\s+on\s+|on\s+)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


def _iso(d: datetime.date) -> str:
    return d.isoformat()


def _day(d: datetime.date) -> tuple[str, str | None, str]:
    return _iso(d), None, "day"


def _week(d: datetime.date) -> tuple[str, str | None, str]:
    monday = d - datetime.timedelta(days=d.weekday())
    return _iso(monday), _iso(monday + datetime.timedelta(days=6)), "week"


def _month(year: int, month: int) -> tuple[str, str | None, str]:
    last = calendar.monthrange(year, month)[1]
    return _iso(datetime.date(year, month, 1)), _iso(datetime.date(year, month, last)), "month"


def _year(year: int) -> tuple[str, str | None, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"


def _shift_months(d: datetime.date, n: int) -> tuple[int, int]:
    """(year, month) n months after d's month (n may be negative)."""
    index = d.year * 12 + d.month - 1 + n
    return index // 12, index % 12 + 1


def _weekday_index(word: str) -> int:
    return [w[:3] for w in _WEEKDAYS].index(word.lower()[:3])


def _month_index(word: str | None) -> int | None:
    """1-12 for a month word; None for "may"/"march" in lower case (the verb / the noun)."""
    if word is None:
        return None
    if word in ("may", "march"):
        return None
    return [m[:3] for m in _MONTHS].index(word.lower()[:3]) + 1


def _nearest(month: int, day: int, pub: datetime.date) -> datetime.date | None:
    """The valid date with this month and day nearest to `pub` (ties go to the past)."""
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - pub).days), d > pub))


Result = tuple[str, str | None, str] | None


def _explicit(m: re.Match, pub: datetime.date | None) -> Result:
    """"May 16", "16 May 2025", "on Friday, May 16", "the 16th of May"."""
    year = m.group("year")
    month = _month_index(m.group("mon")) if not year else _month_index(m.group("mon").title())
    if month is None:
        return None
    day = int(m.group("day"))
    if year:
        try:
            return _day(datetime.date(int(year), month, day))
        except ValueError:
            return None
    if pub is None:
        return None
    found = _nearest(month, day, pub)
    return _day(found) if found else None


def _iso_date(m: re.Match, pub: datetime.date | None) -> Result:
    try:
        return _day(datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        return None


def _month_expr(m: re.Match, pub: datetime.date | None) -> Result:
    """"in March", "last March", "next March", "mid-March", "March 2025"."""
    year, rel, part = m.group("year"), m.group("rel"), m.group("part")
    if not (year or rel or part):
        return None  # a bare month name: "May" the modal verb, "march" the noun
    month = _month_index(m.group("mon") if not year else m.group("mon").title())
    if month is None:
        return None
    if year:
        return _month(int(year), month)
    if pub is None:
        return None
    rel = (rel or "").lower()
    if rel == "this":
        return _month(pub.year, month)
    if rel == "next":
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    if rel == "last":
        return _month(pub.year if month < pub.month else pub.year - 1, month)
    return _month(pub.year if month <= pub.month else pub.year - 1, month)


def _year_expr(m: re.Match, pub: datetime.date | None) -> Result:
    return _year(int(m.group("year")))


def _weekday(m: re.Match, pub: datetime.date | None) -> Result:
    """"on Friday", "last Monday", "next Monday", "on Monday next week", "Sunday night"."""
    if pub is None:
        return None
    target = _weekday_index(m.group("wd"))
    rel, week = (m.group("rel") or "").lower(), (m.group("week") or "").lower()
    monday = pub - datetime.timedelta(days=pub.weekday())
    if week or rel == "this":
        offset = {"next": 7, "last": -7}.get(week, 0)
        return _day(monday + datetime.timedelta(days=offset + target))
    if rel == "last":
        return _day(pub - datetime.timedelta(days=(pub.weekday() - target) % 7 or 7))
    if rel == "next":
        return _day(pub + datetime.timedelta(days=(target - pub.weekday()) % 7 or 7))
    return _day(pub - datetime.timedelta(days=(pub.weekday() - target) % 7))


_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def _day_word(m: re.Match, pub: datetime.date | None) -> Result:
    if pub is None:
        return None
    word = " ".join(m.group("w").lower().split())
    return _day(pub + datetime.timedelta(days=_DAY_WORDS[word]))


def _period(m: re.Match, pub: datetime.date | None) -> Result:
    """"last week", "this month", "next year", "earlier this year"."""
    if pub is None:
        return None
    n = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    unit = m.group("unit").lower()
    if unit == "week":
        return _week(pub + datetime.timedelta(days=7 * n))
    if unit == "month":
        return _month(*_shift_months(pub, n))
    return _year(pub.year + n)


def _ago(m: re.Match, pub: datetime.date | None) -> Result:
    """"two days ago", "three weeks ago" (the week containing that day), "a year ago"."""
    if pub is None:
        return None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = m.group("unit").lower()
    if unit == "day":
        return _day(pub - datetime.timedelta(days=n))
    if unit == "week":
        return _week(pub - datetime.timedelta(days=7 * n))
    if unit == "month":
        return _month(*_shift_months(pub, -n))
    return _year(pub.year - n)


_WD_PREFIX = r"(?:" + _WD.replace("?P<wd>", "?:") + r",?\s+(?:the\s+)?)?"
_Handler = Callable[[re.Match, datetime.date | None], Result]
_RULES: list[tuple[str, _Handler]] = [
    (r"(?<!\d)(\d{4})-(\d\d)-(\d\d)(?!\d)", _iso_date),
    (_ON + _WD_PREFIX + _MON + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + ")?", _explicit),
    (_ON + _WD_PREFIX + r"(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MON
     + r"(?:,?\s+" + _YEAR + ")?", _explicit),
    (r"(?:(?P<rel>in|last|next|this|since|during)\s+)?(?:(?P<part>early|late|mid)[\s-]+)?"
     + _MON + r"(?!\s+\d{1,2}(?!\d))(?:,?\s+" + _YEAR + ")?", _month_expr),
    (r"(?:(?:in|since|during|throughout)\s+(?:(?:early|late|mid)[\s-]+)?"
     r"|(?:early|late|mid)[\s-]+)" + _YEAR, _year_expr),
    (r"(?:(?:earlier|later|early|late)\s+)?(?:(?P<rel>last|this|next|on)\s+)?" + _WD + _PART
     + r"(?:\s+(?P<week>next|last|this)\s+week)?", _weekday),
    (r"(?<!russia\s)(?<!usa\s)(?:(?:earlier|later)\s+)?(?P<w>today|tonight|this\s+morning"
     r"|this\s+afternoon|this\s+evening|last\s+night|the\s+day\s+before\s+yesterday"
     r"|the\s+day\s+after\s+tomorrow|yesterday|tomorrow)(?!\w)" + _PART, _day_word),
    (r"(?<!the\s)(?:(?:earlier|later|early|late)\s+)?(?P<rel>last|this|next)\s+"
     r"(?P<unit>week|month|year)(?!\w)", _period),
    (r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
     r"(?P<unit>day|week|month|year)s?\s+ago(?!\w)", _ago),
]
_COMPILED = [(re.compile(r"(?<!\w)" + p, re.I), f) for p, f in _RULES]


def _normalise(published: datetime.date | None) -> datetime.date | None:
    if isinstance(published, datetime.datetime):
        return published.date()
    return published


def find_dates(text: str, published: datetime.date | None) -> list[DateRef]:
    """All date expressions in `text` (a sentence or paragraph), resolved against `published`.

    Expressions that cannot be resolved (a relative one without `published`, an impossible
    date) are left out. Overlapping candidates keep the longest; the result is sorted by
    `start` and `text[ref.start:ref.end] == ref.text` for every ref.
    """
    pub = _normalise(published)
    candidates: list[DateRef] = []
    for pattern, handler in _COMPILED:
        for m in pattern.finditer(text):
            result = handler(m, pub)
            if result is not None:
                candidates.append(DateRef(m.start(), m.end(), m.group(0), *result))
    candidates.sort(key=lambda r: (r.start - r.end, r.start))
    chosen: list[DateRef] = []
    for ref in candidates:
        if all(ref.end <= c.start or ref.start >= c.end for c in chosen):
            chosen.append(ref)
    return sorted(chosen, key=lambda r: r.start)


def resolve(expression: str, published: datetime.date | None) -> DateRef | None:
    """One expression, e.g. 'on Friday' -> DateRef for the right day.

    Returns the first date found in `expression` (offsets relative to it), or None.
    """
    refs = find_dates(expression, published)
    return refs[0] if refs else None
