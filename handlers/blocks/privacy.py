"""Personvern in Slack: the deletion confirmation modal, the audit log, the export DM, the retention fields of
the settings modal, and the replies. Pure functions of contract values."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.contract.privacy import (
    AuditView,
    DataExport,
    DeletionDone,
    DeletionPreview,
    DeletionRequestResult,
    ExportResult,
    PrivacyProblem,
    RetentionForm,
)
from bot.i18n import get_translator
from handlers import ids
from handlers.blocks.kit import Block, context, header, plain, section

MODAL_TEXT = 24
KINDS = (
    "profile",
    "tiltak",
    "oneonone",
    "team",
    "probation",
    "talks",
    "sickleave",
    "requests",
    "digest",
    "messages",
)
"""The kinds of rows deletion removes, in the order the modal lists them (`storage.person_data`)."""
EXPORT_PARTS = ("tiltak", "oneonones", "meetings", "agenda", "manager_requests", "my_team", "pending_messages")


def problem_text(lang: str, problem: PrivacyProblem, *, verb: str = "delete") -> str:
    """The one-line answer for a problem; `verb` picks the example for a syntax error (`delete` / `export`)."""
    tr = get_translator(lang)
    if problem == PrivacyProblem.SYNTAX:
        return tr.t(f"privacy.syntax_{verb}")
    return tr.t(f"privacy.problem_{problem.value}")


def admin_help_text(lang: str, allowed: bool) -> str:
    tr = get_translator(lang)
    return tr.t("privacy.admin_help") if allowed else tr.t("privacy.problem_not_admin")


def build_delete_modal(preview: DeletionPreview) -> dict[str, Any]:
    """What `admin slett` will delete (counts per kind) and what it will not; submitting confirms it."""
    tr = get_translator(preview.lang)
    person = preview.subject or ""
    lines = [f"• {tr.t(f'privacy.kind_{kind}')}: {preview.counts[kind]}" for kind in KINDS if preview.counts.get(kind)]
    blocks: list[Block] = [
        section(tr.t("privacy.delete_intro", person=person), block_id=ids.BLOCK_INTRO),
        section("\n".join(lines) if lines else tr.t("privacy.delete_nothing"), block_id="counts"),
    ]
    if preview.named:
        blocks.append(section(tr.t("privacy.delete_named", count=preview.named), block_id="named"))
    blocks.append(context(tr.t("privacy.delete_kept"), block_id="kept"))
    blocks.append(context(tr.t("privacy.delete_final"), block_id=ids.BLOCK_FOOTER))
    return {
        "type": "modal",
        "callback_id": ids.PRIVACY_DELETE_MODAL,
        "private_metadata": person,
        "title": plain(tr.t("privacy.delete_title"), limit=MODAL_TEXT),
        "submit": plain(tr.t("privacy.delete_submit"), limit=MODAL_TEXT),
        "close": plain(tr.t("common.cancel"), limit=MODAL_TEXT),
        "blocks": blocks,
    }


def deleted_text(done: DeletionDone) -> str:
    if done.problem is not None:
        return problem_text(done.lang, done.problem)
    return get_translator(done.lang).t("privacy.deleted", person=done.subject or "", rows=done.rows)


def build_audit_log(view: AuditView) -> list[Block]:
    """`admin logg`: newest first; who, what, about whom, when. No content is stored, so none is shown."""
    tr = get_translator(view.lang)
    zone = ZoneInfo(view.zone)
    blocks: list[Block] = [header(tr.t("privacy.audit_title"), block_id=ids.BLOCK_HEADER)]
    if not view.entries:
        blocks.append(section(tr.t("privacy.audit_empty"), block_id="empty"))
        return blocks
    lines = []
    for entry in view.entries:
        actor = f"<@{entry.actor}>" if entry.actor else tr.t("privacy.audit_bot")
        subject = f" · <@{entry.subject}>" if entry.subject else ""
        action = tr.t(f"privacy.action_{entry.action.replace('.', '_')}")
        lines.append(f"• {tr.datetime(entry.at, zone)} · {actor} · {action}{subject}")
    for index in range(0, len(lines), 10):
        blocks.append(section("\n".join(lines[index : index + 10]), block_id=f"audit_{index // 10}"))
    return blocks


def audit_log_text(view: AuditView) -> str:
    if view.problem is not None:
        return problem_text(view.lang, view.problem)
    return get_translator(view.lang).t("privacy.audit_title")


def build_data_export(message: DataExport) -> tuple[str, list[Block]]:
    """The DM before the JSON file: what the export holds, and that pulse answers cannot be in it."""
    tr = get_translator(message.lang)
    title = (
        tr.t("privacy.export_title_admin", person=message.subject)
        if message.for_admin
        else tr.t("privacy.export_title")
    )
    lines = [f"• {tr.t(f'privacy.part_{part}')}: {message.counts.get(part, 0)}" for part in EXPORT_PARTS]
    blocks: list[Block] = [
        section(f"*{title}*", block_id=ids.BLOCK_HEADER),
        section("\n".join(lines), block_id="counts"),
        section(tr.t("privacy.export_pulse"), block_id="pulse"),
        context(tr.t("privacy.export_file"), block_id=ids.BLOCK_FOOTER),
    ]
    return title, blocks


def export_reply_text(result: ExportResult) -> str:
    tr = get_translator(result.lang)
    if result.problem is not None:
        return problem_text(result.lang, result.problem, verb="export")
    return tr.t("privacy.export_sent")


def admin_export_reply_text(result: ExportResult) -> str:
    if result.problem is not None:
        return problem_text(result.lang, result.problem, verb="export")
    return get_translator(result.lang).t("privacy.export_sent_admin", person=result.subject or "")


def deletion_request_blocks(result: DeletionRequestResult) -> list[Block]:
    tr = get_translator(result.lang)
    if result.problem is not None:
        return [section(tr.t(f"privacy.problem_{result.problem.value}"), block_id="request")]
    return [section(tr.t("privacy.request_sent", count=result.admins), block_id="request")]


def retention_inputs(lang: str, form: RetentionForm) -> list[Block]:
    """The two retention fields of the settings modal (admins only)."""
    tr = get_translator(lang)

    def field(block_id: str, label: str, hint: str, value: int) -> Block:
        element = {"type": "plain_text_input", "action_id": ids.INPUT, "initial_value": str(value)}
        return {
            "type": "input",
            "block_id": block_id,
            "label": plain(tr.t(label), limit=2000),
            "hint": plain(tr.t(hint), limit=2000),
            "element": element,
        }

    return [
        field(ids.PRIVACY_MONTHS_BLOCK, "privacy.retention_months", "privacy.retention_months_hint", form.months),
        field(ids.PRIVACY_DAYS_BLOCK, "privacy.retention_days", "privacy.retention_days_hint", form.outbox_days),
    ]


def retention_errors(lang: str, problems: dict[str, str]) -> dict[str, str]:
    """Modal errors for the retention fields, by block id."""
    tr = get_translator(lang)
    blocks = {"months": ids.PRIVACY_MONTHS_BLOCK, "days": ids.PRIVACY_DAYS_BLOCK}
    return {blocks[field]: tr.t(f"privacy.retention_error_{field}") for field in problems}
