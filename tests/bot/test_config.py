"""Settings: one message naming every bad key; `.env` never overrides the real environment."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot.config import DEFAULT_HOST, SettingsError, load_environment, load_settings, normalise_database_url

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


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("SLACK_BOT_TOKEN", "xoxb-..."),
        ("SLACK_BOT_TOKEN", "xoxb-…"),
        ("SLACK_APP_TOKEN", "xapp-..."),
        ("SLACK_APP_TOKEN", "xapp-"),
    ],
)
def test_placeholders_from_env_example_are_refused_by_name(key: str, value: str) -> None:
    found = problems({**GOOD, key: value})
    assert len(found) == 1
    assert key in found[0]
    assert "placeholder" in found[0]


def test_a_well_formed_token_is_left_to_slack() -> None:
    settings = load_settings({**GOOD, "SLACK_BOT_TOKEN": "xoxb-1-2-abc.def", "SLACK_APP_TOKEN": "xapp-1-A1-2-x"})
    assert settings.socket_mode


def test_env_example_as_copied_is_http_mode_and_refused_until_filled_in() -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    values = {k: v for k, v in dotenv_values(example).items() if v is not None}
    assert "SLACK_APP_TOKEN" not in values, "Socket Mode must be commented out: HTTP is the production set-up"
    found = " | ".join(problems(values))
    assert "SLACK_BOT_TOKEN" in found
    assert "placeholder" in found
    assert "SLACK_SIGNING_SECRET" in found


def test_host_port_and_log_format() -> None:
    settings = load_settings({**GOOD, "HOST": "127.0.0.1", "PORT": "8080", "LOG_FORMAT": "JSON"})
    assert (settings.host, settings.port, settings.log_format) == ("127.0.0.1", 8080, "json")
    defaults = load_settings(GOOD)
    assert (defaults.host, defaults.port, defaults.log_format) == (DEFAULT_HOST, 3000, "plain")
    found = " | ".join(problems({**GOOD, "PORT": "http", "LOG_FORMAT": "xml"}))
    assert "PORT" in found
    assert "LOG_FORMAT" in found
    assert any("PORT" in p for p in problems({**GOOD, "PORT": "70000"}))
