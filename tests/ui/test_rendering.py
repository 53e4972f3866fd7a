"""Screens render real text (fonts installed), in French by default, with every string translated."""

import xml.etree.ElementTree as ET

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from appliance.reconcile.scoring import ALL_REASONS
from tests.ui import seed
from ui import i18n
from ui.reasons import KNOWN
from ui.selftest_render import ink_stats, render_check


def text_ink(image, rect: QRect) -> tuple[int, float]:
    return ink_stats(image.copy(rect))


def test_screenshot_has_rendered_text(qtbot, window, engine):
    seed.seed_review(engine.store)
    window.review.refresh()
    qtbot.waitUntil(lambda: len(window.review.cases) == 3, timeout=5000)
    qtbot.wait(200)
    image = window.grab().toImage()
    assert image.width() >= 1280 and image.height() >= 800
    colours, dark = text_ink(image, QRect(220, 10, 300, 50))  # the page title: "3 patient(s) waiting"
    assert colours >= 5 and dark > 0.02, (colours, dark)
    nav = image.copy(QRect(40, 5, 160, 35))  # light text on the dark navigation
    light = sum(1 for y in range(nav.height()) for x in range(nav.width())
                if sum(nav.pixelColor(x, y).getRgb()[:3]) > 600)
    assert light > 40
    table = window.review.table
    origin = table.mapTo(window, table.rect().topLeft())
    colours, dark = text_ink(image, QRect(origin.x(), origin.y(), table.width(), table.height()))
    assert colours >= 10 and dark > 0.01


def test_self_test_render_check(qtbot, engine, peers):
    assert "rendered" in render_check(engine)


def test_french_by_default_and_every_string_translated(qtbot, window, monkeypatch):
    monkeypatch.delenv("PASSERELLE_LANG", raising=False)
    assert i18n.choose_language("") == "fr"
    assert i18n.choose_language("nl_BE") == "nl"
    for language in i18n.LANGUAGES:
        tree = ET.parse(i18n.ts_file(language))
        unfinished = [m.findtext("source") for m in tree.iter("message")
                      if m.find("translation").get("type") in ("unfinished", "obsolete")]
        assert unfinished == [], (language, unfinished[:5])
    i18n.compile_all()
    app = QApplication.instance()
    translators = i18n.install_translators(app, "fr")
    try:
        assert len(translators) == 2
        assert QApplication.translate("MainWindow", "Reconciliation") == "Réconciliation"
        assert QApplication.translate("Reasons", "NISS identical") == "NISS identique"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_every_reason_of_the_scorer_is_translatable():
    assert set(ALL_REASONS) <= set(KNOWN)


def test_committed_screenshots_show_text():
    from pathlib import Path

    import pytest
    from PySide6.QtGui import QImage

    shots = sorted((Path(__file__).resolve().parents[2] / "docs" / "screenshots").glob("*.png"))
    if not shots:
        pytest.skip("run docs/screenshots/take.py first")
    for path in shots:
        image = QImage(str(path))
        colours, dark = ink_stats(image)
        assert colours >= 20 and dark > 0.003, (path.name, colours, dark)
        if not path.stem.split("-", 1)[1].startswith(("wizard", "review-", "sites-", "pacs-send", "rules-edit")):
            assert (image.width(), image.height()) == (1280, 800), path.name
