"""`passerelle demo`, with a display: the receiving site's window opens on the waiting case."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from appliance.service.demo import running_demo
from tests.ui import seed
from ui.app import show_demo_window
from ui.main_window import MainWindow

STAND_IN_NOTE = "demo — its PACS is a stand-in archive, not a PACS"


def test_open_review_selects_the_named_case_not_the_first(qtbot, window, engine) -> None:
    seed.seed_review(engine.store)
    window.show_page("transfers")
    window.open_review("in-2")
    page = window.review
    qtbot.waitUntil(lambda: len(page.cases) == 3 and page.current_case() is not None
                    and page.current_case().transfer_id == "in-2", timeout=5000)
    assert window.stack.currentWidget() is page
    assert page.table.rowCount() == 3 and page.incoming_labels["description"].text() == "RX THORAX"
    window.review.refresh()  # later refreshes keep the case selected
    qtbot.wait(300)
    assert page.current_case().transfer_id == "in-2"


def test_demo_window_opens_on_the_waiting_case(qtbot, tmp_path: Path) -> None:
    seen: dict[str, object] = {}
    with running_demo(tmp_path / "demo", pacs="stand-in", timeout=60, logs=False) as demo:
        wanted = demo.review_transfer
        assert wanted
        tries = [0]

        def inspect() -> None:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            tries[0] += 1
            if windows:
                window = windows[0]
                case = window.review.current_case()
                if (case is not None and window.review.table.rowCount() > 1) or tries[0] > 150:
                    seen.update(page=window.stack.currentWidget() is window.review, case=case,
                                title=window.windowTitle(), rows=window.review.table.rowCount(),
                                queue=len(window.review.cases), why=window.review.why_box.isVisible(),
                                note=QCoreApplication.translate("demo", STAND_IN_NOTE))
                    image = window.grab().toImage()
                    image.save(str(tmp_path / "demo" / "review-window.png"))
                    seen["image"] = image
                    window.close()
                    return
            QTimer.singleShot(100, inspect)

        QTimer.singleShot(100, inspect)
        code = show_demo_window(demo.engine, wanted, stand_in_pacs=True)
    assert code == 0
    assert seen["page"] is True, "the window did not open on the reconciliation page"
    case = seen["case"]
    assert case is not None and case.transfer_id == wanted  # type: ignore[attr-defined]
    assert case.incoming.family_name.upper() == "PEETERS"  # type: ignore[attr-defined]
    assert [c.record.id for c in case.candidates][:2] == ["CHR-2001", "CHR-2002"]  # type: ignore[attr-defined]
    assert seen["rows"] == 3 and seen["queue"] == 1  # incoming + the twins; only this case waits
    assert any(r.startswith("possible twin") for r in case.why), case.why  # type: ignore[attr-defined]
    assert seen["why"], "the reason the case waits is not shown"
    assert str(seen["note"]) in str(seen["title"]), "the window does not say its PACS is a stand-in"
    image = seen["image"]
    assert not image.isNull() and image.width() >= 1024  # type: ignore[attr-defined]
    assert len({image.pixel(x, y) for x in range(0, image.width(), 37)  # type: ignore[attr-defined]
                for y in range(0, image.height(), 37)}) > 3, "the screenshot is blank"
