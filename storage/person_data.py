"""Where a Slack user id can be stored, and what erasing a person does to each place (GDPR art. 17).

`PersonDataRegistry` is the one list deletion (`admin slett`) works from: every table column that can hold a user
id is registered here with what erasure does to it. `tests/storage/test_person_data.py` introspects the SQLModel
metadata and fails while any text or JSON column is neither registered nor listed in `NOT_PERSONAL` (with the
reason), so a new table with a user column cannot ship without saying how it is erased. A feature that adds
tables (sick-leave, probation, …) adds its lines to `person_data_registry()` (or calls `register` on the
registry it is handed).

Actions:
- `DELETE`: rows where the column is the person are deleted, with their `children` first (rows pointing at them).
- `CLEAR`: set to NULL (a counterpart's tiltak keeps its own part but loses the name).
- `BLANK`: set to "" where the column is NOT NULL (who created or postponed a tiltak someone else owns).
- `PSEUDONYMISE`: replaced by one random token per erasure (the published pulse aggregate of a team the person
  led keeps its numbers, which contain nobody, and is no longer tied to their id).
- `JSON_ROWS`: rows whose JSON mentions the person's id anywhere are deleted (queued messages about them).
- `MENTIONS`: `<@id>` mentions in free text are replaced by `@–`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

import storage.consent_models
import storage.digest_models
import storage.models
import storage.oneonone_models
import storage.privacy_models
import storage.pulse_models
import storage.sickleave_models
import storage.tiltak_models
import storage.year_models  # noqa: F401  (every table is in the metadata once this module is imported)


class Erase(StrEnum):
    DELETE = "delete"
    CLEAR = "clear"
    BLANK = "blank"
    PSEUDONYMISE = "pseudonymise"
    JSON_ROWS = "json_rows"
    MENTIONS = "mentions"


@dataclass(frozen=True)
class Child:
    """Rows of `table` whose `column` holds the id of a deleted parent row."""

    table: str
    column: str


@dataclass(frozen=True)
class PersonColumn:
    table: str
    column: str
    erase: Erase
    kind: str
    """What the rows are, for the confirmation modal's counts (a catalog suffix: `privacy.kind_<kind>`)."""
    children: tuple[Child, ...] = ()


class PersonDataRegistry:
    """The columns that can hold a user id; `register` adds one (a table added by a feature registers here)."""

    def __init__(self) -> None:
        self._columns: dict[tuple[str, str], PersonColumn] = {}

    def register(self, table: str, column: str, erase: Erase, *, kind: str, children: tuple[Child, ...] = ()) -> None:
        key = (table, column)
        if key in self._columns:
            raise ValueError(f"{table}.{column} is already registered")
        self._columns[key] = PersonColumn(table, column, erase, kind, children)

    def __iter__(self) -> Iterator[PersonColumn]:
        return iter(self._columns.values())

    def __contains__(self, key: object) -> bool:
        return key in self._columns


NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("counter", "name"): "a sequence name",
    ("digest_channel", "channel_id"): "a channel",
    ("manager_request", "id"): "a random request id",
    ("manager_request", "kind"): "a code",
    ("manager_request", "status"): "a code",
    ("oneonone_pair", "cadence"): "a code",
    ("oneonone_pair", "zone"): "a time zone name",
    ("outbox", "dedupe_key"): "deleted with the row: recipient and params name the person",
    ("outbox", "kind"): "a code",
    ("outbox", "recipient_type"): "a code",
    ("outbox", "status"): "a code",
    ("outbox", "claimed_by"): "a worker id",
    ("outbox", "last_error"): "a Slack error code",
    ("person", "tz"): "deleted with the person row",
    ("person", "locale"): "deleted with the person row",
    ("person", "language"): "deleted with the person row",
    ("pulse_round", "id"): "a random round id",
    ("pulse_round", "questions"): "catalog keys",
    ("pulse_round", "status"): "a code",
    ("pulse_tally", "id"): "a random id",
    ("pulse_tally", "round_id"): "a round id",
    ("pulse_tally", "counts"): "counts only",
    ("pulse_tally", "comments"): "anonymous comments, linked to nobody; hidden teams' comments are wiped",
    ("pulse_awaiting", "round_id"): "a round id",
    ("pulse_awaiting", "token"): "an HMAC, emptied when the round closes",
    ("pulse_invited", "round_id"): "a round id",
    ("pulse_invited", "token"): "an HMAC, emptied when the round closes",
    ("seen_request", "key"): "a hash of a request signature",
    ("tiltak", "status"): "a code",
    ("tiltak", "source"): "a code",
    ("meeting", "status"): "a code",
    ("meeting", "kind"): "a code",
    ("meeting", "moved_reason"): "a code",
    ("workspace", "settings"): "channels, rhythm, retention: no person",
    ("workspace_state", "stop_reason"): "a code",
    ("audit_log", "action"): "a code",
    ("annual_talk", "prep"): "the pair's own preparation (theme → text or score); deleted with the talk",
    ("annual_talk", "summary"): "the pair's own plan (goals, tiltak owned by the employee); deleted with the talk",
    ("sick_leave_case", "rules_version"): "a version of the milestone rules",
    ("sick_leave_milestone", "milestone"): "a code",
    ("sick_leave_milestone", "status"): "a code",
    ("planner_mark", "name"): "a planner's name (its watermark)",
}
"""Text and JSON columns that never hold a user id (every table's `team_id` is the workspace, never listed)."""

