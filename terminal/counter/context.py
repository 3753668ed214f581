"""Everything one terminal's counter operations share: identity, trust, queue, rules, clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from config.errors import ConfigError
from config.paths import DataPaths
from config.settings import Settings, load_settings
from crypto.errors import Reason
from crypto.trust import TrustStore
from protocol.events import Event, NewEvent
from protocol.policy import Policy, policy_from_document
from sync.client import Backoff, SyncClient
from sync.outbox import OUTBOX_SCHEMA, Outbox
from sync.state import TerminalState
from terminal.backend_link import signed_client
from terminal.counter import receipts
from terminal.counter.errors import CounterRefused, NotProvisioned
from terminal.counter.results import MemberView, OpResult, Staff
from terminal.counter.staff import StaffStore
from terminal.reasons import sentence
from terminal.replay import SeenCodes
from terminal.terminal_identity import TerminalIdentity, load_identity
from terminal.trust_files import load_trust, read_pinned_root


def read_identity(paths: DataPaths) -> TerminalIdentity:
    """The identity written at provisioning; NotProvisioned when there is none."""
    if not paths.identity.exists() or not paths.trust_bundle.exists():
        raise NotProvisioned(
            f"this terminal is not provisioned yet ({paths.root}); "
            "run 'loyalty-terminal provision --backend URL --code CODE'"
        )
    return load_identity(paths)


@dataclass
class CounterContext:
    """Open resources of one terminal; one per process, used from one thread."""

    paths: DataPaths
    settings: Settings
    identity: TerminalIdentity
    trust: TrustStore
    outbox: Outbox
    state: TerminalState
    seen: SeenCodes
    staff: StaffStore
    clock: Callable[[], float] = time.time
    # The backend client for online-first redemptions and sync; None for a local-only terminal.
    online: SyncClient | None = None
    # Points a member's open till sales hold in this process (terminal/till): the counter
    # counts them as spent. Nothing is held without a till desk on this core.
    till_holds: Callable[[str], int] = field(default=lambda member: 0, repr=False)
    _policy: Policy | None = field(default=None, init=False)

    @classmethod
    def open(
        cls, data_dir: str | Path | None, *, clock: Callable[[], float] = time.time
    ) -> CounterContext:
        paths = DataPaths.resolve(data_dir)
        identity = read_identity(paths)
        settings = load_settings(paths.settings)
        trust = load_trust(paths.trust_bundle, read_pinned_root(paths))
        state = TerminalState(paths.state)
        outbox = Outbox(paths.outbox, identity.terminal, clock=clock)
        # Claims live next to the events they lead to (terminal/replay.py).
        seen = SeenCodes(paths.outbox, OUTBOX_SCHEMA)
        if paths.seen_codes.exists():
            seen.adopt(paths.seen_codes)
        return cls(
            paths=paths,
            settings=settings,
            identity=identity,
            trust=trust,
            outbox=outbox,
            state=state,
            seen=seen,
            staff=StaffStore(paths.staff, clock),
            clock=clock,
            online=_client(identity, settings, state),
        )

    def reload_trust(self) -> None:
        """Take up a bundle or policy that a sync has just downloaded."""
        self.trust = load_trust(self.paths.trust_bundle, read_pinned_root(self.paths))
        self._policy = None

    @property
    def policy(self) -> Policy:
        """The bundle's policy overlaid with the downloaded policy document."""
        if self._policy is None:
            merged: dict[str, Any] = dict(self.trust.policy)
            version, body = self.state.document("policy") or (0, {})
            merged.update(body)
            try:
                self._policy = policy_from_document(version, merged)
            except ValueError as exc:
                raise ConfigError(f"the downloaded policy is unusable ({exc}); sync again") from exc
        return self._policy

    def queue(
        self,
        build: Callable[[Outbox], NewEvent],
        *,
        staff: Staff,
        balance_hint: int | None = None,
        details: dict[str, Any] | None = None,
        online: bool | None = None,
        view: MemberView | None = None,
    ) -> OpResult:
        """Build and commit the event in one transaction, then report success and a receipt.

        The receipt is laid out from the committed event (``receipt_of``), so a reprint is the
        same receipt.

        With the member's ``view``, the event carries its evidence (docs/sync.md): the code as
        scanned (or the presence proof of a manual identification), the checkout, and the
        policy or catalog version its points were computed from.
        """

        def with_evidence(outbox: Outbox) -> NewEvent:
            new = build(outbox)
            if view is not None and new.code_id and outbox.code_claim(new.code_id) != view.checkout:
                # The claim and the event commit together: a code no longer held by this
                # checkout (another process took it, or it aged out) queues nothing.
                raise CounterRefused(Reason.REPLAYED.value, sentence(Reason.REPLAYED))
            return self.evidence(new, view)

        event: Event = self.outbox.append_built(
            with_evidence, clock_offset_ms=self.state.clock_offset_ms()
        )
        slip = self.receipt_of(event, staff.name or staff.staff_id, balance_hint)
        return OpResult(
            ok=True,
            kind=event.kind,
            event=event.id,
            points=event.points,
            member=event.member,
            receipt=receipts.render(slip),
            receipt_data=slip,
            online=online,
            details={**dict(event.details), **(details or {})},
        )

    def receipt_of(
        self, event: Event, staff_name: str, balance_hint: int | None = None
    ) -> receipts.Receipt:
        """The receipt's facts of a committed event (the first print and every reprint)."""
        original = self.outbox.get(event.ref_event) if event.ref_event else None
        # The reward's Chinese name as recorded, or (an older event, a till's sale) the catalog's.
        named = original.event.details if original is not None else event.details
        reward, name_zh = named.get("reward"), named.get("name_zh")
        if reward and not name_zh:
            found = [r.get("name_zh") for r in self.state.catalog() if r.get("id") == reward]
            name_zh = found[0] if found else None
        return receipts.Receipt(
            kind=event.kind,
            store=self.identity.store,
            terminal=self.identity.terminal,
            staff=staff_name,
            member=event.member,
            event=event.id,
            at=event.local_time_ms / 1000,
            points=event.points,
            details=dict(event.details),
            currency=str(event.details.get("currency") or self.policy.currency),
            order_id=event.order_id,
            coupon_id=event.coupon_id,
            original=dict(original.event.details) if original is not None else None,
            balance_hint=balance_hint,
            name_zh=str(name_zh or ""),
        )

    def evidence(self, new: NewEvent, view: MemberView | None) -> NewEvent:
        """The event with the member's code (or presence proof), checkout and versions."""
        if view is None:
            return new
        policy = (
            self.policy.version
            if new.kind in ("award", "checkin", "discount")
            else new.policy_version
        )
        catalog = self.state.version("catalog") if new.kind == "redeem" else new.catalog_version
        return replace(
            new,
            code=view.code or None,
            presence=view.presence or None,
            checkout=view.checkout or None,
            policy_version=policy,
            catalog_version=catalog,
        )

    def close(self) -> None:
        if self.online is not None:
            self.online.session.close()
        for resource in (self.outbox, self.state, self.seen, self.staff):
            resource.close()


def _client(
    identity: TerminalIdentity, settings: Settings, state: TerminalState
) -> SyncClient | None:
    if not identity.backend:
        return None
    # Two tries per batch: a counter syncs again at its next interval, so it need not wait
    # out a long backoff while the backend is away.
    client = signed_client(
        identity, settings, clock_offset_ms=state.clock_offset_ms(), backoff=Backoff(attempts=2)
    )
    # Offline at the latest one heartbeat (and its timeout) after the last answer.
    client.link.fresh_for = settings.sync.online_timeout_seconds + settings.sync.heartbeat_seconds
    return client
