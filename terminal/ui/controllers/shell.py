"""Wires the window to the controllers: scans in, screens and banners out.

It decides which screen shows and what a scan means on it (staff sign-in, member, wizard
test); everything that touches files, devices or the network is in a controller's lane.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from config.paths import DataPaths
from config.settings import Settings, load_settings
from sync.worker import SyncChange
from terminal.counter.orders import OrderState
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.sentences import Text
from terminal.ui.bridge import Bridge, Tasks
from terminal.ui.controllers.approvals import Approvals
from terminal.ui.controllers.counter import CounterController, ServiceFactory
from terminal.ui.controllers.idle import IdleTimer
from terminal.ui.controllers.provision import ProvisionController
from terminal.ui.controllers.receipts import attach as attach_receipts
from terminal.ui.controllers.scanners import CameraFactory, ScannerController, close_dialogs
from terminal.ui.controllers.sync import SyncController, status_of
from terminal.ui.controllers.till import attach as attach_till
from terminal.ui.failure_texts import failure_sentence, sync_failure
from terminal.ui.keyburst import WedgeRules
from terminal.ui.settings_file import update_settings
from terminal.ui.sound import Sound
from terminal.ui.texts import Said, arg, join, reason_sentence, result_sentence, said
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
        self.sync.devices = self.scanners.devices
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
        # The wizard's last result per step, to say it again after a language switch.
        self._wizard_said: dict[str, tuple[bool | None, Said]] = {}
        self._preview = QTimer(self)
        self._preview.setInterval(PREVIEW_MS)
        self._preview.timeout.connect(self._tick_preview)
        self._diagnostics = QTimer(self)
        self._diagnostics.setInterval(1000)
        self._diagnostics.timeout.connect(self._show_diagnostics)
        # Started with the settings' [ui] idle_seconds once the core is open.
        self.idle = IdleTimer(self)
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
        c.till_sale.connect(w.scan.till_notice.show_identified)
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

    def _wizard_scan(self, source: str, text: str) -> None:
        wiz = self.window.wizard
        if wiz.page == "enrol":
            wiz.code.setText(text.strip())
        elif wiz.page == "devices":
            self.provision.note_scan(source)
        elif wiz.page == "scan":
            # "camera:0", "serial:/dev/ttyACM0", "wedge", "typed": the kind of scanner.
            wiz.scan_received(source.split(":", 1)[0])
            self.provision.test_scan(text)

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
        who = staff.name or staff.staff_id
        self.window.banner.show_message("info", lambda: arg(self.tr("Signed in: %1"), who), 4)

    def _member_shown(self, view: MemberView) -> None:
        self.idle.poke()  # verifying may have taken a moment: the full time from the screen
        self.window.member.show_member(view)
        self.window.member.clear_amount()
        self.window.show_screen(self.window.member)
        self.window.banner.show_message(
            "ok", lambda: arg(self.tr("Code accepted: member %1."), view.member)
        )
        self.sound.accepted()

    def _pickup_shown(
        self, view: MemberView, state: OrderState, handed: dict[str, int] | None
    ) -> None:
        self.window.pickup.show_order(view, state, handed)
        self.window.show_screen(self.window.pickup)
        if handed is not None:
            return  # after a handover: op_done says what was saved
        colour = self.window.pickup.banner()[0]  # green only when something is left
        # A function, so the line follows a language switch.
        self.window.banner.show_message(colour, lambda: self.window.pickup.banner()[1])
        if colour == "ok":
            self.sound.accepted()
        else:
            self.sound.refused()

    def till_waiting(self, waiting: list[dict[str, Any]]) -> None:
        """A till opened a sale without the member's code: ask for it on the scan screen."""
        self.window.scan.till_notice.show_waiting(waiting)
        if waiting and self.window.stack.currentWidget() in (
            self.window.scan,
            self.window.member,
            self.window.pickup,
            self.window.till_sale,
        ):
            # The till rings up the next customer: the last one's screen is done with.
            self.window.show_screen(self.window.scan)

    def _member_cleared(self) -> None:
        if self.window.stack.currentWidget() in (self.window.member, self.window.pickup):
            self.window.show_screen(self.window.scan)

    def _refused(self, reason: str, message: str | Text) -> None:
        if self.approvals.refused(reason, message):
            return  # a supervisor is asked to approve
        self.window.banner.show_message("refused", lambda: reason_sentence(reason, message))
        self.sound.refused()

    def _op_done(self, result: OpResult) -> None:
        self.approvals.done()
        member = self.counter.member
        available = member.available_points if member is not None else None

        def text() -> str:
            said = result_sentence(result)
            if available is not None and result.kind in ("award", "redeem", "checkin"):
                said = join(said, arg(self.tr("Points available now: %1."), f"{available:,}"))
            return said

        self.window.banner.show_message("ok", text)
        self.sound.accepted()
        # Committed: the status bar counts it with the card showing it (in this same slot),
        # and the worker is woken to send it now rather than at the next interval.
        self.sync.note_committed()
        self.sync.sync_now()
        if result.kind == "pickup":
            return  # the pickup screen now shows what went and what remains
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
            self.approvals.approve_refund(event_id, amount)

    def _go_report(self) -> None:
        staff = self.counter.staff
        if staff is None or staff.role not in (Role.SUPERVISOR, Role.TECHNICIAN):
            self.window.banner.show_message(
                "refused",
                lambda: self.tr("The end-of-day report is for a supervisor or a technician."),
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
                "add": self.tr("Account %1 added."),
                "pin": self.tr("New PIN set for %1."),
                "own_pin": self.tr("Your PIN was changed."),
                "disable": self.tr("Account %1 disabled: it can no longer sign in."),
                "enable": self.tr("Account %1 enabled again."),
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

    # -- sync ----------------------------------------------------------------------------

    def _sync_changed(self, change: SyncChange) -> None:
        """Fan one turn of the sync worker out to every screen it concerns."""
        status = status_of(change, self.sync.last_sync)
        self.window.sync.show_status(status)
        on_sync_screen = self.window.stack.currentWidget() is self.window.sync
        if change.round and change.error is not None:
            self._sync_failed(change.error, change.message, change.cause)
        elif change.round:
            # Routine: the sync screen's own line, never the banner (it would cover a refusal).
            self.window.sync.show_round_done(
                change.pushed, change.accepted, change.rejected, change.pending
            )
        if not self.counter.is_open:
            self.window.show_status(status)
            return
        if change.round and on_sync_screen:
            self.counter.load_sync_lists()
        self._refigure_member(change)

    def _refigure_member(self, change: SyncChange) -> None:
        """The member on screen follows every change, and the status bar shows it with them.

        After a round the status bar waits for the card's new figures (milliseconds, on the
        core lane): answered events leave "waiting to sync" on the card in the same moment
        they leave "to send" in the bar, so the two never disagree. Then, when the round
        reached the backend, its balance is asked again: the card's balance, source and
        moment become the ledger's of now.
        """

        def show_status() -> None:
            self.window.show_status(self.sync.status)

        if not change.round:
            show_status()  # nothing was answered: the card's figures still hold
            self.counter.refigure()
            return
        if not self.counter.refigure(then=show_status):
            show_status()
            return
        if change.online and change.error is None:
            self.counter.refigure(ask_backend=True)
        if "catalog" in change.downloaded:
            self.counter.reload_catalog()

    def _sync_failed(self, reason: str, message: str | Text, cause: str = "") -> None:
        if reason.startswith("storage") and self.window.stack.currentWidget() in (
            self.window.technician,
            self.window.wizard,
        ):
            # The technician must see the storage sentence where they are working.
            self.window.banner.show_message("refused", lambda: sync_failure(reason, message, cause))
        self.window.sync.show_round_failed(reason, message, cause)

    # -- sources, preview, language ------------------------------------------------------

    def _source_state(self, kind: str, state: str, _message: str) -> None:
        self.window.scan.set_source_state(kind, state)
        self.window.wizard.set_source_state(kind, state)

    def _tick_preview(self) -> None:
        current = self.window.stack.currentWidget()
        if current is self.window.scan:
            self.window.scan.show_frame(self.scanners.latest_frame())
        elif current is self.window.wizard and self.window.wizard.page == "devices":
            self.window.wizard.show_frame(self.scanners.latest_frame())

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
