"""Dates, times and language choice as users see them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, get_translator, resolve_language
from bot.i18n.formatting import long_date, week_number

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("nb", date(2026, 12, 4), "fredag 4. desember 2026 (uke 49)"),
        ("nn", date(2026, 12, 4), "fredag 4. desember 2026 (veke 49)"),
        ("en", date(2026, 12, 4), "Friday 4 December 2026 (week 49)"),
        # Week 53 of 2026 runs from 28.12.2026 to 03.01.2027; Babel's bare `nb` locale would say week 1.
        ("nb", date(2026, 12, 31), "torsdag 31. desember 2026 (uke 53)"),
        ("nb", date(2027, 1, 1), "fredag 1. januar 2027 (uke 53)"),
        ("nn", date(2027, 1, 3), "sundag 3. januar 2027 (veke 53)"),
        ("en", date(2027, 1, 3), "Sunday 3 January 2027 (week 53)"),
        ("nb", date(2027, 1, 4), "mandag 4. januar 2027 (uke 1)"),
        ("nn", date(2027, 1, 4), "måndag 4. januar 2027 (veke 1)"),
        ("nb", date(2025, 12, 29), "mandag 29. desember 2025 (uke 1)"),
        ("nn", date(2026, 5, 16), "laurdag 16. mai 2026 (veke 20)"),
        ("nb", date(2026, 5, 16), "lørdag 16. mai 2026 (uke 20)"),
        ("en", date(2026, 9, 1), "Tuesday 1 September 2026 (week 36)"),
    ],
)
def test_date(lang: str, day: date, expected: str) -> None:
    assert get_translator(lang).date(day) == expected


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("nb", date(2026, 12, 4), "4.12.2026"),
        ("nn", date(2026, 12, 4), "4.12.2026"),
        ("en", date(2026, 12, 4), "4 Dec 2026"),
        ("nb", date(2027, 1, 1), "1.1.2027"),
        ("en", date(2027, 1, 1), "1 Jan 2027"),
        ("en", date(2026, 9, 4), "4 Sept 2026"),  # CLDR's British abbreviation
    ],
)
def test_date_short(lang: str, day: date, expected: str) -> None:
    assert get_translator(lang).date_short(day) == expected


@pytest.mark.parametrize(
    ("lang", "instant", "zone", "expected"),
    [
        ("nb", "2026-12-01 12:00", OSLO, "tirsdag 1. desember 2026 kl. 13.00 (uke 49)"),
        ("nn", "2026-12-01 12:00", OSLO, "tysdag 1. desember 2026 kl. 13.00 (veke 49)"),
        ("en", "2026-12-01 12:00", OSLO, "Tuesday 1 December 2026 at 13:00 (week 49)"),
        # The local date decides day and week: past midnight in Oslo, still 31 December in New York.
        ("nb", "2026-12-31 23:30", OSLO, "fredag 1. januar 2027 kl. 00.30 (uke 53)"),
        ("nb", "2026-12-31 23:30", NEW_YORK, "torsdag 31. desember 2026 kl. 18.30 (uke 53)"),
        ("nb", "2027-01-03 23:30", OSLO, "mandag 4. januar 2027 kl. 00.30 (uke 1)"),
        # Daylight saving time in Oslo: 09:00 is 08:00 UTC in winter, 07:00 UTC in summer.
        ("nb", "2026-03-28 08:00", OSLO, "lørdag 28. mars 2026 kl. 09.00 (uke 13)"),
        ("nb", "2026-03-29 07:00", OSLO, "søndag 29. mars 2026 kl. 09.00 (uke 13)"),
        ("nb", "2026-03-29 00:59", OSLO, "søndag 29. mars 2026 kl. 01.59 (uke 13)"),
        ("nb", "2026-03-29 01:00", OSLO, "søndag 29. mars 2026 kl. 03.00 (uke 13)"),
        ("nn", "2026-10-25 00:30", OSLO, "sundag 25. oktober 2026 kl. 02.30 (veke 43)"),
        ("nn", "2026-10-25 01:30", OSLO, "sundag 25. oktober 2026 kl. 02.30 (veke 43)"),
        ("en", "2026-10-25 08:00", OSLO, "Sunday 25 October 2026 at 09:00 (week 43)"),
        ("en", "2026-10-24 07:00", OSLO, "Saturday 24 October 2026 at 09:00 (week 43)"),
    ],
)
def test_datetime(lang: str, instant: str, zone: ZoneInfo, expected: str) -> None:
    assert get_translator(lang).datetime(utc(instant), zone) == expected


def test_datetime_accepts_any_aware_instant() -> None:
    instant = datetime(2026, 12, 1, 13, 0, tzinfo=OSLO)
    assert get_translator("nb").datetime(instant, OSLO) == "tirsdag 1. desember 2026 kl. 13.00 (uke 49)"


def test_datetime_rejects_naive_instant() -> None:
    with pytest.raises(ValueError, match="aware"):
        get_translator("nb").datetime(datetime(2026, 12, 1, 13, 0), OSLO)  # noqa: DTZ001


WEEK = [date(2026, 11, 30) + timedelta(days=i) for i in range(7)]  # Monday 30.11 – Sunday 6.12


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("nb", ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]),
        # Babel's nn_NO has måndag, tysdag, laurdag (format context) but "søndag"; we say "sundag".
        ("nn", ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"]),
        ("en", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    ],
)
def test_weekday_names(lang: str, names: list[str]) -> None:
    assert [get_translator(lang).weekday(day) for day in WEEK] == names
    assert [long_date(day, lang).split()[0] for day in WEEK] == names


@pytest.mark.parametrize(
    ("lang", "wall", "expected"),
    [
        # Språkrådet: a full stop between hours and minutes in Norwegian; English keeps the colon.
        ("nb", time(13), "13.00"),
        ("nb", time(9, 5), "09.05"),
        ("nn", time(0), "00.00"),
        ("nn", time(16, 30), "16.30"),
        ("en", time(13), "13:00"),
        ("en", time(9, 5), "09:05"),
    ],
)
def test_time(lang: str, wall: time, expected: str) -> None:
    assert get_translator(lang).time(wall) == expected


@pytest.mark.parametrize(("lang", "expected"), [("nb", "kl. 09.00"), ("nn", "kl. 09.00"), ("en", "at 09:00")])
def test_a_time_parameter_is_written_by_the_one_time_formatter(lang: str, expected: str) -> None:
    assert expected in get_translator(lang).t("tiltak.created_own", time=time(9))


@pytest.mark.parametrize(
    ("day", "week"),
    [(date(2026, 12, 31), 53), (date(2027, 1, 1), 53), (date(2027, 1, 4), 1), (date(2026, 12, 4), 49)],
)
def test_week_number_is_iso(day: date, week: int) -> None:
    assert week_number(day) == week


def test_get_translator() -> None:
    for lang in LANGUAGES:
        translator = get_translator(lang)
        assert isinstance(translator, Translator)
        assert translator.lang == lang
        assert get_translator(lang) is translator
    assert get_translator("de").lang == DEFAULT_LANGUAGE
    assert get_translator("").lang == DEFAULT_LANGUAGE


@pytest.mark.parametrize(
    ("lang", "key", "expected"),
    [
        ("nb", "common.tomorrow", "i morgen"),
        ("nn", "common.tomorrow", "i morgon"),
        ("en", "common.tomorrow", "tomorrow"),
        ("nb", "common.week", "uke"),
        ("nn", "common.week", "veke"),
        ("nb", "common.cancel", "Avbryt"),
        ("en", "common.at", "at"),
    ],
)
def test_t(lang: str, key: str, expected: str) -> None:
    assert get_translator(lang).t(key) == expected


def test_t_fills_placeholders() -> None:
    assert get_translator("nn").t("dates.at_time", date="i dag", time="09:00") == "i dag kl. 09:00"


def test_t_raises_on_missing_key() -> None:
    with pytest.raises(KeyError, match=r"common\.nope"):
        get_translator("nb").t("common.nope")


def test_t_raises_on_missing_placeholder() -> None:
    with pytest.raises(KeyError, match="time"):
        get_translator("nb").t("dates.at_time", date="i dag")


@pytest.mark.parametrize(
    ("chosen", "slack_locale", "default", "expected"),
    [
        ("nn", "en-US", "nb", "nn"),  # an explicit choice wins
        ("en", "nb-NO", "nn", "en"),
        ("NB", None, "en", "nb"),
        ("xx", "nn-NO", "nb", "nn"),  # an unknown choice counts as none
        (None, "nb-NO", "en", "nb"),
        (None, "no-NO", "en", "nb"),
        (None, "nb", "en", "nb"),
        (None, "no", "en", "nb"),
        (None, "nn-NO", "nb", "nn"),
        (None, "nn", "nb", "nn"),
        (None, "en-US", "nb", "en"),
        (None, "en-GB", "nn", "en"),
        (None, "en_GB", "nn", "en"),
        (None, "en", "nb", "en"),
        (None, "sv-SE", "nn", "nn"),  # another locale → the workspace default
        (None, "de-DE", "en", "en"),
        (None, "", "nn", "nn"),
        (None, None, "en", "en"),
        (None, None, "de", "nb"),  # an unsupported default → nb
    ],
)
def test_resolve_language(chosen: str | None, slack_locale: str | None, default: str, expected: str) -> None:
    assert resolve_language(chosen=chosen, slack_locale=slack_locale, default=default) == expected