_PAIR_CHILDREN = (Child("meeting", "pair_id"), Child("agenda_item", "pair_id"))


def person_data_registry() -> PersonDataRegistry:
    """Every column that can hold a user id, per feature."""
    r = PersonDataRegistry()
    # People and delivery
    r.register("person", "user_id", Erase.DELETE, kind="profile")
    r.register("outbox", "recipient_id", Erase.DELETE, kind="messages")
    r.register("outbox", "params", Erase.JSON_ROWS, kind="messages")
    # Tiltak: the person's own are deleted; others' keep their part and lose the name.
    children = (Child("tiltak_postponement", "tiltak_id"),)
    r.register("tiltak", "owner_id", Erase.DELETE, kind="tiltak", children=children)
    r.register("tiltak", "counterpart_id", Erase.CLEAR, kind="tiltak_named")
    r.register("tiltak", "created_by", Erase.BLANK, kind="tiltak_named")
    r.register("tiltak", "closed_by", Erase.CLEAR, kind="tiltak_named")
    r.register("tiltak", "text", Erase.MENTIONS, kind="tiltak_named")
    r.register("tiltak", "note", Erase.MENTIONS, kind="tiltak_named")
    r.register("tiltak_postponement", "by_user", Erase.BLANK, kind="tiltak_named")
    # Teams, 1:1s, probation
    r.register("team_member", "employee_id", Erase.DELETE, kind="team")
    r.register("team_member", "manager_id", Erase.DELETE, kind="team")
    r.register("team_member", "added_by", Erase.BLANK, kind="team")
    r.register("oneonone_pair", "manager_id", Erase.DELETE, kind="oneonone", children=_PAIR_CHILDREN)
    r.register("oneonone_pair", "employee_id", Erase.DELETE, kind="oneonone", children=_PAIR_CHILDREN)
    r.register("agenda_item", "author_id", Erase.BLANK, kind="oneonone")
    r.register("agenda_item", "text", Erase.MENTIONS, kind="oneonone")
    r.register("probation", "employee_id", Erase.DELETE, kind="probation")
    r.register("probation", "manager_id", Erase.BLANK, kind="probation")
    # The conversation year: a talk is the pair's, deleted with either of them.
    r.register("annual_talk", "employee_id", Erase.DELETE, kind="talks")
    r.register("annual_talk", "manager_id", Erase.DELETE, kind="talks")
    # Sick-leave follow-up: the employee's case goes with them; a deleted manager leaves the case without a name.
    milestones = (Child("sick_leave_milestone", "case_id"),)
    r.register("sick_leave_case", "employee_id", Erase.DELETE, kind="sickleave", children=milestones)
    r.register("sick_leave_case", "manager_id", Erase.BLANK, kind="sickleave")
    r.register("sick_leave_milestone", "manager_id", Erase.BLANK, kind="sickleave")
    r.register("sick_leave_milestone", "reason", Erase.MENTIONS, kind="sickleave")
    # Consent
    r.register("manager_request", "requester_id", Erase.DELETE, kind="requests")
    r.register("manager_request", "employee_id", Erase.DELETE, kind="requests")
    r.register("manager_request", "params", Erase.JSON_ROWS, kind="requests")
    # Pulse and digests: published aggregates stay, tied to nobody.
    r.register("pulse_tally", "group_key", Erase.PSEUDONYMISE, kind="aggregates")
    r.register("pulse_invited", "group_key", Erase.PSEUDONYMISE, kind="aggregates")
    r.register("digest_channel", "manager_id", Erase.DELETE, kind="digest")
    r.register("digest_channel", "set_by", Erase.BLANK, kind="digest")
    r.register("team_update", "manager_id", Erase.DELETE, kind="digest")
    r.register("team_update", "text", Erase.MENTIONS, kind="digest")
    # Personvern itself
    r.register("audit_log", "actor_id", Erase.CLEAR, kind="audit")
    r.register("audit_log", "subject_id", Erase.CLEAR, kind="audit")
    r.register("offboarded", "user_id", Erase.DELETE, kind="profile")
    return r


def mention_pattern(user_id: str) -> re.Pattern[str]:
    """`<@U123>` or `<@U123|name>` for exactly this id."""
    return re.compile(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>")
