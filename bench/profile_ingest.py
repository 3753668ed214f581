"""Where ingest's CPU goes: in-process ingest of real awards beside their bare signatures.

    .venv/bin/python -m bench.profile_ingest [--events 2000] [--rounds 3] [--top 25]
        [--db URL | --postgres]

Awards for distinct members (each code's certificate is new to the backend, as with members
spread over 20,000 in bench.bench_ingest) are sealed in batches of 200 and applied with
backend.ingest on a fresh SQLite file (or the empty database ``--db`` names, which holds one
round only; or, with ``--postgres``, a fresh database per round on a throwaway durable PostgreSQL cluster,
as bench.bench_ingest uses), after the batch signature is checked as the endpoint checks it.
Times are CPU seconds of this process (``time.process_time``), not wall time, so a shared
machine skews them less than the HTTP benchmark (PostgreSQL's own CPU is not in them: on a
local cluster it is read from /proc and printed beside, as ``postgres_cpu_us_per_event``, and
so is the wall time); ``ratio`` is ingest's CPU over the bare Ed25519 checks of the
same events by libsodium, the library ingest verifies with, and ``ratio_..._openssl`` over
OpenSSL's, the yardstick the ingest goal was first set against (bench.ed25519; medians of the
rounds). One more round runs under cProfile, apart, and its top entries by own time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import tempfile
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from backend import db, enrolment, heap, ingest, members
from backend.auth import Caller
from backend.issuer_cache import IssuerCache, open_issuers
from backend.member_codes import MemberCodes
from bench import cpu, ed25519
from crypto import certificate, keys
from crypto.cbor import loads_strict
from crypto.code import make_code
from crypto.timestep import time_step
from crypto.verify import _decode
from protocol import batch as batches
from protocol.events import NewEvent, placed
from tests.fixtures.postgres import run_cluster

BATCH = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--top", type=int, default=25, help="cProfile entries to print (0: no profiled round)"
    )
    parser.add_argument("--sort", default="tottime", help="cProfile order: tottime, cumulative")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="an empty database URL (default: a fresh SQLite file)")
    where.add_argument(
        "--postgres", action="store_true", help="a durable throwaway PostgreSQL cluster"
    )
    args = parser.parse_args()
    heap.settle()  # as `loyalty-backend serve` does once its app is built
    databases = _databases(args)
    try:
        with tempfile.TemporaryDirectory(prefix="profile-ingest-") as tmp:
            runs = [
                _one_round(args, Path(tmp) / f"r{i}", next(databases), False)
                for i in range(args.rounds)
            ]
            profiled = (
                _one_round(args, Path(tmp) / "profiled", next(databases), True)
                if args.top
                else {"profile": ""}
            )
    finally:
        databases.close()
    profile = profiled["profile"]
    ingest_cpu = statistics.median(r["ingest_cpu_us_per_event"] for r in runs)
    wall = statistics.median(r["ingest_wall_us_per_event"] for r in runs)
    signature_cpu = statistics.median(r["signature_cpu_us_per_event"] for r in runs)
    openssl_cpu = statistics.median(r["openssl_signature_cpu_us_per_event"] for r in runs)
    postgres_runs = [r["postgres_cpu_us_per_event"] for r in runs]
    postgres_cpu = None if None in postgres_runs else statistics.median(postgres_runs)
    print(profile)
    result = {
        "events": args.events,
        "rounds": args.rounds,
        "database": "postgresql (durable)" if args.postgres else "sqlite" if not args.db else "url",
        "ingest_wall_us_per_event": round(wall, 1),
        "ingest_cpu_us_per_event": round(ingest_cpu, 1),
        "signature_cpu_us_per_event": round(signature_cpu, 1),
        "ingest_events_per_cpu_second": round(1e6 / ingest_cpu),
        "postgres_cpu_us_per_event": None if postgres_cpu is None else round(postgres_cpu, 1),
        "ratio_ingest_over_signatures": round(ingest_cpu / signature_cpu, 2),
        "openssl_signature_cpu_us_per_event": round(openssl_cpu, 1),
        "ratio_ingest_over_openssl_signatures": round(ingest_cpu / openssl_cpu, 2),
    }
    print(json.dumps(result, indent=2))
    return 0


def _databases(args: argparse.Namespace) -> Generator[str | None, None, None]:
    """An empty database per round: the URL given (once), fresh ones in a cluster, or None."""
    if not args.postgres:
        while True:
            yield args.db
    cluster_run = run_cluster(durable=True)
    cluster = next(cluster_run)
    try:
        while True:
            yield cluster.new_database()
    finally:
        next(cluster_run, None)


def _one_round(
    args: argparse.Namespace, work: Path, url: str | None, profiled: bool
) -> dict[str, Any]:
    work.mkdir(parents=True)
    engine = db.make_engine(url or f"sqlite:///{work / 'backend.sqlite'}")
    db.upgrade(engine)
    now = int(time.time())
    key = keys.generate()
    with engine.begin() as conn:
        code = enrolment.new_code(conn, "S1", now)
        code_hash, store = enrolment.redeem_code(conn, code, now) or ("", "")
        terminal = enrolment.register_terminal(
            conn, code_hash, store, keys.public_raw(key).hex(), now
        )
    issuers = open_issuers(engine, work / "issuer")  # the issuer lives in the database
    events, texts = _awards(engine, issuers, terminal, args.events)
    sealed = [
        batches.seal(terminal, events[i : i + BATCH], key)[1] for i in range(0, len(events), BATCH)
    ]
    public = keys.public_raw(key)
    caller = Caller(terminal=terminal, store=store, public_key=public)
    codes = MemberCodes(issuers)
    profiler = cProfile.Profile(time.thread_time) if profiled else None
    postgres = _postmaster(url)
    postgres_before = cpu.tree_seconds(postgres) if postgres else 0.0
    started, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for body in sealed:
        opened = batches.open_batch(body, terminal, public)
        with engine.begin() as conn:
            outcomes = ingest.ingest(conn, caller, opened, int(time.time() * 1000), codes)
        assert all(o.status == ingest.ACCEPTED for o in outcomes), outcomes[:3]
    if profiler:
        profiler.disable()
    ingest_cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    postgres_cpu = cpu.tree_seconds(postgres) - postgres_before if postgres else None
    engine.dispose()
    out = io.StringIO()
    if profiler:
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
    return {
        "ingest_cpu_us_per_event": ingest_cpu / len(events) * 1e6,
        "ingest_wall_us_per_event": wall / len(events) * 1e6,
        "postgres_cpu_us_per_event": None
        if postgres_cpu is None
        else postgres_cpu / len(events) * 1e6,
        **{
            f"{prefix}signature_cpu_us_per_event": _signatures_cpu(
                texts, issuers, key, len(sealed), library
            )
            / len(events)
            * 1e6
            for prefix, library in (("", "libsodium"), ("openssl_", "openssl"))
        },
        "profile": out.getvalue(),
    }


def _postmaster(url: str | None) -> int | None:
    """The PostgreSQL server process behind ``url`` (its backends are its children), if local."""
    if url is None or not url.startswith("postgresql") or not cpu.available():
        return None
    return cpu.postmaster(make_url(url).port)


def _awards(
    engine: Any, issuers: IssuerCache, terminal: str, count: int
) -> tuple[list[Any], list[str]]:
    """One award of 1.00 for each of ``count`` newly enrolled members, chained as queued."""
    issuer = issuers.get()
    events: list[Any] = []
    texts: list[str] = []
    prev = "0" * 64
    with engine.begin() as conn:
        for i in range(count):
            device = keys.generate()
            member = f"M{i:08d}"
            cert = members.enrol(
                conn, issuer, member, keys.public_raw(device), int(time.time())
            ).certified.certificate
            step = time_step(time.time())
            text = make_code(cert, device, step=step, counter=1)
            texts.append(text)
            kid = keys.kid_for(keys.public_raw(device)).hex()
            new = NewEvent(
                kind="award",
                member=member,
                points=1,
                code_id=f"{member}/{kid}/{step}/1",
                code=text,
                checkout=f"k{i}",
                policy_version=1,
                details={"amount": "1.00"},
            )
            event = placed(
                new,
                terminal=terminal,
                seq=i + 1,
                prev_hash=prev,
                local_time_ms=int(time.time() * 1000),
                clock_offset_ms=0,
            )
            prev = event.hash
            events.append(event)
    return events, texts


def _signatures_cpu(
    texts: list[str], issuers: IssuerCache, key: Any, batch_count: int, library: str
) -> float:
    """CPU seconds of the bare Ed25519 checks by ``library`` (bench.ed25519): two per code, the
    batch's and the request's per batch."""
    issuer_check = ed25519.checker(library, keys.public_raw(issuers.get().signing_key))
    prepared = []
    for text in texts:
        envelope = _decode(text, 4096)
        claims = certificate.parse_claims(loads_strict(envelope.cert.payload, max_size=4096))
        device_check = ed25519.checker(library, claims.device_public)
        prepared.append(
            (device_check, envelope.outer.signature, envelope.outer.to_be_signed(), envelope.cert)
        )
    cert_checks = [(c.signature, c.to_be_signed()) for *_, c in prepared]
    batch_check, message = ed25519.checker(library, keys.public_raw(key)), bytes(64)
    batch_signature = key.sign(message)
    started = time.process_time()
    for (device_check, signature, signed, _), (cert_signature, cert_signed) in zip(
        prepared, cert_checks, strict=True
    ):
        issuer_check(cert_signature, cert_signed)
        device_check(signature, signed)
    for _ in range(2 * batch_count):
        batch_check(batch_signature, message)
    return time.process_time() - started


if __name__ == "__main__":
    raise SystemExit(main())
