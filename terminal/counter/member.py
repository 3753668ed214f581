"""A scanned code becomes what the member screen shows, after verification and replay check."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TypeGuard

from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.verify import VerifiedCode, verify_code
from sync.outbox import Outbox
from terminal.counter import balance
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.results import MemberView
from terminal.reasons import sentence
from terminal.replay import Claim
from terminal.trust_files import verify_options


def scan(
    ctx: CounterContext, text: str, *, context: str, purpose: Purpose | None = None
) -> MemberView:
    """Verify a code offline and claim it for this checkout; refuse with a plain sentence."""
    options = verify_options(ctx.trust, ctx.settings, purpose=purpose, store=ctx.identity.store)
    now = ctx.clock()
    try:
        verified = verify_code(text.strip(), ctx.trust, now, options)
        claim = ctx.seen.claim(verified.code_id, verified.member, context, now=now)
    except CodeRejected as exc:
        raise CounterRefused(exc.reason.value, sentence(exc.reason)) from exc
    return replace(
        view_of(ctx, verified),
        code=text.strip(),
        checkout=context,
        same_scan=claim is Claim.SAME_SCAN,
    )


def view_of(ctx: CounterContext, verified: VerifiedCode) -> MemberView:
    """Tier, privileges, the card's balance figures and progress to the next tier."""
    policy = ctx.policy
    next_tier = policy.next_tier(verified.tier)
    document = verified.document
    view = MemberView(
        member=verified.member,
        tier=verified.tier,
        privileges=policy.tier(verified.tier).privileges,
        balance=verified.balance,
        balance_as_of=verified.balance_as_of,
        balance_as_of_ms=verified.balance_as_of * 1000,
        balance_source=balance.CARD,
        card_balance=verified.balance,
        card_as_of=verified.balance_as_of,
        balance_position=verified.balance_position,
        card_position=verified.balance_position,
        pending_points=0,
        pending_operations=0,
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
    return refigure(ctx, view)


def refigure(ctx: CounterContext, view: MemberView, outbox: Outbox | None = None) -> MemberView:
    """The view's figures recomputed from this terminal's events, on the same balance.

    ``outbox`` is the one inside a write transaction when a rule is checked there.
    """
    found = balance.figures(
        (outbox or ctx.outbox).by_member(view.member),
        balance=view.balance,
        balance_as_of=view.balance_as_of,
        balance_source=view.balance_source,
        held=balance.Held(view.balance_position, view.balance_as_of_ms),
        card_balance=view.card_balance,
        card=balance.Held(view.card_position, view.card_as_of * 1000),
        clock_offset_ms=ctx.state.clock_offset_ms(),
    )
    return replace(
        view,
        pending_points=found.pending_points,
        pending_operations=found.pending_operations,
        spendable_offline=found.spendable_offline,
        unsent_points=found.unsent_points,
        unsent_operations=found.unsent_operations,
    )


def with_backend_balance(
    ctx: CounterContext, view: MemberView, points: int, at_ms: int, position: int | None = None
) -> MemberView:
    """The view on the backend's balance ``points`` as it stood at ``at_ms`` (backend clock).

    ``position``: the ledger position that balance includes; None from an older backend.
    """
    backed = replace(
        view,
        balance=points,
        balance_as_of=at_ms // 1000,
        balance_as_of_ms=at_ms,
        balance_source=balance.BACKEND,
        balance_position=position,
    )
    return refigure(ctx, backed)


def backend_now_ms(ctx: CounterContext) -> int:
    """This moment on the backend's clock, in milliseconds."""
    return int(ctx.clock() * 1000) + ctx.state.clock_offset_ms()


def with_live_figures(ctx: CounterContext, view: MemberView) -> MemberView:
    """The backend's balance and the spend to the next tier, when it answers in time.

    Unchanged (on the card) when the backend does not answer within the online timeout.
    """
    # The backend answers only for the member's code or presence proof of this checkout.
    evidence = {"code": view.code} if view.code else {"presence": view.presence}
    if ctx.online is None or not (view.code or view.presence) or not view.checkout:
        return view
    # Taken before asking: with an older backend (no position) every event accepted before
    # this moment is in the answer.
    asked_at = backend_now_ms(ctx)
    summary = ctx.online.member_summary(view.member, evidence, view.checkout)
    if summary is None:
        return view
    points = summary.get("balance")
    if _is_int(points):
        position = summary.get("position")
        at = position if _is_int(position) and position >= 0 else None
        view = with_backend_balance(ctx, view, points, asked_at, at)
    if view.next_tier_min_spend is None:
        return view
    try:
        spend = Decimal(str(summary["year_spend"]))
    except (KeyError, ArithmeticError):
        return view
    return replace(view, spend_to_next_tier=max(Decimal(0), view.next_tier_min_spend - spend))


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def decimal_amount(text: str | Decimal, limit: Decimal | None = None) -> Decimal:
    """A money amount from the cashier or the POS: positive, at most two decimals.

    ``limit`` is the policy's largest purchase for an award (the backend rejects more).
    """
    try:
        amount = Decimal(str(text))
    except ArithmeticError:
        raise CounterRefused("bad_amount", "%1 is not an amount of money.", text) from None
    if not amount.is_finite() or amount <= 0:
        raise CounterRefused("bad_amount", "Enter an amount above zero with at most two decimals.")
    if limit is not None and amount > limit:
        raise CounterRefused("over_max_purchase", "At most %1 per purchase can earn points.", limit)
    # Before quantize: 1e999 has too many digits to quantize (InvalidOperation, a crash).
    if amount > Decimal(1_000_000):
        raise CounterRefused("bad_amount", "That amount is too large for one purchase.")
    if amount != amount.quantize(Decimal("0.01")):
        raise CounterRefused("bad_amount", "Enter an amount above zero with at most two decimals.")
    return amount
