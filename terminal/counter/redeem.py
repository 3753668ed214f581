"""Redeem: a catalog reward for points, or points + money; online first, offline within caps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from protocol.catalog import Reward, refusal, reward_from_document
from protocol.events import NewEvent, new_event_id
from sync.outbox import Outbox, local_day
from terminal.counter import online
from terminal.counter.balance import as_of_text
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.member import decimal_amount, refigure
from terminal.counter.purposes import allows
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.counter.staff import require
from terminal.reasons import SENTENCES
from terminal.sentences import Text


def find_reward(ctx: CounterContext, reward_id: str) -> dict[str, Any]:
    """The catalog entry, if this store offers it today; refused with a sentence otherwise."""
    for reward in ctx.state.catalog():
        if str(reward.get("id")) == reward_id:
            offered(ctx, reward)
            return reward
    raise CounterRefused(
        "unknown_reward", "Reward %1 is not in the catalog. Sync and try again.", reward_id
    )


def checked_reward(reward: Mapping[str, Any]) -> Reward:
    """The entry read as the catalog document defines it (protocol/catalog.py)."""
    try:
        return reward_from_document(reward)
    except ValueError:
        # The download refuses such a catalog; only a file from an older build could hold one.
        raise CounterRefused(
            "unknown_reward",
            "Reward %1 is not in the catalog. Sync and try again.",
            str(reward.get("id")),
        ) from None


def offered(ctx: CounterContext, reward: Mapping[str, Any]) -> Reward:
    """Refused unless the reward is offered at this terminal's store on its local day."""
    checked = checked_reward(reward)
    why = refusal(checked, ctx.identity.store, local_day(ctx.clock()))
    if why is not None:
        reason, template, figures = why
        raise CounterRefused(reason, template, *figures)
    return checked


def offered_here_today(ctx: CounterContext) -> list[dict[str, Any]]:
    """The catalog entries this store offers today: what the reward choice shows."""
    found = []
    for reward in ctx.state.catalog():
        try:
            offered(ctx, reward)
        except CounterRefused:
            continue
        found.append(reward)
    return found


@dataclass(frozen=True)
class RewardChoice:
    """What the reward choice shows: this store's rewards of today, whether the catalog has
    any at all (to say which is missing), and whether the backend answers now (offline, a
    stocked reward cannot be chosen: ``needs_connection``)."""

    offered: list[dict[str, Any]]
    in_catalog: bool
    online: bool


def reward_choice(ctx: CounterContext) -> RewardChoice:
    """The rewards offered here today, with the catalog's size and the link as they are now."""
    online = ctx.online is not None and ctx.online.link.online()
    return RewardChoice(offered_here_today(ctx), bool(ctx.state.catalog()), online)


def needs_connection(reward: Mapping[str, Any]) -> None:
    """Offline, a stocked reward is refused: only the backend knows how many are left, and
    a limited gift handed out twice cannot be taken back."""
    if checked_reward(reward).stock is not None:
        raise CounterRefused(
            "stock_needs_connection", "This reward needs the connection to check its stock."
        )


