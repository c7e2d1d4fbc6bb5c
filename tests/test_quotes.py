"""The quotes stage (parley.quotes) on short, hand-written news texts: one construction per test.

Each test parses an article with parley's own pipeline, resolves actors for 2025-05-19 and checks
the quote text (marks excluded), its kind, its speaker's canonical name and its cue. A trailing
comma just inside the closing mark ("...regroup," Zelensky said) is the writer's punctuation, so
`said()` accepts the text with or without it; everything else is compared exactly.
"""
from __future__ import annotations

import pytest

from parley.actors import find_actors
from parley.nlp import load_pipeline
from parley.quotes import find_quotes, quote_spans

DATE = "2025-05-19"
MARKS = "\"'“”‘’«»„"

ARTICLES = {
    "direct_after": 'Ukrainian President Volodymyr Zelensky met European leaders in Kyiv on Saturday.\n\n'
                    '"We need a real ceasefire, not another pause for Russia to regroup," Zelensky said.',
    "typographic": "Ukraine's foreign minister Andrii Sybiha arrived in Brussels on Tuesday.\n\n"
                   "“Every day of delay costs Ukrainian lives,” Sybiha said.",
    "middle": 'Russian Foreign Minister Sergei Lavrov spoke to reporters in Moscow on Friday.\n\n'
              '"We are ready to talk," Lavrov said. "But not on these terms."',
    "colon": 'US President Donald Trump spoke with Vladimir Putin for two hours on Monday.\n\n'
             'Trump wrote on Truth Social: "The call went very well and negotiations will start immediately."',
    "inverted": 'Moscow rejected the European proposal on Thursday.\n\n'
                '"The so-called guarantees are nothing but a cover for rearming Kyiv," said Foreign Minister '
                'Sergei Lavrov.',
    "dash": 'EU foreign ministers met in Brussels to discuss new sanctions against Russia.\n\n'
            '"Pressure is the only language Moscow understands" — EU foreign policy chief Kaja Kallas.',
    "multi_para": 'French President Emmanuel Macron hosted a summit on Ukraine in Paris on Monday.\n\n'
                  '"Europe must be able to defend itself. We cannot outsource our security forever.\n\n'
                  '"This is the moment to decide," Macron said.\n\nThe leaders then discussed air defence.',
    "floating": 'Ukrainian President Volodymyr Zelensky spoke in Kyiv after the Istanbul talks.\n\n'
                '"They came with ultimatums, not with proposals," Zelensky said.\n\n'
                '"We will not withdraw from our own land."\n\nTalks are expected to resume next week.',
    "nested": 'French President Emmanuel Macron recalled his latest conversation with Zelensky.\n\n'
              '"He told me, \'we will never give up,\' and I believe him," Macron said.',
    "apostrophes": "Kyiv's Allies Say the Countries' Leaders Won't Meet Before June\n\n"
                   "Russia's envoy met his counterparts in Kyiv’s absence, and officials said they don't expect "
                   "a breakthrough before the countries' leaders meet.\n\n"
                   '"We don\'t rule anything out, and Ukraine\'s partners\' patience is not endless," '
                   "EU foreign policy chief Kaja Kallas said.",
    "unbalanced_open": 'Ukrainian President Volodymyr Zelensky spoke in Kyiv on Monday.\n\n'
                       '"We will not accept any deal that rewards the aggressor, Zelensky said.\n\n'
                       'Kremlin spokesman Dmitry Peskov said Moscow would study the proposal.\n\n'
                       '"Our position is well known," Peskov added.',
    "unbalanced_close": 'Ukrainian President Volodymyr Zelensky spoke in Kyiv on Monday.\n\n'
                        'Zelensky said Ukraine would not accept any deal that rewards the aggressor," adding '
                        'that talks must continue.\n\n'
                        'Kremlin spokesman Dmitry Peskov said Moscow would study the proposal.\n\n'
                        '"Our position is well known," Peskov added.',
    "partial": 'Russian President Vladimir Putin held a phone call with Donald Trump on Monday.\n\n'
               'Putin called the talks "frank and useful" and said contacts would continue.',
    "indirect_that": 'Russian President Vladimir Putin spoke to reporters in Moscow on Monday.\n\n'
                     "Putin said that Russia's overall stance remains unchanged.",
    "according_to": 'Ukrainian President Volodymyr Zelensky travelled to Istanbul for the talks.\n\n'
                    'According to Zelensky, Russia has sent only a low-level delegation to the meeting.',
    "pronoun": 'Ukrainian President Volodymyr Zelensky met US envoy Keith Kellogg in Kyiv on Thursday.\n\n'
               '"We are ready for a full ceasefire from tomorrow," he said.',
    "title": 'US President Donald Trump spoke with Russian President Vladimir Putin on Monday and later called '
             'Ukrainian President Volodymyr Zelensky.\n\nTrump said the call had been productive.\n\n'
             '"Russia and Ukraine will immediately start negotiations," the president added.',
    "description": 'Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul.\n\n'
                   '"We are not the ones who broke off negotiations," the 72-year-old said.',
    "kremlin": 'Russia rejected the ceasefire proposal on Tuesday.\n\n'
               '"There can be no truce while Western weapons keep flowing," the Kremlin said in a statement.',
}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str):
        doc = nlp(text)
        index = find_actors(doc, DATE)
        return doc, index, find_quotes(doc, index)
    return _run


