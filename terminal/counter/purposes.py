"""Which counter action a code's purpose allows: one table for the operations and the screen.

The member app shows a code for one purpose (checkout, check-in, coupon, pickup); the
operations refuse a code of another purpose, and the member screen disables the same
actions before anyone taps them.
"""

from __future__ import annotations

from terminal.counter.results import MemberView

# action: the code purposes it accepts
PURPOSES: dict[str, tuple[str, ...]] = {
    "award": ("checkout",),
    "discount": ("checkout",),
    "redeem": ("checkout",),
    "checkin": ("checkin", "checkout"),
    "coupon": ("coupon",),
    "pickup": ("pickup",),
}

# the document a purpose must carry for its action
DOCUMENTS = {"coupon": "coupon", "pickup": "pickup"}


def allows(view: MemberView, action: str) -> bool:
    """The scanned code may be used for ``action`` (its purpose, and its document if any)."""
    if view.purpose not in PURPOSES.get(action, ()):
        return False
    wanted = DOCUMENTS.get(action)
    return wanted is None or (view.document or {}).get("type") == wanted


def allowed_actions(view: MemberView) -> frozenset[str]:
    """Every action the code allows."""
    return frozenset(action for action in PURPOSES if allows(view, action))
