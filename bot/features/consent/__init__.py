"""Consent: answering a manager request (Godta / Avslå), `admin leder`, team transparency for the App Home, and
the request DM's composer (`service`). Asking and changing a manager are `bot.core.relationships`, shared with
the 1:1s and the pulse teams."""

from bot.features.consent.service import ConsentService, compose_request

__all__ = ["ConsentService", "compose_request"]
