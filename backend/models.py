"""Request and reply bodies, as published in the OpenAPI document.

Where the service refuses a field with a reason of its own (``bad_member``, ``bad_device_key``,
``bad_public_key``), the field's pattern is in the document only, so that reason
stays what a client gets (``doc_only``); everywhere else the model's constraints are what is validated.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from protocol.http_errors import JSON_INT

MEMBER = r"^[A-Za-z0-9_.-]{1,64}$"
KEY_HEX = r"^[0-9a-fA-F]{64}$"
SIGNATURE_B64 = r"^[A-Za-z0-9+/]{86}==$"


def one_evidence_schema(schema: dict[str, Any]) -> None:
    """In the document: exactly one of ``code`` and ``presence``, each a string when given."""
    for name in ("code", "presence"):
        field = schema["properties"][name]
        text = next(s for s in field.pop("anyOf") if s.get("type") == "string")
        field.pop("default", None)
        field.update(text)
    schema["oneOf"] = [{"required": ["code"]}, {"required": ["presence"]}]


def doc_only(pattern: str) -> dict[str, str]:
    """A pattern the OpenAPI document states and the service checks with a named reason."""
    return {"pattern": pattern}


class TerminalEnrolment(BaseModel):
    code: str = Field(max_length=64, description="one-time enrolment code, dashes optional")
    public_key: str = Field(
        max_length=64,
        description="the terminal's Ed25519 key, hex",
        json_schema_extra=doc_only(KEY_HEX),
    )


class TerminalEnrolled(BaseModel):
    terminal: str
    store: str
    root_public: str
    trust_bundle: str = Field(description="the signed trust bundle, base64")
    bundle_version: int
    server_time_ms: int


class MemberEnrolment(BaseModel):
    member: str = Field(max_length=64, json_schema_extra=doc_only(MEMBER))
    device_public: str = Field(
        max_length=64,
        description="the phone's Ed25519 key, hex",
        json_schema_extra=doc_only(KEY_HEX),
    )
    login: str | None = Field(
        default=None,
        max_length=128,
        description="proof of the member's login: the WeChat login code in production, a "
        "code from 'loyalty-backend admin login-code' with the reference backend",
    )


class CertificateRefresh(BaseModel):
    member: str = Field(max_length=64, json_schema_extra=doc_only(MEMBER))
    device_public: str = Field(max_length=64, json_schema_extra=doc_only(KEY_HEX))
    time: Annotated[int, Field(ge=0, le=2**63 - 1), JSON_INT] = Field(
        description="UNIX seconds, signed"
    )
    signature: str = Field(
        max_length=128,
        description="device signature, base64",
        json_schema_extra=doc_only(SIGNATURE_B64),
    )


class SignedDocument(BaseModel):
    key: str = Field(description="type:id, e.g. pickup:O-1")
    raw: str = Field(description="COSE_Sign1 document, hex")


class SummaryRequest(BaseModel):
    """The member's evidence, as for an online authorisation: exactly one of code, presence."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=one_evidence_schema)

    code: str | None = Field(
        default=None, min_length=1, max_length=2048, description="the member's code as scanned"
    )
    presence: str | None = Field(
        default=None,
        min_length=1,
        max_length=2048,
        description="instead of code: the presence proof of POST /v1/presence, base64",
    )
    checkout: str = Field(
        min_length=1, max_length=128, description="the checkout the member is being served in"
    )

    @model_validator(mode="after")
    def one_evidence(self) -> SummaryRequest:
        if (self.code is None) == (self.presence is None):
            raise ValueError("give the member's code or a presence proof, exactly one")
        return self


class MemberSummary(BaseModel):
    member: str
    tier: str
    balance: int
    position: int | None = Field(
        default=None,
        description="the member's ledger position the balance includes: it holds exactly the "
        "entries numbered 1 to position (docs/counter.md)",
    )
    year_spend: str = Field(description="awards less refunds over the last 365 days, decimal")


