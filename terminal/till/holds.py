"""A till sale's reward and points as cash, held at the backend as the counter's redemptions are.

Online, the backend's authorisation (docs/sync.md "Online authorisation") holds the points
under the id the event will carry at confirm, so no other counter or till spends them
meanwhile; offline (no backend, or no answer in time) the counter's offline rules decide: the
card and the daily offline cap. A hold the sale gives up (a changed discount, a cancel)
is released at the backend at once when it can be, and otherwise ends when the hold expires.
"""

from __future__ import annotations

from decimal import Decimal

from protocol.events import new_event_id
from terminal.counter import online, redeem, sales
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.purposes import allows
from terminal.counter.results import MemberView


def hold_discount(
    ctx: CounterContext, view: MemberView, points: int, sale_amount: Decimal, held: int
) -> str | None:
    """Hold ``points`` as cash: the event id the backend holds them under, None offline.

    ``held``: points this member holds besides, for this sale's reward and other open sales.
    The policy's caps are checked before the backend is asked: a refusal holds nothing.
    """
    if not allows(view, "discount"):
        raise CounterRefused("wrong_purpose", "Points are spent with a checkout code.")
    refusal = ctx.policy.discount_refusal_parts(points, sale_amount)
    if refusal is not None:
        template, args = refusal
        raise CounterRefused("discount_over_cap", template, *args)
    event_id = new_event_id()
    if online.ask(ctx, view, "discount", event_id, points=points) is not None:
        return event_id
    sales.check_discount(ctx, view, points, sale_amount, held_elsewhere=held)
    return None


def hold_reward(
    ctx: CounterContext, view: MemberView, reward_id: str, points: int, held: int
) -> str | None:
    """Hold a catalog reward: the event id the backend holds its points under, None offline."""
    if not allows(view, "redeem"):
        raise CounterRefused("wrong_purpose", "Rewards are redeemed with a checkout code.")
    event_id = new_event_id()
    answer = online.ask(
        ctx,
        view,
        "redeem",
        event_id,
        reward=reward_id,
        catalog_version=ctx.state.version("catalog") or None,
    )
    if answer is None:
        redeem.needs_connection(redeem.find_reward(ctx, reward_id))
        sales.check_spend(ctx, view, points + held)
        return None
    if answer.points is not None and answer.points != -points:
        # The backend would record its own figure: the till must not be told another.
        raise CounterRefused(
            "catalog_outdated", "The rewards catalog has changed. Sync and try again."
        )
    return event_id
