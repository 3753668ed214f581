"""The counter controller: every cashier action goes to the core on the ``core`` lane.

The core keeps SQLite connections bound to the thread that opened them, so the service is
opened, used and closed on that one lane. Results come back as signals; a refusal carries the
core's reason code so the view can show the sentence in the chosen language.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from config.errors import ConfigError
from sync.errors import StorageError
from terminal.counter.errors import CounterRefused, NotProvisioned
from terminal.counter.lockout import SignInLocked
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.sentences import Text
from terminal.ui.bridge import Tasks
from terminal.ui.texts import locked_sentence

if TYPE_CHECKING:  # imported late at run time: opening the service opens files
    from terminal.counter.service import CounterService
    from terminal.till.serve import TillRunner

log = logging.getLogger(__name__)

T = TypeVar("T")
ServiceFactory = Callable[[], "CounterService"]


def default_factory(data_dir: Path | None) -> ServiceFactory:
    """Open the real counter service for ``data_dir`` (imported late: it opens files)."""

    def factory() -> CounterService:
        from terminal.counter.service import CounterService

        return CounterService.open(data_dir)

    return factory


def refusal_of(error: BaseException) -> tuple[str, Text]:
    """(reason, the sentence as template and arguments) for anything the core raised; never a
    traceback. The view translates it (``texts.reason_sentence``).

    A lockout's sentence is built here, in the chosen language, because it carries the wait.
    """
    if isinstance(error, SignInLocked):
        return error.reason, Text(locked_sentence(error.retry_after))
    if isinstance(error, CounterRefused):
        return error.reason, error.text
    if isinstance(error, NotProvisioned):
        return "not_provisioned", Text(str(error))
    if isinstance(error, ConfigError):
        return "config", Text(str(error))
    if isinstance(error, StorageError):
        log.error("storage fault: %s", error)
        return error.kind, Text(error.advice)
    if isinstance(error, OSError):
        template = str(QT_TRANSLATE_NOOP("reasons", "The terminal cannot write its data (%1)."))
        return "storage", Text(template, (error.strerror or "",))
    log.error("counter operation failed", exc_info=error)
    internal = QT_TRANSLATE_NOOP(
        "reasons", "Something went wrong and nothing was saved. Call a technician."
    )
    return "internal", Text(str(internal))


def _scan(service: CounterService, text: str, context: str) -> tuple[MemberView, Any]:
    """Verify and claim a code; for a pickup order also its state (OrderState), for a coupon
    whether it was used (``CounterService.coupon_state``)."""
    view = service.scan(text, context)
    if view.purpose == "pickup":
        return view, service.order_state(view)
    if view.purpose == "coupon":
        return view, service.coupon_state(view)
    return view, None


class CounterController(QObject):
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
    refused = Signal(str, object)  # reason, Text (terminal.sentences): translated by the view
    op_done = Signal(object)  # OpResult with ok=True
    catalog_ready = Signal(list)
    catalog_reloaded = Signal(list)  # the catalog again, after a sync brought a new one
    reconciliation_ready = Signal(list)  # [ReconciliationItem]: what the backend rejected
    pending_ready = Signal(list)  # [Event] not yet answered by the backend, newest first
    operations_ready = Signal(object, list)  # day, [RefundState]: its awards and redemptions
    report_ready = Signal(dict)  # CounterService.report
    busy_changed = Signal(bool)
    no_staff = Signal()  # the terminal has no staff account yet: nobody could sign in
    staff_accounts = Signal(list)  # [Account], for the staff screen
    staff_saved = Signal(str, str)  # action (add, disable, enable, pin), staff id
    till_sale = Signal(dict)  # a till's sale the scan identified (terminal.till.sales)

    def __init__(self, tasks: Tasks, factory: ServiceFactory, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks = tasks
        self._factory = factory
        self._service: CounterService | None = None
        self.staff: Staff | None = None
        self.member: MemberView | None = None
        self.context = uuid.uuid4().hex
        self._busy = 0
        # The till API on this core (terminal/ui/controllers/till.py sets it while serving).
        self.till: TillRunner | None = None

    @property
    def service(self) -> CounterService | None:
        """The open service (only touch it from the core lane)."""
        return self._service

    @property
    def is_open(self) -> bool:
        return self._service is not None

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

    # -- staff accounts (a supervisor or technician, as the one signed in) ---------------

    def load_staff(self) -> None:
        """Every account, for the staff screen."""
        actor = self.staff
        if actor is not None:
            self._call(lambda s: s.staff_accounts(actor), self.staff_accounts.emit)

    def add_staff(self, staff_id: str, name: str, role: Role, pin: str) -> None:
        actor = self.staff
        self._call(
            lambda s: s.add_staff(actor, staff_id, name, role, pin),
            lambda added: self.staff_saved.emit("add", added.staff_id),
        )

    def set_staff_enabled(self, staff_id: str, enabled: bool) -> None:
        actor = self.staff
        if actor is not None:
            self._call(
                lambda s: s.set_staff_enabled(actor, staff_id, enabled),
                lambda account: self.staff_saved.emit(
                    "enable" if enabled else "disable", account.staff_id
                ),
            )

    def reset_staff_pin(self, staff_id: str, pin: str) -> None:
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
        self._call(lambda s: list(s.catalog()), self.catalog_ready.emit)

    def reload_catalog(self) -> None:
        """Read the catalog again (a sync brought a new one); ``catalog_reloaded`` has it."""
        self._tasks.run(
            lambda: list(self._need().catalog()),
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

    # -- plumbing ------------------------------------------------------------------------

    def _need(self) -> CounterService:
        if self._service is None:
            raise NotProvisioned("the counter is not open")
        return self._service

    def _call(self, fn: Callable[[CounterService], T], on_done: Callable[[T], None]) -> None:
        self._run(lambda: fn(self._need()), on_done, self._refused)

    def _refused(self, error: BaseException) -> None:
        self.refused.emit(*refusal_of(error))

    def _run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._set_busy(+1)

        def done(result: Any) -> None:
            self._set_busy(-1)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(-1)
            on_error(error)

        self._tasks.run(fn, done, failed, lane="core")

    def _set_busy(self, delta: int) -> None:
        was = self._busy > 0
        self._busy += delta
        if (self._busy > 0) != was:
            self.busy_changed.emit(self._busy > 0)
