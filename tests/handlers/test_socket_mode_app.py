"""Socket Mode end to end: the real app over a WebSocket from a stand-in for Slack's socket server.

Slack hands out the socket URL through `apps.connections.open` (answered by the fake Web API), then sends
envelopes that must be acked with their `envelope_id`. When the server drops the connection, the supervisor
connects again with a fresh URL.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import WSMsgType, web
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_bolt_app, runtime
from bot.clock import ManualClock
from handlers.socket_mode import OneShotSocketClient, SocketSupervisor
from sim.fake_slack import FakeSlack
from tests.conftest import EMPLOYEE, TEAM
from tests.rig import make_settings


class SocketServer:
    """Accepts WebSocket connections, records what the client sends, and can drop a connection."""

    def __init__(self) -> None:
        self.connections: asyncio.Queue[web.WebSocketResponse] = asyncio.Queue()
        self.received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.url = ""

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        await self.connections.put(socket)
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                await self.received.put(json.loads(message.data))
        return socket


@pytest.fixture
async def socket_server() -> AsyncIterator[SocketServer]:
    server = SocketServer()
    app = web.Application()
    app.router.add_get("/link", server.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    server.url = f"ws://127.0.0.1:{runner.addresses[0][1]}/link"
    try:
        yield server
    finally:
        await runner.cleanup()


def command_envelope(envelope_id: str, fake: FakeSlack) -> str:
    payload = {
        "command": "/oppfolging",
        "text": "hjelp",
        "user_id": EMPLOYEE,
        "team_id": TEAM,
        "channel_id": "C1",
        "response_url": fake.response_url("socket"),
        "trigger_id": "t.1",
    }
    return json.dumps(
        {"envelope_id": envelope_id, "type": "slash_commands", "payload": payload, "accepts_response_payload": True}
    )


async def test_commands_are_acked_over_the_socket_and_a_dropped_connection_comes_back(
    fake: FakeSlack, clock: ManualClock, engine: AsyncEngine, socket_server: SocketServer
) -> None:
    # The fake Web API answers unknown methods with a bare ok; this one must hand out the socket's URL.
    fake._methods["apps.connections.open"] = lambda _args: {"ok": True, "url": socket_server.url}
    settings = make_settings(fake, slack_app_token="xapp-1-A1-test")
    async with runtime(settings, clock, engine=engine) as rt:
        app = build_bolt_app(settings, rt.services, rt.client, rt.metrics)
        supervisor = SocketSupervisor(OneShotSocketClient(app, "xapp-1-A1-test"), check_every=0.05)
        stop = asyncio.Event()
        try:
            await supervisor.start()
            first = await asyncio.wait_for(socket_server.connections.get(), timeout=30)
            assert await supervisor.connected()
            await first.send_str(command_envelope("e-1", fake))
            ack = await asyncio.wait_for(socket_server.received.get(), timeout=30)
            assert ack["envelope_id"] == "e-1"

            watcher = asyncio.create_task(supervisor.watch(stop))
            await first.close()
            second = await asyncio.wait_for(socket_server.connections.get(), timeout=30)
            await second.send_str(command_envelope("e-2", fake))
            ack = await asyncio.wait_for(socket_server.received.get(), timeout=30)
            assert ack["envelope_id"] == "e-2"
            stop.set()
            await asyncio.wait_for(watcher, timeout=30)
        finally:
            stop.set()
            await supervisor.close()
    opened = [c for c in fake.calls_to("apps.connections.open") if c.ok]
    assert [c.token for c in opened] == ["xapp-1-A1-test", "xapp-1-A1-test"]
    samples = [s for f in text_string_to_metric_families(rt.metrics.render().decode()) for s in f.samples]
    acked = [s.value for s in samples if s.name == "oppfolging_slack_requests_total" and s.labels["kind"] == "command"]
    assert acked == [2.0]
