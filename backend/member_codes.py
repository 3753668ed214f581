"""The backend re-verifies a member's code with the same pure check the terminals run.

Used by ingest (every member event carries the code as scanned) and by online authorisation.
The trust store is the issuer's current bundle, rebuilt when the issuer publishes a new one.

Issuer signatures (on certificates and documents) are verified once per distinct message and
bundle version: a batch carries many codes of one member, all with the same certificate, and
the device signature over each code is what really differs. The cache is keyed by SHA-256 of
the signed bytes and the signature, so a different or altered certificate is a miss.
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections import OrderedDict
from dataclasses import replace

from backend.issuer_cache import IssuerCache
from crypto import cose
from crypto.code import Purpose
from crypto.presence import PresenceProof, from_text, verify_presence
from crypto.trust import IssuerKey, TrustStore
from crypto.verify import VerifiedCode, VerifyOptions, verify_code

DEFAULT_SKEW_STEPS = 1
CACHE_ENTRIES = 65536


class SignatureCache:
    """A bounded LRU of issuer-signature verdicts, keyed by what was signed and the signature."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[bytes, IssuerKey | None] = OrderedDict()

    @staticmethod
    def key(message: cose.Sign1) -> bytes:
        digest = hashlib.sha256()
        for part in (message.protected_bytes, message.payload, message.signature):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.digest()

    def get(self, key: bytes) -> tuple[bool, IssuerKey | None]:
        with self._lock:
            if key in self._entries:
                self.hits += 1
                self._entries.move_to_end(key)
                return True, self._entries[key]
            self.misses += 1
            return False, None

    def put(self, key: bytes, signer: IssuerKey | None) -> None:
        with self._lock:
            self._entries[key] = signer
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class _CachingTrust(TrustStore):
    """A trust store that remembers which bundle key signed a message it has seen."""

    def __init__(self, store: TrustStore, cache: SignatureCache) -> None:
        super().__init__(store.content, store.raw)
        self._cache = cache

    def signer_of(self, message: cose.Sign1) -> IssuerKey | None:
        key = SignatureCache.key(message)
        found, signer = self._cache.get(key)
        if not found:
            signer = super().signer_of(message)
            self._cache.put(key, signer)
        return signer


class MemberCodes:
    """Verify member codes against the issuer's own bundle; raises crypto's CodeRejected."""

    def __init__(self, issuers: IssuerCache, cache_entries: int = CACHE_ENTRIES) -> None:
        self._issuers = issuers
        self._lock = threading.Lock()
        self._cache_entries = cache_entries
        self._trust: TrustStore | None = None
        self._unrevoked: TrustStore | None = None
        self._pinned: tuple[TrustStore, TrustStore] | None = None
        self.cache = SignatureCache(cache_entries)

    def pinned(self) -> MemberCodes:
        """These codes with the issuer's bundle looked up once, for one batch.

        Looking it up stats the issuer's file; once per code that was a tenth of ingest. A
        bundle published during the batch counts from the next one, as if the batch had come
        a few milliseconds earlier.
        """
        pinned = copy.copy(self)
        pinned._pinned = self._stores()
        return pinned

    def trust(self) -> TrustStore:
        """The issuer's current bundle as a trust store."""
        return self._stores()[0]

    def _stores(self) -> tuple[TrustStore, TrustStore]:
        if self._pinned is not None:
            return self._pinned
        issuer = self._issuers.get()
        with self._lock:
            if self._trust is None or self._trust.version != issuer.bundle.version:
                # A new bundle: verdicts of the old one no longer count (keys may have changed).
                self.cache = SignatureCache(self._cache_entries)
                plain = TrustStore(issuer.bundle, issuer.signed_bundle())
                self._trust = _CachingTrust(plain, self.cache)
                # The same keys without the revocations: ingest decides by revocation time.
                bare = replace(
                    issuer.bundle, revoked_certs=frozenset(), revoked_members=frozenset()
                )
                self._unrevoked = _CachingTrust(TrustStore(bare, plain.raw), self.cache)
            assert self._unrevoked is not None
            return self._trust, self._unrevoked

    def verify(
        self,
        text: str,
        at: float,
        *,
        purpose: Purpose | None = None,
        store: str | None = None,
    ) -> VerifiedCode:
        """The verified code at time ``at`` (the event's corrected time, in seconds)."""
        return self._verify(self._stores()[0], text, at, purpose, store)

    def verify_ignoring_revocation(
        self,
        text: str,
        at: float,
        *,
        purpose: Purpose | None = None,
        store: str | None = None,
    ) -> tuple[VerifiedCode, bool]:
        """The verified code, and whether the current bundle revokes its certificate or member.

        For ingest: an event made before a revocation keeps counting; the caller compares the
        event's time with the recorded revocation time (backend.revocations).
        """
        trust, unrevoked = self._stores()
        verified = self._verify(unrevoked, text, at, purpose, store)
        return verified, trust.is_revoked(verified.cert_id, verified.member)

    def verify_presence(self, text: str, at: float) -> tuple[PresenceProof, bool]:
        """A presence proof verified at ``at``, and whether the bundle now revokes its member.

        Like ``verify_ignoring_revocation``: ingest decides by the revocation's time.
        """
        trust, unrevoked = self._stores()
        proof = verify_presence(from_text(text), unrevoked, at)
        return proof, proof.member in trust.content.revoked_members

    def _verify(
        self, trust: TrustStore, text: str, at: float, purpose: Purpose | None, store: str | None
    ) -> VerifiedCode:
        options = VerifyOptions(
            skew_back_steps=int(trust.policy.get("skew_back_steps", DEFAULT_SKEW_STEPS)),
            skew_forward_steps=int(trust.policy.get("skew_forward_steps", DEFAULT_SKEW_STEPS)),
            purpose=purpose,
            store=store,
        )
        return verify_code(text, trust, at, options)
