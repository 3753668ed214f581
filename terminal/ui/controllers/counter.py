"""The counter controller: every cashier action goes to the core on the ``core`` lane.

The lane itself (opening the service, running calls on it, refusals and the busy count) is
controllers/core_lane.py; the staff screen's account calls are controllers/staff_accounts.py.
Results come back as signals; a refusal carries the core's reason code so the view can show
the sentence in the chosen language.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from terminal.counter.errors import CounterRefused, NotProvisioned
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.sentences import Text
from terminal.ui.bridge import Tasks
from terminal.ui.controllers.core_lane import ServiceFactory, refusal_of
from terminal.ui.controllers.staff_accounts import StaffAccounts

if TYPE_CHECKING:  # imported late at run time: opening the service opens files
    from terminal.counter.service import CounterService
    from terminal.till.serve import TillRunner

log = logging.getLogger(__name__)


def _scan(service: CounterService, text: str, context: str) -> tuple[MemberView, Any]:
    """Verify and claim a code; for a pickup order also its state (OrderState), for a coupon
    whether it was used (``CounterService.coupon_state``)."""
    view = service.scan(text, context)
    if view.purpose == "pickup":
        return view, service.order_state(view)
    if view.purpose == "coupon":
        return view, service.coupon_state(view)
    return view, None


class CounterController(StaffAccounts):
    """Opens the core, signs staff in and out, scans members and runs their operations."""

    opened = Signal()
    not_provisioned = Signal(str)
    open_failed = Signal(str, object)  # reason, Text
    staff_changed = Signal(object)  # Staff | None
    member_shown = Signal(object)  # MemberView
    member_updated = Signal(object)  # MemberView with the backend's live figures
    coupon_state = Signal(str)  # the coupon on screen: "", used_here or used_elsewhere
    # MemberView, OrderState, {sku: quantity} just handed over (None: a scan of the order)
    pickup_shown = Signal(object, object, object)
    # A redemption only a supervisor's override stands in the way of: RedeemCheck, MemberView
    approval_needed = Signal(object, object)
    discount_ready = Signal(object)  # DiscountPreview (terminal.counter.sales): to confirm
    member_cleared = Signal()
    op_done = Signal(object)  # OpResult with ok=True
    catalog_ready = Signal(object)  # RewardChoice (terminal.counter.redeem)
    catalog_reloaded = Signal(object)  # RewardChoice again, after a sync brought a new catalog
    reconciliation_ready = Signal(list)  # [ReconciliationItem]: what the backend rejected
    pending_ready = Signal(list)  # [Event] not yet answered by the backend, newest first
    operations_ready = Signal(object, list)  # day, [RefundState]: its awards and redemptions
    report_ready = Signal(dict)  # CounterService.report
    no_staff = Signal()  # the terminal has no staff account yet: nobody could sign in
    till_sale = Signal(dict)  # a till's sale the scan identified (terminal.till.sales)

    def __init__(self, tasks: Tasks, factory: ServiceFactory, parent: QObject | None = None):
        super().__init__(tasks, factory, parent)
        self.member: MemberView | None = None
        self.context = uuid.uuid4().hex
        # The till API on this core (terminal/ui/controllers/till.py sets it while serving).
        self.till: TillRunner | None = None

    # -- opening -------------------------------------------------------------------------

    def open(self) -> None:
        """Open the core in the background; emits opened, not_provisioned or open_failed."""
        self._run(self._factory, self._on_opened, self._on_open_error)

    def _on_opened(self, service: CounterService) -> None:
        self._service = service
        self.opened.emit()
        self._call(lambda s: s.staff_count(), self._counted_staff)

    def _counted_staff(self, accounts: int) -> None:
        if accounts == 0:
            self.no_staff.emit()

    def _on_open_error(self, error: BaseException) -> None:
        if isinstance(error, NotProvisioned):
            self.not_provisioned.emit(str(error))
        else:
            self.open_failed.emit(*refusal_of(error))

    def close(self) -> None:
        """Close the core on its own lane (queued after any operation still running)."""

        def close_current() -> None:
            service, self._service = self._service, None
            if service is not None:
                service.close()

        self._tasks.run(close_current)

    # -- staff ---------------------------------------------------------------------------

    def sign_in(self, staff_id: str, pin: str) -> None:
        """PIN sign-in."""
        self._call(lambda s: s.sign_in(staff_id, pin), self._signed_in)

    def sign_in_code(self, text: str) -> None:
        """Sign-in with a scanned staff credential, claimed in the current checkout."""
        context = self.context
        self._call(lambda s: s.sign_in_code(text, context), self._signed_in)

    def _signed_in(self, staff: Staff) -> None:
        self.staff = staff
        self.staff_changed.emit(staff)

    def sign_out(self) -> None:
        """Forget the staff member and any member on screen."""
        self.staff = None
        self.next_customer()
        self.staff_changed.emit(None)

    def check_role(
        self,
        staff_id: str,
        pin: str,
        role: Role,
        on_done: Callable[[Staff | None, str, str | Text], None],
    ) -> None:
        """Check a PIN for a supervisor override or a technician (the lockout applies);
        ``on_done(staff, reason, message)``."""

        def done(staff: Staff) -> None:
            if staff.role is role:
                on_done(staff, "", "")
            else:
                on_done(None, f"not_{role.value}", "")

        def failed(error: BaseException) -> None:
            on_done(None, *refusal_of(error))

        self._run(lambda: self._need().sign_in(staff_id, pin), done, failed)

    # -- scanning ------------------------------------------------------------------------

    def scan(self, text: str) -> None:
        """A code from any source: a staff sign-in before anyone is signed in, else a member.

        While a till's sale awaits its member, the code identifies that sale first.
        """
        if not self.is_open:
            return
        context = self.context
        if self.staff is None:
            self._call(lambda s: s.sign_in_code(text, context), self._signed_in)
            return
        runner = self.till
        if runner is not None:
            self._call(
                lambda _: runner.desk.scanned(text), lambda sale: self._till_scan(sale, text)
            )
            return
        self._call(lambda s: _scan(s, text, context), self._show_member)

    def _till_scan(self, sale: dict[str, Any] | None, text: str) -> None:
        if sale is not None:
            self.till_sale.emit(sale)  # the desk's change also tells what still waits
            return
        context = self.context  # no sale was waiting: the counter's own scan
        self._call(lambda s: _scan(s, text, context), self._show_member)

    def discount_preview(self, sale_amount: Decimal) -> None:
        """Points as cash on the member on screen, before anything is spent: the most the
        policy and balance allow (``discount_ready``), or the refusal that names why none."""
        view = self.member
        if view is not None and self.staff is not None:
            self._call(lambda s: s.discount_preview(view, sale_amount), self.discount_ready.emit)

    def discount(self, sale_amount: Decimal, points: int | None = None) -> None:
        """Spend ``points`` as cash (the confirmed preview's; None: the most allowed now)."""

        def spend(s: CounterService, view: MemberView, staff: Staff) -> OpResult:
            spent = s.largest_discount(view, sale_amount) if points is None else points
            return s.discount(view, spent, sale_amount, staff)  # 0 is refused with a sentence

        self._op(spend)

    def _show_member(self, found: tuple[MemberView, Any]) -> None:
        view, state = found
        if view.same_scan and (
            view.purpose == "staff"
            or (self.member is not None and self.member.code_id == view.code_id)
        ):
            # The core says this is the code already scanned in this checkout (a camera
            # still seeing it, or the staff code just used to sign in): nothing new to show.
            return
        self.member = view
        if view.purpose == "pickup":
            self.pickup_shown.emit(view, state, None)
            return
        self.member_shown.emit(view)
        self.coupon_state.emit(state or "")
        # Shown first from the code alone; the spend to the next tier follows if the backend
        # answers within its short online timeout.
        # Not a busy job: the cashier can go on meanwhile, and offline it simply does not come.
        self._tasks.run(
            lambda: self._need().with_live_figures(view),
            self._live_figures,
            lambda error: log.info("no live figures for the member: %s", error),
            lane="core",
        )

    def refigure(
        self, *, ask_backend: bool = False, then: Callable[[], None] | None = None
    ) -> bool:
        """The member on screen's figures again from the committed events (after a sync).

        ``ask_backend``: the backend's balance too (a round just reached it), so the card's
        balance, source and moment are the ledger's of now, not of the scan. ``then`` runs on
        the GUI thread right after the new figures are shown (or could not be had). False,
        and ``then`` not called, when no member is on screen.
        """
        view = self.member
        if view is None:
            return False

        def shown(new: MemberView) -> None:
            self._live_figures(new)
            if then is not None:
                then()

        def failed(error: BaseException) -> None:
            log.info("cannot refigure the member: %s", error)
            if then is not None:
                then()

        self._tasks.run(
            lambda: self._need().refigure(view, ask_backend=ask_backend), shown, failed, lane="core"
        )
        return True

    def _live_figures(self, view: MemberView) -> None:
        if self.member is not None and self.member.code_id == view.code_id:
            self.member = view
            self.member_updated.emit(view)

    def next_customer(self) -> None:
        """Close the member on screen; the next scan starts a new checkout context."""
        self.member = None
        self.context = uuid.uuid4().hex
        self.member_cleared.emit()

    # -- operations ----------------------------------------------------------------------

    def award(self, amount: Decimal) -> None:
        self._op(lambda s, v, st: s.award(v, amount, st))

    def redeem(
        self, reward_id: str, cash: Decimal | None = None, override: Staff | None = None
    ) -> None:
        """Redeem; without an override, ``approval_needed`` when only a supervisor is missing.

        The preflight runs every check first, so a supervisor is only fetched for the one
        check an override covers (the cashier's offline cap).
        """
        view, staff = self.member, self.staff
        if view is None or staff is None:
            return
        if override is not None:
            self._op(lambda s, v, st: s.redeem(v, reward_id, st, cash=cash, override=override))
            return

        def run(s: CounterService) -> tuple[Any, ...]:
            check = s.redeem_preflight(view, reward_id, staff, cash)
            if check.needs_override:
                return ("approve", check)
            try:
                result = s.redeem(view, reward_id, staff, cash=cash)
            except CounterRefused as refusal:
                if refusal.reason != "offline_cap":
                    raise
                # The backend stopped answering since the preflight: offline rules now.
                check = s.redeem_preflight(view, reward_id, staff, cash, offline=True)
                return ("approve", check)
            return ("done", result, s.refigure(view))

        def finished(outcome: tuple[Any, ...]) -> None:
            if outcome[0] == "approve":
                self.approval_needed.emit(outcome[1], view)
            else:
                self._op_with_view((outcome[1], outcome[2]))

        self._call(run, finished)

    def pickup(self, items: dict[str, int] | None = None) -> None:
        """Hand over ``items`` (None: all that is left); the order's state follows."""
        view, staff = self.member, self.staff
        if view is None or staff is None:
            return

        def run(s: CounterService) -> tuple[OpResult, Any]:
            result = s.pickup(view, staff, items)
            # Online, the backend's count of what is left (every counter's handovers) shows.
            left = result.details.get("remaining") if result.online else None
            return result, s.order_state(view, left)

        def finished(found: tuple[OpResult, Any]) -> None:
            result, state = found
            if self.member is not None and self.member.code_id == view.code_id:
                self.pickup_shown.emit(view, state, dict(result.details.get("items") or {}))
            self.op_done.emit(result)

        self._call(run, finished)

    def coupon(self) -> None:
        self._op(lambda s, v, st: s.coupon(v, st))

    def checkin(self) -> None:
        self._op(lambda s, v, st: s.checkin(v, st))

    def load_catalog(self) -> None:
        self._call(lambda s: s.reward_choice(), self.catalog_ready.emit)

    def reload_catalog(self) -> None:
        """Read the catalog again (a sync brought a new one); ``catalog_reloaded`` has it."""
        self._tasks.run(
            lambda: self._need().reward_choice(),
            self.catalog_reloaded.emit,
            lambda error: log.info("cannot reload the catalog: %s", error),
            lane="core",
        )

    def load_sync_lists(self) -> None:
        """For the sync screen: the rejected events with their reasons, and what waits."""
        self._tasks.run(
            lambda: list(self._need().reconciliation()),
            self.reconciliation_ready.emit,
            lambda error: log.info("reconciliation failed: %s", error),
            lane="core",
        )
        self._tasks.run(
            lambda: list(self._need().pending_events()),
            self.pending_ready.emit,
            lambda error: log.info("listing pending events failed: %s", error),
            lane="core",
        )

    def refund(self, event_id: str, amount: str, staff: Staff) -> None:
        """Refund an award (all, or ``amount`` of it) or reverse a redemption, as ``staff``."""
        self._call(lambda s: s.refund(event_id, staff, amount or None), self._op_finished)

    def load_operations(self, day: dt.date | None = None) -> None:
        """The day's awards and redemptions (no day: the terminal's today) for the refund
        screen, each with what was refunded of it."""
        self._call(
            lambda s: s.refundable_operations(day),
            lambda found: self.operations_ready.emit(*found),
        )

    def refund_preflight(self, event_id: str, amount: str, on_plan: Callable[[Any], None]) -> None:
        """Check a refund without recording it; ``on_plan(RefundPlan)``, or ``refused``."""
        self._call(lambda s: s.refund_preflight(event_id, amount or None), on_plan)

    def load_report(self, day: dt.date | None = None) -> None:
        """The end-of-day report of ``day`` (no day: the terminal's today)."""

        def report(s: CounterService) -> dict[str, Any]:
            return s.report(day or s.recent_operations()[0])

        self._call(report, self.report_ready.emit)

    def _op(self, call: Callable[[CounterService, MemberView, Staff], OpResult]) -> None:
        view, staff = self.member, self.staff
        if view is None or staff is None:
            return

        def run(s: CounterService) -> tuple[OpResult, MemberView]:
            result = call(s, view, staff)
            # The figures again from the committed events: one model, never added up here.
            return result, s.refigure(view)

        self._call(run, self._op_with_view)

    def _op_with_view(self, found: tuple[OpResult, MemberView]) -> None:
        result, view = found
        if self.member is not None and self.member.code_id == view.code_id:
            self.member = view
            if result.kind == "coupon":
                self.coupon_state.emit("used_here")
        self.op_done.emit(result)

    def _op_finished(self, result: OpResult) -> None:
        if not result.ok:
            self.refused.emit(result.reason or "refused", result.message)
            return
        self.op_done.emit(result)
