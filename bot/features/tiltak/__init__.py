"""Tiltak (action points): create, complete, postpone, cancel; the due and overdue reminders. Its values are in
`bot.contract.tiltak`."""

from bot.features.tiltak.service import MAX_TEXT, TiltakDraft, TiltakService, view_of

__all__ = ["MAX_TEXT", "TiltakDraft", "TiltakService", "view_of"]