def speaker(index, q) -> str | None:
    a = index.get(q.speaker) if q.speaker else None
    return a.name if a else None


def said(q) -> str:
    return q.text[:-1] if q.text.endswith(",") else q.text


def one(quotes, kind: str | None = None, containing: str = ""):
    hits = [q for q in quotes if (kind is None or q.kind == kind) and containing in q.text]
    assert len(hits) == 1, [(q.kind, q.text) for q in quotes]
    return hits[0]


# ------------------------------------------------------------------ direct quotes
@pytest.mark.parametrize("article,text,who", [
    ("direct_after", "We need a real ceasefire, not another pause for Russia to regroup", "Volodymyr Zelensky"),
    ("typographic", "Every day of delay costs Ukrainian lives", "Andrii Sybiha"),
    ("inverted", "The so-called guarantees are nothing but a cover for rearming Kyiv", "Sergei Lavrov"),
])
def test_one_direct_quote_and_its_speaker(run, article, text, who):
    """Straight marks with the attribution after, typographic marks, and 'said Foreign Minister X'."""
    doc, index, quotes = run(ARTICLES[article])
    q = one(quotes)
    assert (q.kind, said(q)) == ("direct", text)
    assert speaker(index, q) == who
    assert q.cue == "said"


def test_attribution_in_the_middle_gives_both_parts_the_speaker(run):
    doc, index, quotes = run(ARTICLES["middle"])
    assert [(q.kind, said(q)) for q in quotes] == [("direct", "We are ready to talk"),
                                                   ("direct", "But not on these terms.")]
    assert [speaker(index, q) for q in quotes] == ["Sergei Lavrov", "Sergei Lavrov"]
    assert quotes[0].cue == "said"


def test_attribution_before_with_colon(run):
    doc, index, quotes = run(ARTICLES["colon"])
    q = one(quotes)
    assert (q.kind, q.text) == ("direct", "The call went very well and negotiations will start immediately.")
    assert speaker(index, q) == "Donald Trump"
    assert q.cue == "wrote"


def test_dash_attribution(run):
    doc, index, quotes = run(ARTICLES["dash"])
    q = one(quotes)
    assert (q.kind, q.text) == ("direct", "Pressure is the only language Moscow understands")
    assert speaker(index, q) == "Kaja Kallas"


@pytest.mark.parametrize("body", [
    pytest.param("Turkish President Recep Tayyip Erdogan said on Sunday that Istanbul could receive delegations "
                 "from both sides.", id="body-names-erdogan"),
    pytest.param("Russian and Ukrainian delegations could meet in Istanbul as early as Thursday, Russian Foreign "
                 "Minister Sergei Lavrov said on Sunday.", id="body-quotes-lavrov"),
])
def test_headline_quote_in_single_marks(run, body):
    text = f"Erdogan Says Turkey Ready to Host Talks 'Immediately'\n\n{body}"
    doc, index, quotes = run(text)
    q = one(quotes, containing="Immediately")
    assert (q.kind, q.text) == ("partial", "Immediately")
    assert q.end < text.index("\n\n")
    assert speaker(index, q) == "Recep Tayyip Erdoğan"
    assert q.cue == "Says" and q.cue_span.end < text.index("\n\n")  # the headline's verb, not the body's


