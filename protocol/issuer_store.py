"""An issuer's keys and bundle state in a directory, as `loyalty-wallet issuer-init` makes it.

DIR/root.key            issuer root key, PKCS#8 PEM, mode 0600
DIR/signing-<kid>.key   every signing key ever used, mode 0600
DIR/issuer.json         bundle state: version, keys, revocations, policy, current kid
DIR/trust-bundle        the signed bundle terminals load
DIR/root.pub            the root public key (hex), pinned by terminals at provisioning
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock

from config.errors import ConfigError
from config.files import check_secret_mode, write_atomic, write_secret
from crypto import keys, trust
from crypto.issuer import Issuer, new_issuer


class IssuerStore:
    """Load and save an Issuer in one directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def bundle_path(self) -> Path:
        return self.directory / "trust-bundle"

    @property
    def root_public_path(self) -> Path:
        return self.directory / "root.pub"

    def exists(self) -> bool:
        return (self.directory / "issuer.json").exists()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the directory's exclusive lock: every process that changes the issuer takes it.

        Without it two backend processes revoking at once both publish version N+1 with
        different contents, and a first start of several processes can mix their keys.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        # filelock: flock on POSIX, LockFileEx on Windows; released when the process dies.
        with FileLock(self.directory / ".lock"):
            yield

    def ensure(self, now: int) -> Issuer:
        """The issuer, created under the lock when the directory holds none yet."""
        with self.locked():
            if not self.exists():
                return self._create(now)
            return self.load()

    def update(self, change: Callable[[Issuer], Issuer]) -> Issuer:
        """Apply ``change`` to the newest saved issuer and publish the result, serialised."""
        with self.locked():
            issuer = change(self.load())
            self.save(issuer)
            return issuer

    def create(self, now: int) -> Issuer:
        """Make new keys, under the lock; refuses to overwrite an existing issuer."""
        with self.locked():
            return self._create(now)

    def _create(self, now: int) -> Issuer:
        if self.exists():
            raise ConfigError(f"{self.directory} already holds an issuer; not overwriting it")
        issuer = new_issuer(now)
        write_secret(self.directory / "root.key", keys.private_to_pem(issuer.root_key))
        self.save(issuer)
        return issuer

    def save(self, issuer: Issuer) -> None:
        """Write the signing key, the state and a freshly signed bundle.

        Not locked by itself: a change to a published issuer goes through ``update``, which
        reads, changes and saves under the lock (a load then save outside it can lose another
        process's change).
        """
        kid = issuer.signing_kid.hex()
        signing_path = self.directory / f"signing-{kid}.key"
        if not signing_path.exists():
            write_secret(signing_path, keys.private_to_pem(issuer.signing_key))
        state = _state_to_json(issuer.bundle, kid)
        write_atomic(self.directory / "issuer.json", json.dumps(state, indent=2).encode())
        write_atomic(self.bundle_path, issuer.signed_bundle())
        write_atomic(self.root_public_path, (issuer.bundle.root_public.hex() + "\n").encode())

    def load(self) -> Issuer:
        """Read the issuer back; clear errors for a missing or tampered directory."""
        if not self.exists():
            raise ConfigError(
                f"{self.directory} holds no issuer; run 'loyalty-wallet issuer-init {self.directory}'"
            )
        try:
            state = json.loads((self.directory / "issuer.json").read_text())
            root_key = self._read_key("root.key")
            signing_key = self._read_key(f"signing-{state['signing_kid']}.key")
            content = _state_from_json(state)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{self.directory}: issuer files are damaged ({exc})") from exc
        # Keys that do not match the state would sign bundles terminals refuse: say so here.
        if keys.public_raw(root_key) != content.root_public:
            raise ConfigError(f"{self.directory}: root.key does not match issuer.json's root")
        published = {(k.kid, k.public) for k in content.keys}
        if (keys.kid_for(keys.public_raw(signing_key)), keys.public_raw(signing_key)) not in (
            published
        ):
            raise ConfigError(
                f"{self.directory}: the current signing key is not in issuer.json's keys"
            )
        return Issuer(root_key=root_key, signing_key=signing_key, bundle=content)

    def _read_key(self, name: str) -> Any:
        path = self.directory / name
        check_secret_mode(path)
        return keys.private_from_pem(path.read_bytes())


def _state_to_json(content: trust.BundleContent, signing_kid: str) -> dict[str, Any]:
    return {
        "signing_kid": signing_kid,
        "version": content.version,
        "issued_at": content.issued_at,
        "root": content.root_public.hex(),
        "keys": [
            {"kid": k.kid.hex(), "pub": k.public.hex(), "nbf": k.not_before, "exp": k.expires_at}
            for k in content.keys
        ],
        "revoked_certs": sorted(c.hex() for c in content.revoked_certs),
        "revoked_members": sorted(content.revoked_members),
        "policy": dict(content.policy),
    }


def _state_from_json(state: dict[str, Any]) -> trust.BundleContent:
    return trust.BundleContent(
        version=int(state["version"]),
        issued_at=int(state["issued_at"]),
        root_public=bytes.fromhex(state["root"]),
        keys=tuple(
            trust.IssuerKey(
                kid=bytes.fromhex(k["kid"]),
                public=bytes.fromhex(k["pub"]),
                not_before=int(k["nbf"]),
                expires_at=int(k["exp"]),
            )
            for k in state["keys"]
        ),
        revoked_certs=frozenset(bytes.fromhex(c) for c in state["revoked_certs"]),
        revoked_members=frozenset(state["revoked_members"]),
        policy=dict(state["policy"]),
    )