def redeem(
    ctx: CounterContext,
    view: MemberView,
    reward_id: str,
    staff: Staff,
    *,
    cash: Decimal | str | None = None,
    override: Staff | None = None,
) -> OpResult:
    """Spend points on a reward; the cashier collects any money on the POS."""
    reward, points, paid = _checked(ctx, view, reward_id, staff, cash)
    event_id = new_event_id()
    day = local_day(ctx.clock()).isoformat()  # the backend holds the reward's dates to it
    try:
        answer = online.ask(
            ctx,
            view,
            "redeem",
            event_id,
            reward=reward_id,
            catalog_version=ctx.state.version("catalog") or None,
            day=day,
        )
    except CounterRefused as refused:
        if refused.reason in SENTENCES:
            # The backend verifies the code before the balance, so a code gone stale while
            # the reward was chosen hides a shortfall a new code would not cure: the points
            # come first, as the figures on screen say (refusals in a fixed order).
            enough_points(ctx, view, points)
        raise
    if answer is None:
        needs_connection(reward)
        check_offline(ctx, ctx.outbox, view, points, override)
    elif answer.points is not None and answer.points != -points:
        # The backend would record its own figure: the counter must not show another.
        raise CounterRefused(
            "catalog_outdated", "The rewards catalog has changed. Sync and try again."
        )
    details = {
        "reward": reward_id,
        "name": str(reward.get("name", reward_id)),
        # Both names as chosen: a receipt reprinted after the catalog changed names it still.
        **({"name_zh": str(reward["name_zh"])} if reward.get("name_zh") else {}),
        "cash": str(paid),
        "online": answer is not None,
        "override": override.staff_id if override else None,
        "day": day,
    }
    figures = {} if answer is None else {"balance": answer.balance, "available": answer.available}

    def build(outbox: Outbox) -> NewEvent:
        # Checked again inside the write transaction: another process on this data dir
        # cannot slip a redemption in between the check and the commit.
        _not_redeemed_yet(outbox, view.code_id)
        if answer is None:
            check_offline(ctx, outbox, view, points, override)
        return NewEvent(
            kind="redeem",
            member=view.member,
            points=-points,
            code_id=view.code_id,
            staff=staff.staff_id,
            details=details,
            event_id=event_id,
        )

    return ctx.queue(
        build,
        staff=staff,
        balance_hint=(
            answer.balance
            if answer is not None and answer.balance is not None
            else view.available_points
        )
        - points,
        details={**details, **figures},
        online=answer is not None,
        view=view,
    )


@dataclass(frozen=True)
class RedeemCheck:
    """A redemption checked but not recorded: what the supervisor approval names."""

    reward_id: str
    name: str
    points: int
    cash: Decimal
    currency: str
    # Offline over the cashier's daily cap but within a supervisor's: only an override is
    # missing. Every other check has passed (or refused) already.
    needs_override: bool
    spent_today: int  # points redeemed offline today by this member here
    cap: int  # the cashier's offline cap


def preflight(
    ctx: CounterContext,
    view: MemberView,
    reward_id: str,
    staff: Staff,
    *,
    cash: Decimal | str | None = None,
    offline: bool | None = None,
) -> RedeemCheck:
    """Every check ``redeem`` makes before it asks the backend, without recording anything.

    Offline (``offline`` None: as the backend link is now), also the card and the caps: a
    redemption only the cashier's cap stands in the way of ``needs_override``; one that even
    a supervisor's cap does not allow is refused here, before a supervisor is fetched.
    """
    reward, points, paid = _checked(ctx, view, reward_id, staff, cash)
    if offline is None:
        offline = ctx.online is None or not ctx.online.link.online()
    needs_override = False
    if offline:
        needs_connection(reward)
        try:
            check_offline(ctx, ctx.outbox, view, points, None)
        except CounterRefused as refusal:
            if refusal.reason != "offline_cap":
                raise
            # The same check the approved redemption will run, with a supervisor's cap.
            check_offline(ctx, ctx.outbox, view, points, ANY_SUPERVISOR)
            needs_override = True
    return RedeemCheck(
        reward_id=reward_id,
        name=str(reward.get("name", reward_id)),
        points=points,
        cash=paid,
        currency=ctx.policy.currency,
        needs_override=needs_override,
        spent_today=redeemed_offline_on(ctx.outbox, view.member, local_day(ctx.clock())),
        cap=ctx.policy.offline_cap_points,
    )


# Stands for "a supervisor's approval, whoever gives it" in the preflight's cap check.
ANY_SUPERVISOR = Staff("", "", Role.SUPERVISOR)


