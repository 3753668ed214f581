"""Asking the backend before confirming anything that can be used once (docs/sync.md).

``ask`` returns the approval, None when the backend did not answer within the online timeout
(the operation then follows its offline rules), or raises CounterRefused with the backend's
figures in the sentence. ``last_synced`` words when a downloaded status was last brought up
to date, for the offline refusals.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sync.client import Authorisation
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.results import MemberView
from terminal.reasons import SENTENCES
from terminal.reasons import sentence as sentence_for_code
from terminal.sentences import Text


def ask(
    ctx: CounterContext,
    view: MemberView,
    kind: str,
    event_id: str,
    *,
    names: dict[str, str] | None = None,
    **extra: Any,
) -> Authorisation | None:
    """The backend's approval, None when it did not answer in time; a refusal is raised.

    ``names``: an order's item names by SKU, so a refusal names what remains as the member
    knows it.
    """
    # A manual identification's presence proof stands in for the scanned code.
    shown = {"code": view.code} if view.code else {"presence": view.presence}
    if ctx.online is None or not (view.code or view.presence):
        return None
    request = {"event": event_id, "kind": kind, **shown, "checkout": view.checkout}
    request |= {k: v for k, v in extra.items() if v is not None}
    answer = ctx.online.authorise(request)
    if not answer.online:
        return None
    if not answer.approved:
        raise CounterRefused(answer.reason or "refused", sentence(answer, names))
    return answer


def release(ctx: CounterContext, event_id: str | None) -> None:
    """Give up at the backend what an approval for ``event_id`` held (best effort)."""
    # Not while the backend is known away: the hold expires anyway, and the cashier waits.
    if ctx.online is not None and event_id is not None and ctx.online.link.online():
        ctx.online.release(event_id)


def sentence(answer: Authorisation, names: dict[str, str] | None = None) -> Text:
    """What the cashier reads for a refusal, with the backend's figures."""
    reason = answer.reason
    if reason == "insufficient_points":
        if answer.points is not None:
            return Text(
                "The member has %1 points available (balance %2); this reward needs %3.",
                (_figure(answer.available), _figure(answer.balance), -answer.points),
            )
        return Text(
            "The member has %1 points available (balance %2).",
            (_figure(answer.available), _figure(answer.balance)),
        )
    heads = {
        "order_handed_over": (
            Text("This order was already handed over."),
            Text("This order was already handed over. Still to hand over: %1."),
        ),
        "items_exceed_remaining": (
            Text("That is more than remains of this order."),
            Text("That is more than remains of this order. Still to hand over: %1."),
        ),
        "order_elsewhere": (
            Text("This order is being handed over at another counter; finish it there."),
            Text(
                "This order is being handed over at another counter; finish it there. "
                "Still to hand over: %1."
            ),
        ),
    }
    if reason in heads:
        left = remaining_text(answer.remaining or {}, names)
        alone, with_left = heads[reason]
        return Text(with_left.template, (left,)) if left else alone
    fixed = {
        "code_used": Text(
            "This code was already used at another counter or checkout. "
            "Ask the member for a new code."
        ),
        "already_authorised": Text(
            "This code was already used for this in this checkout. Ask the member for a new code."
        ),
        "coupon_used": Text("This coupon has already been used."),
        "already_checked_in": Text("The member has already checked in at this store today."),
        "catalog_outdated": Text("The rewards catalog has changed. Sync and try again."),
        "reward_not_here": Text("This reward is not offered at this store."),
        "reward_not_now": Text("This reward is not offered today."),
        "out_of_stock": Text("This reward is out of stock."),
        "unknown_member": Text("The backend does not know this member."),
        "unknown_order": Text("The backend does not know this order. Call the hotline."),
    }
    if reason in fixed:
        return fixed[reason]
    if reason in SENTENCES:  # the code itself did not verify at the backend's clock
        return Text(sentence_for_code(reason))
    # The backend's own words are English: the app shows the general sentence for its code.
    return Text(
        "The backend refused this (%1): %2.", (str(reason), answer.message or "no reason given")
    )


def _figure(value: int | None) -> str:
    return "?" if value is None else str(value)


def remaining_text(remaining: dict[str, int], names: dict[str, str] | None = None) -> str:
    """``2 x Cup, 1 x Lid`` (by name when known, else by SKU); empty when nothing remains."""
    named = names or {}
    return ", ".join(f"{qty} x {named.get(sku, sku)}" for sku, qty in remaining.items() if qty > 0)


def last_synced(ctx: CounterContext, what: str) -> Text:
    """``last synced 2027-01-15 09:30`` (local time), or ``never synced``."""
    at = ctx.state.synced_at(what)
    if at is None:
        return Text("never synced")
    return Text("last synced %1", (dt.datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M"),))
