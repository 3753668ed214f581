"""The revocation list drops certificates past their expiry, and nothing else.

A revoked certificate that has expired is refused by every terminal for its expiry alone, so
listing it only makes every bundle larger, for ever. The next publication leaves it out; a
revoked certificate still inside its lifetime stays listed, and the old phone's codes stay
refused either way.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import update

from backend import schema
from crypto import keys
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import enrol_wallet
from tests.test_hostile_old_phone import _cert_ids
from wallet.store import load_wallet

pytest_plugins = ["tests.fixtures.plugin"]


def _device(wallet: Path) -> bytes:
    return keys.public_raw(load_wallet(wallet).device_key)


def _revoked(backend: Backend) -> frozenset[bytes]:
    return backend.issuers().store.load().bundle.revoked_certs


def test_a_revoked_certificate_past_its_expiry_leaves_the_list_at_the_next_publication(
    backend: Backend, tmp_path: Path
) -> None:
    first = enrol_wallet(backend, "M1", tmp_path / "first.json")
    second = enrol_wallet(backend, "M1", tmp_path / "second.json")  # revokes the first's
    first_certs = _cert_ids(backend, _device(first))
    assert first_certs and first_certs <= _revoked(backend)
    # The first phone's certificate reaches the end of its lifetime.
    certs = schema.member_certificates
    with backend.engine.begin() as conn:
        conn.execute(
            update(certs)
            .where(certs.c.cert_id.in_([c.hex() for c in first_certs]))
            .values(expires_at=int(time.time()) - 1)
        )
    enrol_wallet(backend, "M1", tmp_path / "third.json")  # revokes the second's: a publication
    revoked = _revoked(backend)
    assert not first_certs & revoked
    assert _cert_ids(backend, _device(second)) <= revoked
