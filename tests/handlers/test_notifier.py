"""SlackNotifier against the fake Slack API: what is sent, pacing, retries and the classification of failures."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import ManualClock
from bot.contract.common import Message, Notice
from bot.contract.home import HomeState
from bot.core.ports import PermanentDeliveryError, SlackUser, TransientDeliveryError, UncertainDeliveryError
from handlers.notifier import SlackNotifier, classify, make_web_client
from handlers.rendering import RenderedMessage
from sim.fake_slack import UPLOAD_METHOD, FakeSlack

SECRET_TEXT = "Ola har det tungt for tiden"
BLOCKS: list[dict[str, Any]] = [{"type": "section", "block_id": "b1", "text": {"type": "mrkdwn", "text": "*Hei*"}}]


def render(message: Message) -> RenderedMessage:
    assert isinstance(message, Notice)
    return RenderedMessage(text=message.params.get("text", SECRET_TEXT), blocks=BLOCKS)


def render_home(home: HomeState) -> dict[str, Any]:
    return {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": home.user_id}}]}


def notice(text: str = SECRET_TEXT) -> Notice:
    return Notice(lang="nb", key="test.notice", params={"text": text})


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        server.add_user("UOLA", real_name="Ola Hansen")
        server.add_user("UKARI", real_name="Kari Nordmann", tz="America/New_York", locale="en-US", is_owner=True)
        server.add_user("UGONE", deleted=True)
        server.add_channel("CTEAM")
        server.add_channel("COUTSIDE", bot_is_member=False)
        yield server


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))


def make_notifier(client: AsyncWebClient, clock: ManualClock, **options: Any) -> SlackNotifier:
    return SlackNotifier(client=client, clock=clock, render=render, render_home=render_home, **options)


@pytest.fixture
def notifier(fake: FakeSlack, clock: ManualClock) -> SlackNotifier:
    return make_notifier(make_web_client(token="xoxb-test", base_url=fake.api_url), clock)


async def test_a_dm_is_posted_to_the_user_id_with_text_and_blocks(fake: FakeSlack, notifier: SlackNotifier) -> None:
    delivered = await notifier.send_dm(user_id="UOLA", message=notice())
    (call,) = fake.calls_to("chat.postMessage")
    assert call.args["channel"] == "UOLA"
    assert call.args["text"] == SECRET_TEXT
    assert call.args["blocks"] == BLOCKS
    assert call.token == "xoxb-test"
    assert delivered.channel == "DUOLA"
    assert delivered.ts == call.response["ts"]
    assert fake.messages_to("UOLA") == [call]


async def test_post_to_channel_and_ephemeral(fake: FakeSlack, notifier: SlackNotifier) -> None:
    delivered = await notifier.post_to_channel(channel_id="CTEAM", message=notice("digest"))
    await notifier.post_ephemeral(channel_id="CTEAM", user_id="UOLA", message=notice("bare til deg"))
    assert delivered.channel == "CTEAM"
    (ephemeral,) = fake.calls_to("chat.postEphemeral")
    assert (ephemeral.args["channel"], ephemeral.args["user"], ephemeral.args["text"]) == (
        "CTEAM",
        "UOLA",
        "bare til deg",
    )
    assert [call.args["text"] for call in fake.messages_to("UOLA")] == ["bare til deg"]


async def test_publish_home_sends_the_rendered_view(fake: FakeSlack, notifier: SlackNotifier) -> None:
    await notifier.publish_home(user_id="UOLA", home=HomeState(lang="nb", user_id="UOLA"))
    (call,) = fake.calls_to("views.publish")
    assert call.args["user_id"] == "UOLA"
    assert call.args["view"] == render_home(HomeState(lang="nb", user_id="UOLA"))


async def test_a_429_waits_retry_after_then_delivers_once(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock
) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=2)
    await notifier.send_dm(user_id="UOLA", message=notice())
    assert len(fake.calls_to("chat.postMessage")) == 2
    assert len(fake.messages_to("UOLA")) == 1
    assert any(seconds >= 2 for seconds in clock.slept)


async def test_server_errors_are_retried_with_backoff(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock
) -> None:
    fake.fail_next("chat.postMessage", status=500, times=2)
    await notifier.send_dm(user_id="UOLA", message=notice())
    assert [call.status for call in fake.calls_to("chat.postMessage")] == [500, 500, 200]
    assert len(fake.messages_to("UOLA")) == 1
    assert 0.5 in clock.slept
    assert 1.0 in clock.slept


async def test_a_long_retry_after_is_left_to_the_outbox(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock
) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=120)
    with pytest.raises(TransientDeliveryError) as caught:
        await notifier.send_dm(user_id="UOLA", message=notice())
    assert caught.value.reason == "ratelimited"
    assert caught.value.retry_after == 120
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert all(seconds < 120 for seconds in clock.slept)


async def test_running_out_of_attempts_is_transient_with_the_next_backoff(
    fake: FakeSlack, notifier: SlackNotifier
) -> None:
    fake.fail_next("chat.postMessage", status=503, times=3)
    with pytest.raises(TransientDeliveryError) as caught:
        await notifier.post_to_channel(channel_id="CTEAM", message=notice())
    assert caught.value.reason == "internal_error"
    assert caught.value.retry_after == 2.0
    assert len(fake.calls_to("chat.postMessage")) == 3


@pytest.mark.parametrize(
    ("channel", "reason"),
    [("COUTSIDE", "not_in_channel"), ("CNOWHERE", "channel_not_found"), ("UGONE", "account_inactive")],
)
async def test_permanent_errors_fail_at_once(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock, channel: str, reason: str
) -> None:
    if channel.startswith("U"):
        send = notifier.send_dm(user_id=channel, message=notice())
    else:
        send = notifier.post_to_channel(channel_id=channel, message=notice())
    with pytest.raises(PermanentDeliveryError) as caught:
        await send
    assert caught.value.reason == reason
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert clock.slept == []


async def test_unknown_error_codes_are_permanent_and_only_codes_are_logged(
    fake: FakeSlack, notifier: SlackNotifier, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next("chat.postMessage", status=200, error="something_new")
    fake.fail_next("chat.postMessage", status=500)
    with caplog.at_level(logging.DEBUG, logger="handlers.notifier"):
        with pytest.raises(PermanentDeliveryError) as caught:
            await notifier.send_dm(user_id="UOLA", message=notice())
        await notifier.send_dm(user_id="UOLA", message=notice())
    assert caught.value.reason == "something_new"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "something_new" in logged
    assert "internal_error" in logged
    assert SECRET_TEXT not in logged
    assert "Ola" not in logged
    assert "UOLA" not in logged


async def test_three_dms_to_one_person_are_paced_a_second_apart(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock
) -> None:
    start = clock.now()
    for _ in range(3):
        await notifier.send_dm(user_id="UOLA", message=notice())
    assert clock.now() - start >= timedelta(seconds=2)
    assert len(fake.messages_to("UOLA")) == 3


async def test_concurrent_sends_to_one_channel_queue_up(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock
) -> None:
    start = clock.now()
    await asyncio.gather(*(notifier.post_to_channel(channel_id="CTEAM", message=notice(str(n))) for n in range(3)))
    assert clock.now() - start >= timedelta(seconds=2)
    assert [call.args["text"] for call in fake.messages_to("CTEAM")] == ["0", "1", "2"]


async def test_different_people_are_only_spaced_by_the_workspace_interval(
    fake: FakeSlack, notifier: SlackNotifier, clock: ManualClock
) -> None:
    start = clock.now()
    await notifier.send_dm(user_id="UOLA", message=notice())
    await notifier.send_dm(user_id="UKARI", message=notice())
    elapsed = clock.now() - start
    assert timedelta(seconds=0.05) <= elapsed < timedelta(seconds=1)


async def test_lookup_user_maps_users_info_with_the_locale(fake: FakeSlack, notifier: SlackNotifier) -> None:
    user = await notifier.lookup_user(user_id="UKARI")
    assert user == SlackUser(
        user_id="UKARI",
        tz="America/New_York",
        locale="en-US",
        is_bot=False,
        deleted=False,
        is_admin=False,
        is_owner=True,
        real_name="Kari Nordmann",
    )
    assert fake.calls_to("users.info")[0].args["include_locale"] in ("1", "true", True)


async def test_lookup_of_an_unknown_user_is_permanent(notifier: SlackNotifier) -> None:
    with pytest.raises(PermanentDeliveryError) as caught:
        await notifier.lookup_user(user_id="UNOBODY")
    assert caught.value.reason == "user_not_found"


async def test_upload_file_uses_the_three_upload_steps(fake: FakeSlack, notifier: SlackNotifier) -> None:
    await notifier.upload_file(
        channel_id="CTEAM", filename="data.json", content=b'{"a": 1}', title="Mine data", alt_text="Eksport"
    )
    assert [call.method for call in fake.calls] == [
        "files.getUploadURLExternal",
        UPLOAD_METHOD,
        "files.completeUploadExternal",
    ]
    step1, _, step3 = fake.calls
    assert (step1.args["filename"], step1.args["alt_txt"]) == ("data.json", "Eksport")
    assert step3.args["channel_id"] == "CTEAM"
    assert step3.args["files"] == [{"id": step1.response["file_id"], "title": "Mine data"}]
    assert fake.uploads[step1.response["file_id"]] == b'{"a": 1}'


async def test_upload_into_a_channel_without_the_bot_is_permanent(fake: FakeSlack, notifier: SlackNotifier) -> None:
    with pytest.raises(PermanentDeliveryError) as caught:
        await notifier.upload_file(channel_id="COUTSIDE", filename="a.txt", content=b"a", title="a", alt_text="a")
    assert caught.value.reason == "not_in_channel"
    assert len(fake.calls_to("files.completeUploadExternal")) == 1


async def test_a_failed_byte_upload_is_retried(fake: FakeSlack, notifier: SlackNotifier) -> None:
    fake.fail_next(UPLOAD_METHOD, status=500)
    await notifier.upload_file(channel_id="CTEAM", filename="a.txt", content=b"a", title="a", alt_text="a")
    assert [call.status for call in fake.calls_to(UPLOAD_METHOD)] == [500, 200]
    assert len(fake.calls_to("files.completeUploadExternal")) == 1


async def test_a_post_that_times_out_is_uncertain_and_not_retried_inline(fake: FakeSlack, clock: ManualClock) -> None:
    client = make_web_client(token="xoxb-test", base_url=fake.api_url, timeout=1)
    notifier = make_notifier(client, clock, max_attempts=3)
    fake.delay_next("chat.postMessage", 1.5)
    with pytest.raises(UncertainDeliveryError) as caught:
        await notifier.send_dm(user_id="UOLA", message=notice())
    assert caught.value.reason == "timeout"
    assert clock.slept == []  # the request left: repeating it here could post it twice


async def test_a_lookup_that_times_out_is_retried_inline(fake: FakeSlack, clock: ManualClock) -> None:
    client = make_web_client(token="xoxb-test", base_url=fake.api_url, timeout=1)
    notifier = make_notifier(client, clock, max_attempts=2)
    fake.delay_next("users.info", 1.5)
    user = await notifier.lookup_user(user_id="UOLA")
    assert user.user_id == "UOLA"
    assert clock.slept == [0.5]


async def test_a_refused_connection_is_retried_then_transient(clock: ManualClock) -> None:
    async with FakeSlack() as gone:
        url = gone.api_url
    notifier = make_notifier(make_web_client(token="xoxb-test", base_url=url), clock, max_attempts=2)
    with pytest.raises(TransientDeliveryError) as caught:
        await notifier.send_dm(user_id="UOLA", message=notice())
    assert not isinstance(caught.value, UncertainDeliveryError)  # nothing left, so nothing can be doubled
    assert caught.value.reason == "connection_refused"
    assert 0.5 in clock.slept


async def test_a_client_that_retries_by_itself_is_refused(fake: FakeSlack, clock: ManualClock) -> None:
    client = AsyncWebClient(token="xoxb-test", base_url=fake.api_url)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    with pytest.raises(ValueError, match="owns retries"):
        make_notifier(client, clock)
    make_notifier(AsyncWebClient(token="xoxb-test", base_url=fake.api_url), clock)  # default handlers are fine


def test_classify_without_a_body_uses_the_http_status() -> None:
    class Response:
        status_code = 502
        data: dict[str, Any] = {}  # noqa: RUF012
        headers: dict[str, str] = {}  # noqa: RUF012

    failure = classify(SlackApiError("bad gateway", Response()))  # type: ignore[no-untyped-call]
    assert (failure.reason, failure.transient, failure.retry_after) == ("http_502", True, None)


async def test_home_and_user_lookups_are_not_paced(notifier: SlackNotifier, clock: ManualClock) -> None:
    await notifier.send_dm(user_id="UOLA", message=notice())
    await notifier.publish_home(user_id="UOLA", home=HomeState(lang="nb", user_id="UOLA"))
    await notifier.lookup_user(user_id="UOLA")
    assert clock.slept == []
    await notifier.post_ephemeral(channel_id="CTEAM", user_id="UOLA", message=notice())
    assert clock.slept == [pytest.approx(0.05)]
