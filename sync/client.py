"""The terminal's sync client: push the outbox, pull what changed, authorise online.

``push`` sends the outbox in batches bounded by count and bytes, retrying a batch with
exponential backoff and full jitter while the backend is unreachable or answers badly; each
event's result is stored as it arrives, and an event with no answer goes back to pending.
``presence`` asks the backend to identify a member by number and manual code.
``pull`` brings the trust bundle (verified against the pinned root before it replaces the
file), policy, catalog, this store's pickup orders, used coupons and the server clock offset.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from config.files import write_atomic
from config.settings import SyncSettings
from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from protocol import batch as batches
from protocol.catalog import rewards_from_document
from protocol.events import Event
from protocol.policy import policy_from_document
from sync.errors import BackendUnavailable, BadReply, Refused, TransportError
from sync.http import SignedSession
from sync.link import link_for
from sync.outbox import Outbox, Result
from sync.replies import parse_results, signed_document
from sync.staff_pull import StaffCache, verified_staff
from sync.state import TerminalState


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base*2^n))."""

    base: float = 0.5
    cap: float = 30.0
    attempts: int = 5

    def delays(self, rng: random.Random) -> Iterator[float]:
        for attempt in range(self.attempts - 1):
            yield rng.uniform(0, min(self.cap, self.base * 2**attempt))


@dataclass
class PushReport:
    """What one push did; ``error`` names why it stopped early, ``cause`` as a stable code
    (``failure_code``) for the app's sentence."""

    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    pending: int = 0
    error: str | None = None
    cause: str | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PullReport:
    """Versions after a pull, the clock offset, and what failed."""

    versions: dict[str, int] = field(default_factory=dict)
    clock_offset_ms: int = 0
    clock_warning: bool = False
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Authorisation:
    """The backend's answer to an authorisation, or ``online=False`` when it did not answer.

    The figures are the backend's: ``points`` the signed change the event must carry,
    ``balance``/``available`` for a redemption; for a pickup ``items`` {sku: qty} approved
    now and ``remaining`` {sku: qty} after them.
    """

    online: bool
    approved: bool
    reason: str | None = None
    message: str = ""
    points: int | None = None
    balance: int | None = None
    available: int | None = None
    items: dict[str, int] | None = None
    remaining: dict[str, int] | None = None


@dataclass(frozen=True)
class Presence:
    """The backend's presence proof for one checkout (crypto.presence), not yet verified."""

    proof: bytes
    expires_at: int


