"""What the shell's parts (shell_screens, shell_navigation, shell_setup, shell_sync) share.

``Shell`` (controllers/shell.py) is built from those parts by responsibility; each part is a
mixin that reads the shell's controllers and window declared here, so that the type checker
sees one shell. ``Shell.__init__`` sets every one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer

    from config.paths import DataPaths
    from config.settings import Settings
    from terminal.counter.results import Staff
    from terminal.ui.bridge import Tasks
    from terminal.ui.controllers.approvals import Approvals
    from terminal.ui.controllers.counter import CounterController
    from terminal.ui.controllers.idle import IdleTimer
    from terminal.ui.controllers.provision import ProvisionController
    from terminal.ui.controllers.scanners import ScannerController
    from terminal.ui.controllers.sync import SyncController
    from terminal.ui.sound import Sound
    from terminal.ui.texts import Said
    from terminal.ui.translations import Translations
    from terminal.ui.views.main_window import MainWindow


class ShellParts:
    """The shell's state, as its parts see it (annotations only: nothing at run time)."""

    paths: DataPaths
    translations: Translations
    sound: Sound
    tasks: Tasks
    window: MainWindow
    counter: CounterController
    sync: SyncController
    scanners: ScannerController
    provision: ProvisionController
    approvals: Approvals
    idle: IdleTimer
    settings: Settings
    technician: Staff | None
    in_setup: bool
    first_screen_shown: bool
    _wizard_said: dict[str, tuple[bool | None, Said]]
    _diagnostics: QTimer

    if TYPE_CHECKING:  # one part calls another's; at run time the Shell has them all

        def _load_settings(self) -> None: ...

        def _needs_setup(self, _message: str) -> None: ...

        def _show_technician(self, technician: Staff | None = None) -> None: ...
