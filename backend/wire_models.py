"""Models that document bodies the backend reads itself, for the OpenAPI document only.

``POST /v1/batches`` is read by ``protocol.batch.open_batch`` (the signature is over the
canonical JSON of ``batch``, so no model may reorder or coerce it) and each event by ingest;
these models describe that wire format (docs/sync.md, "Outbox" and "Wire protocol") so a
client can be generated. ``Error`` is the one refusal shape of every endpoint.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
HEX64 = r"^[0-9a-f]{64}$"
BASE64 = r"^[A-Za-z0-9+/]*={0,2}$"


class Error(BaseModel):
    """Every refusal: a stable code (docs/sync.md, docs/till.md) and a sentence."""

    error: str = Field(description="stable reason code")
    message: str = Field(description="for the technician or the cashier; never echoes input")
    retry_after: int | None = Field(
        default=None, ge=0, description="429: seconds to wait (also the Retry-After header)"
    )


class WireEvent(BaseModel):
    """One event as the terminal's outbox sends it (protocol.events.Event.to_wire)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=UUID)
    terminal: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1, le=2**53)
    kind: Literal["award", "redeem", "discount", "refund", "void", "pickup", "coupon", "checkin"]
    member: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    points: int = Field(ge=-(2**40), le=2**40, description="signed change to the balance")
    local_time_ms: int = Field(ge=0, le=2**53)
    clock_offset_ms: int = Field(ge=-(2**53), le=2**53)
    prev_hash: str = Field(pattern=HEX64, description="SHA-256 of the previous event")
    code_id: str | None = Field(default=None, max_length=256)
    order_id: str | None = Field(default=None, max_length=128)
    coupon_id: str | None = Field(default=None, max_length=128)
    ref_event: str | None = Field(default=None, pattern=UUID)
    staff: str | None = Field(default=None, max_length=64)
    details: dict[str, Any] = Field(default_factory=dict, description="at most 4 KiB")
    code: str | None = Field(default=None, max_length=2048, description="as scanned")
    checkout: str | None = Field(default=None, max_length=128)
    policy_version: int | None = Field(default=None, ge=0)
    catalog_version: int | None = Field(default=None, ge=0)
    presence: str | None = Field(default=None, max_length=2048)
    sale_ref: str | None = Field(default=None, pattern=r"^[A-Za-z0-9._:-]{1,64}$")
    till: str | None = Field(default=None, max_length=64)


class Batch(BaseModel):
    """What the terminal signs: its id, a fresh batch id, up to 1,000 events in chain order."""

    model_config = ConfigDict(extra="forbid")

    terminal: str = Field(min_length=1, max_length=64)
    batch_id: str = Field(pattern=UUID)
    events: list[WireEvent] = Field(max_length=1000)


class SignedBatch(BaseModel):
    """The body of POST /v1/batches."""

    model_config = ConfigDict(extra="forbid")

    batch: Batch
    sig: str = Field(
        pattern=BASE64,
        max_length=128,
        description="base64 Ed25519 signature by the terminal's key over canonical_json(batch)",
    )
