"""The demo's receipt printer: a file the app prints to over ESC/POS, read back and shown.

The counter app prints to ``[printer] port`` exactly as it would to ``/dev/usb/lp0`` (a
printer device file, written as it is); this window reads what arrives, takes the bytes
apart the way a printer does (``ESC @`` reset, ``FS &`` ... ``FS .`` GB18030 lines, feed,
cut) and shows each receipt as the paper would read. Nothing here lays a receipt out: what
shows is what a real printer would have printed, in the language the app printed it in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

INIT, CHINESE_ON, CHINESE_OFF = b"\x1b@", b"\x1c&", b"\x1c."
FEED, CUT = b"\x1bd", b"\x1dV\x00"
MAX_RECEIPT = 64 * 1024  # bytes without a cut: not a receipt, the rest is dropped
POLL_MS = 250


class NotAReceipt(ValueError):
    """The printer got bytes that are not the ESC/POS our receipts use."""


def receipt_lines(data: bytes) -> list[str]:
    """The lines one receipt (``ESC @`` ... cut) prints; NotAReceipt for anything else."""
    if not data.startswith(INIT):
        raise NotAReceipt("the receipt does not start by resetting the printer")
    i, out, line = len(INIT), [], ""
    while i < len(data):
        if data.startswith(CHINESE_ON, i):
            end = data.find(CHINESE_OFF, i)
            if end < 0:
                raise NotAReceipt("Chinese mode is never closed")
            line += data[i + len(CHINESE_ON) : end].decode("gb18030", errors="replace")
            i = end + len(CHINESE_OFF)
        elif data.startswith(FEED, i):
            i += len(FEED) + 1  # ESC d n: its one byte of lines to feed
        elif data.startswith(CUT, i):
            i += len(CUT)
        elif data[i] == 0x0A:
            out.append(line)
            line, i = "", i + 1
        elif 0x20 <= data[i] < 0x7F:
            line += chr(data[i])
            i += 1
        else:
            raise NotAReceipt(f"an unexpected byte 0x{data[i]:02x}")
    return out


class PaperRoll:
    """What has come out of the printer file so far, receipt by receipt (cut to cut)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offset = 0
        self._pending = b""

    def new_receipts(self) -> list[list[str] | None]:
        """Each receipt printed since the last call: its lines, or None when unreadable."""
        try:
            with self.path.open("rb") as file:
                file.seek(self._offset)
                data = file.read(MAX_RECEIPT)
        except OSError:
            return []
        self._offset += len(data)
        self._pending += data
        found: list[list[str] | None] = []
        while (cut := self._pending.find(CUT)) >= 0:
            chunk, self._pending = self._pending[: cut + len(CUT)], self._pending[cut + len(CUT) :]
            try:
                found.append(receipt_lines(chunk))
            except NotAReceipt:
                found.append(None)
        if len(self._pending) > MAX_RECEIPT:
            self._pending = b""
            found.append(None)
        return found


def fixed_family() -> str:
    """The system's fixed-pitch font, where the CJK one is not installed."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


class ReceiptView(QWidget):
    """The paper coming out of the demo's printer; ``printed`` on each new receipt."""

    printed = Signal()

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.roll = PaperRoll(path)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-size: 13px; color: #444;")
        self.paper = QPlainTextEdit()
        self.paper.setReadOnly(True)
        self.paper.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # A Chinese character is two columns on the paper: Noto Sans Mono CJK draws it exactly
        # two Latin characters wide, so the right column stays straight in both languages.
        font = QFont("Noto Sans Mono CJK SC")
        font.setFamilies(["Noto Sans Mono CJK SC", fixed_family()])
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setFixedPitch(True)
        font.setPixelSize(14)  # even, so a Chinese character is exactly two Latin ones
        self.paper.setFont(font)
        # Paper is white whatever the theme; 32 columns is a 58 mm roll. The font is set here
        # too: the app's style sheet would otherwise win over setFont.
        self.paper.setStyleSheet(
            "background: #fffef8; color: #111; border: 1px solid #ccc; font-size: 14px;"
            f' font-family: "{font.families()[0]}", "{fixed_family()}", monospace;'
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.paper, 1)
        self.receipts: list[list[str]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.read_printer)
        self._timer.start()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The hint in the current language; printed receipts stay as printed, as paper does."""
        self.hint.setText(
            self.tr(
                "The counter's receipt printer (demo): each receipt as it comes out of the"
                " printer, in the language the counter printed it in."
            )
        )
        if not self.receipts:
            self.paper.setPlaceholderText(self.tr("No receipt yet: award points at the counter."))

    def read_printer(self) -> None:
        """Show what the printer received since the last look."""
        new = self.roll.new_receipts()
        top = self.paper.blockCount()
        for lines in new:
            if lines is None:
                self.paper.appendPlainText(self.tr("(the printer received something unreadable)"))
                continue
            self.receipts.append(lines)
            self.paper.appendPlainText("\n".join(lines).rstrip("\n"))
            self.paper.appendPlainText("- " * 16 + "\n")  # the cut
        if new:
            # The newest receipt's top in view (a plain text edit scrolls by lines).
            self.paper.verticalScrollBar().setValue(top if self.paper.toPlainText() else 0)
            self.printed.emit()
