"""The weekly digest through the real app: channel choice, not_in_channel, once a week, counts, closing the loop."""

from __future__ import annotations

import re

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage import digest_repo, outbox_repo
from storage.db import make_session_factory
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, TEAM, oslo
from tests.consent_helpers import accept
from tests.driver import sweep_at

CHANNEL = "CTEAM"


def channel_posts(fake: FakeSlack, channel: str = CHANNEL) -> list[str]:
    return [blocks_as_text(c.args.get("blocks", [])) for c in fake.messages_to(channel)]


def digests(fake: FakeSlack, channel: str = CHANNEL) -> list[str]:
    return [text for text in channel_posts(fake, channel) if "Teamet denne uka" in text]


async def team_with_digest(slack: SlackSimulator, fake: FakeSlack, rt: Runtime, *, member: bool = True) -> None:
    fake.add_channel(CHANNEL, bot_is_member=member)
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola>")
    await slack.command(MANAGER, f"1til1 <@{ENGLISH}|emma>")
    await accept(slack, rt, fake, EMPLOYEE, ENGLISH)
    await slack.command(MANAGER, f"digest <#{CHANNEL}|team>")


async def test_choosing_a_channel_posts_a_welcome_and_confirms(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await team_with_digest(slack, fake, rt)
    assert "kommer i <#CTEAM> hver mandag kl. 09.00" in slack.last_reply()["text"]
    assert len(channel_posts(fake)) == 1
    assert "Her kommer ukesammendraget" in channel_posts(fake)[0]


async def test_digest_without_a_channel_mention_explains(slack: SlackSimulator) -> None:
    await slack.command(MANAGER, "digest team-ledere")
    assert "`/oppfolging digest #team-ledere`" in slack.last_reply()["text"]


async def test_monday_digest_goes_out_once_however_often_the_sweep_runs(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await team_with_digest(slack, fake, rt)
    await sweep_at(rt, clock, oslo(2026, 12, 7, 8, 59))
    assert digests(fake) == []
    for minute in (0, 1, 30):
        await sweep_at(rt, clock, oslo(2026, 12, 7, 9, minute))
    assert len(digests(fake)) == 1
    await sweep_at(rt, clock, oslo(2026, 12, 10, 12, 0))
    assert len(digests(fake)) == 1
    await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0))
    assert len(digests(fake)) == 2