def test_quote_over_two_paragraphs_is_one_quote(run):
    text = ARTICLES["multi_para"]
    doc, index, quotes = run(text)
    q = one(quotes)
    assert q.kind == "direct"
    assert q.text.startswith("Europe must be able to defend itself. We cannot outsource our security forever.")
    assert said(q).endswith("This is the moment to decide")
    assert q.start == text.index("Europe") and q.end > text.index("decide")
    assert speaker(index, q) == "Emmanuel Macron"
    assert q.cue == "said"


def test_floating_quote_continues_previous_speaker(run):
    doc, index, quotes = run(ARTICLES["floating"])
    q = one(quotes, "direct", "withdraw")
    assert q.text == "We will not withdraw from our own land."
    assert speaker(index, q) == "Volodymyr Zelensky"
    assert [speaker(index, x) for x in quotes] == ["Volodymyr Zelensky"] * 2


def test_nested_quote_stays_inside_the_outer_one(run):
    doc, index, quotes = run(ARTICLES["nested"])
    q = one(quotes)  # no separate quote for 'we will never give up'
    assert (q.kind, said(q)) == ("direct", "He told me, 'we will never give up,' and I believe him")
    assert speaker(index, q) == "Emmanuel Macron"
    assert q.cue == "said"


def test_apostrophes_never_open_quotes(run):
    text = ARTICLES["apostrophes"]
    kallas = text.index("We don't")
    assert quote_spans(text, text.index("\n\n")) == [(kallas, text.index('," EU') + 1, 0)]
    doc, index, quotes = run(text)
    direct = [q for q in quotes if q.kind != "indirect"]
    assert len(direct) == 1 and direct[0].start == kallas
    assert said(direct[0]) == "We don't rule anything out, and Ukraine's partners' patience is not endless"
    assert speaker(index, direct[0]) == "Kaja Kallas"


@pytest.mark.parametrize("key", [
    "unbalanced_open",
    pytest.param("unbalanced_close"),
])
def test_unbalanced_mark_stays_in_its_paragraph(run, key):
    text = ARTICLES[key]
    doc, index, quotes = run(text)
    for q in quotes:
        assert "\n\n" not in q.text
    peskov = one(quotes, "direct", "well known")
    assert speaker(index, peskov) == "Dmitry Peskov" and peskov.cue == "added"
    assert speaker(index, one(quotes, "indirect", "study the proposal")) == "Dmitry Peskov"
    if key == "unbalanced_open":  # the open quote runs to its paragraph's end, not further
        q = one(quotes, containing="aggressor")
        assert q.kind == "direct" and q.end == text.index("said.\n\n") + len("said.")
    else:  # only the marks' own quote: the writer's words are not a quote
        assert [q.text for q in quotes if q.kind != "indirect"] == ["Our position is well known,"]


# ------------------------------------------------------------------ partial quotes
def test_partial_quote_after_called(run):
    doc, index, quotes = run(ARTICLES["partial"])
    q = one(quotes, "partial")
    assert q.text == "frank and useful"
    assert speaker(index, q) == "Vladimir Putin"
    assert q.cue == "called"


@pytest.mark.parametrize("scare", [
    "plan",
    pytest.param("peace plan"),
])
def test_writers_scare_quote_is_not_a_quote(run, scare):
    text = ("The European Union unveiled its 17th package of sanctions against Russia on Tuesday.\n\n"
            f'Critics in Brussels fear that the so-called "{scare}" will reward Moscow for its aggression.')
    doc, index, quotes = run(text)
    assert [q for q in quotes if q.kind != "indirect"] == []


def test_a_lone_word_someone_used_is_their_partial_quote(run):
    text = ("Over Sudan's war, the United Nations issued a warning on Tuesday about reports of \u201catrocities\u201d "
            "in el-Fasher.\n\nPakistan's prime minister Shehbaz Sharif said the clash, referred to as a \u201cdogfight\u201d "
            "by officers, lasted an hour. Critics say the \u201ccrisis\u201d is far from over.")
    doc, index, quotes = run(text)
    atrocities = one(quotes, "partial", "atrocities")
    assert speaker(index, atrocities) == "United Nations"
    assert one(quotes, "partial", "dogfight")
    assert not [q for q in quotes if q.text == "crisis"]  # the writer's own scare quote


