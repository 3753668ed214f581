"""When a member or a certificate was revoked, so ingest can tell old events from new ones.

The trust bundle says only *that* something is revoked. An event made offline before the
revocation still counts (the member was present, the code was good then); one made after it
is rejected. A revocation the backend holds no time for counts from the beginning of time:
the safe side for a ledger.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, insert, or_, select
from sqlalchemy.engine import Connection

from backend import schema


def record(
    conn: Connection, now: int, *, member: str | None = None, cert_id: bytes | None = None
) -> None:
    """Note the time of a revocation published in the issuer's bundle."""
    conn.execute(
        insert(schema.revocations).values(
            member=member, cert_id=cert_id.hex() if cert_id else None, revoked_at=now
        )
    )


def times(
    conn: Connection, members: Iterable[str], cert_ids: Iterable[bytes]
) -> tuple[dict[str, int], dict[str, int]]:
    """The earliest recorded revocation time by member and by certificate id (hex)."""
    table = schema.revocations
    wanted_members, wanted_certs = set(members), {c.hex() for c in cert_ids}
    if not wanted_members and not wanted_certs:
        return {}, {}
    rows = conn.execute(
        select(table.c.member, table.c.cert_id, func.min(table.c.revoked_at))
        .where(or_(table.c.member.in_(wanted_members), table.c.cert_id.in_(wanted_certs)))
        .group_by(table.c.member, table.c.cert_id)
    )
    by_member: dict[str, int] = {}
    by_cert: dict[str, int] = {}
    for member, cert, at in rows:
        if member is not None:
            by_member[member] = min(int(at), by_member.get(member, int(at)))
        if cert is not None:
            by_cert[cert] = min(int(at), by_cert.get(cert, int(at)))
    return by_member, by_cert


def revoked_at(
    verified_member: str, cert_id: bytes, found: tuple[dict[str, int], dict[str, int]]
) -> int:
    """When the member or certificate was revoked (0, i.e. always, when no time is recorded)."""
    by_member, by_cert = found
    candidates = [t for t in (by_member.get(verified_member), by_cert.get(cert_id.hex())) if t]
    return min(candidates) if candidates else 0
