"""Every Block Kit builder, called with representative values, for the contract test.

Each feature adds its builders here: a sample is (surface, a function of the language returning the payload).
`tests/handlers/test_builders_contract.py` validates every sample in nb, nn and en against the Block Kit schema
and the limits the schema does not check.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from bot.contract.common import Notice
from bot.contract.home import HomeState
from bot.contract.people import LanguageResult, PauseResult
from bot.contract.tiltak import (
    Change,
    TiltakChanged,
    TiltakCreated,
    TiltakError,
    TiltakReminder,
    TiltakResult,
    TiltakView,
)
from handlers.blocks.help import build_help
from handlers.blocks.home import build_home
from handlers.blocks.me import build_text_reply, language_reply_text, pause_reply_text
from handlers.blocks.modals import build_info_modal
from handlers.blocks.notice import build_notice
from handlers.blocks.tiltak import (
    build_changed_dm,
    build_created_dm,
    build_created_reply,
    build_reminder,
    build_saved_modal,
    build_tiltak_list,
    build_tiltak_modal,
    change_text,
    error_text,
)

Payload = Any
Sample = tuple[str, Callable[[str], Payload]]

LONG_WORD = "x" * 500
# 2900 characters of what a person might paste, with characters that grow when escaped for mrkdwn.
LONG_TEXT = ("Følge opp <planen> & *målene* for Q1. " * 80)[:2900]
TODAY = date(2026, 11, 30)


def tiltak(n: int, *, text: str = "Oppdatere opplæringsplanen", counterpart: str | None = "UKARI") -> TiltakView:
    """Tiltak #n, due n days after TODAY (so the list has past, today's and future deadlines)."""
    return TiltakView(
        id=1000 + n,
        number=n,
        text=text,
        owner_id="UOLA",
        counterpart_id=counterpart,
        due_date=date(2026, 11, 28) + timedelta(days=n),
        status="open",
        note="Se notatene fra 1:1" if n % 2 else None,
    )


LONG = tiltak(7, text=LONG_TEXT)
MANY = [tiltak(n, text=LONG_TEXT if n % 3 == 0 else f"Tiltak nummer {n}") for n in range(1, 21)]


def created(lang: str, view: TiltakView = LONG) -> TiltakResult:
    return TiltakResult(lang, tiltak=view)


def reminder(lang: str, *, recipient: str, overdue: bool, today: date | None = None) -> list[Any]:
    message = TiltakReminder(lang=lang, tiltak=LONG, recipient=recipient, overdue=overdue, today=today)
    return build_reminder(message)[1]


def changed(lang: str, change: Change) -> list[Any]:
    old = date(2026, 12, 1) if change == Change.POSTPONED else None
    return build_changed_dm(TiltakChanged(lang=lang, tiltak=LONG, by="UKARI", change=change.value, old_due=old))[1]


def tiltak_errors() -> dict[str, Sample]:
    samples: dict[str, Sample] = {}
    for error in TiltakError:

        def build(lang: str, error: TiltakError = error) -> Any:
            return build_text_reply(error_text(TiltakResult(lang, error=error, subject="UBOT", number=12)))

        samples[f"tiltak_error_{error.value}"] = ("message", build)
    return samples


def tiltak_changes() -> dict[str, Sample]:
    samples: dict[str, Sample] = {}
    for change in Change:

        def reply(lang: str, change: Change = change) -> Any:
            return build_text_reply(change_text(TiltakResult(lang, tiltak=LONG, change=change)))

        def dm(lang: str, change: Change = change) -> Any:
            return changed(lang, change)

        samples[f"tiltak_{change.value}_reply"] = ("message", reply)
        samples[f"tiltak_{change.value}_dm"] = ("message", dm)
    return samples


