from parley.ingest.clean import clean_text

from conftest import DATA, SOURCES


def test_noisy_article_loses_furniture_and_keeps_repeated_paragraph_once():
    text = clean_text((DATA / "noisy-call.txt").read_text())
    assert "READ MORE" not in text
    assert " X\n" not in text + "\n" and not any(line.endswith(" X") for line in text.splitlines())
    assert "Share this article" not in text and "Subscribe" not in text
    # the picture label above a caption goes too, but the name inside sentences stays
    assert "\nEmmanuel Macron\n" not in f"\n{text}\n"
    assert "Narendra Modi and Emmanuel Macron\n" not in text
    assert text.count("shoulder to shoulder") == 1
    assert text.startswith("Macron and Modi Talk by Phone")
    assert "The 47-year-old also urged restraint" in text
    assert "\n\n\n" not in text


def test_demo_article_captions_credits_and_prompts_dropped():
    raw = (SOURCES / "08-kyiv-missile-strike.txt").read_text().split("\n---\n", 1)[1]
    text = clean_text(raw)
    for furniture in ("Photo:", "READ MORE", "Read next", "Share this article", "Subscribe to our newsletter",
                      "Volodymyr Zelensky X", "Rescuers search the rubble"):
        assert furniture not in text, furniture
    assert "Rescue workers dug through the ruins" in text


def test_text_lines_with_quotes_or_ordinary_words_are_kept():
    raw = ('By the end of the day, talks had collapsed.\n\n"Read more carefully," the judge told lawyers.\n\n'
           "Photo opportunities were few at the summit, officials said, as leaders avoided the press.")
    text = clean_text(raw)
    assert "By the end of the day" in text
    assert '"Read more carefully," the judge told lawyers.' in text
    assert "Photo opportunities were few" in text


def test_short_repeated_lines_are_not_deduplicated_but_long_ones_are():
    para = "The ministry said the strike hit a power plant in the Kharkiv region overnight."
    text = clean_text(f"No.\n\n{para}\n\nNo.\n\n{para}")
    assert text.count(para) == 1
    assert text.count("No.") == 2


def test_bylines_navigation_and_cookie_lines():
    raw = ("Home > World > Europe\n\nBy Jane Smith and Omar Haddad\n\nUpdated 10:32 GMT, 19 May 2025\n\n"
           "We use cookies to improve your experience.\n\nThe talks ended without agreement on Friday.")
    assert clean_text(raw) == "The talks ended without agreement on Friday."


def test_captions_ending_in_photo_credits_are_dropped():
    raw = ("A Houthi policeman takes part in a protest in Sanaa on Tuesday. (Khaled Abdullah/Reuters)\n\n"
           "Khalid M Almehaid, Saudi Arabia's chief negotiator, at the summit  Credit: Reuters/Murad Sezer\n\n"
           "The talks went on (according to officials/diplomats) until late on Saturday.")
    assert clean_text(raw) == "The talks went on (according to officials/diplomats) until late on Saturday."
