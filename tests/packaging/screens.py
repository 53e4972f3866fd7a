"""Xvfb, screenshots and OCR for the packaging smoke tests (proves the window shows glyphs, not boxes)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# ImageMagick from package-deps.sh (Debian's own binary, not whatever else is first on PATH).
CONVERT = "/usr/bin/convert" if Path("/usr/bin/convert").exists() else "convert"


@contextmanager
def xvfb(width: int = 1280, height: int = 800) -> Iterator[str]:
    """A private X server; yields its DISPLAY value."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def screenshot(display: str, out: Path) -> Path:
    """The whole screen as PNG (xwd, converted by ImageMagick)."""
    env = {**os.environ, "DISPLAY": display}
    raw = subprocess.run(["xwd", "-root", "-silent"], env=env, capture_output=True, check=True).stdout
    subprocess.run([CONVERT, "xwd:-", f"png:{out}"], input=raw, check=True)
    return out


def is_uniform(image: Path) -> bool:
    result = subprocess.run([CONVERT, str(image), "-format", "%[fx:standard_deviation]", "info:"],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.strip() or 0) < 0.005


def ocr_words(image: Path) -> list[str]:
    """Words of three letters or more that tesseract reads on the image (scaled up 2x for small fonts)."""
    big = image.with_name(image.stem + "-x2.png")
    subprocess.run([CONVERT, str(image), "-resize", "200%", str(big)], check=True)
    text = subprocess.run(["tesseract", str(big), "stdout"], capture_output=True, text=True).stdout
    return re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)


def wait_for_window(display: str, out: Path, process: subprocess.Popen[bytes], timeout: float) -> Path:
    """Screenshots until the screen is no longer blank (then lets the window settle once more)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the application exited with code {process.returncode} before showing a window")
        if not is_uniform(screenshot(display, out)):
            time.sleep(2.0)
            return screenshot(display, out)
        time.sleep(1.0)
    raise RuntimeError(f"nothing appeared on the screen within {timeout:.0f} s")
