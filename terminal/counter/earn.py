"""Earn: points for a purchase, once per scanned code."""

from __future__ import annotations

from decimal import Decimal

from protocol.events import NewEvent
from sync.outbox import Outbox
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount
from terminal.counter.purposes import allows
from terminal.counter.results import MemberView, OpResult, Staff
from terminal.counter.staff import require


def award(
    ctx: CounterContext,
    view: MemberView,
    amount: Decimal | str,
    staff: Staff,
    *,
    sale_ref: str | None = None,
    till: str | None = None,
) -> OpResult:
    """Queue an award of floor(amount) x tier multiplier x campaigns, rounded down.

    ``sale_ref`` and ``till`` name the till's sale the award is for: the backend accepts one
    award per sale (docs/sync.md).
    """
    new = award_event(ctx, view, amount, staff, sale_ref=sale_ref, till=till)

    def build(outbox: Outbox) -> NewEvent:
        not_awarded_yet(outbox, view.code_id)
        return new

    details = new.details
    return ctx.queue(
        build,
        staff=staff,
        balance_hint=view.available_points + new.points,
        details={
            "amount": details["amount"],
            "tier": view.tier,
            "multiplier": details["multiplier"],
        },
        view=view,
    )


def award_event(
    ctx: CounterContext,
    view: MemberView,
    amount: Decimal | str,
    staff: Staff,
    *,
    sale_ref: str | None = None,
    till: str | None = None,
) -> NewEvent:
    """The award's event after every check but the one inside the write transaction."""
    require(staff, "award")
    if not allows(view, "award"):
        raise CounterRefused("wrong_purpose", "Points are earned with a checkout code.")
    policy = ctx.policy
    amount = decimal_amount(amount, policy.max_purchase)
    # Campaigns run on the backend's clock: it recomputes the points at the corrected time.
    now = ctx.clock() + ctx.state.clock_offset_ms() / 1000
    if amount < policy.min_spend:
        raise CounterRefused(
            "below_min_spend",
            "Points start at a spend of %1 %2.",
            policy.min_spend,
            policy.currency,
        )
    points = policy.points_for(amount, view.tier, now)
    not_awarded_yet(ctx.outbox, view.code_id)  # before any work: the answer is the same
    multiplier = policy.multiplier(view.tier, now)
    return NewEvent(
        kind="award",
        member=view.member,
        points=points,
        code_id=view.code_id,
        staff=staff.staff_id,
        sale_ref=sale_ref,
        till=till,
        details={
            "amount": str(amount),
            "currency": policy.currency,
            "tier": view.tier,
            "multiplier": str(multiplier),
        },
    )


def not_awarded_yet(outbox: Outbox, code_id: str) -> None:
    """One award per checkout code: a second is refused with the first one's figures."""
    for stored in outbox.find(code_id=code_id):
        event = stored.event
        if event.kind == "award":
            amount = Decimal(str(event.details.get("amount", "0"))).quantize(Decimal("0.01"))
            raise CounterRefused(
                "already_awarded",
                "Points were already given for this code: %1 for %2.",
                event.points,
                amount,
            )
