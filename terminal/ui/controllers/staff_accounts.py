"""Staff accounts at the counter: a supervisor or technician, as the one signed in, lists,
adds, disables or re-enables accounts and resets PINs; anyone changes their own PIN."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal

from terminal.counter.results import Role
from terminal.sentences import Text
from terminal.ui.controllers.core_lane import CoreLane, refusal_of


class StaffAccounts(CoreLane):
    """The staff screen's calls to the core; results as ``staff_accounts`` / ``staff_saved``."""

    staff_accounts = Signal(list)  # [Account], for the staff screen
    staff_saved = Signal(str, str)  # action (add, disable, enable, pin), staff id

    def load_staff(self) -> None:
        """Every account, for the staff screen."""
        actor = self.staff
        if actor is not None:
            self._call(lambda s: s.staff_accounts(actor), self.staff_accounts.emit)

    def add_staff(self, staff_id: str, name: str, role: Role, pin: str) -> None:
        """A new account, added by the one signed in (the core's staff rules decide)."""
        actor = self.staff
        self._call(
            lambda s: s.add_staff(actor, staff_id, name, role, pin),
            lambda added: self.staff_saved.emit("add", added.staff_id),
        )

    def set_staff_enabled(self, staff_id: str, enabled: bool) -> None:
        """Disable an account (it can no longer sign in) or enable it again."""
        actor = self.staff
        if actor is not None:
            self._call(
                lambda s: s.set_staff_enabled(actor, staff_id, enabled),
                lambda account: self.staff_saved.emit(
                    "enable" if enabled else "disable", account.staff_id
                ),
            )

    def reset_staff_pin(self, staff_id: str, pin: str) -> None:
        """Give another account a new PIN."""
        actor = self.staff
        if actor is not None:
            self._call(
                lambda s: s.reset_staff_pin(actor, staff_id, pin),
                lambda account: self.staff_saved.emit("pin", account.staff_id),
            )

    def change_own_pin(
        self, current_pin: str, new_pin: str, on_failed: Callable[[str, str | Text], None]
    ) -> None:
        """The signed-in person changes their PIN with their current one (the lockout applies);
        ``on_failed(reason, sentence)``."""
        actor = self.staff
        if actor is None:
            return
        self._run(
            lambda: self._need().change_own_pin(actor.staff_id, current_pin, new_pin),
            lambda _staff: self.staff_saved.emit("own_pin", actor.staff_id),
            lambda error: on_failed(*refusal_of(error)),
        )
