"""Specification of story grouping across outlets and languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper, story_features

EN = (
    "Former OpenAI engineer Calvin French-Owen describes the Codex sprint",
    "Calvin French-Owen said OpenAI grew from 1,000 to 3,000 people. French-Owen built Codex "
    "in seven weeks. Source: https://techcrunch.com/2025/07/15/a-former-openai-engineer/",
)
PT = (
    "Ex-engenheiro do OpenAI descreve o sprint do Codex",
    "Calvin French-Owen disse que o OpenAI cresceu de 1.000 para 3.000 pessoas. French-Owen "
    "construiu o Codex em sete semanas.",
)
OTHER = (
    "Calvin French-Owen launches a new startup",
    "Calvin French-Owen announced Nimbus, a developer tools company, backed by Sequoia. "
    "French-Owen said Nimbus would hire 20 engineers.",
)
COUNTS = {"person:calvin-french-owen": 2, "company:openai": 2}
DAY = datetime(2025, 7, 16, tzinfo=UTC)


def add_filler(grouper: StoryGrouper, count: int) -> None:
    """Articles about nothing, so the words of the tested ones are rare in the corpus."""
    for n in range(count):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")


def test_features_keep_names_numbers_and_links_across_languages():
    en = story_features(*EN, COUNTS)
    pt = story_features(*PT, COUNTS)
    assert {"codex", "num:1000", "num:3000"} <= en.anchors & pt.anchors
    assert "url:techcrunch.com/2025/07/15/a-former-openai-engineer" in en.anchors
    assert "french-owen" not in en.anchors  # watched people are compared as people
    assert en.people == pt.people == {"person:calvin-french-owen"}


def test_a_passing_mention_does_not_make_a_person_prominent():
    features = story_features("Codex sprint", "Sam Altman smiled.", {"person:sam-altman": 1})
    assert features.people == frozenset()


def test_translations_of_one_story_are_grouped_and_another_story_is_not():
    grouper = StoryGrouper()
    grouper.add("en", *EN, COUNTS, DAY, "en")
    grouper.add("pt", *PT, COUNTS, DAY + timedelta(days=1), "pt")
    grouper.add("other", *OTHER, COUNTS, DAY, "en")
    assert grouper.group_of("pt") == ["en", "pt"]
    assert grouper.group_of("other") == ["other"]


def test_articles_far_apart_in_time_are_different_stories():
    grouper = StoryGrouper()
    grouper.add("en", *EN, COUNTS, DAY, "en")
    grouper.add("pt", *PT, COUNTS, DAY + timedelta(days=30), "pt")
    assert grouper.group_of("en") == ["en"]


def test_unknown_dates_do_not_block_grouping():
    grouper = StoryGrouper()
    grouper.add("en", *EN, COUNTS, None, "en")
    grouper.add("pt", *PT, COUNTS, DAY, "pt")
    assert grouper.group_of("en") == ["en", "pt"]


def test_shared_companies_alone_do_not_group():
    grouper = StoryGrouper()
    companies = {"company:openai": 3}
    grouper.add("en", *EN, companies)
    grouper.add("pt", *PT, companies)
    assert grouper.group_of("en") == ["en"]


def test_removing_and_re_adding_an_article():
    grouper = StoryGrouper()
    grouper.add("en", *EN, COUNTS)
    grouper.add("pt", *PT, COUNTS)
    grouper.remove("pt")
    assert grouper.group_of("en") == ["en"] and grouper.group_of("pt") == []
    grouper.add("pt", *PT, COUNTS)
    grouper.add("pt", *PT, COUNTS)  # adding twice replaces
    assert len(grouper) == 2 and grouper.group_of("en") == ["en", "pt"]


def test_grouping_compares_only_candidates_close_in_time():
    # A year of headlines naming one company, one a day: each pair of
    # articles published within days of each other is judged once when the
    # later one arrives and weighed again once when groups are asked for;
    # articles further apart are never compared.
    grouper = StoryGrouper()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for day in range(400):
        grouper.add(
            f"a{day}",
            f"OpenAI ships model number {day}",
            f"OpenAI said model {day} is out.",
            {"company:openai": 2},
            start + timedelta(days=day),
            "en",
        )
    assert grouper.groups() == []
    assert grouper.comparisons <= 400 * 2 * 7  # a scan of every pair would be 159,600


def test_an_undated_telling_of_two_dated_stories_joins_neither():
    grouper = StoryGrouper()
    move = ("departure", "person:calvin-french-owen", (("from", "company:openai"),))
    grouper.add("2024", *EN, COUNTS, DAY - timedelta(days=200), "en", [move])
    grouper.add("2025", *EN, COUNTS, DAY, "en", [move])
    grouper.add("undated", *PT, COUNTS, None, "pt", [move])
    assert grouper.groups() == []


def test_tellings_of_a_move_from_different_organisations_are_different_stories():
    grouper = StoryGrouper()
    left = ("departure", "person:calvin-french-owen")
    deepseek = {"person:calvin-french-owen": 2, "company:deepseek": 2}
    grouper.add("openai", *EN, COUNTS, None, "en", [(*left, (("from", "company:openai"),))])
    grouper.add("deepseek", *PT, deepseek, None, "pt", [(*left, (("from", "company:deepseek"),))])
    # Names OpenAI, but its event sentence gives no organisation.
    grouper.add("short", *PT, COUNTS, None, "id", [left])
    assert not grouper.same_story("openai", "deepseek")
    assert grouper.same_story("openai", "short")
    assert not grouper.same_story("deepseek", "short")  # never names DeepSeek
    assert grouper.group_of("openai") == ["openai", "short"]


def test_an_undated_telling_joins_the_dated_story_it_resembles_most():
    # "Left OpenAI" in May, then "joined Anthropic, after leaving OpenAI" in
    # June: the undated "left OpenAI" is May's story, not June's.
    grouper = StoryGrouper()
    left = ("departure", "person:calvin-french-owen", (("from", "company:openai"),))
    joined = ("hire", "person:calvin-french-owen", (("to", "company:anthropic"),))
    grouper.add("may", *EN, COUNTS, DAY - timedelta(days=30), "en", [left])
    grouper.add("june", *EN, COUNTS, DAY, "en", [left, joined])
    grouper.add("undated", *PT, COUNTS, None, "pt", [left])
    assert grouper.groups() == [["may", "undated"]]


def test_a_currency_sign_is_not_a_name():
    features = story_features("xAI capta US$ 6 bilhões", "A xAI levantou US$ 6 bilhões.", COUNTS)
    assert "us" not in features.anchors and "us" not in features.names
    assert "money:USD:6000000000" in features.money


def test_a_retelling_without_the_investors_or_the_company_name_groups():
    grouper = StoryGrouper()
    counts = {"company:xai": 2, "company:nvidia": 1}
    raised = ("funding", "company:xai")
    grouper.add(
        "en",
        "xAI raises $6 billion",
        "xAI raised $6 billion with Nvidia among investors.",
        counts,
        DAY,
        "en",
        [(*raised, (("investor", "company:nvidia"), ("amount", "USD:6000000000")))],
    )
    grouper.add(
        "id",
        "xAI Raup US$6 Miliar",
        "xAI mengantongi US$6 miliar.",
        {"company:xai": 2},
        DAY,
        "id",
        [(*raised, (("amount", "USD:6000000000"),))],
    )
    joined = ("hire", "person:calvin-french-owen")
    grouper.add("move", *OTHER, COUNTS, DAY, "en", [(*joined, (("to", "company:openai"),))])
    # A headline naming no company cannot contradict where the person went.
    grouper.add(
        "short",
        "Calvin French-Owen Gabung",
        "",
        {"person:calvin-french-owen": 1},
        DAY,
        "id",
        [joined],
    )
    assert grouper.groups() == [["en", "id"], ["move", "short"]]


def test_a_person_named_once_in_a_retelling_still_links_it():
    grouper = StoryGrouper()
    grouper.add(
        "en",
        "Zuckerberg launches Meta Superintelligence Labs",
        "Mark Zuckerberg said so.",
        {"person:mark-zuckerberg": 2, "company:meta": 2},
        DAY,
        "en",
    )
    grouper.add(
        "pt",
        "Meta cria Meta Superintelligence Labs",
        "Mark Zuckerberg anunciou.",
        {"person:mark-zuckerberg": 1, "company:meta": 2},
        DAY,
        "pt",
    )
    assert grouper.group_of("pt") == ["en", "pt"]


def test_titles_naming_the_same_two_companies_the_same_day_group():
    # No word in common: the titles' companies, the days and two people
    # named in passing (the same two companies 20 days later, or with other
    # people in passing, are another story).
    grouper = StoryGrouper()
    counts = {"company:amd": 2, "company:openai": 2, "person:lisa-su": 1, "person:sam-altman": 1}
    grouper.add(
        "en",
        "AMD signs chip deal with OpenAI",
        "Lisa Su called it a win-win; Sam Altman agreed.",
        counts,
        DAY,
        "en",
    )
    grouper.add(
        "id",
        "AMD Gandeng OpenAI",
        "Lisa Su dan Sam Altman mengumumkan kesepakatan cip.",
        counts,
        DAY + timedelta(days=1),
        "id",
    )
    grouper.add(
        "later", "AMD and OpenAI expand deal", "More chips.", counts, DAY + timedelta(days=20), "en"
    )
    grouper.add(
        "other",
        "AMD and OpenAI at a conference",
        "Jensen Huang spoke.",
        {"company:amd": 2, "company:openai": 2, "person:jensen-huang": 1},
        DAY,
        "en",
    )
    assert grouper.groups() == [["en", "id"]]


def test_a_follow_up_days_later_is_another_story_though_it_retells_the_event():
    grouper = StoryGrouper()
    counts = {"person:sam-altman": 2, "company:openai": 2}
    fired = ("fired", "person:sam-altman")
    grouper.add(
        "fired",
        "Sam Altman Dipecat dari OpenAI",
        "Dipecat Jumat (17/11/2023).",
        counts,
        datetime(2023, 11, 18, tzinfo=UTC),
        "id",
        [(*fired, (("from", "company:openai"), ("date", "2023-11-17")))],
    )
    grouper.add(
        "returns",
        "Sam Altman to return as OpenAI CEO",
        "Days after he was fired.",
        counts,
        datetime(2023, 11, 22, tzinfo=UTC),
        "en",
        [(*fired, (("from", "company:openai"),)), ("hire", "person:sam-altman")],
    )
    assert grouper.groups() == []


def test_a_year_is_not_an_anchor():
    features = story_features("Hinton wins the 2024 Nobel", "In 2024, 1,500 people came.", COUNTS)
    assert "num:2024" not in features.anchors and "num:1500" in features.anchors


def test_one_deal_read_as_different_events_still_groups():
    # The event reader took the Indonesian telling's subject for an investor:
    # the same companies in both titles and shared amounts say it is one deal.
    grouper = StoryGrouper()
    counts = {"company:microsoft": 2, "company:nvidia": 2, "company:anthropic": 2}
    grouper.add(
        "en",
        "Microsoft and Nvidia to invest in Anthropic",
        "Microsoft will invest up to $5 billion and Nvidia up to $10 billion.",
        counts,
        DAY,
        "en",
        [("funding", "company:anthropic", (("investor", "company:nvidia"),))],
    )
    grouper.add(
        "id",
        "Microsoft dan Nvidia Suntik Anthropic",
        "Microsoft hingga US$5 miliar dan Nvidia hingga US$10 miliar.",
        counts,
        DAY,
        "id",
        [("funding", "company:nvidia", (("investor", "company:microsoft"),))],
    )
    grouper.add(
        "other",
        "Microsoft and Nvidia to invest in Anthropic again",
        "Microsoft will invest $2 billion more.",
        counts,
        DAY,
        "en",
        [("funding", "company:xai", (("investor", "company:nvidia"),))],
    )
    assert grouper.groups() == [["en", "id"]]


def test_an_article_stating_two_deals_does_not_join_them():
    # One investor, two deals three days apart; the second's retelling
    # recalls the first's amount. It joins the deal its headline states.
    grouper = StoryGrouper()
    google = {"company:google": 2}
    germany, texas = DAY, DAY + timedelta(days=3)
    grouper.add(
        "de-en",
        "Google to invest €5.5 billion in Germany",
        "Google will invest €5.5 billion in Germany, in Dietzenbach.",
        google,
        germany,
        "en",
    )
    grouper.add(
        "de-pt",
        "Google vai investir € 5,5 bilhões na Alemanha",
        "O Google vai investir € 5,5 bilhões na Alemanha, em Dietzenbach.",
        google,
        germany,
        "pt",
    )
    grouper.add(
        "tx-en",
        "Google to invest $40 billion in Texas",
        "Google will invest $40 billion in Texas, in Armstrong county.",
        google,
        texas,
        "en",
    )
    grouper.add(
        "tx-id",
        "Google Guyur US$40 Miliar di Texas",
        "Google berinvestasi US$40 miliar di Texas. Pekan ini Google juga menanam €5,5 "
        "miliar di Jerman.",
        google,
        texas,
        "id",
    )
    assert grouper.groups() == [["de-en", "de-pt"], ["tx-en", "tx-id"]]


def test_a_rumour_and_its_confirmation_days_later_group():
    grouper = StoryGrouper()
    counts = {"company:meta": 2, "company:scale-ai": 2}
    grouper.add(
        "rumour",
        "Meta in talks to invest more than $10 billion in Scale AI",
        "Meta is in talks to invest, Bloomberg reported.",
        counts,
        DAY,
        "en",
    )
    grouper.add(
        "deal",
        "Meta takes 49% stake in Scale AI for $14.3 billion",
        "Meta will invest $14.3 billion.",
        counts,
        DAY + timedelta(days=3),
        "en",
        [("funding", "company:scale-ai", (("investor", "company:meta"),))],
    )
    assert grouper.group_of("rumour") == ["rumour", "deal"]


def test_a_roundup_of_two_peoples_stories_joins_neither():
    grouper = StoryGrouper()
    hinton = {"person:geoffrey-hinton": 2}
    hassabis = {"person:demis-hassabis": 2}
    both = {"person:geoffrey-hinton": 2, "person:demis-hassabis": 2}
    grouper.add(
        "hinton",
        "Geoffrey Hinton wins Nobel Prize in Physics",
        "Geoffrey Hinton and John Hopfield won the Nobel Prize.",
        hinton,
        DAY,
        "en",
    )
    grouper.add(
        "hassabis",
        "Demis Hassabis shares Nobel Prize in Chemistry",
        "Demis Hassabis and John Jumper share the Nobel Prize.",
        hassabis,
        DAY,
        "en",
    )
    grouper.add(
        "roundup",
        "Nobels: Hinton in physics, Hassabis in chemistry",
        "Geoffrey Hinton won the Nobel Prize with Hopfield; Demis Hassabis with Jumper.",
        both,
        DAY + timedelta(days=1),
        "en",
    )
    assert grouper.groups() == []


def test_one_launch_told_by_each_of_its_two_presenters_groups():
    # The English telling names both; the others one each, and the event
    # reader credits the launch to the company in one, the person in another.
    grouper = StoryGrouper()
    both = {"person:sundar-pichai": 2, "person:demis-hassabis": 2, "company:google": 1}
    grouper.add(
        "en",
        "Sundar Pichai and Demis Hassabis unveil Gemini 2.0",
        "Sundar Pichai and Demis Hassabis showed Gemini 2.0 Flash and Project Mariner.",
        both,
        DAY,
        "en",
        [("launch", "company:google")],
    )
    grouper.add(
        "id",
        "Sundar Pichai Perkenalkan Gemini 2.0",
        "Sundar Pichai meluncurkan Gemini 2.0 Flash.",
        {"person:sundar-pichai": 2},
        DAY,
        "id",
        [("launch", "company:google")],
    )
    grouper.add(
        "pt",
        "Demis Hassabis apresenta o Gemini 2.0 e o Project Mariner",
        "Demis Hassabis mostrou o Gemini 2.0 Flash e o Project Mariner.",
        {"person:demis-hassabis": 2},
        DAY,
        "pt",
        [("launch", "person:demis-hassabis")],
    )
    assert grouper.groups() == [["en", "id", "pt"]]


def test_an_undated_telling_weighs_rare_shared_words_more():
    # It shares as many words with each launch; "Rilis" (released) is in
    # every Indonesian launch headline, "Opus" only in the 2025 launch's.
    grouper = StoryGrouper()
    anthropic = {"company:anthropic": 2}
    launch = [("launch", "company:anthropic")]
    grouper.add(
        "2024",
        "Anthropic Rilis Claude Sonnet",
        "Anthropic Rilis Sonnet Baru.",
        anthropic,
        DAY - timedelta(days=330),
        "id",
        launch,
    )
    grouper.add(
        "2025",
        "Anthropic unveils Claude Opus",
        "Anthropic launched Opus and Sonnet Max.",
        anthropic,
        DAY,
        "en",
        launch,
    )
    for n in range(4):
        grouper.add(
            f"other{n}",
            f"Startup {n} Rilis Model",
            f"Startup {n} Rilis model baru.",
            {},
            DAY - timedelta(days=100 * n),
            "id",
        )
    grouper.add("undated", "Anthropic Rilis Claude Opus", "", anthropic, None, "id", launch)
    assert grouper.group_of("undated") == ["2025", "undated"]


def test_a_product_name_that_is_also_a_word_is_an_anchor():
    features = story_features(
        "OpenAI unveils Sora", "OpenAI showed Sora and Gemini rivals.", COUNTS
    )
    assert {"sora", "gemini"} <= features.anchors


def test_two_interviews_sharing_only_the_place_are_two_stories():
    grouper = StoryGrouper()
    amodei = {"person:dario-amodei": 2}
    grouper.add(
        "jobs",
        "Dario Amodei says AI could surpass humans by 2027",
        "Dario Amodei told a panel in Davos that AI could beat humans.",
        amodei,
        DAY,
        "en",
    )
    grouper.add(
        "voice",
        "Anthropic's Dario Amodei says Claude will get voice",
        "Dario Amodei told a newspaper in Davos that Claude gains voice.",
        {**amodei, "company:anthropic": 2},
        DAY + timedelta(days=2),
        "en",
    )
    add_filler(grouper, 40)  # a corpus in which "Davos" is rare
    assert grouper.group_of("jobs") == ["jobs"]


def _openai_week(grouper: StoryGrouper, roundup_events: list[tuple[str, str]]) -> None:
    openai = {"company:openai": 2}
    round_ = [("funding", "company:openai")]
    grouper.add(
        "round",
        "OpenAI raises $6.6 billion",
        "OpenAI raised $6.6 billion.",
        openai,
        DAY,
        "en",
        round_,
    )
    grouper.add(
        "round-pt",
        "OpenAI capta US$ 6,6 bilhões",
        "A OpenAI levantou US$ 6,6 bilhões.",
        openai,
        DAY,
        "pt",
        round_,
    )
    grouper.add(
        "canvas",
        "OpenAI launches Canvas for ChatGPT",
        "OpenAI introduced Canvas.",
        openai,
        DAY + timedelta(days=1),
        "en",
        [("launch", "company:openai")],
    )
    grouper.add(
        "week",
        "OpenAI raises $6.6 billion and launches Canvas",
        "OpenAI raised $6.6 billion and launched Canvas.",
        openai,
        DAY + timedelta(days=2),
        "en",
        roundup_events,
    )


def test_an_article_telling_two_stories_its_matches_tell_apart_joins_neither():
    grouper = StoryGrouper()
    _openai_week(grouper, [("funding", "company:openai"), ("launch", "company:openai")])
    assert grouper.group_of("round") == ["round", "round-pt"]
    assert grouper.group_of("canvas") == ["canvas"]
    assert grouper.group_of("week") == ["week"]


def test_an_article_telling_one_of_the_stories_joins_it():
    grouper = StoryGrouper()
    _openai_week(grouper, [("funding", "company:openai")])
    assert grouper.group_of("round") == ["round", "round-pt", "week"]


def test_a_move_told_as_a_departure_and_as_a_hire_is_not_two_stories():
    grouper = StoryGrouper()
    counts = {"person:john-schulman": 2, "company:openai": 1, "company:anthropic": 1}
    left = [("departure", "person:john-schulman")]
    joined = [("hire", "person:john-schulman")]
    grouper.add(
        "left",
        "John Schulman leaves OpenAI",
        "John Schulman left OpenAI on Monday.",
        counts,
        DAY,
        "en",
        left,
    )
    grouper.add(
        "joined",
        "John Schulman joins Anthropic",
        "John Schulman joined Anthropic.",
        counts,
        DAY,
        "en",
        joined,
    )
    grouper.add(
        "both",
        "John Schulman leaves OpenAI for Anthropic",
        "John Schulman left OpenAI and joined Anthropic.",
        counts,
        DAY,
        "en",
        left + joined,
    )
    assert set(grouper.group_of("both")) >= {"both", "left"}


def test_a_headline_presenting_a_digest_marks_a_roundup():
    marked = [
        "The week in AI: OpenAI raises $6.6 billion",
        "Gemini 3 lands as Nvidia backs Anthropic: the day in AI",
        "Kilas AI Hari Ini: Mistral Dapat €1,7 Miliar",
        "Resumo do dia: Mistral capta € 1,7 bilhão",
    ]
    plain = [
        "Mistral AI lands €1.7 billion this week",
        "Exclusive: Apple's top models executive heads to Meta",
        "Altman out: a week after the board fired him, OpenAI says it will hire him back",
    ]
    assert all(story_features(t, "", {}).roundup for t in marked)
    assert not any(story_features(t, "", {}).roundup for t in plain)


def test_a_roundup_does_not_join_the_story_it_shares_an_amount_with():
    grouper = StoryGrouper()
    mistral = {"company:mistral-ai": 2}
    round_ = [("funding", "company:mistral-ai")]
    grouper.add(
        "en",
        "Mistral AI raises €1.7 billion led by ASML",
        "Mistral AI raised €1.7 billion led by ASML.",
        mistral,
        DAY,
        "en",
        round_,
    )
    grouper.add(
        "pt",
        "Mistral capta € 1,7 bilhão com a ASML",
        "A Mistral AI levantou € 1,7 bilhão com a ASML.",
        mistral,
        DAY,
        "pt",
        round_,
    )
    grouper.add(
        "digest",
        "Resumo do dia: Mistral capta € 1,7 bilhão e Apple adia Siri",
        "A Mistral AI levantou € 1,7 bilhão com a ASML; a Apple adiou a Siri.",
        {**mistral, "company:apple": 2},
        DAY,
        "pt",
        round_,
    )
    assert grouper.group_of("en") == ["en", "pt"]
    assert grouper.group_of("digest") == ["digest"]


def test_an_undated_telling_naming_a_year_joins_no_article_published_in_another():
    counts = {"person:jensen-huang": 2, "company:nvidia": 1}
    launch = [("launch", "company:nvidia")]
    for year, joins in (("2025", False), ("2024", True)):
        grouper = StoryGrouper()
        grouper.add(
            "dated",
            "Jensen Huang unveils Rubin at Computex",
            "Jensen Huang unveiled Rubin and Blackwell Ultra in Taipei.",
            counts,
            datetime(2024, 6, 2, tzinfo=UTC),
            "en",
            launch,
        )
        grouper.add(
            "undated",
            f"Jensen Huang apresenta Rubin na Computex {year}",
            f"Em Taipé, Jensen Huang apresentou Rubin e Blackwell Ultra em {year}.",
            counts,
            None,
            "pt",
            launch,
        )
        assert (grouper.group_of("undated") == ["dated", "undated"]) is joins, year


def test_a_headline_naming_the_person_and_one_naming_the_company_share_the_event():
    grouper = StoryGrouper()
    launch = [("launch", "company:nvidia")]
    grouper.add(
        "company",
        "Nvidia unveils Blackwell at GTC",
        "Jensen Huang unveiled the Blackwell platform at GTC in San Jose.",
        {"company:nvidia": 1, "person:jensen-huang": 1},
        DAY,
        "en",
        launch,
    )
    grouper.add(
        "person",
        "Jensen Huang Perkenalkan Blackwell di GTC",
        "CEO Nvidia Jensen Huang memperkenalkan platform Blackwell di San Jose.",
        {"company:nvidia": 1, "person:jensen-huang": 2},
        DAY,
        "id",
        launch,
    )
    assert grouper.group_of("person") == ["company", "person"]


def test_a_retelling_of_a_hire_may_drop_where_the_person_came_from():
    grouper = StoryGrouper()
    grouper.add(
        "en",
        "Jan Leike joins Anthropic after leaving OpenAI",
        "Jan Leike said on Tuesday he has joined Anthropic.",
        {"person:jan-leike": 2, "company:anthropic": 1, "company:openai": 1},
        DAY,
        "en",
        [("hire", "person:jan-leike", {"from": "company:openai", "to": "company:anthropic"})],
    )
    grouper.add(
        "id",
        "Jan Leike Gabung Anthropic",
        "Jan Leike kini bergabung dengan Anthropic.",
        {"person:jan-leike": 2, "company:anthropic": 1},
        DAY + timedelta(days=1),
        "id",
        [("hire", "person:jan-leike", {"to": "company:anthropic"})],
    )
    grouper.add(
        "other",
        "Jan Leike Gabung Google",
        "Jan Leike kini bergabung dengan Google.",
        {"person:jan-leike": 2, "company:google": 1},
        DAY + timedelta(days=1),
        "id",
        [("hire", "person:jan-leike", {"to": "company:google"})],
    )
    assert grouper.group_of("id") == ["en", "id"]


def test_a_name_set_off_by_punctuation_in_the_headline_is_a_headline_name():
    counts = {"person:satya-nadella": 2, "company:openai": 1, "company:character-ai": 1}
    features = story_features("Satya Nadella: (OpenAI) e a Character.AI", "", counts)
    assert features.title_names == set(counts)


def test_one_product_name_does_not_make_a_keynote_and_an_interview_one_story():
    grouper = StoryGrouper()
    nadella = {"person:satya-nadella": 2}
    grouper.add(
        "keynote",
        "Satya Nadella opens Build with GitHub Copilot agent",
        "Satya Nadella opened Build in Seattle with a GitHub Copilot agent.",
        nadella,
        DAY,
        "en",
    )
    grouper.add(
        "interview",
        "Satya Nadella says Copilot agents will replace apps",
        "In a podcast interview, Satya Nadella said Copilot agents would replace apps.",
        nadella,
        DAY + timedelta(days=2),
        "en",
    )
    grouper.add(
        "retold",
        "Satya Nadella: Agen Copilot Akan Gantikan Aplikasi",
        "Dalam wawancara podcast, Satya Nadella bilang agen Copilot akan menggantikan aplikasi.",
        nadella,
        DAY + timedelta(days=2),
        "id",
    )
    add_filler(grouper, 40)  # a corpus in which "Copilot" is rare
    assert grouper.group_of("keynote") == ["keynote"]
    assert grouper.group_of("interview") == ["interview", "retold"]


def test_days_and_months_are_dates_not_names():
    features = story_features(
        "Elon Musk says Grok 5 could reach AGI in December",
        "Elon Musk said on Monday, pada Senin, that Grok 5 ships in Março.",
        {"person:elon-musk": 2},
    )
    assert "grok" in features.anchors
    assert not {"monday", "senin", "december", "marco"} & features.anchors


def test_a_lawsuit_and_a_remark_the_same_day_sharing_a_product_are_two_stories():
    grouper = StoryGrouper()
    musk = {"person:elon-musk": 2}
    grouper.add(
        "suit",
        "xAI, de Elon Musk, processa Apple e OpenAI",
        "A xAI processou Apple e OpenAI no Texas por causa do Grok na App Store.",
        {**musk, "company:xai": 1, "company:apple": 1, "company:openai": 1},
        DAY,
        "pt",
    )
    grouper.add(
        "remark",
        "Elon Musk: Grok 5 Berpeluang Capai AGI",
        "Elon Musk mengatakan Grok 5 punya peluang mencapai AGI.",
        musk,
        DAY,
        "id",
    )
    add_filler(grouper, 40)  # a corpus in which "Grok" is rare
    assert grouper.group_of("remark") == ["remark"]


def test_an_article_telling_several_peoples_moves_joins_no_telling_of_one():
    grouper = StoryGrouper()
    schulman = {"person:john-schulman": 2, "company:openai": 1, "company:anthropic": 1}
    left = [("departure", "person:john-schulman", {"from": "company:openai"})]
    grouper.add(
        "en",
        "John Schulman leaves OpenAI for Anthropic",
        "John Schulman said on Monday he was leaving OpenAI for Anthropic.",
        schulman,
        DAY,
        "en",
        left,
    )
    grouper.add(
        "pt",
        "John Schulman deixa a OpenAI pela Anthropic",
        "John Schulman deixa a OpenAI e vai para a Anthropic.",
        schulman,
        DAY,
        "pt",
        left,
    )
    grouper.add(
        "shake-up",
        "OpenAI shake-up: Schulman exits, Brockman takes leave",
        "John Schulman is leaving OpenAI for Anthropic and Greg Brockman, "
        "OpenAI's president, is taking leave. Brockman will return next year.",
        {**schulman, "person:greg-brockman": 2},
        DAY,
        "en",
        left + [("leave", "person:greg-brockman", {"from": "company:openai"})],
    )
    assert grouper.group_of("en") == ["en", "pt"]
    assert grouper.group_of("shake-up") == ["shake-up"]


def test_an_amount_is_one_anchor_in_every_notation():
    notations = [
        ("en", "Anthropic raises $13 billion", "Anthropic said it raised $13 billion."),
        ("id", "Anthropic Kantongi 13 Miliar Dolar AS", "Anthropic meraih 13 miliar dolar AS."),
        ("pt", "Anthropic capta US$ 13 bi", "A Anthropic levantou 13 bilhões de dólares."),
    ]
    found = [
        story_features(title, body, {"company:anthropic": 2}, DAY, lang).money
        for lang, title, body in notations
    ]
    assert found == [frozenset({"money:USD:13000000000"})] * 3


def test_short_retellings_of_a_round_in_three_notations_group_and_the_next_round_does_not():
    grouper = StoryGrouper()
    counts = {"company:anthropic": 2}
    funding = [("funding", "company:anthropic", {"amount": "USD:13000000000"})]
    grouper.add(
        "en",
        "Anthropic raises $13 billion at $183 billion valuation",
        "Anthropic said on Tuesday it raised $13 billion, valuing it at $183 billion.",
        counts,
        DAY,
        "en",
        funding,
    )
    grouper.add(
        "id",
        "Anthropic Kantongi Dana Segar 13 Miliar Dolar AS",
        "Pengembang Claude itu kini bernilai 183 miliar dolar AS.",
        counts,
        DAY + timedelta(days=1),
        "id",
        funding,
    )
    grouper.add(
        "pt",
        "Anthropic capta US$ 13 bi",
        "A Anthropic levantou US$ 13 bilhões e passou a valer US$ 183 bilhões.",
        counts,
        DAY,
        "pt",
        funding,
    )
    grouper.add(
        "later",
        "Anthropic capta US$ 30 bi",
        "A Anthropic levantou US$ 30 bilhões.",
        counts,
        DAY + timedelta(days=3),
        "pt",
        [("funding", "company:anthropic", {"amount": "USD:30000000000"})],
    )
    assert grouper.group_of("pt") == ["en", "id", "pt"]
    assert grouper.group_of("later") == ["later"]


def test_a_retelling_whose_headline_drops_the_company_its_body_names_groups():
    grouper = StoryGrouper()
    grouper.add(
        "en",
        "Anthropic's Dario Amodei warns AI could wipe out entry-level jobs",
        "Dario Amodei told Axios that AI could eliminate half of entry-level jobs.",
        {"person:dario-amodei": 2, "company:anthropic": 1},
        DAY,
        "en",
    )
    grouper.add(
        "pt",
        "Dario Amodei alerta que IA pode eliminar empregos de entrada",
        "Dario Amodei, CEO da Anthropic, disse ao Axios que a IA pode eliminar empregos.",
        {"person:dario-amodei": 2, "company:anthropic": 1},
        DAY + timedelta(days=1),
        "pt",
    )
    add_filler(grouper, 20)  # a corpus in which "Axios" is rare
    assert grouper.group_of("pt") == ["en", "pt"]


def test_a_share_is_one_anchor_in_every_language():
    texts = ["AI will write 90% of code.", "AI menulis 90 persen kode.", "IA fará 90 por cento."]
    assert all("pct:90" in story_features("", text, {}).anchors for text in texts)


def test_an_undated_retelling_naming_the_year_it_was_told_joins_a_lead_naming_a_plan():
    grouper = StoryGrouper()
    huang = {"person:jensen-huang": 2}
    grouper.add(
        "keynote",
        "Jensen Huang unveils Rubin platform at Computex",
        "Jensen Huang said Nvidia will follow Blackwell with Rubin in 2026, at Computex.",
        huang,
        datetime(2024, 6, 2, tzinfo=UTC),
        "en",
    )
    grouper.add(
        "undated",
        "Jensen Huang Umumkan Platform Rubin di Computex 2024",
        "Jensen Huang mengumumkan platform Rubin sebagai penerus Blackwell di Computex 2024.",
        huang,
        None,
        "id",
    )
    grouper.add(
        "next-year",
        "Jensen Huang Pamerkan Rubin di Computex 2025",
        "Jensen Huang memamerkan Rubin dan Blackwell di Computex 2025.",
        huang,
        None,
        "id",
    )
    assert grouper.group_of("keynote") == ["keynote", "undated"]


def test_an_unwatched_persons_full_name_in_both_headlines_links_a_company_story():
    grouper = StoryGrouper()
    openai = {"company:openai": 2}
    grouper.add(
        "en",
        "OpenAI names Nextdoor's Sarah Friar as finance chief",
        "OpenAI has named Sarah Friar, the former chief executive of Nextdoor, as its CFO.",
        openai,
        DAY,
        "en",
    )
    grouper.add(
        "pt",
        "OpenAI contrata Sarah Friar como diretora financeira",
        "A OpenAI contratou Sarah Friar, ex-CEO da Nextdoor, como diretora financeira.",
        openai,
        DAY + timedelta(days=1),
        "pt",
    )
    grouper.add(
        "other",
        "OpenAI names Kevin Weil as product chief",
        "OpenAI has named Kevin Weil, who ran product at Instagram, as chief product officer.",
        openai,
        DAY,
        "en",
    )
    add_filler(grouper, 20)
    assert grouper.group_of("pt") == ["en", "pt"]


def test_a_figure_in_both_headlines_links_a_company_story_and_alone_does_not():
    grouper = StoryGrouper()
    meta = {"company:meta": 2, "person:alexandr-wang": 1}
    grouper.add(
        "en",
        "Meta to cut about 600 jobs in its AI unit",
        "Meta is cutting roughly 600 positions, including in FAIR, Alexandr Wang told staff.",
        meta,
        DAY,
        "en",
    )
    grouper.add(
        "id",
        "Meta PHK 600 Karyawan Divisi AI",
        "Meta memangkas sekitar 600 posisi, termasuk tim riset FAIR, menurut memo Alexandr Wang.",
        meta,
        DAY + timedelta(days=1),
        "id",
    )
    grouper.add(
        "other",
        "Meta opens 600 new roles in Texas",
        "Meta said its new data center will employ 600 people.",
        {"company:meta": 2},
        DAY,
        "en",
    )
    add_filler(grouper, 20)
    assert grouper.group_of("id") == ["en", "id"]


def test_a_headline_institution_spelled_each_languages_way_links_and_background_does_not():
    grouper = StoryGrouper()
    amodei = {"person:dario-amodei": 2, "company:anthropic": 1}
    grouper.add(
        "id",
        "Dario Amodei Bersaksi di Senat AS soal Keamanan AI",
        "CEO Anthropic Dario Amodei memberikan kesaksian di hadapan Senat Amerika Serikat.",
        amodei,
        DAY,
        "id",
    )
    grouper.add(
        "pt",
        "Dario Amodei, da Anthropic, pede ao Senado dos EUA testes de segurança",
        "O presidente-executivo da Anthropic, Dario Amodei, falou em depoimento ao Senado.",
        amodei,
        DAY + timedelta(hours=6),
        "pt",
    )
    grouper.add(
        "later",
        "Dario Amodei opens Anthropic's office in Tokyo",
        "Dario Amodei opened the Tokyo office, days after his Senate testimony.",
        amodei,
        DAY + timedelta(days=2),
        "en",
    )
    add_filler(grouper, 20)
    assert grouper.group_of("id") == ["id", "pt"]
    assert grouper.group_of("later") == ["later"]


def test_one_investors_two_deals_of_one_amount_are_two_stories_and_a_translated_place_is_not():
    grouper = StoryGrouper()
    grouper.add(
        "xai",
        "Nvidia to invest up to $2 billion in xAI's funding round",
        "Nvidia will invest as much as $2 billion in xAI's $20 billion funding round.",
        {"company:nvidia": 2, "company:xai": 2},
        DAY,
        "en",
        [("funding", "company:xai", {"investor": "company:nvidia"})],
    )
    grouper.add(
        "reflection",
        "Nvidia leads $2 billion round in open-model startup Reflection AI",
        "Reflection AI, founded by former researchers, raised $2 billion in a round led by Nvidia.",
        {"company:nvidia": 1},
        DAY + timedelta(days=2),
        "en",
    )
    grouper.add(
        "de-en",
        "Google to invest 5.5 billion euros in Germany",
        "Google will invest €5.5 billion in Germany, including a data center in Dietzenbach.",
        {"company:google": 2},
        DAY,
        "en",
    )
    grouper.add(
        "de-pt",
        "Google vai investir € 5,5 bilhões na Alemanha",
        "O Google anunciou investimento de € 5,5 bilhões na Alemanha, com um data center em "
        "Dietzenbach.",
        {"company:google": 2},
        DAY,
        "pt",
    )
    assert grouper.group_of("xai") == ["xai"]
    assert grouper.group_of("de-pt") == ["de-en", "de-pt"]
