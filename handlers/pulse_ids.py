"""Slack ids of the pulse: the "Svar" button, the answer modal and the admin settings modal (and their blocks).

Kept apart until they join `handlers.ids`; builders and `handlers.pulse.register_pulse_routes` use only these.
"""

from __future__ import annotations

from typing import Final

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


def question_block(question: str) -> str:
    return f"{PULSE_QUESTION_PREFIX}{question}"


def question_of_block(block_id: str) -> str | None:
    """The question id in a block id made by `question_block`, or None for any other block."""
    if not block_id.startswith(PULSE_QUESTION_PREFIX):
        return None
    return block_id[len(PULSE_QUESTION_PREFIX) :] or None
