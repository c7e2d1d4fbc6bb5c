import datetime

import pytest

from parley.events.dates import DateRef, find_dates, resolve

MON = datetime.date(2025, 5, 19)  # a Monday
FRI = datetime.date(2025, 5, 16)  # a Friday


def one(text: str, published: datetime.date | None, expression: str) -> DateRef:
    """The single ref found in `text`; it must cover exactly `expression`, with exact offsets."""
    refs = find_dates(text, published)
    assert len(refs) == 1, refs
    ref = refs[0]
    assert ref.text == expression
    assert text[ref.start:ref.end] == ref.text
    assert ref.start == text.index(expression)
    return ref


def span(ref: DateRef) -> tuple[str, str | None, str]:
    return ref.date, ref.date_end, ref.precision


# Published Monday 2025-05-19: sentence, the expression it must find, the resolved date.
DAY_CASES = [
    ("Ukrainian and Russian representatives held direct talks in Turkey on Friday, "
     "the first in three years.", "on Friday", "2025-05-16"),
    ("Friday marked the first direct contact between the two delegations in years.",
     "Friday", "2025-05-16"),
    ("Trump spoke by phone with Putin earlier on Monday, the Kremlin said.",
     "earlier on Monday", "2025-05-19"),
    ("The EU foreign ministers meet in Brussels on Monday.", "on Monday", "2025-05-19"),
    ("Monday's talks in the Vatican were described as constructive.", "Monday", "2025-05-19"),
    ("Zelensky said today that Kyiv was ready for a ceasefire.", "today", "2025-05-19"),
    ("The foreign minister arrived in Riyadh earlier today.", "earlier today", "2025-05-19"),
    ("Israeli strikes hit Khan Younis this morning, health officials said.",
     "this morning", "2025-05-19"),
    ("The president will address the nation tonight.", "tonight", "2025-05-19"),
    ("Police clashed with protesters in Tbilisi yesterday.", "yesterday", "2025-05-18"),
    ("Romania's presidential run-off was held last night amid high turnout.",
     "last night", "2025-05-18"),
    ("The ministers last met last Monday in London.", "last Monday", "2025-05-12"),
    ("Hamas released a hostage last Friday.", "last Friday", "2025-05-16"),
    ("A drone struck a bus in Sumy on Sunday night, killing nine people.",
     "on Sunday night", "2025-05-18"),
    ("Talks are due to resume next Monday in Istanbul.", "next Monday", "2025-05-26"),
    ("The Security Council will vote on Monday next week.", "on Monday next week", "2025-05-26"),
    ("The two leaders will meet tomorrow in Geneva.", "tomorrow", "2025-05-20"),
    ("The ceasefire collapsed two days ago.", "two days ago", "2025-05-17"),
    ("The army said it had withdrawn from the town on May 16.", "on May 16", "2025-05-16"),
    ("Delegations met in Istanbul May 16 under Turkish mediation.", "May 16", "2025-05-16"),
    ("The prisoner exchange was agreed on 16 May.", "on 16 May", "2025-05-16"),
    ("The statement was issued on May 16, 2025, after the talks.", "on May 16, 2025",
     "2025-05-16"),
    ("Rebels seized the airport on 16 May 2025, witnesses said.", "on 16 May 2025", "2025-05-16"),
    ("The decree, dated 2025-05-16, was published on the ministry's website.", "2025-05-16",
     "2025-05-16"),
    ("Negotiators met in Istanbul on Friday, May 16, for the first time in years.",
     "on Friday, May 16", "2025-05-16"),
    ("The accord was signed on the 16th of May in Doha.", "on the 16th of May", "2025-05-16"),
    ("A summit was held Fri. in Tirana.", "Fri.", "2025-05-16"),
    ("Hamas said the day before yesterday that it would free a US-Israeli hostage.",
     "the day before yesterday", "2025-05-17"),
]


@pytest.mark.parametrize("text,expression,expected", DAY_CASES)
def test_day_expressions_published_monday(text, expression, expected):
    ref = one(text, MON, expression)
    assert span(ref) == (expected, None, "day")


