"""QApplication set-up: fonts, style, translations, the wedge filter; and running the app."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from config.paths import DataPaths
from config.settings import load_settings
from sync.errors import SchemaTooNew
from terminal.data_files import refuse_newer_files
from terminal.ui.controllers.core_lane import ServiceFactory, default_factory
from terminal.ui.controllers.scanners import CameraFactory
from terminal.ui.controllers.shell import Shell
from terminal.ui.qt_compat import guard
from terminal.ui.sound import Sound
from terminal.ui.texts import reason_sentence
from terminal.ui.timers import Timers
from terminal.ui.translations import Translations
from terminal.ui.views.style import FONT_FAMILIES, SHEET
from terminal.ui.wedge import WedgeFilter
from terminal.ui.window_fit import fit_to_screen

log = logging.getLogger(__name__)


def choose_platform(headless: bool) -> str | None:
    """Pick offscreen rendering when there is no display and none is needed; else an error."""
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    if headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    return (
        "no display to show the app on: start it from the desktop session, set DISPLAY "
        "(X11) or WAYLAND_DISPLAY, or use --screenshot FILE to render without a display"
    )


@functools.cache
def guard_once() -> bool:
    """The PySide6 reference-count guard (terminal.ui.qt_compat), applied once a process."""
    return guard()


def qt_app() -> QApplication:
    """The process's QApplication with our font and style sheet (created once)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    guard_once()
    app.setApplicationName("loyalty-terminal")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(12)
    app.setFont(font)
    app.setStyleSheet(SHEET)
    return app


def cache_dir(paths: DataPaths) -> Path:
    """Where compiled translations and sound files go when the package folder is read-only."""
    return paths.root / "cache"


@dataclass
class Options:
    """What ``loyalty-terminal run`` (and the demo) start the app with."""

    data_dir: Path | None = None
    language: str | None = None
    factory: ServiceFactory | None = None
    camera_factory: CameraFactory | None = None
    start_devices: bool = True
    sound: bool = True
    sync_interval_ms: int = 15000
    # What the idle timeout and the wedge filter count time by (None: QTimers); tests move it.
    timers: Timers | None = None


def build(app: QApplication, options: Options) -> tuple[Shell, WedgeFilter]:
    """The shell with its window, translator and wedge filter, not started yet."""
    paths = DataPaths.resolve(options.data_dir)
    settings = load_settings(paths.settings)
    translations = Translations(app, cache_dir(paths))
    translations.set_language(options.language or settings.terminal.language)
    wedge = WedgeFilter(app, timers=options.timers)
    app.installEventFilter(wedge)
    shell = Shell(
        data_dir=options.data_dir,
        translations=translations,
        factory=options.factory or default_factory(options.data_dir),
        sound=Sound(cache_dir(paths), enabled=options.sound),
        wedge=wedge,
        camera_factory=options.camera_factory,
        start_devices=options.start_devices,
        sync_interval_ms=options.sync_interval_ms,
        timers=options.timers,
    )
    shell.window.scan.set_source_state("wedge", "listening")
    return shell, wedge


def when_first_screen(shell: Shell, then: Callable[[], None], settle_ms: int = 400) -> None:
    """Call ``then`` once the first screen (sign-in or wizard) is on show and laid out."""

    def poll() -> None:
        if shell.first_screen_shown:
            QTimer.singleShot(settle_ms, then)
        else:
            QTimer.singleShot(20, poll)

    poll()


def refuse_newer_data(app: QApplication, options: Options, interactive: bool) -> None:
    """Raise SchemaTooNew (exit 4) for a data dir a newer build used, having said so on screen."""
    paths = DataPaths.resolve(options.data_dir)
    try:
        refuse_newer_files(paths)
    except SchemaTooNew as exc:
        if interactive:
            translations = Translations(app, cache_dir(paths))
            try:
                translations.set_language(
                    options.language or load_settings(paths.settings).terminal.language
                )
                QMessageBox.critical(
                    None, "loyalty-terminal", reason_sentence(exc.kind, exc.advice)
                )
            finally:
                translations.close()  # the QApplication may outlive this refusal (tests)
        raise


def run(options: Options, screenshot: Path | None = None, fullscreen: bool = False) -> int:
    """Start the app; with ``screenshot``, save the first screen to it and exit."""
    app = qt_app()
    refuse_newer_data(app, options, interactive=screenshot is None)
    shell, wedge = build(app, options)
    result = {"code": 0}
    if screenshot is not None:

        def grab() -> None:
            if not shell.window.grab().save(str(screenshot)):
                log.error("cannot save the screenshot to %s", screenshot)
                result["code"] = 2
            app.quit()

        when_first_screen(shell, grab)
    shell.start()
    if fullscreen:
        shell.window.showFullScreen()
    elif screenshot is None:
        fit_to_screen(shell.window)
        # Again once the window manager has framed it: its title bar counts too.
        QTimer.singleShot(300, lambda: fit_to_screen(shell.window))
    app.exec()
    shell.shutdown()
    app.removeEventFilter(wedge)
    return result["code"]
