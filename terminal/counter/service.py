"""The counter facade the Qt app and the CLI call: one object, one terminal, one thread."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from crypto.code import Purpose
from protocol.events import Event
from sync.outbox import local_day
from sync.worker import SyncWorker
from terminal.counter import (
    earn,
    handover,
    manual,
    member,
    orders,
    receipts,
    redeem,
    refunds,
    report,
    sales,
    staff_online,
    visits,
)
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount
from terminal.counter.orders import OrderState
from terminal.counter.redeem import RedeemCheck, RewardChoice
from terminal.counter.refunds import RefundPlan, RefundState
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.counter.sales import DiscountPreview
from terminal.counter.staff import Account, require
from terminal.sync_setup import worker_files


class CounterService:
    """Every counter operation; each returns an OpResult or raises CounterRefused."""

    def __init__(self, ctx: CounterContext) -> None:
        self.ctx = ctx
        self._stamps = self._download_stamps()

    @classmethod
    def open(
        cls, data_dir: str | Path | None, *, clock: Callable[[], float] = time.time
    ) -> CounterService:
        """Open a provisioned terminal's data dir (NotProvisioned when it is not)."""
        return cls(CounterContext.open(data_dir, clock=clock))

    @staticmethod
    def new_checkout() -> str:
        """A checkout id: the same code scanned again within it is the same scan."""
        return uuid.uuid4().hex

    def scan(self, text: str, context: str, purpose: Purpose | None = None) -> MemberView:
        self.take_up_downloads()
        return member.scan(self.ctx, text, context=context, purpose=purpose)

    def take_up_downloads(self) -> bool:
        """Read the trust bundle and policy again if a sync changed them on disk.

        A sync in another thread or process may have brought new keys, revocations, rules or
        rewards: every scan starts from what is on disk, so nobody has to reopen the core.
        """
        stamps = self._download_stamps()
        if stamps == self._stamps:
            return False
        self._stamps = stamps
        self.ctx.reload_trust()
        return True

    def _download_stamps(self) -> tuple[object, ...]:
        """The trust bundle's file time and size, and the downloaded documents' versions."""
        try:
            info = self.ctx.paths.trust_bundle.stat()
            bundle: tuple[float, int] = (info.st_mtime, info.st_size)
        except OSError:
            bundle = (0.0, 0)
        state = self.ctx.state
        return (bundle, state.version("policy"), state.version("catalog"))

    def with_live_figures(self, view: MemberView) -> MemberView:
        """The view with the spend to the next tier, when the backend answers in time.

        Not on the scan path: the app calls it in a worker after showing the offline view.
        """
        return member.with_live_figures(self.ctx, view)

    def refigure(self, view: MemberView, *, ask_backend: bool = False) -> MemberView:
        """The view's figures again from this terminal's events (after an operation or sync).

        ``ask_backend``: and the backend's balance again, when it answers in time (after a
        sync round, the balance that holds what the round sent).
        """
        view = member.refigure(self.ctx, view)
        return member.with_live_figures(self.ctx, view) if ask_backend else view

    def member_report(self, text: str) -> dict[str, Any]:
        """A scan (a new checkout, as the app's) with the balance model and recent operations.

        The JSON of ``loyalty-terminal member``: docs/counter.md names every field.
        """
        return self.report_of(self.with_live_figures(self.scan(text, self.new_checkout())))

    def member_report_manual(self, member_id: str, totp: str) -> dict[str, Any]:
        """As ``member_report``, for a member identified by number and manual code (online)."""
        view = manual.identify(self.ctx, member_id, totp, self.new_checkout())
        return self.report_of(self.with_live_figures(view))

    def report_of(self, view: MemberView) -> dict[str, Any]:
        """The balance model and the member's recent operations here, as one JSON object."""
        recent = self.ctx.outbox.by_member(view.member)[-10:]
        return {
            "member": view.member,
            "tier": view.tier,
            "online": view.balance_source == "backend",
            **view.figures(),
            "pending_operations": view.pending_operations,
            "recent": [
                {
                    "event": stored.event.id,
                    "kind": stored.event.kind,
                    "points": stored.event.points,
                    "at": stored.event.local_time_ms / 1000,
                    "status": stored.status.value,
                }
                for stored in reversed(recent)
            ],
        }

    def award(
        self,
        view: MemberView,
        amount: Decimal | str,
        staff: Staff,
        *,
        sale_ref: str | None = None,
        till: str | None = None,
    ) -> OpResult:
        return earn.award(self.ctx, view, amount, staff, sale_ref=sale_ref, till=till)

    def discount(
        self, view: MemberView, points: int, sale_amount: Decimal | str, staff: Staff
    ) -> OpResult:
        """Points as cash on a sale of ``sale_amount`` (the policy's rate and caps)."""
        return sales.discount(self.ctx, view, points, sale_amount, staff)

    def discount_preview(self, view: MemberView, sale_amount: Decimal | str) -> DiscountPreview:
        """Points as cash before confirming: the points, the money they pay, what remains."""
        return sales.preview_discount(self.ctx, view, sale_amount)

    def largest_discount(self, view: MemberView, sale_amount: Decimal | str) -> int:
        """The most points the member may spend as cash on a sale of ``sale_amount``."""
        sale = decimal_amount(sale_amount, self.ctx.policy.max_purchase)
        return sales.largest_discount(self.ctx, view, sale)

    def till_listen(self) -> str:
        """``[till] listen`` of this terminal's settings: where the till API is served, or ""."""
        return self.ctx.settings.till.listen or ""

    def identify_manual(self, member_id: str, totp: str, checkout: str) -> MemberView:
        """The member's view after identification by number and manual code (online only)."""
        return manual.identify(self.ctx, member_id, totp, checkout)

    def redeem(
        self,
        view: MemberView,
        reward_id: str,
        staff: Staff,
        cash: Decimal | str | None = None,
        override: Staff | None = None,
    ) -> OpResult:
        return redeem.redeem(self.ctx, view, reward_id, staff, cash=cash, override=override)

    def redeem_preflight(
        self,
        view: MemberView,
        reward_id: str,
        staff: Staff,
        cash: Decimal | str | None = None,
        *,
        offline: bool | None = None,
    ) -> RedeemCheck:
        """Every check of ``redeem`` without recording; whether a supervisor must approve."""
        return redeem.preflight(self.ctx, view, reward_id, staff, cash=cash, offline=offline)

    def pickup(
        self, view: MemberView, staff: Staff, items: dict[str, int] | None = None
    ) -> OpResult:
        return handover.pickup(self.ctx, view, staff, items)

    def pickup_remaining(self, view: MemberView) -> dict[str, int]:
        return handover.remaining(self.ctx, view)

    def order_state(
        self, view: MemberView, remaining: Mapping[str, int] | None = None
    ) -> OrderState:
        """A pickup order's items, this terminal's handovers and the backend's status
        (``remaining``: what an online handover's answer said is left at every counter)."""
        return orders.order_state(self.ctx, view, remaining)

    def coupon(self, view: MemberView, staff: Staff) -> OpResult:
        return visits.coupon(self.ctx, view, staff)

    def coupon_state(self, view: MemberView) -> str | None:
        """Whether the code's coupon was used: ``used_here``, ``used_elsewhere`` or None."""
        return visits.coupon_state(self.ctx, view)

    def checkin(self, view: MemberView, staff: Staff) -> OpResult:
        return visits.checkin(self.ctx, view, staff)

    def refund(self, event_id: str, staff: Staff, amount: Decimal | str | None = None) -> OpResult:
        return refunds.refund(self.ctx, event_id, staff, amount)

    def refund_preflight(self, event_id: str, amount: Decimal | str | None = None) -> RefundPlan:
        """Every check of ``refund`` without recording: what a supervisor would approve."""
        return refunds.preflight(self.ctx, event_id, amount)

    def refundable_operations(
        self, day: dt.date | None = None
    ) -> tuple[dt.date, list[RefundState]]:
        """The day's awards and redemptions, oldest first, with what was refunded of each."""
        day, events = self.recent_operations(day)
        outbox = self.ctx.outbox
        return day, [
            refunds.refund_state(outbox, e) for e in events if e.kind in ("award", "redeem")
        ]

    def catalog(self) -> list[dict[str, Any]]:
        """Every catalog entry, wherever and whenever offered (names for receipts and sales)."""
        return self.ctx.state.catalog()

    def rewards_offered(self) -> list[dict[str, Any]]:
        """The catalog entries this store offers today: what the reward choice shows."""
        return redeem.offered_here_today(self.ctx)

    def reward_choice(self) -> RewardChoice:
        """What the reward dialog shows: the rewards offered, the catalog's size, the link."""
        return redeem.reward_choice(self.ctx)

    def sign_in(self, staff_id: str, pin: str) -> Staff:
        return self.ctx.staff.sign_in(staff_id, pin)

    # -- staff accounts (the rules are in terminal.counter.staff_rules) --------------------

    def staff_count(self) -> int:
        """Accounts on this terminal (0: nobody can sign in yet)."""
        return self.ctx.staff.count()

    def staff_accounts(self, actor: Staff) -> list[Account]:
        """Every staff account, for a supervisor or technician."""
        require(actor, "staff")
        return self.ctx.staff.accounts()

    def add_staff(
        self, actor: Staff | None, staff_id: str, name: str, role: Role, pin: str
    ) -> Staff:
        """Add an account as ``actor`` (None: the very first account, at set-up)."""
        return self.ctx.staff.add(actor, staff_id, name, role, pin)

    def set_staff_enabled(self, actor: Staff, staff_id: str, enabled: bool) -> Account:
        return self.ctx.staff.set_enabled(actor, staff_id, enabled)

    def reset_staff_pin(self, actor: Staff, staff_id: str, new_pin: str) -> Account:
        return self.ctx.staff.reset_pin(actor, staff_id, new_pin)

    def change_own_pin(self, staff_id: str, current_pin: str, new_pin: str) -> Staff:
        """The holder's new PIN: kept by the office (online only) when staff come from it."""
        if not self.ctx.staff.from_office:
            return self.ctx.staff.change_own_pin(staff_id, current_pin, new_pin)
        return staff_online.change_own_pin(self.ctx, staff_id, current_pin, new_pin)

    def sign_in_code(self, text: str, context: str | None = None) -> Staff:
        """Sign in with a staff code: an issuer-signed staff credential on a staff's phone.

        ``context`` is the app's checkout: the same staff code seen again in it is the same
        scan, not a second use.
        """
        view = self.scan(text, context=context or self.new_checkout(), purpose=Purpose.STAFF)
        document = view.document or {}
        body = document.get("body", {})
        try:
            role = Role(body.get("role", "cashier"))
        except ValueError:
            raise CounterRefused(
                "bad_staff_code", "This staff code names an unknown role."
            ) from None
        return Staff(str(document.get("id", view.member)), str(body.get("name", view.member)), role)

    def recent_operations(self, day: dt.date | None = None) -> tuple[dt.date, list[Event]]:
        """The day's operations at this terminal, oldest first (no day: today by its clock)."""
        day = day or local_day(self.ctx.clock())
        return day, [stored.event for stored in self.ctx.outbox.by_day(day)]

    def receipt_copy(self, event_id: str) -> receipts.Receipt:
        """A copy of an operation's receipt, laid out again from its stored event."""
        stored = self.ctx.outbox.get(event_id)
        if stored is None:
            raise CounterRefused("unknown_event", "No operation %1 at this terminal.", event_id)
        event = stored.event
        names = {a.staff_id: a.name for a in self.ctx.staff.accounts()}
        staff = names.get(event.staff or "", "") or event.staff or ""
        return self.ctx.receipt_of(event, staff).as_copy()

    def report(self, day: dt.date) -> dict[str, Any]:
        return report.end_of_day(self.ctx, day)

    def sync_now(self) -> dict[str, Any]:
        """One push and pull round on this service's connections (the CLI's ``sync``).

        The app never calls it: its rounds run in the sync worker's thread
        (terminal/ui/controllers/sync.py). Never raises for a network problem; the report says ``downloads_changed`` when the bundle, policy or catalog changed.
        """
        ctx = self.ctx
        if ctx.online is None:
            return {"error": "no_backend", "pending": ctx.outbox.pending_count()}
        report = self._worker().run_once(ctx.outbox, ctx.state)
        # ``downloads_changed``: new keys, revocations, rules or rewards came down.
        report["downloads_changed"] = self.take_up_downloads()
        return report

    def _worker(self) -> SyncWorker:
        """A worker on this service's own connections, for one round (no thread)."""
        ctx = self.ctx
        files = worker_files(ctx.paths, ctx.identity.terminal)
        return SyncWorker(ctx.online, files, interval_seconds=0)

    def pending_events(self, limit: int = 100) -> list[Event]:
        """Operations not yet answered by the backend, newest first."""
        return self.ctx.outbox.unsent(limit)

    def reconciliation(self) -> list[Any]:
        return self.ctx.outbox.reconciliation()

    def close(self) -> None:
        self.ctx.close()
