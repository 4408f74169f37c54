"""SQLite for the demo without a thread per connection: the product's driver (`storage.sqlite_driver`), run in
place on the event loop.

The product hands every statement to the connection's own thread and back. The demo is one process playing
everyone in turn, with nothing to overlap, and on a busy two-core machine those hand-offs were most of its wall
time. `connector` gives SQLAlchemy's aiosqlite dialect (through `create_async_engine(..., async_creator=...)`) the
same connection class with no thread: same SQL, same SQLite, same pragmas and transactions (plus
`synchronous=OFF`: the database is thrown away after the run); only the hand-off is gone. Never used by the
product: a server must not block its event loop on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.sqlite_driver import HopConnection, open_sqlite


def connector(path: str) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: a new inline connection to the SQLite file at `path`."""

    async def connect() -> HopConnection:
        connection = open_sqlite(path)
        # A database that lives for one run: no need to wait for the disk at every commit.
        connection.execute("PRAGMA synchronous=OFF")
        return HopConnection(connection, thread=None)

    return connect
