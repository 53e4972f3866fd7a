"""The bridge: results and events arrive in the main thread, never in the engine's."""

import asyncio
import threading

from appliance.domain import EngineEvent
from ui.bridge import EngineBridge


def test_call_delivers_result_and_error_in_main_thread(qtbot, engine):
    bridge = EngineBridge(engine)
    got: list[tuple[object, object, bool]] = []

    def on_done(result, error):
        got.append((result, error, threading.current_thread() is threading.main_thread()))

    async def answer():
        return threading.current_thread().name

    async def fail():
        raise ValueError("boom")

    bridge.call(answer(), on_done)
    bridge.call(fail(), on_done)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    by_error = {type(e).__name__ if e else "ok": (r, main) for r, e, main in got}
    assert by_error["ok"] == ("passerelle-engine", True)
    assert by_error["ValueError"] == (None, True)
    bridge.close()


def test_run_on_store_and_events(qtbot, engine):
    bridge = EngineBridge(engine)
    events: list[tuple[str, bool]] = []
    bridge.event.connect(lambda e: events.append((e.kind, threading.current_thread() is threading.main_thread())))
    results = []
    bridge.run_on_store(lambda store: store.review_queue_size(), notify="review_changed",
                        on_done=lambda r, e: results.append((r, e)))
    qtbot.waitUntil(lambda: bool(results) and ("review_changed", True) in events, timeout=5000)
    assert results == [(0, None)]
    engine.loop.call_soon_threadsafe(engine.emit, EngineEvent("transfers_changed"))
    qtbot.waitUntil(lambda: ("transfers_changed", True) in events, timeout=5000)
    bridge.close()
    engine.call(asyncio.sleep(0)).result(timeout=5)
