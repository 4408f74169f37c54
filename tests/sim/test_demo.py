"""The offline demo, played once per language: one chronological story in that language, one person's part of
it, the App Home only when it changed, dates as people write them, and the files in `demo-output/`."""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from bot.i18n import LANGUAGES, get_translator, load_catalog
from sim.demo.run import Played, find_person, play, write_outputs
from sim.demo.scenes import ordered
from sim.demo.story import HOME_LINES, Story, render_story, render_transcript
from sim.demo.world import CHANNELS, EMMA, KARI, NINA, OLA, OSLO, TEAM, Scene, at
from tests.test_demo_language import printed_story_reads_right

NARRATION = (
    "typed",
    "clicked",
    "filled",
    "form_reply",
    "reply",
    "dm",
    "post",
    "chart",
    "home",
    "invited",
    "jumped",
    "modal",
)
WRONG_PLURAL = re.compile(
    r"\b1 (nye|medlemmer|dager|dagar|uker|veker|ganger|gonger|personer|påminnelser|påminningar|svarte)\b"
    r"|\b(0|[2-9]|\d{2,}) (nytt|medlem|dag|uke|veke|gang|gong|person|påminnelse|påminning)\b"
)
CLOCK_WITH_COLON = re.compile(r"\b\d{1,2}:\d{2}\b")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_demo_plays_in_each_language(lang: str, tmp_path: Path) -> None:
    """One run per language (a run takes seconds, so the checks share it rather than each playing again)."""
    played = asyncio.run(play(lang))
    for check in (
        story_is_chronological,
        everyone_takes_part_and_the_channel_gets_the_chart,
        narration_is_in_the_demo_language_and_so_is_the_bot_for_those_who_did_not_choose,
        times_and_plurals_read_right,
        date_pickers_show_dates_as_people_write_them,
        home_is_in_the_story_only_when_it_changed,
        following_one_person_shows_only_them,
        printed_story_reads_right_in_every_part,
    ):
        check(played)
    outputs_hold_the_story_each_transcript_and_the_chart(played, tmp_path)


def _everything(played: Played, *, without: tuple[str, ...] = ()) -> str:
    tr = get_translator(played.lang)
    people = [m.user_id for m in TEAM if m.user_id not in without] + list(CHANNELS)
    lines = [line for who in people for line in render_transcript(played.story, who, tr)]
    return "\n".join(lines)


def story_is_chronological(played: Played) -> None:
    instants = [event.at for event in played.story.events]
    assert instants == sorted(instants)
    assert instants[0].date() == date(2026, 11, 30)
    assert instants[-1] > instants[0] + timedelta(days=21)
    # The printed story too: day headings in order, and the clock never goes back within a day.
    tr = get_translator(played.lang)
    headings = {tr.date(instants[0].date() + timedelta(days=n)): n for n in range(60)}
    day, last = -1, ""
    for line in render_story(played.story, tr, OSLO):
        if line in headings:
            assert headings[line] > day
            day, last = headings[line], ""
        elif match := re.match(r"  (\d\d[.:]\d\d)  ", line):
            assert match.group(1) >= last, line
            last = match.group(1)


def everyone_takes_part_and_the_channel_gets_the_chart(played: Played) -> None:
    for member in TEAM:
        assert any(e.who == member.user_id for e in played.story.events), member.name
    assert played.chart is not None
    assert played.chart.startswith(b"\x89PNG")
    tr = get_translator(played.lang)
    assert any(e.what == tr.t("demo.chart", channel="#team-kari") for e in played.story.events)


def narration_is_in_the_demo_language_and_so_is_the_bot_for_those_who_did_not_choose(
    played: Played,
) -> None:
    catalog = load_catalog(played.lang)
    prefixes = tuple(str(catalog[f"demo.{key}"]).split("{")[0] for key in (*NARRATION, "pulse_answer"))
    for event in played.story.events:
        assert event.what.startswith(prefixes), event.what
    others = [lang for lang in LANGUAGES if lang != played.lang]
    words = {lang: str(load_catalog(lang)["demo.dm"]) for lang in LANGUAGES}
    assert not any(e.what in (words[o] for o in others) for e in played.story.events)
    # Ola never chose a language: the bot's first DM to him (Kari's request) is in the demo's language.
    request = played.story.readable(get_translator(played.lang).t("consent.request_oneonone", requester=KARI))
    ola = next(e.seen for e in played.story.events if e.who == OLA and e.what == words[played.lang])
    assert ola.startswith(request)
    emma = [e.seen for e in played.story.events if e.who == EMMA and e.what == words[played.lang]]
    assert emma
    assert all("tiltak" not in seen.lower() for seen in emma)


