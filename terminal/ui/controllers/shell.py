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
from terminal.counter.results import Role, Staff
from terminal.sentences import Text
from terminal.ui.bridge import Bridge, Tasks
from terminal.ui.controllers.approvals import Approvals
from terminal.ui.controllers.core_lane import ServiceFactory
from terminal.ui.controllers.counter import CounterController
from terminal.ui.controllers.idle import IdleTimer
from terminal.ui.controllers.provision import ProvisionController
from terminal.ui.controllers.receipts import attach as attach_receipts
from terminal.ui.controllers.scanners import CameraFactory, ScannerController, close_dialogs
from terminal.ui.controllers.shell_navigation import Navigation
from terminal.ui.controllers.shell_screens import CounterScreens
from terminal.ui.controllers.shell_setup import SetupRouting
from terminal.ui.controllers.shell_sync import SyncFanOut
from terminal.ui.controllers.sync import SyncController
from terminal.ui.controllers.till import attach as attach_till
from terminal.ui.failure_texts import failure_sentence
from terminal.ui.keyburst import WedgeRules
from terminal.ui.sound import Sound
from terminal.ui.texts import Said, reason_sentence
from terminal.ui.timers import Timers
from terminal.ui.translations import Translations
from terminal.ui.views.main_window import MainWindow
from terminal.ui.wedge import WedgeFilter

log = logging.getLogger(__name__)
PREVIEW_MS = 125  # 8 preview frames a second is plenty; decoding runs at its own rate