def _checked(
    ctx: CounterContext,
    view: MemberView,
    reward_id: str,
    staff: Staff,
    cash: Decimal | str | None,
) -> tuple[dict[str, Any], int, Decimal]:
    """The reward, its points and the cash paid, after the checks that need no balance."""
    require(staff, "redeem")
    if not allows(view, "redeem"):
        raise CounterRefused("wrong_purpose", "Rewards are redeemed with a checkout code.")
    reward = find_reward(ctx, reward_id)
    points = int(reward["points"])
    expected_cash = Decimal(str(reward.get("cash") or "0"))
    paid = decimal_amount(cash) if cash not in (None, "", "0", Decimal(0)) else Decimal(0)
    if paid != expected_cash:
        raise CounterRefused(
            "wrong_cash",
            "This reward is %1 points + %2 %3.",
            points,
            expected_cash,
            ctx.policy.currency,
        )
    _not_redeemed_yet(ctx.outbox, view.code_id)  # before asking: a refusal then holds nothing
    return reward, points, paid


def spendable_now(view: MemberView) -> int:
    """The points a reward may cost now: what the backend says is available, or offline (the
    balance is the signed card) what the card allows after this terminal's spending."""
    if view.balance_source == "backend":
        return max(0, view.available_points)
    return max(0, min(view.available_points, view.spendable_offline))


def enough_points(ctx: CounterContext, view: MemberView, points: int) -> None:
    """Refused when the member's figures (this terminal's events on the balance shown)
    cannot pay ``points``."""
    now = refigure(ctx, view)
    if points > now.available_points:
        raise CounterRefused(
            "insufficient_points",
            "The member has %1 points available (balance %2); this reward needs %3.",
            max(now.available_points, 0),
            now.balance,
            points,
        )


def _not_redeemed_yet(outbox: Outbox, code_id: str) -> None:
    if any(e.event.kind == "redeem" for e in outbox.find(code_id=code_id)):
        raise CounterRefused("already_redeemed", "A reward was already redeemed with this code.")


def check_offline(
    ctx: CounterContext,
    outbox: Outbox,
    view: MemberView,
    points: int,
    override: Staff | None,
    held: int | None = None,
) -> None:
    """Offline: within what the card allows after this terminal's spending, and the caps.

    Also for points spent as cash (terminal.counter.sales): the same card, the same cap.
    ``held``: points open till sales hold besides (None: all of them, as the counter sees).
    """
    now = refigure(ctx, view, outbox)
    spendable = now.spendable_offline - (ctx.till_holds(view.member) if held is None else held)
    if points > spendable:
        raise CounterRefused(
            "insufficient_points",
            "Offline, the member can spend %1 points here (card balance %2 as of %3, less "
            "what was spent here since); this reward needs %4.",
            max(0, spendable),
            view.card_balance,
            as_of_text(view.card_as_of),
            points,
        )
    policy = ctx.policy
    spent_today = redeemed_offline_on(outbox, view.member, local_day(ctx.clock()))
    cap = policy.offline_cap_points
    if override is not None:
        require(override, "override")
        cap = policy.supervisor_cap_points
    if spent_today + points > cap:
        who = Text("even with a supervisor" if override else "without a supervisor")
        raise CounterRefused(
            "offline_cap",
            "Offline, at most %1 points per member per day can be redeemed here %2; "
            "%3 already used today.",
            cap,
            who,
            spent_today,
        )


def redeemed_offline_on(outbox: Outbox, member: str, day: dt.date) -> int:
    """Points redeemed offline today: redemptions the backend authorised carry no risk."""
    events = [e.event for e in outbox.by_member_and_day(member, day)]
    # Points spent as cash count against the same daily cap as rewards.
    offline = {
        e.id for e in events if e.kind in ("redeem", "discount") and not e.details.get("online")
    }
    spent = -sum(e.points for e in events if e.id in offline)
    given_back = sum(e.points for e in events if e.kind == "void" and e.ref_event in offline)
    return max(0, spent - given_back)
