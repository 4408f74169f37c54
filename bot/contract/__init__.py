"""The contract between services and handlers, one module per feature: what services return and what the bot
says, as plain values (ids, dates, numbers, catalog keys), never Block Kit and never translated text.

Imports go one way: `common` <- `tiltak` <- `oneonone` <- `digest`; `pulse` <- `home`. Builders in
`handlers/blocks/` import only this package, `bot.i18n` and `bot.rules`. Every value is also importable from
`bot.contract` itself (what `bot.messages` was)."""

from bot.contract.common import Message, Notice
from bot.contract.delivery import DeliveryStatus, FailedItem
from bot.contract.digest import (
    ChannelOutcome,
    ChannelResult,
    DigestBlocked,
    ManagerDigest,
    PulseDigest,
    QuestionLine,
    ShareResult,
    TeamCounts,
    TeamDigest,
    TeamUpdateShared,
    TrendChart,
    TrendPointView,
)
from bot.contract.home import HomeState
from bot.contract.oneonone import (
    AgendaItemView,
    AnnualDue,
    HeldResult,
    MeetingMoved,
    MeetingView,
    OneOnOneFollowUp,
    OneOnOneIntro,
    OneOnOneNudge,
    PairError,
    PairResult,
)
from bot.contract.people import LanguageResult, MyData, PauseResult
from bot.contract.pulse import (
    AnswerProblem,
    AnswerResult,
    PublishedResult,
    PulseForm,
    PulseHome,
    PulseInvite,
    PulseStatus,
    RoundState,
)
from bot.contract.pulse_admin import (
    Problem,
    PulseSettings,
    SettingsDraft,
    SettingsField,
    SettingsForm,
    SettingsResult,
    TeamProblem,
    TeamResult,
)
from bot.contract.tiltak import (
    Change,
    TiltakChanged,
    TiltakCreated,
    TiltakError,
    TiltakReminder,
    TiltakResult,
    TiltakView,
)

__all__ = [
    "AgendaItemView",
    "AnnualDue",
    "AnswerProblem",
    "AnswerResult",
    "Change",
    "ChannelOutcome",
    "ChannelResult",
    "DeliveryStatus",
    "DigestBlocked",
    "FailedItem",
    "HeldResult",
    "HomeState",
    "LanguageResult",
    "ManagerDigest",
    "MeetingMoved",
    "MeetingView",
    "Message",
    "MyData",
    "Notice",
    "OneOnOneFollowUp",
    "OneOnOneIntro",
    "OneOnOneNudge",
    "PairError",
    "PairResult",
    "PauseResult",
    "Problem",
    "PublishedResult",
    "PulseDigest",
    "PulseForm",
    "PulseHome",
    "PulseInvite",
    "PulseSettings",
    "PulseStatus",
    "QuestionLine",
    "RoundState",
    "SettingsDraft",
    "SettingsField",
    "SettingsForm",
    "SettingsResult",
    "ShareResult",
    "TeamCounts",
    "TeamDigest",
    "TeamProblem",
    "TeamResult",
    "TeamUpdateShared",
    "TiltakChanged",
    "TiltakCreated",
    "TiltakError",
    "TiltakReminder",
    "TiltakResult",
    "TiltakView",
    "TrendChart",
    "TrendPointView",
]
