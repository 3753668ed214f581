"""The shell's side of sync: each turn of the worker fanned out to the sync screen, the status
bar and the member on screen (a part of ``Shell``, controllers/shell.py)."""

from __future__ import annotations

from sync.worker import SyncChange
from terminal.sentences import Text
from terminal.ui.controllers.shell_parts import ShellParts
from terminal.ui.controllers.sync import status_of
from terminal.ui.failure_texts import sync_failure


class SyncFanOut(ShellParts):
    """One turn of the sync worker, shown on every screen it concerns."""

    def _sync_changed(self, change: SyncChange) -> None:
        """Fan one turn of the sync worker out to every screen it concerns."""
        status = status_of(change, self.sync.last_sync)
        self.window.sync.show_status(status)
        on_sync_screen = self.window.current_screen() is self.window.sync
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
        if reason.startswith("storage") and self.window.current_screen() in (
            self.window.technician,
            self.window.wizard,
        ):
            # The technician must see the storage sentence where they are working.
            self.window.banner.show_message("refused", lambda: sync_failure(reason, message, cause))
        self.window.sync.show_round_failed(reason, message, cause)
