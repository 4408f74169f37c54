"""Tiltak (action points): create, complete, postpone, cancel; the due and overdue reminders."""

from bot.features.tiltak.service import MAX_TEXT, TiltakDraft, TiltakError, TiltakResult, TiltakService, view_of

__all__ = ["MAX_TEXT", "TiltakDraft", "TiltakError", "TiltakResult", "TiltakService", "view_of"]