def times_and_plurals_read_right(played: Played) -> None:
    """Norwegian: `kl. 09.00`, never a colon in a time, and no `1 nye` or `2 medlem`; English: `09:00`."""
    text = _everything(played, without=(EMMA,))  # Emma reads English by her own choice
    if played.lang == "en":
        assert "at 09:00" in text
        assert "kl." not in text
        return
    assert not WRONG_PLURAL.search(text), WRONG_PLURAL.search(text)
    assert not CLOCK_WITH_COLON.search(text), CLOCK_WITH_COLON.search(text)
    assert "kl. 09.00" in text
    assert "kl. 13.00" in text


def printed_story_reads_right_in_every_part(played: Played) -> None:
    printed_story_reads_right(list(render_story(played.story, get_translator(played.lang), OSLO)))


def date_pickers_show_dates_as_people_write_them(played: Played) -> None:
    text = _everything(played)
    assert not re.search(r"\b2026-\d\d-\d\d\b", text)
    expected = {"nb": "[📅 18.12.2026]", "nn": "[📅 18.12.2026]", "en": "[📅 18 Dec 2026]"}[played.lang]
    assert expected in text


def home_is_in_the_story_only_when_it_changed(played: Played) -> None:
    tr = get_translator(played.lang)
    homes = [e for e in played.story.events if e.what == tr.t("demo.home")]
    assert homes
    last: dict[str, str] = {}
    for event in homes:
        assert last.get(event.who) != event.seen, f"{event.who} saw the same Home twice"
        last[event.who] = event.seen
    shown = [line for line in render_story(played.story, tr, OSLO) if tr.t("demo.home") in line]
    assert len(shown) == sum(e.in_story for e in homes)
    assert len(homes) <= played.homes_published
    # After the first, only what changed: a few lines marked + (new) or − (gone), never the whole tab again.
    seen: set[str] = set()
    for event in homes:
        assert len(event.headline) <= HOME_LINES
        if event.who in seen:
            assert all(line.startswith(("+ ", "− ")) for line in event.headline), event.headline
        seen.add(event.who)


def following_one_person_shows_only_them(played: Played) -> None:
    tr = get_translator(played.lang)
    lines = render_story(played.story, tr, OSLO, only=[NINA])
    events = [line for line in lines if re.match(r"  \d\d[.:]\d\d  ", line)]
    assert events
    assert all(line.split()[1] == "Nina" for line in events)
    assert len(events) == sum(e.who == NINA and e.in_story for e in played.story.events)
    # Nina lives in New York: each line also says the time on her own clock.
    assert all(("New York" in line) for line in events)


def test_find_person_by_first_or_full_name_in_any_case() -> None:
    member = find_person("nina")
    assert member is not None
    assert member.user_id == NINA
    assert find_person("KARI NORDMANN") is not None
    assert find_person("Zed") is None


def test_an_unknown_person_is_refused_before_anything_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--person", "Zed", "--lang", "en"]) == 2
    assert "Nobody in the demo is called “Zed”" in capsys.readouterr().out


def outputs_hold_the_story_each_transcript_and_the_chart(played: Played, tmp_path: Path) -> None:
    folder = write_outputs(played, tmp_path / "demo-output")
    names = {p.name for p in folder.iterdir()}
    people = {f"{m.name.split()[0].lower()}.txt" for m in TEAM}
    assert {"story.txt", "puls-trend.png", "team-kari.txt"} | people == names
    kari = (folder / "kari.txt").read_text(encoding="utf-8")
    assert kari.count("\n") > 50
    assert "UOLA" not in kari


def test_scenes_from_every_module_play_in_the_order_they_start() -> None:
    async def nothing(_: object) -> None:
        return None

    late, early = Scene(at(3, 12, 9), nothing), Scene(at(1, 12, 9), nothing)
    extra = SimpleNamespace(SCENES=(late, early))
    scenes = ordered((extra,))  # type: ignore[arg-type]
    assert scenes == [early, late]
    starts = [scene.starts for scene in ordered()]
    assert starts == sorted(starts)
    assert len(starts) == len(set(starts))


_ZONES = {KARI: OSLO, NINA: ZoneInfo("America/New_York")}


@given(st.lists(st.sampled_from(["A", "A\nB", "B", "A\nC"]), max_size=12))
def test_a_home_appears_once_per_change(texts: list[str]) -> None:
    """Property: a person's Home is recorded exactly when it differs from the one they saw before."""
    story = Story(names={KARI: "Kari"}, zones=_ZONES)
    start = datetime(2026, 12, 1, 9, tzinfo=OSLO)
    for n, text in enumerate(texts):
        story.add_home(start + timedelta(minutes=n), KARI, "home", text)
    changes = sum(1 for n, text in enumerate(texts) if n == 0 or texts[n - 1] != text)
    assert len(story.events) == changes


def test_the_story_refuses_to_go_back_in_time() -> None:
    story = Story(names={}, zones=_ZONES)
    story.add(datetime(2026, 12, 2, 9, tzinfo=OSLO), KARI, "a")
    with pytest.raises(ValueError, match="back in time"):
        story.add(datetime(2026, 12, 1, 9, tzinfo=OSLO), KARI, "b")
