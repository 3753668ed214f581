"""Points as cash (积分抵现) and a till's sale confirmed in one transaction.

The rules are the policy's (``Policy.discount_refusal``: the rate, the share of the sale, the
points per sale) and the balance's: online, what the member has available; offline, what the
card allows after this terminal's spending and the daily offline cap, as for a reward. The
backend recomputes the same figures (backend/evidence.py) and rejects any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from crypto.errors import Reason
from protocol.events import Event, NewEvent, new_event_id
from protocol.policy import CENT
from sync.outbox import Outbox, local_day
from terminal.counter import earn, online
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount, refigure
from terminal.counter.purposes import allows
from terminal.counter.redeem import check_offline, find_reward, redeemed_offline_on
from terminal.counter.results import MemberView, OpResult, Staff
from terminal.counter.staff import require
from terminal.reasons import SENTENCES, sentence


def is_online(ctx: CounterContext) -> bool:
    return ctx.online is not None and ctx.online.link.online()


def check_discount(
    ctx: CounterContext,
    view: MemberView,
    points: int,
    sale_amount: Decimal,
    *,
    held_elsewhere: int | None = None,
    outbox: Outbox | None = None,
    spend: bool = True,
) -> Decimal:
    """The money ``points`` pay of this sale; CounterRefused with a sentence when they cannot.

    ``held_elsewhere``: points this member has held for other open sales at this terminal
    (None: every open till sale's, as the counter sees them). ``spend=False``: the backend
    already holds the points, only the policy's caps are checked.
    """
    _spends_points(view)
    policy = ctx.policy
    refusal = policy.discount_refusal_parts(points, sale_amount)
    if refusal is not None:
        template, args = refusal
        raise CounterRefused("discount_over_cap", template, *args)
    if spend:
        held = ctx.till_holds(view.member) if held_elsewhere is None else held_elsewhere
        check_spend(ctx, view, points + held, outbox)
    return policy.discount_value(points)


def _spends_points(view: MemberView) -> None:
    if not allows(view, "discount"):
        raise CounterRefused("wrong_purpose", "Points are spent with a checkout code.")


def check_spend(
    ctx: CounterContext, view: MemberView, points: int, outbox: Outbox | None = None
) -> None:
    """Online, what the member has available; offline, the card and the daily offline cap."""
    if is_online(ctx):
        available = refigure(ctx, view, outbox).available_points
        if points > available:
            raise CounterRefused(
                "insufficient_points", "The member has %1 points available.", max(available, 0)
            )
    else:
        check_offline(ctx, outbox or ctx.outbox, view, points, None, held=0)


def reward_event(
    ctx: CounterContext,
    view: MemberView,
    reward_id: str,
    staff: Staff,
    *,
    sale_ref: str | None = None,
    till: str | None = None,
    event_id: str | None = None,
) -> NewEvent:
    """A catalog reward for a till's sale; its cash price is part of what the till charges.

    ``event_id``: the id the backend's authorisation holds the points under (online).
    """
    reward = find_reward(ctx, reward_id)
    return NewEvent(
        kind="redeem",
        member=view.member,
        points=-int(reward["points"]),
        code_id=view.code_id,
        staff=staff.staff_id,
        sale_ref=sale_ref,
        till=till,
        details={
            "reward": reward_id,
            "name": str(reward.get("name", reward_id)),
            "cash": str(Decimal(str(reward.get("cash") or "0")).quantize(CENT)),
            "online": event_id is not None,
            "override": None,
        },
        event_id=event_id,
    )


def largest_discount(ctx: CounterContext, view: MemberView, sale_amount: Decimal) -> int:
    """The most points the member may spend as cash on this sale (0: none).

    The counter's "points as cash" button offers this; ``check_discount`` still decides.
    """
    return discount_limit(ctx, view, sale_amount)[0]


def discount_limit(ctx: CounterContext, view: MemberView, sale_amount: Decimal) -> tuple[int, str]:
    """``largest_discount`` and the rule that sets it: ``share`` (of the sale), ``per_sale``,
    ``balance`` (online, what is available), ``card`` or ``offline_cap`` (offline)."""
    policy = ctx.policy
    rate = policy.points_per_currency_unit
    limits = {
        "share": int(
            (sale_amount * policy.max_discount_share).quantize(CENT, rounding=ROUND_FLOOR) * rate
        ),
        "per_sale": policy.max_discount_points_per_sale,
    }
    now = refigure(ctx, view)
    if is_online(ctx):
        limits["balance"] = now.available_points
    else:
        spent = redeemed_offline_on(ctx.outbox, view.member, local_day(ctx.clock()))
        limits["card"] = now.spendable_offline
        limits["offline_cap"] = policy.offline_cap_points - spent
    # What open till sales hold is spent here: it lowers whichever limit the balance sets.
    held = ctx.till_holds(view.member)
    for name in ("balance", "card", "offline_cap"):
        if name in limits:
            limits[name] -= held
    rule = min(limits, key=lambda name: limits[name])  # the first of equals, in this order
    points = max(0, limits[rule])
    step = rate // math.gcd(rate, 100)  # the points worth exactly 0.01, or a multiple of it
    return points - points % step, rule


@dataclass(frozen=True)
class DiscountPreview:
    """What points as cash would do to a sale, before anything is spent: the confirmation's
    figures (the counter's dialog; a till's hold answers with the same ``amount``)."""

    points: int
    amount: Decimal  # the money the points pay
    sale_amount: Decimal
    currency: str
    # The rule that stops more points paying (``discount_limit``) and its figure, so the
    # cashier can tell the member why not all their points.
    limit: str = ""
    limit_figure: str = ""

    @property
    def to_pay(self) -> Decimal:
        """What remains for the customer to pay on the POS."""
        return self.sale_amount - self.amount


def preview_discount(
    ctx: CounterContext, view: MemberView, sale_amount: Decimal | str
) -> DiscountPreview:
    """The most points the member may spend as cash on this sale, checked as the commit will
    check them; when none may, the refusal names the first rule in the way.

    The order is fixed (``check_discount``): the code's purpose, the policy's rules for the
    sale, then the points the member has (online) or the card and the daily cap (offline).
    """
    _spends_points(view)
    sale = decimal_amount(sale_amount, ctx.policy.max_purchase)
    points, limit = discount_limit(ctx, view, sale)
    if points <= 0:
        rate = ctx.policy.points_per_currency_unit
        # The smallest spend there is: whatever refuses it is the real reason for "none".
        check_discount(ctx, view, rate // math.gcd(rate, 100), sale)
        raise CounterRefused("insufficient_points", "The member has %1 points available.", 0)
    amount = check_discount(ctx, view, points, sale)
    figures = {
        "share": f"{ctx.policy.max_discount_share:%}",
        "per_sale": str(ctx.policy.max_discount_points_per_sale),
        "offline_cap": str(ctx.policy.offline_cap_points),
    }
    return DiscountPreview(
        points, amount, sale, ctx.policy.currency, limit, figures.get(limit, str(points))
    )


def discount_event(
    ctx: CounterContext,
    view: MemberView,
    points: int,
    sale_amount: Decimal,
    staff: Staff,
    *,
    sale_ref: str | None = None,
    till: str | None = None,
    event_id: str | None = None,
) -> NewEvent:
    """Points as cash; with ``event_id`` the backend's authorisation holds them (online)."""
    amount = ctx.policy.discount_value(points)
    return NewEvent(
        kind="discount",
        member=view.member,
        points=-points,
        code_id=view.code_id,
        staff=staff.staff_id,
        sale_ref=sale_ref,
        till=till,
        details={
            "amount": str(amount),
            "sale_amount": str(sale_amount),
            "currency": ctx.policy.currency,
            "online": event_id is not None,
        },
        event_id=event_id,
    )


def discount(
    ctx: CounterContext, view: MemberView, points: int, sale_amount: Decimal | str, staff: Staff
) -> OpResult:
    """The counter's points as cash: spend ``points`` on a sale of ``sale_amount`` now.

    Online, the backend holds the points first, as for a reward, so two counters cannot both
    spend them; offline (or no answer in time) the card and the daily offline cap decide.
    """
    require(staff, "redeem")
    sale = decimal_amount(sale_amount, ctx.policy.max_purchase)
    amount = check_discount(ctx, view, points, sale, spend=False)  # the policy's caps
    event_id = new_event_id()
    try:
        answer = online.ask(ctx, view, "discount", event_id, points=points)
    except CounterRefused as refusal:
        if refusal.reason in SENTENCES:  # a stale code hides a shortfall: points come first
            check_discount(ctx, view, points, sale)
        raise
    if answer is None:
        check_discount(ctx, view, points, sale)
    new = discount_event(
        ctx, view, points, sale, staff, event_id=None if answer is None else event_id
    )

    def build(outbox: Outbox) -> NewEvent:
        # Again inside the write; what the backend holds is not the card's to refuse.
        check_discount(ctx, view, points, sale, outbox=outbox, spend=answer is None)
        return new

    return ctx.queue(
        build,
        staff=staff,
        balance_hint=(
            answer.balance
            if answer is not None and answer.balance is not None
            else view.available_points
        )
        - points,
        details={"amount": str(amount), "to_pay": str(sale - amount)},
        online=answer is not None,
        view=view,
    )


@dataclass(frozen=True)
class Confirmed:
    """A till's sale as committed: its events, the points earned and spent."""

    events: list[Event]
    earned: int
    spent: int
    discount_amount: Decimal


def confirm_sale(
    ctx: CounterContext,
    view: MemberView,
    sale_amount: Decimal,
    paid_amount: Decimal,
    discount_points: int,
    staff: Staff,
    *,
    sale_ref: str,
    till: str,
    reward: str | None = None,
    reward_id: str | None = None,
    discount_id: str | None = None,
) -> Confirmed:
    """The held discount and reward and the award on what was paid, in ONE transaction.

    ``reward_id``, ``discount_id``: the event ids the backend holds them under (online); what
    it holds is not checked against the offline rules again.
    """
    require(staff, "award")
    discount_amount = Decimal("0.00")
    news: list[NewEvent] = []
    if reward is not None:
        require(staff, "redeem")
        news.append(
            reward_event(ctx, view, reward, staff, sale_ref=sale_ref, till=till, event_id=reward_id)
        )
    if discount_points:
        require(staff, "redeem")
        discount_amount = check_discount(
            ctx, view, discount_points, sale_amount, held_elsewhere=0, spend=not discount_id
        )
        news.append(
            discount_event(
                ctx,
                view,
                discount_points,
                sale_amount,
                staff,
                sale_ref=sale_ref,
                till=till,
                event_id=discount_id,
            )
        )
    # What the backend holds is spent already as far as it knows: only the rest is checked.
    spending = -sum(new.points for new in news if not new.details.get("online"))
    if spending:
        check_spend(ctx, view, spending)
    if paid_amount > sale_amount - discount_amount:
        raise CounterRefused(
            "bad_amount",
            "The paid amount is at most the sale less the points as cash: %1.",
            sale_amount - discount_amount,
        )
    if paid_amount > 0 and paid_amount >= ctx.policy.min_spend:
        news.append(earn.award_event(ctx, view, paid_amount, staff, sale_ref=sale_ref, till=till))

    def build(outbox: Outbox) -> list[NewEvent]:
        earn.not_awarded_yet(outbox, view.code_id)
        if spending:
            check_spend(ctx, view, spending, outbox)
        built = [ctx.evidence(new, view) for new in news]
        if view.code_id and outbox.code_claim(view.code_id) != view.checkout:
            # As ctx.queue: a code no longer held by this sale's checkout queues nothing.
            raise CounterRefused(Reason.REPLAYED.value, sentence(Reason.REPLAYED))
        return built

    events = ctx.outbox.append_all_built(build, clock_offset_ms=ctx.state.clock_offset_ms())
    earned = sum(e.points for e in events if e.kind == "award")
    spent = -sum(e.points for e in events if e.kind in ("discount", "redeem"))
    return Confirmed(events, earned, spent, discount_amount)
