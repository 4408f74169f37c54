"""The App Home: one person's state gathered from the other features' public services."""

from bot.features.home.service import HomeService

__all__ = ["HomeService"]
