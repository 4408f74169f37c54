"""The outbox engine end to end: real services and the real `SlackNotifier` against the fake Slack, on SQLite.

A tiny planner returns fixed `PlannedMessage`s of kind "test.ping"; the composer turns each into a `Notice` (or
None when told the message is obsolete). Assertions are on what the fake Slack received and on the rows' statuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import Runtime
from bot.clock import ManualClock
from bot.contract.common import Message, Notice
from bot.outbox.engine import Envelope, PlannedMessage, SweepReport
from bot.rules.calendar import local_instant
from sim.fake_slack import FakeSlack
from storage import outbox_claim, outbox_repo
from storage.db import transaction
from storage.models import OutboxMessage, OutboxStatus, RecipientType
from tests.conftest import EMPLOYEE, MANAGER, NEW_YORK, NOW, OSLO, TEAM, oslo

KIND = "test.ping"
POST = "chat.postMessage"


class FixedPlanner:
    """Plans the same messages on every sweep (the outbox must dedupe them)."""

    name = KIND

    def __init__(self, messages: Sequence[PlannedMessage]) -> None:
        self.messages = list(messages)

    async def plan(self, session: AsyncSession, *, now: datetime) -> Sequence[PlannedMessage]:
        return self.messages


async def compose(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    if envelope.params.get("obsolete"):
        return None
    return Notice(lang=envelope.lang, key="common.yes")


def ping(
    key: str = "ping:1",
    *,
    to: str = EMPLOYEE,
    at: datetime = NOW,
    channel: bool = False,
    pausable: bool = False,
    expires_at: datetime | None = None,
    obsolete: bool = False,
) -> PlannedMessage:
    return PlannedMessage(
        team_id=TEAM,
        dedupe_key=key,
        kind=KIND,
        recipient_type=RecipientType.CHANNEL if channel else RecipientType.USER,
        recipient_id=to,
        not_before=at,
        params={"obsolete": True} if obsolete else {},
        expires_at=expires_at,
        pausable=pausable,
    )


def register(rt: Runtime, *messages: PlannedMessage) -> None:
    rt.services.outbox.add_planner(FixedPlanner(messages))
    rt.services.outbox.add_composer(KIND, compose)


async def sweep(rt: Runtime) -> SweepReport:
    return await rt.services.outbox.send_due_messages()


async def rows(rt: Runtime) -> list[OutboxMessage]:
    async with transaction(rt.services.deps.sessions) as session:
        return await outbox_repo.list_messages(session, team_id=TEAM)


async def only_row(rt: Runtime) -> OutboxMessage:
    (single,) = await rows(rt)
    return single


def posts(fake: FakeSlack) -> int:
    """How many `chat.postMessage` calls Slack received, failed ones included."""
    return len(fake.calls_to(POST))


def delivered(fake: FakeSlack, target: str) -> int:
    """How many messages `target` (a user's DM or a channel) actually received."""
    return len(fake.messages_to(target))


def at_nine(day: date, zone: ZoneInfo = OSLO) -> datetime:
    return local_instant(day, time(9), zone)


# --- the happy path and idempotence -----------------------------------------------------------------


async def test_a_planned_message_is_sent_once(rt: Runtime, fake: FakeSlack) -> None:
    register(rt, ping())

    first = await rt.services.outbox.send_due_messages()
    again = await rt.services.outbox.send_due_messages()

    assert (first.planned, len(first.sent)) == (1, 1)
    assert (again.planned, len(again.sent)) == (0, 0)
    assert posts(fake) == 1
    assert delivered(fake, EMPLOYEE) == 1
    row = await only_row(rt)
    assert (row.status, row.attempts, row.sent_at, row.lease_until) == (OutboxStatus.SENT, 1, NOW, None)


async def test_a_channel_recipient_gets_the_post_in_the_channel(rt: Runtime, fake: FakeSlack) -> None:
    fake.add_channel("CTEAM")
    register(rt, ping(to="CTEAM", channel=True))

    report = await rt.services.outbox.send_due_messages()

    assert [(item.recipient_type, item.recipient_id) for item in report.sent] == [("channel", "CTEAM")]
    assert delivered(fake, "CTEAM") == 1
    assert fake.calls_to("users.info") == []
    assert (await only_row(rt)).status == OutboxStatus.SENT


# --- transient and permanent failures ---------------------------------------------------------------


async def test_a_short_429_is_waited_out_inline(rt: Runtime, fake: FakeSlack, clock: ManualClock) -> None:
    register(rt, ping())
    fake.fail_next(POST, status=429, retry_after=3, times=2)

    report = await rt.services.outbox.send_due_messages()

    assert len(report.sent) == 1
    assert posts(fake) == 3
    assert [call.ok for call in fake.calls_to(POST)] == [False, False, True]
    assert clock.slept.count(3.0) == 2  # Retry-After honoured on the shared clock
    assert (await only_row(rt)).status == OutboxStatus.SENT


async def test_429s_beyond_the_notifier_retries_are_retried_by_the_same_sweep(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    register(rt, ping())
    fake.fail_next(POST, status=429, retry_after=3, times=3)

    report = await rt.services.outbox.send_due_messages()

    assert (report.retried, len(report.sent)) == (1, 1)
    assert [call.ok for call in fake.calls_to(POST)] == [False, False, False, True]
    assert clock.now() > NOW
    row = await only_row(rt)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)


async def test_server_errors_are_retried_until_delivered_in_the_same_sweep(rt: Runtime, fake: FakeSlack) -> None:
    register(rt, ping())
    fake.fail_next(POST, status=500, times=3)

    report = await rt.services.outbox.send_due_messages()

    assert (report.retried, len(report.sent), report.failed) == (1, 1, 0)
    assert [call.ok for call in fake.calls_to(POST)] == [False, False, False, True]
    assert delivered(fake, EMPLOYEE) == 1
    assert (await only_row(rt)).status == OutboxStatus.SENT


async def test_a_long_retry_after_is_left_to_a_later_sweep(rt: Runtime, fake: FakeSlack, clock: ManualClock) -> None:
    register(rt, ping())
    fake.fail_next(POST, status=429, retry_after=120)

    first = await rt.services.outbox.send_due_messages()
    row = await only_row(rt)
    assert (first.retried, len(first.sent)) == (1, 0)
    assert (row.status, row.last_error) == (OutboxStatus.PENDING, "ratelimited")
    assert row.not_before == clock.now() + timedelta(seconds=120)

    clock.advance(timedelta(minutes=2))
    second = await rt.services.outbox.send_due_messages()

    assert len(second.sent) == 1
    assert [call.ok for call in fake.calls_to(POST)] == [False, True]


async def test_a_permanent_error_fails_the_row_for_good(rt: Runtime, fake: FakeSlack, clock: ManualClock) -> None:
    register(rt, ping())
    fake.fail_next(POST, status=200, error="account_inactive")

    report = await rt.services.outbox.send_due_messages()
    clock.advance(timedelta(hours=1))
    later = await rt.services.outbox.send_due_messages()

    assert (report.failed, report.retried, len(report.sent)) == (1, 0, 0)
    assert (later.failed, len(later.sent)) == (0, 0)
    assert posts(fake) == 1
    row = await only_row(rt)
    assert (row.status, row.last_error) == (OutboxStatus.FAILED, "account_inactive")


async def test_a_user_deleted_in_slack_fails_without_a_post(rt: Runtime, fake: FakeSlack) -> None:
    fake.add_user("UGONE", deleted=True)
    register(rt, ping(to="UGONE"))

    report = await rt.services.outbox.send_due_messages()

    assert report.failed == 1
    assert posts(fake) == 0
    row = await only_row(rt)
    assert (row.status, row.last_error) == (OutboxStatus.FAILED, "user_gone")


async def test_a_transient_users_info_failure_is_retried_not_fatal(rt: Runtime, fake: FakeSlack) -> None:
    register(rt, ping(), ping("ping:2", to=MANAGER))
    fake.fail_next("users.info", status=500, times=3)

    report = await rt.services.outbox.send_due_messages()

    assert (report.retried, len(report.sent)) == (1, 2)
    assert delivered(fake, EMPLOYEE) == 1
    assert delivered(fake, MANAGER) == 1
    assert {row.status for row in await rows(rt)} == {OutboxStatus.SENT}


# --- when a message may go ----------------------------------------------------------------------------


async def test_friday_evening_is_deferred_to_monday_morning(rt: Runtime, fake: FakeSlack, clock: ManualClock) -> None:
    friday_evening = oslo(2026, 12, 4, 20)
    monday_morning = oslo(2026, 12, 7, 9)
    register(rt, ping(at=friday_evening))

    clock.set(friday_evening)
    friday = await rt.services.outbox.send_due_messages()
    row = await only_row(rt)
    assert (friday.deferred, len(friday.sent)) == (1, 0)
    assert (row.status, row.not_before, row.last_error) == (
        OutboxStatus.PENDING,
        monday_morning,
        "outside_working_hours",
    )

    clock.set(monday_morning - timedelta(minutes=1))
    assert len((await rt.services.outbox.send_due_messages()).sent) == 0
    clock.set(monday_morning)
    monday = await rt.services.outbox.send_due_messages()

    assert len(monday.sent) == 1
    assert monday.sent[0].at == monday_morning
    assert posts(fake) == 1


async def test_a_recipient_abroad_gets_it_in_their_own_working_hours(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    # 10:00 in Oslo is 04:00 in New York: the Oslo colleague gets it now, Nina at 09:00 her time.
    new_york_morning = at_nine(date(2026, 11, 30), ZoneInfo("America/New_York"))
    register(rt, ping("ping:oslo"), ping("ping:ny", to=NEW_YORK))

    now = await rt.services.outbox.send_due_messages()
    assert [item.recipient_id for item in now.sent] == [EMPLOYEE]
    assert now.deferred == 1
    by_key = {row.dedupe_key: row for row in await rows(rt)}
    assert by_key["ping:ny"].not_before == new_york_morning

    clock.set(new_york_morning)
    later = await rt.services.outbox.send_due_messages()

    assert [item.recipient_id for item in later.sent] == [NEW_YORK]
    assert delivered(fake, NEW_YORK) == 1
    assert delivered(fake, EMPLOYEE) == 1


async def test_a_deferral_beyond_the_expiry_expires_the_message(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    friday_evening = oslo(2026, 12, 4, 20)
    register(rt, ping(at=friday_evening, expires_at=oslo(2026, 12, 6, 12)))

    clock.set(friday_evening)
    report = await rt.services.outbox.send_due_messages()

    assert report.expired == 1
    assert posts(fake) == 0
    assert (await only_row(rt)).status == OutboxStatus.EXPIRED


async def test_an_expired_message_is_never_sent(rt: Runtime, fake: FakeSlack, clock: ManualClock) -> None:
    register(rt, ping(at=NOW - timedelta(days=2), expires_at=NOW - timedelta(minutes=1)))

    report = await rt.services.outbox.send_due_messages()
    clock.advance(timedelta(days=1))
    await rt.services.outbox.send_due_messages()

    assert (report.expired, len(report.sent)) == (1, 0)
    assert posts(fake) == 0
    row = await only_row(rt)
    assert (row.status, row.last_error) == (OutboxStatus.EXPIRED, "expired")


# --- pause --------------------------------------------------------------------------------------------


async def pause(rt: Runtime, until: str | None) -> None:
    result = await rt.services.people.pause(team_id=TEAM, user_id=EMPLOYEE, until_text=until)
    assert result.paused
    assert result.error is None


async def test_a_pausable_message_waits_for_the_end_of_a_pause(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    tuesday_morning = oslo(2026, 12, 1, 9)
    await pause(rt, "i morgen")  # nudges start again on Tuesday
    register(rt, ping(pausable=True))

    monday = await rt.services.outbox.send_due_messages()
    row = await only_row(rt)
    assert (monday.deferred, len(monday.sent)) == (1, 0)
    assert (row.status, row.not_before, row.last_error) == (OutboxStatus.PENDING, tuesday_morning, "paused")

    clock.set(tuesday_morning)
    tuesday = await rt.services.outbox.send_due_messages()

    assert len(tuesday.sent) == 1
    assert delivered(fake, EMPLOYEE) == 1


async def test_a_pausable_message_to_someone_paused_until_resumed_is_cancelled(rt: Runtime, fake: FakeSlack) -> None:
    await pause(rt, None)
    register(rt, ping(pausable=True))

    report = await rt.services.outbox.send_due_messages()

    assert report.cancelled == 1
    assert posts(fake) == 0
    row = await only_row(rt)
    assert (row.status, row.last_error) == (OutboxStatus.CANCELLED, "paused")


async def test_a_message_that_is_not_pausable_goes_despite_a_pause(rt: Runtime, fake: FakeSlack) -> None:
    await pause(rt, None)
    register(rt, ping(pausable=False))

    report = await rt.services.outbox.send_due_messages()

    assert len(report.sent) == 1
    assert delivered(fake, EMPLOYEE) == 1


# --- composing at send time ---------------------------------------------------------------------------


async def test_a_message_the_composer_finds_obsolete_is_cancelled(rt: Runtime, fake: FakeSlack) -> None:
    register(rt, ping(obsolete=True))

    report = await rt.services.outbox.send_due_messages()

    assert (report.cancelled, len(report.sent)) == (1, 0)
    assert posts(fake) == 0
    row = await only_row(rt)
    assert (row.status, row.last_error) == (OutboxStatus.CANCELLED, "obsolete")


# --- crashes and shutdown -----------------------------------------------------------------------------


async def test_claims_of_a_crashed_worker_are_delivered_once_the_lease_expires(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    register(rt, ping("ping:1"), ping("ping:2", to=MANAGER))
    assert await rt.services.outbox.plan(now=NOW) == 2
    async with transaction(rt.services.deps.sessions) as session:
        taken = await outbox_claim.claim_due(
            session, now=NOW, lease_until=NOW + timedelta(minutes=5), worker="crashed", limit=10
        )
    assert len(taken) == 2

    during_lease = await rt.services.outbox.send_due_messages()
    assert len(during_lease.sent) == 0
    assert posts(fake) == 0

    clock.advance(timedelta(minutes=5, seconds=1))
    after_lease = await rt.services.outbox.send_due_messages()
    await rt.services.outbox.send_due_messages()

    assert len(after_lease.sent) == 2
    assert (delivered(fake, EMPLOYEE), delivered(fake, MANAGER)) == (1, 1)
    assert posts(fake) == 2
    assert [(row.status, row.attempts) for row in await rows(rt)] == [(OutboxStatus.SENT, 2)] * 2


async def test_stop_before_a_sweep_sends_nothing_and_holds_no_claims(rt: Runtime, fake: FakeSlack) -> None:
    register(rt, ping("ping:1"), ping("ping:2", to=MANAGER))

    rt.services.outbox.stop()
    report = await rt.services.outbox.send_due_messages()

    assert len(report.sent) == 0
    assert posts(fake) == 0
    assert [(row.status, row.claimed_by, row.attempts) for row in await rows(rt)] == [
        (OutboxStatus.PENDING, None, 0)
    ] * 2


async def test_stop_during_a_sweep_finishes_the_send_in_flight_and_gives_back_the_rest(
    rt: Runtime, fake: FakeSlack
) -> None:
    outbox = rt.services.outbox

    async def compose_then_stop(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        outbox.stop()
        return Notice(lang=envelope.lang, key="common.yes")

    outbox.add_planner(FixedPlanner([ping("ping:1"), ping("ping:2", to=MANAGER), ping("ping:3", to=NEW_YORK)]))
    outbox.add_composer(KIND, compose_then_stop)

    report = await rt.services.outbox.send_due_messages()

    assert len(report.sent) == 1
    assert posts(fake) == 1
    assert [(row.dedupe_key, row.status, row.claimed_by, row.attempts) for row in await rows(rt)] == [
        ("ping:1", OutboxStatus.SENT, outbox.worker, 1),
        ("ping:2", OutboxStatus.PENDING, None, 0),
        ("ping:3", OutboxStatus.PENDING, None, 0),
    ]


async def test_a_broken_row_fails_after_a_few_attempts_and_does_not_hold_up_the_others(
    rt: Runtime, fake: FakeSlack
) -> None:
    async def compose_or_crash(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        if envelope.recipient_id == EMPLOYEE:
            raise RuntimeError("a bug in a composer")
        return Notice(lang=envelope.lang, key="common.yes")

    rt.services.outbox.add_planner(
        FixedPlanner([ping("broken", at=NOW - timedelta(minutes=1)), ping("ok", to=MANAGER)])
    )
    rt.services.outbox.add_composer(KIND, compose_or_crash)

    report = await rt.services.outbox.send_due_messages()

    assert (len(report.sent), report.retried, report.failed) == (1, 4, 1)
    assert delivered(fake, MANAGER) == 1
    assert [(row.dedupe_key, row.status, row.last_error) for row in await rows(rt)] == [
        ("broken", OutboxStatus.FAILED, "internal_error"),
        ("ok", OutboxStatus.SENT, None),
    ]
