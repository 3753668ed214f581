"""The till API's request bodies: bounded strings, no unknown fields."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from protocol.http_errors import JSON_INT

REF = r"^[A-Za-z0-9._:-]{1,64}$"
# Above zero, at most two decimals, at most 1,000,000 (terminal.counter.member.decimal_amount):
# a schema-valid amount is one the desk can take.
AMOUNT = r"^([1-9][0-9]{0,5}(\.[0-9]{1,2})?|1000000(\.00?)?|0\.(0[1-9]|[1-9][0-9]?))$"
MEMBER = r"^[A-Za-z0-9_.-]{1,64}$"
TOTP = r"^ *([0-9] *){8}$"


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OpenSale(Body):
    sale_ref: str = Field(pattern=REF)
    amount: str = Field(pattern=AMOUNT)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    code: str | None = Field(default=None, max_length=4096)


# The document's word for the desk's rule: a code, or a member number with its manual code.
ONE_WAY: JsonDict = {
    "anyOf": [
        {"required": ["code"], "properties": {"code": {"type": "string"}}},
        {
            "required": ["member", "totp"],
            "properties": {"member": {"type": "string"}, "totp": {"type": "string"}},
        },
    ]
}


class Identify(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra=ONE_WAY)

    code: str | None = Field(default=None, max_length=4096)
    # Patterns in the document only: the desk refuses these with reasons of its own
    # (bad_member, totp_invalid), which a client keeps getting.
    member: str | None = Field(default=None, max_length=64, json_schema_extra={"pattern": MEMBER})
    totp: str | None = Field(default=None, max_length=16, json_schema_extra={"pattern": TOTP})


class Confirm(Body):
    paid_amount: str = Field(pattern=AMOUNT)
    receipt_no: str | None = Field(default=None, max_length=64)


class Discount(Body):
    points: Annotated[int, Field(ge=0, le=10**9), JSON_INT]


class Redeem(Body):
    reward: str = Field(min_length=1, max_length=64)


class Refund(Body):
    amount: str | None = Field(default=None, pattern=AMOUNT)


class Empty(Body):
    pass
