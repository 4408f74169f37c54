"""Consent builders: the manager request DM with Godta / Avslå, the replies to it, and the `admin leder` reply."""

from __future__ import annotations

from bot.contract.consent import AdminResult, ConsentResult, ManagerRequestDM, Outcome, RequestView, TeamView
from bot.i18n import Translator, get_translator
from handlers import ids
from handlers.blocks.kit import Block, actions, button, context, section

MAX_REQUESTS_SHOWN = 5


def _mentions(users: tuple[str, ...]) -> str:
    return ", ".join(f"<@{user}>" for user in users)


def _buttons(tr: Translator, request_id: str) -> list[dict[str, object]]:
    return [
        button(tr.t("consent.button_accept"), action_id=ids.CONSENT_ACCEPT, value=request_id, style="primary"),
        button(tr.t("consent.button_decline"), action_id=ids.CONSENT_DECLINE, value=request_id),
    ]


def build_request_dm(message: ManagerRequestDM) -> tuple[str, list[Block]]:
    """To the person asked: who asks, what accepting means (who sees what), and the two buttons."""
    tr = get_translator(message.lang)
    intro = tr.t(f"consent.request_{message.kind}", requester=message.requester)
    current = (
        tr.t("consent.request_current", manager=message.current_manager, requester=message.requester)
        if message.current_manager is not None and message.current_manager != message.requester
        else tr.t("consent.request_none", requester=message.requester)
    )
    blocks = [
        section(intro, block_id=ids.BLOCK_INTRO),
        section(tr.t("consent.request_explain", requester=message.requester, k=message.k), block_id="explain"),
        actions(*_buttons(tr, message.request_id), block_id=ids.BLOCK_ACTIONS),
        context(current, block_id=ids.BLOCK_FOOTER),
    ]
    return intro, blocks


def answer_reply_text(result: ConsentResult) -> str:
    """What replaces the request DM once answered (or why nothing happened)."""
    tr = get_translator(result.lang)
    if result.outcome == Outcome.ACCEPTED:
        return tr.t(f"consent.accepted_reply_{result.kind}", requester=result.requester or "")
    if result.outcome == Outcome.DECLINED:
        return tr.t("consent.declined_reply", requester=result.requester or "")
    return tr.t("consent.not_found")


def admin_reply_text(result: AdminResult) -> str:
    tr = get_translator(result.lang)
    names = {"manager": result.manager or "", "employee": result.employee or ""}
    if result.problem is not None:
        return tr.t(f"consent.admin_{result.problem.value}", **names)
    if result.previous is not None:
        return tr.t("consent.admin_done_previous", previous=result.previous, **names)
    return tr.t("consent.admin_done", **names)


def team_home_blocks(lang: str, team: TeamView) -> list[Block]:
    """The Home's team part: open requests to answer, the team one is in (everyone in it, and what the manager
    sees), the team one leads, and who has not answered yet. Empty when there is nothing to show."""
    tr = get_translator(lang)
    blocks: list[Block] = []
    for request in team.requests[:MAX_REQUESTS_SHOWN]:
        blocks.extend(_request_blocks(tr, request))
    lines: list[str] = []
    if team.manager is not None:
        everyone = team.members
        lines.append(
            tr.t("consent.home_team", manager=team.manager, k=team.k, count=len(everyone), users=_mentions(everyone))
        )
    if team.led:
        lines.append(tr.t("consent.home_my_team", count=len(team.led), users=_mentions(team.led)))
    if team.asked:
        lines.append(tr.t("consent.home_pending", users=_mentions(team.asked)))
    if lines:
        blocks.append(section("\n".join([tr.t("consent.home_team_title"), *lines]), block_id="team"))
    return blocks


def _request_blocks(tr: Translator, request: RequestView) -> list[Block]:
    return [
        section(
            tr.t(f"consent.request_{request.kind}", requester=request.requester),
            block_id=f"request:{request.request_id}",
        ),
        actions(*_buttons(tr, request.request_id), block_id=f"request_actions:{request.request_id}"),
    ]
