"""What a terminal asks while a member is at the counter: the member's summary, an
authorisation of points (backend.authorisation) and a presence proof for a member number and
manual code (backend.presence). Every request is signed; the body is read by the handler."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.exc import IntegrityError

from backend import authorisation, http_errors, members, models, presence, summary_access
from backend.auth import Caller
from backend.errors import Conflict
from backend.member_codes import MemberCodes
from backend.routes.deps import DB, Auth, Codes, EventId, Issuers, Now
from crypto import presence as proofs
from crypto.errors import CodeRejected

router = APIRouter()


# A signed POST: the body carries the member's code or presence proof (summary_access).
@router.post("/v1/members/{member}/summary", response_model=models.MemberSummary)
def member_summary(auth: Auth, member: str, engine: DB, codes: Codes, now: Now) -> dict[str, Any]:
    shown = http_errors.parse(models.SummaryRequest, auth.body)
    with engine.begin() as conn:
        summary_access.check(conn, codes, auth.caller, member, shown, now)
        return members.summary(conn, member, int(now * 1000))


@router.post("/v1/authorisations", response_model=models.AuthorisationReply)
def authorise(auth: Auth, engine: DB, codes: Codes, now: Now) -> dict[str, Any]:
    body = http_errors.parse(models.AuthorisationRequest, auth.body)
    request = authorisation.Request(**body.model_dump())
    code: authorisation.Shown
    try:
        if request.presence is not None:
            code = _presence_shown(codes, auth.caller, request, now)
        else:  # at the server's time: the code must be fresh now, not when the terminal says
            assert request.code is not None
            code = codes.verify(request.code, now, store=auth.caller.store)
    except CodeRejected as exc:
        return {"approved": False, "reason": exc.reason.value, "message": str(exc)}
    except authorisation.Refusal as refusal:
        with engine.begin() as conn:
            authorisation.flag(conn, auth.caller, request, refusal, int(now))
        return refusal.reply()
    try:
        with engine.begin() as conn:
            return authorisation.authorise(conn, auth.caller, request, code, int(now))
    except authorisation.Refusal as refusal:  # rolled back: nothing is held
        with engine.begin() as conn:
            authorisation.flag(conn, auth.caller, request, refusal, int(now))
        return refusal.reply()
    except IntegrityError:  # the same event id asked twice at the same moment
        raise Conflict("event_conflict", "this event id is being authorised already") from None


@router.post("/v1/authorisations/{event}/release", response_model=models.ReleaseReply)
def release(auth: Auth, event: EventId, engine: DB) -> dict[str, Any]:
    http_errors.parse(models.ReleaseRequest, auth.body)
    with engine.begin() as conn:
        return {"released": authorisation.release(conn, auth.caller, event)}


@router.post("/v1/presence", response_model=models.PresenceReply)
def identify(auth: Auth, engine: DB, issuers: Issuers, clock: Now) -> dict[str, Any]:
    body = http_errors.parse(models.PresenceRequest, auth.body)
    now = int(clock)
    with engine.begin() as conn:  # committed first: a refused try still counts
        locked = presence.count_terminal_try(conn, auth.caller.terminal, now)
        locked = locked or presence.count_try(conn, body.member, now)
    if locked is not None:
        raise locked
    with engine.begin() as conn:
        raw, proof = presence.identify(
            conn,
            issuers.get(),
            auth.caller,
            body.member,
            body.totp,
            body.checkout,
            now,
            vault=issuers.vault,
        )
    return {
        "presence": proofs.to_text(raw),
        "member": proof.member,
        "tier": proof.tier,
        "balance": proof.balance,
        "balance_as_of": proof.balance_as_of,
        "expires_at": proof.expires_at,
    }


def _presence_shown(
    codes: MemberCodes, caller: Caller, request: authorisation.Request, now: float
) -> presence.Shown:
    """The presence proof of an authorisation, for this terminal, store and checkout now."""
    assert request.presence is not None
    try:
        proof = proofs.verify_presence(proofs.from_text(request.presence), codes.trust(), now)
    except CodeRejected as exc:
        raise authorisation.Refusal(
            f"presence_invalid:{exc.reason.value}", f"the presence proof is refused: {exc}"
        ) from None
    wrong = presence.mismatch(
        proof, terminal=caller.terminal, store=caller.store, checkout=request.checkout
    )
    if wrong is not None:
        raise authorisation.Refusal(*wrong, proof.member)
    return presence.Shown(member=proof.member, code_id=proof.code_id)
