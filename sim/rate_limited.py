"""A fake Slack that enforces a workspace rate limit per Web API method, the way Slack answers when it is exceeded.

Beyond `per_second` calls of a limited method within any one second (a sliding window), the call is answered
429 `ratelimited` with a whole-seconds `Retry-After` header, and nothing is posted. Injected failures
(`fail_next`) still come first. `refused` counts the 429s this limit gave, per method.
"""

from __future__ import annotations

import math
import time
from collections import deque

from sim.fake_slack import FakeSlack, _Injected

__all__ = ["RateLimitedSlack"]


class RateLimitedSlack(FakeSlack):
    """`FakeSlack` with `limits`: method → calls allowed per second (e.g. `{"chat.postMessage": 50}`)."""

    def __init__(self, *, limits: dict[str, float], team_id: str = "T0001") -> None:
        super().__init__(team_id=team_id)
        self.limits = dict(limits)
        self.refused: dict[str, int] = {}
        self._windows: dict[str, deque[float]] = {}

    def _take_failure(self, method: str) -> _Injected | None:
        injected = super()._take_failure(method)
        if injected is not None or method not in self.limits:
            return injected
        now = time.monotonic()
        window = self._windows.setdefault(method, deque())
        while window and now - window[0] >= 1.0:
            window.popleft()
        if len(window) >= self.limits[method]:
            self.refused[method] = self.refused.get(method, 0) + 1
            wait = max(1, math.ceil(1.0 - (now - window[0])))
            return _Injected(status=429, error="ratelimited", retry_after=wait, times=1)
        window.append(now)
        return None
