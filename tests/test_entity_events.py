"""Entity details: each event once per article and per story, dated by the
event when its sentence gives a date, else by the article."""

from __future__ import annotations

from datetime import UTC, datetime

from core.entity_events import entity_events
from core.state import LibraryState
from core.watch import EntityProfile
from storage.records import Article
from tui.screens.entity import entity_report

LEIKE = "person:jan-leike"


def event(kind: str, sentence: str, date: str | None = None, entity: str = LEIKE) -> dict:  # type: ignore[type-arg]
    found = {"kind": kind, "entity_id": entity, "sentence": sentence, "language": "id"}
    if date:
        found["date"] = date
    return found


def article(article_id: str, published: datetime | None, *events: dict) -> Article:  # type: ignore[type-arg]
    return Article(
        id=article_id,
        feed_id="f",
        identity=f"guid:{article_id}",
        title=article_id,
        link=None,
        published=published,
        first_seen=datetime(2026, 1, 1, tzinfo=UTC),
        entities=(LEIKE,),
        events=tuple(events),
    )


def archive() -> LibraryState:
    state = LibraryState()
    state.load(
        [
            # One article reporting the same departure in four sentences.
            article(
                "indonesian",
                datetime(2025, 2, 4, tzinfo=UTC),
                event("left", "Jan Leike mengundurkan diri pada November 2023 lalu", "2023-11"),
                event("left", "Leike keluar dari OpenAI"),
                event("left", "Leike meninggalkan perusahaan"),
                event("left", "Leike pergi", "2023-11"),
                event("hired", "Leike bergabung dengan Anthropic"),
            ),
            # Another outlet telling the same story, undated sentence.
            article("english", datetime(2025, 2, 5, tzinfo=UTC), event("left", "Leike left")),
            # A different story: its own departure counts once more.
            article(
                "older",
                datetime(2020, 5, 1, tzinfo=UTC),
                event("left", "Leike saiu em 2020", "2020"),
            ),
            article(
                "other", datetime(2025, 3, 1, tzinfo=UTC), event("left", "Someone else", entity="x")
            ),
        ],
        {},
    )
    state.set_stories([("english", "indonesian")])
    return state


def test_events_are_listed_once_per_article_and_story_and_dated_by_the_event() -> None:
    state = archive()
    mentioning = [
        state.articles[i] for i in state.view_order() if LEIKE in state.articles[i].entities
    ]
    rows = entity_events(LEIKE, mentioning, state.stories)
    assert [(r.when, r.kind, r.dated_by_event) for r in rows] == [
        ("2025-02-04", "hired", False),  # no date in its sentence: the article's
        ("2023-11", "left", True),  # November 2023, not the article's 2025-02-04
        ("2020", "left", True),
    ]
    assert rows[1].sentence.startswith("Jan Leike mengundurkan diri")


def test_the_details_screen_shows_each_event_once() -> None:
    state = archive()
    profile = EntityProfile(LEIKE, "Jan Leike", "person", None, None, False)
    text = entity_report(profile, state, lambda e: e, lambda a: "Feed").plain
    events = text.split("Events\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(events) == 3, events
    assert events[1].strip().startswith("2023-11 left")
    assert "2025-02-04 left" not in text


def test_one_story_telling_two_moves_keeps_both_and_counts_its_tellers() -> None:
    left_openai = dict(event("departure", "Leike left OpenAI"), roles={"from": "company:openai"})
    left_google = dict(event("departure", "Leike left Google"), roles={"from": "company:google"})
    state = LibraryState()
    state.load(
        [
            article("a", datetime(2025, 2, 4, tzinfo=UTC), left_openai, left_google),
            article("b", datetime(2025, 2, 5, tzinfo=UTC), left_openai),
        ],
        {},
    )
    state.set_stories([("a", "b")])
    rows = entity_events(LEIKE, list(state.articles.values()), state.stories)
    assert sorted((dict(r.roles)["from"], r.told_by) for r in rows) == [
        ("company:google", 1),
        ("company:openai", 2),
    ]


def test_the_seed_that_tells_altmans_firing_in_many_sentences_lists_it_once(
    tmp_path,
) -> None:
    from tests.support.seed_archive import seed_store

    store = seed_store(tmp_path)
    try:
        articles = list(store.articles())
    finally:
        store.close()
    rows = entity_events("person:sam-altman", articles, {})
    fired = [r for r in rows if r.kind == "fired"]
    assert [(r.when, r.dated_by_event, r.told_by) for r in fired] == [("2023-11", True, 1)]


NAMES = {"company:openai": "OpenAI", "company:anthropic": "Anthropic", LEIKE: "Jan Leike"}


def moved_archive() -> LibraryState:
    """One move told by two outlets of one story, with from/to."""
    moved = dict(
        event("departure", "Leike left OpenAI for Anthropic", "2024-05"),
        roles={"from": "company:openai", "to": "company:anthropic"},
    )
    state = LibraryState()
    state.load(
        [
            article("a", datetime(2025, 2, 4, tzinfo=UTC), moved),
            article("b", datetime(2025, 2, 5, tzinfo=UTC), moved),
            article("c", datetime(2025, 3, 1, tzinfo=UTC), event("leave", "Leike took leave")),
        ],
        {},
    )
    state.set_stories([("a", "b")])
    return state


def test_the_details_screen_shows_organisations_and_tellers_as_the_ledger_does() -> None:
    profile = EntityProfile(LEIKE, "Jan Leike", "person", None, None, False)
    text = entity_report(
        profile, moved_archive(), lambda e: NAMES.get(e, e), lambda a: "Feed"
    ).plain
    lines = text.split("Events\n", 1)[1].split("\n\n", 1)[0].splitlines()
    moved = next(line for line in lines if "departure" in line)
    assert "OpenAI -> Anthropic" in moved and "told by 2" in moved
    # A row told once, with no organisation, says neither.
    alone = next(line for line in lines if "leave" in line)
    assert "told by" not in alone and "->" not in alone


async def test_the_entity_screen_draws_organisations_and_tellers() -> None:
    from textual.app import App
    from textual.widgets import Static

    from tui.screens.entity import EntityScreen

    profile = EntityProfile(LEIKE, "Jan Leike", "person", None, None, False)
    report = entity_report(profile, moved_archive(), lambda e: NAMES.get(e, e), lambda a: "Feed")
    app: App[None] = App()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.push_screen(EntityScreen(profile, report))
        await pilot.pause()
        shown = str(app.screen.query_one("#entity-report", Static).render())
        assert "2024-05 departure   OpenAI -> Anthropic  told by 2  Leike left OpenAI" in shown
