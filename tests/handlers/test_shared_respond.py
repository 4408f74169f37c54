"""Replies through response URLs and Web API calls share one HTTP session: connections are reused, and the
session is closed when the runtime ends."""

from __future__ import annotations

import aiohttp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

from bot.app import runtime
from bot.clock import ManualClock
from handlers.respond import SharedRespond, make_http_session, shared_respond
from sim.fake_slack import FakeSlack
from tests.rig import make_settings


async def test_respond_posts_through_the_shared_session_and_keeps_the_connection(fake: FakeSlack) -> None:
    session = make_http_session()
    try:
        context = AsyncBoltContext()
        context["response_url"] = fake.response_url("cmd1")

        async def next_() -> BoltResponse:
            return BoltResponse(status=200)

        await shared_respond(session)(context, next_)
        respond = context["respond"]
        assert isinstance(respond, SharedRespond)
        await respond(text="hei", replace_original=True)
        await respond(text="igjen")
        assert [r["text"] for r in fake.responses_to("cmd1")] == ["hei", "igjen"]
        assert fake.responses_to("cmd1")[0]["replace_original"] is True
        assert not session.closed
        assert isinstance(session.connector, aiohttp.TCPConnector)
        assert sum(len(idle) for idle in session.connector._conns.values()) == 1  # one connection, reused
    finally:
        await session.close()


async def test_the_runtime_closes_its_shared_session(fake: FakeSlack, clock: ManualClock, engine: object) -> None:
    async with runtime(make_settings(fake), clock, engine=engine) as rt:  # type: ignore[arg-type]
        session = rt.client.session
        assert session is not None
        assert (await rt.client.auth_test())["ok"]
    assert session.closed
