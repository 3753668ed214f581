"""The wallet file: the phone's device key, its certificate, its counter, its documents.

JSON, mode 0600 (it holds the device's private key), rewritten atomically after every code so
the counter never goes backwards after a crash.
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
from crypto.timestep import time_step


@dataclass(frozen=True)
class Wallet:
    """One member's phone."""

    member: str
    device_key: Ed25519PrivateKey
    certificate: bytes
    counter: int = 0
    backend: str | None = None
    documents: tuple[tuple[str, bytes], ...] = field(default_factory=tuple)

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
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a valid wallet ({exc})") from exc
