"""What a till's sale carries besides its state: the member's view as JSON, who its events
name, and the refusal for a sale the till never opened."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from terminal.counter.errors import CounterRefused
from terminal.counter.results import MemberView, Role, Staff

DECIMAL_FIELDS = ("next_tier_min_spend", "spend_to_next_tier")


class SaleNotFound(CounterRefused):
    def __init__(self, sale_ref: str) -> None:
        super().__init__("unknown_sale", f"This till opened no sale {sale_ref}.")


def till_staff(till: str) -> Staff:
    """Who the events of a till's sale name: the till, acting for its cashier.

    A supervisor's rights, because a refund is decided at the till (its own supervisor rules),
    and the terminal only carries it out for the sale the till names.
    """
    return Staff(f"till:{till}", till, Role.SUPERVISOR)


def view_to_json(view: MemberView) -> dict[str, Any]:
    return dataclasses.asdict(view)


def view_from_json(data: dict[str, Any]) -> MemberView:
    fields = dict(data)
    fields["privileges"] = tuple(fields.get("privileges", ()))
    for name in DECIMAL_FIELDS:
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    return MemberView(**fields)
