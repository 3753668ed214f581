"""What a counter operation tells the cashier, the POS and the receipt printer."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from terminal.counter.receipts import Receipt


class Role(StrEnum):
    """What a staff member may do."""

    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    TECHNICIAN = "technician"


@dataclass(frozen=True)
class Staff:
    """The person at the counter; every event records them."""

    staff_id: str
    name: str
    role: Role


@dataclass(frozen=True)
class MemberView:
    """What the member screen shows after a scan."""

    member: str
    tier: str
    privileges: tuple[str, ...]
    balance: int
    balance_as_of: int
    pending_points: int
    pending_operations: int
    next_tier: str | None
    next_tier_min_spend: Decimal | None
    code_id: str
    purpose: str
    document: dict[str, Any] | None = None
    # Known only when the backend answered: the yearly spend is not in the certificate.
    spend_to_next_tier: Decimal | None = None
    # The code exactly as scanned and the checkout it was scanned in: member events carry
    # both, so the backend can re-verify that the member was present.
    code: str = ""
    checkout: str = ""
    # The balance model of docs/counter.md: where ``balance`` comes from, and what the member
    # may spend here while the backend does not answer (the card less spending since).
    balance_source: str = "card"
    spendable_offline: int = 0
    # The signed card's own figures: kept when the backend's balance replaces them on screen,
    # because offline spending is only ever measured against the card.
    card_balance: int = 0
    card_as_of: int = 0
    # ``balance_as_of`` to the millisecond (backend clock): what decides which of this
    # terminal's events the balance already holds when it has no ledger position (model 1).
    balance_as_of_ms: int = 0
    # The ledger positions the balance and the card hold (terminal.counter.balance.in_balance);
    # None from a model-1 certificate or backend.
    balance_position: int | None = None
    card_position: int | None = None
    # Of the pending operations, those the backend has not answered yet ("waiting to sync").
    unsent_points: int = 0
    unsent_operations: int = 0
    # The seen-codes store's verdict (terminal/replay.py): this code was already scanned in
    # this checkout. The one place that decides "the same code again".
    same_scan: bool = False
    # Instead of ``code`` when the member was identified by number and manual code: the
    # backend's presence proof (base64), carried by the member events of this checkout.
    presence: str = ""

    @property
    def available_points(self) -> int:
        """The balance plus this terminal's events not yet in it; never below zero."""
        return max(0, self.balance + self.pending_points)

    def figures(self) -> dict[str, Any]:
        """The balance fields under their documented names (docs/counter.md)."""
        return {
            "balance": self.balance,
            "balance_as_of": self.balance_as_of,
            "balance_source": self.balance_source,
            "pending_points": self.pending_points,
            "available_points": self.available_points,
            "spendable_offline": self.spendable_offline,
        }


@dataclass(frozen=True)
class OpResult:
    """The outcome of one operation: ``ok`` only after its event is committed."""

    ok: bool
    kind: str
    event: str | None = None
    points: int = 0
    reason: str | None = None
    message: str = ""
    member: str | None = None
    receipt: str = ""
    # The receipt's facts, for the app to print in its language and reprint.
    receipt_data: Receipt | None = None
    online: bool | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object (fields documented in the README)."""
        return {
            "ok": self.ok,
            "kind": self.kind,
            "event": self.event,
            "points": self.points,
            "reason": self.reason,
            "message": self.message,
            "member": self.member,
            "online": self.online,
            **self.details,
        }
