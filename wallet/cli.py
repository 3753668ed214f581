"""``loyalty-wallet``: the reference member wallet and a file-based issuer for tests and demos.

Exit codes: 0 done, 2 usage or configuration error, 3 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import segno

from config.errors import ConfigError
from config.numbers import finite_float, json_object
from crypto import keys
from crypto.code import Purpose
from crypto.documents import DOCUMENT_TYPES, Document
from protocol.issuer_store import IssuerStore
from sync.enrol import MemberCertificate, enrol_member, refresh_member
from sync.errors import Refused, SyncError
from wallet.store import Wallet, load_wallet, save_wallet

MAX_LOGIN_CHARS = 128


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"loyalty-wallet: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # a person never sees a traceback
        print(f"loyalty-wallet: internal error ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-wallet", description="Reference member wallet.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("issuer-init", help="create issuer root and signing keys and a trust bundle")
    p.add_argument("dir", type=Path)
    p.set_defaults(func=cmd_issuer_init)

    p = sub.add_parser("enroll", help="create a device key and a member certificate")
    p.add_argument("--issuer", type=Path, help="issuer directory (offline enrolment)")
    p.add_argument("--backend", help="backend URL: it creates the member and certifies the key")
    p.add_argument(
        "--login",
        metavar="CODE",
        help="(--backend) the member's login code; '-' reads it from stdin, out of argv",
    )
    p.add_argument("--member", required=True)
    p.add_argument("--tier", default="green")
    p.add_argument("--balance", type=int, default=0)
    p.add_argument("--days", type=int, default=7, help="certificate lifetime, 1 to 30 days")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser("refresh", help="fetch a fresh certificate from the wallet's backend")
    p.add_argument("wallet", type=Path)
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("revoke", help="revoke a member (or one certificate) in a newer bundle")
    p.add_argument("--issuer", type=Path, required=True)
    p.add_argument("--member")
    p.add_argument("--cert", help="certificate id in hex")
    p.set_defaults(func=cmd_revoke)

    p = sub.add_parser("rotate", help="add a new issuer signing key to a newer bundle")
    p.add_argument("--issuer", type=Path, required=True)
    p.set_defaults(func=cmd_rotate)

    p = sub.add_parser(
        "grant", help="give the wallet an issuer-signed pickup order, coupon or staff credential"
    )
    p.add_argument("--issuer", type=Path, required=True)
    p.add_argument("--type", choices=DOCUMENT_TYPES, required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--store", action="append", help="store where it is valid (repeatable)")
    p.add_argument("--body", default="{}", help="JSON object with the type's fields")
    p.add_argument("--days", type=int, default=30)
    p.add_argument("wallet", type=Path)
    p.set_defaults(func=cmd_grant)

    p = sub.add_parser("code", help="print the current code text")
    p.add_argument("wallet", type=Path)
    p.add_argument("--at", type=finite_float, help="the phone's clock, UNIX seconds")
    p.add_argument("--purpose", choices=[p.value for p in Purpose], default="checkout")
    p.add_argument("--document", help="id of the document to present (default: the first)")
    p.set_defaults(func=cmd_code)

    p = sub.add_parser(
        "totp", help="print the current 8-digit manual code (for a counter that cannot scan)"
    )
    p.add_argument("wallet", type=Path)
    p.add_argument("--at", type=finite_float, help="the phone's clock, UNIX seconds")
    p.set_defaults(func=cmd_totp)

    p = sub.add_parser("show", help="show the live rotating QR code (or write one PNG)")
    p.add_argument("wallet", type=Path)
    p.add_argument("--png", type=Path)
    p.add_argument("--at", type=finite_float)
    p.add_argument("--purpose", choices=[p.value for p in Purpose], default="checkout")
    p.set_defaults(func=cmd_show)
    return parser


def cmd_issuer_init(args: argparse.Namespace) -> int:
    store = IssuerStore(args.dir)
    issuer = store.create(int(time.time()))
    print(
        json.dumps(
            {
                "issuer": str(args.dir),
                "trust_bundle": str(store.bundle_path),
                "root_public": issuer.bundle.root_public.hex(),
                "signing_kid": issuer.signing_kid.hex(),
            }
        )
    )
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    if (args.issuer is None) == (args.backend is None):
        raise ConfigError("give either --issuer DIR (offline) or --backend URL")
    if args.backend is not None:
        return _enroll_online(args)
    if not 1 <= args.days <= 30:
        raise ConfigError("--days must be between 1 and 30")
    issuer = IssuerStore(args.issuer).load()
    device_key = keys.generate()
    cert = issuer.certify_member(
        member=args.member,
        device_public=keys.public_raw(device_key),
        tier=args.tier,
        balance=args.balance,
        now=int(time.time()),
        lifetime=args.days * 86400,
    )
    save_wallet(args.out, Wallet(member=args.member, device_key=device_key, certificate=cert))
    print(json.dumps({"member": args.member, "wallet": str(args.out), "tier": args.tier}))
    return 0


def _enroll_online(args: argparse.Namespace) -> int:
    if not args.login:
        raise ConfigError(
            "--login CODE is required with --backend: the member's login code "
            "('loyalty-backend admin login-code' prints one); '-' reads it from stdin"
        )
    login = read_login(args.login)
    device_key = keys.generate()
    issued = backend_calls(
        lambda: enrol_member(args.backend, args.member, keys.public_raw(device_key), login)
    )
    wallet = Wallet(
        member=issued.member,
        device_key=device_key,
        certificate=issued.certificate,
        backend=args.backend.rstrip("/"),
        documents=issued.documents,
        totp_secret=issued.totp_secret,
    )
    save_wallet(args.out, wallet)
    print(json.dumps(_certificate_summary(issued, args.out)))
    return 0


def read_login(arg: str) -> str:
    """The login code from argv, or from stdin (``-``) so it is not visible in the process list."""
    if arg != "-":
        return arg.strip()
    data = sys.stdin.buffer.read(MAX_LOGIN_CHARS + 2)  # bounded: a pipe could send anything
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ConfigError("stdin is not UTF-8 text") from None
    if not text or len(text) > MAX_LOGIN_CHARS:
        raise ConfigError(f"stdin must hold one login code of at most {MAX_LOGIN_CHARS} characters")
    return text


def cmd_refresh(args: argparse.Namespace) -> int:
    wallet = load_wallet(args.wallet)
    if not wallet.backend:
        raise ConfigError(f"{args.wallet} was enrolled offline; it has no backend to ask")
    backend = wallet.backend
    issued = backend_calls(lambda: refresh_member(backend, wallet.member, wallet.device_key))
    # The backend sends every open order and unused coupon; what it leaves out was used.
    save_wallet(
        args.wallet,
        replace(
            wallet,
            certificate=issued.certificate,
            documents=issued.documents,
            totp_secret=issued.totp_secret or wallet.totp_secret,
        ),
    )
    print(json.dumps(_certificate_summary(issued, args.wallet)))
    return 0


def _certificate_summary(issued: MemberCertificate, path: Path) -> dict[str, object]:
    return {
        "member": issued.member,
        "wallet": str(path),
        "tier": issued.tier,
        "balance": issued.balance,
        "root_public": issued.root_public.hex(),
        "documents": [key for key, _ in issued.documents],
    }


def backend_calls(call: Callable[[], MemberCertificate]) -> MemberCertificate:
    """Run a backend call; its failure becomes a ConfigError with the backend's reason."""
    try:
        return call()
    except Refused as exc:
        raise ConfigError(f"the backend refused: {exc.reason} {exc.detail}".strip()) from exc
    except SyncError as exc:
        raise ConfigError(f"the backend could not be reached ({exc})") from exc