class MemberCertificate(BaseModel):
    member: str
    tier: str
    balance: int
    certificate: str = Field(description="CWT, base64")
    root_public: str
    documents: list[SignedDocument] = Field(
        default_factory=list, description="open pickup orders and unused coupons, issuer-signed"
    )
    totp_secret: str | None = Field(
        default=None,
        description="the member's manual-code secret (RFC 6238, base32), for the phone only: "
        "the mini program keeps it in its secure storage",
    )


class Versioned(BaseModel):
    version: int
    changed: bool
    body: dict[str, Any] | None = None
    signed: str | None = Field(
        default=None,
        description="COSE_Sign1 (hex) by an issuer signing key over canonical JSON "
        '{"name", "version", "body"}; terminals use only what it signs',
    )


class BundleReply(BaseModel):
    version: int
    changed: bool
    bundle: str | None = Field(default=None, description="signed trust bundle, base64")


class AuthorisationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=one_evidence_schema)

    event: str = Field(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="the id the event will have, decided now",
    )
    kind: Literal["redeem", "discount", "pickup", "coupon", "checkin"]
    code: str | None = Field(
        default=None, min_length=1, max_length=2048, description="the member's code as scanned"
    )
    presence: str | None = Field(
        default=None,
        min_length=1,
        max_length=2048,
        description="instead of code: the presence proof of POST /v1/presence, base64",
    )
    checkout: str = Field(
        min_length=1, max_length=128, description="the checkout it was scanned in"
    )
    reward: str | None = Field(default=None, max_length=128, description="redeem: catalog id")
    items: dict[str, Annotated[int, Field(gt=0, lt=2**31), JSON_INT]] | None = Field(
        default=None, max_length=200, description="pickup: {sku: qty}; absent: all that remains"
    )
    day: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        description="checkin and redeem: local day",
    )
    catalog_version: Annotated[int, Field(ge=0, le=2**53), JSON_INT] | None = Field(
        default=None, description="redeem: the terminal's"
    )
    points: Annotated[int, Field(gt=0, lt=2**31), JSON_INT] | None = Field(
        default=None, description="discount: the points spent as cash"
    )

    @model_validator(mode="after")
    def one_evidence(self) -> AuthorisationRequest:
        if (self.code is None) == (self.presence is None):
            raise ValueError("give the member's code or a presence proof, exactly one")
        return self


class AuthorisationReply(BaseModel):
    approved: bool
    reason: str | None = None
    message: str | None = None
    kind: str | None = None
    member: str | None = None
    points: int | None = Field(default=None, description="signed change the event must carry")
    balance: int | None = None
    available: int | None = None
    order: str | None = None
    items: dict[str, int] | None = None
    remaining: dict[str, int] | None = None
    coupon: str | None = None
    day: str | None = None
    catalog_version: int | None = None
    reward: str | None = Field(default=None, description="redeem: the reward approved")
    stock: int | None = Field(default=None, description="out_of_stock: the reward's stock")
    expires_at: int | None = Field(default=None, description="the hold ends then (UNIX s)")


class PresenceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    member: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="the member number")
    totp: str = Field(pattern=r"^[0-9]{8}$", description="the 8-digit code the member reads out")
    checkout: str = Field(min_length=1, max_length=128, description="the checkout it serves")


class ReleaseRequest(BaseModel):
    """Nothing: the event in the path names what to give up."""

    model_config = ConfigDict(extra="forbid")


class ReleaseReply(BaseModel):
    released: bool = Field(
        description="whether this terminal's approval held anything that is now free"
    )


class PresenceReply(BaseModel):
    presence: str = Field(description="issuer-signed presence proof (COSE_Sign1), base64")
    member: str
    tier: str
    balance: int
    balance_as_of: int
    expires_at: int = Field(description="the proof's end (UNIX s): events after it are refused")


class EventResult(BaseModel):
    event: str
    status: str
    reason: str | None
    position: int | None = Field(
        default=None,
        description="accepted or duplicate: the member's ledger position of this event",
    )


class BatchReply(BaseModel):
    results: list[EventResult]
    accepted: int
    duplicate: int
    rejected: int


class ServerTime(BaseModel):
    server_time_ms: int
