"""Every Slack identifier in one place: the command, events, action, view and block ids.

Builders put these into Block Kit and `handlers.register` routes on the same constants, so an id is never
spelled twice. `tests/contracts/test_manifest.py` checks the manifest declares `COMMAND` and `EVENTS`.
"""

from __future__ import annotations

import re
from typing import Final

COMMAND: Final = "/oppfolging"
EVENTS: Final = ("app_home_opened", "user_change", "app_uninstalled", "tokens_revoked")

# App Home
HOME_LANGUAGE: Final = "home.language"
HOME_PAUSE: Final = "home.pause"
HOME_RESUME: Final = "home.resume"
HOME_HELP: Final = "home.help"
HOME_DELETE_REQUEST: Final = "home.delete_request"  # "Be om sletting" in the privacy section

# Block ids that several builders share
BLOCK_HEADER: Final = "header"
BLOCK_INTRO: Final = "intro"
BLOCK_ACTIONS: Final = "actions"
BLOCK_FOOTER: Final = "footer"

# Tiltak
TILTAK_DONE: Final = "tiltak.done"
TILTAK_POSTPONE: Final = "tiltak.postpone"
TILTAK_CANCEL: Final = "tiltak.cancel"
TILTAK_NEW: Final = "tiltak.new"
TILTAK_MODAL: Final = "tiltak.modal"
TILTAK_TEXT_BLOCK: Final = "tiltak_text"
TILTAK_OWNER_BLOCK: Final = "tiltak_owner"
TILTAK_DUE_BLOCK: Final = "tiltak_due"
TILTAK_NOTE_BLOCK: Final = "tiltak_note"
INPUT: Final = "value"
# Block ids of a tiltak's rows carry its id: "tiltak:<id>" (actions) and "tiltak:<id>:text".
TILTAK_BLOCK_PREFIX: Final = "tiltak:"


_NUMBER = re.compile(r"[0-9]{1,9}")


def small_number(text: str) -> int | None:
    """A tiltak id or number as typed or sent back in a payload: 1 to 9 ASCII digits, else None.

    `str.isdigit` also accepts "²", which `int` refuses, and an unbounded number overflows the database column,
    so a forged value would end in an exception instead of a polite refusal.
    """
    return int(text) if _NUMBER.fullmatch(text) else None


def tiltak_block(tiltak_id: int, part: str = "") -> str:
    return f"{TILTAK_BLOCK_PREFIX}{tiltak_id}" + (f":{part}" if part else "")


def tiltak_id_from_block(block_id: str) -> int | None:
    """The tiltak id in a block id made by `tiltak_block`, or None when it is not one (a forged payload)."""
    if not block_id.startswith(TILTAK_BLOCK_PREFIX):
        return None
    head = block_id[len(TILTAK_BLOCK_PREFIX) :].split(":", 1)[0]
    return small_number(head)


# 1:1 rhythm
ONEONONE_AGENDA: Final = "oneonone.agenda"
ONEONONE_AGENDA_MODAL: Final = "oneonone.agenda_modal"
ONEONONE_TYPE: Final = "oneonone.type"
ONEONONE_HELD: Final = "oneonone.held"
ONEONONE_MOVE: Final = "oneonone.move"
ONEONONE_NOT_HELD: Final = "oneonone.not_held"
ONEONONE_HELD_MODAL: Final = "oneonone.held_modal"
ONEONONE_MOVE_MODAL: Final = "oneonone.move_modal"
AGENDA_DONE_BLOCK: Final = "agenda_done"
AGENDA_NEW_BLOCK: Final = "agenda_new"
MOVE_DATE_BLOCK: Final = "move_date"
MOVE_TIME_BLOCK: Final = "move_time"
HELD_ROWS: Final = 3


def held_block(part: str, row: int) -> str:
    """Block ids of the follow-up form's rows: held_text_1, held_owner_1, held_due_1, …"""
    return f"held_{part}_{row}"


# Digest
DIGEST_SHARE: Final = "digest.share"
DIGEST_SHARE_MODAL: Final = "digest.share_modal"
DIGEST_SHARE_BLOCK: Final = "share_text"

