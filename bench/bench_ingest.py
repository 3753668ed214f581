"""Backend ingest with full verification on PostgreSQL, 1 and 2 workers, beside its signatures.

    .venv/bin/python -m bench.bench_ingest [--terminals 8] [--events 400] [--rounds 3]

Each round, for 1 and then 2 workers (alternating, so machine noise hits both alike): a fresh
database on a durable PostgreSQL cluster (fsync on), a real `loyalty-backend serve --workers N`,
terminals that queued real awards (each event carries the member's code, which the backend
re-verifies), all pushing at once. Ingest is accepted events per second of wall time. Before
that, every terminal pushes a few awards at once, unmeasured: a server's first batches compile
and prepare its statements and open its connections, which a backend serving all day has done.

Beside it, in the same run, the bare cost of the Ed25519 verifications an event needs on one
core: the code's two signatures (the phone's and the issuer's on the certificate), plus the
batch's and the request's signatures shared over the batch. ``ratio`` is the signature-only
rate over the 1-worker ingest rate (goal: under 2), against libsodium's checks (what ingest
runs, crypto.keys.verify) and, as ``ratio_openssl_...``, against OpenSSL's, the yardstick the
goal was set with, twice as slow here (bench.ed25519).

On a shared machine that wall-time ratio also counts every other process's load, so the CPU
is counted too (Linux /proc, bench.cpu): the seconds the backend's processes, PostgreSQL's and
the terminals' (this process) spent during the push, per event, beside the CPU time of the
bare signature checks (``time.process_time``); ``cpu_ratio`` is the backend's CPU per event
over the signatures' (medians of the rounds).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import base45
import cbor2
from sqlalchemy.engine import make_url

from bench import cpu, ed25519, fleet
from crypto import certificate, cose, keys
from protocol.issuer_store import IssuerStore
from terminal.counter.service import CounterService
from tests.fixtures.postgres import run_cluster

MEMBERS = 20_000
BATCH = 200  # the sync default (config.settings.SyncSettings.batch_max_events)
WARM_UP = 10  # awards per terminal pushed before the measured push


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=8)
    parser.add_argument("--events", type=int, default=400, help="events per terminal")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rates: dict[int, list[float]] = {1: [], 2: []}
    signature_rates: dict[str, list[float]] = {library: [] for library in ed25519.LIBRARIES}
    spent: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    signature_cpu: dict[str, list[float]] = {library: [] for library in ed25519.LIBRARIES}
    cluster_run = run_cluster(durable=True)
    cluster = next(cluster_run)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            for round_no in range(args.rounds):
                for workers in (1, 2):
                    work = Path(tmp) / f"r{round_no}w{workers}"
                    rate, codes, used = one_run(cluster.new_database(), work, workers, args)
                    rates[workers].append(rate)
                    spent[workers].append(used)
                    for library in ed25519.LIBRARIES:
                        signatures, seconds = signature_rate(codes, fleet_issuer(work), library)
                        signature_rates[library].append(signatures)
                        signature_cpu[library].append(seconds / len(codes) * 1e6)
                    shown = {name: round(value, 1) for name, value in used.items()}
                    print(
                        json.dumps({"round": round_no, "workers": workers, "ingest": rate} | shown)
                    )
    finally:
        next(cluster_run, None)
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    result: dict[str, Any] = {
        "events": args.terminals * args.events,
        "terminals": args.terminals,
        "rounds": args.rounds,
        "ingest_1_worker": round(one, 1),
        "ingest_2_workers": round(two, 1),
        "workers_speedup": round(two / one, 2),
    }
    # Unprefixed: libsodium, the signatures ingest runs; "openssl_": the goal's first yardstick.
    for library, prefix in (("libsodium", ""), ("openssl", "openssl_")):
        signatures = statistics.median(signature_rates[library])
        result[f"{prefix}signatures_only_one_core"] = round(signatures, 1)
        result[f"ratio_{prefix}signatures_over_ingest_1_worker"] = round(signatures / one, 2)
    if cpu.available():
        for workers in (1, 2):
            suffix = "1_worker" if workers == 1 else f"{workers}_workers"
            for name in spent[workers][0]:
                figure = statistics.median(used[name] for used in spent[workers])
                result[f"{name}_{suffix}"] = round(figure, 1)
        for library, prefix in (("libsodium", ""), ("openssl", "openssl_")):
            sig_us = statistics.median(signature_cpu[library])
            result[f"{prefix}signatures_cpu_us_per_event"] = round(sig_us, 1)
            for workers in (1, 2):
                suffix = "1_worker" if workers == 1 else f"{workers}_workers"
                backend = statistics.median(
                    used["backend_cpu_us_per_event"] for used in spent[workers]
                )
                result[f"cpu_ratio_backend_over_{prefix}signatures_{suffix}"] = round(
                    backend / sig_us, 2
                )
    print(json.dumps(result, indent=2))
    return 0


def one_run(
    db_url: str, work: Path, workers: int, args: argparse.Namespace
) -> tuple[float, list[str], dict[str, float]]:
    rng = random.Random(11)
    issuer_dir = work / "issuer"
    members = fleet.add_members(db_url, issuer_dir, MEMBERS)
    count = args.terminals * args.events
    chosen = [rng.choice(members) for _ in range(count)]
    warm = [rng.choice(members) for _ in range(args.terminals * WARM_UP)]
    phones = fleet.phones_for(issuer_dir, sorted(set(chosen) | set(warm)))
    with fleet.backend_process(db_url, issuer_dir, workers) as url:
        dirs = fleet.provision_terminals(url, db_url, work, args.terminals)
        # A backend serves all day: its first batches (statements compiled and prepared, the
        # pool's connections opened) are not what a busy hour costs, so they are not measured.
        for i, data_dir in enumerate(dirs):
            mine = warm[i * WARM_UP : (i + 1) * WARM_UP]
            fleet.queue_awards(data_dir, [phones[m] for m in mine], fleet.amounts(rng, len(mine)))
        warmed = fleet.push_at_once(dirs)
        if warmed.accepted != len(warm) or warmed.errors:
            raise SystemExit(f"warm-up lost events: {warmed.accepted}; {warmed.errors[:3]}")
        for i, data_dir in enumerate(dirs):
            mine = chosen[i * args.events : (i + 1) * args.events]
            fleet.queue_awards(data_dir, [phones[m] for m in mine], fleet.amounts(rng, len(mine)))
        codes = queued_codes(dirs)
        meters = _cpu_meters(url, db_url)
        before = {name: meter() for name, meter in meters.items()}
        started = time.perf_counter()
        run = fleet.push_at_once(dirs)
        seconds = time.perf_counter() - started
        used = {
            f"{name}_cpu_us_per_event": (meter() - before[name]) / count * 1e6
            for name, meter in meters.items()
        }
    if run.accepted != count or run.errors:
        raise SystemExit(f"lost events: {run.accepted} of {count} accepted; {run.errors[:3]}")
    return run.accepted / seconds, codes, used


def _cpu_meters(url: str, db_url: str) -> dict[str, Callable[[], float]]:
    """CPU-second counters of the backend's processes, PostgreSQL's, and this process."""
    if not cpu.available():
        return {}
    port = url.rsplit(":", 1)[1]
    server = cpu.find("backend", "serve", f"--port {port}")
    postmaster = cpu.postmaster(make_url(db_url).port)
    if server is None or postmaster is None:
        return {}
    return {
        "backend": lambda: cpu.tree_seconds(server),
        "postgres": lambda: cpu.tree_seconds(postmaster),
        "terminals": time.process_time,
    }


def queued_codes(dirs: list[Path]) -> list[str]:
    codes = []
    for data_dir in dirs:
        service = CounterService.open(data_dir)
        try:
            codes += [e.code for e in service.ctx.outbox.unsent(1_000_000) if e.code]
        finally:
            service.close()
    return codes


def fleet_issuer(work: Path) -> Any:
    return IssuerStore(work / "issuer").load()


def signature_rate(codes: list[str], issuer: Any, library: str) -> tuple[float, float]:
    """Events per second that the bare Ed25519 checks by ``library`` (bench.ed25519) alone
    allow, on one core; CPU seconds."""
    issuer_check = ed25519.checker(library, keys.public_raw(issuer.signing_key))
    checks = []
    for code in codes:
        outer = cose.decode(base45.b45decode(code[4:]), max_size=2048)
        cert = cose.decode(cbor2.loads(outer.payload)[1], max_size=512)
        # The phone's key is in the certificate's claims: taken as the verifier takes it.
        device_check = ed25519.checker(
            library, certificate.parse_claims(cbor2.loads(cert.payload)).device_public
        )
        checks.append(
            (
                device_check,
                outer.signature,
                outer.to_be_signed(),
                cert.signature,
                cert.to_be_signed(),
            )
        )
    batch_key = keys.generate()
    batch_check = ed25519.checker(library, keys.public_raw(batch_key))
    batch_message = bytes(64)
    batch_signature = batch_key.sign(batch_message)
    started, cpu_started = time.perf_counter(), time.process_time()
    for i, (device_check, code_sig, code_tbs, cert_sig, cert_tbs) in enumerate(checks):
        issuer_check(cert_sig, cert_tbs)
        device_check(code_sig, code_tbs)
        if i % BATCH == 0:  # the batch's and the request's signatures, once per batch
            batch_check(batch_signature, batch_message)
            batch_check(batch_signature, batch_message)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return len(checks) / seconds, cpu_seconds


if __name__ == "__main__":
    raise SystemExit(main())
