"""Refunds and voids by the original event: points come back pro rata, never twice."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from sync.events import Event, NewEvent
from sync.outbox import Outbox, Status
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount
from terminal.counter.results import OpResult, Staff
from terminal.counter.staff import require
from terminal.sentences import Text


def refund(
    ctx: CounterContext, event_id: str, staff: Staff, amount: Decimal | str | None = None
) -> OpResult:
    """Refund an award (whole, or ``amount`` of it), or reverse a redemption or a discount
    (points as cash) whole, giving its points back."""
    require(staff, "refund")
    stored = ctx.outbox.get(event_id)
    if stored is None:
        raise CounterRefused("unknown_event", "No operation %1 at this terminal.", event_id)
    if stored.status == Status.REJECTED:
        raise CounterRefused(
            "original_rejected",
            "The backend rejected this operation, so there is nothing to refund or reverse.",
        )
    original = stored.event
    if original.kind == "award":
        return _refund_award(ctx, original, staff, amount)
    if original.kind in ("redeem", "discount"):
        if amount is not None:
            raise CounterRefused(
                "bad_amount",
                "A redemption is reversed whole; leave the amount out."
                if original.kind == "redeem"
                else "Points spent as cash are given back whole; leave the amount out.",
            )
        return _void_spending(ctx, original, staff)
    raise CounterRefused("not_refundable", "A %1 cannot be refunded.", Text(original.kind))


def _refund_award(
    ctx: CounterContext, original: Event, staff: Staff, amount: Decimal | str | None
) -> OpResult:
    paid = Decimal(str(original.details["amount"]))
    requested = None if amount is None else decimal_amount(amount)

    def build(outbox: Outbox) -> NewEvent:
        earlier = [e.event for e in outbox.find(ref_event=original.id) if e.event.kind == "refund"]
        refunded = sum((Decimal(str(e.details["amount"])) for e in earlier), Decimal(0))
        if refunded >= paid:
            raise CounterRefused("already_refunded", "This purchase has already been refunded.")
        # No amount: whatever of the purchase has not been refunded yet.
        asked = paid - refunded if requested is None else requested
        if asked > paid - refunded:
            raise CounterRefused(
                "refund_too_large",
                "At most %1 can still be refunded for this purchase.",
                paid - refunded,
            )
        # Pro rata on the running total, rounded down, so partial refunds never take back more
        # than a whole refund would.
        taken_before = -sum(e.points for e in earlier)
        taken_total = int(
            (Decimal(original.points) * (refunded + asked) / paid).to_integral_value(ROUND_FLOOR)
        )
        return NewEvent(
            kind="refund",
            member=original.member,
            points=-(taken_total - taken_before),
            ref_event=original.id,
            staff=staff.staff_id,
            details={"amount": str(asked), "of": str(paid)},
        )

    return ctx.queue(build, staff=staff, lines=[("Purchase", str(paid))])


def _void_spending(ctx: CounterContext, original: Event, staff: Staff) -> OpResult:
    def build(outbox: Outbox) -> NewEvent:
        if any(e.event.kind == "void" for e in outbox.find(ref_event=original.id)):
            raise CounterRefused(
                "already_refunded",
                "This redemption has already been reversed."
                if original.kind == "redeem"
                else "These points spent as cash were already given back.",
            )
        details = (
            {"reward": original.details.get("reward")}
            if original.kind == "redeem"
            else {"amount": original.details.get("amount")}
        )
        return NewEvent(
            kind="void",
            member=original.member,
            points=-original.points,
            ref_event=original.id,
            staff=staff.staff_id,
            details=details,
        )

    if original.kind == "redeem":
        line = ("Reward back", str(original.details.get("name", "")))
    else:
        line = ("Points as cash back", str(original.details.get("amount", "")))
    return ctx.queue(build, staff=staff, lines=[line])
