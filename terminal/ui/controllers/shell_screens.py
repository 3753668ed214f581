"""The shell's answers to the counter: who signed in, the member or order on screen, refusals and
saved operations, each with its banner and sound (a part of ``Shell``, controllers/shell.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from terminal.counter.orders import OrderState
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.sentences import Text
from terminal.ui.controllers.shell_parts import ShellParts
from terminal.ui.texts import arg, join, reason_sentence, result_sentence


class CounterScreens(ShellParts):
    """What the counter controller says, shown: screens, banners and sounds."""

    def _staff_changed(self, staff: Staff | None) -> None:
        self.window.set_staff(staff)
        if staff is None:
            self.technician = None
            self.window.show_screen(self.window.signin)
            self.window.signin.reset()
            self.window.banner.hide()
            return
        if staff.role is Role.TECHNICIAN:
            self._show_technician(staff)
        else:
            self.window.show_screen(self.window.scan)
        who = staff.name or staff.staff_id
        self.window.banner.show_message(
            "info", lambda: arg(QCoreApplication.translate("Shell", "Signed in: %1"), who), 4
        )

    def _member_shown(self, view: MemberView) -> None:
        self.idle.poke()  # verifying may have taken a moment: the full time from the screen
        self.window.member.show_member(view)
        self.window.member.clear_amount()
        self.window.show_screen(self.window.member)
        self.window.banner.show_message(
            "ok",
            lambda: arg(
                QCoreApplication.translate("Shell", "Code accepted: member %1."), view.member
            ),
        )
        self.sound.accepted()

    def _pickup_shown(
        self, view: MemberView, state: OrderState, handed: dict[str, int] | None
    ) -> None:
        self.window.pickup.show_order(view, state, handed)
        self.window.show_screen(self.window.pickup)
        if handed is not None:
            return  # after a handover: op_done says what was saved
        colour = self.window.pickup.banner()[0]  # green only when something is left
        # A function, so the line follows a language switch.
        self.window.banner.show_message(colour, lambda: self.window.pickup.banner()[1])
        if colour == "ok":
            self.sound.accepted()
        else:
            self.sound.refused()

    def till_waiting(self, waiting: list[dict[str, Any]]) -> None:
        """A till opened a sale without the member's code: ask for it on the scan screen."""
        self.window.scan.show_till_waiting(waiting)
        if waiting and self.window.current_screen() in (
            self.window.scan,
            self.window.member,
            self.window.pickup,
            self.window.till_sale,
        ):
            # The till rings up the next customer: the last one's screen is done with.
            self.window.show_screen(self.window.scan)

    def _member_cleared(self) -> None:
        if self.window.current_screen() in (self.window.member, self.window.pickup):
            self.window.show_screen(self.window.scan)

    def _refused(self, reason: str, message: str | Text) -> None:
        if self.approvals.refused(reason, message):
            return  # a supervisor is asked to approve
        self.window.banner.show_message("refused", lambda: reason_sentence(reason, message))
        self.sound.refused()

    def _op_done(self, result: OpResult) -> None:
        self.approvals.done()
        member = self.counter.member
        available = member.available_points if member is not None else None

        def text() -> str:
            said = result_sentence(result)
            if available is not None and result.kind in ("award", "redeem", "checkin"):
                said = join(
                    said,
                    arg(
                        QCoreApplication.translate("Shell", "Points available now: %1."),
                        f"{available:,}",
                    ),
                )
            return said

        self.window.banner.show_message("ok", text)
        self.sound.accepted()
        # Committed: the status bar counts it with the card showing it (in this same slot),
        # and the worker is woken to send it now rather than at the next interval.
        self.sync.note_committed()
        self.sync.sync_now()
        if result.kind == "pickup":
            return  # the pickup screen now shows what went and what remains
        if result.kind in ("refund", "void"):
            self.window.refund.clear()
            self.counter.load_operations(self.window.refund.shown_day)
        if self.counter.member is not None:
            self.window.member.show_member(self.counter.member)
        self.window.member.clear_amount()
