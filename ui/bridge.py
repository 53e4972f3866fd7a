"""The one object through which the UI talks to the engine: commands out, `(result, error)` and events back."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from appliance.domain import EngineEvent
from ui.worker import Delivery, Done

if TYPE_CHECKING:
    from appliance.service.engine import Engine

log = logging.getLogger(__name__)


class EngineBridge(QObject):
    """Wraps an `Engine`: every call runs on the engine loop; results and events arrive in the main thread.

    No widget is touched outside the main thread: callbacks are delivered through queued signals.
    """

    event = Signal(object)
    """An `EngineEvent`, delivered in the main thread."""
    _from_engine = Signal(object)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._delivery = Delivery(self)
        self._pending: set[concurrent.futures.Future[Any]] = set()
        self._from_engine.connect(self.event, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = engine.subscribe(self._on_engine_event)

    @property
    def site_name(self) -> str:
        return self.engine.settings.site_name

    def call(self, coro: Coroutine[Any, Any, Any], on_done: Done | None = None) -> concurrent.futures.Future[Any]:
        """Run an engine coroutine; `on_done(result, error)` is called later in the main thread."""
        future = self.engine.call(coro)
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        self._delivery.watch(future, on_done)
        return future

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None) -> concurrent.futures.Future[Any]:
        """Run a blocking service function (disk, database) in the engine's worker threads."""
        return self.call(asyncio.to_thread(fn, *args), on_done)

    def run_on_store(
        self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None, notify: str = ""
    ) -> concurrent.futures.Future[Any]:
        """Run `fn(engine.store, *args)` off the UI thread; optionally emit an engine event `notify` after."""
        engine = self.engine

        async def job() -> Any:
            result = await asyncio.to_thread(fn, engine.store, *args)
            if notify:
                engine.emit(EngineEvent(notify))
            return result

        return self.call(job(), on_done)

    def _on_engine_event(self, event: EngineEvent) -> None:
        # Engine thread: only hand the value over; the queued connection delivers it in the main thread.
        self._from_engine.emit(event)

    def close(self) -> None:
        """Stop delivering results and events (before the window goes away)."""
        self._delivery.close()
        for future in list(self._pending):
            future.cancel()  # the engine cancels the matching task on its loop
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