# ------------------------------------------------------------------ indirect quotes
def test_indirect_said_that(run):
    doc, index, quotes = run(ARTICLES["indirect_that"])
    q = one(quotes, "indirect")
    assert q.text == "Russia's overall stance remains unchanged"
    assert speaker(index, q) == "Vladimir Putin"
    assert q.cue == "said"


def test_indirect_report_after_a_participle_and_without_the_writers_gloss(run):
    doc, index, quotes = run(
        "Egypt's foreign minister Badr Abdelatty thanked Qatar for its efforts, pointing out that the three "
        "mediators will work together to monitor the truce.\n\nPutin said that Russia's position remains unchanged, "
        "alluding to his earlier demands on Ukraine's neutrality.")
    q = one(quotes, "indirect", "mediators")
    assert q.text == "the three mediators will work together to monitor the truce"
    assert speaker(index, q) == "Badr Abdelatty"
    q = one(quotes, "indirect", "position")
    assert q.text == "Russia's position remains unchanged" and speaker(index, q) == "Vladimir Putin"


def test_according_to_a_document_names_no_speaker_after_it(run):
    doc, index, quotes = run("The deal takes effect on Sunday. According to the text of the deal, Hamas will release "
                             "33 hostages in the first phase.")
    q = one(quotes, "indirect", "33 hostages")
    assert speaker(index, q) is None


def test_indirect_according_to(run):
    doc, index, quotes = run(ARTICLES["according_to"])
    q = one(quotes, "indirect")
    assert q.text == "Russia has sent only a low-level delegation to the meeting"
    assert speaker(index, q) == "Volodymyr Zelensky"
    assert q.cue == "according to"


@pytest.mark.parametrize("title,name,reported", [
    ("Turkish Foreign Minister", "Hakan Fidan", "the talks had failed to produce a breakthrough"),
    pytest.param("US Secretary of State", "Marco Rubio", "the talks had failed to produce a breakthrough"),
    pytest.param("Russian Foreign Minister", "Sergei Lavrov", "the talks had failed"),
])
def test_indirect_told_reporters(run, title, name, reported):
    surname = name.split()[-1]
    text = f"{title} {name} spoke in Antalya after the meeting.\n\n{surname} told reporters {reported}."
    doc, index, quotes = run(text)
    q = one(quotes, "indirect")
    assert q.text == reported
    assert speaker(index, q) == name
    assert q.cue == "told"


# ------------------------------------------------------------------ speakers through coreference
def test_pronoun_speaker(run):
    doc, index, quotes = run(ARTICLES["pronoun"])
    q = one(quotes)
    assert (q.kind, said(q)) == ("direct", "We are ready for a full ceasefire from tomorrow")
    assert speaker(index, q) == "Volodymyr Zelensky"
    assert q.cue == "said"


def test_title_speaker(run):
    doc, index, quotes = run(ARTICLES["title"])
    q = one(quotes, "direct")
    assert said(q) == "Russia and Ukraine will immediately start negotiations"
    assert speaker(index, q) == "Donald Trump"
    assert q.cue == "added"


def test_description_speaker(run):
    doc, index, quotes = run(ARTICLES["description"])
    q = one(quotes)
    assert (q.kind, said(q)) == ("direct", "We are not the ones who broke off negotiations")
    assert q.cue == "said"
    assert speaker(index, q) == "Vladimir Putin"


def test_organisation_speaker_kremlin_statement(run):
    doc, index, quotes = run(ARTICLES["kremlin"])
    q = one(quotes)
    assert said(q) == "There can be no truce while Western weapons keep flowing"
    a = index.get(q.speaker)
    assert (a.name, a.code, a.kind) == ("Russia", "RUS", "state")
    assert q.cue == "said"


@pytest.mark.parametrize("who", [
    "a Chinese foreign ministry spokesperson",
    pytest.param("a foreign ministry spokesperson"),
])
def test_organisation_speaker_ministry_spokesperson(run, who):
    text = ("China called for restraint after the strikes on Monday.\n\n"
            f'"All parties should avoid escalating the situation," {who} said.')
    doc, index, quotes = run(text)
    q = one(quotes)
    assert said(q) == "All parties should avoid escalating the situation"
    a = index.get(q.speaker) if q.speaker else None
    assert a is not None and a.sector == "GOV" and a.code == "CHN"
    assert q.cue == "said"


