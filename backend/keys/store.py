"""The issuer in the database: its keys (by signer URI) and every bundle it published.

Each change reads the newest bundle, applies the change and inserts the next version in one
transaction under the publication lock (backend.publication): two nodes revoking at once
publish N+1 and N+2, never two N+1s, and a node killed half-way leaves the previous version in
force. A first start creates the issuer the same way, so nodes starting at once share one root.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection

from backend import db, publication
from backend.keys import tables
from backend.keys.master import Vault
from backend.keys.signer import SignerContext, key_aad, signer_for
from config.errors import ConfigError
from crypto import keys
from crypto.issuer import Issuer, new_issuer
from protocol.issuer_store import IssuerStore, _state_from_json, _state_to_json


class IssuerDbStore:
    """Load, create and change the issuer kept in the database."""

    def __init__(self, engine: Engine, vault: Vault, *, import_dir: Path | None = None) -> None:
        self.engine = engine
        self.vault = vault
        # The old key directory (``serve --issuer DIR``): imported when the database is empty.
        self.import_dir = import_dir
        # Bumped by every publication through this object, so its cache reloads at once.
        self.published = 0
        self._keys: dict[str, Any] = {}
        self._keys_lock = threading.Lock()

    def latest_version(self) -> int | None:
        """The version in force, or None before the first start."""
        with self._reading() as conn:
            return _latest_version(conn)

    def ensure(self, now: int) -> Issuer:
        """The issuer, created (or imported from the key directory) when there is none yet."""
        with self.engine.begin() as conn:
            publication.lock(conn)
            if _latest_version(conn) is not None:
                return self._load(conn)
            issuer = self._first_issuer(now)
            self._save(conn, issuer, now)
        self.published += 1
        return issuer

    def load(self) -> Issuer:
        """The issuer as of the newest bundle."""
        with self._reading() as conn:
            return self._load(conn)

    def _reading(self) -> Connection:
        # Never waits for SQLite's write lock: callers may hold it in another transaction.
        return self.engine.connect().execution_options(**{db.READ_ONLY: True})

    def update(self, change: Callable[[Issuer], Issuer], now: int | None = None) -> Issuer:
        """Apply ``change`` to the newest issuer and publish the result, serialised."""
        with self.engine.begin() as conn:
            publication.lock(conn)
            current = self._load(conn)
            issuer = change(current)
            if issuer.bundle == current.bundle and issuer.signing_kid == current.signing_kid:
                return current  # nothing to publish
            if issuer.bundle.version <= current.bundle.version:
                raise ConfigError("an issuer change must publish a newer bundle version")
            self._save(conn, issuer, issuer.bundle.issued_at if now is None else now)
        self.published += 1
        return issuer

    def bundle_at(self, version: int) -> bytes | None:
        """The signed bundle published as ``version``, if there was one."""
        table = tables.issuer_bundles
        with self._reading() as conn:
            found = conn.execute(
                select(table.c.bundle).where(table.c.version == version)
            ).scalar_one_or_none()
        return None if found is None else bytes(found)

    def save_into(self, conn: Connection, issuer: Issuer, now: int) -> None:
        """Store ``issuer`` as the next version in an open, locked transaction (imports)."""
        self._save(conn, issuer, now)

    def _first_issuer(self, now: int) -> Issuer:
        if self.import_dir is None:
            return new_issuer(now)
        # The old layout keeps working: the directory is made as before (the demo and the
        # wallet read its trust-bundle and root.pub), then its keys are imported once.
        return IssuerStore(self.import_dir).ensure(now)

    def _load(self, conn: Connection) -> Issuer:
        table = tables.issuer_bundles
        row = conn.execute(select(table).order_by(table.c.version.desc()).limit(1)).first()
        if row is None:
            raise ConfigError("the database holds no issuer yet; start 'loyalty-backend serve'")
        try:
            content = _state_from_json(json.loads(row.state))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"issuer bundle {row.version} in the database is damaged") from exc
        root = self._key(conn, str(row.root_key_id))
        signing = self._key(conn, str(row.signing_key_id))
        if keys.public_raw(root) != content.root_public:
            raise ConfigError(f"issuer key {row.root_key_id} is not bundle {row.version}'s root")
        public = keys.public_raw(signing)
        if (keys.kid_for(public), public) not in {(k.kid, k.public) for k in content.keys}:
            raise ConfigError(f"issuer key {row.signing_key_id} is not in bundle {row.version}")
        return Issuer(root_key=root, signing_key=signing, bundle=content)

    def _key(self, conn: Connection, key_id: str) -> Any:
        with self._keys_lock:
            found = self._keys.get(key_id)
        if found is not None:
            return found
        table = tables.issuer_keys
        uri = conn.execute(select(table.c.uri).where(table.c.key_id == key_id)).scalar_one_or_none()
        if uri is None:
            raise ConfigError(f"issuer key {key_id} is not in the database")
        key = signer_for(str(uri), key_id, SignerContext(conn, self.vault))
        with self._keys_lock:
            self._keys[key_id] = key
        return key

    def _save(self, conn: Connection, issuer: Issuer, now: int) -> None:
        root_id = key_id_for("root", issuer.root_key)
        signing_id = key_id_for("signing", issuer.signing_key)
        for key_id, role, key in (
            (root_id, "root", issuer.root_key),
            (signing_id, "signing", issuer.signing_key),
        ):
            self._register(conn, key_id, role, key, now)
        state = _state_to_json(issuer.bundle, issuer.signing_kid.hex())
        conn.execute(
            insert(tables.issuer_bundles).values(
                version=issuer.bundle.version,
                root_key_id=root_id,
                signing_key_id=signing_id,
                state=json.dumps(state, sort_keys=True),
                bundle=issuer.signed_bundle(),
                published_at=now,
            )
        )

    def _register(self, conn: Connection, key_id: str, role: str, key: Any, now: int) -> None:
        # A key already registered (e.g. as file: or a KMS URI by an import) is left as it is.
        table = tables.issuer_keys
        if conn.execute(select(table.c.key_id).where(table.c.key_id == key_id)).first():
            return
        conn.execute(
            insert(table).values(
                key_id=key_id,
                role=role,
                uri=f"db:{key_id}",
                public=keys.public_raw(key).hex(),
                wrapped=self.vault.wrap(key.private_bytes_raw(), key_aad(key_id)),
                created_at=now,
            )
        )
        with self._keys_lock:
            self._keys[key_id] = key


def key_id_for(role: str, key: Any) -> str:
    """The id a key is stored under: its role and kid, so a rotated key gets a new row."""
    return f"{role}-{keys.kid_for(keys.public_raw(key)).hex()}"


def _latest_version(conn: Connection) -> int | None:
    table = tables.issuer_bundles
    found = conn.execute(select(func.max(table.c.version))).scalar_one_or_none()
    return None if found is None else int(found)
