"""Wires the window to the controllers: scans in, screens and banners out.

It decides which screen shows and what a scan means on it (staff sign-in, member, wizard
test); everything that touches files, devices or the network is in a controller's lane.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from config.paths import DataPaths
from config.settings import Settings, load_settings
from sync.worker import SyncChange
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.ui.bridge import Bridge, Tasks
from terminal.ui.controllers.approvals import Approvals
from terminal.ui.controllers.counter import CounterController, ServiceFactory
from terminal.ui.controllers.provision import ProvisionController
from terminal.ui.controllers.scanners import CameraFactory, ScannerController
from terminal.ui.controllers.sync import SyncController, status_of
from terminal.ui.settings_file import update_settings
from terminal.ui.sound import Sound
from terminal.ui.texts import join, reason_sentence, result_sentence
from terminal.ui.translations import Translations
from terminal.ui.views.main_window import MainWindow
from terminal.ui.views.wizard import PAGES
from terminal.ui.wedge import WedgeFilter

log = logging.getLogger(__name__)
PREVIEW_MS = 125  # 8 preview frames a second is plenty; decoding runs at its own rate


class Shell(QObject):
    """The running app: one window, its controllers and the routing between them."""

    def __init__(
        self,
        *,
        data_dir: Path | None,
        translations: Translations,
        factory: ServiceFactory,
        sound: Sound,
        wedge: WedgeFilter | None = None,
        camera_factory: CameraFactory | None = None,
        start_devices: bool = True,
        sync_interval_ms: int = 15000,
    ) -> None:
        super().__init__()
        self.paths = DataPaths.resolve(data_dir)
        self.translations = translations
        self.sound = sound
        self.bridge = Bridge(self)
        self.tasks = Tasks(self.bridge)
        self.window = MainWindow()
        self.counter = CounterController(self.tasks, factory, self)
        # The one sync worker (its own thread and connections; not a counter service).
        self.sync = SyncController(
            self.tasks, data_dir, sync_interval_ms=sync_interval_ms, parent=self
        )
        self.scanners = ScannerController(self.bridge, self.tasks, self)
        self.provision = ProvisionController(self.tasks, data_dir, self.scanners, self.sync, self)
        self.camera_factory = camera_factory
        self.start_devices = start_devices
        self.first_screen_shown = False
        # Setting up (the wizard) or at the counter: decides where a scan goes.
        self.in_setup = False
        self.settings = Settings()
        self.approvals = Approvals(self.window, self.counter, self.sound, self)
        # The technician who opened diagnostics (signed in, or through the technician
        # dialog over someone else's session): the wizard run from there acts as them.
        self.technician: Staff | None = None
        self._preview = QTimer(self)
        self._preview.setInterval(PREVIEW_MS)
        self._preview.timeout.connect(self._tick_preview)
        self._diagnostics = QTimer(self)
        self._diagnostics.setInterval(1000)
        self._diagnostics.timeout.connect(self._show_diagnostics)
        if wedge is not None:
            wedge.scanned.connect(self._wedge_scan)
        self._connect()

    # -- wiring --------------------------------------------------------------------------

    def _connect(self) -> None:
        w, c = self.window, self.counter
        self.bridge.scanned.connect(self._scan)
        c.opened.connect(self._opened)
        c.not_provisioned.connect(self._needs_setup)
        c.open_failed.connect(self._open_failed)
        c.staff_changed.connect(self._staff_changed)
        c.member_shown.connect(self._member_shown)
        c.member_updated.connect(self.window.member.update_member)
        c.pickup_shown.connect(self._pickup_shown)
        c.member_cleared.connect(self._member_cleared)
        c.refused.connect(self._refused)
        c.op_done.connect(self._op_done)
        c.catalog_ready.connect(self.approvals.choose_reward)
        c.catalog_reloaded.connect(self.approvals.rewards_changed)
        c.reconciliation_ready.connect(w.sync.show_rejected)
        c.pending_ready.connect(w.sync.show_pending)
        c.operations_ready.connect(w.refund.show_operations)
        c.report_ready.connect(w.report.show_report)
        c.busy_changed.connect(w.member.set_busy)
        c.busy_changed.connect(w.pickup.set_busy)
        c.busy_changed.connect(w.refund.set_busy)
        c.busy_changed.connect(w.staff_screen.set_busy)
        c.no_staff.connect(self._needs_staff)
        c.staff_accounts.connect(w.staff_screen.show_accounts)
        c.staff_saved.connect(self._staff_saved)
        w.signin.sign_in.connect(c.sign_in)
        w.scan.code_entered.connect(lambda text: self._scan("typed", text, 0.0))
        w.member.award.connect(c.award)
        w.member.discount.connect(c.discount)
        w.member.redeem.connect(c.load_catalog)
        w.member.coupon.connect(c.coupon)
        w.member.checkin.connect(c.checkin)
        w.member.done.connect(c.next_customer)
        w.pickup.handover.connect(c.pickup)
        w.pickup.cancel.connect(c.next_customer)
        w.go_scan.connect(self._go_scan)
        w.go_sync.connect(self._go_sync)
        w.go_refund.connect(self._go_refund)
        w.refund.refund.connect(self._refund)
        w.refund.reload.connect(c.load_operations)
        w.refund.back.connect(self._go_scan)
        w.sync.end_of_day.connect(self._go_report)
        w.report.day_chosen.connect(c.load_report)
        w.report.back.connect(self._go_sync)
        w.go_technician.connect(self._go_technician)
        w.go_staff.connect(self._go_staff)
        w.staff_screen.add.connect(lambda i, n, role, pin: c.add_staff(i, n, Role(role), pin))
        w.staff_screen.reset_pin.connect(c.reset_staff_pin)
        w.staff_screen.change_own_pin.connect(self.approvals.confirm_own_pin)
        w.staff_screen.set_enabled.connect(c.set_staff_enabled)
        w.staff_screen.back.connect(self._go_scan)
        w.sign_out.connect(c.sign_out)
        w.toggle_language.connect(self.toggle_language)
        w.sync.sync_now.connect(lambda: self.sync.sync_now())
        w.sync.back.connect(self._go_scan)
        w.technician.back.connect(self._go_scan)
        w.technician.run_wizard.connect(self._run_wizard)
        self.sync.changed.connect(self._sync_changed)
        self.sync.failed.connect(self._sync_failed)
        self.sync.syncing_changed.connect(w.sync.set_syncing)
        self.scanners.state_changed.connect(self._source_state)
        wiz, p = w.wizard, self.provision
        wiz.language_chosen.connect(self.set_language)
        wiz.enrol.connect(p.enrol)
        wiz.test_camera.connect(p.test_camera)
        wiz.test_serial.connect(p.test_serial)
        wiz.devices_chosen.connect(p.save_devices)
        wiz.test_sync.connect(p.test_sync)
        wiz.create_staff.connect(lambda i, n, pin, role: p.create_staff(i, n, pin, Role(role)))
        wiz.finished.connect(self._wizard_finished)
        wiz.page_shown.connect(self._wizard_page)
        p.staff_state.connect(wiz.set_staff_state)
        p.enrolled.connect(wiz.set_enrolled)
        p.result.connect(self._wizard_result)
        p.choices_ready.connect(wiz.set_choices)
        # Enrolled (again): the worker must talk for the new identity.
        p.provisioned.connect(self.sync.restart)

    # -- start and stop ------------------------------------------------------------------

    def start(self) -> None:
        """Show the window and open the core; the first screen follows its answer."""
        self.window.show()
        self.counter.open()
        self._preview.start()

    def shutdown(self) -> None:
        """Stop devices and timers, close the core after its queued work, join the lanes."""
        self._preview.stop()
        self._diagnostics.stop()
        self.scanners.stop(wait=False)
        self.sync.stop()
        self.counter.stop_till()
        self.counter.close()
        self.tasks.shutdown(wait=True)
        self.bridge.closed = True

    def _opened(self) -> None:
        self.window.show_screen(self.window.signin)
        self.window.signin.reset()
        self.first_screen_shown = True
        self.sync.start()
        self.counter.start_till()  # serves the till API when [till] listen is set
        if self.start_devices:
            self._start_devices()

    def _start_devices(self) -> None:
        """Read the settings off the GUI thread, then start the configured sources."""
        self.tasks.run(
            lambda: load_settings(self.paths.settings),
            self._devices_configured,
            lambda e: self.window.banner.show_message("refused", str(e), 30),
            lane="io",
        )

    def _devices_configured(self, settings: Settings) -> None:
        self.settings = settings
        self.scanners.start_camera(settings.camera, self.camera_factory)
        self.scanners.start_serial(settings.scanner)

    def _needs_setup(self, _message: str) -> None:
        self.provision.actor = None  # a new terminal: nobody to act as yet
        self.in_setup = True
        self.window.wizard.go(0)
        self.window.wizard.set_language(self.translations.language)
        self.window.show_screen(self.window.wizard)
        self.first_screen_shown = True
        self.provision.load_choices()

    def _needs_staff(self) -> None:
        """Provisioned but without any account (the wizard was left early): nobody could sign
        in, so the wizard's staff step opens until a supervisor exists."""
        self.provision.actor = None
        self.in_setup = True
        self.window.wizard.set_language(self.translations.language)
        self.window.wizard.go(PAGES.index("staff"))
        self.window.show_screen(self.window.wizard)

    def _open_failed(self, reason: str, message: str) -> None:
        self.first_screen_shown = True
        self.window.show_screen(self.window.signin)
        self.window.banner.show_message("refused", reason_sentence(reason, message), 60)
        self.sound.refused()

    # -- scans ---------------------------------------------------------------------------

    def _wedge_scan(self, text: str) -> None:
        self.scanners.note_wedge(text)
        self._scan("wedge", text, 0.0)

    def _scan(self, source: str, text: str, _t: float) -> None:
        if QApplication.activeModalWidget() is not None:
            # A dialog (reward choice, supervisor approval) is open: finish that first.
            return
        # Routed by what the app is doing (setting up, or at the counter), not by the
        # widget that happens to be on show.
        if self.in_setup:
            self._wizard_scan(source, text)
        elif self.counter.is_open:
            self.counter.scan(text)

    def _wizard_scan(self, source: str, text: str) -> None:
        wiz = self.window.wizard
        if wiz.page == "enrol":
            wiz.code.setText(text.strip())
        elif wiz.page == "devices":
            self.provision.note_scan(source)
        elif wiz.page == "scan":
            self.provision.test_scan(text)

    # -- counter results -----------------------------------------------------------------

    def _staff_changed(self, staff: Staff | None) -> None:
        self.window.set_staff(staff)
        if staff is None:
            self.technician = None
            self.window.show_screen(self.window.signin)
            self.window.signin.reset()
            self.window.banner.hide()
            return
        if staff.role is Role.TECHNICIAN:
            self._show_technician(staff)
        else:
            self.window.show_screen(self.window.scan)
        self.window.banner.show_message(
            "info", self.tr("Signed in: %1").replace("%1", staff.name or staff.staff_id), 4
        )

    def _member_shown(self, view: MemberView) -> None:
        self.window.member.show_member(view)
        self.window.member.clear_amount()
        self.window.show_screen(self.window.member)
        self.window.banner.show_message(
            "ok", self.tr("Code accepted: member %1.").replace("%1", view.member)
        )
        self.sound.accepted()

    def _pickup_shown(self, view: MemberView, remaining: dict[str, int] | None) -> None:
        self.window.pickup.show_order(view, remaining)
        self.window.show_screen(self.window.pickup)
        order = str((view.document or {}).get("id", ""))
        self.window.banner.show_message(
            "ok", self.tr("Pickup code accepted: order %1.").replace("%1", order)
        )
        self.sound.accepted()

    def _member_cleared(self) -> None:
        if self.window.stack.currentWidget() in (self.window.member, self.window.pickup):
            self.window.show_screen(self.window.scan)

    def _refused(self, reason: str, message: str) -> None:
        if self.approvals.refused(reason, message):
            return  # a supervisor is asked to approve
        self.window.banner.show_message("refused", reason_sentence(reason, message))
        self.sound.refused()

    def _op_done(self, result: OpResult) -> None:
        self.approvals.done()
        text = result_sentence(result)
        if self.counter.member is not None and result.kind in ("award", "redeem", "checkin"):
            available = self.counter.member.available_points
            text = join(text, self.tr("Points available now: %1.").replace("%1", f"{available:,}"))
        self.window.banner.show_message("ok", text)
        self.sound.accepted()
        # Committed: wake the worker to send it now rather than at the next interval.
        self.sync.sync_now()
        if result.kind == "pickup":
            self.counter.next_customer()
            return
        if result.kind in ("refund", "void"):
            self.window.refund.clear()
            self.counter.load_operations(self.window.refund.shown_day)
        if self.counter.member is not None:
            self.window.member.show_member(self.counter.member)
        self.window.member.clear_amount()

    # -- navigation ----------------------------------------------------------------------

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
            self.approvals.ask_supervisor_for_refund(
                lambda supervisor: self.counter.refund(event_id, amount, supervisor)
            )

    def _go_report(self) -> None:
        staff = self.counter.staff
        if staff is None or staff.role not in (Role.SUPERVISOR, Role.TECHNICIAN):
            self.window.banner.show_message(
                "refused", self.tr("The end-of-day report is for a supervisor or a technician.")
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
        texts = {
            "add": self.tr("Account %1 added."),
            "pin": self.tr("New PIN set for %1."),
            "own_pin": self.tr("Your PIN was changed."),
            "disable": self.tr("Account %1 disabled: it can no longer sign in."),
            "enable": self.tr("Account %1 enabled again."),
        }
        self.window.banner.show_message("ok", texts[action].replace("%1", staff_id))
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
                "serial": self.scanners.state.get("serial", ("off", "")),
                "sound": self.sound.backend,
                "data_dir": self.paths.root,
                "log": list(self.scanners.log),
            }
        )

    def _run_wizard(self) -> None:
        self._diagnostics.stop()
        self.provision.actor = self.technician
        self.in_setup = True
        self.window.wizard.go(1)
        self.window.show_screen(self.window.wizard)
        self.provision.load_choices()

    def _wizard_result(self, which: str, ok: bool | None, text: str) -> None:
        if which == "enrol":
            return
        self.window.wizard.set_result(which, ok, text)
        if which == "camera" and ok is not None:
            self.window.wizard.show_frame(self.scanners.latest_frame())

    def _wizard_page(self, page: str) -> None:
        if page == "staff":
            self.provision.load_staff_state()

    def _wizard_finished(self) -> None:
        self.in_setup = False
        self.scanners.stop()
        if self.counter.is_open:
            self.counter.sign_out()
            if self.start_devices:
                self._start_devices()
        else:
            self.counter.open()

    # -- sync ----------------------------------------------------------------------------

    def _sync_changed(self, change: SyncChange) -> None:
        """Fan one turn of the sync worker out to every screen it concerns."""
        status = status_of(change, self.sync.last_sync)
        self.window.show_status(status)
        self.window.sync.show_status(status)
        on_sync_screen = self.window.stack.currentWidget() is self.window.sync
        if change.round and change.error is not None:
            self._sync_failed(change.error, change.message)
        elif change.round:
            # Routine: the sync screen's own line, never the banner (it would cover a refusal).
            self.window.sync.show_round_done(
                change.pushed, change.accepted, change.rejected, change.pending
            )
        if not self.counter.is_open:
            return
        if change.round and on_sync_screen:
            self.counter.load_sync_lists()
        if change.accepted or change.rejected or change.downloaded:
            # Answered events move from pending into the balance: the core says how.
            self.counter.refigure()
        if "catalog" in change.downloaded:
            self.counter.reload_catalog()

    def _sync_failed(self, reason: str, message: str) -> None:
        if reason.startswith("storage") and self.window.stack.currentWidget() in (
            self.window.technician,
            self.window.wizard,
        ):
            # The technician must see the storage sentence where they are working.
            self.window.banner.show_message("refused", reason_sentence(reason, message))
        self.window.sync.show_round_failed(reason, message)

    # -- sources, preview, language ------------------------------------------------------

    def _source_state(self, kind: str, state: str, _message: str) -> None:
        self.window.scan.set_source_state(kind, state)

    def _tick_preview(self) -> None:
        current = self.window.stack.currentWidget()
        if current is self.window.scan:
            self.window.scan.show_frame(self.scanners.latest_frame())
        elif current is self.window.wizard and self.window.wizard.page == "devices":
            self.window.wizard.show_frame(self.scanners.latest_frame())

    def set_language(self, language: str) -> None:
        """Switch the whole interface now and remember the choice in settings.toml."""
        if language == self.translations.language:
            return
        self.translations.set_language(language)
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
