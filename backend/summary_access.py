"""Who may read a member's figures: a terminal showing that member's code or presence proof.

``GET /v1/members/{id}/summary`` used to answer any terminal about any member id (balance and
year spend), and 404 for unknown ids: a stolen terminal key could list members. The summary
is now a signed POST whose body carries the member's code as scanned, or the presence proof
this terminal was given, and the checkout it serves. The code is verified at the backend's
clock for the terminal's store; a code already claimed by another terminal or checkout (held
by an online authorisation, or used by an ingested event) does not serve; a presence proof
must name this terminal, store and checkout. Anything short of that, an unknown member
included, gets one and the same refusal, so the answer tells nothing about who exists.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from backend import holds, presence, schema
from backend.auth import Caller
from backend.errors import Forbidden
from backend.member_codes import MemberCodes
from backend.models import SummaryRequest
from crypto import presence as proofs
from crypto.errors import CodeRejected

REFUSED = "evidence_refused"
REFUSED_MESSAGE = "the member's code or presence proof, shown in this checkout, is needed"


def refusal() -> Forbidden:
    """The one answer for every summary that is not shown the member's evidence."""
    return Forbidden(REFUSED, REFUSED_MESSAGE)


def check(
    conn: Connection,
    codes: MemberCodes,
    caller: Caller,
    member: str,
    request: SummaryRequest,
    now: float,
) -> None:
    """Return when the request shows ``member``'s evidence for this checkout; else refuse."""
    try:
        if request.presence is not None:
            proof = proofs.verify_presence(proofs.from_text(request.presence), codes.trust(), now)
            wrong = presence.mismatch(
                proof, terminal=caller.terminal, store=caller.store, checkout=request.checkout
            )
            shown, code_id = (None, "") if wrong else (proof.member, proof.code_id)
        else:
            assert request.code is not None
            code = codes.verify(request.code, now, store=caller.store)
            shown, code_id = code.member, code.code_id
    except CodeRejected:
        raise refusal() from None
    if shown != member or _claimed_elsewhere(conn, code_id, caller, request.checkout, now):
        raise refusal()
    known = conn.execute(select(schema.members.c.id).where(schema.members.c.id == member))
    if known.first() is None:
        raise refusal()


def _claimed_elsewhere(
    conn: Connection, code_id: str, caller: Caller, checkout: str, now: float
) -> bool:
    """Whether another terminal or checkout holds or used the code."""
    holders = []
    used = holds.code_user(conn, code_id)
    if used is not None:
        holders.append((used.terminal, used.checkout))
    claims = schema.claims
    held = conn.execute(
        select(claims.c.terminal, claims.c.checkout).where(
            claims.c.claim == f"code:{code_id}", claims.c.expires_at >= int(now)
        )
    ).first()
    if held is not None:
        holders.append((str(held.terminal), str(held.checkout)))
    # An ingested event from before checkouts were recorded matches on the terminal alone.
    return any(t != caller.terminal or c not in ("", checkout) for t, c in holders)
