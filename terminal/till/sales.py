"""A till's sale at the terminal: open, identify the member, confirm, cancel, refund.

No HTTP and no Qt: the API (terminal.till.api) and the app's scan hook call this one object,
under one lock, because the counter core is one terminal used by one thread at a time. In the
counter app the core is the app's own: ``run`` hands each request to the app's core lane, and
``on_change`` tells the app of every change of a sale (its screen, its sync worker).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from protocol.events import Event
from terminal.counter import online, sales
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount
from terminal.counter.redeem import find_reward
from terminal.counter.results import MemberView, Staff
from terminal.counter.service import CounterService
from terminal.till import holds
from terminal.till.store import OPEN_STATES, Sale, SaleStore
from terminal.till.views import SaleNotFound, till_staff, view_from_json, view_to_json

T = TypeVar("T")
# Runs a call on the thread that owns the counter core and returns its result (or raises).
Runner = Callable[[Callable[[], Any]], Any]
# The sale's JSON after a change, its member's figures now, whether events were committed.
Listener = Callable[[dict[str, Any], MemberView | None, bool], None]


def _direct(fn: Callable[[], Any]) -> Any:
    return fn()


class TillDesk:
    """Every till operation; each returns the sale's JSON or raises CounterRefused."""

    def __init__(
        self,
        service: CounterService,
        store: SaleStore,
        *,
        deadline_seconds: float = 900,
        clock: Callable[[], float] = time.time,
        run: Runner = _direct,
        on_change: Listener | None = None,
    ) -> None:
        self.service = service
        self.store = store
        self.deadline_seconds = deadline_seconds
        self.clock = clock
        self.run = run
        self.on_change = on_change
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self._generation = 0  # counts changes, so ``wait`` misses none between two looks
        # The counter on this core counts what open till sales hold as spent.
        service.ctx.till_holds = lambda member: self.store.held_for(member, ("", ""))

    def call(self, fn: Callable[[], T]) -> T:
        """``fn`` on the core's thread (the app's core lane; here, when headless)."""
        result: T = self.run(fn)
        return result

    def _changed(self, till: str, sale_ref: str, committed: bool = False) -> None:
        self._generation += 1
        self.changed.notify_all()
        if self.on_change is None:
            return
        sale = self._sale(till, sale_ref)
        view = None
        if sale.member_view is not None:
            # The figures again from the committed events: after a confirm, its result.
            view = self.service.refigure(view_from_json(sale.member_view))
        self.on_change(self.sale_json(till, sale_ref), view, committed)

    # -- the sale's life ------------------------------------------------------------------

    def open_sale(
        self, till: str, sale_ref: str, amount: str, currency: str, code: str | None
    ) -> dict[str, Any]:
        """Open a sale; with ``code`` (the till's scanner read it) identify the member at once."""
        with self.lock:
            self.expire_overdue()
            policy = self.service.ctx.policy
            value = decimal_amount(amount, policy.max_purchase)
            if currency != policy.currency:
                raise CounterRefused(
                    "wrong_currency",
                    "This terminal counts in %1, not %2.",
                    policy.currency,
                    currency,
                )
            if self.store.get(till, sale_ref) is not None:
                raise CounterRefused("sale_ref_used", "Sale %1 is already open here.", sale_ref)
            now = self.clock()
            sale = Sale(
                till,
                sale_ref,
                "awaiting_member",
                str(value),
                currency,
                now,
                now + self.deadline_seconds,
                None,
                None,
            )
            view = self._scan(code, sale) if code is not None else None
            self.store.open(sale)
            if view is not None:
                self.store.identify(till, sale_ref, view_to_json(view))
            self._changed(till, sale_ref)
            return self.sale_json(till, sale_ref)

    def identify(
        self, till: str, sale_ref: str, code: str | None, member: str | None, totp: str | None
    ) -> dict[str, Any]:
        """The member of an open sale, by code, or by member number and manual code (online)."""
        with self.lock:
            sale = self._open(till, sale_ref)
            if code is not None:
                view = self._scan(code, sale)
            elif member is not None and totp is not None:
                view = self.service.identify_manual(member, totp, _checkout(sale))
            else:
                raise CounterRefused("bad_request", "Give the member's code, or member and totp.")
            self.store.identify(till, sale_ref, view_to_json(view))
            self._changed(till, sale_ref)
            return self.sale_json(till, sale_ref)

    def scanned(self, text: str) -> dict[str, Any] | None:
        """The app's hook: a code scanned at the terminal while a sale awaits its member.

        Identifies the oldest such sale and returns it; None when no sale is waiting (the
        scan is then the counter's own, as before).
        """
        with self.lock:
            self.expire_overdue()
            waiting = self.store.awaiting_member()
            if not waiting:
                return None
            sale = waiting[0]
            view = self._scan(text, sale)
            self.store.identify(sale.till, sale.sale_ref, view_to_json(view))
            self._changed(sale.till, sale.sale_ref)
            return self.sale_json(sale.till, sale.sale_ref)

    def discount(self, till: str, sale_ref: str, points: int) -> dict[str, Any]:
        """Hold ``points`` as cash for the sale (0 releases them): spent only at confirm."""
        with self.lock:
            sale = self._open(till, sale_ref)
            if sale.member_view is None:
                raise CounterRefused("no_member", "No member was identified for this sale yet.")
            view = view_from_json(sale.member_view)
            # Also what this sale holds for a reward, and other sales for this member.
            held = self.store.held_for(view.member, (till, sale_ref)) + sale.held_reward_points
            ctx, amount = self.service.ctx, Decimal(sale.amount)
            # The backend counts the earlier discount as held: give it up before asking anew,
            # and take it back if the new one is refused, so a refusal changes nothing.
            online.release(ctx, sale.discount_event)
            try:
                event = holds.hold_discount(ctx, view, points, amount, held) if points else None
            except CounterRefused:
                if sale.held_points:
                    event = holds.hold_discount(ctx, view, sale.held_points, amount, held)
                    self.store.hold(till, sale_ref, sale.held_points, event)
                raise
            self.store.hold(till, sale_ref, points, event)
            self._changed(till, sale_ref)
            return self.sale_json(till, sale_ref)

    def redeem(self, till: str, sale_ref: str, reward: str) -> dict[str, Any]:
        """Hold a catalog reward for the sale (one a sale): spent only at confirm."""
        with self.lock:
            sale = self._open(till, sale_ref)
            if sale.member_view is None:
                raise CounterRefused("no_member", "No member was identified for this sale yet.")
            view = view_from_json(sale.member_view)
            ctx = self.service.ctx
            points = int(find_reward(ctx, reward)["points"])
            held = self.store.held_for(view.member, (till, sale_ref)) + sale.held_points
            # As for the discount: the earlier reward's hold goes, and comes back on a refusal.
            online.release(ctx, sale.reward_event)
            try:
                event = holds.hold_reward(ctx, view, reward, points, held)
            except CounterRefused:
                if sale.held_reward is not None:
                    before = holds.hold_reward(
                        ctx, view, sale.held_reward, sale.held_reward_points, held
                    )
                    self.store.hold_reward(
                        till, sale_ref, sale.held_reward, sale.held_reward_points, before
                    )
                raise
            self.store.hold_reward(till, sale_ref, reward, points, event)
            self._changed(till, sale_ref)
            return self.sale_json(till, sale_ref)

    def confirm(
        self, till: str, sale_ref: str, paid_amount: str, receipt_no: str | None
    ) -> dict[str, Any]:
        """The held discount and the award on what was paid: one outbox transaction."""
        with self.lock:
            sale = self._open(till, sale_ref)
            if sale.member_view is None:
                raise CounterRefused("no_member", "No member was identified for this sale yet.")
            paid = decimal_amount(paid_amount, Decimal(sale.amount))
            view = view_from_json(sale.member_view)
            # Committed before a crash took the answer away: the events are the answer.
            done = self._committed(view, sale_ref, till) or sales.confirm_sale(
                self.service.ctx,
                view,
                Decimal(sale.amount),
                paid,
                sale.held_points,
                till_staff(till),
                sale_ref=sale_ref,
                till=till,
                reward=sale.held_reward,
                reward_id=sale.reward_event,
                discount_id=sale.discount_event,
            )
            award = next((e for e in done.events if e.kind == "award"), None)
            lines = {
                "earned": done.earned,
                "spent": done.spent,
                "discount_amount": str(done.discount_amount),
                "balance": view.available_points + done.earned - done.spent,
                "coupons_used": [],
                "event": award.id if award is not None else None,
                "events": [e.id for e in done.events],
                "paid_amount": str(paid),
                "receipt_no": receipt_no,
            }
            self.store.finish(till, sale_ref, "confirmed", lines)
            self._changed(till, sale_ref, committed=True)
            return self.sale_json(till, sale_ref)

    def cancel(
        self, till: str, sale_ref: str, why: str = "cancelled by the till"
    ) -> dict[str, Any]:
        """Close an open sale without any event (nothing is held past it)."""
        with self.lock:
            sale = self._open(till, sale_ref)
            # What the sale held at the backend is free at once, not when its hold expires.
            for event in (sale.discount_event, sale.reward_event):
                online.release(self.service.ctx, event)
            self.store.finish(till, sale_ref, "cancelled", {"why": why})
            self._changed(till, sale_ref)
            return self.sale_json(till, sale_ref)

    def refund(self, till: str, sale_ref: str, amount: str | None) -> dict[str, Any]:
        """Refund a confirmed sale: ``amount`` of it takes back points pro rata; the whole sale
        (no amount) also gives back the points spent in it (discount, reward).

        Each reversal is its own outbox transaction; after a crash between them, the till's
        repeated request skips those already queued and queues the rest.
        """
        with self.lock:
            sale = self._sale(till, sale_ref)
            if sale.state != "confirmed" or sale.result is None:
                raise CounterRefused(
                    "not_confirmed",
                    "Only a confirmed sale can be refunded; this one is %1.",
                    sale.state,
                )
            staff = till_staff(till)
            events = [self._stored(event_id) for event_id in sale.result.get("events", [])]
            award = next((e for e in events if e.kind == "award"), None)
            spent = [e for e in events if e.kind in ("discount", "redeem")]
            if amount is not None and award is None:
                raise CounterRefused("nothing_to_refund", "This sale earned no points to refund.")
            lines: dict[str, Any] = {**sale.result, "refund_event": None, "refunded_points": 0}
            if award is not None:
                reversal = self._reverse(award, staff, amount)
                if reversal is not None:
                    lines["refund_event"] = reversal.id
                    lines["refunded_points"] = -reversal.points
            if amount is None:
                voids = [v for v in (self._reverse(e, staff, None) for e in spent) if v]
                lines["void_events"] = [v.id for v in voids]
                lines["returned_points"] = sum(v.points for v in voids)
            self.store.finish(till, sale_ref, "refunded", lines)
            self._changed(till, sale_ref, committed=True)
            return self.sale_json(till, sale_ref)

    def _stored(self, event_id: str) -> Event:
        stored = self.service.ctx.outbox.get(event_id)
        if stored is None:  # the sale's own events: only a damaged outbox loses one
            raise CounterRefused("unknown_event", "No operation %1 at this terminal.", event_id)
        return stored.event

    def _reverse(self, original: Event, staff: Staff, amount: str | None) -> Event | None:
        """Queue the refund or void of ``original`` for this sale's refund request.

        One refund request per sale (the API keeps its answer), so a reversal this till already
        queued for ``original`` is that request's, left by a crash before the answer was kept:
        it is the answer, not queued twice. Points someone gave back at the counter are not
        given back again (None).
        """
        kind = "refund" if original.kind == "award" else "void"
        for stored in reversed(self.service.ctx.outbox.find(ref_event=original.id)):
            if stored.event.kind == kind and stored.event.staff == staff.staff_id:
                return stored.event
        try:
            result = self.service.refund(original.id, staff, amount)
        except CounterRefused as exc:
            if kind == "void" and exc.reason == "already_refunded":
                return None
            raise
        return self._stored(str(result.event))

    def expire_overdue(self) -> list[tuple[str, str]]:
        """Cancel every open sale past its deadline (also after a restart)."""
        with self.lock:
            overdue = self.store.overdue(self.clock())
            for till, ref in overdue:
                self.store.finish(till, ref, "cancelled", {"why": "deadline"})
                self._changed(till, ref)
            return overdue

    # -- reading ------------------------------------------------------------------------

    def wait(self, till: str, sale_ref: str, seconds: float) -> dict[str, Any]:
        """The sale, once it leaves ``awaiting_member`` or after ``seconds``."""
        end = time.monotonic() + seconds
        while True:
            with self.lock:
                seen = self._generation
            # Each look runs on the core's thread; the wait between looks holds nothing.
            sale = self.call(lambda: self._look(till, sale_ref))
            left = end - time.monotonic()
            if sale["state"] != "awaiting_member" or left <= 0:
                return sale
            with self.lock:
                self.changed.wait_for(partial(self._changed_since, seen), min(left, 1.0))

    def _changed_since(self, generation: int) -> bool:
        return self._generation != generation

    def _look(self, till: str, sale_ref: str) -> dict[str, Any]:
        with self.lock:
            self.expire_overdue()
            self._sale(till, sale_ref)
            return self.sale_json(till, sale_ref)

    def awaiting(self) -> list[dict[str, Any]]:
        """Sales waiting for the member's code, oldest first: the terminal's screen asks for
        the code of the first (``scanned`` identifies that one)."""
        with self.lock:
            self.expire_overdue()
            return [
                {
                    "till": sale.till,
                    "sale_ref": sale.sale_ref,
                    "amount": sale.amount,
                    "currency": sale.currency,
                    "deadline": sale.deadline,
                }
                for sale in self.store.awaiting_member()
            ]

    def sale_json(self, till: str, sale_ref: str) -> dict[str, Any]:
        sale = self._sale(till, sale_ref)
        out: dict[str, Any] = {
            "sale_ref": sale.sale_ref,
            "state": sale.state,
            "amount": sale.amount,
            "currency": sale.currency,
            "deadline": sale.deadline,
        }
        if sale.member_view is not None:
            view = view_from_json(sale.member_view)
            out["member"] = {"member": view.member, "tier": view.tier, **view.figures()}
        if sale.held_points:
            worth = self.service.ctx.policy.discount_value(sale.held_points)
            out["discount"] = {"points": sale.held_points, "amount": str(worth)}
            out["to_pay"] = str(Decimal(sale.amount) - worth)
        if sale.held_reward is not None and sale.state in OPEN_STATES:
            out["reward"] = {
                "reward": sale.held_reward,
                "points": sale.held_reward_points,
                "name": self._reward_name(sale.held_reward),
                "online": sale.reward_event is not None,
            }
        if sale.held_points:
            out["discount"]["online"] = sale.discount_event is not None
        if sale.result is not None:
            out["result"] = sale.result
        return out

    # -- helpers ------------------------------------------------------------------------

    def _reward_name(self, reward: str) -> str:
        for entry in self.service.catalog():
            if str(entry.get("id")) == reward:
                return str(entry.get("name", reward))
        return reward

    def _committed(self, view: MemberView, sale_ref: str, till: str) -> sales.Confirmed | None:
        """The sale's events already in the outbox (committed, but the sale not marked)."""
        found = [
            stored.event
            for stored in self.service.ctx.outbox.find(code_id=view.code_id)
            if stored.event.sale_ref == sale_ref and stored.event.till == till
        ]
        if not found:
            return None
        discount = sum(
            (Decimal(str(e.details["amount"])) for e in found if e.kind == "discount"), Decimal(0)
        )
        return sales.Confirmed(
            found,
            sum(e.points for e in found if e.kind == "award"),
            -sum(e.points for e in found if e.kind in ("discount", "redeem")),
            discount.quantize(Decimal("0.01")),
        )

    def _scan(self, code: str, sale: Sale) -> MemberView:
        limit = self.service.ctx.settings.verify.max_code_chars
        if len(code) > limit:
            raise CounterRefused("bad_code", "A member code is at most %1 characters.", limit)
        return self.service.scan(code.strip(), _checkout(sale))

    def _sale(self, till: str, sale_ref: str) -> Sale:
        sale = self.store.get(till, sale_ref)
        if sale is None:
            raise SaleNotFound(sale_ref)
        return sale

    def _open(self, till: str, sale_ref: str) -> Sale:
        self.expire_overdue()
        sale = self._sale(till, sale_ref)
        if sale.state not in OPEN_STATES:
            raise CounterRefused("sale_closed", "This sale is already %1.", sale.state)
        return sale


def _checkout(sale: Sale) -> str:
    """The checkout of a sale: the same code scanned again for it is the same scan."""
    return f"till:{sale.till}:{sale.sale_ref}:{sale.opened_at!r}"
