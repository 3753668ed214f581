"""The sync screen: what waits to be sent, what the backend rejected and why, the clock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from terminal.sentences import Text
from terminal.ui.failure_texts import sync_failure
from terminal.ui.texts import arg, clock_time, operation_name, reason_sentence
from terminal.ui.views.style import CHIP_PX
from terminal.ui.views.widgets import Chip, Translatable, button, label


class SyncScreen(Translatable):
    """Emits ``sync_now`` and ``back``."""

    sync_now = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.names = {
            key: label() for key in ("online", "pending", "rejected", "last_sync", "clock")
        }
        self.values = {key: Chip() for key in self.names}
        # The last round's outcome lives here, not in the banner: a round every 15 s must
        # neither interrupt the cashier nor overwrite a refusal they have not read yet.
        round_name, round_value = label(), Chip()
        round_value.setWordWrap(True)
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        for row, key in enumerate(self.names):
            grid.addWidget(self.names[key], row, 0)
            grid.addWidget(self.values[key], row, 1)
        grid.setColumnStretch(2, 1)
        # Its own row, full width and two lines high whatever it says: a longer sentence
        # after the next round must not push the lists and buttons below.
        chip_font = QFont(round_value.font())
        chip_font.setPixelSize(CHIP_PX)
        round_value.setFixedHeight(2 * QFontMetrics(chip_font).lineSpacing() + 12)
        self.names["round"], self.values["round"] = round_name, round_value
        round_row = QHBoxLayout()
        round_row.addWidget(round_name)
        round_row.addWidget(round_value, 1)
        self.pending_title = label()
        self.pending_table = QTableWidget(0, 4)
        self.pending_table.verticalHeader().hide()
        self.pending_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pending_table.horizontalHeader().setStretchLastSection(True)
        self.rejected_title = label()
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.sync_button = button(role="primary")
        self.back_button = button()
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 20, 30, 20)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addLayout(round_row)
        tables = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.pending_title)
        left.addWidget(self.pending_table, 1)
        right.addWidget(self.rejected_title)
        right.addWidget(self.table, 1)
        tables.addLayout(left, 2)
        tables.addLayout(right, 3)
        layout.addSpacing(10)
        layout.addLayout(tables, 1)
        layout.addLayout(buttons)
        self.sync_button.clicked.connect(self.sync_now)
        self.back_button.clicked.connect(self.back)
        self.status: dict[str, Any] = {}
        self.rows: list[Any] = []
        self.pending: list[Any] = []
        self.syncing = False
        self.round: tuple[str, tuple[Any, ...]] = ("", ())
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sync"))
        self.names["online"].setText(self.tr("Loyalty server"))
        self.names["pending"].setText(self.tr("Waiting to send"))
        self.names["rejected"].setText(self.tr("Rejected by the server"))
        self.names["last_sync"].setText(self.tr("Last sync"))
        self.names["clock"].setText(self.tr("Terminal clock"))
        self.names["round"].setText(self.tr("Last round"))
        self.rejected_title.setText(self.tr("Rejected events (reconciliation)"))
        self.pending_title.setText(self.tr("Waiting to send"))
        self.pending_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Member"), self.tr("Operation"), self.tr("Points")]
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Event"), self.tr("Member"), self.tr("Operation"), self.tr("Reason")]
        )
        self.back_button.setText(self.tr("Back"))
        self.set_syncing(self.syncing)
        self._paint_round()
        self.show_status(self.status)
        self.show_rejected(self.rows)
        self.show_pending(self.pending)

    def set_syncing(self, syncing: bool) -> None:
        self.syncing = syncing
        self.sync_button.setEnabled(not syncing)
        self.sync_button.setText(self.tr("Syncing…") if syncing else self.tr("Retry sync now"))

    def show_round_done(self, pushed: int, accepted: int, rejected: int, pending: int) -> None:
        """What the last sync round did."""
        self.round = ("done", (pushed, accepted, rejected, pending))
        self._paint_round()

    def show_round_failed(self, reason: str, message: str | Text, cause: str = "") -> None:
        """Why the last sync round failed (``cause``: unreachable, bad_reply, or the backend's
        refusal code; see terminal/ui/failure_texts.py)."""
        self.round = ("failed", (reason, message, cause))
        self._paint_round()

    def _paint_round(self) -> None:
        """The last round in the current language (kept as figures, not as a sentence)."""
        kind, values = self.round
        chip = self.values["round"]
        if kind == "done":
            text = arg(
                self.tr("Sync done: %1 sent, %2 accepted, %3 rejected, %4 still waiting."), *values
            )
            chip.set_state(text, "bad" if values[2] else "good")
        elif kind == "failed":
            reason, message, cause = values
            sentence = sync_failure(str(reason), message, str(cause))
            chip.set_state(arg(self.tr("Sync failed; events stay queued. %1"), sentence), "bad")
        else:
            chip.set_state("—")

    def show_status(self, status: dict[str, Any]) -> None:
        self.status = dict(status)
        if not status:
            for key, chip in self.values.items():
                if key != "round":
                    chip.set_state("—")
            return
        online = status.get("online")
        if online is None:
            self.values["online"].set_state(self.tr("not tried yet"), "warn")
        else:
            self.values["online"].set_state(
                self.tr("online") if online else self.tr("offline"), "good" if online else "bad"
            )
        pending = int(status.get("pending") or 0)
        self.values["pending"].set_state(str(pending), "warn" if pending else "good")
        rejected = int(status.get("rejected") or 0)
        self.values["rejected"].set_state(str(rejected), "bad" if rejected else "good")
        self.values["last_sync"].set_state(clock_time(status.get("last_sync")))
        offset = status.get("clock_offset_seconds")
        if offset is None or (not offset and not status.get("last_sync")):
            self.values["clock"].set_state(self.tr("not checked yet"))
        elif abs(float(offset)) > 60:
            self.values["clock"].set_state(
                self.tr("off by %1 s: check the time settings").replace(
                    "%1", f"{float(offset):+.0f}"
                ),
                "bad",
            )
        else:
            self.values["clock"].set_state(
                self.tr("correct (%1 s)").replace("%1", f"{float(offset):+.1f}"), "good"
            )

    def show_rejected(self, rows: list[Any]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(self._cells(row)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for column in range(3):
            self.table.resizeColumnToContents(column)

    def show_pending(self, events: list[Any]) -> None:
        """Events still to send: time, member, operation, points."""
        self.pending = list(events)
        self.pending_table.setRowCount(len(self.pending))
        for r, event in enumerate(self.pending):
            cells = [
                clock_time(event.local_time_ms / 1000),
                event.member,
                operation_name(event.kind),
                f"{event.points:+,}" if event.points else "",
            ]
            for c, text in enumerate(cells):
                self.pending_table.setItem(r, c, QTableWidgetItem(text))
        for column in range(3):
            self.pending_table.resizeColumnToContents(column)

    def _cells(self, row: Any) -> list[str]:
        """Event, member, operation and reason of a reconciliation item (or a plain dict)."""
        event = getattr(row, "event", None)
        if event is not None:
            values = [event.id, event.member, event.kind, row.reason]
        else:
            values = [row.get("event_id") or row.get("id"), row.get("member"), row.get("kind")]
            values.append(row.get("reason"))
        reason = str(values[3] or "")
        # The backend gives a code, possibly with a detail after a colon ("malformed: ...").
        code = reason.split(":", 1)[0]
        cells = [str(v or "") for v in values[:3]]
        cells[2] = operation_name(cells[2])
        return [*cells, reason_sentence(code, reason)]
