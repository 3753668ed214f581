"""Fuzz the code parser and verifier: N inputs, count any exception other than CodeRejected.

Inputs are mutations of valid codes (text edits, bit flips and splices in the signed bytes,
truncations), random text, and random CBOR structures wrapped as codes.
Accepting a mutation is counted as a failure unless it verifies as the very same code.
Run: .venv/bin/python -m bench.fuzz_verify --inputs 100000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback

import base45
import cbor2

from crypto.code import PREFIX, Purpose
from crypto.errors import CodeRejected
from crypto.verify import verify_code
from tests.member_codes import T0, Member, make_issuer, trust_of

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def random_cbor(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(8 if depth < 4 else 5)
    if choice == 0:
        return rng.randrange(-(2**40), 2**40)
    if choice == 1:
        return rng.randbytes(rng.randrange(0, 80))
    if choice == 2:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(10)))
    if choice == 3:
        return rng.choice([None, True, False, 1.5])
    if choice == 4:
        return cbor2.CBORTag(rng.choice([18, 1, 24, 61, 9999]), rng.randrange(100))
    if choice == 5:
        return [random_cbor(rng, depth + 1) for _ in range(rng.randrange(6))]
    if choice == 6:
        return {rng.randrange(-3, 9): random_cbor(rng, depth + 1) for _ in range(rng.randrange(6))}
    return cbor2.CBORTag(18, [random_cbor(rng, depth + 1) for _ in range(4)])


def mutate(rng: random.Random, seeds: list[str]) -> str:
    code = rng.choice(seeds)
    raw = bytearray(base45.b45decode(code[len(PREFIX) :]))
    kind = rng.randrange(7)
    if kind == 0:
        i = rng.randrange(len(code))
        return code[:i] + rng.choice(ALPHABET) + code[i + 1 :]
    if kind == 1:
        i = rng.randrange(len(code))
        return code[:i] + code[i + rng.randrange(1, 20) :]
    if kind == 2:
        for _ in range(rng.randrange(1, 4)):
            bit = rng.randrange(len(raw) * 8)
            raw[bit // 8] ^= 1 << (bit % 8)
        return PREFIX + base45.b45encode(bytes(raw)).decode()
    if kind == 3:
        i = rng.randrange(len(raw))
        junk = rng.randbytes(rng.randrange(1, 8))
        return PREFIX + base45.b45encode(bytes(raw[:i]) + junk + bytes(raw[i:])).decode()
    if kind == 4:
        return PREFIX + base45.b45encode(bytes(raw[: rng.randrange(len(raw))])).decode()
    if kind == 5:
        return PREFIX + base45.b45encode(cbor2.dumps(random_cbor(rng))).decode()
    return "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(0, 200)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    issuer = make_issuer()
    trust = trust_of(issuer)
    member = Member(issuer)
    seeds = [
        member.code(),
        member.code(purpose=Purpose.CHECKIN),
        member.code(purpose=Purpose.PICKUP, document=member.document("pickup", stores=("S1",))),
    ]
    originals = [verify_code(seed, trust, T0) for seed in seeds]
    counts = {"accepted": 0, "refused": 0, "uncaught": 0, "different": 0}
    started = time.perf_counter()
    for _ in range(args.inputs):
        text = mutate(rng, seeds)
        try:
            verified = verify_code(text, trust, T0)
            counts["accepted"] += 1
            # Accepting a mutation is only right if it is the very same signed code.
            if verified not in originals:
                counts["different"] += 1
        except CodeRejected:
            counts["refused"] += 1
        except Exception:
            counts["uncaught"] += 1
            if counts["uncaught"] <= 3:
                print(f"UNCAUGHT for {text!r}", file=sys.stderr)
                traceback.print_exc()
    elapsed = time.perf_counter() - started
    print(
        f"inputs={args.inputs} accepted={counts['accepted']} refused={counts['refused']} "
        f"uncaught={counts['uncaught']} accepted_as_different={counts['different']} "
        f"seconds={elapsed:.1f}"
    )
    return 1 if counts["uncaught"] or counts["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
