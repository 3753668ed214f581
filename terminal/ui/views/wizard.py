"""The first-run set-up wizard a technician follows alone: enrol, devices, test scan, test sync.

Each page says what to do in one sentence and shows the result of its test in place; the
technician can always go back. The wizard only lays out; the provisioning controller acts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from terminal.ui.views.staff import role_name
from terminal.ui.views.widgets import Chip, Translatable, button, label, source_state

PAGES = ("enrol", "devices", "scan", "sync", "staff")


def _result_label() -> QLabel:
    result = label()
    result.setMinimumHeight(36)
    return result


def _set_result(target: QLabel, ok: bool | None, text: str) -> None:
    colour = {True: "#1b7f3b", False: "#b3261e", None: "#1f4e79"}[ok]
    target.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 20px;")
    target.setText(text)


class ProvisionWizard(Translatable):
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

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        self.pages.addWidget(page)
        return page, layout

    def _build_enrol(self) -> None:
        _, layout = self._page()
        self.enrol_hint = label(role="hint")
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData())
        )
        self.language_label = label()
        self.url_label = label()
        self.url = QLineEdit()
        self.code_label = label()
        self.code = QLineEdit()
        self.enrol_button = button(role="primary")
        self.enrol_result = _result_label()
        form = QGridLayout()
        form.setVerticalSpacing(12)
        form.addWidget(self.language_label, 0, 0)
        form.addWidget(self.language, 0, 1)
        form.addWidget(self.url_label, 1, 0)
        form.addWidget(self.url, 1, 1)
        form.addWidget(self.code_label, 2, 0)
        form.addWidget(self.code, 2, 1)
        form.setColumnStretch(1, 1)
        layout.addWidget(self.enrol_hint)
        layout.addLayout(form)
        layout.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.enrol_result)
        layout.addStretch(1)
        self.enrol_button.clicked.connect(self._enrol)

    def _build_devices(self) -> None:
        _, layout = self._page()
        self.devices_hint = label(role="hint")
        self.camera_label = label()
        self.camera = QComboBox()
        self.camera.setEditable(True)
        self.camera_test = button(role="primary")
        self.camera_result = _result_label()
        self.camera_preview = QLabel()
        self.camera_preview.setFixedSize(320, 180)
        self.camera_preview.setStyleSheet("background: #1d252c; border-radius: 8px;")
        self.serial_label = label()
        self.serial = QComboBox()
        self.serial.setEditable(True)
        self.serial_test = button(role="primary")
        self.serial_result = _result_label()
        grid = QGridLayout()
        grid.setVerticalSpacing(10)
        grid.addWidget(self.camera_label, 0, 0)
        grid.addWidget(self.camera, 0, 1)
        grid.addWidget(self.camera_test, 0, 2)
        grid.addWidget(self.camera_result, 1, 1, 1, 2)
        # Aligned, so that its fixed width does not cap the column the fields stretch in.
        grid.addWidget(self.camera_preview, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.serial_label, 3, 0)
        grid.addWidget(self.serial, 3, 1)
        grid.addWidget(self.serial_test, 3, 2)
        grid.addWidget(self.serial_result, 4, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(self.devices_hint)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.camera_test.clicked.connect(lambda: self.test_camera.emit(self.camera_source()))
        self.serial_test.clicked.connect(lambda: self.test_serial.emit(self.serial_port()))

    def _build_scan(self) -> None:
        _, layout = self._page()
        self.scan_hint = label(role="hint")
        # Waiting, or where the last scan came from: the technician tests each scanner in
        # turn and must see which one answered.
        self.scan_state = label()
        self.scan_state.setStyleSheet("font-size: 24px; font-weight: bold;")
        self.scan_state.setWordWrap(True)
        self.scan_result = _result_label()
        self.scan_result.setWordWrap(True)
        # Which scanners are listening: a test scan can only come from one that is ready.
        self.source_names = {"camera": label(), "serial": label(), "wedge": label()}
        self.source_chips = {kind: Chip() for kind in self.source_names}
        self._source_states = {kind: "off" for kind in self.source_names}
        # A keyboard-wedge scanner cannot be detected until it types: the app listens for it.
        self._source_states["wedge"] = "listening"
        sources = QGridLayout()
        sources.setVerticalSpacing(6)
        for row, kind in enumerate(self.source_names):
            sources.addWidget(self.source_names[kind], row, 0)
            sources.addWidget(self.source_chips[kind], row, 1)
        sources.setColumnStretch(2, 1)
        layout.addWidget(self.scan_hint)
        layout.addLayout(sources)
        layout.addSpacing(20)
        layout.addWidget(self.scan_state)
        layout.addWidget(self.scan_result)
        layout.addStretch(1)
        self.scan_source: str | None = None  # None: waiting for the first test scan

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

    def _build_sync(self) -> None:
        _, layout = self._page()
        self.sync_hint = label(role="hint")
        self.sync_button = button(role="primary")
        self.sync_result = _result_label()
        self.sync_result.setWordWrap(True)
        layout.addWidget(self.sync_hint)
        layout.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.sync_result)
        layout.addStretch(1)
        self.sync_button.clicked.connect(self.test_sync)

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

    def camera_source(self) -> str:
        text = self.camera.currentText().strip()
        data = self.camera.currentData()
        return (
            str(data)
            if data is not None and self.camera.itemText(self.camera.currentIndex()) == text
            else text
        )

    def serial_port(self) -> str:
        text = self.serial.currentText().strip()
        data = self.serial.currentData()
        return (
            str(data)
            if data is not None and self.serial.itemText(self.serial.currentIndex()) == text
            else text
        )

    def set_choices(self, cameras: list[tuple[str, str]], ports: list[tuple[str, str]]) -> None:
        """(label, value) pairs; an empty value means "none"."""
        for combo, items in ((self.camera, cameras), (self.serial, ports)):
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
        self._name_no_device()

    def _name_no_device(self) -> None:
        # The "none" choice is ours to name, in today's language (the list came from a worker
        # thread, and the language may change after it).
        for combo, text in (
            (self.camera, QCoreApplication.translate("ProvisionController", "No camera")),
            (self.serial, QCoreApplication.translate("ProvisionController", "No serial scanner")),
        ):
            index = combo.findData("")
            if index >= 0:
                combo.setItemText(index, text)

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

    def show_frame(self, frame: Any) -> None:
        if frame is None:
            return
        import cv2  # here, not at the top: OpenCV adds a quarter second to start-up

        small = cv2.resize(frame, (320, 180), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        image = QImage(rgb.data, 320, 180, rgb.strides[0], QImage.Format.Format_RGB888)
        self.camera_preview.setPixmap(QPixmap.fromImage(image.copy()))
