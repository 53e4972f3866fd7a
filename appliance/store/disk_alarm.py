"""The receiving side's full-disk record in `meta`: when incoming data was last refused for space, and how much."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass

from appliance.errors import StorageError
from appliance.store.database import Database

KEY = "alarm.disk_full"


@dataclass(frozen=True, slots=True)
class DiskFullRecord:
    """Incoming data refused for lack of space: `needed_bytes` more than the floor had to fit."""

    since: str
    needed_bytes: int
    updated: float = 0.0  # time.time() of the latest refusal


def record(database: Database, since: str, needed_bytes: int) -> None:
    """Keep the first moment of this episode; the latest amount needed and when. StorageError if the
    database cannot be written (it may share the full disk)."""
    previous = load(database)
    value = json.dumps({"since": previous.since if previous else since, "needed_bytes": max(0, needed_bytes),
                        "updated": time.time()})
    try:
        with database.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (KEY, value),
            )
    except sqlite3.Error as exc:
        raise StorageError(f"cannot record the disk-full alarm: {exc}") from exc


def clear(database: Database) -> None:
    try:
        with database.transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (KEY,))
    except sqlite3.Error as exc:
        raise StorageError(f"cannot clear the disk-full alarm: {exc}") from exc


def load(database: Database) -> DiskFullRecord | None:
    with database.lock:
        try:
            row = database.conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
        except sqlite3.Error:
            return None
    if row is None:
        return None
    try:
        obj = json.loads(row[0])
        return DiskFullRecord(str(obj["since"]), int(obj["needed_bytes"]), float(obj.get("updated", 0.0)))
    except (ValueError, KeyError, TypeError):
        return None
