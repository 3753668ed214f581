"""``loyalty-terminal provision``: register this terminal with the backend using a one-time code."""

from __future__ import annotations

import argparse
import json

from config.errors import ConfigError
from config.paths import DataPaths
from config.settings import load_settings
from sync.client import SyncClient
from sync.errors import Refused, SyncError, TransportError
from sync.http import SignedSession
from sync.state import TerminalState
from terminal.provisioning import provision
from terminal.sync_setup import staff_cache


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("provision", help="register this terminal with the backend")
    p.add_argument("--backend", required=True, help="backend URL, e.g. http://127.0.0.1:8700")
    p.add_argument("--code", required=True, help="one-time enrolment code from the backend admin")
    p.add_argument("--root", help="expected issuer root public key (hex); default: trust it")
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = DataPaths.resolve(args.data_dir)
    try:
        expected = bytes.fromhex(args.root) if args.root else None
    except ValueError:
        raise ConfigError("--root must be hexadecimal") from None
    try:
        done = provision(paths, args.backend, args.code, expected)
    except Refused as exc:
        print(json.dumps({"ok": False, "reason": exc.reason, "message": exc.detail}))
        return 1
    except TransportError as exc:
        print(json.dumps({"ok": False, "reason": "backend_unavailable", "message": str(exc)}))
        return 1
    identity = done.identity
    pulled: dict[str, object] = {}
    settings = load_settings(paths.settings)
    session = SignedSession(identity.backend, identity.terminal, identity.key)
    try:  # policy, catalog and orders now, so the first award already uses the policy
        with TerminalState(paths.state) as state:
            report = SyncClient(session, settings.sync).pull(
                state, paths.trust_bundle, done.root_public, staff_cache(paths)
            )
        pulled = {"versions": report.versions, "errors": report.errors}
    except SyncError as exc:
        pulled = {"errors": {"pull": str(exc)}}
    finally:
        session.close()
    print(
        json.dumps(
            {
                "ok": True,
                "terminal": identity.terminal,
                "store": identity.store,
                "backend": identity.backend,
                "root_public": done.root_public.hex(),
                "bundle_version": done.bundle_version,
                "data_dir": str(paths.root),
                **pulled,
            }
        )
    )
    return 0
