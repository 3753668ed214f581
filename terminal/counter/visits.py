"""Coupons (accepted once) and store check-ins (once per member per store per day)."""

from __future__ import annotations

import datetime as dt

from protocol.events import NewEvent, new_event_id
from sync.outbox import Outbox, local_day
from terminal.counter import online
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.purposes import allows
from terminal.counter.results import MemberView, OpResult, Staff
from terminal.counter.staff import require

COUPON_KINDS = ("amount", "percent", "gift")


def coupon(ctx: CounterContext, view: MemberView, staff: Staff) -> OpResult:
    """Accept an issuer-signed coupon once; the POS applies its discount or gift."""
    require(staff, "coupon")
    document = view.document
    if document is None or not allows(view, "coupon"):
        raise CounterRefused("wrong_purpose", "Ask the member to open the coupon's code.")
    body = document["body"]
    kind, value = body.get("kind", "gift"), body.get("value")
    if kind not in COUPON_KINDS:
        raise CounterRefused("bad_coupon", "This coupon's kind (%1) is not known here.", kind)
    coupon_id = str(document["id"])
    if ctx.outbox.find(coupon_id=coupon_id):
        raise CounterRefused("coupon_used", "This coupon has already been used.")
    event_id = new_event_id()
    answer = online.ask(ctx, view, "coupon", event_id)
    if answer is None and ctx.state.coupon_status(coupon_id) == "used":
        raise CounterRefused(
            "coupon_used",
            "This coupon has already been used at another counter (coupon statuses %1).",
            online.last_synced(ctx, "coupons"),
        )

    def build(outbox: Outbox) -> NewEvent:
        if outbox.find(coupon_id=coupon_id):
            raise CounterRefused("coupon_used", "This coupon has already been used.")
        return NewEvent(
            kind="coupon",
            member=view.member,
            points=0,
            coupon_id=coupon_id,
            code_id=view.code_id,
            staff=staff.staff_id,
            details={"coupon_kind": kind, "value": value, "title": body.get("title")},
            event_id=event_id,
        )

    return ctx.queue(
        build,
        staff=staff,
        online=answer is not None,
        view=view,
    )


def coupon_state(ctx: CounterContext, view: MemberView) -> str | None:
    """``used_here`` (this terminal accepted it), ``used_elsewhere`` (the last download says
    so), or None: for the member screen, before anyone taps *Use coupon*."""
    document = view.document
    if document is None or not allows(view, "coupon"):
        return None
    coupon_id = str(document["id"])
    if ctx.outbox.find(coupon_id=coupon_id):
        return "used_here"
    if ctx.state.coupon_status(coupon_id) == "used":
        return "used_elsewhere"
    return None


def checkin(ctx: CounterContext, view: MemberView, staff: Staff) -> OpResult:
    """Record a store visit and its points, once per member per store per day."""
    require(staff, "checkin")
    if not allows(view, "checkin"):
        raise CounterRefused("wrong_purpose", "Ask the member to open the check-in code.")
    points = ctx.policy.checkin_points
    day = local_day(ctx.clock())
    _once_today(ctx.outbox, view.member, day)
    event_id = new_event_id()
    answer = online.ask(ctx, view, "checkin", event_id, day=day.isoformat())
    if answer is not None and answer.points is not None and answer.points != points:
        raise CounterRefused(
            "policy_outdated", "The check-in points have changed. Sync and try again."
        )

    def build(outbox: Outbox) -> NewEvent:
        _once_today(outbox, view.member, day)
        return NewEvent(
            kind="checkin",
            member=view.member,
            points=points,
            code_id=view.code_id,
            staff=staff.staff_id,
            details={"store": ctx.identity.store, "day": day.isoformat()},
            event_id=event_id,
        )

    return ctx.queue(
        build,
        staff=staff,
        balance_hint=view.available_points + points,
        online=answer is not None,
        view=view,
    )


def _once_today(outbox: Outbox, member: str, day: dt.date) -> None:
    if any(e.event.kind == "checkin" for e in outbox.by_member_and_day(member, day)):
        raise CounterRefused("already_checked_in", "The member has already checked in here today.")