# ------------------------------------------------------------------ invariants
@pytest.mark.parametrize("key", [pytest.param(k)
    if k == "according_to" else k for k in sorted(ARTICLES)])
def test_offsets_and_marks(run, key):
    doc, index, quotes = run(ARTICLES[key])
    assert quotes, "every article here has at least one quote"
    for q in quotes:
        assert doc.text[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial", "indirect")
        assert q.text and q.text[0] not in MARKS and q.text[-1] not in MARKS
        if q.cue_span is not None:  # a span carries the text it covers; the cue may be lower-cased
            assert q.cue_span.text == doc.text[q.cue_span.start:q.cue_span.end]
            assert q.cue.lower() == q.cue_span.text.lower()
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]


def test_indirect_with_postposed_attribution(run):
    text = ("Pentagon Says Strike Hit Houthi Launchers\n\nThe overnight strike destroyed four missile launchers near "
            "Hodeidah, US Defense Secretary Lloyd Austin said on Wednesday.")
    doc, index, quotes = run(text)
    q = one(quotes, "indirect", "overnight")
    assert q.text == "The overnight strike destroyed four missile launchers near Hodeidah"
    assert speaker(index, q) == "Lloyd Austin"
    assert q.cue == "said"
    for h in [x for x in quotes if x is not q]:  # the headline's "Pentagon Says ..." is the Pentagon's claim
        assert (h.kind, h.text, index.get(h.speaker).code) == ("indirect", "Strike Hit Houthi Launchers", "USA")


def test_british_single_marks_and_a_quote_cut_off_at_the_end(run):
    text = ("China Holds Drills Around Taiwan\n\nThe drills will ‘test joint operations capabilities’ of the troops, "
            "the spokesman for the Eastern Theatre Command, Zhao Wenlong, said.\n\n‘It is a stern warning to "
            "separatist forces, and it is what the army’s duty demands,’ the statement added.")
    doc, index, quotes = run(text)
    direct = one(quotes, "direct", "stern warning")
    assert direct.text.startswith("It is a stern warning") and direct.text.endswith("demands,")
    assert speaker(index, direct) == "Zhao Wenlong"  # the statement is the spokesman's
    partial = one(quotes, "partial", "joint operations")
    assert partial.text == "test joint operations capabilities" and speaker(index, partial) == "Zhao Wenlong"
    _, _, cut = run("Trump Orders Tariffs\n\nThe measures include “Emergency tariffs on all goods,” along with "
                    "“Visa Sanctions on a")
    assert any(q.text == "Visa Sanctions on a" for q in cut)  # unbalanced at the very end: closed there


