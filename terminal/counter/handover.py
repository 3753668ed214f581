"""Self-pickup: hand over a member's online order, whole or in parts, never twice."""

from __future__ import annotations

from typing import Any

from protocol.events import NewEvent, new_event_id
from sync.outbox import Outbox
from terminal.counter import online
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.purposes import allows
from terminal.counter.results import MemberView, OpResult, Staff
from terminal.counter.staff import require


def order_items(view: MemberView) -> dict[str, dict[str, Any]]:
    """The order's items by SKU: name and quantity ordered."""
    document = view.document
    if document is None or not allows(view, "pickup"):
        raise CounterRefused(
            "wrong_purpose", "Ask the member to open the pickup code of the order."
        )
    items: dict[str, dict[str, Any]] = {}
    for item in document["body"].get("items", []):
        if not isinstance(item, dict) or "sku" not in item:
            raise CounterRefused(
                "bad_order", "This order's item list cannot be read. Call the hotline."
            )
        items[str(item["sku"])] = {
            "name": str(item.get("name", item["sku"])),
            "qty": int(item.get("qty", 1)),
        }
    if not items:
        raise CounterRefused("bad_order", "This order has no items.")
    return items


def handed_over(outbox: Outbox, order_id: str) -> dict[str, int]:
    """Quantities already handed over at this terminal, by SKU."""
    done: dict[str, int] = {}
    for stored in outbox.find(order_id=order_id):
        if stored.event.kind == "pickup":
            for sku, qty in dict(stored.event.details.get("items", {})).items():
                done[sku] = done.get(sku, 0) + int(qty)
    return done


def remaining(ctx: CounterContext, view: MemberView) -> dict[str, int]:
    """What is still to hand over, by SKU."""
    items = order_items(view)
    done = handed_over(ctx.outbox, _order_id(view))
    return {sku: item["qty"] - done.get(sku, 0) for sku, item in items.items()}


def pickup(
    ctx: CounterContext, view: MemberView, staff: Staff, items: dict[str, int] | None = None
) -> OpResult:
    """Record the handover of ``items`` (None: everything still outstanding).

    Online, the backend approves it first and says what remains of the order across every
    counter; offline, an order the last download says was handed over is refused.
    """
    require(staff, "pickup")
    ordered = order_items(view)
    order_id = _order_id(view)
    request = _request(ordered, handed_over(ctx.outbox, order_id), items, order_id)
    event_id = new_event_id()
    # "Everything" is what remains across every counter: the backend knows, this one may not.
    names = {sku: str(item["name"]) for sku, item in ordered.items()}
    answer = online.ask(ctx, view, "pickup", event_id, names=names, items=items)
    if answer is not None and answer.items:
        request = _request(ordered, handed_over(ctx.outbox, order_id), answer.items, order_id)
    if answer is None and ctx.state.order_status(order_id) == "handed_over":
        raise CounterRefused(
            "order_handed_over",
            "Order %1 was already handed over at another counter (order statuses %2).",
            order_id,
            online.last_synced(ctx, "orders"),
        )
    if answer is None:
        _not_begun_elsewhere(ctx, ordered, order_id)

    def build(outbox: Outbox) -> NewEvent:
        done = handed_over(outbox, order_id)
        # Checked again inside the transaction: the outbox is the truth at this counter.
        wanted = _request(ordered, done, request, order_id)
        left = {sku: item["qty"] - done.get(sku, 0) for sku, item in ordered.items()}
        complete = all(left[sku] == wanted.get(sku, 0) for sku in ordered if left[sku] > 0)
        if answer is not None and answer.remaining is not None:
            # The backend counts every counter's handovers: this one may finish an order
            # another counter began, which its own outbox does not know.
            complete = not any(qty > 0 for qty in answer.remaining.values())
        return NewEvent(
            kind="pickup",
            member=view.member,
            points=0,
            order_id=order_id,
            code_id=view.code_id,
            staff=staff.staff_id,
            details={
                "items": wanted,
                "complete": complete,
                "lines": [[ordered[sku]["name"], qty] for sku, qty in wanted.items()],
            },
            event_id=event_id,
        )

    if answer is not None and answer.remaining is not None:
        remaining = answer.remaining
    else:
        done = handed_over(ctx.outbox, order_id)
        remaining = {
            sku: item["qty"] - done.get(sku, 0) - request.get(sku, 0)
            for sku, item in ordered.items()
        }
    return ctx.queue(
        build,
        staff=staff,
        details={"remaining": remaining, "remaining_lines": named_lines(ordered, remaining)},
        online=answer is not None,
        view=view,
    )


def done_anywhere(ctx: CounterContext, order_id: str) -> dict[str, int]:
    """Handed over so far as far as this counter knows: its own handovers, or the last
    download's count at every counter where that is more (it never adds the two: this
    counter's synced handovers are in both)."""
    here = handed_over(ctx.outbox, order_id)
    there = ctx.state.order_handed_over(order_id)
    return {sku: max(here.get(sku, 0), there.get(sku, 0)) for sku in {*here, *there}}


def _not_begun_elsewhere(
    ctx: CounterContext, ordered: dict[str, dict[str, Any]], order_id: str
) -> None:
    """Offline, an order another counter began is theirs to finish: the backend accepts a
    handover here only when it authorised it (a partial handover elsewhere is in the last
    download of order statuses)."""
    here = handed_over(ctx.outbox, order_id)
    there = ctx.state.order_handed_over(order_id)
    if not any(qty > here.get(sku, 0) for sku, qty in there.items()):
        return
    done = done_anywhere(ctx, order_id)
    left = {sku: item["qty"] - done.get(sku, 0) for sku, item in ordered.items()}
    raise CounterRefused(
        "order_elsewhere",
        "Order %1 was partly handed over at another counter; while the loyalty server does "
        "not answer, only that counter can go on. Still to hand over: %2.",
        order_id,
        online.remaining_text(left, {sku: str(item["name"]) for sku, item in ordered.items()}),
    )


def named_lines(ordered: dict[str, dict[str, Any]], quantities: dict[str, int]) -> list[list[Any]]:
    """``[[name, qty], ...]`` of ``quantities`` above zero, in the order's order."""
    return [
        [str(item["name"]), int(quantities.get(sku, 0))]
        for sku, item in ordered.items()
        if int(quantities.get(sku, 0)) > 0
    ]


def _request(
    ordered: dict[str, dict[str, Any]],
    done: dict[str, int],
    items: dict[str, int] | None,
    order_id: str,
) -> dict[str, int]:
    """The items to hand over now, checked against what this counter has left of the order."""
    left = {sku: item["qty"] - done.get(sku, 0) for sku, item in ordered.items()}
    if not any(qty > 0 for qty in left.values()):
        raise CounterRefused("already_handed_over", "Order %1 was already handed over.", order_id)
    request = {sku: qty for sku, qty in left.items() if qty > 0} if items is None else items
    for sku, qty in request.items():
        if sku not in ordered:
            raise CounterRefused("unknown_item", "%1 is not part of order %2.", sku, order_id)
        if qty <= 0 or qty > left[sku]:
            raise CounterRefused(
                "too_many",
                "Only %1 of %2 left to hand over.",
                left[sku],
                str(ordered[sku]["name"]),
            )
    return dict(request)


def _order_id(view: MemberView) -> str:
    assert view.document is not None
    return str(view.document["id"])
