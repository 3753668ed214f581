"""``loyalty-backend admin`` commands for keys: import-issuer, rotate-master-key,
new-master-key, rotate-signing-key; and where a command finds the node's master key."""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from backend import db
from backend.issuer_cache import MASTER_KEY_NAME, IssuerCache, open_issuers
from backend.keys import admin
from backend.keys.master import MASTER_KEY_VARIABLE, Vault, new_key_file
from config.errors import ConfigError


def add_commands(sub: Any, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the key commands to ``loyalty-backend admin``."""
    p = sub.add_parser("import-issuer", help="put a key directory's issuer into the database")
    db_arg(p)
    p.add_argument("--issuer", type=Path, required=True, help="the key directory")
    p.add_argument(
        "--keep-files",
        action="store_true",
        help="sign from the key files (file: URIs) instead of wrapping them into the database",
    )
    p.set_defaults(func=cmd_import_issuer)
    p = sub.add_parser(
        "rotate-master-key", help="re-wrap every secret in the database under a new master key"
    )
    db_arg(p)
    p.add_argument(
        "--new-key-file", type=Path, required=True, help="the new key (0600; made if missing)"
    )
    p.add_argument("--issuer", type=Path, help="issuer directory (default: as for serve)")
    p.set_defaults(func=cmd_rotate_master_key)
    p = sub.add_parser("new-master-key", help="write a new random master key file (0600)")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_new_master_key)
    p = sub.add_parser(
        "rotate-signing-key", help="publish a bundle with a new signing key (the old one overlaps)"
    )
    db_arg(p)
    p.add_argument("--issuer", type=Path, help="issuer directory (default: as for serve)")
    p.set_defaults(func=cmd_rotate_signing_key)


def master_key_from_environment() -> Path | None:
    """The node's master key file, named by LOYALTY_MASTER_KEY_FILE (read at start only)."""
    value = os.environ.get(MASTER_KEY_VARIABLE, "")
    return Path(value) if value else None


def issuer_dir(given: Path | None, url: str, master_key_file: Path | None) -> Path | None:
    """The key directory a command uses: none on a node with a master key file."""
    # Without a master key file, the old default holds the master key next to the keys it
    # was made with (one machine, as before stateless nodes).
    if given is not None or master_key_file is not None:
        return given
    from backend.cli import default_issuer_dir

    return default_issuer_dir(url)


def issuers(args: argparse.Namespace, engine: Engine) -> IssuerCache:
    """The issuer of ``args.db`` under this node's master key."""
    master_key_file = master_key_from_environment()
    directory = issuer_dir(args.issuer, args.db, master_key_file)
    if getattr(args, "admin", None) == "import-issuer":
        directory = None  # the directory is imported explicitly, not on the way
        if master_key_file is None:
            master_key_file = args.issuer / MASTER_KEY_NAME
            Vault.from_file(master_key_file, create=True)
    return open_issuers(engine, directory, master_key_file)


def cmd_import_issuer(args: argparse.Namespace) -> int:
    engine = _engine(args)
    store = issuers(args, engine).store
    version = admin.import_directory(
        store, args.issuer, int(time.time()), keep_files=args.keep_files
    )
    _emit({"imported": str(args.issuer), "bundle_version": version})
    return 0


def cmd_rotate_master_key(args: argparse.Namespace) -> int:
    engine = _engine(args)
    old = issuers(args, engine).vault
    new = Vault.from_file(args.new_key_file, create=True)
    if new.key_id == old.key_id:
        raise ConfigError("the new master key is the current one")
    _emit(admin.rotate_master_key(engine, old, new))
    return 0


def cmd_new_master_key(args: argparse.Namespace) -> int:
    vault = new_key_file(args.out)
    _emit({"master_key_file": str(args.out), "master_key": vault.key_id.hex()})
    return 0


def cmd_rotate_signing_key(args: argparse.Namespace) -> int:
    engine = _engine(args)
    store = issuers(args, engine).store
    now = int(time.time())
    issuer = store.update(lambda current: current.rotate_signing_key(now=now))
    _emit({"signing_kid": issuer.signing_kid.hex(), "bundle_version": issuer.bundle.version})
    return 0


def _engine(args: argparse.Namespace) -> Engine:
    engine = db.make_engine(args.db)
    db.upgrade(engine)
    return engine


def _emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, indent=2))
