"""``loyalty-terminal verify``: check one code offline and print one JSON object."""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from config.errors import ConfigError
from config.numbers import finite_float
from config.paths import DataPaths
from config.settings import load_settings
from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.verify import VerifiedCode, verify_code
from terminal.reasons import sentence
from terminal.replay import SeenCodes
from terminal.trust_files import load_trust, read_pinned_root, verify_options


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("verify", help="verify a member code offline")
    p.add_argument("code", metavar="CODE", help="the code text, or - to read it from stdin")
    p.add_argument("--trust", type=Path, help="trust bundle (default: the data dir's)")
    p.add_argument(
        "--at", type=finite_float, help="the terminal's clock, UNIX seconds (default: now)"
    )
    p.add_argument("--seen", type=Path, help="seen-codes database: refuse a code used before")
    p.add_argument("--context", help="checkout id: the same code again in it is the same scan")
    p.add_argument("--purpose", choices=[p.value for p in Purpose], help="required purpose")
    p.add_argument("--store", help="this store's id, for store-bound orders and coupons")
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = DataPaths.resolve(args.data_dir)
    settings = load_settings(paths.settings)
    trust = load_trust(args.trust or paths.trust_bundle, read_pinned_root(paths))
    text = read_code(args.code, settings.verify.max_code_chars)
    at = time.time() if args.at is None else args.at
    purpose = Purpose(args.purpose) if args.purpose else None
    options = verify_options(trust, settings, purpose=purpose, store=args.store)
    try:
        verified = verify_code(text, trust, at, options)
        scan = "new"
        if args.seen is not None:
            with SeenCodes(args.seen) as seen:
                context = args.context or uuid.uuid4().hex
                scan = seen.claim(verified.code_id, verified.member, context, now=at).value
    except CodeRejected as exc:
        _emit(
            {
                "ok": False,
                "reason": exc.reason.value,
                "message": sentence(exc.reason),
                "detail": exc.detail,
            }
        )
        return 1
    _emit({"ok": True, "reason": None, "scan": scan, **describe(verified)})
    return 0


def describe(verified: VerifiedCode) -> dict[str, Any]:
    """The JSON fields of an accepted code (documented in the README)."""
    document = verified.document
    return {
        "member": verified.member,
        "tier": verified.tier,
        "balance": verified.balance,
        "balance_as_of": verified.balance_as_of,
        "purpose": verified.purpose.value,
        "step": verified.step,
        "counter": verified.counter,
        "code_id": verified.code_id,
        "cert_id": verified.cert_id.hex(),
        "cert_expires_at": verified.cert_expires_at,
        "document": None
        if document is None
        else {
            "type": document.typ,
            "id": document.doc_id,
            "stores": document.stores,
            "body": dict(document.body),
        },
    }


def read_code(arg: str, max_chars: int) -> str:
    """The code from the command line, or from stdin (``-``), read with a bound."""
    if arg != "-":
        return arg.strip()
    # Bounded read: a scanner wedge or a pipe could deliver anything.
    data = sys.stdin.buffer.read(max_chars * 4 + 8)
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ConfigError("stdin is not UTF-8 text") from None


def _emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))
