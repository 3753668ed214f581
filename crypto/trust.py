"""The trust bundle: issuer signing keys, revocations and policy, signed by the issuer root.

The bundle is a COSE_Sign1 by the root key (its kid protected) over a CBOR map:
``fmt`` 1, ``ver`` (grows with every bundle), ``iat``, ``root`` (the root public key),
``keys`` [{kid, pub, nbf, exp}], ``rev_certs`` [cert id], ``rev_members`` [member id],
``policy`` {text: value}. A terminal pins the root at provisioning and refuses any bundle not
signed by it, or older than the one it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from crypto import cose, keys
from crypto.cbor import CborError, dumps, loads_strict
from crypto.errors import BundleRejected, Reason

BUNDLE_FORMAT = 1
MAX_BUNDLE_SIZE = 4 * 1024 * 1024


@dataclass(frozen=True)
class IssuerKey:
    """An issuer signing key the root certified for a validity window."""

    kid: bytes
    public: bytes
    not_before: int
    expires_at: int


@dataclass(frozen=True)
class BundleContent:
    """Everything a bundle says, before signing or after verification."""

    version: int
    issued_at: int
    root_public: bytes
    keys: tuple[IssuerKey, ...]
    revoked_certs: frozenset[bytes] = frozenset()
    revoked_members: frozenset[str] = frozenset()
    policy: Mapping[str, Any] = field(default_factory=dict)


def sign_bundle(content: BundleContent, root_key: Ed25519PrivateKey) -> bytes:
    """Encode and sign a bundle with the root key."""
    if keys.public_raw(root_key) != content.root_public:
        raise ValueError("the bundle must name the key that signs it as its root")
    payload = {
        "fmt": BUNDLE_FORMAT,
        "ver": content.version,
        "iat": content.issued_at,
        "root": content.root_public,
        "keys": [
            {"kid": k.kid, "pub": k.public, "nbf": k.not_before, "exp": k.expires_at}
            for k in content.keys
        ],
        "rev_certs": sorted(content.revoked_certs),
        "rev_members": sorted(content.revoked_members),
        "policy": dict(content.policy),
    }
    kid = keys.kid_for(content.root_public)
    return cose.sign(dumps(payload), root_key, protected={cose.HEADER_KID: kid})


class TrustStore:
    """A verified bundle, indexed for the verifier: keys by kid, revocations as sets."""

    def __init__(self, content: BundleContent, raw: bytes) -> None:
        self.content = content
        self.raw = raw
        self._by_kid: dict[bytes, list[tuple[IssuerKey, Ed25519PublicKey]]] = {}
        for key in content.keys:
            entry = (key, keys.public_from_raw(key.public))
            self._by_kid.setdefault(key.kid, []).append(entry)

    @classmethod
    def from_bundle(cls, raw: bytes, pinned_root: bytes | None = None) -> TrustStore:
        """Verify ``raw`` against ``pinned_root`` (or, unpinned, against the root it names)."""
        content = _verify_bundle(raw, pinned_root)
        return cls(content, raw)

    @property
    def version(self) -> int:
        return self.content.version

    @property
    def root_public(self) -> bytes:
        return self.content.root_public

    @property
    def policy(self) -> Mapping[str, Any]:
        return self.content.policy

    def keys_for(self, kid: bytes) -> list[tuple[IssuerKey, Ed25519PublicKey]]:
        """Every issuer key with this kid (kids may collide; each is tried)."""
        return self._by_kid.get(kid, [])

    def is_revoked(self, cert_id: bytes, member: str) -> bool:
        """True when the certificate or the whole member is revoked."""
        return cert_id in self.content.revoked_certs or member in self.content.revoked_members

    def signer_of(self, message: cose.Sign1) -> IssuerKey | None:
        """The bundle key (by protected kid) whose signature verifies ``message``, if any."""
        kid = message.kid
        if kid is None:
            return None
        return next((key for key, public in self.keys_for(kid) if message.verify(public)), None)

    def open_signed(self, raw: bytes, at: float, *, max_size: int) -> bytes:
        """The payload of an issuer-signed message valid at ``at``; BundleRejected otherwise.

        For what the backend sends besides the bundle (policy, catalog): nothing in it is
        believed before the issuer's signature over it has verified.
        """
        try:
            message = cose.decode(raw, max_size=max_size)
        except cose.CoseError as exc:
            raise BundleRejected(Reason.MALFORMED, f"signed document: {exc}") from exc
        key = self.signer_of(message)
        if key is None:
            raise BundleRejected(Reason.BAD_SIGNATURE, "not signed by a key of the trust bundle")
        if not key.not_before <= at < key.expires_at:
            raise BundleRejected(Reason.EXPIRED, f"issuer key {key.kid.hex()} is not valid now")
        return message.payload

    def accept_update(self, raw: bytes) -> TrustStore:
        """The newer store from ``raw``; refuses a foreign root or a version not above ours."""
        candidate = TrustStore.from_bundle(raw, pinned_root=self.root_public)
        if candidate.version < self.version:
            raise BundleRejected(
                Reason.OLDER_BUNDLE,
                f"bundle version {candidate.version} is older than {self.version}",
            )
        if candidate.version == self.version and raw != self.raw:
            raise BundleRejected(
                Reason.OLDER_BUNDLE, f"a different bundle with the same version {self.version}"
            )
        return candidate


def _verify_bundle(raw: bytes, pinned_root: bytes | None) -> BundleContent:
    try:
        message = cose.decode(raw, max_size=MAX_BUNDLE_SIZE)
    except cose.CoseError as exc:
        raise BundleRejected(Reason.MALFORMED, f"trust bundle: {exc}") from exc
    # The signature is checked before any field of the payload is believed.
    try:
        payload = loads_strict(message.payload, max_size=MAX_BUNDLE_SIZE)
        claimed_root = payload["root"] if isinstance(payload, Mapping) else None
        if not isinstance(claimed_root, bytes) or len(claimed_root) != keys.PUBLIC_KEY_SIZE:
            raise ValueError("root must be a 32-byte key")
    except (CborError, KeyError, ValueError) as exc:
        raise BundleRejected(Reason.MALFORMED, f"trust bundle: {exc}") from exc
    root = pinned_root if pinned_root is not None else claimed_root
    # A small-order root would "verify" a forged bundle (R = identity, S = 0) under OpenSSL.
    for what, key in (("pinned root", root), ("bundle root", claimed_root)):
        problem = keys.point_weakness(key)
        if problem is not None:
            raise BundleRejected(Reason.WEAK_KEY, f"{what}: {problem}")
    if not message.verify(keys.public_from_raw(root)):
        if pinned_root is not None:
            raise BundleRejected(Reason.WRONG_ROOT, "not signed by this terminal's issuer root")
        raise BundleRejected(Reason.BAD_SIGNATURE, "trust bundle signature is invalid")
    if claimed_root != root:
        raise BundleRejected(Reason.WRONG_ROOT, "bundle names a different root key")
    try:
        return _parse_content(payload)
    except keys.WeakKey as exc:
        raise BundleRejected(Reason.WEAK_KEY, f"trust bundle: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleRejected(Reason.MALFORMED, f"trust bundle: {exc}") from exc


def _parse_content(payload: Mapping[str, Any]) -> BundleContent:
    if payload.get("fmt") != BUNDLE_FORMAT:
        raise ValueError(f"unsupported bundle format {payload.get('fmt')!r}")
    issuer_keys = tuple(_parse_key(entry) for entry in _list(payload, "keys"))
    rev_certs = _list(payload, "rev_certs")
    rev_members = _list(payload, "rev_members")
    if not all(isinstance(c, bytes) for c in rev_certs):
        raise ValueError("rev_certs must hold byte strings")
    if not all(isinstance(m, str) for m in rev_members):
        raise ValueError("rev_members must hold text")
    policy = payload.get("policy", {})
    if not isinstance(policy, Mapping):
        raise ValueError("policy must be a map")
    version, issued_at = payload["ver"], payload["iat"]
    if not isinstance(version, int) or not isinstance(issued_at, int):
        raise ValueError("ver and iat must be integers")
    return BundleContent(
        version=version,
        issued_at=issued_at,
        root_public=payload["root"],
        keys=issuer_keys,
        revoked_certs=frozenset(rev_certs),
        revoked_members=frozenset(rev_members),
        policy=policy,
    )


def _list(payload: Mapping[str, Any], name: str) -> Iterable[Any]:
    value = payload.get(name, [])
    if not isinstance(value, list | tuple):
        raise ValueError(f"{name} must be a list")
    return value


def _parse_key(entry: object) -> IssuerKey:
    if not isinstance(entry, Mapping):
        raise ValueError("each key must be a map")
    kid, public, nbf, exp = entry["kid"], entry["pub"], entry["nbf"], entry["exp"]
    if not isinstance(kid, bytes) or not isinstance(public, bytes) or len(public) != 32:
        raise ValueError("key kid and pub must be bytes (pub 32)")
    if not isinstance(nbf, int) or not isinstance(exp, int):
        raise ValueError("key nbf and exp must be integers")
    try:
        keys.check_public_key(public)
    except keys.WeakKey as exc:
        raise keys.WeakKey(f"issuer key {kid.hex()}: {exc}") from None
    return IssuerKey(kid=kid, public=public, not_before=nbf, expires_at=exp)
