"""Online authorisation: before a counter confirms anything that can be used once, it asks here.

The member comes from the verified code (or the presence proof standing in for it, see
backend.presence), never from the request; redemption points come from
the catalog, never from the terminal. What is approved is held under the event id (the code
for this terminal and checkout, the points, the order items, the coupon, the check-in) until
that event arrives or the hold expires (``HOLD_SECONDS``), so a second terminal asking at the
same time is refused. Asking again with the same event id gives the same answer while the hold
lives. A refusal is raised as ``Refusal`` so the transaction that found it rolls back: nothing
is held for a refused request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from backend import downstream, holds, reward_rules, schema
from backend.auth import Caller
from backend.holds import Claimant
from backend.sql import lock_row
from crypto.code import Purpose
from crypto.documents import Document
from protocol.canonical import canonical_json
from protocol.policy import policy_from_document

HOLD_SECONDS = 15 * 60
SWEEP_AFTER_SECONDS = 86400
KINDS = ("redeem", "discount", "pickup", "coupon", "checkin")
# Which code purposes each kind accepts (the counter checks a member in with either code).
PURPOSES: dict[str, tuple[Purpose, ...]] = {
    "redeem": (Purpose.CHECKOUT,),
    "discount": (Purpose.CHECKOUT,),
    "pickup": (Purpose.PICKUP,),
    "coupon": (Purpose.COUPON,),
    "checkin": (Purpose.CHECKIN, Purpose.CHECKOUT),
}
# Refusals that mean something was about to be used twice: each is flagged for the office.
# A pickup refused for what remains of its order is not one: nothing was handed over, and the
# cashier reads what is left (a handover ingest had to reject is flagged, ``order_reused``).
FLAGGED = frozenset(
    {
        "code_used",
        "already_authorised",
        "coupon_used",
        "already_checked_in",
        "presence_other_terminal",
        "presence_other_store",
        "presence_checkout_mismatch",
    }
)


class Shown(Protocol):
    """The member's evidence: a verified code, or a presence proof (backend.presence)."""

    @property
    def member(self) -> str: ...

    @property
    def code_id(self) -> str: ...

    @property
    def purpose(self) -> Purpose: ...

    @property
    def document(self) -> Document | None: ...


@dataclass(frozen=True)
class Request:
    """What the terminal asks (validated by backend.models.AuthorisationRequest)."""

    event: str
    kind: str
    code: str | None
    checkout: str
    reward: str | None = None
    items: dict[str, int] | None = None
    day: str | None = None
    catalog_version: int | None = None
    presence: str | None = None
    points: int | None = None

    def digest(self) -> str:
        fields = asdict(self)
        if fields["points"] is None:  # as before ``points`` existed: a stored hash still matches
            del fields["points"]
        return hashlib.sha256(canonical_json(fields)).hexdigest()


