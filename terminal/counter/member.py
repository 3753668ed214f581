"""A scanned code becomes what the member screen shows, after verification and replay check."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.verify import VerifiedCode, verify_code
from sync.outbox import Status
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.results import MemberView
from terminal.reasons import sentence
from terminal.trust_files import verify_options

_UNSENT = (Status.PENDING, Status.IN_FLIGHT)


def scan(
    ctx: CounterContext, text: str, *, context: str, purpose: Purpose | None = None
) -> MemberView:
    """Verify a code offline and claim it for this checkout; refuse with a plain sentence."""
    options = verify_options(ctx.trust, ctx.settings, purpose=purpose, store=ctx.identity.store)
    now = ctx.clock()
    try:
        verified = verify_code(text.strip(), ctx.trust, now, options)
        ctx.seen.claim(verified.code_id, verified.member, context, now=now)
    except CodeRejected as exc:
        raise CounterRefused(exc.reason.value, sentence(exc.reason)) from exc
    return replace(view_of(ctx, verified), code=text.strip(), checkout=context)


def view_of(ctx: CounterContext, verified: VerifiedCode) -> MemberView:
    """Tier, privileges, balance, progress and this terminal's unsent operations."""
    policy = ctx.policy
    unsent = [e for e in ctx.outbox.by_member(verified.member) if e.status in _UNSENT]
    next_tier = policy.next_tier(verified.tier)
    document = verified.document
    return MemberView(
        member=verified.member,
        tier=verified.tier,
        privileges=policy.tier(verified.tier).privileges,
        balance=verified.balance,
        balance_as_of=verified.balance_as_of,
        pending_points=sum(e.event.points for e in unsent),
        pending_operations=len(unsent),
        next_tier=next_tier.name if next_tier else None,
        next_tier_min_spend=next_tier.min_spend if next_tier else None,
        code_id=verified.code_id,
        purpose=verified.purpose.value,
        document=None
        if document is None
        else {
            "type": document.typ,
            "id": document.doc_id,
            "stores": list(document.stores) if document.stores else None,
            "body": dict(document.body),
            "expires_at": document.expires_at,
        },
    )


def with_live_figures(ctx: CounterContext, view: MemberView) -> MemberView:
    """Add the spend to the next tier from the backend's yearly spend; unchanged offline."""
    if ctx.online is None or view.next_tier_min_spend is None:
        return view
    summary = ctx.online.member_summary(view.member)
    if summary is None:
        return view
    try:
        spend = Decimal(str(summary["year_spend"]))
    except (KeyError, ArithmeticError):
        return view
    return replace(view, spend_to_next_tier=max(Decimal(0), view.next_tier_min_spend - spend))


def queued_spend_since(ctx: CounterContext, member: str, since: int) -> int:
    """Points this terminal has queued as spent by the member since the certificate's balance."""
    events = ctx.outbox.by_member(member, since_ms=since * 1000)
    return -sum(e.event.points for e in events if e.event.points < 0)


def decimal_amount(text: str | Decimal, limit: Decimal | None = None) -> Decimal:
    """A money amount from the cashier or the POS: positive, at most two decimals.

    ``limit`` is the policy's largest purchase for an award (the backend rejects more).
    """
    try:
        amount = Decimal(str(text))
    except ArithmeticError:
        raise CounterRefused("bad_amount", f"{text} is not an amount of money.") from None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise CounterRefused("bad_amount", "Enter an amount above zero with at most two decimals.")
    if limit is not None and amount > limit:
        raise CounterRefused("over_max_purchase", f"At most {limit} per purchase can earn points.")
    if amount > Decimal(1_000_000):
        raise CounterRefused("bad_amount", "That amount is too large for one purchase.")
    return amount
