"""A pickup order's state for the pickup screen: what was ordered, what went out, what is left.

Read-only: the handovers themselves are recorded by terminal.counter.handover. "Handed over"
comes from two places: this terminal's own pickup events (with when and by whom), and the
backend's order status from the last download (it knows other counters' handovers, but
not when or where they were).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from terminal.counter.context import CounterContext
from terminal.counter.handover import done_anywhere, order_items
from terminal.counter.results import MemberView

HANDED_OVER = "handed_over"  # the backend's status of an order nothing is left of


@dataclass(frozen=True)
class OrderLine:
    """One item of the order."""

    sku: str
    name: str
    ordered: int
    handed_over: int  # here, or at every counter as the backend said (download or answer)

    @property
    def remaining(self) -> int:
        return max(0, self.ordered - self.handed_over)


@dataclass(frozen=True)
class Handover:
    """One handover at this terminal: when, by whom, what."""

    event: str
    at: float  # UNIX seconds, this terminal's clock
    staff_id: str
    staff_name: str
    terminal: str
    items: tuple[tuple[str, int], ...]  # (item name, quantity)
    complete: bool


@dataclass(frozen=True)
class OrderState:
    """What the pickup screen shows on a scan of the order's code."""

    order_id: str
    member: str
    lines: tuple[OrderLine, ...]
    history: tuple[Handover, ...]  # oldest first
    backend_status: str | None  # the last download's status; None: not downloaded
    backend_synced_at: int | None  # when order statuses were last downloaded (UNIX s)

    @property
    def remaining(self) -> dict[str, int]:
        """What is still to hand over here, by SKU."""
        return {line.sku: line.remaining for line in self.lines}

    @property
    def handed_over_here(self) -> bool:
        """Every item went out at this terminal."""
        return all(line.remaining == 0 for line in self.lines)

    @property
    def handed_over_elsewhere(self) -> bool:
        """The backend says the order is done, though not (all) at this terminal."""
        return self.backend_status == HANDED_OVER and not self.handed_over_here

    @property
    def complete(self) -> bool:
        """Nothing is left to hand over, as far as this terminal can know."""
        return self.handed_over_here or self.backend_status == HANDED_OVER


def order_state(
    ctx: CounterContext, view: MemberView, remaining: Mapping[str, int] | None = None
) -> OrderState:
    """The order of a pickup code: its items, this terminal's handovers, the backend's status.

    ``remaining``: what the backend just said is left across every counter (an online
    handover's answer); it outranks this terminal's own count.
    """
    items = order_items(view)  # refuses a code that is not a readable pickup order
    order_id = str((view.document or {})["id"])
    # Another counter's handovers too, when the last download of order statuses has them.
    done = done_anywhere(ctx, order_id)
    if remaining is not None:
        done = {sku: int(item["qty"]) - int(remaining.get(sku, 0)) for sku, item in items.items()}
    lines = tuple(
        OrderLine(sku, str(item["name"]), int(item["qty"]), done.get(sku, 0))
        for sku, item in items.items()
    )
    names = {account.staff_id: account.name for account in ctx.staff.accounts()}
    history = []
    for stored in ctx.outbox.find(order_id=order_id):
        event = stored.event
        if event.kind != "pickup":
            continue
        staff = event.staff or ""
        history.append(
            Handover(
                event=event.id,
                at=event.local_time_ms / 1000,
                staff_id=staff,
                staff_name=names.get(staff, staff),
                terminal=event.terminal,
                items=tuple(_item_lines(event.details, items)),
                complete=bool(event.details.get("complete")),
            )
        )
    return OrderState(
        order_id=order_id,
        member=view.member,
        lines=lines,
        history=tuple(history),
        backend_status=ctx.state.order_status(order_id),
        backend_synced_at=ctx.state.synced_at("orders"),
    )


def _item_lines(
    details: Mapping[str, Any], items: dict[str, dict[str, Any]]
) -> list[tuple[str, int]]:
    """(name, quantity) of a pickup event's items, named and ordered as the order lists them."""
    handed = {str(sku): int(qty) for sku, qty in dict(details.get("items") or {}).items()}
    listed = [sku for sku in items if sku in handed] + [sku for sku in handed if sku not in items]
    return [(str(items.get(sku, {}).get("name", sku)), handed[sku]) for sku in listed]
