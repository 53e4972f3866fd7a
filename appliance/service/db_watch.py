"""Notice that another process wrote to the state database (a CLI `send`, `rules add`), without SQL.

In WAL mode every commit appends to `<db>-wal` and a checkpoint rewrites `<db>`: a change of either file's
size or modification time means some connection committed. Work queued in this process wakes its consumer
directly (an asyncio.Event); this watch is how work queued by *another* process is noticed within
`WATCH_SECONDS` instead of at the next poll. A change may be our own write: consumers just look again.
"""

from __future__ import annotations

import os
from pathlib import Path

WATCH_SECONDS = 0.1

Stamp = tuple[int, int, int, int]


class DatabaseWatch:
    """`changed()` is True once after each commit seen on the database files (cheap: two stat calls)."""

    def __init__(self, db_path: Path) -> None:
        self._files = (db_path, db_path.with_name(db_path.name + "-wal"))
        self._seen = self._stamp()

    def _stamp(self) -> Stamp:
        parts: list[int] = []
        for path in self._files:
            try:
                stat = os.stat(path)
                parts += [stat.st_mtime_ns, stat.st_size]
            except OSError:
                parts += [0, 0]
        return parts[0], parts[1], parts[2], parts[3]

    def changed(self) -> bool:
        stamp = self._stamp()
        if stamp == self._seen:
            return False
        self._seen = stamp
        return True
