"""Typed, frozen settings, read once at start-up.

This module is the only reader of the environment: `load_environment(.env path)` merges `.env` from the working
directory under the real environment (a real variable always wins; `os.environ` itself is never changed), then
`load_settings` validates the result. A missing or malformed key raises
`SettingsError` naming every bad key at once; the CLI turns that into exit code 2.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("nb", "nn", "en")
DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///oppfolging.db"
DEFAULT_HOST = "0.0.0.0"  # noqa: S104 - a server in a container or behind a load balancer listens on all interfaces
DEFAULT_PORT = 3000
LOG_FORMATS = ("plain", "json")


class SettingsError(Exception):
    """One or more settings are missing or malformed; `problems` names each bad key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class StartupError(Exception):
    """Start-up cannot go on: `exit_code` 2 for a setting Slack or the database refuses, 1 for Slack out of reach.
    The message names the setting and says what to do; the CLI prints it and exits with the code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str
    slack_signing_secret: str
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    timezone: str = "Europe/Oslo"
    language: str = "nb"
    now: datetime | None = None
    sweep_interval_seconds: int = 60
    admin_user_ids: frozenset[str] = field(default_factory=frozenset)
    log_level: str = "INFO"
    secret: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    log_format: str = "plain"

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def normalise_database_url(url: str) -> str:
    """Pick the async driver for a plain URL: `postgresql://` → asyncpg, `sqlite://` → aiosqlite."""
    for plain, asynchronous in (
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return asynchronous + url[len(plain) :]
    return url


def is_placeholder(token: str, prefix: str) -> bool:
    """True for the `.env.example` placeholders (`xoxb-...`, `xapp-…`): the prefix followed by dots only."""
    rest = token.removeprefix(prefix)
    return token.startswith(prefix) and rest.strip(".…") == ""


def _parse_instant(raw: str, zone: ZoneInfo) -> datetime:
    instant = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=zone)
    return instant


def load_settings(environ: Mapping[str, str], *, need_slack: bool = True) -> Settings:
    """Build `Settings` from an environment mapping, or raise `SettingsError` listing every problem.

    `need_slack=False` is for commands that never talk to Slack (`db upgrade`, `demo`).
    """
    problems: list[str] = []

    def get(key: str) -> str | None:
        value = environ.get(key, "").strip()
        return value or None

    if get("SLACK_CLIENT_ID") and get("SLACK_CLIENT_SECRET"):
        # Bolt would silently switch to multi-workspace OAuth and ignore the bot token.
        problems.append("SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are set: this app runs with one bot token; unset them")

    bot_token = get("SLACK_BOT_TOKEN")
    app_token = get("SLACK_APP_TOKEN")
    signing_secret = get("SLACK_SIGNING_SECRET")
    if need_slack:
        if bot_token is None:
            problems.append("SLACK_BOT_TOKEN is missing (the bot token, xoxb-…)")
        elif not bot_token.startswith("xoxb-"):
            problems.append("SLACK_BOT_TOKEN must start with xoxb-")
        elif is_placeholder(bot_token, "xoxb-"):
            problems.append(
                "SLACK_BOT_TOKEN is still the placeholder from .env.example; paste the Bot User OAuth Token"
            )
        if app_token is not None and not app_token.startswith("xapp-"):
            problems.append("SLACK_APP_TOKEN must start with xapp- (or be left out for HTTP mode)")
        elif app_token is not None and is_placeholder(app_token, "xapp-"):
            problems.append(
                "SLACK_APP_TOKEN is still the placeholder from .env.example; paste an app-level token for Socket Mode"
                " or remove the line for HTTP mode"
            )
        if signing_secret is None and app_token is None:
            problems.append("SLACK_SIGNING_SECRET is missing (needed in HTTP mode)")

    api_url = get("SLACK_API_URL") or DEFAULT_API_URL
    parsed = urlparse(api_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        problems.append(f"SLACK_API_URL is not an http(s) URL: {api_url!r}")
    if not api_url.endswith("/"):
        api_url += "/"

    database_url = normalise_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    if not database_url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        problems.append("DATABASE_URL must be a sqlite:// or postgresql:// URL")

    timezone = get("OPPFOLGING_TIMEZONE") or "Europe/Oslo"
    zone: ZoneInfo | None = None
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"OPPFOLGING_TIMEZONE is not a known time zone: {timezone!r}")

    language = (get("OPPFOLGING_LANGUAGE") or "nb").lower()
    if language not in LANGUAGES:
        problems.append(f"OPPFOLGING_LANGUAGE must be one of {', '.join(LANGUAGES)}, not {language!r}")

    now: datetime | None = None
    raw_now = get("OPPFOLGING_NOW")
    if raw_now is not None:
        try:
            now = _parse_instant(raw_now, zone or ZoneInfo("Europe/Oslo"))
        except ValueError:
            problems.append(f"OPPFOLGING_NOW is not an ISO-8601 instant: {raw_now!r}")

    interval = 60
    raw_interval = get("OPPFOLGING_SWEEP_INTERVAL")
    if raw_interval is not None:
        if raw_interval.isdigit() and 5 <= int(raw_interval) <= 3600:
            interval = int(raw_interval)
        else:
            problems.append("OPPFOLGING_SWEEP_INTERVAL must be whole seconds between 5 and 3600")

    admins = frozenset(a.strip() for a in (get("OPPFOLGING_ADMINS") or "").split(",") if a.strip())

    secret = get("OPPFOLGING_SECRET")
    if secret is not None and len(secret) < 16:
        problems.append("OPPFOLGING_SECRET must be at least 16 characters (it keys the pulse's participation markers)")

    log_level = (get("LOG_LEVEL") or "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        problems.append("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")

    log_format = (get("LOG_FORMAT") or "plain").lower()
    if log_format not in LOG_FORMATS:
        problems.append("LOG_FORMAT must be plain or json")

    host = get("HOST") or DEFAULT_HOST
    port = DEFAULT_PORT
    raw_port = get("PORT")
    if raw_port is not None:
        if raw_port.isdigit() and int(raw_port) <= 65535:  # 0: the system picks one, and the log names it
            port = int(raw_port)
        else:
            problems.append(f"PORT must be a TCP port number (0–65535), not {raw_port!r}")

    if problems:
        raise SettingsError(problems)
    return Settings(
        slack_bot_token=bot_token or "",
        slack_signing_secret=signing_secret or "",
        slack_app_token=app_token,
        slack_api_url=api_url,
        database_url=database_url,
        timezone=timezone,
        language=language,
        now=now,
        sweep_interval_seconds=interval,
        admin_user_ids=admins,
        log_level=log_level,
        secret=secret,
        host=host,
        port=port,
        log_format=log_format,
    )


def load_environment(env_file: Path, *, need_slack: bool = True) -> Settings:
    """Settings from the process environment over the values in `env_file` (if it exists)."""
    from dotenv import dotenv_values

    merged: dict[str, str] = {}
    if env_file.is_file():
        merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    merged.update(os.environ)
    return load_settings(merged, need_slack=need_slack)
