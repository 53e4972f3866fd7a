"""Keeps the installed directory fresh: fetch `settings.directory_url` every few minutes and install it.

Installing goes through the same verification as `passerelle directory install` (pinned roots,
signatures, no rollback, no same-version fork, expiry, size). When a refresh fails (unreachable,
refused, not pinned yet) the installed directory stays as it is, an alarm is written to the trust
folder for `sites.alarms` (and so `status --json` and the UI), and a `directory_refresh_failed` event is
emitted. The next success clears the alarm.

    refresher = DirectoryRefresher(home, settings.directory_url, settings.directory_refresh_minutes, emit,
                                   tls=client_tls, proxy_url=settings.proxy_url)
    await refresher.start()      # no-op without a URL; first refresh at once, then every N minutes
    await refresher.stop()
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable
from pathlib import Path

from appliance.directory import trust
from appliance.directory.document import Directory
from appliance.directory.files import write_durably
from appliance.domain import EngineEvent
from appliance.errors import PasserelleError
from appliance.service.directory_commands import fetch_document, redacted
from appliance.service.sites import REFRESH_ALARM_FILE, trust_dir_of

log = logging.getLogger(__name__)
Emit = Callable[[EngineEvent], None]
FETCH_TIMEOUT_SECONDS = 30.0
RETRY_CAP_SECONDS = 300.0  # after a failure, try again within 5 minutes even if the interval is longer


class DirectoryRefresher:
    """One periodic job on the engine loop; every attempt also callable as `refresh_once()`."""

    def __init__(
        self, home: Path, url: str, every_minutes: float, emit: Emit, clock: Callable[[], float] = time.time,
        tls: ssl.SSLContext | None = None, proxy_url: str = "",
    ) -> None:
        self._trust_dir = trust_dir_of(home)
        self._tls = tls  # for an https URL: the site's client TLS settings (peer_tls.client_tls)
        self._proxy_url = proxy_url  # settings.proxy_url: the same way out as peer transfers
        self._url = url.strip()
        self._every = max(float(every_minutes), 0.01) * 60.0
        self._emit = emit
        self._clock = clock
        self._task: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._url)

    async def start(self) -> None:
        if not self.enabled or self._task is not None:
            return
        self._task = asyncio.create_task(self.run(), name="passerelle-directory-refresh")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def run(self) -> None:
        """Refresh now, then every interval (sooner after a failure), until cancelled."""
        while True:
            ok = await self.refresh_once()
            await asyncio.sleep(self._every if ok else min(self._every, RETRY_CAP_SECONDS))

    async def refresh_once(self) -> bool:
        """Fetch and install once. True on success (a new version, or the one already installed)."""
        if not self.enabled:
            return False
        try:
            directory = await asyncio.to_thread(self._fetch_and_install)
        except PasserelleError as exc:
            self._failed(str(exc))
            return False
        except Exception as exc:  # a bug must not end the periodic job, but it is an alarm too
            log.exception("directory refresh: unexpected failure")
            self._failed(f"internal error: {type(exc).__name__}")
            return False
        await asyncio.to_thread(self._clear_alarm)
        self._emit(EngineEvent("directory_refreshed", {"version": directory.version, "sites": len(directory.members)}))
        return True

    def _fetch_and_install(self) -> Directory:
        before = trust.installed_state(self._trust_dir)
        data = fetch_document(self._url, timeout=FETCH_TIMEOUT_SECONDS, tls=self._tls, proxy_url=self._proxy_url)
        directory = trust.install(self._trust_dir, data, self._clock())
        if before is None or before.version != directory.version:
            log.info("directory version %d installed from %s", directory.version, redacted(self._url))
        return directory

    def _failed(self, reason: str) -> None:
        reason = reason.replace(self._url, redacted(self._url))
        message = f"directory refresh from {redacted(self._url)} failed: {reason}; the installed directory is kept"
        log.warning("%s", message)
        try:
            write_durably(self._trust_dir / REFRESH_ALARM_FILE, message.encode("utf-8") + b"\n")
        except OSError as exc:
            log.error("cannot record the directory refresh alarm: %s", exc)
        self._emit(EngineEvent("directory_refresh_failed", {"reason": message}))

    def _clear_alarm(self) -> None:
        (self._trust_dir / REFRESH_ALARM_FILE).unlink(missing_ok=True)