class Shell(CounterScreens, Navigation, SetupRouting, SyncFanOut, QObject):
    """The running app: one window, its controllers and the routing between them.

    Its parts by responsibility: the counter's answers (shell_screens.py), navigation
    (shell_navigation.py), set-up and language (shell_setup.py), sync (shell_sync.py).
    """

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
        timers: Timers | None = None,
    ) -> None:
        super().__init__()
        self.paths = DataPaths.resolve(data_dir)
        self.translations = translations
        self.sound = sound
        self.bridge = Bridge(self)
        self.tasks = Tasks(self.bridge)
        self.window = MainWindow(timers)
        self.counter = CounterController(self.tasks, factory, self)
        # The one sync worker (its own thread and connections; not a counter service).
        self.sync = SyncController(
            self.tasks, data_dir, sync_interval_ms=sync_interval_ms, parent=self
        )
        self.scanners = ScannerController(self.bridge, self.tasks, self)
        self.sync.devices = self.scanners.devices
        self.provision = ProvisionController(self.tasks, data_dir, self.scanners, self.sync, self)
        self.camera_factory = camera_factory
        self.start_devices = start_devices
        self.first_screen_shown = False
        # Setting up (the wizard) or at the counter: decides where a scan goes.
        self.in_setup = False
        self.settings = Settings()
        self.approvals = Approvals(
            self.window, self.counter, self.sound, self, lambda: self.translations.language
        )
        # The technician who opened diagnostics (signed in, or through the technician
        # dialog over someone else's session): the wizard run from there acts as them.
        self.technician: Staff | None = None
        # The wizard's last result per step, to say it again after a language switch.
        self._wizard_said: dict[str, tuple[bool | None, Said]] = {}
        self._preview = QTimer(self)
        self._preview.setInterval(PREVIEW_MS)
        self._preview.timeout.connect(self._tick_preview)
        self._diagnostics = QTimer(self)
        self._diagnostics.setInterval(1000)
        self._diagnostics.timeout.connect(self._show_diagnostics)
        # Started with the settings' [ui] idle_seconds once the core is open.
        self.idle = IdleTimer(self, timers=timers)
        self.operation_running = False
        self.wedge = wedge
        if wedge is not None:
            wedge.scanned.connect(self._wedge_scan)
        self._connect()
        self.receipts = attach_receipts(self)  # printing and reprints (controllers/receipts.py)
        self.till = attach_till(self)  # the till API on this core (controllers/till.py)

    # -- wiring --------------------------------------------------------------------------

    def _connect(self) -> None:
        w, c = self.window, self.counter
        self.bridge.scanned.connect(self._scan)
        # A camera or serial scan is someone at the counter, like a touch.
        self.bridge.scanned.connect(lambda *_scan: self.idle.poke())
        self.idle.expired.connect(self._idle)
        c.opened.connect(self._opened)
        c.not_provisioned.connect(self._needs_setup)
        c.open_failed.connect(self._open_failed)
        c.staff_changed.connect(self._staff_changed)
        c.member_shown.connect(self._member_shown)
        c.member_updated.connect(self.window.member.update_member)
        c.coupon_state.connect(self.window.member.set_coupon_state)
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
        c.busy_changed.connect(self._busy_changed)
        c.busy_changed.connect(w.pickup.set_busy)
        c.busy_changed.connect(w.refund.set_busy)
        c.busy_changed.connect(w.staff_screen.set_busy)
        c.no_staff.connect(self._needs_staff)
        c.staff_accounts.connect(w.staff_screen.show_accounts)
        c.staff_saved.connect(self._staff_saved)
        c.till_sale.connect(w.scan.show_till_identified)
        w.signin.sign_in.connect(c.sign_in)
        w.scan.code_entered.connect(lambda text: self._scan("typed", text, 0.0))
        w.member.award.connect(c.award)
        w.member.discount.connect(c.discount_preview)
        w.member.needs_amount.connect(self.approvals.ask_amount)
        c.discount_ready.connect(self.approvals.confirm_discount)
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
        w.staff_screen.end_of_day.connect(self._go_report)
        w.report.day_chosen.connect(c.load_report)
        w.report.back.connect(self._go_staff)
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
        self.sync.changed.connect(lambda change: self.approvals.link_changed(change.online))
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
        p.enrolled.connect(self._wizard_enrolled)
        p.result.connect(self._wizard_result)
        p.choices_ready.connect(wiz.set_choices)
        # The language box shows the language the UI is in, however it was chosen
        # (settings, --lang, the top bar's button, the box itself).
        wiz.language_changed.connect(self._wizard_language_changed)
        self._show_language()
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
        self.idle.stop()
        app = QApplication.instance()
        if self.wedge is not None and app is not None:
            # Keys still held go to their fields; a closed shell's filter holds no more.
            self.wedge.release()
            app.removeEventFilter(self.wedge)
        self.scanners.stop(wait=False)
        self.sync.stop()
        self.till.stop()
        self.counter.close()
        self.receipts.shutdown()
        self.tasks.shutdown(wait=True)
        self.bridge.closed = True
        self.translations.close()

    def _opened(self) -> None:
        self.window.show_screen(self.window.signin)
        self.window.signin.reset()
        self.first_screen_shown = True
        self.sync.start()
        self.till.start()  # serves the till API when [till] listen is set
        self._load_settings()

    def _load_settings(self) -> None:
        """Read the settings off the GUI thread, then apply them (and start the sources)."""
        self.tasks.run(
            lambda: load_settings(self.paths.settings),
            self._settings_loaded,
            lambda e: self.window.banner.show_message("refused", lambda: failure_sentence(e), 30),
            lane="io",
        )

    def _settings_loaded(self, settings: Settings) -> None:
        self.settings = settings
        self.idle.set_seconds(settings.ui.idle_seconds)
        if self.wedge is not None:
            self.wedge.rules = WedgeRules.from_settings(settings.scanner)
        if self.start_devices:
            self.scanners.start_camera(settings.camera, self.camera_factory)
            self.scanners.start_serial(settings.scanner)

    def _open_failed(self, reason: str, message: str | Text) -> None:
        self.first_screen_shown = True
        self.window.show_screen(self.window.signin)
        self.window.banner.show_message("refused", lambda: reason_sentence(reason, message), 60)
        self.sound.refused()

    # -- scans ---------------------------------------------------------------------------

    def _wedge_scan(self, text: str) -> None:
        self.scanners.note_wedge(text)
        self._scan("wedge", text, 0.0)

    def _scan(self, source: str, text: str, _t: float) -> None:
        # A dialog (reward choice, supervisor approval, PIN) is open. A scanner's trigger is
        # the cashier moving on: the dialog is cancelled (nothing was done in it) and the scan
        # counts. A camera may just see a phone still in view: finish the dialog first.
        if QApplication.activeModalWidget() is not None and (
            source.split(":", 1)[0] == "camera" or not close_dialogs()
        ):
            return
        # Routed by what the app is doing (setting up, or at the counter), not by the
        # widget that happens to be on show.
        if self.in_setup:
            self._wizard_scan(source, text)
        elif self.counter.is_open:
            self.counter.scan(text)

    def _busy_changed(self, busy: bool) -> None:
        self.operation_running = busy
        if not busy:
            self.idle.poke()  # the result is on screen now: give the cashier time to read it

    def _idle(self) -> None:
        """Nobody touched or scanned for [ui] idle_seconds: the member leaves the screen."""
        if self.counter.member is None:
            return
        if QApplication.activeModalWidget() is not None or self.operation_running:
            # Someone is answering a dialog or an operation is being saved: wait for them.
            self.idle.poke()
            return
        self.window.member.clear_amount()
        self.counter.next_customer()

    # -- sources and preview ------------------------------------------------------------

    def _source_state(self, kind: str, state: str, _message: str) -> None:
        self.window.scan.set_source_state(kind, state)
        self.window.wizard.set_source_state(kind, state)

    def _tick_preview(self) -> None:
        current = self.window.current_screen()
        if current is self.window.scan:
            self.window.scan.show_frame(self.scanners.latest_frame())
        elif current is self.window.wizard and self.window.wizard.page == "devices":
            self.window.wizard.show_frame(self.scanners.latest_frame())
