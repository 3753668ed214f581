"""Build issuers, member certificates and codes for tests, at chosen times."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import certificate, keys
from crypto.code import Purpose, make_code
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
