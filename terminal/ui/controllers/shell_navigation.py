"""The shell's navigation between screens: scan, sync, refund, report, staff accounts and the
technician's diagnostics (a part of ``Shell``, controllers/shell.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from terminal.counter.results import Role, Staff
from terminal.ui.controllers.shell_parts import ShellParts
from terminal.ui.texts import arg


class Navigation(ShellParts):
    """Which screen shows when the window asks for one, and who may see it."""

    def _go_scan(self) -> None:
        self._diagnostics.stop()
        if self.counter.staff is None:
            self.window.show_screen(self.window.signin)
        elif self.counter.member is not None and self.counter.member.purpose == "pickup":
            self.window.show_screen(self.window.pickup)
        elif self.counter.member is not None:
            self.window.show_screen(self.window.member)
        else:
            self.window.show_screen(self.window.scan)

    def _go_sync(self) -> None:
        self._diagnostics.stop()
        self.window.banner.hide()
        self.window.show_screen(self.window.sync)
        self.window.sync.show_status(self.sync.status)
        self.counter.load_sync_lists()

    def _go_refund(self) -> None:
        self._diagnostics.stop()
        self.window.banner.hide()
        self.window.refund.clear()
        self.window.show_screen(self.window.refund)
        self.counter.load_operations()

    def _refund(self, event_id: str, amount: str) -> None:
        """A supervisor refunds; a cashier's refund waits for a supervisor's approval."""
        staff = self.counter.staff
        if staff is None:
            return
        if staff.role is Role.SUPERVISOR:
            self.counter.refund(event_id, amount, staff)
        else:
            self.approvals.approve_refund(event_id, amount)

    def _go_report(self) -> None:
        staff = self.counter.staff
        if staff is None or staff.role not in (Role.SUPERVISOR, Role.TECHNICIAN):
            self.window.banner.show_message(
                "refused",
                lambda: QCoreApplication.translate(
                    "Shell", "The end-of-day report is for a supervisor or a technician."
                ),
            )
            self.sound.refused()
            return
        self._diagnostics.stop()
        self.window.banner.hide()
        self.window.show_screen(self.window.report)
        self.counter.load_report()

    def _go_technician(self) -> None:
        staff = self.counter.staff
        if not self.counter.is_open:
            self._needs_setup("")
        elif staff is not None and staff.role is Role.TECHNICIAN:
            self._show_technician(staff)
        else:
            self.approvals.ask_technician(self._show_technician)

    def _go_staff(self) -> None:
        """Staff accounts, for a supervisor (or a technician adding cashiers)."""
        self._diagnostics.stop()
        self.window.banner.hide()
        self.window.staff_screen.clear()
        self.window.staff_screen.me = self.counter.staff.staff_id if self.counter.staff else ""
        self.window.show_screen(self.window.staff_screen)
        self.counter.load_staff()

    def _staff_saved(self, action: str, staff_id: str) -> None:
        def texts() -> dict[str, str]:
            return {
                "add": QCoreApplication.translate("Shell", "Account %1 added."),
                "pin": QCoreApplication.translate("Shell", "New PIN set for %1."),
                "own_pin": QCoreApplication.translate("Shell", "Your PIN was changed."),
                "disable": QCoreApplication.translate(
                    "Shell", "Account %1 disabled: it can no longer sign in."
                ),
                "enable": QCoreApplication.translate("Shell", "Account %1 enabled again."),
            }

        self.window.banner.show_message("ok", lambda: arg(texts()[action], staff_id))
        self.sound.accepted()
        self.window.staff_screen.clear()
        self.counter.load_staff()

    def _show_technician(self, technician: Staff | None = None) -> None:
        if technician is not None:
            self.technician = technician
        self.window.show_screen(self.window.technician)
        self._show_diagnostics()
        self._diagnostics.start()

    def _show_diagnostics(self) -> None:
        self.window.technician.show_stats(
            {
                "decoders": self.scanners.decoder_names(self.settings.camera.decoders),
                "stats": self.scanners.camera_stats(),
                "frame": self.scanners.latest_frame(),
                "serial": self.scanners.state.get("serial", ("off", "")),
                "sound": self.sound.backend,
                "data_dir": self.paths.root,
                "log": list(self.scanners.log),
            }
        )
