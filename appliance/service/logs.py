"""Logging set-up for entry points: a rotating file in the site home and stderr. Never patient data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(log_dir: Path | None, verbose: bool = False) -> None:
    """Configure the root logger once; safe to call again (handlers are replaced)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_passerelle", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    stream = logging.StreamHandler()
    stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stream.setFormatter(logging.Formatter(FORMAT))
    stream._passerelle = True  # type: ignore[attr-defined]
    root.addHandler(stream)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / "passerelle.log", maxBytes=10 << 20, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(FORMAT))
        file_handler._passerelle = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    for noisy in ("pynetdicom", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
