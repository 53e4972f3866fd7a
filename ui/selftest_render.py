"""`passerelle --self-test` window check: build the main window offscreen, render it, and look at the pixels.

Loaded by `appliance.service.selftest` through importlib (the engine never imports Qt). Besides the
pixels it checks what a broken bundle would lose first: Qt's SVG image plugin (every icon is an SVG)
and the compiled translations. PASSERELLE_SELFTEST_SCREENSHOT=FILE.png keeps the render for a human or
an OCR check (tests/packaging).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from appliance.service.engine import Engine

TRANSLATIONS = Path(__file__).resolve().parents[1] / "assets" / "translations"


def ink_stats(image: QImage) -> tuple[int, float]:
    """(distinct colours, share of dark pixels) on a grid of samples: text renders as dark, varied pixels."""
    colours: set[int] = set()
    dark = total = 0
    step = max(1, min(image.width(), image.height()) // 200)
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
            dark += (r + g + b) < 200
            total += 1
    return len(colours), dark / max(total, 1)


def render_check(engine: Engine) -> str:
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the self-test never opens a window on screen
    from ui.app import main_window_for, make_application

    app = make_application()
    window = main_window_for(engine)
    window.resize(1280, 800)
    window.show()
    for _ in range(20):
        app.processEvents()
    image = window.grab().toImage()
    window.quitting = True
    window.close()
    shot = os.environ.get("PASSERELLE_SELFTEST_SCREENSHOT")
    if shot:
        image.save(shot)
    colours, dark = ink_stats(image)
    if colours < 20 or dark < 0.002:
        raise RuntimeError(f"the window rendered blank ({colours} colours, {dark:.2%} dark pixels): fonts missing?")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise RuntimeError("Qt's SVG image plugin is missing from this install: icons would not show")
    languages = sorted(p.stem.rsplit("_", 1)[-1] for p in TRANSLATIONS.glob("passerelle_*.qm"))
    return (f"window rendered {image.width()}x{image.height()}, {colours} colours; "
            f"translations: {', '.join(languages) or 'none'}")
