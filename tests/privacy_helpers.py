"""Shared by the personvern tests: the export files a person got in their DM."""

from __future__ import annotations

import json
from typing import Any

from sim.fake_slack import FakeSlack


def exported_files(fake: FakeSlack, user_id: str) -> list[dict[str, Any]]:
    """Every JSON export shared in `user_id`'s DM, oldest first, parsed."""
    found = []
    for call in fake.calls_to("files.completeUploadExternal"):
        if call.args.get("channel_id") != fake.dm_channel(user_id):
            continue
        for item in call.args.get("files") or []:
            found.append(json.loads(fake.uploads[str(item["id"])].decode()))
    return found
