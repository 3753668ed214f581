"""Issuer-signed documents a code may carry: pickup orders, coupons and staff credentials.

A document is a COSE_Sign1 by an issuer signing key (``kid`` protected) over a CBOR map:
``typ`` (pickup | coupon | staff), ``id``, ``sub`` (the member it belongs to), ``nbf``,
``exp``, optional ``stores`` (the stores where it may be used) and ``body`` (per type).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import cose
from crypto.cbor import dumps

DOCUMENT_TYPES = ("pickup", "coupon", "staff")
MAX_ID_CHARS = 64


@dataclass(frozen=True)
class Document:
    """A verified issuer document; ``body`` holds the type's own fields."""

    typ: str
    doc_id: str
    member: str
    not_before: int
    expires_at: int
    stores: tuple[str, ...] | None = None
    body: Mapping[str, Any] = field(default_factory=dict)


def issue(document: Document, signing_key: Ed25519PrivateKey, kid: bytes) -> bytes:
    """Sign a document with an issuer signing key."""
    if document.typ not in DOCUMENT_TYPES:
        raise ValueError(f"unknown document type {document.typ!r}")
    payload: dict[str, Any] = {
        "typ": document.typ,
        "id": document.doc_id,
        "sub": document.member,
        "nbf": document.not_before,
        "exp": document.expires_at,
        "body": dict(document.body),
    }
    if document.stores is not None:
        payload["stores"] = list(document.stores)
    return cose.sign(dumps(payload), signing_key, protected={cose.HEADER_KID: kid})


def parse(payload: object) -> Document:
    """Type-check a decoded document payload; raises ValueError naming the bad field."""
    if not isinstance(payload, Mapping):
        raise ValueError("document must be a map")
    typ = payload.get("typ")
    if typ not in DOCUMENT_TYPES:
        raise ValueError(f"unknown document type {typ!r}")
    doc_id, member = payload.get("id"), payload.get("sub")
    for name, value in (("id", doc_id), ("sub", member)):
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_CHARS:
            raise ValueError(f"document {name} must be text of 1 to {MAX_ID_CHARS} characters")
    nbf, exp = payload.get("nbf"), payload.get("exp")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (nbf, exp)):
        raise ValueError("document nbf and exp must be integers")
    stores = payload.get("stores")
    if stores is not None and (
        not isinstance(stores, list | tuple) or not all(isinstance(s, str) for s in stores)
    ):
        raise ValueError("document stores must be a list of store ids")
    body = payload.get("body", {})
    if not isinstance(body, Mapping) or not all(isinstance(k, str) for k in body):
        raise ValueError("document body must be a map with text keys")
    return Document(
        typ=str(typ),
        doc_id=str(doc_id),
        member=str(member),
        not_before=int(nbf),  # type: ignore[arg-type]
        expires_at=int(exp),  # type: ignore[arg-type]
        stores=tuple(stores) if stores is not None else None,
        body=body,
    )
