"""``loyalty-terminal demo``: a member wallet's live code beside the terminal's verify loop.

Everything runs locally, in memory and a temporary directory: an issuer, a member wallet, and the
terminal verifying each new code (and refusing a replay of it) as it appears.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import segno

from config.numbers import finite_float
from crypto import keys
from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.issuer import new_issuer
from crypto.trust import TrustStore
from crypto.verify import verify_code
from terminal.reasons import sentence
from terminal.replay import SeenCodes
from wallet.store import Wallet, load_wallet, save_wallet


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("demo", help="show a live member code and verify it")
    p.add_argument("--cycles", type=int, default=0, help="stop after N codes (default: run)")
    p.add_argument("--interval", type=finite_float, default=30.0, help="seconds between codes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="loyalty-demo-") as tmp:
        # An issuer and a member's phone made in place; the wallet file keeps the counter.
        issuer = new_issuer(int(time.time()))
        device = keys.generate()
        certificate = issuer.certify_member(
            member="M1001",
            device_public=keys.public_raw(device),
            tier="gold",
            balance=1280,
            now=int(time.time()),
        )
        wallet_path = Path(tmp) / "wallet.json"
        save_wallet(wallet_path, Wallet(member="M1001", device_key=device, certificate=certificate))
        trust = TrustStore.from_bundle(issuer.signed_bundle(), issuer.bundle.root_public)
        with SeenCodes(Path(tmp) / "seen.sqlite") as seen:
            cycle = 0
            while args.cycles == 0 or cycle < args.cycles:
                cycle += 1
                wallet, text = load_wallet(wallet_path).next_code(time.time(), Purpose.CHECKOUT)
                save_wallet(wallet_path, wallet)
                segno.make(text, error="m", mode="alphanumeric").terminal(compact=True)
                for attempt in ("scan", "replay"):
                    try:
                        verified = verify_code(text, trust, time.time())
                        seen.claim(verified.code_id, verified.member, context=attempt)
                        verdict = {
                            "ok": True,
                            "member": verified.member,
                            "tier": verified.tier,
                            "balance": verified.balance,
                        }
                    except CodeRejected as exc:
                        verdict = {
                            "ok": False,
                            "reason": exc.reason.value,
                            "message": sentence(exc.reason),
                        }
                    print(attempt, json.dumps(verdict))
                if args.cycles == 0 or cycle < args.cycles:
                    time.sleep(args.interval)
    return 0
