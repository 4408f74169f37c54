"""Shared by the tests that need a manager relationship: deliver the request DM and click Godta or Avslå in it.

A manager request (`1til1`, `ny`, `team legg-til`) reaches the person asked through the outbox like every other
DM, so `accept` runs one sweep at the clock's current instant first.
"""

from __future__ import annotations

from typing import Any

from bot.app import Runtime
from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack


def request_buttons(call: Call, action_id: str = ids.CONSENT_ACCEPT) -> list[str]:
    """The request ids behind the `action_id` buttons of one message."""
    return buttons_in(call.args.get("blocks") or [], action_id)


def buttons_in(blocks: list[dict[str, Any]], action_id: str) -> list[str]:
    found: list[str] = []
    for block in blocks:
        for element in block.get("elements", []):
            if isinstance(element, dict) and element.get("action_id") == action_id:
                found.append(str(element["value"]))
    return found


def request_dms(fake: FakeSlack, user_id: str) -> list[Call]:
    """The manager requests `user_id` received, oldest first."""
    return [c for c in fake.messages_to(user_id) if c.method == "chat.postMessage" and request_buttons(c)]


async def answer_requests(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, *users: str, accept: bool = True
) -> None:
    """Deliver what is due now, then each of `users` answers the newest request they got: in the DM, or (outside
    their working hours, when the DM waits) in their App Home."""
    await rt.services.outbox.send_due_messages()
    action = ids.CONSENT_ACCEPT if accept else ids.CONSENT_DECLINE
    for user in users:
        received = request_dms(fake, user)
        if received:
            (request_id,) = request_buttons(received[-1], action)
        else:
            await slack.open_home(user)
            views = [c for c in fake.calls_to("views.publish") if c.args.get("user_id") == user]
            in_home = buttons_in(views[-1].args["view"]["blocks"], action)
            assert in_home, f"{user} got no request"
            request_id = in_home[-1]
        response = await slack.click(user, action, value=request_id)
        assert response.status == 200


async def accept(slack: SlackSimulator, rt: Runtime, fake: FakeSlack, *users: str) -> None:
    await answer_requests(slack, rt, fake, *users, accept=True)


async def accept_in_home(slack: SlackSimulator, fake: FakeSlack, *users: str) -> None:
    """Each of `users` opens their App Home and accepts the newest request shown there (no sweep needed)."""
    for user in users:
        await slack.open_home(user)
        views = [c for c in fake.calls_to("views.publish") if c.args.get("user_id") == user]
        in_home = buttons_in(views[-1].args["view"]["blocks"], ids.CONSENT_ACCEPT)
        assert in_home, f"{user} has no request in the Home"
        response = await slack.click(user, ids.CONSENT_ACCEPT, value=in_home[-1])
        assert response.status == 200
