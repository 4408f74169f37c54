"""A stored medarbeidersamtale as the one asking may see it, and the outbox params of the year's kinds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.contract.year import PlanRow, PrepAnswer, TalkView
from bot.outbox.params import Params
from bot.rules.annual import SCORES, THEMES
from storage.year_models import AnnualTalk


@dataclass(frozen=True)
class TalkRef(Params):
    """Params of `year.invite` and `year.summary`: the talk (and, for an invite, the date it was planned for)."""

    talk: int
    talk_date: date | None = None


@dataclass(frozen=True)
class ProbationRef(Params):
    """Params of `year.probation_decision`: whose prøvetid, and the end it was planned for."""

    employee: str
    end: date


def prep_answers(stored: dict[str, Any]) -> tuple[PrepAnswer, ...]:
    """The stored preparation, theme by theme in `THEMES` order; unreadable parts are left out."""
    answers: list[PrepAnswer] = []
    for theme in THEMES:
        value = stored.get(theme)
        if not isinstance(value, dict):
            continue
        score = value.get("score")
        text = value.get("text")
        answers.append(
            PrepAnswer(
                theme=theme,
                score=score if isinstance(score, int) and score in SCORES else None,
                text=text if isinstance(text, str) else "",
            )
        )
    return tuple(answers)


def prep_json(answers: tuple[PrepAnswer, ...]) -> dict[str, Any]:
    return {a.theme: {"score": a.score, "text": a.text} for a in answers if a.theme in THEMES}


def _rows(stored: object) -> tuple[PlanRow, ...]:
    rows: list[PlanRow] = []
    for item in stored if isinstance(stored, list) else []:
        try:
            rows.append(PlanRow(text=str(item["text"]), due=date.fromisoformat(str(item["due"]))))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(rows)


def summary_json(goals: tuple[PlanRow, ...], tiltak: tuple[PlanRow, ...]) -> dict[str, Any]:
    return {
        "goals": [{"text": row.text, "due": row.due.isoformat()} for row in goals],
        "tiltak": [{"text": row.text, "due": row.due.isoformat()} for row in tiltak],
    }


def talk_view(talk: AnnualTalk, *, viewer: str) -> TalkView:
    """The employee always sees their own preparation; the manager only once it was shared."""
    assert talk.id is not None
    shared = talk.prep_shared_at is not None
    visible = viewer == talk.employee_id or shared
    return TalkView(
        talk_id=talk.id,
        manager_id=talk.manager_id,
        employee_id=talk.employee_id,
        talk_date=talk.talk_date,
        prep=prep_answers(talk.prep) if visible else (),
        prep_saved=talk.prep_saved_at is not None and viewer == talk.employee_id,
        prep_shared=shared,
        goals=_rows(talk.summary.get("goals")),
        tiltak=_rows(talk.summary.get("tiltak")),
        manager_confirmed=talk.manager_confirmed_at is not None,
        employee_confirmed=talk.employee_confirmed_at is not None,
    )
