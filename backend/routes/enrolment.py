"""The server's clock and enrolment: a terminal with a one-time code, a member's phone with a
login proof (backend.login), and the phone's certificate refresh. None of these is signed."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Depends

from backend import enrolment, login, member_documents, members, models, presence, staff
from backend.errors import BackendError, BadRequest
from backend.routes.deps import (
    DB,
    Client,
    Issuers,
    Logins,
    Now,
    member_enrolment_limit,
    refresh_limit,
)
from protocol.staff_directory import terminal_key

router = APIRouter()


@router.get("/v1/time", response_model=models.ServerTime)
def server_clock(now: Now) -> dict[str, Any]:
    return {"server_time_ms": int(now * 1000)}


@router.post("/v1/terminals/enrol", response_model=models.TerminalEnrolled)
def enrol_terminal(
    body: models.TerminalEnrolment, engine: DB, issuers: Issuers, client: Client, now: Now
) -> dict[str, Any]:
    with engine.begin() as conn:  # one transaction: code redeemed only if registered
        enrolled = enrolment.enrol_terminal(conn, body.code, body.public_key, client, int(now))
        if enrolled is not None:  # the secret that binds this terminal's staff verifiers
            key = terminal_key(body.code, bytes.fromhex(body.public_key))
            staff.save_terminal_key(conn, enrolled[0], key)
    if enrolled is None:  # raised after the commit, so the failure is counted
        raise BackendError("code_invalid", enrolment.CODE_INVALID)
    terminal, store = enrolled
    issuer = issuers.get()
    return {
        "terminal": terminal,
        "store": store,
        "root_public": issuer.bundle.root_public.hex(),
        "trust_bundle": base64.b64encode(issuer.signed_bundle()).decode(),
        "bundle_version": issuer.bundle.version,
        "server_time_ms": int(now * 1000),
    }


@router.post(
    "/v1/members/enrol",
    response_model=models.MemberCertificate,
    dependencies=[Depends(member_enrolment_limit)],
)
def enrol_member(
    body: models.MemberEnrolment, engine: DB, issuers: Issuers, logins: Logins, clock: Now
) -> dict[str, Any]:
    # A malformed request is refused before the login proof is looked at (and used up).
    device = members.check_enrolment(body.member, body.device_public)
    issuer = issuers.get()
    now = int(clock)
    try:
        with engine.begin() as conn:  # the proof is used exactly when the enrolment commits
            logins.confirm(conn, body.member, body.login, now)
            enrolled = members.enrol(conn, issuer, body.member, device, now)
            documents = member_documents.signed_documents(conn, issuer, body.member, now)
            secret = presence.ensure_secret(conn, body.member, now, vault=issuers.vault)
            revoked = members.revoked_unexpired(conn, now)
            expired = members.expired_certs(conn, issuer.bundle.revoked_certs, now)
    except login.LoginRefused as refused:
        if refused.guess:
            with engine.begin() as conn:
                logins.record_failure(conn, body.member, now)
        raise
    # The previous phone's codes stop working; certificates past their expiry leave the list.
    if revoked - issuer.bundle.revoked_certs or expired:
        members.publish_revocations(issuers.store, revoked, now, expired)
    return members.certificate_reply(
        enrolled.certified, issuer.bundle.root_public, documents, secret
    )


@router.post(
    "/v1/members/refresh",
    response_model=models.MemberCertificate,
    dependencies=[Depends(refresh_limit)],
)
def refresh_member(
    body: models.CertificateRefresh, engine: DB, issuers: Issuers, clock: Now
) -> dict[str, Any]:
    try:
        signature = base64.b64decode(body.signature, validate=True)
    except ValueError:  # binascii.Error, and ValueError for text that is not ASCII
        raise BadRequest("malformed", "signature must be base64") from None
    issuer, now = issuers.get(), int(clock)
    with engine.begin() as conn:
        cert = members.refresh(
            conn,
            issuer,
            body.member,
            body.device_public,
            body.time,
            signature,
            now,
        )
        documents = member_documents.signed_documents(conn, issuer, body.member, now)
        # A member enrolled before manual codes existed gets a secret here.
        secret = presence.ensure_secret(conn, body.member, now, vault=issuers.vault)
    return members.certificate_reply(cert, issuer.bundle.root_public, documents, secret)