RANGE_CASES = [
    ("Turkey hosted a round of talks last week.", "last week",
     ("2025-05-12", "2025-05-18", "week")),
    ("The envoy is expected in Moscow this week.", "this week",
     ("2025-05-19", "2025-05-25", "week")),
    ("Parliament will debate the bill next week.", "next week",
     ("2025-05-26", "2025-06-01", "week")),
    ("The border was closed three weeks ago.", "three weeks ago",
     ("2025-04-28", "2025-05-04", "week")),
    ("Protests have spread since last month.", "last month",
     ("2025-04-01", "2025-04-30", "month")),
    ("Aid deliveries fell sharply this month.", "this month",
     ("2025-05-01", "2025-05-31", "month")),
    ("The government collapsed earlier this month.", "earlier this month",
     ("2025-05-01", "2025-05-31", "month")),
    ("Elections were held last year.", "last year", ("2024-01-01", "2024-12-31", "year")),
    ("A new constitution is due this year.", "this year", ("2025-01-01", "2025-12-31", "year")),
    ("The truce was agreed in March.", "in March", ("2025-03-01", "2025-03-31", "month")),
    ("The troops will leave next March.", "next March", ("2026-03-01", "2026-03-31", "month")),
    ("Fighting resumed in mid-March.", "in mid-March", ("2025-03-01", "2025-03-31", "month")),
    ("Talks stalled in June.", "in June", ("2024-06-01", "2024-06-30", "month")),
    ("The war began in 2022.", "in 2022", ("2022-01-01", "2022-12-31", "year")),
    ("The mission was set up in early 2014.", "in early 2014",
     ("2014-01-01", "2014-12-31", "year")),
    ("Inflation peaked in May 2023.", "in May 2023", ("2023-05-01", "2023-05-31", "month")),
    ("The deal was first proposed a year ago.", "a year ago",
     ("2024-01-01", "2024-12-31", "year")),
]


@pytest.mark.parametrize("text,expression,expected", RANGE_CASES)
def test_ranges_published_monday(text, expression, expected):
    ref = one(text, MON, expression)
    assert span(ref) == expected


def test_publication_day_is_friday():
    assert span(one("Delegations met in Istanbul on Friday.", FRI, "on Friday")) == (
        "2025-05-16", None, "day")
    assert span(one("The strike happened last Friday.", FRI, "last Friday")) == (
        "2025-05-09", None, "day")
    assert span(one("The ministers spoke on Monday.", FRI, "on Monday")) == (
        "2025-05-12", None, "day")
    assert span(one("They will meet next Friday.", FRI, "next Friday")) == (
        "2025-05-23", None, "day")
    assert span(one("A vote is planned this Sunday.", FRI, "this Sunday")) == (
        "2025-05-18", None, "day")


def test_last_weekday_when_weekday_is_not_publication_day():
    # published Monday: "last Friday" is the Friday three days before
    assert resolve("last Friday", MON).date == "2025-05-16"
    # published Wednesday 2025-05-21: bare Thursday is last week's Thursday
    assert resolve("on Thursday", datetime.date(2025, 5, 21)).date == "2025-05-15"


def test_year_boundary():
    published = datetime.date(2025, 1, 2)
    ref = one("The ceasefire took effect on December 30, officials said.", published,
              "on December 30")
    assert ref.date == "2024-12-30"
    assert resolve("30 December", published).date == "2024-12-30"
    assert resolve("last week", published).date == "2024-12-23"
    assert resolve("last month", published).date_end == "2024-12-31"
    assert resolve("in December", published).date == "2024-12-01"
    # and the other way: published late December, an early-January date is next year
    assert resolve("January 3", datetime.date(2024, 12, 30)).date == "2025-01-03"


def test_month_day_year_inference_picks_nearest():
    assert resolve("on May 30", MON).date == "2025-05-30"  # 11 days ahead, same year
    assert resolve("on November 20", MON).date == "2024-11-20"  # six months back
    assert resolve("February 29", datetime.date(2025, 3, 1)).date == "2024-02-29"
    assert resolve("February 30", MON) is None