def test_a_participle_hung_on_a_verbless_sentence_ends():
    """A reporting participle after a comma in a sentence with no verb to climb to ("The new round of talks,
    adding that ...") once sent the speaker search round the sentence's root for ever: it must end, in a child
    process so that a relapse fails instead of hanging the suite."""
    import subprocess
    import sys

    code = ("import parley; d = parley.extract('The new round of talks, adding that the war may end soon.', "
            "published='2025-06-02'); print(len(d.quotes))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


def test_a_participle_after_a_comma_reports_for_the_main_clause_not_a_clause_inside_it(run):
    doc, index, quotes = run(
        "Egypt's foreign minister Badr Abdelatty thanked Qatar and the US for their efforts that helped to push the "
        "negotiations forward, pointing out that the three mediators will work together to monitor the truce.\n\n"
        "Abdelatty said the deal will lead to the release of Palestinian prisoners and more aid to Gaza, adding "
        "that the agreement would end the fighting.")
    q = one(quotes, "indirect", "mediators")
    assert speaker(index, q) == "Badr Abdelatty"
    q = one(quotes, "indirect", "end the fighting")
    assert speaker(index, q) == "Badr Abdelatty"


def test_a_fragment_in_a_warning_is_the_warners_even_under_another_speech_verb(run):
    doc, index, quotes = run(
        "Sudan's army chief Abdel Fattah al-Burhan announced the withdrawal of his soldiers from el-Fasher, as the "
        "United Nations issued a stark warning over reports of “atrocities” by the paramilitary group.")
    q = one(quotes, "partial", "atrocities")
    assert speaker(index, q) == "United Nations" and q.cue == "issued"


def test_a_quote_with_no_speech_verb_right_after_a_speakers_paragraph_is_still_theirs(run):
    doc, index, quotes = run(
        "US President Donald Trump ordered retaliation against Colombia on Sunday.\n\n"
        "\"Colombia's refusal of these flights endangers our national security, so I have directed my "
        "Administration to take the following urgent measures,\" Trump wrote.\n\n"
        "The measures include \"a 25% tariff on all goods coming into the United States. In one week, the tariff "
        "will be raised to 50%.\"")
    q = one(quotes, None, "25% tariff")
    assert speaker(index, q) == "Donald Trump"


def test_a_reported_request_is_an_indirect_quote(run):
    doc, index, quotes = run("Russian negotiator Vladimir Medinsky said Moscow had returned thousands of bodies. He "
                             "requested Ukraine to return any number of deceased Russian soldiers.")
    q = one(quotes, "indirect", "return any number")
    assert q.text == "Ukraine to return any number of deceased Russian soldiers"
    assert speaker(index, q) == "Vladimir Medinsky" and q.cue == "requested"


def test_a_commentary_participle_ends_the_report_however_it_is_attached(nlp):
    """"Putin said that Russia's stance remains unchanged, alluding to ...": the writer's gloss is not said,
    whichever relation the parser gives "alluding"."""
    from parley.actors import find_actors

    doc = nlp("Vladimir Putin said on Monday that Russia's overall stance remains unchanged, alluding to his demands "
              "on Ukraine's neutrality.")
    next(t for t in doc if t.text == "alluding").dep_ = "xcomp"  # the relation another model chose
    quotes = find_quotes(doc, find_actors(doc, DATE))
    assert [q.text for q in quotes if q.kind == "indirect"] == ["Russia's overall stance remains unchanged"]


def test_a_source_gloss_after_the_speech_verb_is_not_what_was_said(nlp):
    """'..., he stated, as reported by Al Jazeera': even parsed as the verb's complement, the gloss is no quote."""
    from parley.actors import find_actors

    doc = nlp("Pakistan's prime minister Shehbaz Sharif spoke on Wednesday. \"We will avenge our martyrs,\" he "
              "stated, as reported by Al Jazeera.")
    reported = next(t for t in doc if t.text == "reported")
    reported.dep_ = "ccomp"  # the relation another model chose
    reported.head = next(t for t in doc if t.text == "stated")
    quotes = find_quotes(doc, find_actors(doc, DATE))
    assert not [q for q in quotes if "Al Jazeera" in q.text], [(q.kind, q.text) for q in quotes]


def test_another_speakers_report_ends_the_first_however_it_is_attached(nlp):
    """"Kyiv said that 230 Ukrainians returned home, while Russia's ministry said that ...": the second report
    is not part of the first, even when the parser hangs it inside the first clause."""
    doc = nlp("Kyiv said that 230 Ukrainians, including six civilians, returned home, while Russia's Defence Ministry "
              "said that 248 Russian servicemen had been freed.")
    second = [t for t in doc if t.text == "said"][1]
    second.head, second.dep_ = next(t for t in doc if t.text == "returned"), "advcl"  # another model's parse
    quotes = find_quotes(doc, find_actors(doc, DATE))
    assert [q.text for q in quotes if q.kind == "indirect"] == [
        "230 Ukrainians, including six civilians, returned home", "248 Russian servicemen had been freed"]


def test_a_clause_after_the_quoted_words_is_the_writers(nlp):
    """'vowed that such unrest would not happen again "at whatever cost," after thousands ...': the quoted
    fragment closes what was vowed; the 'after' clause is the writer's account of the day."""
    doc = nlp('Kenya\'s president vowed on Tuesday that such unrest would not happen again "at whatever cost," '
              'after thousands of protesters pushed their way into parliament.')
    pushed = next(t for t in doc if t.text == "pushed")
    pushed.head, pushed.dep_ = next(t for t in doc if t.text == "happen"), "advcl"  # another model's parse
    quotes = find_quotes(doc, find_actors(doc, DATE))
    assert [q.text for q in quotes if q.kind == "indirect"] == ['such unrest would not happen again "at whatever cost']
