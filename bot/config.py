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


class SettingsError(Exception):
    """One or more settings are missing or malformed; `problems` names each bad key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


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
        if app_token is not None and not app_token.startswith("xapp-"):
            problems.append("SLACK_APP_TOKEN must start with xapp- (or be left out for HTTP mode)")
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
    )


def load_environment(env_file: Path, *, need_slack: bool = True) -> Settings:
    """Settings from the process environment over the values in `env_file` (if it exists)."""
    from dotenv import dotenv_values

    merged: dict[str, str] = {}
    if env_file.is_file():
        merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    merged.update(os.environ)
    return load_settings(merged, need_slack=need_slack)
