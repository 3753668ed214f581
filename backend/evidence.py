"""What ingest proves about an event before it may touch the ledger (docs/sync.md, "Evidence").

A terminal's key proves only which terminal sent a batch, not that anything in it happened.
So every member event must carry the member's code as scanned (or the backend's own presence
proof of a manual identification, backend.presence), which the backend verifies at the
event's corrected time, and every point figure is recomputed from the signed policy or
catalog version the event names. Each refusal is a ``Rejected`` with a documented reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from backend import bulk, downstream, presence, revocations, schema
from backend.member_codes import MemberCodes
from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.presence import PresenceProof
from crypto.verify import VerifiedCode
from protocol.events import MEMBER_KINDS, Event
from protocol.policy import Policy, policy_from_document

# An event's corrected time may run this far ahead of its receipt: terminal and backend clocks
# are compared through the offset the terminal last measured, which is a few ms to s stale.
FUTURE_LEEWAY_MS = 5000
# A check-in's day is the terminal's local day; it must lie within a day of the corrected UTC
# date (time zones span UTC-12 to UTC+14).
CHECKIN_DAY_SLACK = dt.timedelta(days=1)

# Which code purposes fit each member event. A check-in accepts the checkout code as well,
# as the counter does (a member checking in at the till).
PURPOSES: Mapping[str, tuple[Purpose, ...]] = {
    "award": (Purpose.CHECKOUT,),
    "redeem": (Purpose.CHECKOUT,),
    "discount": (Purpose.CHECKOUT,),
    "pickup": (Purpose.PICKUP,),
    "coupon": (Purpose.COUPON,),
    "checkin": (Purpose.CHECKIN, Purpose.CHECKOUT),
}
# A presence proof (manual identification) stands for a checkout code; it carries no document,
# so a pickup or a coupon still needs the member's code.
PRESENCE_KINDS = ("award", "redeem", "discount", "checkin")
# The sign a kind's points must have: +1 gains (or zero), -1 spends (or zero), 0 exactly zero.
SIGNS: Mapping[str, int] = {
    "award": 1,
    "checkin": 1,
    "void": 1,
    "redeem": -1,
    "discount": -1,
    "refund": -1,
    "pickup": 0,
    "coupon": 0,
}


class Rejected(Exception):
    """The event is refused; ``reason`` is its documented code, ``detail`` says why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class Known:
    """What a batch needs from the database, read once and without locks."""

    balances: dict[str, int]
    policies: dict[int, Policy]
    catalogs: dict[int, dict[str, Mapping[str, Any]]]
    originals: dict[str, Original] = field(default_factory=dict)


@dataclass
class Original:
    """An award, redemption or discount that a refund or void names, with what was reversed
    since."""

    id: str
    kind: str
    member: str
    terminal: str
    points: int
    accepted: bool
    details: Mapping[str, Any]
    refunded: Decimal = Decimal(0)
    taken_back: int = 0
    voided: bool = False


def corrected_ms(event: Event) -> int:
    """The event's time on the backend's clock, as well as the terminal knew it."""
    return event.local_time_ms + event.clock_offset_ms


def load(conn: Connection, events: list[Event]) -> Known:
    """Members' balances, the named document versions, the originals of refunds and voids."""
    names = sorted({e.member for e in events})
    balances = {
        str(r.id): int(r.balance)
        for r in conn.execute(_balances(conn.dialect.name), {"balance_of": names})
    }
    policies: dict[int, Policy] = {}
    for version, body in downstream.versions(
        conn, "policy", (e.policy_version for e in events if e.policy_version is not None)
    ).items():
        try:
            policies[version] = policy_from_document(version, body)
        except ValueError:
            continue  # an unusable version is as good as unknown
    catalogs = {
        version: _rewards(body)
        for version, body in downstream.versions(
            conn, "catalog", (e.catalog_version for e in events if e.catalog_version is not None)
        ).items()
    }
    known = Known(balances, policies, catalogs)
    _load_originals(conn, known, [e.ref_event for e in events if e.ref_event is not None])
    return known


@functools.cache
def _balances(dialect_name: str) -> Select[Any]:
    """Built once, run with parameters: every batch runs it (backend.sql says why)."""
    members = schema.members
    return select(members.c.id, members.c.balance).where(
        bulk.among_param(dialect_name, members.c.id, "balance_of")
    )


