"""The scan screen: camera preview, scanner sources and the terminal's sync state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from terminal.ui.views.till import TillSaleNotice
from terminal.ui.views.widgets import Chip, Translatable, button, label, source_state

PREVIEW_W, PREVIEW_H = 560, 315


class ScanView(Translatable):
    """Shows what the camera sees and which sources are ready; emits typed codes."""

    code_entered = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #1d252c; color: #c5ccd4; border-radius: 12px;")
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.source_names: dict[str, QLabel] = {}
        self.source_chips: dict[str, Chip] = {}
        self._source_state: dict[str, str] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(10)
        for row, kind in enumerate(("camera", "serial", "wedge")):
            self.source_names[kind] = label()
            self.source_chips[kind] = Chip()
            grid.addWidget(self.source_names[kind], row, 0)
            grid.addWidget(self.source_chips[kind], row, 1, Qt.AlignmentFlag.AlignLeft)
        # The spare width goes to an empty column: each chip stays beside its name on a wide
        # screen instead of drifting to the far side.
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(24)
        self.manual_label = label(role="hint")
        self.manual = QLineEdit()
        self.manual_go = button(role="primary")
        manual_row = QHBoxLayout()
        manual_row.addWidget(self.manual, 1)
        manual_row.addWidget(self.manual_go)
        # The till's sale that waits for this scan (fixed height: nothing moves when it shows).
        self.till_notice = TillSaleNotice()
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.hint)
        right.addWidget(self.till_notice)
        right.addSpacing(16)
        right.addLayout(grid)
        right.addStretch(1)
        right.addWidget(self.manual_label)
        right.addLayout(manual_row)
        card = QFrame()
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.preview)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(30, 24, 30, 24)
        columns.setSpacing(30)
        columns.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        columns.addLayout(right, 1)
        self.manual_go.clicked.connect(self._submit)
        self.manual.returnPressed.connect(self._submit)
        for kind in self.source_chips:
            self._source_state[kind] = "off"
        self._has_frame = False
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Scan the member's code"))
        self.hint.setText(
            self.tr(
                "Hold the phone under the camera, or use the hand scanner. Any screen accepts a scan."
            )
        )
        self.source_names["camera"].setText(self.tr("Camera"))
        self.source_names["serial"].setText(self.tr("Serial scanner"))
        self.source_names["wedge"].setText(self.tr("USB keyboard scanner"))
        self.manual_label.setText(self.tr("Or paste or type a code:"))
        self.manual.setPlaceholderText("LP1:…")
        self.manual_go.setText(self.tr("Verify"))
        if not self._has_frame:
            self.preview.setText(self.tr("No camera picture"))
        for kind, state in self._source_state.items():
            self._paint_source(kind, state)

    def set_source_state(self, kind: str, state: str) -> None:
        """``state``: open, starting, lost, error, off, ended or stopped."""
        if kind in self.source_chips:
            self._source_state[kind] = state
            self._paint_source(kind, state)

    def _paint_source(self, kind: str, state: str) -> None:
        self.source_chips[kind].set_state(*source_state(state))

    def show_frame(self, frame: Any) -> None:
        """Scale a BGR frame into the preview (cheap: resized before it becomes a QImage)."""
        if frame is None:
            return
        import cv2  # here, not at the top: OpenCV adds a quarter second to start-up

        h, w = frame.shape[:2]
        scale = min(PREVIEW_W / w, PREVIEW_H / h)
        small = cv2.resize(frame, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        image = QImage(
            rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888
        )
        self.preview.setPixmap(QPixmap.fromImage(image.copy()))
        self._has_frame = True

    def show_till_waiting(self, waiting: list[dict[str, Any]]) -> None:
        """The till sales that wait for the member's code (views/till.py)."""
        self.till_notice.show_waiting(waiting)

    def show_till_identified(self, sale: dict[str, Any]) -> None:
        """The till sale the last scan identified."""
        self.till_notice.show_identified(sale)

    def till_sale_changed(self, sale: dict[str, Any], view: object = None) -> None:
        """A till sale changed state (identified, confirmed, cancelled...)."""
        self.till_notice.sale_changed(sale, view)

    def _submit(self) -> None:
        text = self.manual.text().strip()
        if text:
            self.manual.clear()
            self.code_entered.emit(text)