SAMPLES: dict[str, Sample] = {
    "help": ("message", lambda lang: build_help(lang=lang)),
    "help_unknown_word": ("message", lambda lang: build_help(lang=lang, unknown_word=LONG_WORD)),
    "help_modal": ("modal", lambda lang: build_info_modal(lang, build_help(lang=lang))),
    "home": ("home", lambda lang: build_home(HomeState(lang=lang, user_id="U1"))),
    "home_paused": (
        "home",
        lambda lang: build_home(HomeState(lang=lang, user_id="U1", paused=True, paused_until=date(2027, 1, 15))),
    ),
    "home_paused_indefinitely": ("home", lambda lang: build_home(HomeState(lang=lang, user_id="U1", paused=True))),
    "notice": ("message", lambda lang: build_notice(Notice(lang=lang, key="me.resumed"))[1]),
    "language_reply": (
        "message",
        lambda lang: build_text_reply(language_reply_text(LanguageResult(lang=lang, accepted=True))),
    ),
    "pause_reply": (
        "message",
        lambda lang: build_text_reply(pause_reply_text(PauseResult(lang=lang, paused=True, until=date(2027, 1, 15)))),
    ),
    "pause_error": (
        "message",
        lambda lang: build_text_reply(pause_reply_text(PauseResult(lang=lang, paused=False, error="past"))),
    ),
    "tiltak_list_empty": ("message", lambda lang: build_tiltak_list(lang=lang, today=TODAY, items=[])),
    "tiltak_list_one": ("message", lambda lang: build_tiltak_list(lang=lang, today=TODAY, items=[LONG])),
    "tiltak_list_twenty": ("message", lambda lang: build_tiltak_list(lang=lang, today=TODAY, items=MANY)),
    "tiltak_created_reply": ("message", lambda lang: build_created_reply(created(lang))),
    "tiltak_created_reply_own": (
        "message",
        lambda lang: build_created_reply(created(lang, tiltak(3, text=LONG_TEXT, counterpart=None))),
    ),
    "tiltak_created_dm": (
        "message",
        lambda lang: build_created_dm(TiltakCreated(lang=lang, tiltak=LONG, by="UKARI"))[1],
    ),
    "tiltak_reminder_due_owner": ("message", lambda lang: reminder(lang, recipient="UOLA", overdue=False)),
    "tiltak_reminder_due_today_owner": (
        "message",
        lambda lang: reminder(lang, recipient="UOLA", overdue=False, today=LONG.due_date),
    ),
    "tiltak_reminder_due_counterpart": ("message", lambda lang: reminder(lang, recipient="UKARI", overdue=False)),
    "tiltak_reminder_overdue_owner": ("message", lambda lang: reminder(lang, recipient="UOLA", overdue=True)),
    "tiltak_reminder_overdue_counterpart": ("message", lambda lang: reminder(lang, recipient="UKARI", overdue=True)),
    "tiltak_reminder_alone": (
        "message",
        lambda lang: build_reminder(
            TiltakReminder(lang=lang, tiltak=tiltak(2, counterpart=None), recipient="UOLA", overdue=False)
        )[1],
    ),
    "tiltak_modal": ("modal", lambda lang: build_tiltak_modal(lang=lang, owner_id="UKARI")),
    "tiltak_saved_modal": ("modal", lambda lang: build_saved_modal(created(lang))),
    "home_with_one_tiltak": (
        "home",
        lambda lang: build_home(HomeState(lang=lang, user_id="UOLA", today=TODAY, tiltak=(LONG,))),
    ),
    "home_with_twenty_tiltak": (
        "home",
        lambda lang: build_home(
            HomeState(
                lang=lang, user_id="UOLA", paused=True, paused_until=date(2027, 1, 15), today=TODAY, tiltak=tuple(MANY)
            )
        ),
    ),
    **tiltak_errors(),
    **tiltak_changes(),
}


# 1:1 rhythm --------------------------------------------------------------------------------------------------------
# (one block: the values, the builders called with them, and SAMPLES.update at the end)

from dataclasses import replace  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

