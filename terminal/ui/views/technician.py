"""Diagnostics for a technician: decoders and their timing, camera rate, the source log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QVBoxLayout

from terminal.ui.views.widgets import Chip, Translatable, button, label, source_state


class TechnicianScreen(Translatable):
    """Shows numbers the controller hands it; emits ``run_wizard`` and ``back``."""

    run_wizard = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        keys = ("decoders", "decode_ms", "fps", "frames", "serial", "sound", "data_dir")
        self.names = {k: label() for k in keys}
        self.values = {k: Chip() for k in keys}
        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        for row, key in enumerate(keys):
            grid.addWidget(self.names[key], row, 0)
            grid.addWidget(self.values[key], row, 1)
        grid.setColumnStretch(2, 1)
        self.log_title = label()
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.wizard_button = button(role="primary")
        self.back_button = button()
        buttons = QHBoxLayout()
        buttons.addWidget(self.wizard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 20, 30, 20)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.log_title)
        layout.addWidget(self.log, 1)
        layout.addLayout(buttons)
        self.wizard_button.clicked.connect(self.run_wizard)
        self.back_button.clicked.connect(self.back)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Diagnostics"))
        self.names["decoders"].setText(self.tr("QR decoders"))
        self.names["decode_ms"].setText(self.tr("Decode time per frame (median)"))
        self.names["fps"].setText(self.tr("Camera frame rate"))
        self.names["frames"].setText(self.tr("Frames captured / decoded / skipped"))
        self.names["serial"].setText(self.tr("Serial scanner"))
        self.names["sound"].setText(self.tr("Sound"))
        self.names["data_dir"].setText(self.tr("Data folder"))
        self.log_title.setText(self.tr("Scanner log"))
        self.wizard_button.setText(self.tr("Run the setup wizard again"))
        self.back_button.setText(self.tr("Back"))

    def show_stats(self, info: dict[str, Any]) -> None:
        """``info``: decoders (names), stats (CameraStats or None), frame (the newest camera
        frame or None), serial ((state, message)),
        sound, data_dir, log (LogLine list)."""
        self.values["decoders"].set_state(", ".join(info.get("decoders") or ()) or "—")
        stats = info.get("stats")
        if stats is None:
            for key in ("decode_ms", "fps", "frames"):
                self.values[key].set_state(self.tr("no camera running"), "warn")
        else:
            self.values["decode_ms"].set_state(f"{stats.decode_ms_median:.1f} ms")
            frame = info.get("frame")
            # The size the camera really delivers, which a driver may have changed.
            size = f", {frame.shape[1]}×{frame.shape[0]}" if frame is not None else ""
            self.values["fps"].set_state(f"{stats.capture_fps:.1f} fps{size}")
            self.values["frames"].set_state(f"{stats.captured} / {stats.decoded} / {stats.dropped}")
        serial_state, serial_message = info.get("serial") or ("off", "")
        text, chip = source_state(serial_state)
        self.values["serial"].set_state(f"{text} {serial_message}".strip(), chip)
        self.values["sound"].set_state(info.get("sound") or "—")
        self.values["data_dir"].set_state(str(info.get("data_dir") or "—"))
        lines = [
            f"{dt.datetime.fromtimestamp(line.t):%H:%M:%S} {line.source:<18} {line.text}"
            for line in info.get("log", [])
        ]
        text = "\n".join(lines[-200:])
        if self.log.toPlainText() != text:
            self.log.setPlainText(text)
            self.log.verticalScrollBar().setValue(self.log.verticalScrollBar().maximum())
