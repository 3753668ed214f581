"""The wallet file: the phone's device key, its certificate, its counter, its documents and
the member's manual-code secret.

JSON, mode 0600 (it holds the device's private key and the TOTP secret), rewritten atomically
after every code so the counter never goes backwards after a crash. The mini program keeps the
same secrets in its secure storage (the device key in the key store, the TOTP secret with
``wx.setStorage`` encrypted under it), never in a backup or a log.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from config.errors import ConfigError
from config.files import check_secret_mode, write_secret
from crypto import keys
from crypto.code import DOCUMENT_FOR_PURPOSE, Purpose, make_code
from crypto.timestep import manual_code, time_step


@dataclass(frozen=True)
class Wallet:
    """One member's phone."""

    member: str
    device_key: Ed25519PrivateKey
    certificate: bytes
    counter: int = 0
    backend: str | None = None
    documents: tuple[tuple[str, bytes], ...] = field(default_factory=tuple)
    # The 8-digit manual code's secret, from the backend's enrolment or refresh reply.
    totp_secret: str | None = None

    def manual_code(self, at: float) -> str:
        """The code shown beside the QR for a counter that cannot scan (docs/protocol.md)."""
        if not self.totp_secret:
            raise ConfigError(
                "this wallet has no manual-code secret yet: run 'loyalty-wallet refresh' "
                "(a wallet enrolled offline never has one)"
            )
        return manual_code(self.totp_secret, at)

    def next_code(
        self, at: float, purpose: Purpose, document_id: str | None = None
    ) -> tuple[Wallet, str]:
        """The code to show at ``at`` and the wallet with its counter advanced."""
        document = self._document_for(purpose, document_id)
        advanced = replace(self, counter=self.counter + 1)
        text = make_code(
            self.certificate,
            self.device_key,
            step=time_step(at),
            counter=advanced.counter,
            purpose=purpose,
            document=document,
        )
        return advanced, text

    def _document_for(self, purpose: Purpose, document_id: str | None) -> bytes | None:
        wanted = DOCUMENT_FOR_PURPOSE.get(purpose)
        if wanted is None:
            return None
        for doc_type_and_id, raw in self.documents:
            doc_type, _, doc_id = doc_type_and_id.partition(":")
            if doc_type == wanted and document_id in (None, doc_id):
                return raw
        raise ConfigError(
            f"this wallet holds no {wanted} document"
            + (f" with id {document_id}" if document_id else "")
        )


def save_wallet(path: Path, wallet: Wallet) -> None:
    """Write the wallet atomically, mode 0600."""
    data: dict[str, Any] = {
        "member": wallet.member,
        "device_key": keys.private_to_pem(wallet.device_key).decode(),
        "certificate": base64.b64encode(wallet.certificate).decode(),
        "counter": wallet.counter,
        "backend": wallet.backend,
        "documents": [
            {"key": key, "raw": base64.b64encode(raw).decode()} for key, raw in wallet.documents
        ],
        "totp_secret": wallet.totp_secret,
    }
    write_secret(path, json.dumps(data, indent=2).encode())


def load_wallet(path: Path) -> Wallet:
    """Read a wallet file; a clear error if it is missing, unsafe or damaged."""
    if not path.exists():
        raise ConfigError(f"no wallet at {path}; create one with 'loyalty-wallet enroll'")
    check_secret_mode(path)
    try:
        data = json.loads(path.read_text())
        return Wallet(
            member=data["member"],
            device_key=keys.private_from_pem(data["device_key"].encode()),
            certificate=base64.b64decode(data["certificate"]),
            counter=int(data["counter"]),
            backend=data.get("backend"),
            documents=tuple(
                (d["key"], base64.b64decode(d["raw"])) for d in data.get("documents", [])
            ),
            totp_secret=data.get("totp_secret"),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a valid wallet ({exc})") from exc