from bot.contract.oneonone import (  # noqa: E402  # noqa: E402
    AgendaItemView,
    AnnualDue,
    MeetingMoved,
    MeetingView,
    OneOnOneFollowUp,
    OneOnOneIntro,
    OneOnOneNudge,
    PairError,
    PairResult,
)
from bot.rules.conversations import ConversationType  # noqa: E402
from handlers.blocks.oneonone import (  # noqa: E402
    build_annual_due,
    build_follow_up,
    build_intro,
    build_moved,
    build_nudge,
    build_pair_reply,
)
from handlers.blocks.oneonone_modals import build_agenda_modal, build_held_modal, build_move_modal  # noqa: E402

OSLO_ZONE = "Europe/Oslo"
# 500 characters (the longest topic the form accepts) with characters that grow when escaped for mrkdwn.
LONG_TOPIC = ("Fordeling av <oppgaver> & *ferie* i desember. " * 20)[:500]


def agenda(count: int) -> tuple[AgendaItemView, ...]:
    return tuple(
        AgendaItemView(id=500 + n, text=LONG_TOPIC if n % 2 else f"Tema {n}", author_id="UOLA" if n % 2 else "UKARI")
        for n in range(1, count + 1)
    )


def meeting(*, kind: str = ConversationType.ORDINARY.value, items: int = 0, moved: bool = False) -> MeetingView:
    return MeetingView(
        meeting_id=77,
        pair_id=12,
        manager_id="UKARI",
        employee_id="UOLA",
        starts_at=datetime(2026, 12, 15, 12, 0, tzinfo=UTC),
        kind=kind,
        moved_from=date(2026, 12, 14) if moved else None,
        agenda=agenda(items),
    )


def nudge(lang: str, *, recipient: str, view: MeetingView, open_tiltak: tuple[TiltakView, ...] = ()) -> list[Any]:
    message = OneOnOneNudge(
        lang=lang, recipient=recipient, meeting=view, zone=OSLO_ZONE, open_tiltak=open_tiltak, today=date(2026, 12, 14)
    )
    return build_nudge(message)[1]


