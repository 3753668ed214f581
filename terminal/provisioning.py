"""Provisioning: a new terminal key, registered with a one-time code; the issuer root pinned.

The root comes from the backend over the enrolment call (trust on first use) unless the
operator gives the expected root; the bundle must verify against it before anything is saved.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from config.errors import ConfigError
from config.files import write_atomic
from config.paths import DataPaths
from crypto import keys
from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from protocol.staff_directory import terminal_key
from sync.enrol import enrol_terminal
from terminal.counter.staff_directory import key_path
from terminal.terminal_identity import TerminalIdentity, is_provisioned, save_identity


@dataclass(frozen=True)
class Provisioned:
    """The outcome, as the command prints it."""

    identity: TerminalIdentity
    root_public: bytes
    bundle_version: int


def provision(
    paths: DataPaths, backend: str, code: str, expected_root: bytes | None = None
) -> Provisioned:
    """Register this data dir as a terminal; refuses a dir that is already provisioned."""
    if is_provisioned(paths):
        raise ConfigError(f"{paths.root} is already provisioned; use a new --data-dir")
    paths.ensure()
    key = keys.generate()
    enrolled = enrol_terminal(backend, code, keys.public_raw(key))
    if expected_root is not None and enrolled.root_public != expected_root:
        raise ConfigError("the backend's issuer root is not the one expected; not provisioning")
    try:
        trust = TrustStore.from_bundle(enrolled.trust_bundle, enrolled.root_public)
    except BundleRejected as exc:
        raise ConfigError(f"the backend's trust bundle does not verify ({exc})") from exc
    write_atomic(paths.trust_bundle, enrolled.trust_bundle)
    write_atomic(paths.pinned_root, (enrolled.root_public.hex() + "\n").encode())
    identity = TerminalIdentity(
        terminal=enrolled.terminal,
        store=enrolled.store,
        backend=backend.rstrip("/"),
        key=key,
        provisioned_at=int(time.time()),
    )
    save_identity(paths, identity)
    # The secret binding the office's staff verifiers to this terminal (never sent anywhere).
    staff_key = terminal_key(code, keys.public_raw(key))
    write_atomic(key_path(paths.staff), (staff_key.hex() + "\n").encode(), secret=True)
    return Provisioned(identity, enrolled.root_public, trust.version)
