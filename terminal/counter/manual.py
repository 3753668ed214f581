"""Identification without a QR code: member number + the 8-digit manual code, online only.

The terminal never holds the member's secret, so it cannot check the code itself: it asks the
backend (``POST /v1/presence``), which answers with an issuer-signed presence proof bound to
this terminal, store and checkout. The proof is verified against the terminal's trust bundle
like any issuer document, and kept on the member view: the member events of this checkout
carry it in place of a scanned code (CounterContext.queue).
"""

from __future__ import annotations

import re

from crypto.errors import CodeRejected
from crypto.presence import PresenceProof, to_text, verify_presence
from sync.errors import BackendUnavailable, Refused, TransportError
from sync.outbox import Status
from terminal.counter.context import CounterContext
from terminal.counter.errors import CounterRefused
from terminal.counter.results import MemberView
from terminal.reasons import sentence
from terminal.sentences import Text

_UNSENT = (Status.PENDING, Status.IN_FLIGHT)
TOTP_FORMAT = re.compile(r"^[0-9]{8}$")
MEMBER_FORMAT = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
NEEDS_ONLINE = Text(
    "Identifying a member without the QR code needs the loyalty backend, and it cannot be "
    "reached. Ask the member to show the QR code in the app."
)
REFUSALS = {
    "totp_invalid": Text(
        "The member number or the 8-digit code is wrong. Ask the member to read "
        "the code in the app again."
    ),
    "totp_used": Text(
        "This code was used already. Ask the member for the next code (it changes "
        "every 30 seconds)."
    ),
    "member_revoked": Text("This membership has been blocked. Do not serve it as a member."),
}


def identify(ctx: CounterContext, member: str, totp: str, checkout: str) -> MemberView:
    """The member view of a manual identification; CounterRefused with a sentence otherwise."""
    member, totp = member.strip(), totp.strip().replace(" ", "")
    if not MEMBER_FORMAT.match(member):
        raise CounterRefused("bad_member", "A member number is 1 to 64 letters or digits.")
    if not TOTP_FORMAT.match(totp):
        raise CounterRefused("totp_invalid", "The code from the app has 8 digits.")
    if ctx.online is None:
        raise CounterRefused("manual_needs_online", NEEDS_ONLINE)
    raw = _ask(ctx, member, totp, checkout)
    proof = _verified(ctx, raw, member, checkout)
    # The proof's id is claimed like a scanned code's: one checkout at this terminal.
    try:
        ctx.seen.claim(proof.code_id, proof.member, checkout, now=ctx.clock())
    except CodeRejected as exc:
        raise CounterRefused(exc.reason.value, sentence(exc.reason)) from exc
    return _view(ctx, proof, raw, checkout)


def _ask(ctx: CounterContext, member: str, totp: str, checkout: str) -> bytes:
    assert ctx.online is not None
    try:
        return ctx.online.presence(member, totp, checkout).proof
    except BackendUnavailable as exc:
        if exc.reason == "totp_terminal_locked":
            raise CounterRefused(
                "totp_terminal_locked",
                "Too many manual codes were tried at this counter. Scan the member's QR code, "
                "or try again in %1 minutes.",
                (exc.retry_after or 900) // 60 + 1,
            ) from exc
        if exc.reason == "totp_locked":
            if exc.retry_after:
                raise CounterRefused(
                    "totp_locked",
                    "Too many codes were tried for this member. Try again in %1 minutes "
                    "or scan the QR code.",
                    exc.retry_after // 60 + 1,
                ) from exc
            raise CounterRefused(
                "totp_locked",
                "Too many codes were tried for this member. Scan the QR code instead.",
            ) from exc
        raise CounterRefused("manual_needs_online", NEEDS_ONLINE) from exc
    except TransportError as exc:
        raise CounterRefused("manual_needs_online", NEEDS_ONLINE) from exc
    except Refused as exc:
        message = REFUSALS.get(exc.reason, Text("The backend refused this identification."))
        raise CounterRefused(exc.reason, message) from exc


def _verified(ctx: CounterContext, raw: bytes, member: str, checkout: str) -> PresenceProof:
    """Nothing the backend sent is believed before the issuer's signature over it verifies."""
    now = ctx.clock() + ctx.state.clock_offset_ms() / 1000
    try:
        proof = verify_presence(raw, ctx.trust, now)
    except CodeRejected as exc:
        raise CounterRefused(exc.reason.value, sentence(exc.reason)) from exc
    identity = ctx.identity
    expected = (member, identity.terminal, identity.store, checkout)
    if (proof.member, proof.terminal, proof.store, proof.checkout) != expected:
        raise CounterRefused(
            "presence_mismatch",
            "The backend's answer is for another member or counter. Do not accept it; "
            "call a technician.",
        )
    return proof


def _view(ctx: CounterContext, proof: PresenceProof, raw: bytes, checkout: str) -> MemberView:
    policy = ctx.policy
    unsent = [e for e in ctx.outbox.by_member(proof.member) if e.status in _UNSENT]
    next_tier = policy.next_tier(proof.tier)
    return MemberView(
        member=proof.member,
        tier=proof.tier,
        privileges=policy.tier(proof.tier).privileges,
        balance=proof.balance,
        balance_as_of=proof.balance_as_of,
        pending_points=sum(e.event.points for e in unsent),
        pending_operations=len(unsent),
        unsent_points=sum(e.event.points for e in unsent),
        unsent_operations=len(unsent),
        next_tier=next_tier.name if next_tier else None,
        next_tier_min_spend=next_tier.min_spend if next_tier else None,
        code_id=proof.code_id,
        purpose="checkout",
        checkout=checkout,
        presence=to_text(raw),
    )