def test_modal_may_is_not_a_date():
    assert find_dates("Russia may agree to a 30-day ceasefire, officials said.", MON) == []
    assert find_dates("Talks May resume, the envoy said.", MON) == []
    assert find_dates("Some 16 may have died in the strike.", MON) == []


def test_march_noun_is_not_a_month():
    text = "Police broke up the march on Tuesday in central Belgrade."
    ref = one(text, MON, "on Tuesday")
    assert ref.date == "2025-05-13"
    assert find_dates("Thousands of protesters march 10 miles to the capital.", MON) == []
    assert find_dates("The opposition will march on parliament.", MON) == []
    # but a real month still works in lower case with a year
    assert resolve("in march 2024", MON).date == "2024-03-01"


def test_published_none():
    assert resolve("on Friday", None) is None
    assert resolve("yesterday", None) is None
    assert resolve("last week", None) is None
    assert resolve("in March", None) is None
    assert resolve("two days ago", None) is None
    assert resolve("May 16", None) is None
    assert resolve("on Friday, May 16", None) is None
    assert span(resolve("May 16, 2025", None)) == ("2025-05-16", None, "day")
    assert span(resolve("16 May 2025", None)) == ("2025-05-16", None, "day")
    assert span(resolve("2025-05-16", None)) == ("2025-05-16", None, "day")
    assert span(resolve("in 2022", None)) == ("2022-01-01", "2022-12-31", "year")
    assert span(resolve("in March 2022", None)) == ("2022-03-01", "2022-03-31", "month")


def test_unresolved_expressions():
    assert find_dates("Air raid sirens sounded overnight across Ukraine.", MON) == []
    assert find_dates("The report was carried by Russia Today.", MON) == []
    assert find_dates("Casualties have risen over the last year.", MON) == []


def test_case_insensitive_and_datetime_published():
    assert resolve("ON FRIDAY", MON).date == "2025-05-16"
    assert resolve("Yesterday", MON).date == "2025-05-18"
    assert resolve("LAST WEEK", MON).precision == "week"
    assert resolve("on Friday", datetime.datetime(2025, 5, 19, 8, 30)).date == "2025-05-16"


def test_paragraph_offsets_sorted_and_non_overlapping():
    text = ("Ukrainian and Russian delegations met in Istanbul on Friday, May 16, the first "
            "direct talks since March 2022. Trump spoke to Putin earlier on Monday and said "
            "negotiations would start next week. A drone attack on Sunday night killed a "
            "woman, two days after the talks. Russia may agree to a truce, analysts said.")
    refs = find_dates(text, MON)
    assert [r.text for r in refs] == [
        "on Friday, May 16", "since March 2022", "earlier on Monday", "next week",
        "on Sunday night",
    ]
    assert [r.date for r in refs] == [
        "2025-05-16", "2022-03-01", "2025-05-19", "2025-05-26", "2025-05-18",
    ]
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    for a, b in zip(refs, refs[1:]):
        assert a.end <= b.start


def test_longest_match_wins():
    # "on Monday next week" beats "on Monday" and "next week"
    refs = find_dates("The council meets on Monday next week.", MON)
    assert [(r.text, r.date) for r in refs] == [("on Monday next week", "2025-05-26")]
    # "since May 16" is a day, not the month of May
    refs = find_dates("Fighting has continued since May 16.", MON)
    assert [(r.text, r.precision) for r in refs] == [("May 16", "day")]


def test_ranges_always_have_an_end_and_days_do_not():
    text = ("Talks last week, this month, in March, last year, three weeks ago and two days "
            "ago, then on Friday.")
    for ref in find_dates(text, MON):
        assert (ref.date_end is None) == (ref.precision == "day")
        if ref.date_end:
            assert ref.date <= ref.date_end


def test_resolve_offsets_relative_to_expression():
    ref = resolve("  on Friday", MON)
    assert (ref.start, ref.end, ref.text) == (2, 11, "on Friday")
    assert resolve("Russia may agree", MON) is None
