"""Packaging smoke tests: they run against what `make package` left in dist/ and skip, saying so, without it.

The quick tests here (schema upgrade from the previous release, unit and metadata files) always run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUNDLE = DIST / "passerelle" / "passerelle"
APPIMAGE = DIST / "Passerelle-x86_64.AppImage"
NOT_BUILT = "not built: run `make package` first (dist/ is empty)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "packaging: needs the artefacts of `make package` in dist/")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh technician's shell: no venv, no display unless given."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def bundle() -> Path:
    if not BUNDLE.exists():
        pytest.skip(f"bundle {NOT_BUILT}")
    return BUNDLE


@pytest.fixture(scope="session")
def appimage() -> Path:
    if not APPIMAGE.exists():
        pytest.skip(f"AppImage {NOT_BUILT}")
    return APPIMAGE


def need_tools(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"missing tools {', '.join(missing)}: run packaging/package-deps.sh")
