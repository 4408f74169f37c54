"""The Slack Web API behaviour behind `sim.fake_slack.FakeSlack`: a registry of users and channels, and
one canned, realistic answer per method.

Pure state and logic (no HTTP, no slack_sdk, no pytest), so the offline demo can use it as well as the tests.
Answers follow Slack's shapes: `{"ok": true, ...}` on success, `{"ok": false, "error": "<code>"}` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

Answer = dict[str, Any]


class FakeApiError(Exception):
    """Raised inside a method implementation to answer `{"ok": false, "error": code}`."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class FakeUser:
    """A workspace member as `users.info` describes it."""

    user_id: str
    tz: str
    locale: str
    is_bot: bool
    deleted: bool
    is_admin: bool
    is_owner: bool
    real_name: str
    display_name: str
    status_text: str = ""
    status_emoji: str = ""
    status_expiration: int = 0


@dataclass
class FakeChannel:
    """A public or private channel (`C…`/`G…`)."""

    channel_id: str
    name: str
    archived: bool


def _truthy(value: Any) -> bool:
    return value is True or value == 1 or (isinstance(value, str) and value.lower() in ("1", "true"))


class FakeWorkspace:
    """One Slack workspace: users, channels, the bot's memberships, uploaded files and published Home views.

    `answer(method, args)` returns Slack's JSON answer for a Web API call and updates the state. Knobs:
    `chat_write_public` (post to channels the bot has not joined), `channel_membership_enforced` (file shares
    need the bot in the channel, as in Slack).
    """

    def __init__(self, *, team_id: str = "T0001", bot_user_id: str = "UBOT", bot_id: str = "B0001") -> None:
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, FakeChannel] = {}
        self.joined_channels: set[str] = set()
        self.chat_write_public = False
        self.channel_membership_enforced = True
        self.uploads: dict[str, bytes] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self._file_meta: dict[str, dict[str, Any]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._posted: set[tuple[str, str]] = set()
        self._seq = 0
        self._methods: dict[str, Callable[[dict[str, Any]], Answer]] = {
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.update": self._update,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "files.getUploadURLExternal": self._get_upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }

    # registry --------------------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        tz: str = "Europe/Oslo",
        locale: str = "nb-NO",
        is_bot: bool = False,
        deleted: bool = False,
        is_admin: bool = False,
        is_owner: bool = False,
        real_name: str | None = None,
        display_name: str | None = None,
        status_text: str = "",
        status_emoji: str = "",
        status_expiration: int = 0,
    ) -> None:
        """Register (or replace) a member; `real_name` defaults to "User <id>"; a custom status is optional."""
        name = real_name if real_name is not None else f"User {user_id}"
        self.users[user_id] = FakeUser(
            user_id,
            tz,
            locale,
            is_bot,
            deleted,
            is_admin,
            is_owner,
            name,
            display_name or name,
            status_text,
            status_emoji,
            status_expiration,
        )

    def add_channel(
        self, channel_id: str, *, bot_is_member: bool = True, archived: bool = False, name: str | None = None
    ) -> None:
        """Register (or replace) a channel and whether the bot has joined it."""
        self.channels[channel_id] = FakeChannel(channel_id, name or channel_id.lower(), archived)
        if bot_is_member:
            self.joined_channels.add(channel_id)
        else:
            self.joined_channels.discard(channel_id)

    @staticmethod
    def dm_channel(user_id: str) -> str:
        """The DM channel id the fake uses for a user: "D" + user id."""
        return f"D{user_id}"

    def upload_url(self, file_id: str) -> str:
        """Where `files.getUploadURLExternal` sends the client to POST the bytes (the server overrides it)."""
        return f"http://fake-slack.invalid/upload/{file_id}"

    # dispatch --------------------------------------------------------------------------------------

    def answer(self, method: str, args: dict[str, Any]) -> Answer:
        """Slack's answer to `method` called with `args`; unknown methods answer `{"ok": true}`."""
        implementation = self._methods.get(method)
        if implementation is None:
            return {"ok": True}
        try:
            return implementation(args)
        except FakeApiError as exc:
            return {"ok": False, "error": exc.code}

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _ts(self) -> str:
        n = self._next()
        return f"{1_700_000_000 + n}.{n:06d}"

    def _user(self, user_id: Any, missing: str = "user_not_found") -> FakeUser:
        user = self.users.get(str(user_id or ""))
        if user is None:
            raise FakeApiError(missing)
        return user

    def _dm_target(self, user: FakeUser) -> str:
        if user.deleted:
            raise FakeApiError("account_inactive")
        if user.is_bot or user.user_id == self.bot_user_id:
            raise FakeApiError("cannot_dm_bot")
        return self.dm_channel(user.user_id)

    def _target(self, channel: Any, *, sharing_file: bool = False) -> str:
        """Resolve a post target the way Slack does; raises the error code Slack would answer."""
        wanted = str(channel or "")
        if not wanted:
            raise FakeApiError("channel_not_found")
        if wanted.startswith(("U", "W")):
            return self._dm_target(self._user(wanted, missing="channel_not_found"))
        if wanted.startswith("D") and wanted[1:] in self.users:
            return self._dm_target(self.users[wanted[1:]])
        found = self.channels.get(wanted)
        if found is None:
            raise FakeApiError("channel_not_found")
        if found.archived:
            raise FakeApiError("is_archived")
        member = wanted in self.joined_channels
        if sharing_file and self.channel_membership_enforced and not member:
            raise FakeApiError("not_in_channel")
        if not sharing_file and not member and not self.chat_write_public:
            raise FakeApiError("not_in_channel")
        return wanted

    # methods ---------------------------------------------------------------------------------------

    def _auth_test(self, args: dict[str, Any]) -> Answer:
        answer = {
            "ok": True,
            "url": "https://fake-workspace.slack.com/",
            "team": "Fake",
            "user": "oppfolging",
        }
        ids = {"team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": self.bot_id}
        return {**answer, **ids, "is_enterprise_install": False}

    def _users_info(self, args: dict[str, Any]) -> Answer:
        user = self._user(args.get("user"))
        offset = datetime.now(UTC).astimezone(ZoneInfo(user.tz)).utcoffset()
        body: dict[str, Any] = {
            "id": user.user_id,
            "team_id": self.team_id,
            "name": user.display_name.lower().replace(" ", "."),
            "deleted": user.deleted,
            "real_name": user.real_name,
            "tz": user.tz,
            "tz_label": user.tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "is_admin": user.is_admin,
            "is_owner": user.is_owner,
            "is_bot": user.is_bot,
            "is_app_user": False,
            "profile": {
                "real_name": user.real_name,
                "display_name": user.display_name,
                "status_text": user.status_text,
                "status_emoji": user.status_emoji,
                "status_expiration": user.status_expiration,
            },
        }
        if _truthy(args.get("include_locale")):
            body["locale"] = user.locale
        return {"ok": True, "user": body}

    def _post_message(self, args: dict[str, Any]) -> Answer:
        channel = self._target(args.get("channel"))
        if not (args.get("text") or args.get("blocks") or args.get("attachments")):
            raise FakeApiError("no_text")
        ts = self._ts()
        self._posted.add((channel, ts))
        message = {"type": "message", "user": self.bot_user_id, "bot_id": self.bot_id, "ts": ts}
        message |= {key: args[key] for key in ("text", "blocks", "attachments") if args.get(key)}
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _post_ephemeral(self, args: dict[str, Any]) -> Answer:
        self._target(args.get("channel"))
        user = self._user(args.get("user"))
        if user.deleted:
            raise FakeApiError("account_inactive")
        return {"ok": True, "message_ts": self._ts()}

    def _update(self, args: dict[str, Any]) -> Answer:
        channel, ts = str(args.get("channel") or ""), str(args.get("ts") or "")
        if (channel, ts) not in self._posted:
            raise FakeApiError("message_not_found")
        return {"ok": True, "channel": channel, "ts": ts, "text": args.get("text") or ""}

    def _stored_view(self, view: Any, view_id: str) -> dict[str, Any]:
        if not isinstance(view, dict):
            raise FakeApiError("invalid_arguments")
        stored = {**view, "id": view_id, "team_id": self.team_id, "app_id": "A0001", "bot_id": self.bot_id}
        stored["hash"] = f"{1_700_000_000 + self._next()}.fakehash"
        stored.setdefault("state", {"values": {}})
        self._views[view_id] = stored
        return stored

    def _views_open(self, args: dict[str, Any]) -> Answer:
        if not args.get("trigger_id") and not args.get("interactivity_pointer"):
            raise FakeApiError("invalid_arguments")
        return {"ok": True, "view": self._stored_view(args.get("view"), f"V{self._next():08d}")}

    def _views_update(self, args: dict[str, Any]) -> Answer:
        view_id = str(args.get("view_id") or "")
        if not view_id:
            external = args.get("external_id")
            matches = (v for v, s in self._views.items() if external and s.get("external_id") == external)
            view_id = next(matches, "")
        if view_id not in self._views:
            raise FakeApiError("not_found")
        expected = args.get("hash")
        if expected and expected != self._views[view_id]["hash"]:
            raise FakeApiError("hash_conflict")
        return {"ok": True, "view": self._stored_view(args.get("view"), view_id)}

    def _views_publish(self, args: dict[str, Any]) -> Answer:
        user = self._user(args.get("user_id"))
        view_id = str(self.home_views.get(user.user_id, {}).get("id") or f"V{self._next():08d}")
        self.home_views[user.user_id] = self._stored_view(args.get("view"), view_id)
        return {"ok": True, "view": self.home_views[user.user_id]}

    def _conversations_open(self, args: dict[str, Any]) -> Answer:
        if args.get("channel"):
            return {"ok": True, "channel": {"id": self._target(args["channel"])}}
        users = [u for u in str(args.get("users") or "").split(",") if u]
        if not users:
            raise FakeApiError("users_list_not_supplied")
        for user_id in users:
            self._user(user_id)
        if len(users) == 1:
            return {"ok": True, "channel": {"id": self._dm_target(self.users[users[0]])}}
        return {"ok": True, "channel": {"id": "G" + "".join(u[1:] for u in sorted(users))}}

    def _conversations_info(self, args: dict[str, Any]) -> Answer:
        channel_id = str(args.get("channel") or "")
        if channel_id.startswith("D") and channel_id[1:] in self.users:
            return {"ok": True, "channel": {"id": channel_id, "is_im": True, "user": channel_id[1:]}}
        found = self.channels.get(channel_id)
        if found is None:
            raise FakeApiError("channel_not_found")
        kind = {
            "is_channel": channel_id.startswith("C"),
            "is_private": channel_id.startswith("G"),
            "is_im": False,
        }
        state = {"is_archived": found.archived, "is_member": channel_id in self.joined_channels}
        return {"ok": True, "channel": {"id": channel_id, "name": found.name, **kind, **state}}

    def _get_upload_url(self, args: dict[str, Any]) -> Answer:
        filename, length = args.get("filename"), args.get("length")
        if not filename or length is None:
            raise FakeApiError("invalid_arguments")
        file_id = f"F{self._next():08d}"
        self._file_meta[file_id] = {"name": filename, "alt_txt": args.get("alt_txt")}
        return {"ok": True, "upload_url": self.upload_url(file_id), "file_id": file_id}

    def _complete_upload(self, args: dict[str, Any]) -> Answer:
        files = args.get("files")
        if not isinstance(files, list) or not files:
            raise FakeApiError("invalid_arguments")
        channel = args.get("channel_id")
        if channel:
            channel = self._target(channel, sharing_file=True)
        answered = []
        for item in files:
            file_id = str(item.get("id") if isinstance(item, dict) else "")
            if file_id not in self.uploads or file_id not in self._file_meta:
                raise FakeApiError("file_not_found")
            meta = self._file_meta[file_id]
            shared = {"title": item.get("title") or meta["name"], "channels": [channel] if channel else []}
            answered.append({"id": file_id, **meta, **shared, "size": len(self.uploads[file_id])})
        return {"ok": True, "files": answered}
