"""The fake Slack Web API: registry, realistic answers, recording, failure injection, uploads, response URLs."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from sim.fake_slack import UPLOAD_METHOD, FakeSlack


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(team_id="T0042") as server:
        server.add_user("UOLA", real_name="Ola Hansen", display_name="ola")
        server.add_user("UNINA", tz="America/New_York", locale="en-US", is_admin=True)
        server.add_user("UGONE", deleted=True)
        server.add_user("UROBOT", is_bot=True)
        server.add_channel("CTEAM")
        server.add_channel("COUTSIDE", bot_is_member=False)
        server.add_channel("COLD", archived=True)
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=fake.api_url, retry_handlers=[])


async def _error_of(call: Awaitable[object]) -> str:
    with pytest.raises(SlackApiError) as caught:
        await call
    return str(caught.value.response["error"])


async def test_serves_on_an_ephemeral_localhost_port_and_answers_auth_test(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    assert fake.api_url.startswith("http://127.0.0.1:")
    assert fake.api_url.endswith("/api/")
    assert not fake.api_url.startswith("http://127.0.0.1:0/")
    answer = await client.auth_test()
    assert (answer["team_id"], answer["user_id"], answer["bot_id"]) == ("T0042", "UBOT", "B0001")
    assert fake.calls_to("auth.test")[0].token == "xoxb-test"


async def test_stop_is_idempotent_and_the_address_needs_a_running_server() -> None:
    server = FakeSlack()
    with pytest.raises(RuntimeError):
        _ = server.api_url
    await server.start()
    await server.stop()
    await server.stop()


async def test_users_info_has_slacks_shape_and_locale_only_on_request(client: AsyncWebClient) -> None:
    plain = await client.users_info(user="UOLA")
    user = plain["user"]
    assert user["tz"] == "Europe/Oslo"
    assert "locale" not in user
    assert user["real_name"] == "Ola Hansen"
    assert user["profile"]["display_name"] == "ola"
    assert (user["is_bot"], user["deleted"], user["is_admin"], user["is_owner"]) == (False, False, False, False)
    with_locale = await client.users_info(user="UNINA", include_locale=True)
    assert with_locale["user"]["locale"] == "en-US"
    assert with_locale["user"]["tz"] == "America/New_York"
    assert with_locale["user"]["is_admin"] is True
    assert await _error_of(client.users_info(user="UNOBODY")) == "user_not_found"


async def test_a_dm_addressed_to_a_user_id_lands_in_their_d_channel(fake: FakeSlack, client: AsyncWebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Hei"}}]
    first = await client.chat_postMessage(channel="UOLA", text="Hei", blocks=blocks)
    second = await client.chat_postMessage(channel="DUOLA", text="Igjen")
    assert first["channel"] == second["channel"] == fake.dm_channel("UOLA") == "DUOLA"
    assert float(second["ts"]) > float(first["ts"])
    assert first["message"]["blocks"] == blocks
    seen = fake.messages_to("UOLA")
    assert [call.args["text"] for call in seen] == ["Hei", "Igjen"]
    assert seen[0].args["blocks"] == blocks
    assert fake.messages_to("UNINA") == []


@pytest.mark.parametrize(
    ("channel", "error"),
    [
        ("CNOWHERE", "channel_not_found"),
        ("COUTSIDE", "not_in_channel"),
        ("COLD", "is_archived"),
        ("UGONE", "account_inactive"),
        ("UNOBODY", "channel_not_found"),
        ("UROBOT", "cannot_dm_bot"),
    ],
)
async def test_posting_follows_slacks_channel_rules(client: AsyncWebClient, channel: str, error: str) -> None:
    assert await _error_of(client.chat_postMessage(channel=channel, text="x")) == error


async def test_chat_write_public_lets_the_bot_post_without_joining(fake: FakeSlack, client: AsyncWebClient) -> None:
    fake.chat_write_public = True
    answer = await client.chat_postMessage(channel="COUTSIDE", text="digest")
    assert answer["channel"] == "COUTSIDE"
    assert [call.args["text"] for call in fake.messages_to("COUTSIDE")] == ["digest"]


async def test_form_bodies_are_parsed_and_json_string_fields_decoded(fake: FakeSlack) -> None:
    blocks = [{"type": "divider"}]
    form = {"token": "xoxb-form", "channel": "CTEAM", "text": "hei", "blocks": json.dumps(blocks)}
    async with aiohttp.ClientSession() as session, session.post(fake.api_url + "chat.postMessage", data=form) as r:
        body = await r.json()
    assert body["ok"] is True
    (call,) = fake.calls_to("chat.postMessage")
    assert call.token == "xoxb-form"
    assert call.args == {"channel": "CTEAM", "text": "hei", "blocks": blocks}
    assert call.ok


async def test_a_call_without_a_token_is_not_authed(fake: FakeSlack) -> None:
    async with aiohttp.ClientSession() as session, session.post(fake.api_url + "auth.test") as response:
        assert (await response.json()) == {"ok": False, "error": "not_authed"}


async def test_ephemerals_updates_and_unknown_methods(fake: FakeSlack, client: AsyncWebClient) -> None:
    ephemeral = await client.chat_postEphemeral(channel="CTEAM", user="UOLA", text="bare til deg")
    assert ephemeral["message_ts"]
    posted = await client.chat_postMessage(channel="CTEAM", text="v1")
    updated = await client.chat_update(channel="CTEAM", ts=posted["ts"], text="v2")
    assert updated["ts"] == posted["ts"]
    assert await _error_of(client.chat_update(channel="CTEAM", ts="1.0", text="v3")) == "message_not_found"
    assert [call.method for call in fake.messages_to("UOLA")] == ["chat.postEphemeral"]
    assert [call.args["text"] for call in fake.messages_to("CTEAM")] == ["v1", "v2"]
    assert (await client.api_call("reactions.add", json={"name": "tada"}))["ok"] is True


async def test_views_open_update_and_publish(fake: FakeSlack, client: AsyncWebClient) -> None:
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Tiltak"}, "blocks": []}
    opened = await client.views_open(trigger_id="trigger.1", view=modal)
    view_id, first_hash = opened["view"]["id"], opened["view"]["hash"]
    assert view_id.startswith("V")
    updated = await client.views_update(view_id=view_id, hash=first_hash, view=modal)
    assert updated["view"]["id"] == view_id
    assert updated["view"]["hash"] != first_hash
    assert await _error_of(client.views_update(view_id=view_id, hash=first_hash, view=modal)) == "hash_conflict"
    home = {"type": "home", "blocks": [{"type": "divider"}]}
    published = await client.views_publish(user_id="UOLA", view=home)
    assert published["view"]["id"].startswith("V")
    assert fake.home_views["UOLA"]["blocks"] == [{"type": "divider"}]
    assert fake.calls_to("views.open")[0].args["view"] == modal


async def test_conversations_open_and_info(client: AsyncWebClient) -> None:
    opened = await client.conversations_open(users="UOLA")
    assert opened["channel"]["id"] == "DUOLA"
    assert await _error_of(client.conversations_open(users="UNOBODY")) == "user_not_found"
    info = await client.conversations_info(channel="COUTSIDE")
    assert (info["channel"]["is_member"], info["channel"]["is_archived"]) == (False, False)
    assert await _error_of(client.conversations_info(channel="CNOWHERE")) == "channel_not_found"


async def test_file_upload_v2_round_trip(fake: FakeSlack, client: AsyncWebClient) -> None:
    answer = await client.files_upload_v2(
        channel="CTEAM", filename="data.json", content=b"{}", title="Mine data", alt_txt="Eksport"
    )
    (step1,) = fake.calls_to("files.getUploadURLExternal")
    assert step1.args["filename"] == "data.json"
    assert step1.args["alt_txt"] == "Eksport"
    file_id = step1.response["file_id"]
    assert fake.uploads == {file_id: b"{}"}
    assert [call.method for call in fake.calls] == [
        "files.getUploadURLExternal",
        UPLOAD_METHOD,
        "files.completeUploadExternal",
    ]
    (step3,) = fake.calls_to("files.completeUploadExternal")
    assert step3.args["channel_id"] == "CTEAM"
    assert step3.args["files"] == [{"id": file_id, "title": "Mine data"}]
    assert answer["file"]["id"] == file_id
    assert fake.messages_to("CTEAM") == [step3]


async def test_file_shares_need_the_bot_in_the_channel_unless_not_enforced(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    upload = client.files_upload_v2(channel="COUTSIDE", filename="a.txt", content=b"a", title="a")
    assert await _error_of(upload) == "not_in_channel"
    fake.channel_membership_enforced = False
    shared = await client.files_upload_v2(channel="COUTSIDE", filename="a.txt", content=b"a", title="a")
    assert shared["file"]["channels"] == ["COUTSIDE"]


async def test_fail_next_rate_limit_server_error_and_error_answers(fake: FakeSlack, client: AsyncWebClient) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=7)
    fake.fail_next("chat.postMessage", status=503, times=2)
    fake.fail_next("chat.postMessage", status=200, error="msg_too_long")
    with pytest.raises(SlackApiError) as limited:
        await client.chat_postMessage(channel="CTEAM", text="x")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    assert limited.value.response["error"] == "ratelimited"
    for _ in range(2):
        with pytest.raises(SlackApiError) as broken:
            await client.chat_postMessage(channel="CTEAM", text="x")
        assert (broken.value.response.status_code, broken.value.response["error"]) == (503, "internal_error")
    assert await _error_of(client.chat_postMessage(channel="CTEAM", text="x")) == "msg_too_long"
    assert (await client.chat_postMessage(channel="CTEAM", text="x"))["ok"] is True
    assert [call.status for call in fake.calls_to("chat.postMessage")] == [429, 503, 503, 200, 200]
    assert [call.ok for call in fake.calls_to("chat.postMessage")] == [False, False, False, False, True]
    assert len(fake.messages_to("CTEAM")) == 1


async def test_delay_next_holds_the_answer_and_stop_cuts_it_short(fake: FakeSlack) -> None:
    fake.delay_next("auth.test", 0.5)
    timeout = aiohttp.ClientTimeout(total=0.1)
    headers = {"Authorization": "Bearer xoxb-test"}
    async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
        with pytest.raises(asyncio.TimeoutError):
            async with session.post(fake.api_url + "auth.test"):
                pass
        async with session.post(fake.api_url + "auth.test") as response:
            assert (await response.json())["ok"] is True
        fake.delay_next("auth.test", 30)
        pending = asyncio.create_task(session.post(fake.api_url + "auth.test", timeout=aiohttp.ClientTimeout(5)))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        await fake.stop()
        assert time.monotonic() - started < 5
        cut_short = await pending
        assert cut_short.status == 503
        cut_short.release()


async def test_response_urls_record_what_respond_posts(fake: FakeSlack) -> None:
    url = fake.response_url("cmd-1")
    assert url.startswith("http://127.0.0.1:")
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"response_type": "ephemeral", "text": "Lagret"}) as response:
            assert response.status == 200
        async with session.post(fake.response_url("cmd-2"), json={"text": "Annen"}):
            pass
    assert fake.responses_to("cmd-1") == [{"response_type": "ephemeral", "text": "Lagret"}]
    assert fake.responses[-1] == {"text": "Annen", "name": "cmd-2"}
    assert fake.calls == []


async def test_reset_forgets_calls_and_injections_but_keeps_the_registry(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    await client.chat_postMessage(channel="UOLA", text="x")
    fake.fail_next("chat.postMessage")
    fake.reset()
    assert fake.calls == []
    assert (await client.chat_postMessage(channel="UOLA", text="y"))["ok"] is True
    assert "UOLA" in fake.users