class SyncClient:
    """Sync for one terminal; the caller owns the outbox and state and closes them."""

    def __init__(
        self,
        session: SignedSession,
        settings: SyncSettings | None = None,
        *,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.session = session
        self.settings = settings or SyncSettings()
        self.backoff = backoff or Backoff()
        self._sleep = sleep
        self._rng = rng or random.Random()
        # Every request reports to this process's link: it decides the online indicator.
        self.link = link_for(session.base_url)

    def push(self, outbox: Outbox, *, max_batches: int = 10_000) -> PushReport:
        """Send everything pending; stops at the first batch that cannot be delivered."""
        report = PushReport()
        with outbox.sending():
            for _ in range(max_batches):
                events = outbox.claim_batch(
                    self.settings.batch_max_events, self.settings.batch_max_bytes
                )
                if not events:
                    break
                try:
                    results = self._deliver(events)
                except (TransportError, Refused) as exc:
                    outbox.release([e.id for e in events])
                    report.error = _describe(exc)
                    report.cause = failure_code(exc)
                    break
                outbox.record_results(results)
                outbox.release([e.id for e in events if e.id not in results])
                report.sent += len(events)
                for result in results.values():
                    setattr(report, result.status.value, getattr(report, result.status.value) + 1)
        report.pending = outbox.pending_count()
        return report

    def pull(
        self,
        state: TerminalState,
        bundle_path: Path,
        pinned_root: bytes,
        staff: StaffCache | None = None,
    ) -> PullReport:
        """Download whatever is newer; one failed item does not stop the others.

        ``staff``: where a terminal whose staff come from the office keeps its directory.
        """
        report = PullReport()
        steps: tuple[tuple[str, Callable[[], int]], ...] = (
            ("bundle", lambda: self._pull_bundle(bundle_path, pinned_root)),
            ("policy", lambda: self._pull_document(state, "policy", bundle_path, pinned_root)),
            ("catalog", lambda: self._pull_document(state, "catalog", bundle_path, pinned_root)),
            ("pickup_orders", lambda: self._pull_orders(state)),
            ("coupon_statuses", lambda: self._pull_coupons(state)),
        )
        if staff is not None:
            cache = staff
            steps += (("staff", lambda: self.pull_staff(cache, bundle_path, pinned_root)),)
        for name, step in steps:
            try:
                report.versions[name] = step()
            except (TransportError, Refused, BundleRejected, ValueError) as exc:
                report.errors[name] = _describe(exc)
        if self.session.clock_observed:
            state.set_clock_offset_ms(self.session.clock_offset_ms)
        report.clock_offset_ms = state.clock_offset_ms()
        warn_after = state.policy().clock_warn_seconds or self.settings.clock_warn_seconds
        report.clock_warning = abs(report.clock_offset_ms) > warn_after * 1000
        return report

    def authorise(self, request: dict[str, Any]) -> Authorisation:
        """Ask once, within the short online timeout; offline when no answer comes.

        ``request`` is ``{"event", "kind", "code", "checkout", ...}`` (docs/sync.md). A
        refusal of the request itself (malformed, unknown terminal) also counts as no answer:
        the counter then applies its offline rules, which never trust more than it holds.
        """
        body = json.dumps(request).encode()
        try:
            reply = self._post(
                "/v1/authorisations", body, timeout=self.settings.online_timeout_seconds
            )
        except (TransportError, Refused) as exc:
            return Authorisation(online=False, approved=False, reason=_describe(exc))
        if not isinstance(reply, dict) or not isinstance(reply.get("approved"), bool):
            return Authorisation(online=False, approved=False, reason="bad_reply")
        return Authorisation(
            online=True,
            approved=reply["approved"],
            reason=reply.get("reason") if isinstance(reply.get("reason"), str) else None,
            message=str(reply.get("message") or ""),
            points=_int_or_none(reply.get("points")),
            balance=_int_or_none(reply.get("balance")),
            available=_int_or_none(reply.get("available")),
            items=_counts_or_none(reply.get("items")),
            remaining=_counts_or_none(reply.get("remaining")),
        )

    def release(self, event_id: str) -> bool:
        """Give up what an approval held (``POST /v1/authorisations/{event}/release``).

        Best effort, within the online timeout: without an answer the hold simply expires.
        Whether the backend released anything.
        """
        try:
            reply = self._post(
                f"/v1/authorisations/{quote(event_id, safe='')}/release",
                b"{}",
                timeout=self.settings.online_timeout_seconds,
            )
        except (TransportError, Refused, BadReply):
            return False
        return isinstance(reply, dict) and reply.get("released") is True

    def presence(self, member: str, totp: str, checkout: str) -> Presence:
        """Identify a member by number and manual code (``POST /v1/presence``).

        Raises TransportError when the backend does not answer (manual identification needs
        it: terminals never hold the secret), BackendUnavailable with ``reason`` ``totp_locked``
        after too many tries, Refused ``totp_invalid`` / ``totp_used`` for a wrong or used code.
        The proof is not verified here: the counter checks it against its trust bundle.
        """
        body = json.dumps({"member": member, "totp": totp, "checkout": checkout}).encode()
        reply = self.session.post(
            "/v1/presence", body, timeout=self.settings.online_timeout_seconds
        )
        try:
            return Presence(
                proof=base64.b64decode(reply["presence"], validate=True),
                expires_at=int(reply["expires_at"]),
            )
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise BadReply(f"the presence reply is malformed ({exc})") from exc

    def member_summary(
        self, member: str, evidence: dict[str, str], checkout: str
    ) -> dict[str, Any] | None:
        """The member's live tier, balance and yearly spend, or None when offline or refused.

        ``evidence`` is ``{"code": ...}`` as scanned or ``{"presence": ...}``: the backend
        answers only a terminal that shows the member's evidence for this checkout.
        """
        body = json.dumps({**evidence, "checkout": checkout}).encode()
        try:
            reply = self._post(
                f"/v1/members/{quote(member, safe='')}/summary",
                body,
                timeout=self.settings.online_timeout_seconds,
            )
        except (TransportError, Refused):
            return None
        return reply if isinstance(reply, dict) else None

    def heartbeat(self, body: dict[str, Any]) -> int | None:
        """A light signed request when idle: the server's time in ms, None without one.

        An older backend without the endpoint answers 404: that is still an answer.
        """
        try:
            reply = self._post(
                "/v1/heartbeat",
                json.dumps(body).encode(),
                timeout=self.settings.online_timeout_seconds,
            )
        except (TransportError, Refused):
            return None
        return _int_or_none(reply.get("server_time_ms")) if isinstance(reply, dict) else None

    def _get(self, path: str, *, timeout: float | None = None) -> Any:
        return self._contact(lambda: self.session.get(path, timeout=timeout))

    def _post(self, path: str, body: bytes, *, timeout: float | None = None) -> Any:
        return self._contact(lambda: self.session.post(path, body, timeout=timeout))

    def _contact(self, send: Callable[[], Any]) -> Any:
        """Send, and tell the link whether the backend answered at all."""
        try:
            reply = send()
        except Refused:
            self.link.answered()  # a refusal is an answer: the backend is there
            raise
        except BadReply as exc:
            if 400 <= exc.status < 500:
                self.link.answered()  # e.g. 404 from an older backend
            else:
                self.link.failed(str(exc))
            raise
        except TransportError as exc:
            self.link.failed(str(exc))
            raise
        self.link.answered()
        return reply

    def _deliver(self, events: list[Event]) -> dict[str, Result]:
        """One batch, retried with backoff; a fresh batch id and signature every attempt."""
        delays = self.backoff.delays(self._rng)
        while True:
            _, body = batches.seal(self.session.terminal, events, self.session.key)
            try:
                reply = self._post("/v1/batches", body)
                return parse_results(reply, {e.id for e in events})
            except TransportError:
                delay = next(delays, None)
                if delay is None:
                    raise
                self._sleep(delay)

    def _pull_bundle(self, bundle_path: Path, pinned_root: bytes) -> int:
        current = TrustStore.from_bundle(bundle_path.read_bytes(), pinned_root)
        reply = self._get(f"/v1/bundle?since={current.version}")
        if not isinstance(reply, dict) or not reply.get("changed"):
            return current.version
        try:
            raw = base64.b64decode(reply["bundle"], validate=True)
        except (KeyError, TypeError, binascii.Error) as exc:
            raise BadReply("the bundle is not base64") from exc
        updated = current.accept_update(raw)  # raises BundleRejected for a foreign root
        write_atomic(bundle_path, raw)
        return updated.version

    def _pull_document(
        self, state: TerminalState, name: str, bundle_path: Path, pinned_root: bytes
    ) -> int:
        held = state.version(name)
        reply = self._get(f"/v1/{name}?since={held}")
        if not isinstance(reply, dict) or not isinstance(reply.get("version"), int):
            raise BadReply(f"the {name} reply has no version")
        if not reply.get("changed"):
            return held
        body = signed_document(reply, name, bundle_path, pinned_root, self.session.server_now())
        if body is None or reply["version"] <= held:
            raise BadReply(f"the {name} reply is not a newer document signed by the issuer")
        if name == "policy":
            policy_from_document(reply["version"], body)  # refuse a policy we cannot apply
        if name == "catalog":
            rewards_from_document(body)  # likewise a catalog
        state.save_document(name, reply["version"], body)
        return int(reply["version"])

    def pull_staff(self, staff: StaffCache, bundle_path: Path, pinned_root: bytes) -> int:
        """Download and apply the office directory when newer; the version now held."""
        held = staff.directory_version()
        newer = verified_staff(
            self._get(f"/v1/staff?since={held}"),
            held,
            terminal=self.session.terminal,
            store=staff.store,
            bundle_path=bundle_path,
            pinned_root=pinned_root,
            now=self.session.server_now(),
        )
        if newer is None:
            return held
        staff.apply_directory(*newer)
        return newer[0]

    def change_staff_pin(self, staff_id: str, current_pin: str, new_pin: str) -> int:
        """Send a holder's own PIN change to the office; the directory's new version."""
        body = json.dumps(
            {"staff": staff_id, "current_pin": current_pin, "new_pin": new_pin}
        ).encode()
        reply = self._post("/v1/staff/pin", body)
        if not isinstance(reply, dict) or not isinstance(reply.get("version"), int):
            raise BadReply("the staff PIN reply is malformed")
        return int(reply["version"])

    def _pull_orders(self, state: TerminalState) -> int:
        held = state.orders_version()
        reply = self._get(f"/v1/pickup-orders?since={held}")
        orders = reply.get("orders") if isinstance(reply, dict) else None
        version = reply.get("version") if isinstance(reply, dict) else None
        if not isinstance(orders, list) or not isinstance(version, int):
            raise BadReply("the pickup-orders reply is malformed")
        state.save_orders(version, orders, synced_at=self.session.server_now())
        return version

    def _pull_coupons(self, state: TerminalState) -> int:
        held = state.coupons_version()
        reply = self._get(f"/v1/coupon-statuses?since={held}")
        coupons = reply.get("coupons") if isinstance(reply, dict) else None
        version = reply.get("version") if isinstance(reply, dict) else None
        if not isinstance(coupons, list) or not isinstance(version, int):
            raise BadReply("the coupon-statuses reply is malformed")
        state.save_coupons(version, coupons, synced_at=self.session.server_now())
        return version


def failure_code(exc: Exception) -> str:
    """Why a request failed, as a code: the backend's refusal code (``terminal_revoked``,
    ``clock_skew``, ``rate_limited``, ...), ``unreachable`` or ``bad_reply``."""
    if isinstance(exc, Refused):
        return exc.reason
    if isinstance(exc, BackendUnavailable):
        return exc.reason or "unreachable"
    if isinstance(exc, BadReply):
        return "bad_reply"
    return "sync_error"


def _describe(exc: Exception) -> str:
    if isinstance(exc, Refused | BundleRejected):
        return str(exc.reason)
    return f"{type(exc).__name__}: {exc}"


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _counts_or_none(value: object) -> dict[str, int] | None:
    if not isinstance(value, dict):
        return None
    counts = {str(k): _int_or_none(v) for k, v in value.items()}
    return {k: v for k, v in counts.items() if v is not None}
