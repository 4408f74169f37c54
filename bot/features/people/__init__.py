"""People: one's own language and pause (`service`), and everything stored about one (`privacy`)."""

from bot.features.people.privacy import PrivacyService
from bot.features.people.service import PeopleService

__all__ = ["PeopleService", "PrivacyService"]