class Refusal(Exception):
    """The backend says no: a stable reason, a sentence, and the figures behind it."""

    def __init__(self, reason: str, message: str, member: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.member = member
        self.extra = extra

    def reply(self) -> dict[str, Any]:
        return {"approved": False, "reason": self.reason, "message": self.message, **self.extra}


@dataclass
class _Ask:
    """One authorisation being decided."""

    request: Request
    caller: Caller
    code: Shown
    now: int
    reply: dict[str, Any] = field(default_factory=dict)

    @property
    def expires_at(self) -> int:
        return self.now + HOLD_SECONDS

    @property
    def claimant(self) -> Claimant:
        return Claimant(self.request.event, self.caller.terminal, self.request.checkout)

    def refuse(self, reason: str, message: str, **extra: Any) -> Refusal:
        return Refusal(reason, message, self.code.member, **extra)


def check_purpose(request: Request, code: Shown) -> None:
    """The code must have been shown for this kind of operation."""
    if code.purpose not in PURPOSES[request.kind]:
        wanted = " or ".join(p.value for p in PURPOSES[request.kind])
        raise Refusal(
            "wrong_purpose",
            f"a {request.kind} needs a {wanted} code, not a {code.purpose.value} code",
            code.member,
        )


def authorise(
    conn: Connection, caller: Caller, request: Request, code: Shown, now: int
) -> dict[str, Any]:
    """Approve and hold, or raise Refusal; runs inside the caller's transaction."""
    check_purpose(request, code)
    holds.sweep(conn, now - SWEEP_AFTER_SECONDS)
    ask = _Ask(request, caller, code, now)
    earlier = _earlier_answer(conn, ask)
    if earlier is not None:
        return earlier
    _claim_code(conn, ask)
    decide = {
        "redeem": _redeem,
        "discount": _discount,
        "pickup": _pickup,
        "coupon": _coupon,
        "checkin": _checkin,
    }
    decide[request.kind](conn, ask)
    reply = {"approved": True, "kind": request.kind, "member": code.member, **ask.reply}
    reply["expires_at"] = ask.expires_at
    conn.execute(
        insert(schema.authorisations).values(
            event=request.event,
            terminal=caller.terminal,
            kind=request.kind,
            member=code.member,
            request_hash=request.digest(),
            reply=json.dumps(reply),
            created_at=now,
            expires_at=ask.expires_at,
        )
    )
    return reply


def _earlier_answer(conn: Connection, ask: _Ask) -> dict[str, Any] | None:
    """The approval already given for this event id while it holds; a conflict is refused."""
    row = lock_row(conn, schema.authorisations, ask.request.event)
    if row is None:
        return None
    if row.terminal != ask.caller.terminal or row.request_hash != ask.request.digest():
        raise ask.refuse(
            "event_conflict", "this event id was already authorised for another request"
        )
    if int(row.expires_at) >= ask.now:
        return dict(json.loads(row.reply))
    holds.release(conn, ask.request.event)  # expired: decide again from scratch
    return None


def _claim_code(conn: Connection, ask: _Ask) -> None:
    """A code serves one checkout at one terminal: every event of it, nothing else."""
    mine = ask.claimant
    used = holds.code_user(conn, ask.code.code_id)
    if used is not None and not _same_checkout(used, mine):
        raise ask.refuse("code_used", "this code was already used at another counter or checkout")
    holder = holds.claim(conn, f"code:{ask.code.code_id}", mine, ask.now, ask.expires_at)
    if holder is not None and not _same_checkout(holder, mine):
        raise ask.refuse("code_used", "this code is in use at another counter or checkout")
    # One approval per code, kind and checkout: the same code asked again under another event
    # id would have the counter confirm twice what the ledger accepts once.
    kind = ask.request.kind
    key = f"authorised:{kind}:{ask.code.code_id}"
    holder = holds.claim(conn, key, mine, ask.now, ask.expires_at)
    if holder is not None and holder.event != mine.event:
        raise ask.refuse(
            "already_authorised", f"this code already has a {kind} approved in this checkout"
        )


def _same_checkout(holder: Claimant, mine: Claimant) -> bool:
    # An ingested event from before checkouts were recorded matches on the terminal alone.
    return holder.terminal == mine.terminal and holder.checkout in ("", mine.checkout)


def _redeem(conn: Connection, ask: _Ask) -> None:
    """Points from the catalog, against the balance less every live hold."""
    version, catalog = downstream.document(conn, "catalog")
    wanted = ask.request.catalog_version
    if wanted is not None and wanted != version:
        raise ask.refuse(
            "catalog_outdated",
            f"the terminal has catalog version {wanted}, the current one is {version}",
            catalog_version=version,
        )
    reward = next(
        (r for r in catalog.get("rewards", []) if str(r.get("id")) == ask.request.reward), None
    )
    if reward is None:
        raise ask.refuse("unknown_reward", f"reward {ask.request.reward} is not in the catalog")
    _reward_rules(conn, ask, reward)
    _hold_points(conn, ask, int(reward["points"]), "this reward needs")
    ask.reply["reward"] = ask.request.reward  # stock counts live approvals by reward


def _reward_rules(conn: Connection, ask: _Ask, raw: dict[str, Any]) -> None:
    """This store, the terminal's day (else today's within a day) and what is left in stock."""
    reward = reward_rules.read_reward(raw)
    server_day = dt.datetime.fromtimestamp(ask.now, dt.UTC).date()
    try:
        reward_rules.check_place_and_day(
            reward, ask.caller.store, reward_rules.possible_days(ask.request.day, server_day)
        )
        reward_rules.check_stock(conn, reward, ask.now, besides=(ask.request.event,))
    except reward_rules.RewardRefused as refused:
        raise ask.refuse(refused.reason, refused.message, **refused.extra) from None


def _discount(conn: Connection, ask: _Ask) -> None:
    """Points as cash: the points the terminal names, against the balance less every live hold.

    The money they pay is not decided here: ingest recomputes it from the policy and the sale
    (backend/evidence.py), so a hold only keeps the points from being spent twice.
    """
    points = ask.request.points
    if points is None:
        raise ask.refuse("malformed", "a discount names the points it holds")
    _hold_points(conn, ask, points, "these points as cash need")


def _hold_points(conn: Connection, ask: _Ask, points: int, needs: str) -> None:
    member = ask.code.member
    row = lock_row(conn, schema.members, member)  # one decision per member at a time
    if row is None:
        raise ask.refuse("unknown_member", "the backend has no account for this member")
    balance = int(row.balance)
    available = balance - holds.held_points(conn, member, ask.now)
    if available < points:
        raise ask.refuse(
            "insufficient_points",
            f"the member has {available} points available (balance {balance}); {needs} {points}",
            balance=balance,
            available=available,
            points=-points,
        )
    holds.hold_points(conn, ask.request.event, member, points, ask.expires_at)
    ask.reply |= {"points": -points, "balance": balance, "available": available - points}


def _pickup(conn: Connection, ask: _Ask) -> None:
    """The order's items less those handed over and those held for other handovers."""
    document = _document(ask, "pickup")
    order = lock_row(conn, schema.pickup_orders, document.doc_id)  # one handover at a time
    if order is None or order.member != ask.code.member:
        raise ask.refuse("unknown_order", f"the backend has no order {document.doc_id}")
    if order.store != ask.caller.store:
        raise ask.refuse("wrong_store", f"order {order.id} is to be picked up in another store")
    ordered = _ordered(order)
    done = holds.handed_over_items(conn, order.id, order.member)
    held, _holders = holds.held_items(conn, order.id, ask.now)
    remaining = {s: max(0, q - done.get(s, 0) - held.get(s, 0)) for s, q in ordered.items()}
    if order.status == "handed_over" or not any(remaining.values()):
        left = {s: 0 for s in ordered} if order.status == "handed_over" else remaining
        raise ask.refuse(
            "order_handed_over",
            f"order {order.id} was already handed over",
            remaining=left,
        )
    # Another counter of the store may finish an order one counter began: what it may hand
    # over is what remains after every accepted handover and every live hold, wherever made.
    wanted = ask.request.items or {s: q for s, q in remaining.items() if q > 0}
    for sku, qty in wanted.items():
        if sku not in ordered:
            raise ask.refuse("unknown_item", f"{sku} is not part of order {order.id}")
        if qty <= 0 or qty > remaining[sku]:
            raise ask.refuse(
                "items_exceed_remaining",
                f"only {remaining[sku]} of {sku} remain to be handed over",
                remaining=remaining,
            )
    holds.hold_items(conn, ask.claimant, order.id, wanted, ask.expires_at)
    after = {s: q - wanted.get(s, 0) for s, q in remaining.items()}
    ask.reply |= {"order": order.id, "items": wanted, "remaining": after}


def _ordered(order: Any) -> dict[str, int]:
    return holds.ordered_items(order.body)


def _coupon(conn: Connection, ask: _Ask) -> None:
    """A coupon is used once: by an ingested event or by a live claim, never twice."""
    coupon_id = _document(ask, "coupon").doc_id
    if holds.coupon_used(conn, coupon_id):
        raise ask.refuse("coupon_used", f"coupon {coupon_id} has already been used")
    holder = holds.claim(conn, f"coupon:{coupon_id}", ask.claimant, ask.now, ask.expires_at)
    if holder is not None and holder.event != ask.request.event:
        raise ask.refuse("coupon_used", f"coupon {coupon_id} is being used at another counter")
    ask.reply |= {"coupon": coupon_id}


def _checkin(conn: Connection, ask: _Ask) -> None:
    """Once per member, store and day (the terminal's local day, within a day of ours)."""
    day = _day(ask)
    member, store = ask.code.member, ask.caller.store
    if holds.checked_in(conn, member, store, day):
        raise ask.refuse("already_checked_in", f"the member already checked in here on {day}")
    key = f"checkin:{member}/{store}/{day}"
    holder = holds.claim(conn, key, ask.claimant, ask.now, ask.expires_at)
    if holder is not None and holder.event != ask.request.event:
        raise ask.refuse(
            "already_checked_in", f"the member is checking in here on {day} at another counter"
        )
    version, body = downstream.document(conn, "policy")
    points = policy_from_document(version, body).checkin_points
    ask.reply |= {"points": points, "day": day}


def _day(ask: _Ask) -> str:
    server_day = dt.datetime.fromtimestamp(ask.now, dt.UTC).date()
    text = ask.request.day or server_day.isoformat()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ask.refuse("bad_day", f"{text} is not a date") from None
    # Terminals count days in their own time zone: at most a day either side of UTC.
    if abs((day - server_day).days) > 1:
        raise ask.refuse("bad_day", f"{text} is not today in any time zone")
    return day.isoformat()


def _document(ask: _Ask, typ: str) -> Any:
    document = ask.code.document
    if document is None or document.typ != typ:
        raise ask.refuse("wrong_document", f"a {ask.request.kind} needs the {typ} code")
    return document


def release(conn: Connection, caller: Caller, event: str) -> bool:
    """Give up what this terminal's approval of ``event`` holds; whether anything was held.

    A till sale that changes its discount or reward, or is cancelled, would otherwise keep the
    member's points held until the hold expires. Only the terminal that asked may release, and
    an event that already reached the ledger holds nothing any more: both answer False, as an
    unknown event does.
    """
    row = lock_row(conn, schema.authorisations, event)
    if row is None or row.terminal != caller.terminal or holds.arrived(conn, event):
        return False
    holds.give_up(conn, event)
    return True


def flag(conn: Connection, caller: Caller, request: Request, refusal: Refusal, now: int) -> None:
    """Record a refused second use for the loyalty office (after the refusal rolled back)."""
    # Any fault in a presence proof is a terminal sending what the issuer never gave it.
    if refusal.reason not in FLAGGED and not refusal.reason.startswith("presence_"):
        return
    conn.execute(
        insert(schema.flags).values(
            kind=refusal.reason,
            event=request.event,
            terminal=caller.terminal,
            member=refusal.member,
            detail=f"online {request.kind} refused: {refusal.message}",
            at=now,
        )
    )
