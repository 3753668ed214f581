"""The one window: a top bar with status and navigation, the status strip, a stack of screens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from terminal.counter.results import Role, Staff
from terminal.ui.texts import clock_time
from terminal.ui.timers import Timers
from terminal.ui.views.dialogs import OverrideDialog
from terminal.ui.views.member import MemberScreen
from terminal.ui.views.pickup import PickupScreen
from terminal.ui.views.refund import RefundScreen
from terminal.ui.views.report import ReportScreen
from terminal.ui.views.scan import ScanView
from terminal.ui.views.signin import SignInView
from terminal.ui.views.staff import StaffScreen
from terminal.ui.views.sync import SyncScreen
from terminal.ui.views.technician import TechnicianScreen
from terminal.ui.views.till_sale import TillSaleScreen
from terminal.ui.views.widgets import Banner, Chip, StatusStrip, button, label
from terminal.ui.views.wizard import ProvisionWizard


class MainWindow(QMainWindow):
    """Lays out the screens; emits navigation intents, shows what it is told."""

    go_scan = Signal()
    go_sync = Signal()
    go_refund = Signal()
    go_technician = Signal()
    go_staff = Signal()
    toggle_language = Signal()
    sign_out = Signal()

    def __init__(self, timers: Timers | None = None) -> None:
        super().__init__()
        self.resize(1280, 800)
        self.title = label()
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.title.setWordWrap(False)
        self.staff = Chip()
        self.online = Chip()
        self.pending = Chip()
        self.last_sync = Chip()
        self.scan_button = button(role="nav")
        self.sync_button = button(role="nav")
        self.refund_button = button(role="nav")
        self.tech_button = button(role="nav")
        self.staff_button = button(role="nav")
        self.lang_button = button(role="nav")
        self.signout_button = button(role="nav")
        bar = QFrame()
        bar.setObjectName("topbar")
        top = QHBoxLayout(bar)
        top.setContentsMargins(12, 4, 12, 4)
        top.setSpacing(4)
        top.addWidget(self.title)
        for chip in (self.staff, self.online, self.pending, self.last_sync):
            top.addWidget(chip)
        top.addStretch(1)
        for b in (
            self.scan_button,
            self.sync_button,
            self.refund_button,
            self.staff_button,
            self.tech_button,
            self.lang_button,
            self.signout_button,
        ):
            top.addWidget(b)
        self.banner = Banner(timers)
        self.strip = StatusStrip(self.banner)
        self.stack = QStackedWidget()
        self.signin = SignInView()
        self.scan = ScanView()
        self.member = MemberScreen()
        self.pickup = PickupScreen()
        self.sync = SyncScreen()
        self.technician = TechnicianScreen()
        self.refund = RefundScreen()
        self.report = ReportScreen()
        self.till_sale = TillSaleScreen()
        self.staff_screen = StaffScreen()
        self.wizard = ProvisionWizard()
        for screen in (
            self.signin,
            self.scan,
            self.member,
            self.pickup,
            self.sync,
            self.technician,
            self.refund,
            self.report,
            self.till_sale,
            self.staff_screen,
            self.wizard,
        ):
            self.stack.addWidget(screen)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.strip)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.scan_button.clicked.connect(self.go_scan)
        self.sync_button.clicked.connect(self.go_sync)
        self.refund_button.clicked.connect(self.go_refund)
        self.tech_button.clicked.connect(self.go_technician)
        self.staff_button.clicked.connect(self.go_staff)
        self.lang_button.clicked.connect(self.toggle_language)
        self.signout_button.clicked.connect(self.sign_out)
        self.override: OverrideDialog | None = None
        self._staff: Staff | None = None
        self._status: dict[str, Any] = {}
        self.retranslate()
        self.set_staff(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loyalty counter"))
        self.title.setText(self.tr("Loyalty counter"))
        self.scan_button.setText(self.tr("Scan"))
        self.sync_button.setText(self.tr("Sync"))
        self.refund_button.setText(self.tr("Refund"))
        self.tech_button.setText(self.tr("Technician"))
        self.staff_button.setText(self.tr("Staff"))
        # The button names the language it switches to, in that language.
        self.lang_button.setText(self.tr("中文"))
        self.signout_button.setText(self.tr("Sign out"))
        self.set_staff(self._staff)
        self.show_status(self._status)

    def current_screen(self) -> QWidget | None:
        """The screen on show."""
        return self.stack.currentWidget()

    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        in_wizard = screen is self.wizard
        signed_in = self._staff is not None
        self.scan_button.setVisible(signed_in and not in_wizard)
        self.sync_button.setVisible(signed_in and not in_wizard)
        self.refund_button.setVisible(signed_in and not in_wizard)
        # Staff accounts: supervisors manage them; technicians add cashiers and technicians.
        manages = self._staff is not None and self._staff.role in (
            Role.SUPERVISOR,
            Role.TECHNICIAN,
        )
        self.staff_button.setVisible(manages and not in_wizard)
        self.tech_button.setVisible(not in_wizard)
        self.signout_button.setVisible(signed_in and not in_wizard)
        # Signed in, the bar holds the staff and status chips and up to seven buttons: the
        # title gives way so that it all fits a 1024 px screen.
        self.title.setVisible(not signed_in)

    def set_staff(self, staff: Staff | None) -> None:
        self._staff = staff
        if staff is None:
            self.staff.set_state(self.tr("Nobody signed in"), "warn")
        else:
            self.staff.set_state(staff.name or staff.staff_id, "good")
        current = self.stack.currentWidget()
        if current is not None:
            self.show_screen(current)

    def show_status(self, status: dict[str, Any]) -> None:
        self._status = dict(status)
        if not status:
            for chip in (self.online, self.pending, self.last_sync):
                chip.hide()
            return
        for chip in (self.online, self.pending, self.last_sync):
            chip.show()
        online = status.get("online")
        if online is None:
            self.online.set_state(self.tr("Not synced yet"), "warn")
        else:
            self.online.set_state(
                self.tr("Online") if online else self.tr("Offline"), "good" if online else "bad"
            )
        pending = int(status.get("pending") or 0)
        self.pending.set_state(
            self.tr("%1 to send").replace("%1", str(pending)), "warn" if pending else "good"
        )
        self.last_sync.set_state(
            self.tr("Synced %1").replace("%1", clock_time(status.get("last_sync")))
        )
