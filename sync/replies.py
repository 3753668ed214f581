"""Reading the backend's replies: a batch's results and an issuer-signed document.

Nothing in a reply is trusted before it is checked here: a result must name an event that was
sent, a document must carry the issuer's signature for its own name and version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from sync.errors import BadReply
from sync.outbox import Result, Status

MAX_SIGNED_DOCUMENT = 1024 * 1024
_STATUSES = {s.value: s for s in (Status.ACCEPTED, Status.DUPLICATE, Status.REJECTED)}


def signed_document(
    reply: dict[str, Any], name: str, bundle_path: Path, pinned_root: bytes, now: float
) -> dict[str, Any] | None:
    """The body the issuer signed for this name and version; None for anything else."""
    signed = reply.get("signed")
    if not isinstance(signed, str) or len(signed) > 2 * MAX_SIGNED_DOCUMENT:
        return None
    try:
        trust = TrustStore.from_bundle(bundle_path.read_bytes(), pinned_root)
        raw = trust.open_signed(bytes.fromhex(signed), now, max_size=MAX_SIGNED_DOCUMENT)
        payload = json.loads(raw)
    except (OSError, ValueError, BundleRejected):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("body"), dict):
        return None
    if payload.get("name") != name or payload.get("version") != reply["version"]:
        return None
    body: dict[str, Any] = payload["body"]
    return body


def parse_results(reply: Any, sent: set[str]) -> dict[str, Result]:
    """Each sent event's result in a batch reply; BadReply when the reply is not one."""
    rows = reply.get("results") if isinstance(reply, dict) else None
    if not isinstance(rows, list):
        raise BadReply("the batch reply has no results list")
    results: dict[str, Result] = {}
    for row in rows:
        if not isinstance(row, dict) or row.get("status") not in _STATUSES:
            raise BadReply("a batch result is malformed")
        event_id, reason = row.get("event"), row.get("reason")
        if event_id in sent and isinstance(event_id, str):
            results[event_id] = Result(
                _STATUSES[row["status"]], reason if reason else None, _position(row)
            )
    if not results:
        raise BadReply("the batch reply answers none of the events sent")
    return results


def _position(row: dict[str, Any]) -> int | None:
    """The member's ledger position in a batch result; None from a backend without them."""
    value = row.get("position")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None
