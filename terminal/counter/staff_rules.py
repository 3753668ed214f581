"""Who may manage whose staff account: no one creates or changes an account above their own.

Rank for counter rights: cashier < technician < supervisor. A supervisor manages every account;
a technician may add cashiers and technicians, never a supervisor (not even a new store's first:
that one is the very first account, or comes from the office's directory); a cashier manages
nobody. Disabling an account and
resetting someone else's PIN are a supervisor's; changing one's own PIN needs one's current PIN.
"""

from __future__ import annotations

from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role, Staff

RANK = {Role.CASHIER: 0, Role.TECHNICIAN: 1, Role.SUPERVISOR: 2}


def check_add(actor: Staff | None, role: Role, *, accounts: int, supervisors: int) -> None:
    """Refuse adding a ``role`` account that ``actor`` may not create.

    ``actor`` None is whoever set the terminal up, before any account exists: the very first
    account needs no sign-in, every later one does.
    """
    if actor is None:
        if accounts:
            raise CounterRefused(
                "sign_in_required", "Sign in as a supervisor to add staff accounts."
            )
        return
    if actor.role is Role.CASHIER:
        raise CounterRefused("not_allowed", "A cashier may not manage staff accounts.")
    if RANK[role] <= RANK[actor.role]:
        return
    raise CounterRefused(
        "above_own_rights",
        "No one may create an account with more rights than their own. Ask a supervisor.",
    )


def check_manage(actor: Staff, target: str) -> None:
    """Refuse disabling, enabling or resetting the PIN of ``target`` unless a supervisor asks."""
    if actor.role is not Role.SUPERVISOR:
        raise CounterRefused(
            "not_allowed", "Only a supervisor may disable an account or reset someone's PIN."
        )
    if actor.staff_id == target:
        raise CounterRefused(
            "own_account",
            "You cannot disable your own account or reset your own PIN here; "
            "change your PIN with your current PIN.",
        )
