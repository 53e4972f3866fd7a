"""The application's icons: SVG files under assets/icons (sharp at any DPI)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parents[1] / "assets" / "icons"


@cache
def icon(name: str) -> QIcon:
    """`name` without extension, e.g. "review"; an empty icon if the file is missing."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    return icon("passerelle")
