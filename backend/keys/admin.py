"""What an operator does to the keys: import a key directory, rotate the master key; and the
one-time wrapping of TOTP secrets stored in clear by earlier versions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.engine import Connection

from backend import publication, schema
from backend.issuer_cache import IssuerCache
from backend.keys import tables
from backend.keys.master import Vault, is_wrapped_text, totp_aad
from backend.keys.signer import key_aad
from backend.keys.store import IssuerDbStore, key_id_for
from config.errors import ConfigError
from crypto import keys
from protocol.issuer_store import IssuerStore


def start_node(issuers: IssuerCache) -> None:
    """At a node's start: the issuer exists, and no secret is left in clear."""
    issuers.get()
    with issuers.store.engine.begin() as conn:
        publication.lock(conn)
        wrap_clear_secrets(conn, issuers.vault)


def wrap_clear_secrets(conn: Connection, vault: Vault) -> int:
    """Wrap every TOTP secret an earlier version stored in clear; how many were."""
    table = schema.member_totp
    rows = conn.execute(select(table.c.member, table.c.secret)).all()
    clear = [r for r in rows if not is_wrapped_text(str(r.secret))]
    for row in clear:
        wrapped = vault.wrap_text(str(row.secret), totp_aad(str(row.member)))
        conn.execute(update(table).where(table.c.member == row.member).values(secret=wrapped))
    return len(clear)


def import_directory(store: IssuerDbStore, directory: Path, now: int, *, keep_files: bool) -> int:
    """Put a key directory's issuer into an empty database; the bundle version imported.

    ``keep_files``: the keys stay in their files (``file:`` URIs; every node needs them);
    otherwise they are wrapped into the database and the directory may be deleted.
    """
    issuer = IssuerStore(directory).load()
    with store.engine.begin() as conn:
        publication.lock(conn)
        if conn.execute(select(tables.issuer_bundles.c.version).limit(1)).first():
            raise ConfigError("the database holds an issuer already; not importing another")
        if keep_files:
            kid = issuer.signing_kid.hex()
            for role, key, name in (
                ("root", issuer.root_key, "root.key"),
                ("signing", issuer.signing_key, f"signing-{kid}.key"),
            ):
                _register_file_key(conn, role, key, (directory / name).resolve(), now)
        store.save_into(conn, issuer, now)
    return issuer.bundle.version


def _register_file_key(conn: Connection, role: str, key: Any, path: Path, now: int) -> None:
    conn.execute(
        tables.issuer_keys.insert().values(
            key_id=key_id_for(role, key),
            role=role,
            uri=f"file:{path}",
            public=keys.public_raw(key).hex(),
            wrapped=None,
            created_at=now,
        )
    )


def rotate_master_key(engine: Engine, old: Vault, new: Vault) -> dict[str, Any]:
    """Re-wrap every secret in the database from ``old`` to ``new``, in one transaction."""
    keys_table, totp = tables.issuer_keys, schema.member_totp
    with engine.begin() as conn:
        publication.lock(conn)
        wrap_clear_secrets(conn, old)
        rows = conn.execute(
            select(keys_table.c.key_id, keys_table.c.wrapped).where(
                keys_table.c.wrapped.is_not(None)
            )
        ).all()
        for row in rows:
            aad = key_aad(str(row.key_id))
            rewrapped = new.wrap(old.unwrap(bytes(row.wrapped), aad), aad)
            conn.execute(
                update(keys_table)
                .where(keys_table.c.key_id == row.key_id)
                .values(wrapped=rewrapped)
            )
        secrets = conn.execute(select(totp.c.member, totp.c.secret)).all()
        for row in secrets:
            aad = totp_aad(str(row.member))
            text = new.wrap_text(old.unwrap_text(str(row.secret), aad), aad)
            conn.execute(update(totp).where(totp.c.member == row.member).values(secret=text))
    return {
        "master_key": new.key_id.hex(),
        "issuer_keys": len(rows),
        "totp_secrets": len(secrets),
    }
