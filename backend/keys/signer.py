"""One Signer interface for every issuer key, picked by the key's URI (as securesystemslib).

    db:<key id>        the key wrapped under the master key in ``issuer_keys`` (the default)
    file:<path>        a PKCS#8 PEM file of mode 0600 on this node (the old key directory)
    awskms:, gcpkms:, azurekms:, pkcs11:   plug-in points: ``register_scheme`` adds a factory

Crypto signs with anything that offers ``sign(data)`` and ``public_key()``. ``db:`` and
``file:`` keys load into cryptography's own Ed25519 private key. A plug-in (a cloud KMS,
which now sign Ed25519, or a PKCS#11 token) returns a ``RemoteSigner``: it implements those
two calls by asking the service, and refuses to export the private key. Moving a key is a new
URI in ``issuer_keys``, never a code change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.engine import Connection

from backend.keys import tables
from backend.keys.master import Vault
from config.errors import ConfigError
from config.files import check_secret_mode
from crypto import keys

# Schemes named here but not installed get a sentence saying how to plug them in.
PLUGIN_SCHEMES = ("awskms", "gcpkms", "azurekms", "pkcs11")


class SignerError(ConfigError):
    """A key URI this node cannot sign with."""


class Signer(Protocol):
    """What signs for the issuer: Ed25519 over bytes, and the matching public key."""

    def sign(self, data: bytes) -> bytes: ...

    def public_key(self) -> Ed25519PublicKey: ...


@dataclass(frozen=True)
class SignerContext:
    """What a scheme's factory may use: the open transaction and the node's master key."""

    conn: Connection
    vault: Vault


SignerFactory = Callable[[str, SignerContext], Signer]
_SCHEMES: dict[str, SignerFactory] = {}


def register_scheme(scheme: str, factory: SignerFactory) -> None:
    """Plug in a key store: ``factory(uri, context)`` returns the Signer for a URI."""
    _SCHEMES[scheme] = factory


def signer_for(uri: str, key_id: str, context: SignerContext) -> Ed25519PrivateKey:
    """The signer a key URI names, as crypto's key type; refuses unknown schemes by name."""
    scheme = uri.split(":", 1)[0]
    if scheme == "db":
        return _db_key(key_id, uri, context)
    if scheme == "file":
        return _file_key(Path(uri.removeprefix("file:")))
    factory = _SCHEMES.get(scheme)
    if factory is None:
        hint = " (install its plug-in and call register_scheme)" if scheme in PLUGIN_SCHEMES else ""
        raise SignerError(f"issuer key {key_id}: no signer for '{scheme}:' URIs{hint}")
    found = factory(uri, context)
    return found if isinstance(found, Ed25519PrivateKey) else RemoteSigner(found)


def key_aad(key_id: str) -> bytes:
    """The associated data a wrapped issuer key is sealed with: its row's id."""
    return b"issuer_keys:" + key_id.encode()


def _db_key(key_id: str, uri: str, context: SignerContext) -> Ed25519PrivateKey:
    if uri != f"db:{key_id}":
        raise SignerError(f"issuer key {key_id}: a db: URI names its own row ({uri})")
    table = tables.issuer_keys
    wrapped = context.conn.execute(
        select(table.c.wrapped).where(table.c.key_id == key_id)
    ).scalar_one_or_none()
    if wrapped is None:
        raise SignerError(f"issuer key {key_id} is not in the database")
    raw = context.vault.unwrap(bytes(wrapped), key_aad(key_id))
    return Ed25519PrivateKey.from_private_bytes(raw)


def _file_key(path: Path) -> Ed25519PrivateKey:
    try:
        check_secret_mode(path)
        return keys.private_from_pem(path.read_bytes())
    except OSError as exc:
        raise SignerError(f"cannot read the issuer key file {path} ({exc.strerror})") from None
    except ValueError as exc:
        raise SignerError(f"{path} is not an Ed25519 key ({exc})") from None


class RemoteSigner(Ed25519PrivateKey):
    """A key held elsewhere (KMS, HSM) behind crypto's key type: it signs, never exports."""

    def __init__(self, signer: Signer) -> None:
        self._signer = signer

    def sign(self, data: bytes | bytearray | memoryview) -> bytes:
        """The service's Ed25519 signature of ``data``."""
        return self._signer.sign(bytes(data))

    def public_key(self) -> Ed25519PublicKey:
        """The service's public key."""
        return self._signer.public_key()

    def private_bytes(self, *_: Any, **__: Any) -> bytes:
        """Refused: the key never leaves its store."""
        raise SignerError("a key held in a KMS or HSM cannot be exported")

    def private_bytes_raw(self) -> bytes:
        """Refused: the key never leaves its store."""
        raise SignerError("a key held in a KMS or HSM cannot be exported")

    def __copy__(self) -> RemoteSigner:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> RemoteSigner:
        return self
