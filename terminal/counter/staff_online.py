"""A holder's own PIN change on a terminal whose staff come from the office.

The office keeps the PIN, so the change is made there (``POST /v1/staff/pin``, signed by this
terminal) and comes back to every terminal of the store in the next staff document; this
terminal takes it at once. Offline, the change is refused with a sentence: a PIN changed only
here would differ from the office's and be overwritten at the next sync.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from sync.errors import Refused, SyncError, TransportError
from terminal.counter.errors import CounterRefused
from terminal.counter.results import Staff
from terminal.counter.staff import check_pin
from terminal.counter.staff_directory import refuse_offline_pin
from terminal.sync_setup import worker_files

if TYPE_CHECKING:
    from terminal.counter.context import CounterContext


def change_own_pin(ctx: CounterContext, staff_id: str, current_pin: str, new_pin: str) -> Staff:
    """Send the change to the office, then apply the office's new directory here."""
    check_pin(new_pin)
    holder = ctx.staff.sign_in(staff_id, current_pin)  # this terminal's lockout guards it
    client = ctx.online
    if client is None:
        raise refuse_offline_pin()
    try:
        client.change_staff_pin(staff_id, current_pin, new_pin)
    except Refused:
        raise CounterRefused(
            "pin_change_refused", "The office refused the new PIN. Ask the loyalty office."
        ) from None
    except TransportError:
        raise refuse_offline_pin() from None
    files = worker_files(ctx.paths, ctx.identity.terminal)
    if files.staff is not None:
        # The office has the new PIN; should this download fail, the next sync brings it.
        with contextlib.suppress(SyncError):
            client.pull_staff(files.staff, files.trust_bundle, files.pinned_root)
    return holder
