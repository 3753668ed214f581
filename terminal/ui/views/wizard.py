"""The first-run set-up wizard a technician follows alone: enrol, devices, test scan, test sync.

Each page says what to do in one sentence and shows the result of its test in place; the
technician can always go back. The wizard only lays out; the provisioning controller acts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
)

from terminal.ui.views.staff import role_name
from terminal.ui.views.widgets import Translatable, button, label, source_state
from terminal.ui.views.wizard_pages import WizardPages, _result_label, _set_result

PAGES = ("enrol", "devices", "scan", "sync", "staff")


class ProvisionWizard(WizardPages, Translatable):
    """Five pages with Back / Next; emits what the technician asked for."""

    language_chosen = Signal(str)
    enrol = Signal(str, str)  # backend URL, enrolment code
    test_camera = Signal(str)
    test_serial = Signal(str)
    devices_chosen = Signal(str, str)  # camera source, serial port
    test_sync = Signal()
    create_staff = Signal(str, str, str, str)  # staff id, name, PIN, role
    page_shown = Signal(str)  # a name of PAGES
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.heading = label(role="title")
        self.step = label(role="hint")
        self.pages = QStackedWidget()
        self._build_enrol()
        self._build_devices()
        self._build_scan()
        self._build_sync()
        self._build_staff()
        self.back_button = button()
        self.next_button = button(role="go")
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 4, 32, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(nav)
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(self._next)
        self.enrolled = False
        # Finish only once the terminal has an enabled supervisor: without one nobody could
        # approve refunds or add staff, and the first sign-in would lock everyone out.
        self.has_supervisor = False
        self._accounts: list[Any] = []
        self.results: dict[str, tuple[bool | None, str]] = {}
        self.retranslate()
        self.go(0)

    # -- pages ---------------------------------------------------------------------------

    def wait_for_scan(self) -> None:
        """The page's first state: nothing scanned yet, and what to do."""
        self.scan_source = None
        self.scan_result.clear()
        self._paint_scan_state()

    def put_code(self, text: str) -> None:
        """A scanned enrolment code into its field (the enrol page)."""
        self.code.setText(text)

    def scan_received(self, source: str) -> None:
        """A scan came from ``source`` (camera, serial, wedge or typed); its result follows."""
        self.scan_source = source
        self.scan_result.clear()
        self._paint_scan_state()

    def set_source_state(self, kind: str, state: str) -> None:
        """``state`` of the camera or serial scanner, as the scan screen shows it."""
        if kind in self.source_chips:
            self._source_states[kind] = state
            self.source_chips[kind].set_state(*source_state(state))

    def _paint_scan_state(self) -> None:
        sources = {
            "camera": self.tr("Received from the camera."),
            "serial": self.tr("Received from the serial scanner."),
            "wedge": self.tr("Received from the USB keyboard scanner."),
            "typed": self.tr("Received as typed text."),
        }
        if self.scan_source is None:
            self.scan_state.setText(self.tr("Waiting for a test scan…"))
        else:
            self.scan_state.setText(sources.get(self.scan_source, sources["typed"]))

    def _build_staff(self) -> None:
        _, layout = self._page()
        self.staff_hint = label(role="hint")
        self.staff_id_label, self.staff_name_label, self.staff_pin_label = label(), label(), label()
        self.staff_repeat_label, self.staff_role_label = label(), label()
        self.staff_role = QComboBox()
        self.staff_id, self.staff_name, self.staff_pin = QLineEdit(), QLineEdit(), QLineEdit()
        self.staff_repeat = QLineEdit()
        for pin in (self.staff_pin, self.staff_repeat):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
            pin.setMaxLength(12)
        self.staff_button = button(role="primary")
        self.staff_result = _result_label()
        self.staff_result.setWordWrap(True)
        self.staff_accounts = label(role="hint")
        grid = QGridLayout()
        grid.setVerticalSpacing(10)
        # The PIN and its repetition share a row: the page must fit 1024x768 with the banner.
        rows = (
            ((self.staff_id_label, self.staff_id), (self.staff_name_label, self.staff_name)),
            ((self.staff_pin_label, self.staff_pin), (self.staff_repeat_label, self.staff_repeat)),
            ((self.staff_role_label, self.staff_role),),
        )
        for row, pairs in enumerate(rows):
            for column, (name, field) in enumerate(pairs):
                grid.addWidget(name, row, column * 2)
                grid.addWidget(field, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(self.staff_hint)
        layout.addLayout(grid)
        layout.addWidget(self.staff_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.staff_result)
        layout.addWidget(self.staff_accounts)
        layout.addStretch(1)
        self.staff_button.clicked.connect(self._create_staff)

    def _create_staff(self) -> None:
        staff_id, pin = self.staff_id.text().strip(), self.staff_pin.text().strip()
        if not staff_id:
            self.staff_id.setFocus()
            return
        if pin != self.staff_repeat.text().strip():
            _set_result(self.staff_result, False, self.tr("The two PINs differ. Type them again."))
            self.staff_repeat.clear()
            self.staff_repeat.setFocus()
            return
        # A PIN never stays in a field once it was handed over.
        self.staff_pin.clear()
        self.staff_repeat.clear()
        self.create_staff.emit(
            staff_id,
            self.staff_name.text().strip() or staff_id,
            pin,
            str(self.staff_role.currentData()),
        )

    def set_staff_state(self, has_supervisor: bool, accounts: list[Any]) -> None:
        """What the staff database holds: Finish waits for an enabled supervisor."""
        self.has_supervisor = has_supervisor
        self._accounts = list(accounts)
        self._paint_accounts()
        self._paint_nav()

    def _paint_accounts(self) -> None:
        accounts = self._accounts
        if not accounts:
            self.staff_accounts.setText(self.tr("No staff account on this terminal yet."))
            return
        names = ", ".join(f"{a.staff_id} ({role_name(a.role.value)})" for a in accounts)
        self.staff_accounts.setText(self.tr("Accounts on this terminal: %1").replace("%1", names))

    # -- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._name_no_device()
        self.enrol_hint.setText(
            self.tr(
                "Ask the loyalty office for this store's enrolment code. Scan it, or type it with the backend address."
            )
        )
        self.language_label.setText(self.tr("Language"))
        self.url_label.setText(self.tr("Backend address"))
        self.url.setPlaceholderText("https://loyalty.example.com")
        self.code_label.setText(self.tr("Enrolment code"))
        self.enrol_button.setText(self.tr("Enrol this terminal"))
        self.devices_hint.setText(
            self.tr(
                "Choose the camera and the serial scanner, then test each. Leave a field empty if the store has none."
            )
        )
        self.camera_label.setText(self.tr("Camera"))
        self.camera_test.setText(self.tr("Test camera"))
        self.serial_label.setText(self.tr("Serial scanner port"))
        self.serial_test.setText(self.tr("Test scanner"))
        self.scan_hint.setText(
            self.tr(
                "Open a member code in the loyalty app and hold it under the camera, then scan"
                " it with the serial or USB keyboard scanner. Each scan is only checked, nothing"
                " is recorded."
            )
        )
        self._paint_scan_state()
        self.source_names["camera"].setText(self.tr("Camera"))
        self.source_names["serial"].setText(self.tr("Serial scanner"))
        self.source_names["wedge"].setText(self.tr("USB keyboard scanner"))
        for kind, state in self._source_states.items():
            self.source_chips[kind].set_state(*source_state(state))
        self.sync_hint.setText(self.tr("Check that this terminal can reach the loyalty server."))
        self.sync_button.setText(self.tr("Test sync"))
        self.staff_hint.setText(
            self.tr(
                "Create the store supervisor's account (Finish needs one), and a technician"
                " account for yourself if you will come back. Supervisors add the other staff"
                " later."
            )
        )
        self.staff_id_label.setText(self.tr("Staff ID"))
        self.staff_name_label.setText(self.tr("Name"))
        self.staff_pin_label.setText(self.tr("PIN (6 to 12 digits)"))
        self.staff_repeat_label.setText(self.tr("PIN again"))
        self.staff_role_label.setText(self.tr("Role"))
        role = self.staff_role.currentIndex()
        self.staff_role.clear()
        self.staff_role.addItem(self.tr("Supervisor"), "supervisor")
        self.staff_role.addItem(self.tr("Technician"), "technician")
        self.staff_role.setCurrentIndex(max(0, role))
        self.staff_button.setText(self.tr("Create account"))
        self.back_button.setText(self.tr("Back"))
        self._paint_accounts()
        self._paint_nav()

    def _paint_nav(self) -> None:
        index = self.pages.currentIndex()
        titles = (
            self.tr("Set up: enrol the terminal"),
            self.tr("Set up: camera and scanner"),
            self.tr("Set up: test scan"),
            self.tr("Set up: test sync"),
            self.tr("Set up: first supervisor"),
        )
        self.heading.setText(titles[index])
        self.step.setText(
            self.tr("Step %1 of %2").replace("%1", str(index + 1)).replace("%2", str(len(PAGES)))
        )
        last = index == len(PAGES) - 1
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(
            (self.enrolled or index > 0) and (not last or self.has_supervisor)
        )

    # -- navigation and results ----------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Show ``language`` as chosen without announcing it again."""
        index = self.language.findData(language)
        if index >= 0:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    @property
    def page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def go(self, index: int) -> None:
        index = max(0, min(len(PAGES) - 1, index))
        self.pages.setCurrentIndex(index)
        self._paint_nav()
        self.page_shown.emit(PAGES[index])

    def _next(self) -> None:
        if self.page == "devices":
            self.devices_chosen.emit(self.camera_source(), self.serial_port())
        if self.page == PAGES[-1]:
            if self.has_supervisor:
                self.finished.emit()
        else:
            self.go(self.pages.currentIndex() + 1)

    def _enrol(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()
        if not url:
            self.url.setFocus()
        elif not code:
            self.code.setFocus()
        else:
            self.enrol_button.setEnabled(False)
            self.enrol.emit(url, code)

    def set_enrolled(self, ok: bool, text: str) -> None:
        self.enrolled = self.enrolled or ok
        self.enrol_button.setEnabled(not self.enrolled)
        _set_result(self.enrol_result, ok, text)
        self._paint_nav()

    def set_result(self, which: str, ok: bool | None, text: str) -> None:
        """``which``: camera, serial, scan, sync or staff."""
        target = {
            "camera": self.camera_result,
            "serial": self.serial_result,
            "scan": self.scan_result,
            "sync": self.sync_result,
            "staff": self.staff_result,
        }[which]
        _set_result(target, ok, text)
