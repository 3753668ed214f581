"""Codes verified per second, beside the bare cost of their two Ed25519 verifications.

Both are measured in the same run, in alternating rounds, so machine noise hits both alike;
the bare checks by libsodium (what crypto.keys.verify runs) and by OpenSSL (bench.ed25519).
Run: .venv/bin/python -m bench.bench_verify [--rounds 15] [--per-round 2000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import base45
import cbor2
import segno

from bench import ed25519
from crypto import cose, keys
from crypto.verify import verify_code
from tests.member_codes import T0, Member, make_issuer, trust_of


def per_call(fn, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - started) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=2000)
    args = parser.parse_args()

    issuer = make_issuer()
    trust = trust_of(issuer)
    member = Member(issuer, member="M100000000001", tier="platinum", balance=123456)
    code = member.code()

    # The bare cost: the same two signatures over the same bytes, keys already parsed, by
    # libsodium (what verify_code runs) and by OpenSSL (bench.ed25519).
    outer = cose.decode(base45.b45decode(code[4:]), max_size=2048)
    cert = cose.decode(cbor2.loads(outer.payload)[1], max_size=512)
    cert_tbs, outer_tbs = cert.to_be_signed(), outer.to_be_signed()

    def bare(library: str) -> Callable[[], None]:
        issuer_check = ed25519.checker(library, keys.public_raw(issuer.signing_key))
        device_check = ed25519.checker(library, keys.public_raw(member.device_key))

        def check() -> None:
            issuer_check(cert.signature, cert_tbs)
            device_check(outer.signature, outer_tbs)

        return check

    def full() -> None:
        verify_code(code, trust, T0)

    timed: dict[str, Callable[[], None]] = {"full": full}
    timed |= {library: bare(library) for library in ed25519.LIBRARIES}
    times: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(args.rounds):
        for name, fn in timed.items():
            times[name].append(per_call(fn, args.per_round))
    median = {name: statistics.median(values) for name, values in times.items()}
    full_median = median["full"]
    qr = segno.make(code, error="m", mode="alphanumeric")
    print(
        f"verify_code:          median {full_median * 1e6:7.1f} us  ({1 / full_median:8.0f} codes/s)"
    )
    for library in ed25519.LIBRARIES:
        bare_median = median[library]
        print(
            f"2x Ed25519 {library + ':':10} median {bare_median * 1e6:7.1f} us"
            f"  ({1 / bare_median:8.0f} pairs/s); ratio full/bare {full_median / bare_median:.2f}"
        )
    print(
        f"checkout code:        {len(code)} characters, QR version {qr.version}-{qr.error}, mode {qr.mode}"
    )
    # Balance model 2: certificates from the backend carry the ledger position ("pos").
    positioned = Member(
        issuer, member="M100000000001", tier="platinum", balance=123456, position=2**32 - 1
    ).code()
    qr2 = segno.make(positioned, error="m", mode="alphanumeric")
    print(
        f"with a ledger pos:    {len(positioned)} characters, QR version {qr2.version}-{qr2.error}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
