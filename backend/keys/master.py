"""The node's master key and the AES-256-GCM wrapping of every secret kept in the database.

The master key is 32 random bytes, stored as hex in a file of mode 0600 that each node reads
at start (``LOYALTY_MASTER_KEY_FILE``); it is never written to the database. A wrapped value
is ``MAGIC || master key id (8) || nonce (12) || ciphertext+tag``: a fresh random 96-bit nonce
for every wrap (a constant IV, as in the EU DCC issuance service's AES-CBC, leaks equal
plaintexts and lets rows be swapped), and the row's id as associated data, so a wrapped value
copied into another row does not open.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from config.errors import ConfigError
from config.files import check_secret_mode, write_secret

MASTER_KEY_VARIABLE = "LOYALTY_MASTER_KEY_FILE"
KEY_SIZE = 32
NONCE_SIZE = 12
KEY_ID_SIZE = 8
MAGIC = b"LW1"
TEXT_PREFIX = "gcm1:"


class VaultError(ConfigError):
    """A wrapped secret cannot be opened: another master key, or a damaged or moved value."""


class Vault:
    """Wrap and unwrap secrets under one master key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_SIZE:
            raise ConfigError(f"a master key is {KEY_SIZE} bytes, not {len(key)}")
        self._aead = AESGCM(key)
        # Names the key in every wrapped value without revealing it (a hash, not the key).
        self.key_id = hashlib.sha256(b"loyalty master key id\0" + key).digest()[:KEY_ID_SIZE]

    @classmethod
    def from_file(cls, path: Path, *, create: bool = False) -> Vault:
        """The master key in ``path`` (mode 0600); made when missing and ``create`` is set."""
        if create and not path.exists():
            _create_once(path)
        try:
            check_secret_mode(path)
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            raise ConfigError(
                f"the master key file {path} does not exist; make one with "
                f"'loyalty-backend admin new-master-key --out {path}'"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the master key file {path} ({exc})") from None
        try:
            key = bytes.fromhex(text)
        except ValueError:
            raise ConfigError(f"{path} must hold a master key of 64 hex digits") from None
        if len(key) != KEY_SIZE:
            raise ConfigError(f"{path} must hold a master key of 64 hex digits")
        return cls(key)

    def wrap(self, plaintext: bytes, aad: bytes) -> bytes:
        """``plaintext`` sealed for the row named by ``aad``."""
        nonce = os.urandom(NONCE_SIZE)
        return MAGIC + self.key_id + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def unwrap(self, blob: bytes, aad: bytes) -> bytes:
        """The plaintext of a value ``wrap`` made for the same ``aad``; VaultError otherwise."""
        head = len(MAGIC) + KEY_ID_SIZE
        if len(blob) < head + NONCE_SIZE + 16 or not blob.startswith(MAGIC):
            raise VaultError("a wrapped secret in the database is not in the wrapped format")
        key_id = blob[len(MAGIC) : head]
        if key_id != self.key_id:
            raise VaultError(
                f"a secret in the database is wrapped under master key {key_id.hex()}, "
                f"but this node's master key is {self.key_id.hex()}: give this node the "
                f"current key file ({MASTER_KEY_VARIABLE})"
            )
        nonce = blob[head : head + NONCE_SIZE]
        try:
            return self._aead.decrypt(nonce, blob[head + NONCE_SIZE :], aad)
        except InvalidTag:
            raise VaultError(
                "a wrapped secret in the database is damaged or was moved from another row"
            ) from None

    def wrap_text(self, plaintext: str, aad: bytes) -> str:
        """``wrap`` for a text column: a prefixed base64 string."""
        return TEXT_PREFIX + base64.b64encode(self.wrap(plaintext.encode(), aad)).decode()

    def unwrap_text(self, stored: str, aad: bytes) -> str:
        """The plaintext of ``wrap_text``; a value stored in clear is refused."""
        if not stored.startswith(TEXT_PREFIX):
            raise VaultError("a secret in the database is stored in clear; run 'serve' once")
        try:
            blob = base64.b64decode(stored[len(TEXT_PREFIX) :], validate=True)
        except binascii.Error:
            raise VaultError("a wrapped secret in the database is not valid base64") from None
        return self.unwrap(blob, aad).decode()


def is_wrapped_text(stored: str) -> bool:
    """Whether a text column holds a wrapped value (else a secret from before wrapping)."""
    return stored.startswith(TEXT_PREFIX)


def _create_once(path: Path) -> None:
    # Processes starting at once must end with one key: each writes its own file, then links
    # it into place, which fails for all but the first; everyone then reads the winner's.
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    write_secret(draft, (secrets.token_bytes(KEY_SIZE).hex() + "\n").encode())
    try:
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(draft, path)
    finally:
        draft.unlink()


def totp_aad(member: str) -> bytes:
    """The associated data a member's TOTP secret is sealed with: its row's id."""
    return b"member_totp:" + member.encode()


def new_key_file(path: Path) -> Vault:
    """Write a new random master key to ``path`` (0600); refuses to overwrite one."""
    if path.exists():
        raise ConfigError(f"{path} exists already; not overwriting a master key")
    return Vault.from_file(path, create=True)