def cmd_revoke(args: argparse.Namespace) -> int:
    if not args.member and not args.cert:
        raise ConfigError("give --member ID or --cert HEX")
    try:
        cert_id = bytes.fromhex(args.cert) if args.cert else None
    except ValueError:
        raise ConfigError("--cert must be hexadecimal") from None
    store = IssuerStore(args.issuer)
    # Through the directory lock, so a backend revoking at the same time loses nothing.
    issuer = store.update(
        lambda current: current.revoke(now=int(time.time()), member=args.member, cert_id=cert_id)
    )
    print(json.dumps({"trust_bundle": str(store.bundle_path), "version": issuer.bundle.version}))
    return 0


def cmd_rotate(args: argparse.Namespace) -> int:
    store = IssuerStore(args.issuer)
    issuer = store.update(lambda current: current.rotate_signing_key(now=int(time.time())))
    print(json.dumps({"signing_kid": issuer.signing_kid.hex(), "version": issuer.bundle.version}))
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    body = json_object(args.body, "--body")
    wallet = load_wallet(args.wallet)
    now = int(time.time())
    document = Document(
        typ=args.type,
        doc_id=args.id,
        member=wallet.member,
        not_before=now - 60,
        expires_at=now + args.days * 86400,
        stores=tuple(args.store) if args.store else None,
        body=body,
    )
    raw = IssuerStore(args.issuer).load().sign_document(document)
    documents = (*wallet.documents, (f"{args.type}:{args.id}", raw))
    save_wallet(args.wallet, Wallet(**{**wallet.__dict__, "documents": documents}))
    print(json.dumps({"member": wallet.member, "document": f"{args.type}:{args.id}"}))
    return 0


def _next_code(path: Path, at: float | None, purpose: str, document: str | None = None) -> str:
    wallet, text = load_wallet(path).next_code(
        time.time() if at is None else at, Purpose(purpose), document
    )
    save_wallet(path, wallet)
    return text


def cmd_code(args: argparse.Namespace) -> int:
    print(_next_code(args.wallet, args.at, args.purpose, args.document))
    return 0


def cmd_totp(args: argparse.Namespace) -> int:
    wallet = load_wallet(args.wallet)
    print(wallet.manual_code(time.time() if args.at is None else args.at))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    if args.png is not None:
        text = _next_code(args.wallet, args.at, args.purpose)
        segno.make(text, error="m", mode="alphanumeric").save(args.png, scale=8, border=4)
        print(json.dumps({"png": str(args.png), "chars": len(text)}))
        return 0
    while True:  # the live code, redrawn at every 30-second step, until Ctrl-C
        text = _next_code(args.wallet, None, args.purpose)
        print("\033[2J\033[H", end="")
        segno.make(text, error="m", mode="alphanumeric").terminal(compact=True)
        print(f"member code, {len(text)} characters; Ctrl-C to stop")
        time.sleep(30 - time.time() % 30 + 0.05)
