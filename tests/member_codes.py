"""Build issuers, member certificates and codes for tests, at chosen times."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import certificate, cose, keys
from crypto.cbor import dumps
from crypto.code import (
    KEY_CERT,
    KEY_COUNTER,
    KEY_PURPOSE,
    KEY_STEP,
    PREFIX,
    PURPOSE_WIRE,
    Purpose,
    make_code,
)
from crypto.documents import Document
from crypto.issuer import Issuer, new_issuer
from crypto.timestep import time_step
from crypto.trust import TrustStore

T0 = 1_800_000_000  # a fixed "now" for tests: 2027-01-15


@dataclass
class Member:
    """A member's phone: device key and certificate, with a growing counter."""

    issuer: Issuer
    member: str = "M1001"
    tier: str = "gold"
    balance: int = 1280
    issued_at: int = T0 - 3600
    lifetime: int = 7 * 86400
    device_key: Ed25519PrivateKey = field(default_factory=keys.generate)
    cert_id: bytes = b"\x01" * 8
    counter: int = 0
    position: int | None = None  # the ledger position the balance holds (balance model 2)

    def __post_init__(self) -> None:
        self.certificate = certificate.issue(
            certificate.MemberClaims(
                member=self.member,
                device_public=keys.public_raw(self.device_key),
                tier=self.tier,
                balance=self.balance,
                balance_as_of=self.issued_at,
                cert_id=self.cert_id,
                issued_at=self.issued_at,
                expires_at=self.issued_at + self.lifetime,
                balance_position=self.position,
            ),
            self.issuer.signing_key,
            self.issuer.signing_kid,
        )

    def code(
        self,
        at: float = T0,
        purpose: Purpose = Purpose.CHECKOUT,
        document: bytes | None = None,
    ) -> str:
        self.counter += 1
        return make_code(
            self.certificate,
            self.device_key,
            step=time_step(at),
            counter=self.counter,
            purpose=purpose,
            document=document,
        )

    def document(self, typ: str, doc_id: str = "D1", **kwargs: object) -> bytes:
        fields: dict[str, object] = {
            "typ": typ,
            "doc_id": doc_id,
            "member": self.member,
            "not_before": T0 - 86400,
            "expires_at": T0 + 86400,
            **kwargs,
        }
        return self.issuer.sign_document(Document(**fields))  # type: ignore[arg-type]


def make_issuer(now: int = T0 - 86400) -> Issuer:
    return new_issuer(now)


def trust_of(issuer: Issuer) -> TrustStore:
    return TrustStore.from_bundle(issuer.signed_bundle(), issuer.bundle.root_public)


def with_policy(issuer: Issuer, **policy: object) -> Issuer:
    return replace(issuer, bundle=replace(issuer.bundle, policy={**issuer.bundle.policy, **policy}))


def certificate_for_key(
    issuer: Issuer, device_public: bytes, member: str = "M1001", issued_at: int = T0 - 3600
) -> bytes:
    """An issuer-signed certificate for any 32 bytes, as a careless issuer would make one.

    certificate.issue refuses weak keys, so this signs the claims directly: it is what a
    verifier must still refuse.
    """
    claims = certificate.MemberClaims(
        member=member,
        device_public=device_public,
        tier="gold",
        balance=1280,
        balance_as_of=issued_at,
        cert_id=b"\x02" * 8,
        issued_at=issued_at,
        expires_at=issued_at + 7 * 86400,
    )
    protected = {cose.HEADER_KID: issuer.signing_kid}
    return cose.sign(
        certificate.encode_claims(claims), issuer.signing_key, protected=protected, tagged=False
    )


def code_with_signature(
    certificate_bytes: bytes,
    signature: bytes,
    *,
    at: float = T0,
    counter: int = 1,
    purpose: Purpose = Purpose.CHECKOUT,
) -> str:
    """An LP1 code whose device signature is exactly ``signature`` (made by no private key)."""
    payload = dumps(
        {
            KEY_CERT: certificate_bytes,
            KEY_STEP: time_step(at),
            KEY_COUNTER: counter,
            KEY_PURPOSE: PURPOSE_WIRE[purpose],
        }
    )
    protected = dumps({cose.HEADER_ALG: cose.ALG_EDDSA})
    return PREFIX + base45.b45encode(cbor2.dumps([protected, {}, payload, signature])).decode()


def signed_part(code_text: str) -> bytes:
    """The bytes a code's device signature covers (the COSE Sig_structure)."""
    message = cose.decode(base45.b45decode(code_text[len(PREFIX) :]), max_size=4096)
    return message.to_be_signed()


def with_signature(code_text: str, signature: bytes) -> str:
    """The same code with its signature replaced."""
    item = cbor2.loads(base45.b45decode(code_text[len(PREFIX) :]))
    item[3] = signature
    return PREFIX + base45.b45encode(cbor2.dumps(item)).decode()
