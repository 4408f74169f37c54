"""Settings: one message naming every bad key; `.env` never overrides the real environment."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import SettingsError, load_environment, load_settings, normalise_database_url

GOOD = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def problems(environ: dict[str, str], **kwargs: bool) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        load_settings(environ, **kwargs)
    return caught.value.problems


def test_defaults() -> None:
    settings = load_settings(GOOD)
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.database_url == "sqlite+aiosqlite:///oppfolging.db"
    assert (settings.timezone, settings.language, settings.now) == ("Europe/Oslo", "nb", None)
    assert not settings.socket_mode


def test_every_bad_key_is_named_at_once() -> None:
    found = problems(
        {
            "SLACK_APP_TOKEN": "xoxb-wrong",
            "OPPFOLGING_TIMEZONE": "Europe/Olso",
            "OPPFOLGING_LANGUAGE": "de",
            "OPPFOLGING_NOW": "yesterday",
            "SLACK_API_URL": "ftp://x",
            "DATABASE_URL": "mysql://x",
        }
    )
    joined = " | ".join(found)
    for key in (
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "OPPFOLGING_TIMEZONE",
        "OPPFOLGING_LANGUAGE",
        "OPPFOLGING_NOW",
        "SLACK_API_URL",
        "DATABASE_URL",
    ):
        assert key in joined


def test_signing_secret_is_needed_only_in_http_mode() -> None:
    assert any("SLACK_SIGNING_SECRET" in p for p in problems({"SLACK_BOT_TOKEN": "xoxb-1"}))
    socket = load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert socket.socket_mode


def test_oauth_variables_are_refused_because_bolt_would_switch_silently() -> None:
    found = problems({**GOOD, "SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2"})
    assert any("SLACK_CLIENT_ID" in p for p in found)


def test_commands_without_slack_need_no_tokens() -> None:
    assert load_settings({}, need_slack=False).slack_bot_token == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_database_urls_get_the_async_driver(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_now_without_offset_is_read_in_the_workspace_zone() -> None:
    settings = load_settings({**GOOD, "OPPFOLGING_NOW": "2026-12-04T09:00"})
    assert settings.now == datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def test_env_file_fills_gaps_but_never_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / ".env"
    env.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=file\nOPPFOLGING_LANGUAGE=nn\n")
    monkeypatch.setenv("OPPFOLGING_LANGUAGE", "en")
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.delenv("SLACK_CLIENT_ID", raising=False)
    settings = load_environment(env)
    assert settings.slack_bot_token == "xoxb-from-file"
    assert settings.language == "en"
