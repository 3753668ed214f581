"""The staff step of a pull: the office's directory for this terminal, verified, then applied.

Verified like the policy and catalog (the issuer's signature over name and version, a version
never going backwards) and more: the document must name this terminal's store and this
terminal, whose key its PIN verifiers are made with. The same document carries the lockouts the
office cleared for this terminal (``cleared``); the heartbeat reports the ones it holds
(``StaffCache.locked_out``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from protocol.staff_directory import (
    ClearedLockout,
    DirectoryAccount,
    parse_accounts,
    parse_cleared,
)
from sync.errors import BadReply

MAX_STAFF_DOCUMENT = 2 * 1024 * 1024


class StaffCache(Protocol):
    """Where a terminal keeps the office's directory (terminal.counter.staff_directory)."""

    store: str

    def directory_version(self) -> int:
        """The version held (0: none)."""

    def apply_directory(
        self, version: int, accounts: list[DirectoryAccount], cleared: list[ClearedLockout]
    ) -> None:
        """Replace the directory with a verified newer one; clear the lockouts it clears."""

    def locked_out(self) -> list[dict[str, Any]]:
        """The directory's accounts locked out now, as the heartbeat reports them."""


def verified_staff(
    reply: Any,
    held: int,
    *,
    terminal: str,
    store: str,
    bundle_path: Path,
    pinned_root: bytes,
    now: float,
) -> tuple[int, list[DirectoryAccount], list[ClearedLockout]] | None:
    """The newer directory in ``reply`` (None: nothing newer); BadReply for anything forged."""
    if not isinstance(reply, dict) or not isinstance(reply.get("version"), int):
        raise BadReply("the staff reply has no version")
    if not reply.get("changed"):
        return None
    signed = reply.get("signed")
    if not isinstance(signed, str) or len(signed) > 2 * MAX_STAFF_DOCUMENT:
        raise BadReply("the staff reply carries no signed document")
    try:
        trust = TrustStore.from_bundle(bundle_path.read_bytes(), pinned_root)
        payload = json.loads(
            trust.open_signed(bytes.fromhex(signed), now, max_size=MAX_STAFF_DOCUMENT)
        )
    except (OSError, ValueError, BundleRejected) as exc:
        raise BadReply(f"the staff document is not signed by the issuer ({exc})") from None
    if not isinstance(payload, dict) or payload.get("name") != "staff":
        raise BadReply("the signed document is not a staff document")
    version = payload.get("version")
    if version != reply["version"] or not isinstance(version, int) or version <= held:
        raise BadReply("the staff document is not newer than the one held")
    if payload.get("store") != store or payload.get("terminal") != terminal:
        raise BadReply("the staff document was made for another store or terminal")
    try:
        body = payload.get("body")
        return version, parse_accounts(body), parse_cleared(body)
    except ValueError as exc:
        raise BadReply(f"the staff document is malformed ({exc})") from None
