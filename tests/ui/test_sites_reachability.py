"""Sites: each hospital card says whether its appliance answers, probed by the engine (never the UI thread)."""

import json
import threading

from appliance.service import sites
from tests.ui import seed


def test_cards_show_reachable_and_unreachable_hospitals(qtbot, live_window, engine, live_peer):
    window = live_window
    window.show_page("sites")
    page = window.sites
    liege, brugge = str(seed.PEERS[0]["id"]), str(seed.PEERS[1]["id"])
    qtbot.waitUntil(lambda: liege in page.cards and brugge in page.cards, timeout=5000)
    main = threading.get_ident()
    probed_from: list[int] = []
    post = engine.reachability._post

    async def watched(url, data):
        probed_from.append(threading.get_ident())
        return await post(url, data)

    engine.reachability._post = watched
    page.check_button.click()
    qtbot.waitUntil(lambda: page.cards[liege].reachable is True and page.cards[brugge].reachable is False,
                    timeout=15000)
    assert probed_from and main not in probed_from
    assert "reachable" in page.cards[liege].status.text() and "not reachable" in page.cards[brugge].status.text()
    assert "never seen" in page.cards[brugge].status.text()
    assert page.cards[brugge].status.toolTip()  # why: the refused connection, in words

    status = engine.call(engine.status()).result(timeout=10)
    by_id = {p["id"]: p for p in status["peers"]}
    assert by_id[liege]["reachable"] is True and by_id[liege]["last_seen"] > 0
    assert by_id[brugge]["reachable"] is False and by_id[brugge]["last_seen"] is None
    saved = json.loads((engine.settings.home / sites.SEEN_FILE).read_text())
    assert set(saved) == {liege}

    live_peer.stop()  # Liège goes away: unreachable, but it was seen
    engine.call(engine.probe_peers()).result(timeout=30)
    qtbot.waitUntil(lambda: page.cards[liege].reachable is False, timeout=5000)
    assert "last seen" in page.cards[liege].status.text()
