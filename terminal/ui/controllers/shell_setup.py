"""The shell's set-up side: when the wizard opens, what a scan means on its pages, its results
said again after a language switch, and the interface language (a part of ``Shell``,
controllers/shell.py)."""

from __future__ import annotations

import logging

from terminal.ui.controllers.shell_parts import ShellParts
from terminal.ui.settings_file import update_settings
from terminal.ui.texts import Said, said
from terminal.ui.views.wizard import PAGES

log = logging.getLogger(__name__)


class SetupRouting(ShellParts):
    """The wizard and the language: opening set-up, routing it, finishing it."""

    def _needs_setup(self, _message: str) -> None:
        self.provision.actor = None  # a new terminal: nobody to act as yet
        self.in_setup = True
        self.window.wizard.go(0)
        self.window.show_screen(self.window.wizard)
        self.first_screen_shown = True
        self.provision.load_choices()

    def _needs_staff(self) -> None:
        """Provisioned but without any account (the wizard was left early): nobody could sign
        in, so the wizard's staff step opens until a supervisor exists."""
        self.provision.actor = None
        self.in_setup = True
        self.window.wizard.go(PAGES.index("staff"))
        self.window.show_screen(self.window.wizard)

    def _wizard_scan(self, source: str, text: str) -> None:
        wiz = self.window.wizard
        if wiz.page == "enrol":
            wiz.put_code(text.strip())
        elif wiz.page == "devices":
            self.provision.note_scan(source)
        elif wiz.page == "scan":
            # "camera:0", "serial:/dev/ttyACM0", "wedge", "typed": the kind of scanner.
            wiz.scan_received(source.split(":", 1)[0])
            self.provision.test_scan(text)

    def _run_wizard(self) -> None:
        self._diagnostics.stop()
        self.provision.actor = self.technician
        self.in_setup = True
        self.window.wizard.go(1)
        self.window.show_screen(self.window.wizard)
        self.provision.load_choices()

    def _wizard_enrolled(self, ok: bool, text: Said) -> None:
        self._wizard_said["enrolled"] = (ok, text)
        self.window.wizard.set_enrolled(ok, said(text))

    def _wizard_result(self, which: str, ok: bool | None, text: Said) -> None:
        if which == "enrol":
            return
        self._wizard_said[which] = (ok, text)
        self.window.wizard.set_result(which, ok, said(text))
        if which == "camera" and ok is not None:
            self.window.wizard.show_frame(self.scanners.latest_frame())

    def _wizard_language_changed(self) -> None:
        """The box shows the new language; results on the wizard are said again in it."""
        self._show_language()
        for which, (ok, text) in self._wizard_said.items():
            if not callable(text):
                continue  # said once, as it was
            if which == "enrolled":
                self.window.wizard.set_enrolled(bool(ok), text())
            else:
                self.window.wizard.set_result(which, ok, text())

    def _wizard_page(self, page: str) -> None:
        if page == "scan":
            self.window.wizard.wait_for_scan()
        if page == "staff":
            self.provision.load_staff_state()

    def _wizard_finished(self) -> None:
        self.in_setup = False
        self.scanners.stop()
        if self.counter.is_open:
            self.counter.sign_out()
            self._load_settings()
        else:
            self.counter.open()

    def _show_language(self) -> None:
        self.window.wizard.set_language(self.translations.language)

    def set_language(self, language: str) -> None:
        """Switch the whole interface now and remember the choice in settings.toml."""
        if language == self.translations.language:
            return
        self.translations.set_language(language)
        self._show_language()  # a language without a translation falls back to English
        if self.paths.root.exists():
            changes = {"terminal": {"language": self.translations.language}}
            self.tasks.run(
                lambda: update_settings(self.paths.settings, changes),
                None,
                lambda e: log.warning("cannot save the language: %s", e),
                lane="io",
            )

    def toggle_language(self) -> None:
        self.set_language("en" if self.translations.language == "zh_CN" else "zh_CN")
