"""What a terminal pulls: the trust bundle, the signed policy and catalog, the staff directory
(and a cashier's PIN change), pickup orders and coupon statuses. Every request is signed."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Engine

from backend import downstream, http_errors, models, staff_api
from backend.issuer_cache import IssuerCache
from backend.routes.deps import DB, Auth, Issuers, Now, Since
from protocol.canonical import canonical_json

router = APIRouter()


@router.get("/v1/bundle", response_model=models.BundleReply)
def bundle(auth: Auth, issuers: Issuers, since: Since = 0) -> dict[str, Any]:
    issuer = issuers.get(fresh=True)  # whichever node published it last
    version = issuer.bundle.version
    if version <= since:
        return {"version": version, "changed": False, "bundle": None}
    raw = base64.b64encode(issuer.signed_bundle()).decode()
    return {"version": version, "changed": True, "bundle": raw}


@router.get("/v1/policy", response_model=models.Versioned)
def policy(auth: Auth, engine: DB, issuers: Issuers, since: Since = 0) -> dict[str, Any]:
    return _versioned(engine, issuers, "policy", since)


@router.get("/v1/catalog", response_model=models.Versioned)
def catalog(auth: Auth, engine: DB, issuers: Issuers, since: Since = 0) -> dict[str, Any]:
    return _versioned(engine, issuers, "catalog", since)


@router.get("/v1/staff")
def staff_document(
    auth: Auth, engine: DB, issuers: Issuers, now: Now, since: Since = 0
) -> dict[str, Any]:
    with engine.begin() as conn:
        return staff_api.document_reply(conn, issuers.get(), auth.caller, since, int(now))


@router.post("/v1/staff/pin")
def staff_pin(auth: Auth, engine: DB, now: Now) -> dict[str, Any]:
    change = http_errors.parse(staff_api.PinChange, auth.body)
    with engine.begin() as conn:  # committed either way: a wrong PIN's count stays
        version = staff_api.change_pin(conn, auth.caller, change, int(now))
    if version < 0:
        raise staff_api.wrong_pin()
    return {"version": version}


@router.get("/v1/pickup-orders")
def pickup_orders(auth: Auth, engine: DB, since: Since = 0) -> dict[str, Any]:
    with engine.begin() as conn:
        return downstream.orders_since(conn, auth.caller.store, since)


@router.get("/v1/coupon-statuses")
def coupon_statuses(auth: Auth, engine: DB, since: Since = 0) -> dict[str, Any]:
    with engine.begin() as conn:
        return downstream.coupons_since(conn, auth.caller.store, since)


def _versioned(engine: Engine, issuers: IssuerCache, name: str, since: int) -> dict[str, Any]:
    with engine.begin() as conn:
        version, body = downstream.document(conn, name)
    if version <= since:
        return {"version": version, "changed": False, "body": None}
    # Terminals apply only what the issuer signed: name, version and body together.
    payload = canonical_json({"name": name, "version": version, "body": body})
    signed = issuers.get().sign_payload(payload).hex()
    return {"version": version, "changed": True, "body": body, "signed": signed}
