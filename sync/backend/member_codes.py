"""The backend re-verifies a member's code with the same pure check the terminals run.

Used by ingest (every member event carries the code as scanned) and by online authorisation.
The trust store is the issuer's current bundle, rebuilt when the issuer publishes a new one.
"""

from __future__ import annotations

import threading

from crypto.code import Purpose
from crypto.trust import TrustStore
from crypto.verify import VerifiedCode, VerifyOptions, verify_code
from sync.backend.issuer_cache import IssuerCache

DEFAULT_SKEW_STEPS = 1


class MemberCodes:
    """Verify member codes against the issuer's own bundle; raises crypto's CodeRejected."""

    def __init__(self, issuers: IssuerCache) -> None:
        self._issuers = issuers
        self._lock = threading.Lock()
        self._trust: TrustStore | None = None

    def trust(self) -> TrustStore:
        """The issuer's current bundle as a trust store."""
        issuer = self._issuers.get()
        with self._lock:
            if self._trust is None or self._trust.version != issuer.bundle.version:
                self._trust = TrustStore(issuer.bundle, issuer.signed_bundle())
            return self._trust

    def verify(
        self,
        text: str,
        at: float,
        *,
        purpose: Purpose | None = None,
        store: str | None = None,
    ) -> VerifiedCode:
        """The verified code at time ``at`` (the event's corrected time, in seconds)."""
        trust = self.trust()
        options = VerifyOptions(
            skew_back_steps=int(trust.policy.get("skew_back_steps", DEFAULT_SKEW_STEPS)),
            skew_forward_steps=int(trust.policy.get("skew_forward_steps", DEFAULT_SKEW_STEPS)),
            purpose=purpose,
            store=store,
        )
        return verify_code(text, trust, at, options)
