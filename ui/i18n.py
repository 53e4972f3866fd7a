"""Translations: compile/update the .ts sources and install the right translators (French by default).

    python -m ui.i18n compile   # assets/translations/passerelle_{fr,nl,en}.ts -> .qm next to them
    python -m ui.i18n update    # refresh the .ts sources from the code (pyside6-lupdate)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "assets" / "translations"
LANGUAGES = ("fr", "nl", "en")
DEFAULT_LANGUAGE = "fr"


def ts_file(language: str) -> Path:
    return TS_DIR / f"passerelle_{language}.ts"


def qm_file(language: str) -> Path:
    return TS_DIR / f"passerelle_{language}.qm"


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def compile_all() -> list[Path]:
    """Compile every .ts to .qm (lrelease); returns the .qm files written."""
    written = []
    for language in LANGUAGES:
        source = ts_file(language)
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(qm_file(language))],
                       check=True)
        written.append(qm_file(language))
    return written


def update_all() -> None:
    """Extract the strings of ui/ into the .ts sources, keeping existing translations (lupdate)."""
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    for language in LANGUAGES:
        subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-source-language", "en",
                        "-target-language", language, *sources, "-ts", str(ts_file(language))], check=True)


def choose_language(setting: str) -> str:
    """PASSERELLE_LANG, then the site setting, then French (Belgian users); only languages we ship."""
    for candidate in (os.environ.get("PASSERELLE_LANG", ""), setting):
        code = candidate.strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's own strings and ours for `language`; the returned translators must be kept alive."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for loader in (
        lambda t: t.load(f"qtbase_{language}", qt_dir),
        lambda t: t.load(str(qm_file(language))),
    ):
        translator = QTranslator(app)
        if loader(translator):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(QLocale({"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}[language]))
    return installed


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    if command == "update":
        update_all()
        return 0
    print("usage: python -m ui.i18n compile|update", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