def _rewards(body: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    rewards = body.get("rewards", [])
    return {str(r["id"]): r for r in rewards if isinstance(r, Mapping) and "id" in r}


def _load_originals(conn: Connection, known: Known, ids: Iterable[str]) -> None:
    wanted = sorted(set(ids))
    if not wanted:
        return
    events = schema.events
    for row in conn.execute(select(events).where(events.c.id.in_(wanted))):
        body = json.loads(row.body)
        known.originals[row.id] = Original(
            id=row.id,
            kind=row.kind,
            member=row.member,
            terminal=row.terminal,
            points=int(row.points),
            accepted=row.status == "accepted",
            details=dict(body.get("details", {})),
        )
    reversals = conn.execute(
        select(events.c.body).where(events.c.ref_event.in_(wanted), events.c.status == "accepted")
    )
    for (body,) in reversals:
        note_reversal(known, json.loads(body))


def note_reversal(known: Known, event: Mapping[str, Any]) -> None:
    """Count an accepted refund or void against its original."""
    original = known.originals.get(str(event.get("ref_event")))
    if original is None:
        return
    if event["kind"] == "void":
        original.voided = True
    elif event["kind"] == "refund":
        original.refunded += Decimal(str(event.get("details", {}).get("amount", "0")))
        original.taken_back += -int(event["points"])


def remember(known: Known, event: Event, terminal: str) -> None:
    """An event accepted in this batch may be the original of a later one in it."""
    if event.kind in ("award", "redeem", "discount"):
        known.originals[event.id] = Original(
            id=event.id,
            kind=event.kind,
            member=event.member,
            terminal=terminal,
            points=event.points,
            accepted=True,
            details=dict(event.details),
        )


def check_basics(event: Event, known: Known, now_ms: int) -> None:
    """Known member, a possible sign, a time not after the event's receipt."""
    if event.member not in known.balances:
        raise Rejected("unknown_member", f"member {event.member} was never enrolled")
    sign = SIGNS[event.kind]
    if (sign == 0 and event.points != 0) or event.points * sign < 0:
        raise Rejected("bad_sign", f"a {event.kind} cannot change the balance by {event.points}")
    ahead = corrected_ms(event) - now_ms
    if ahead > FUTURE_LEEWAY_MS:
        raise Rejected("event_in_future", f"event time is {ahead} ms after its receipt")


def check_evidence(
    event: Event, codes: MemberCodes, terminal: str, store: str, conn: Connection
) -> VerifiedCode | PresenceProof | None:
    """The member's code, or the presence proof standing in for it (None for other kinds)."""
    if event.kind in MEMBER_KINDS and event.presence is not None:
        return check_presence(event, codes, terminal, store, conn)
    return check_code(event, codes, store, conn)


def check_presence(
    event: Event, codes: MemberCodes, terminal: str, store: str, conn: Connection
) -> PresenceProof:
    """The presence proof, verified at the event's time for this terminal, store and checkout."""
    if event.code is not None:
        raise Rejected(
            "evidence_ambiguous", "an event carries a code or a presence proof, not both"
        )
    if event.kind not in PRESENCE_KINDS:
        raise Rejected("presence_kind", f"a {event.kind} needs the member's code with its document")
    if not event.checkout:
        raise Rejected("checkout_missing", f"a {event.kind} must name its checkout")
    at = corrected_ms(event) / 1000
    assert event.presence is not None
    try:
        proof, revoked = codes.verify_presence(event.presence, at)
    except CodeRejected as exc:
        raise Rejected(f"presence_invalid:{exc.reason.value}", exc.detail) from None
    if proof.member != event.member:
        raise Rejected("presence_member_mismatch", "the presence proof names another member")
    wrong = presence.mismatch(proof, terminal=terminal, store=store, checkout=event.checkout)
    if wrong is not None:
        raise Rejected(*wrong)
    if event.code_id != proof.code_id:
        raise Rejected("code_mismatch", "code_id is not the id of the presence proof carried")
    if revoked:
        found = revocations.times(conn, [proof.member], [])
        if revocations.revoked_at(proof.member, b"", found) <= at:
            raise Rejected("presence_invalid:revoked", "the member was revoked before the event")
    return proof


def check_code(
    event: Event, codes: MemberCodes, store: str, conn: Connection
) -> VerifiedCode | None:
    """The member's code, verified at the event's time for this kind, member and store."""
    if event.kind not in MEMBER_KINDS:
        return None
    if not event.code:
        raise Rejected("code_missing", f"a {event.kind} must carry the member's code")
    if not event.checkout:
        raise Rejected("checkout_missing", f"a {event.kind} must name its checkout")
    at = corrected_ms(event) / 1000
    try:
        verified, revoked = codes.verify_ignoring_revocation(event.code, at, store=store)
    except CodeRejected as exc:
        raise Rejected(f"code_invalid:{exc.reason.value}", exc.detail) from None
    if verified.purpose not in PURPOSES[event.kind]:
        raise Rejected("code_purpose", f"a {verified.purpose} code cannot serve a {event.kind}")
    if verified.member != event.member:
        raise Rejected("code_member_mismatch", "the code belongs to another member")
    if event.code_id != verified.code_id:
        raise Rejected("code_mismatch", "code_id is not the id of the code carried")
    _check_document(event, verified)
    if revoked:
        found = revocations.times(conn, [verified.member], [verified.cert_id])
        if revocations.revoked_at(verified.member, verified.cert_id, found) <= at:
            raise Rejected("code_invalid:revoked", "revoked before the event's time")
    return verified


def _check_document(event: Event, verified: VerifiedCode) -> None:
    named = {"pickup": event.order_id, "coupon": event.coupon_id}
    if event.kind not in named:
        return
    document = verified.document
    if document is None or named[event.kind] != document.doc_id:
        raise Rejected("document_mismatch", f"the {event.kind} names another document")


def check_points(event: Event, verified: VerifiedCode | PresenceProof | None, known: Known) -> None:
    """Recompute a member event's points from the version it names."""
    if event.kind == "award":
        assert verified is not None
        policy = _policy(event, known)
        amount = money(event.details.get("amount"))
        if amount > policy.max_purchase:
            raise Rejected("over_max_purchase", f"{amount} is above {policy.max_purchase}")
        # The tier comes from the issuer-signed certificate (or presence proof), never from the
        # event's details.
        expected = policy.points_for(amount, verified.tier, corrected_ms(event) / 1000)
        _expect(event, expected)
    elif event.kind == "checkin":
        _expect(event, _policy(event, known).checkin_points)
        _check_day(event)
    elif event.kind == "redeem":
        _check_redeem(event, known)
    elif event.kind == "discount":
        _check_discount(event, _policy(event, known))


def _policy(event: Event, known: Known) -> Policy:
    policy = known.policies.get(event.policy_version) if event.policy_version is not None else None
    if policy is None:
        raise Rejected("unknown_version", f"policy version {event.policy_version} is unknown")
    return policy


def _check_redeem(event: Event, known: Known) -> None:
    version = event.catalog_version
    rewards = known.catalogs.get(version) if version is not None else None
    if rewards is None:
        raise Rejected("unknown_version", f"catalog version {version} is unknown")
    reward = rewards.get(str(event.details.get("reward")))
    if reward is None:
        raise Rejected("unknown_reward", f"no such reward in catalog version {version}")
    try:
        cash = Decimal(str(event.details.get("cash") or "0"))
        price = Decimal(str(reward.get("cash") or "0"))
    except InvalidOperation:
        raise Rejected("cash_mismatch", "the cash collected is not an amount") from None
    if cash != price:
        raise Rejected("cash_mismatch", f"the reward costs {price} in cash, not {cash}")
    _expect(event, -int(reward["points"]))


def _check_discount(event: Event, policy: Policy) -> None:
    """Points as cash: within the policy's caps, worth exactly points / rate in money."""
    sale = money(event.details.get("sale_amount"))
    if sale > policy.max_purchase:
        raise Rejected("over_max_purchase", f"{sale} is above {policy.max_purchase}")
    points = -event.points
    refusal = policy.discount_refusal(points, sale)
    if refusal is not None:
        raise Rejected("discount_over_cap", refusal)
    amount = money(event.details.get("amount"))
    worth = policy.discount_value(points)
    if amount != worth:
        raise Rejected("discount_mismatch", f"{points} points are worth {worth}, not {amount}")


def _check_day(event: Event) -> None:
    try:
        day = dt.date.fromisoformat(str(event.details.get("day")))
    except ValueError:
        raise Rejected("bad_day", "a check-in names its day as YYYY-MM-DD") from None
    utc = dt.datetime.fromtimestamp(corrected_ms(event) / 1000, dt.UTC).date()
    if abs(day - utc) > CHECKIN_DAY_SLACK:
        raise Rejected("bad_day", f"check-in day {day} is not the event's day")


def check_reversal(event: Event, known: Known) -> Original:
    """A refund pro rata of an accepted award; a void exactly undoing an accepted redemption
    or points-as-cash discount (a till sale refunded whole gives the points spent back)."""
    original = known.originals.get(event.ref_event) if event.ref_event else None
    wanted_kinds = ("award",) if event.kind == "refund" else ("redeem", "discount")
    if original is None or not original.accepted:
        raise Rejected("original_not_accepted", f"{event.ref_event} is not an accepted event")
    if original.kind not in wanted_kinds:
        raise Rejected(
            "original_not_accepted", f"a {event.kind} reverses a {' or '.join(wanted_kinds)}"
        )
    if original.member != event.member:
        raise Rejected("original_other_member", "the original belongs to another member")
    if original.terminal != event.terminal:
        raise Rejected("original_other_terminal", "a terminal reverses only its own events")
    if event.kind == "void":
        if original.voided:
            raise Rejected("already_voided", f"this {original.kind} was already reversed")
        _expect(event, -original.points)
        return original
    paid = money(original.details.get("amount"))
    asked = money(event.details.get("amount"))
    if original.refunded + asked > paid:
        raise Rejected(
            "refund_exceeds_original", f"{original.refunded} + {asked} is more than {paid}"
        )
    # Pro rata on the running total, as terminal/counter/refunds.py computes it.
    total = Decimal(original.points) * (original.refunded + asked) / paid
    _expect(event, -(int(total.to_integral_value(ROUND_FLOOR)) - original.taken_back))
    return original


def money(value: object) -> Decimal:
    """A purchase or refund amount: above zero, at most two decimals."""
    try:
        amount = Decimal(str(value))
        ok = amount.is_finite() and amount > 0 and amount == amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        ok = False
    if not ok:
        raise Rejected("bad_amount", f"{str(value)[:40]!r} is not an amount above zero")
    return amount


def _expect(event: Event, expected: int) -> None:
    if event.points != expected:
        raise Rejected("points_mismatch", f"{event.kind} is worth {expected}, not {event.points}")
