"""Background work for the UI: run a function on a worker thread, get `(result, error)` in the main thread."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

Done = Callable[[Any, BaseException | None], None]


class Delivery(QObject):
    """Hands a finished future's outcome to its callback in the thread this object lives in (the main one)."""

    _deliver = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._closed = False
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    def watch(self, future: concurrent.futures.Future[Any], on_done: Done | None) -> None:
        """Call `on_done(result, error)` in the main thread when `future` completes (from any thread)."""

        def finished(f: concurrent.futures.Future[Any]) -> None:
            if f.cancelled():
                result, error = None, concurrent.futures.CancelledError()
            else:
                error = f.exception()
                result = None if error else f.result()
            if not self._closed:
                self._deliver.emit(on_done, result, error)

        future.add_done_callback(finished)

    def close(self) -> None:
        self._closed = True

    def _on_deliver(self, on_done: Done | None, result: Any, error: BaseException | None) -> None:
        if on_done is not None and not self._closed:
            on_done(result, error)


class ThreadWorker(QObject):
    """A small thread pool for work that happens before (or without) an engine: first-run wizard, C-ECHO."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="passerelle-ui")
        self._delivery = Delivery(self)

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None) -> concurrent.futures.Future[Any]:
        future = self._pool.submit(fn, *args)
        self._delivery.watch(future, on_done)
        return future

    def shutdown(self) -> None:
        self._delivery.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
