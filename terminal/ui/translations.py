"""Qt translations: ``.ts`` sources ship in ``i18n/``; ``.qm`` files are compiled from them.

A fresh clone has no ``.qm`` (they are build output), so the app compiles a missing or stale
one at start with ``lrelease``, next to its source when that folder is writable, otherwise
into a cache folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

log = logging.getLogger(__name__)

SOURCE_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("en", "zh_CN")


def lrelease_command() -> list[str] | None:
    """The lrelease to run: the venv's pyside6-lrelease, one on PATH, or PySide6's own."""
    beside_python = Path(sys.executable).parent / "pyside6-lrelease"
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found:
        return [found]
    import PySide6

    packaged = Path(PySide6.__file__).parent / "lrelease"
    return [str(packaged)] if packaged.exists() else None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one ``.ts`` into ``.qm``; False (logged) when lrelease is missing or fails."""
    command = lrelease_command()
    if command is None:
        log.warning("lrelease not found; the interface stays in English")
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: another app (or test process) starting at the same moment
    # reads the old file or the new one, never half of one.
    partial = qm.with_name(f".{qm.name}.{os.getpid()}.partial")
    try:
        result = subprocess.run(
            [*command, "-silent", str(ts), "-qm", str(partial)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0 or not partial.exists():
            log.warning("lrelease failed on %s: %s", ts, result.stderr.strip())
            return False
        os.replace(partial, qm)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("cannot run lrelease (%s); the interface stays in English", exc)
        return False
    finally:
        partial.unlink(missing_ok=True)
    return True


def qm_for(language: str, cache_dir: Path | None) -> Path | None:
    """A current ``.qm`` for ``language``, compiling it when missing or older than its source."""
    ts = SOURCE_DIR / f"terminal_{language}.ts"
    if not ts.exists():
        return None
    candidates = [SOURCE_DIR / ts.with_suffix(".qm").name]
    if cache_dir is not None:
        candidates.append(cache_dir / ts.with_suffix(".qm").name)
    for qm in candidates:
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    for qm in candidates:
        if _writable(qm.parent) and compile_ts(ts, qm):
            return qm
    return None


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / ".write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


class Translations:
    """Installs the translator for the chosen language; switching sends LanguageChange.

    Every language is compiled (when needed) and loaded when the app starts, so a switch
    later touches no file. English is the source language; its small translation
    (``terminal_en.ts``) holds only the plural forms of sentences with a count (``%n``:
    "1 point", "2 points"). Without it English still shows, with the source's "point(s)".
    """

    def __init__(self, app: QCoreApplication, cache_dir: Path | None = None) -> None:
        self._app = app
        self._loaded: dict[str, QTranslator] = {}
        for language in LANGUAGES:
            qm = qm_for(language, cache_dir)
            translator = QTranslator(app)
            if qm is not None and translator.load(str(qm)):
                self._loaded[language] = translator
            else:
                log.warning("no usable translation for %s; it will show English", language)
        self._installed: QTranslator | None = None
        self.language = "en"
        self._install("en")

    def set_language(self, language: str) -> bool:
        """Switch every widget to ``language``; False when its translation is missing."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
        try:
            return self._install(language)
        finally:
            # Qt posts LanguageChange to every window; deliver them now so the switch is
            # complete when this returns (a screenshot or a test sees the new texts).
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def close(self) -> None:
        """Take this app's translator off the application: the QApplication outlives a shell
        (the tour and the tests build several), and a translator left installed would answer
        for the next shell's language (its Chinese showing through an English screen)."""
        if self._installed is not None:
            self._app.removeTranslator(self._installed)
            self._installed = None
        self.language = "en"

    def _install(self, language: str) -> bool:
        if self._installed is not None:
            self._app.removeTranslator(self._installed)
            self._installed = None
        self.language = "en"
        translator = self._loaded.get(language)
        if translator is None:
            return language == "en"  # English shows from the source
        self._app.installTranslator(translator)
        self._installed = translator
        self.language = language
        return True
