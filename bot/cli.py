"""The `oppfolging` console script: serve, sweep, demo, db upgrade, --version.

Exit codes: 0 done; 2 a setting is missing, malformed, a placeholder, or refused by Slack (the message names it);
1 Slack could not be reached at start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings, SettingsError, StartupError, load_environment
from bot.i18n import LANGUAGES
from bot.observability.logs import configure_logging

EXIT_CONFIG = 2


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 instant: {text!r}") from error
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="oppfolging", description="Oppfølging: a Slack app for employee follow-up.")
    parser.add_argument("--version", action="version", version=f"oppfolging {installed_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)")
    serve.add_argument(
        "--port", type=int, default=None, help="HTTP port for /slack/events, /healthz, /readyz, /metrics (PORT)"
    )
    serve.add_argument("--no-scheduler", action="store_true", help="do not run the scheduled sweeps")
    sweep = commands.add_parser("sweep", help="run every job due at an instant once, print what was sent")
    sweep.add_argument("--at", type=_instant, default=None, help="ISO-8601 instant (default: now)")
    demo = commands.add_parser("demo", help="an offline simulation of a small team over several weeks")
    demo.add_argument("--lang", choices=LANGUAGES, default=None, help="narration and the bot's language")
    demo.add_argument("--person", default=None, help="follow one person (a first name, e.g. Nina)")
    db = commands.add_parser("db", help="database administration")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply migrations")
    return parser


def installed_version() -> str:
    try:
        return version("oppfolging")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _settings(*, need_slack: bool) -> Settings:
    try:
        return load_environment(Path.cwd() / ".env", need_slack=need_slack)
    except SettingsError as error:
        print("oppfolging: configuration error: " + "; ".join(error.problems), file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from error


def _progress_line() -> Callable[[str], None]:
    """Progress on stderr: one line rewritten in place on a terminal, else nothing (logs and pipes stay clean)."""
    if not sys.stderr.isatty():
        return lambda _: None

    def show(text: str) -> None:
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()

    return show


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        # The one edge from the runtime into the simulator, lazy so that serve/sweep never load it.
        from sim.demo import run_demo

        settings = _settings(need_slack=False)
        # The app's log set-up, held at ERROR: the story is the output, and the demo's expected refusals
        # (a channel the bot is not in yet) are not news.
        configure_logging("ERROR", settings.log_format)
        return asyncio.run(run_demo(settings, lang=args.lang, person=args.person, progress=_progress_line()))
    if args.command == "db":
        settings = _settings(need_slack=False)
        configure_logging(settings.log_level, settings.log_format)
        from bot.app import db_upgrade

        asyncio.run(db_upgrade(settings))
        print("database is up to date")
        return 0
    settings = _settings(need_slack=True)
    configure_logging(settings.log_level, settings.log_format)
    from bot import app

    if args.command == "serve":
        try:
            asyncio.run(app.serve(settings, port=args.port, scheduler_enabled=not args.no_scheduler))
        except StartupError as error:
            print(f"oppfolging: {error}", file=sys.stderr)
            return error.exit_code
        return 0
    at: datetime | None = args.at
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(settings.timezone))
    report = asyncio.run(app.sweep_once(settings, at=at))
    zone = ZoneInfo(settings.timezone)
    for item in report.sent:
        where = "DM to" if item.recipient_type == "user" else "post in"
        stamp = item.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        print(f"{stamp}  {where} {item.recipient_id}: {item.kind}")
    print(f"sweep: {report.summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
