"""The weekly digest: the channel a manager chooses (`service`), the week's counts (`counts`) and the digest
kinds (`planner`)."""

from bot.features.digest.service import DigestService, PulseDigestSource

__all__ = ["DigestService", "PulseDigestSource"]
