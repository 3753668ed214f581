"""The member page (``/console/members?member=ID``) and the office's actions on a member.

Operators issue a login code, revoke a phone and adjust points with a reason; admins revoke
the member's codes altogether. Each action is audited in its own transaction.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import login, members, revocations
from backend.console import audit, i18n, member_actions, queries
from backend.console.web import Console, ConsoleDep, Page, Post, Refused, View, back, need

# The member routes, under the console's prefix.
router = APIRouter()


@router.get("/members")
def members_page(request: Request, page: View, console: ConsoleDep) -> Response:
    member = request.query_params.get("member", "").strip()
    return _member(console, request, page, member)


def _member(console: Console, request: Request, page: Page, member: str, **values: Any) -> Response:
    report = None
    if member and members.MEMBER_ID.match(member):
        with console.engine.begin() as conn:
            report = queries.member_report(conn, member)
            if report is not None:
                report["timeline"] = member_actions.timeline(report["entries"])
                report["phones"] = member_actions.devices(conn, member)
                report["coupons"] = member_actions.coupons(conn, member)
                report["orders"] = member_actions.orders(conn, member)
    return console.page(
        request,
        "members.html",
        page,
        member=member,
        report=report,
        ledger_kinds=i18n.LEDGER_KINDS,
        **values,
    )


def _known(page: Page) -> str:
    member = page.form.get("member", "")
    if not members.MEMBER_ID.match(member):
        raise Refused("unknown_member")
    return member


@router.post("/members/revoke")
def revoke_member(page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    member = _known(page)
    now = int(console.clock())
    with console.engine.begin() as conn:  # events after this time are rejected at ingest
        revocations.record(conn, now, member=member)
        audit.record(conn, page.actor(), "member_revoke", member, None, {"revoked_at": now})
    console.issuers.store.update(lambda current: current.revoke(now=now, member=member))
    return back("/console/members", member=member, done="member_revoked")


@router.post("/members/login-code")
def login_code(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "operator")
    member = _known(page)
    minutes = login.CODE_LIFETIME_SECONDS // 60
    with console.engine.begin() as conn:  # the audit says a code was issued, never which
        code = login.DevelopmentLoginCodes().issue(conn, member, int(console.clock()))
        audit.record(conn, page.actor(), "login_code", member, None, {"minutes": minutes})
    return _member(console, request, page, member, login_code=code, minutes=minutes)


@router.post("/members/device/revoke")
def revoke_device(page: Post, console: ConsoleDep) -> Response:
    need(page, "operator")
    member = _known(page)
    device = page.form.get("device", "")[:64]
    now = int(console.clock())
    with console.engine.begin() as conn:
        revoked = member_actions.revoke_device(conn, member, device, now)
        if revoked is None:
            raise Refused("no_device")
        after = {"device": device, "revoked_at": now}
        audit.record(conn, page.actor(), "device_revoke", member, None, after)
    # The phone's certificates go into the next trust bundle.
    members.publish_revocations(console.issuers.store, revoked, now)
    return back("/console/members", member=member, done="device_revoked")


@router.post("/members/adjust")
def adjust(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "operator")
    member = _known(page)
    reason = page.form.get("reason", "").strip()
    try:
        points = int(page.form.get("points", "").strip())
    except ValueError:
        points = 0
    try:
        with console.engine.begin() as conn:
            done = member_actions.adjust_points(
                conn, member, points, reason, page.session.user, int(console.clock() * 1000)
            )
            audit.record(
                conn,
                page.actor(),
                "points_adjust",
                member,
                {"balance": done.before},
                {
                    "balance": done.after,
                    "points": points,
                    "reason": reason,
                    "event": done.event,
                },
            )
    except member_actions.AdjustRefused as exc:
        return _member(console, request, page, member, adjust_error=exc.key, status=400)
    return back("/console/members", member=member, done="points_adjusted")