async def test_not_in_channel_is_told_kept_and_sent_once_invited(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await team_with_digest(slack, fake, rt, member=False)
    assert "`/invite @Oppfølging`" in slack.last_reply()["text"]
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    assert digests(fake) == []
    told = [blocks_as_text(c.args["blocks"]) for c in fake.messages_to(MANAGER) if "fikk ikke lagt" in c.args["text"]]
    assert len(told) == 1
    await sweep_at(rt, clock, oslo(2026, 12, 7, 10, 0))  # still not invited: no second DM
    assert len([c for c in fake.messages_to(MANAGER) if "fikk ikke lagt" in c.args["text"]]) == 1
    fake.add_channel(CHANNEL, bot_is_member=True)
    await sweep_at(rt, clock, oslo(2026, 12, 7, 11, 0))
    assert len(digests(fake)) == 1
    async with make_session_factory(rt.engine)() as session:
        row = await digest_repo.get_channel(session, team_id=TEAM, manager_id=MANAGER)
        assert row is not None
        assert row.blocked_since is None


async def test_a_team_smaller_than_k_gets_no_counts_in_the_channel(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await team_with_digest(slack, fake, rt)  # two members, k = 5
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Lage opplæringsplan innen fredag")
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    [digest] = digests(fake)
    assert "vises bare for team med minst 5 medlemmer" in digest
    for count in ("åpne", "over fristen", "uten svar", "gjennomført"):
        assert count not in digest
    [private] = [c for c in fake.messages_to(MANAGER) if "Din oppfølging" in c.args["text"]]
    assert "Lage opplæringsplan" in blocks_as_text(private.args["blocks"])


async def test_digest_has_team_counts_only_and_never_a_name(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    fake.add_user("UANNE", real_name="Anne Lie")
    await team_with_digest(slack, fake, rt)
    await slack.command(MANAGER, f"team legg-til <@{COLLEAGUE}|per> <@{NEW_YORK}|nina> <@UANNE|anne>")
    clock.set(oslo(2026, 11, 30, 15, 0))  # Nina in New York gets her request in her working hours
    await accept(slack, rt, fake, COLLEAGUE, NEW_YORK, "UANNE")
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Lage opplæringsplan innen fredag")
    await slack.command(MANAGER, f"tiltak <@{ENGLISH}|emma> Skrive rutine innen 2.12")
    await slack.command(ENGLISH, "done 2")
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    digest = digests(fake)[-1]  # this Monday's was sent at 15:00, late, with the first answers
    assert "uke 50" in digest
    assert "Åpne: 1 · Ferdige forrige uke: 1" in digest
    # Overdue tiltak and 1:1s without an answer are about someone: only the manager's DM has them.
    for count in (r"Over fristen: \d+", r"Uten svar etter samtalen: \d+", r"\d+ over fristen", r"\d+ uten svar"):
        assert re.search(count, digest) is None
    assert "får bare lederen vite" in digest
    for name in (EMPLOYEE, ENGLISH, COLLEAGUE, "Ola", "Emma", "opplæringsplan", "rutine"):
        assert name not in digest
    for call in fake.calls_to("chat.postMessage"):
        if call.args.get("channel") == CHANNEL:
            assert EMPLOYEE not in str(call.args)
            assert ENGLISH not in str(call.args)


async def test_the_manager_gets_the_details_privately(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await team_with_digest(slack, fake, rt)
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Lage opplæringsplan innen fredag")
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    [private] = [
        blocks_as_text(c.args["blocks"]) for c in fake.messages_to(MANAGER) if "Din oppfølging" in c.args["text"]
    ]
    assert f"med <@{EMPLOYEE}>" in private
    assert "Lage opplæringsplan" in private
    assert "[Ferdig]" in private


async def test_sharing_what_we_do_reaches_every_member_and_is_noted_next_week(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await team_with_digest(slack, fake, rt)
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    await slack.click(COLLEAGUE, ids.DIGEST_SHARE, value=MANAGER)
    assert "Bare lederen for teamet" in slack.last_reply()["text"]
    assert fake.calls_to("views.open") == []
    await slack.click(MANAGER, ids.DIGEST_SHARE, value=MANAGER)
    form = fake.calls_to("views.open")[-1].args["view"]
    empty = await slack.submit(MANAGER, form, {ids.DIGEST_SHARE_BLOCK: {ids.INPUT: {"value": "  "}}})
    assert empty.json()["response_action"] == "errors"
    text = {ids.DIGEST_SHARE_BLOCK: {ids.INPUT: {"value": "Vi prøver fokustid på torsdager."}}}
    done = await slack.submit(MANAGER, form, text)
    assert "Sendt til 2 personer i teamet" in str(done.json())
    await sweep_at(rt, clock, oslo(2026, 12, 7, 10, 0))
    for member in (EMPLOYEE, ENGLISH):
        shared = [c for c in fake.messages_to(member) if "fokustid" in blocks_as_text(c.args["blocks"])]
        assert len(shared) == 1
    await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0))
    assert "delte lederen med teamet" in digests(fake)[-1]
    assert "delte lederen" not in digests(fake)[0]


async def test_hr_channel_is_for_admins_only(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    fake.add_channel("CHR")
    fake.add_user("UADMIN", is_admin=True, real_name="Hanne HR")
    await slack.command(MANAGER, "digest hr <#CHR|hr>")
    assert "Bare administratorer" in slack.last_reply()["text"]
    await team_with_digest(slack, fake, rt)
    await slack.command("UADMIN", "digest hr <#CHR|hr>")
    assert "hele virksomheten" in slack.last_reply()["text"]
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    org = [t for t in channel_posts(fake, "CHR") if "Hele virksomheten denne uka" in t]
    assert len(org) == 1
    assert EMPLOYEE not in org[0]
    async with make_session_factory(rt.engine)() as session:
        kinds = [m.kind for m in await outbox_repo.list_messages(session, team_id=TEAM)]
    assert kinds.count("digest.org") == 1
