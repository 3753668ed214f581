"""The bundle's certificate revocation list drops certificates a day past their end, so it
does not grow for ever; unexpired (and just-ended) revoked certificates stay listed."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from backend import db, members, schema
from backend.issuer_cache import IssuerCache, open_issuers
from config.files import write_secret
from crypto import keys
from crypto.issuer import CERT_LIFETIME_SECONDS, Issuer


def _issuers(tmp_path: Path) -> IssuerCache:
    engine = db.make_engine(str(tmp_path / "backend.sqlite"))
    db.upgrade(engine)
    write_secret(tmp_path / "master.key", (b"\x05" * 32).hex().encode())
    return open_issuers(engine, None, tmp_path / "master.key")


def _new_phone(issuers: IssuerCache, member: str, at: int) -> Issuer:
    """The member enrols a new phone at ``at``: the old one's certificate is revoked."""
    engine = issuers.store.engine
    issuer = issuers.get()
    with engine.begin() as conn:
        members.enrol(conn, issuer, member, keys.public_raw(keys.generate()), at)
        revoked = members.revoked_unexpired(conn, at)
    return members.publish_revocations(issuers.store, revoked, at)


def _revoked_ids(issuers: IssuerCache, member: str) -> set[bytes]:
    certs = schema.member_certificates
    with issuers.store.engine.connect() as conn:
        rows = conn.execute(
            select(certs.c.cert_id).where(certs.c.member == member, certs.c.revoked_at.is_not(None))
        )
        return {bytes.fromhex(r.cert_id) for r in rows}


def test_the_revocation_list_drops_certificates_a_day_past_their_end(tmp_path: Path) -> None:
    issuers = _issuers(tmp_path)
    now = int(time.time())
    _new_phone(issuers, "M1", now)
    listed = _new_phone(issuers, "M1", now).bundle.revoked_certs
    (old_m1,) = _revoked_ids(issuers, "M1")
    assert old_m1 in listed

    # An hour after M1's old certificate ended: still listed (a slow terminal clock).
    soon = now + CERT_LIFETIME_SECONDS + 3600
    _new_phone(issuers, "M2", soon)
    kept = _new_phone(issuers, "M2", soon).bundle
    (old_m2,) = _revoked_ids(issuers, "M2")
    assert {old_m1, old_m2} <= kept.revoked_certs

    # Two days after: the next publication leaves it out; the others stay.
    later = now + CERT_LIFETIME_SECONDS + 2 * 86400
    _new_phone(issuers, "M3", later)
    pruned = _new_phone(issuers, "M3", later).bundle
    (old_m3,) = _revoked_ids(issuers, "M3")
    assert old_m1 not in pruned.revoked_certs
    assert {old_m2, old_m3} <= pruned.revoked_certs
    assert pruned.version == kept.version + 1
