"""The one balance model (docs/counter.md): what every screen, receipt, refusal and CLI shows.

A balance comes from a source (the backend's answer for this scan, or the signed card) and
says which of the member's ledger entries it holds: entries 1 to its ``position`` (balance
model 2). This terminal's events are either in that balance or pending on top of it; the rule
deciding which is ``in_balance``, and nothing else decides it. It compares the event's ledger
position, from the backend's answer, with the balance's: two numbers the ledger assigned in
commit order, never two clocks, so an event moves from pending into the balance exactly once.
A balance or an event without a position (a certificate or backend of model 1) falls back to
the old rule, by the moment the terminal recorded the acceptance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sync.outbox import Status, StoredEvent

BACKEND = "backend"
CARD = "card"
_ANSWERED = (Status.ACCEPTED, Status.DUPLICATE)
_UNSENT = (Status.PENDING, Status.IN_FLIGHT)


@dataclass(frozen=True)
class Held:
    """What a balance holds: the ledger position it includes, else the moment it was taken."""

    position: int | None
    as_of_ms: int


@dataclass(frozen=True)
class Figures:
    """The four figures of docs/counter.md, computed from one list of this terminal's events."""

    balance: int
    balance_as_of: int
    balance_source: str
    pending_points: int
    pending_operations: int
    spendable_offline: int
    # The part of the pending events the backend has not answered yet: "waiting to sync".
    # The rest were accepted but are not in this balance (an older card, say).
    unsent_points: int = 0
    unsent_operations: int = 0

    @property
    def available_points(self) -> int:
        """The balance with what is pending on it; never below zero (an overdraft is 0)."""
        return max(0, self.balance + self.pending_points)


def in_balance(stored: StoredEvent, held: Held, clock_offset_ms: int) -> bool:
    """Whether a balance already holds this event.

    Only an event the backend accepted can be in a balance. With a ledger position on both
    sides the positions decide; otherwise (model 1) the event is in it when this terminal
    recorded its acceptance at or before the balance's moment, on the backend's clock.
    """
    if stored.status not in _ANSWERED:
        return False
    if held.position is not None and stored.position is not None:
        return stored.position <= held.position
    if stored.result_ms is None:
        return False
    return stored.result_ms + clock_offset_ms <= held.as_of_ms


def pending(events: Iterable[StoredEvent], held: Held, clock_offset_ms: int) -> list[StoredEvent]:
    """This terminal's events on top of a balance; a rejected event is pending nowhere."""
    return [
        e
        for e in events
        if e.status is not Status.REJECTED and not in_balance(e, held, clock_offset_ms)
    ]


def figures(
    events: list[StoredEvent],
    *,
    balance: int,
    balance_as_of: int,
    balance_source: str,
    held: Held,
    card_balance: int,
    card: Held,
    clock_offset_ms: int,
) -> Figures:
    """The figures for one member from their events at this terminal.

    ``held`` says what the shown balance holds, ``card`` what the signed card's holds.
    """
    on_top = pending(events, held, clock_offset_ms)
    unsent = [e for e in on_top if e.status in _UNSENT]
    # Offline only the signed card is proof: less what was spent here that it does not hold;
    # points earned here since are not spendable until the backend has them. A spend paid by
    # such earnings (authorised online) may exceed the card: nothing is left, not less.
    spent = -sum(
        e.event.points for e in pending(events, card, clock_offset_ms) if e.event.points < 0
    )
    return Figures(
        balance=balance,
        balance_as_of=balance_as_of,
        balance_source=balance_source,
        pending_points=sum(e.event.points for e in on_top),
        pending_operations=len(on_top),
        spendable_offline=max(0, card_balance - spent),
        unsent_points=sum(e.event.points for e in unsent),
        unsent_operations=len(unsent),
    )


def as_of_text(as_of: int) -> str:
    """The moment of a balance as the screen writes it (terminal.ui.texts.clock_time)."""
    when = dt.datetime.fromtimestamp(as_of)
    if when.date() == dt.date.today():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")
