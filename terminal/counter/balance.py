"""The one balance model (docs/counter.md): what every screen, receipt, refusal and CLI shows.

A balance comes from a source at a moment: the backend's answer for this scan, or the signed
card. This terminal's events are either already in that balance or pending on top of it; the
rule deciding which is ``in_balance``, and nothing else decides it, so after a sync an event
moves from pending into the balance without being counted twice or lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sync.outbox import Status, StoredEvent

BACKEND = "backend"
CARD = "card"
_ANSWERED = (Status.ACCEPTED, Status.DUPLICATE)


@dataclass(frozen=True)
class Figures:
    """The four figures of docs/counter.md, computed from one list of this terminal's events."""

    balance: int
    balance_as_of: int
    balance_source: str
    pending_points: int
    pending_operations: int
    spendable_offline: int

    @property
    def available_points(self) -> int:
        return self.balance + self.pending_points


def in_balance(stored: StoredEvent, as_of_ms: int, clock_offset_ms: int) -> bool:
    """Whether a balance taken at ``as_of_ms`` (backend clock) already holds this event.

    Only an event whose acceptance this terminal recorded at or before that moment (on the
    backend's clock) is known to be in it; a rejected event is in no balance and pending
    nowhere.
    """
    if stored.status not in _ANSWERED or stored.result_ms is None:
        return False
    return stored.result_ms + clock_offset_ms <= as_of_ms


def pending(
    events: Iterable[StoredEvent], as_of_ms: int, clock_offset_ms: int
) -> list[StoredEvent]:
    """This terminal's events on top of a balance taken at ``as_of_ms``."""
    return [
        e
        for e in events
        if e.status is not Status.REJECTED and not in_balance(e, as_of_ms, clock_offset_ms)
    ]


def figures(
    events: list[StoredEvent],
    *,
    balance: int,
    balance_as_of: int,
    balance_as_of_ms: int,
    balance_source: str,
    card_balance: int,
    card_as_of: int,
    clock_offset_ms: int,
) -> Figures:
    """The figures for one member from their events at this terminal.

    ``balance_as_of_ms`` is the balance's moment to the millisecond where it is known (the
    backend's answer); a card is stamped in whole seconds.
    """
    on_top = pending(events, balance_as_of_ms, clock_offset_ms)
    # Offline only the signed card is proof: less what was spent here since it was signed;
    # points earned here since are not spendable until the backend has them.
    spent = -sum(
        e.event.points
        for e in pending(events, card_as_of * 1000, clock_offset_ms)
        if e.event.points < 0
    )
    return Figures(
        balance=balance,
        balance_as_of=balance_as_of,
        balance_source=balance_source,
        pending_points=sum(e.event.points for e in on_top),
        pending_operations=len(on_top),
        spendable_offline=card_balance - spent,
    )


def as_of_text(as_of: int) -> str:
    """The moment of a balance as the screen writes it (terminal.ui.texts.clock_time)."""
    when = dt.datetime.fromtimestamp(as_of)
    if when.date() == dt.date.today():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")
