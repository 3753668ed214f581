"""What the issuer (the loyalty backend) does with its keys: certify, sign bundles, revoke.

Pure: keys come in as objects and results go out as bytes; storing them is the caller's job.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import certificate, cose, documents, keys, presence, trust

CERT_LIFETIME_SECONDS = 7 * 24 * 3600
SIGNING_KEY_LIFETIME_SECONDS = 2 * 365 * 24 * 3600
DEFAULT_POLICY: dict[str, Any] = {"skew_back_steps": 1, "skew_forward_steps": 1}


@dataclass(frozen=True)
class Issuer:
    """The issuer's root key, its current signing key, and the bundle it last published."""

    root_key: Ed25519PrivateKey
    signing_key: Ed25519PrivateKey
    bundle: trust.BundleContent

    @property
    def signing_kid(self) -> bytes:
        return keys.kid_for(keys.public_raw(self.signing_key))

    def signed_bundle(self) -> bytes:
        """The bundle as terminals receive it."""
        return trust.sign_bundle(self.bundle, self.root_key)

    def certify_member(
        self,
        *,
        member: str,
        device_public: bytes,
        tier: str,
        balance: int,
        now: int,
        lifetime: int = CERT_LIFETIME_SECONDS,
        position: int | None = None,
    ) -> bytes:
        """A fresh member certificate for a phone's device key.

        ``position``: the member's ledger position ``balance`` includes (balance model 2).
        """
        claims = certificate.MemberClaims(
            member=member,
            device_public=device_public,
            tier=tier,
            balance=balance,
            balance_as_of=now,
            cert_id=secrets.token_bytes(8),
            issued_at=now,
            expires_at=now + lifetime,
            balance_position=position,
        )
        return certificate.issue(claims, self.signing_key, self.signing_kid)

    def sign_document(self, document: documents.Document) -> bytes:
        """A pickup order, coupon or staff credential signed by the current signing key."""
        return documents.issue(document, self.signing_key, self.signing_kid)

    def sign_presence(self, proof: presence.PresenceProof) -> bytes:
        """A presence proof (manual identification) signed by the current signing key."""
        return presence.issue(proof, self.signing_key, self.signing_kid)

    def sign_payload(self, payload: bytes) -> bytes:
        """Any bytes (a policy, a catalog) as a COSE_Sign1 by the current signing key."""
        return cose.sign(payload, self.signing_key, protected={cose.HEADER_KID: self.signing_kid})

    def revoke(
        self, *, now: int, member: str | None = None, cert_id: bytes | None = None
    ) -> Issuer:
        """A new issuer state whose next bundle revokes the member or certificate."""
        bundle = self.bundle
        members = bundle.revoked_members | ({member} if member else set())
        certs = bundle.revoked_certs | ({cert_id} if cert_id else set())
        return self._republished(replace(bundle, revoked_members=members, revoked_certs=certs), now)

    def rotate_signing_key(self, *, now: int, overlap: int = CERT_LIFETIME_SECONDS) -> Issuer:
        """Add a new signing key; the old one stays valid long enough for issued certificates."""
        new_key = keys.generate()
        old = [replace(k, expires_at=min(k.expires_at, now + overlap)) for k in self.bundle.keys]
        content = replace(self.bundle, keys=(*old, _key_entry(new_key, now)))
        return replace(self, signing_key=new_key)._republished(content, now)

    def _republished(self, content: trust.BundleContent, now: int) -> Issuer:
        return replace(self, bundle=replace(content, version=content.version + 1, issued_at=now))


def new_issuer(now: int, policy: dict[str, Any] | None = None) -> Issuer:
    """A fresh root and signing key, and bundle version 1."""
    root_key, signing_key = keys.generate(), keys.generate()
    content = trust.BundleContent(
        version=1,
        issued_at=now,
        root_public=keys.public_raw(root_key),
        keys=(_key_entry(signing_key, now),),
        policy=dict(DEFAULT_POLICY if policy is None else policy),
    )
    return Issuer(root_key=root_key, signing_key=signing_key, bundle=content)


def _key_entry(key: Ed25519PrivateKey, now: int) -> trust.IssuerKey:
    public = keys.public_raw(key)
    return trust.IssuerKey(
        kid=keys.kid_for(public),
        public=public,
        not_before=now - 300,
        expires_at=now + SIGNING_KEY_LIFETIME_SECONDS,
    )
