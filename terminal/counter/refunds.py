"""Refunds and voids by the original event: points come back pro rata, never twice."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from protocol.events import Event, NewEvent
from sync.outbox import Outbox, Status
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount
from terminal.counter.results import OpResult, Staff
from terminal.counter.staff import require
from terminal.sentences import Text


@dataclass(frozen=True)
class RefundState:
    """An award, redemption or discount with what was refunded or reversed of it so far."""

    event: Event
    paid: Decimal | None  # an award's purchase amount; None for points spent
    refunded: Decimal  # of ``paid``, refunded so far
    points_back: int  # points taken back (award) or given back (points spent) so far, >= 0

    @property
    def remaining_amount(self) -> Decimal | None:
        """What of the purchase can still be refunded (None for a redemption)."""
        return None if self.paid is None else self.paid - self.refunded

    @property
    def remaining_points(self) -> int:
        """Points of the original not yet taken or given back."""
        return max(0, abs(self.event.points) - self.points_back)

    @property
    def closed(self) -> bool:
        """Refunded whole, or the redemption reversed: nothing left to do."""
        if self.paid is None:
            return self.points_back > 0
        return self.refunded >= self.paid


@dataclass(frozen=True)
class RefundPlan:
    """What a refund or reversal would do, checked but not recorded (for the approval)."""

    original: RefundState
    kind: str  # refund | void
    amount: Decimal | None  # refunded now (a refund); None for a void
    points: int  # taken back (refund) or given back (void) now, >= 0


def refund(
    ctx: CounterContext, event_id: str, staff: Staff, amount: Decimal | str | None = None
) -> OpResult:
    """Refund an award (whole, or ``amount`` of it), or reverse a redemption or a discount
    (points as cash) whole, giving its points back."""
    require(staff, "refund")
    original = _original(ctx, event_id)
    if original.kind == "award":
        return _refund_award(ctx, original, staff, _requested(amount))
    _no_amount(original, amount)
    return _void_spending(ctx, original, staff)


def preflight(
    ctx: CounterContext, event_id: str, amount: Decimal | str | None = None
) -> RefundPlan:
    """Every check ``refund`` makes, without recording: asked before a supervisor is fetched,
    so an approval is never followed by a refusal for another reason."""
    original = _original(ctx, event_id)
    state = refund_state(ctx.outbox, original)
    if original.kind == "award":
        earlier = _earlier(ctx.outbox, original, "refund")
        asked, points = _award_refund(original, earlier, _requested(amount))
        return RefundPlan(state, "refund", asked, points)
    _no_amount(original, amount)
    _not_voided(ctx.outbox, original)
    return RefundPlan(state, "void", None, abs(original.points))


def refund_state(outbox: Outbox, original: Event) -> RefundState:
    """What of ``original`` was refunded (an award) or given back (points spent) so far."""
    if original.kind == "award":
        earlier = _earlier(outbox, original, "refund")
        refunded = sum((Decimal(str(e.details["amount"])) for e in earlier), Decimal(0))
        paid = Decimal(str(original.details["amount"]))
        return RefundState(original, paid, refunded, -sum(e.points for e in earlier))
    voids = _earlier(outbox, original, "void")
    return RefundState(original, None, Decimal(0), sum(e.points for e in voids))


def _original(ctx: CounterContext, event_id: str) -> Event:
    """The operation to refund or reverse: known here, not rejected, an award or points spent
    (a redemption, a discount)."""
    stored = ctx.outbox.get(event_id)
    if stored is None:
        raise CounterRefused("unknown_event", "No operation %1 at this terminal.", event_id)
    if stored.status == Status.REJECTED:
        raise CounterRefused(
            "original_rejected",
            "The backend rejected this operation, so there is nothing to refund or reverse.",
        )
    if stored.event.kind not in ("award", "redeem", "discount"):
        raise CounterRefused("not_refundable", "A %1 cannot be refunded.", Text(stored.event.kind))
    return stored.event


def _requested(amount: Decimal | str | None) -> Decimal | None:
    return None if amount is None else decimal_amount(amount)


def _no_amount(original: Event, amount: Decimal | str | None) -> None:
    if amount is not None:
        raise CounterRefused(
            "bad_amount",
            "A redemption is reversed whole; leave the amount out."
            if original.kind == "redeem"
            else "Points spent as cash are given back whole; leave the amount out.",
        )


def _earlier(outbox: Outbox, original: Event, kind: str) -> list[Event]:
    return [e.event for e in outbox.find(ref_event=original.id) if e.event.kind == kind]


def _award_refund(
    original: Event, earlier: list[Event], requested: Decimal | None
) -> tuple[Decimal, int]:
    """(amount refunded now, points taken back now) after the ``earlier`` refunds."""
    paid = Decimal(str(original.details["amount"]))
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
    return asked, taken_total - taken_before


def _refund_award(
    ctx: CounterContext, original: Event, staff: Staff, requested: Decimal | None
) -> OpResult:
    paid = Decimal(str(original.details["amount"]))

    def build(outbox: Outbox) -> NewEvent:
        asked, points = _award_refund(original, _earlier(outbox, original, "refund"), requested)
        return NewEvent(
            kind="refund",
            member=original.member,
            points=-points,
            ref_event=original.id,
            staff=staff.staff_id,
            details={"amount": str(asked), "of": str(paid)},
        )

    return ctx.queue(build, staff=staff)


def _not_voided(outbox: Outbox, original: Event) -> None:
    if _earlier(outbox, original, "void"):
        raise CounterRefused(
            "already_refunded",
            "This redemption has already been reversed."
            if original.kind == "redeem"
            else "These points spent as cash were already given back.",
        )


def _void_spending(ctx: CounterContext, original: Event, staff: Staff) -> OpResult:
    def build(outbox: Outbox) -> NewEvent:
        _not_voided(outbox, original)
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

    return ctx.queue(build, staff=staff)