# Pulse
PULSE_ANSWER: Final = "pulse.answer"  # the "Svar" button; its value is the round id
PULSE_MODAL: Final = "pulse.modal"  # the answer modal; private_metadata is the round id
PULSE_SETTINGS: Final = "pulse.settings"  # the admin settings button in `/oppfolging puls`
PULSE_SETTINGS_MODAL: Final = "pulse.settings_modal"

# Answer modal blocks: one per question, "pulse_q:<question id>", and the optional comment.
PULSE_QUESTION_PREFIX: Final = "pulse_q:"
PULSE_COMMENT_BLOCK: Final = "pulse_comment"

# Settings modal blocks
PULSE_FREQUENCY_BLOCK: Final = "pulse_frequency"
PULSE_WEEKDAY_BLOCK: Final = "pulse_weekday"
PULSE_TIME_BLOCK: Final = "pulse_time"
PULSE_K_BLOCK: Final = "pulse_k"
PULSE_CLOSURES_BLOCK: Final = "pulse_closures"
HALF_DAYS_BLOCK: Final = "calendar_half_days"  # the checkbox: julaften and nyttårsaften are not working days
HALF_DAYS_OFF: Final = "off"  # the value of its one option


def question_block(question: str) -> str:
    return f"{PULSE_QUESTION_PREFIX}{question}"


def question_of_block(block_id: str) -> str | None:
    """The question id in a block id made by `question_block`, or None for any other block."""
    if not block_id.startswith(PULSE_QUESTION_PREFIX):
        return None
    return block_id[len(PULSE_QUESTION_PREFIX) :] or None


# Consent: the Godta / Avslå buttons of a manager request; their value is the request id
CONSENT_ACCEPT: Final = "consent.accept"
CONSENT_DECLINE: Final = "consent.decline"

# Personvern
PRIVACY_DELETE_MODAL: Final = "privacy.delete"  # the confirmation of `admin slett`; private_metadata: the user id
PRIVACY_MONTHS_BLOCK: Final = "retention_months"  # in the settings modal
PRIVACY_DAYS_BLOCK: Final = "retention_days"
# The medarbeidersamtale: buttons carry the talk id as their value; modals carry it as private_metadata
YEAR_PREPARE: Final = "year.prepare"  # the employee opens the preparation form
YEAR_SHARE: Final = "year.share"  # "Del med lederen"
YEAR_GUIDE: Final = "year.guide"  # the manager opens the guide
YEAR_SUMMARY: Final = "year.summary"  # the manager writes the summary
YEAR_CONFIRM: Final = "year.confirm"  # the employee confirms it
YEAR_PREP_MODAL: Final = "year.prep_modal"
YEAR_SUMMARY_MODAL: Final = "year.summary_modal"
YEAR_GUIDE_MODAL: Final = "year.guide_modal"
YEAR_PERIOD_BLOCK: Final = "year_period"  # in the settings modal: the medarbeidersamtale period
SICKLEAVE_MODULE_BLOCK: Final = "sickleave_module"  # in the settings modal: the sick-leave follow-up switch
SICKLEAVE_MODULE_ON: Final = "on"  # the value of its one option
SICKLEAVE_RETENTION_BLOCK: Final = "sickleave_retention"  # in the settings modal: months an ended case is kept


def prep_block(theme: str, part: str) -> str:
    """Block ids of the preparation form: prep_tasks_score, prep_tasks_text, …"""
    return f"prep_{theme}_{part}"


def summary_block(kind: str, part: str, row: int) -> str:
    """Block ids of the summary form: summary_goal_text_1, summary_goal_due_1, summary_tiltak_text_1, …"""
    return f"summary_{kind}_{part}_{row}"


# Sick-leave follow-up: buttons carry "<case id>:<milestone>"; the reason modal carries it as private_metadata
SICKLEAVE_DONE: Final = "sickleave.done"
SICKLEAVE_NOT_NEEDED: Final = "sickleave.not_needed"
SICKLEAVE_REASON_MODAL: Final = "sickleave.reason_modal"
SICKLEAVE_REASON_BLOCK: Final = "sickleave_reason"
SICKLEAVE_NAV: Final = "sickleave.nav"  # the link to NAV's plan: Slack still sends the click, which is only acked
