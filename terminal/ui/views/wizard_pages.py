"""The set-up wizard's first pages laid out (enrol, devices, test scan, test sync) and its
device choices; ``ProvisionWizard`` (views/wizard.py) adds navigation, texts and the staff step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from terminal.ui.views.widgets import Chip, button, label


def _result_label() -> QLabel:
    result = label()
    result.setMinimumHeight(36)
    return result


def _set_result(target: QLabel, ok: bool | None, text: str) -> None:
    colour = {True: "#1b7f3b", False: "#b3261e", None: "#1f4e79"}[ok]
    target.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 20px;")
    target.setText(text)


class WizardPages:
    """The pages' widgets, built into ``self.pages`` (a part of ``ProvisionWizard``)."""

    if TYPE_CHECKING:  # ProvisionWizard's own, which these pages are part of
        pages: QStackedWidget
        language_chosen: SignalInstance
        test_camera: SignalInstance
        test_serial: SignalInstance
        test_sync: SignalInstance

        def _enrol(self) -> None: ...

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

    def show_frame(self, frame: Any) -> None:
        if frame is None:
            return
        import cv2  # here, not at the top: OpenCV adds a quarter second to start-up

        small = cv2.resize(frame, (320, 180), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        image = QImage(rgb.data, 320, 180, rgb.strides[0], QImage.Format.Format_RGB888)
        self.camera_preview.setPixmap(QPixmap.fromImage(image.copy()))
