"""Receipts from the app: printed after each operation, the last one or any of today's again.

The receipt is laid out on the GUI thread in the UI's language (``receipt_words``) and sent
on a lane of its own, so a slow or absent printer never delays a scan or a camera. Printing
comes after the commit: a printer that fails gives a sentence and the operation stays done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from config.settings import load_settings
from terminal.counter.errors import CounterRefused
from terminal.counter.receipts import PrinterError, Receipt, escpos, render, send
from terminal.counter.results import OpResult
from terminal.ui.bridge import Bridge, Tasks
from terminal.ui.controllers.counter import CounterController
from terminal.ui.receipt_texts import receipt_words
from terminal.ui.texts import reason_sentence

if TYPE_CHECKING:
    from terminal.ui.controllers.shell import Shell

log = logging.getLogger(__name__)


class ReceiptController(QObject):
    """Emits ``printed(sentence)`` and ``failed(sentence)``; never raises into the GUI."""

    printed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        bridge: Bridge,
        tasks: Tasks,
        counter: CounterController,
        settings_path: Path,
        parent: QObject | None = None,
        language: Callable[[], str] = lambda: "en",
    ) -> None:
        super().__init__(parent)
        self._language = language  # the screen's: a reward's name on the receipt follows it
        self._core = tasks
        self._counter = counter
        self._settings_path = settings_path
        # One thread for the printer: a jammed one holds up nothing else.
        self._printer = Tasks(bridge, lanes=("print",))
        self.last: Receipt | None = None  # the last operation's receipt, as first printed

    def operation_done(self, result: OpResult) -> None:
        """Print a committed operation's receipt when a printer is set up."""
        if result.receipt_data is None:
            return
        self.last = result.receipt_data
        self._print(self.last, automatic=True)

    def reprint_last(self) -> None:
        """The last operation's receipt again, marked as a copy."""
        if self.last is None:
            self.failed.emit(self.tr("No receipt yet since the app started: pick the operation."))
            return
        self._print(self.last.as_copy(), automatic=False)

    def reprint(self, event_id: str) -> None:
        """A copy of one of this terminal's operations, laid out again from its event."""
        service = self._counter.service
        if not event_id:
            self.failed.emit(self.tr("Pick an operation first."))
            return
        if service is None:
            return
        self._core.run(
            lambda: service.receipt_copy(event_id),
            lambda receipt: self._print(receipt, automatic=False),
            self._refused,
        )

    def shutdown(self) -> None:
        """Finish the receipt being sent (each send times out on its own)."""
        self._printer.shutdown(wait=True)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, CounterRefused):
            self.failed.emit(reason_sentence(error.reason, error.message))
        else:
            log.error("cannot lay out the receipt", exc_info=error)
            self.failed.emit(self.tr("The receipt could not be prepared. Call a technician."))

    def _print(self, receipt: Receipt, *, automatic: bool) -> None:
        chinese = self._language() == "zh_CN"
        data = escpos(render(receipt, receipt_words(), chinese=chinese))
        path = self._settings_path

        def job() -> str:
            printer = load_settings(path).printer
            if printer.port:
                send(data, printer.port, printer.baud)
            return printer.port

        def done(port: str) -> None:
            if port:
                if not automatic:
                    self.printed.emit(self.tr("The receipt was printed again."))
            elif not automatic:
                self.failed.emit(
                    self.tr(
                        "No receipt printer is set up: a technician sets [printer] port in"
                        " settings.toml."
                    )
                )

        def failed(error: BaseException) -> None:
            self.failed.emit(self._sentence(error, automatic))

        self._printer.run(job, done, failed, lane="print")

    def _sentence(self, error: BaseException, automatic: bool) -> str:
        if isinstance(error, PrinterError) and error.reason == "printer_failed":
            text = self.tr("The receipt printer at %1 stopped printing.")
        elif isinstance(error, PrinterError):
            text = self.tr("The receipt printer at %1 cannot be reached: is it on and connected?")
        else:
            log.error("receipt printing failed", exc_info=error)
            text = self.tr("The receipt did not print: the printer settings cannot be read.")
        if isinstance(error, PrinterError):
            text = text.replace("%1", error.port)
        if automatic:
            # The cashier must not think the operation failed with the receipt.
            text += " " + self.tr("The operation is saved; reprint the receipt from Refund.")
        return text


def attach(shell: Shell) -> ReceiptController:
    """The shell's receipt printing: after each operation, and the refund screen's reprints."""
    window = shell.window
    receipts = ReceiptController(
        shell.bridge,
        shell.tasks,
        shell.counter,
        shell.paths.settings,
        shell,
        lambda: shell.translations.language,
    )
    shell.counter.op_done.connect(receipts.operation_done)
    window.refund.reprint_last.connect(receipts.reprint_last)
    window.refund.reprint_picked.connect(lambda: receipts.reprint(window.refund.chosen_id()))
    receipts.printed.connect(lambda text: window.banner.show_message("info", text))
    receipts.failed.connect(lambda text: window.banner.show_message("refused", text))
    return receipts
