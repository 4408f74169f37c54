"""manifest.yml against Slack's manifest schema, plus the rules the schema cannot express.

The schema accepts any string as a scope or event name and has no cross-field rules, so the exact lists, the
Socket Mode / HTTP switch and the routing table's needs are asserted here.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from typing import Any

import pytest
import yaml

from tests.contracts.blockkit import REPO_ROOT, manifest_validator, requires_contracts

MANIFEST = REPO_ROOT / "manifest.yml"
BOT_SCOPES = ["commands", "chat:write", "users:read", "files:write"]
BOT_EVENTS = ["app_home_opened", "user_change", "app_uninstalled", "tokens_revoked"]
COMMAND = "/oppfolging"


def raw_manifest() -> str:
    return MANIFEST.read_text(encoding="utf-8")


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(raw_manifest())
    return loaded


def commands(data: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data["features"]["slash_commands"]
    return found


@requires_contracts
def test_manifest_is_valid_against_the_version_1_schema() -> None:
    data = manifest()
    assert data["_metadata"]["major_version"] == 1, "the 1.0.0 schema only fits major_version 1"
    errors = sorted(manifest_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_display_information() -> None:
    info = manifest()["display_information"]
    assert info["name"] == "Oppfølging"
    assert 1 <= len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    # The schema's colour pattern uses a non-standard keyword that validators ignore, so check it here.
    assert re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", info["background_color"])


def test_exact_bot_scopes() -> None:
    assert manifest()["oauth_config"]["scopes"]["bot"] == BOT_SCOPES
    assert "user" not in manifest()["oauth_config"]["scopes"], "the app acts only as its bot user"


def test_every_scope_has_a_comment_saying_why() -> None:
    lines = raw_manifest().splitlines()
    start = next(n for n, line in enumerate(lines) if re.fullmatch(r"\s+bot:\s*", line)) + 1
    scope_lines = []
    for line in lines[start:]:
        if not line.lstrip().startswith("-"):
            break
        scope_lines.append(line)
    found = {}
    for line in scope_lines:
        match = re.fullmatch(r"\s+-\s+(?P<scope>[\w:.]+)\s+#\s*(?P<why>\S.*)", line)
        assert match, f"scope line without a trailing comment saying why: {line.strip()!r}"
        found[match["scope"]] = match["why"]
    assert sorted(found) == sorted(BOT_SCOPES)


def test_exact_bot_events() -> None:
    events = manifest()["settings"]["event_subscriptions"]
    assert events["bot_events"] == BOT_EVENTS
    assert "user_events" not in events


def test_slash_command_escapes_mentions() -> None:
    declared = commands(manifest())
    assert [c["command"] for c in declared] == [COMMAND]
    command = declared[0]
    # Without escaping, mentions arrive as plain "@name" and cannot be resolved to a user id.
    assert command["should_escape"] is True
    assert command["description"]
    assert command["usage_hint"]


def test_app_home_and_bot_user() -> None:
    features = manifest()["features"]
    assert features["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": True,
    }
    assert features["bot_user"] == {"display_name": "Oppfølging", "always_online": False}


def test_the_bot_is_called_what_the_messages_tell_people_to_invite() -> None:
    """Every `/invite @Name` in the catalogs names the bot's display name, so Slack can complete it."""
    name = manifest()["features"]["bot_user"]["display_name"]
    catalogs = REPO_ROOT / "bot" / "i18n"
    invited = set()
    for path in catalogs.glob("*/*.json"):
        invited.update(re.findall(r"/invite @([^`\s]+)", path.read_text(encoding="utf-8")))
    assert invited == {name}


def test_scopes_are_only_what_production_calls_need() -> None:
    """No runtime module opens a DM with conversations.open (chat.postMessage to a user id needs no im:write)."""
    runtime_code = [
        path
        for folder in ("bot", "handlers", "storage", "schedules")
        for path in (REPO_ROOT / folder).rglob("*.py")
        if not path.name.startswith("fake_slack")
    ]
    assert runtime_code
    for path in runtime_code:
        text = path.read_text(encoding="utf-8")
        assert "conversations_open" not in text, path
        assert "conversations.open" not in text, path


def test_settings_use_socket_mode_and_interactivity() -> None:
    settings = manifest()["settings"]
    # `is True`/`is False`: a YAML 1.1 "on"/"no" would also be a bool, but a quoted one would be a string.
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert settings["org_deploy_enabled"] is False
    assert settings["token_rotation_enabled"] is False


def test_request_urls_match_the_connection_mode() -> None:
    data = manifest()
    settings = data["settings"]
    urls = {
        "settings.event_subscriptions.request_url": settings["event_subscriptions"].get("request_url"),
        "settings.interactivity.request_url": settings["interactivity"].get("request_url"),
        **{f"slash command {c['command']} url": c.get("url") for c in commands(data)},
    }
    if settings["socket_mode_enabled"]:
        assert not any(urls.values()), f"Socket Mode ignores request URLs; remove them: {urls}"
    else:
        missing = [name for name, url in urls.items() if not url]
        assert not missing, f"HTTP mode needs a request URL for: {missing}"
        assert {url.rstrip("/").rsplit("/", 2)[-2:] == ["slack", "events"] for url in urls.values()} == {True}


def test_no_yaml_1_1_boolean_surprises() -> None:
    """String fields are still strings: PyYAML turns a bare on/off/yes/no into a bool."""
    info = manifest()["display_information"]
    command = commands(manifest())[0]
    for value in (*info.values(), command["description"], command["usage_hint"], command["command"]):
        assert isinstance(value, str), f"expected a string, YAML made it {value!r}"


def test_booleans_are_spelled_true_or_false() -> None:
    """PyYAML (YAML 1.1) reads `yes`/`on` as true, a YAML 1.2 parser as a string: spell booleans one way."""
    ambiguous = re.compile(r"^\s*[\w-]+:\s*(yes|no|on|off|y|n|True|False|TRUE|FALSE)\s*(#.*)?$", re.IGNORECASE)
    offending = [line.strip() for line in raw_manifest().splitlines() if ambiguous.match(line)]
    wrong_case = [line for line in offending if not re.search(r":\s*(true|false)\b", line)]
    assert not wrong_case, f"write booleans as lowercase true/false: {wrong_case}"


# --- manifest <-> routing table -----------------------------------------------------------------------------
# handlers/ids.py is the single place for Slack IDs: COMMAND (str) and EVENTS (tuple of event names). Until it
# exists this test is skipped; once it exists, any import error in it fails the test instead of hiding it.


def test_manifest_declares_every_routed_command_and_event() -> None:
    if importlib.util.find_spec("handlers.ids") is None:
        pytest.skip("handlers/ids.py does not exist yet")
    ids = importlib.import_module("handlers.ids")
    data = manifest()
    declared_commands = [c["command"] for c in commands(data)]
    assert isinstance(ids.COMMAND, str)
    assert ids.COMMAND in declared_commands, f"{ids.COMMAND} is routed but not in manifest.yml"
    bot_events = data["settings"]["event_subscriptions"]["bot_events"]
    missing = [event for event in ids.EVENTS if event not in bot_events]
    assert not missing, f"events routed in handlers but not subscribed in manifest.yml: {missing}"
