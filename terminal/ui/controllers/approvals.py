"""Choosing a reward, the supervisor override, and the technician sign-in dialog.

An offline redemption over the cashier's daily cap is not the end: a supervisor's ID and PIN
approve it and the same redemption is tried again with the override. The core's preflight
has run every other check first (the controller's ``approval_needed``), so an approval is not
followed by a refusal for another reason; a cashier's refund is checked the same way before
the supervisor is asked. Each dialog names the action, the member and the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject

from terminal.counter.redeem import RewardChoice, spendable_now
from terminal.counter.results import Role, Staff
from terminal.sentences import Text
from terminal.ui.controllers.counter import CounterController
from terminal.ui.operation_texts import redeem_approval, refund_approval
from terminal.ui.reward_texts import none_offered
from terminal.ui.sound import Sound
from terminal.ui.texts import reason_sentence
from terminal.ui.views.dialogs import DiscountDialog, OverrideDialog, RewardDialog
from terminal.ui.views.main_window import MainWindow


class Approvals(QObject):
    """Owns the dialogs of the member screen and the technician button."""

    def __init__(
        self,
        window: MainWindow,
        counter: CounterController,
        sound: Sound,
        parent: QObject | None = None,
        language: Callable[[], str] = lambda: "en",
    ) -> None:
        super().__init__(parent)
        self.language = language  # the screen's language now: a reward's name follows it
        self.window = window
        self.counter = counter
        self.sound = sound
        self.pending_redeem: tuple[str, Decimal | None] | None = None
        self.override: OverrideDialog | None = None
        self.reward_dialog: RewardDialog | None = None
        self.discount_dialog: DiscountDialog | None = None
        self.technician_dialog: OverrideDialog | None = None
        self.refund_dialog: OverrideDialog | None = None
        self.pin_dialog: OverrideDialog | None = None
        counter.approval_needed.connect(self.approve_redeem)

    # -- rewards -------------------------------------------------------------------------

    def choose_reward(self, choice: RewardChoice) -> None:
        """Show the rewards offered here today; the choice is redeemed."""
        view = self.counter.member
        if view is None:
            return
        if not choice.offered:
            # An empty catalog wants a sync; a full one offering nothing here today does not.
            self.window.banner.show_message(
                "refused",
                none_offered
                if choice.in_catalog
                else lambda: self.tr("No rewards are available yet. Sync the terminal."),
            )
            self.sound.refused()
            return
        dialog = RewardDialog(
            self.window,
            choice.offered,
            spendable_now(view),
            lambda: self.language() == "zh_CN",
            offline=not choice.online,
        )
        dialog.chosen.connect(self._redeem)
        dialog.finished.connect(lambda _result: self._reward_dialog_closed(dialog))
        dialog.open()
        self.reward_dialog = dialog

    def _reward_dialog_closed(self, dialog: RewardDialog) -> None:
        if self.reward_dialog is dialog:
            self.reward_dialog = None
        dialog.deleteLater()

    def rewards_changed(self, choice: RewardChoice) -> None:
        """A sync brought a new catalog: an open reward choice shows the new one."""
        dialog = self.reward_dialog
        if dialog is None or not dialog.isVisible():
            return
        dialog.reject()
        self.choose_reward(choice)

    def link_changed(self, online: bool) -> None:
        """The backend went away or came back: an open reward choice's stocked rewards follow."""
        dialog = self.reward_dialog
        if dialog is not None and dialog.offline == online:
            dialog.set_offline(not online)

    # -- points as cash --------------------------------------------------------------------

    def ask_amount(self) -> None:
        """Points as cash with no amount typed: say what is missing instead of nothing."""
        self.window.banner.show_message(
            "refused",
            lambda: self.tr("Type the purchase amount first: points as cash pay part of it."),
        )
        self.sound.refused()

    def confirm_discount(self, preview: Any) -> None:
        """The points, the money they pay and what is left, before anything is spent."""
        view = self.counter.member
        if view is None:
            return
        dialog = DiscountDialog(
            self.window,
            (preview.points, preview.amount, preview.sale_amount, preview.to_pay),
            (preview.limit, preview.limit_figure),
        )
        sale, points, code = preview.sale_amount, preview.points, view.code_id

        def confirmed() -> None:
            member = self.counter.member
            if member is not None and member.code_id == code:  # still the same member
                self.counter.discount(sale, points)

        dialog.confirmed.connect(confirmed)
        dialog.finished.connect(lambda _result: self._discount_dialog_closed(dialog))
        # Another member, or none: the figures were not theirs.
        self.counter.member_cleared.connect(dialog.reject)
        self.counter.member_shown.connect(dialog.reject)
        dialog.open()
        self.discount_dialog = dialog

    def _discount_dialog_closed(self, dialog: DiscountDialog) -> None:
        if self.discount_dialog is dialog:
            self.discount_dialog = None
        dialog.deleteLater()

    def _redeem(self, reward_id: str, cash: Decimal | None) -> None:
        self.pending_redeem = (reward_id, cash)
        self.counter.redeem(reward_id, cash)

    # -- the override --------------------------------------------------------------------

    def refused(self, _reason: str, _message: str | Text) -> bool:
        """A refusal arrived: nothing waits for approval any more (False: show the banner).

        A redemption that only needs an override arrives as ``approval_needed`` instead.
        """
        self.pending_redeem = None
        return False

    def approve_redeem(self, check: Any, view: Any) -> None:
        """Only a supervisor's override is missing: ask for one, naming what it approves."""
        if self.override is not None:
            return
        self.pending_redeem = (check.reward_id, check.cash or None)
        self._ask_override(redeem_approval(check, view.member))

    def done(self) -> None:
        """An operation succeeded: nothing waits for approval any more."""
        self.pending_redeem = None

    def _ask_override(self, why: str) -> None:
        dialog = OverrideDialog(self.window, why)
        dialog.submitted.connect(self._check_override)
        dialog.rejected.connect(self._override_closed)
        dialog.open()
        self.override = dialog

    def _check_override(self, staff_id: str, pin: str) -> None:
        def done(staff: Staff | None, reason: str, message: str | Text) -> None:
            dialog = self.override
            if dialog is None:
                return
            if staff is None:
                dialog.refused(reason_sentence(reason, message))
                return
            self.override = None
            dialog.accept()
            dialog.deleteLater()
            if self.pending_redeem is not None:
                reward_id, cash = self.pending_redeem
                # Cleared first: a refusal even with the override must not ask again.
                self.pending_redeem = None
                self.counter.redeem(reward_id, cash, override=staff)

        self.counter.check_role(staff_id, pin, Role.SUPERVISOR, done)

    def _override_closed(self) -> None:
        if self.override is not None:
            self.override.deleteLater()
        self.override = None
        self.pending_redeem = None
        self.window.banner.show_message(
            "refused", lambda: self.tr("Not approved: nothing was redeemed.")
        )

    # -- refunds -------------------------------------------------------------------------

    def approve_refund(self, event_id: str, amount: str) -> None:
        """A cashier's refund: checked first (a refusal shows at once), then a supervisor
        approves the refund the dialog describes, and it is recorded as theirs."""

        def checked(plan: Any) -> None:
            self.ask_supervisor_for_refund(
                lambda supervisor: self.counter.refund(event_id, amount, supervisor),
                refund_approval(plan),
            )

        self.counter.refund_preflight(event_id, amount, checked)

    def ask_supervisor_for_refund(self, then: Callable[[Staff], None], what: str = "") -> None:
        """A supervisor's ID and PIN, then ``then(supervisor)``; anyone else is told no."""
        why = self.tr("A refund needs a supervisor's approval.")
        dialog = OverrideDialog(self.window, f"{what}\n{why}" if what else why)

        def check(staff_id: str, pin: str) -> None:
            def done(staff: Staff | None, reason: str, message: str | Text) -> None:
                if staff is None:
                    dialog.refused(reason_sentence(reason, message))
                    return
                self.refund_dialog = None
                dialog.accept()
                then(staff)

            self.counter.check_role(staff_id, pin, Role.SUPERVISOR, done)

        def closed() -> None:
            self.refund_dialog = None
            self.window.banner.show_message(
                "refused", lambda: self.tr("Not approved: nothing was refunded.")
            )

        dialog.submitted.connect(check)
        dialog.rejected.connect(closed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.refund_dialog = dialog

    # -- one's own PIN -------------------------------------------------------------------

    def confirm_own_pin(self, new_pin: str) -> None:
        """Ask the signed-in person's current PIN, then change it to ``new_pin``."""
        staff = self.counter.staff
        if staff is None:
            return
        dialog = OverrideDialog(
            self.window, self.tr("A new PIN needs your current one."), role="self"
        )
        dialog.fix_staff(staff.staff_id)

        def check(_staff_id: str, current: str) -> None:
            def failed(reason: str, message: str | Text) -> None:
                dialog.refused(reason_sentence(reason, message))

            self.counter.change_own_pin(current, new_pin, failed)

        def saved(action: str, _staff_id: str) -> None:
            if action == "own_pin" and dialog.isVisible():
                dialog.accept()

        dialog.submitted.connect(check)
        self.counter.staff_saved.connect(saved)
        dialog.finished.connect(lambda _r: self._pin_dialog_closed(saved))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.pin_dialog = dialog

    def _pin_dialog_closed(self, saved: Callable[[str, str], None]) -> None:
        self.counter.staff_saved.disconnect(saved)
        self.pin_dialog = None

    # -- technician ----------------------------------------------------------------------

    def ask_technician(self, then: Callable[[Staff], None]) -> None:
        """A technician's ID and PIN, then ``then(technician)``; anyone else is told no."""
        dialog = OverrideDialog(
            self.window, self.tr("Diagnostics and set-up need a technician sign-in."), "technician"
        )

        def check(staff_id: str, pin: str) -> None:
            def done(staff: Staff | None, reason: str, message: str | Text) -> None:
                if staff is None:
                    dialog.refused(reason_sentence(reason, message))
                else:
                    dialog.accept()
                    then(staff)

            self.counter.check_role(staff_id, pin, Role.TECHNICIAN, done)

        dialog.submitted.connect(check)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.technician_dialog = dialog