def oneonone_samples() -> dict[str, Sample]:
    samples: dict[str, Sample] = {
        "oneonone_pair_reply": (
            "message",
            lambda lang: build_pair_reply(
                PairResult(lang, employee_id="UOLA", cadence="biweekly", meeting=meeting(), zone=OSLO_ZONE)
            ),
        ),
        "oneonone_pair_stopped": (
            "message",
            lambda lang: build_pair_reply(PairResult(lang, employee_id="UOLA", stopped=True)),
        ),
        "oneonone_pair_probation": (
            "message",
            lambda lang: build_pair_reply(
                PairResult(
                    lang,
                    employee_id="UOLA",
                    cadence="biweekly",
                    meeting=meeting(),
                    zone=OSLO_ZONE,
                    probation_checkins=(date(2027, 2, 4), date(2027, 4, 4), date(2027, 6, 4)),
                )
            ),
        ),
        "oneonone_intro": (
            "message",
            lambda lang: build_intro(
                OneOnOneIntro(lang=lang, manager_id="UKARI", cadence="every3weeks", meeting=meeting(), zone=OSLO_ZONE)
            )[1],
        ),
        "oneonone_nudge_manager_with_open_tiltak": (
            "message",
            lambda lang: nudge(lang, recipient="UKARI", view=meeting(items=3), open_tiltak=tuple(MANY)),
        ),
        "oneonone_nudge_manager_annual_full": (
            "message",
            lambda lang: nudge(lang, recipient="UKARI", view=meeting(kind="annual", items=12), open_tiltak=tuple(MANY)),
        ),
        "oneonone_nudge_employee_annual_twelve_topics": (
            "message",
            lambda lang: nudge(lang, recipient="UOLA", view=meeting(kind="annual", items=12)),
        ),
        "oneonone_nudge_employee_twelve_topics": (
            "message",
            lambda lang: nudge(lang, recipient="UOLA", view=meeting(items=12)),
        ),
        "oneonone_nudge_employee_no_topics_not_tomorrow": (
            "message",
            lambda lang: build_nudge(
                OneOnOneNudge(lang=lang, recipient="UOLA", meeting=meeting(), zone=OSLO_ZONE, today=date(2026, 12, 11))
            )[1],
        ),
        "oneonone_follow_up": (
            "message",
            lambda lang: build_follow_up(OneOnOneFollowUp(lang=lang, meeting=meeting(), zone=OSLO_ZONE))[1],
        ),
        "oneonone_annual_due": (
            "message",
            lambda lang: build_annual_due(AnnualDue(lang=lang, employee_id="UOLA", since=date(2025, 11, 30)))[1],
        ),
        "oneonone_agenda_modal_empty": (
            "modal",
            lambda lang: build_agenda_modal(lang=lang, meeting=meeting(), viewer="UOLA", zone=OSLO_ZONE),
        ),
        "oneonone_agenda_modal_three": (
            "modal",
            lambda lang: build_agenda_modal(lang=lang, meeting=meeting(items=3), viewer="UKARI", zone=OSLO_ZONE),
        ),
        "oneonone_agenda_modal_twelve": (
            "modal",
            lambda lang: build_agenda_modal(
                lang=lang, meeting=meeting(items=12), viewer="UOLA", zone="America/New_York"
            ),
        ),
        "oneonone_held_modal": ("modal", lambda lang: build_held_modal(lang=lang, meeting=meeting())),
        "oneonone_move_modal": ("modal", lambda lang: build_move_modal(lang=lang, meeting=meeting(), zone=OSLO_ZONE)),
        "home_with_meetings": (
            "home",
            lambda lang: build_home(
                HomeState(
                    lang=lang,
                    user_id="UKARI",
                    today=TODAY,
                    tiltak=tuple(MANY),
                    meetings=tuple(
                        replace(meeting(items=n), pair_id=100 + n, employee_id=f"UEMP{n}") for n in range(12)
                    ),
                )
            ),
        ),
    }
    for error in (
        PairError.NO_USER,
        PairError.SELF,
        PairError.BOT,
        PairError.DEACTIVATED,
        PairError.NOT_FOUND,
        PairError.BAD_DATE,
    ):

        def reply(lang: str, error: PairError = error) -> Any:
            return build_pair_reply(PairResult(lang, error=error, employee_id="UOLA"))

        samples[f"oneonone_pair_error_{error.value}"] = ("message", reply)
    for kind in ConversationType:

        def guide(lang: str, kind: ConversationType = kind) -> Any:
            return nudge(lang, recipient="UKARI", view=meeting(kind=kind.value, items=1))

        samples[f"oneonone_nudge_manager_{kind.value}"] = ("message", guide)
    for reason in ("holiday", "moved"):
        for recipient in ("UKARI", "UOLA"):

            def moved(lang: str, reason: str = reason, recipient: str = recipient) -> Any:
                message = MeetingMoved(
                    lang=lang, recipient=recipient, meeting=meeting(moved=True), zone=OSLO_ZONE, reason=reason
                )
                return build_moved(message)[1]

            samples[f"oneonone_moved_{reason}_{recipient.lower()}"] = ("message", moved)
    return samples


SAMPLES.update(oneonone_samples())


# pulse ---------------------------------------------------------------------------------------------

from tests.handlers.pulse_samples import PULSE_SAMPLES  # noqa: E402

SAMPLES.update(PULSE_SAMPLES)


# digest --------------------------------------------------------------------------------------------

from tests.handlers.digest_samples import DIGEST_SAMPLES  # noqa: E402

SAMPLES.update(DIGEST_SAMPLES)


# consent -------------------------------------------------------------------------------------------

from tests.handlers.consent_samples import CONSENT_SAMPLES  # noqa: E402

SAMPLES.update(CONSENT_SAMPLES)


# personvern ----------------------------------------------------------------------------------------

from tests.handlers.privacy_samples import PRIVACY_SAMPLES  # noqa: E402

SAMPLES.update(PRIVACY_SAMPLES)
# the conversation year and the sick-leave follow-up ----------------------------------------------------

from tests.handlers.year_samples import YEAR_SAMPLES  # noqa: E402

SAMPLES.update(YEAR_SAMPLES)
