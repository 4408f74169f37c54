"""The bare anchor: a Bolt `AsyncApp` on an aiohttp server whose one listener acks and calls `respond()`.

`python -m bench.anchor PORT API_URL` serves `/slack/events` and `/healthz` until SIGTERM. It verifies
signatures like the real app and answers through the response URL like the real app, and nothing else, so
the difference to `/oppfolging` is what the bot does per command.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bench.common import BOT_TOKEN, SIGNING_SECRET


def build(api_url: str) -> web.Application:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=api_url)
    app = AsyncApp(client=client, signing_secret=SIGNING_SECRET)

    @app.command("/oppfolging")
    async def answer(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        await ack()
        await respond(text=f"Svar på {command.get('text', '')}")

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    web_app = web.Application()
    web_app.router.add_post("/slack/events", events)
    web_app.router.add_get("/healthz", health)
    return web_app


async def main(port: int, api_url: str) -> None:
    runner = web.AppRunner(build(api_url), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
