"""The unauthenticated calls: a terminal's one-time-code enrolment, a member device's
enrolment and certificate refresh (used by the reference wallet)."""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import keys
from protocol import signing
from sync.errors import BadReply
from sync.http import post_unsigned

TIMEOUT = 15.0


@dataclass(frozen=True)
class TerminalEnrolment:
    """What the backend gives a newly registered terminal."""

    terminal: str
    store: str
    root_public: bytes
    trust_bundle: bytes
    server_time_ms: int


@dataclass(frozen=True)
class MemberCertificate:
    """A member certificate as the backend issued it."""

    member: str
    tier: str
    balance: int
    certificate: bytes
    root_public: bytes
    # Issuer-signed pickup orders and coupons, as ("type:id", COSE bytes).
    documents: tuple[tuple[str, bytes], ...] = ()
    # The member's manual-code secret (base32): only the phone and the backend hold it.
    totp_secret: str | None = None


def enrol_terminal(base_url: str, code: str, public: bytes) -> TerminalEnrolment:
    """Register ``public`` with a one-time code; raises Refused (code_invalid, rate_limited)."""
    reply = post_unsigned(
        base_url, "/v1/terminals/enrol", {"code": code, "public_key": public.hex()}, TIMEOUT
    )
    try:
        return TerminalEnrolment(
            terminal=_text(reply, "terminal"),
            store=_text(reply, "store"),
            root_public=bytes.fromhex(_text(reply, "root_public")),
            trust_bundle=base64.b64decode(_text(reply, "trust_bundle"), validate=True),
            server_time_ms=int(reply["server_time_ms"]),
        )
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise BadReply(f"the enrolment reply is malformed ({exc})") from exc


def enrol_member(
    base_url: str, member: str, device_public: bytes, login: str | None
) -> MemberCertificate:
    """Certify this device key as the member's phone, with a proof of the member's login.

    Raises Refused (login_required, login_invalid, login_locked, weak_key, ...). The member's
    previous phone is replaced: its certificates are revoked in the next bundle.
    """
    payload = {"member": member, "device_public": device_public.hex(), "login": login}
    return _certificate(post_unsigned(base_url, "/v1/members/enrol", payload, TIMEOUT))


def refresh_member(
    base_url: str, member: str, device_key: Ed25519PrivateKey, now: float | None = None
) -> MemberCertificate:
    """A fresh certificate (current tier and balance), asked for with the device key."""
    timestamp = int(time.time() if now is None else now)
    public_hex = keys.public_raw(device_key).hex()
    signature = device_key.sign(signing.refresh_message(member, public_hex, timestamp))
    payload = {
        "member": member,
        "device_public": public_hex,
        "time": timestamp,
        "signature": base64.b64encode(signature).decode(),
    }
    return _certificate(post_unsigned(base_url, "/v1/members/refresh", payload, TIMEOUT))


def _certificate(reply: Any) -> MemberCertificate:
    try:
        return MemberCertificate(
            member=_text(reply, "member"),
            tier=_text(reply, "tier"),
            balance=int(reply["balance"]),
            certificate=base64.b64decode(_text(reply, "certificate"), validate=True),
            root_public=bytes.fromhex(_text(reply, "root_public")),
            documents=tuple(
                (_text(d, "key"), bytes.fromhex(_text(d, "raw")))
                for d in reply.get("documents", [])
            ),
            totp_secret=_optional_text(reply, "totp_secret"),
        )
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise BadReply(f"the certificate reply is malformed ({exc})") from exc


def _text(reply: Any, name: str) -> str:
    value = reply[name]
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text")
    return value


def _optional_text(reply: Any, name: str) -> str | None:
    return None if reply.get(name) is None else _text(reply, name)
