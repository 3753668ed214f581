"""Loading the terminal's trust bundle and pinned issuer root from files."""

from __future__ import annotations

from pathlib import Path

from config.errors import ConfigError
from config.paths import DataPaths
from config.settings import Settings
from crypto.code import Purpose
from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from crypto.verify import VerifyOptions


def read_pinned_root(paths: DataPaths) -> bytes | None:
    """The issuer root pinned at provisioning, or None on a terminal not provisioned yet."""
    if not paths.pinned_root.exists():
        return None
    try:
        root = bytes.fromhex(paths.pinned_root.read_text().strip())
    except ValueError:
        root = b""
    if len(root) != 32:
        raise ConfigError(f"{paths.pinned_root} does not hold a 32-byte key in hex")
    return root


def load_trust(bundle_path: Path, pinned_root: bytes | None) -> TrustStore:
    """Verify the bundle file; a clear ConfigError for a missing, foreign or damaged one."""
    try:
        raw = bundle_path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read trust bundle {bundle_path} ({exc.strerror})") from exc
    try:
        return TrustStore.from_bundle(raw, pinned_root)
    except BundleRejected as exc:
        raise ConfigError(f"trust bundle {bundle_path} refused: {exc}") from exc


def verify_options(
    trust: TrustStore, settings: Settings, *, purpose: Purpose | None, store: str | None
) -> VerifyOptions:
    """What this terminal asks of a code: the bundle's skew policy wins over local settings."""
    local = settings.verify
    return VerifyOptions(
        skew_back_steps=int(trust.policy.get("skew_back_steps", local.skew_back_steps)),
        skew_forward_steps=int(trust.policy.get("skew_forward_steps", local.skew_forward_steps)),
        purpose=purpose,
        store=store,
        max_chars=local.max_code_chars,
    )
