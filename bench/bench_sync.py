"""Events per second through the outbox, sync, ingest and the ledger, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.bench_sync [--events 2000] [--repeats 5] [--pg-url URL | --no-pg]

Without --pg-url a throwaway PostgreSQL cluster is started from the system binaries (as
tests/fixtures/postgres.py does). Prints one JSON object of medians; "ingest" is
batch-signature check plus apply with full verification (each award carries a real member
code, verified at the event's time, points recomputed from the policy version it names);
"signature_checks" is the bare Ed25519 cost of the same events in the same run (request and
batch signatures, and per event the device signature and the issuer's certificate signature);
"code_checks_cached" / "code_checks_uncached" verify the same codes with and without the
backend's certificate-signature cache.

Members are enrolled through the backend's own enrolment function, 50 per terminal.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backend import db, enrolment, ingest, members
from backend.app import create_app
from backend.auth import Caller
from backend.issuer_cache import IssuerCache, open_issuers
from backend.member_codes import MemberCodes
from config.settings import SyncSettings
from crypto import certificate, keys
from crypto.cbor import loads_strict
from crypto.code import make_code
from crypto.timestep import time_step
from crypto.verify import _decode
from protocol import batch as batches
from protocol import signing
from protocol.events import NewEvent
from sync.client import SyncClient
from sync.http import SignedSession
from sync.outbox import Outbox
from tests.fixtures.backend import ServerThread
from tests.fixtures.postgres import run_cluster

BATCH = 200
MEMBERS = 50


class Phones:
    """Members enrolled through the backend, each with a device key; honest award events."""

    def __init__(self, engine: Any, issuer_dir: Path, prefix: str) -> None:
        issuer = open_issuers(engine, issuer_dir).get()
        self.phones: list[tuple[str, Any, bytes]] = []
        self.counter = 0
        self.texts: list[str] = []
        with engine.begin() as conn:
            for i in range(MEMBERS):
                device = keys.generate()
                member = f"{prefix}{i}"
                cert = members.enrol(
                    conn, issuer, member, keys.public_raw(device), int(time.time())
                ).certified.certificate
                self.phones.append((member, device, cert))

    def award(self, i: int) -> NewEvent:
        """An award of 1 point (1.00 at the green tier, policy version 1) with a fresh code."""
        member, device, cert = self.phones[i % MEMBERS]
        self.counter += 1
        step = time_step(time.time())
        text = make_code(cert, device, step=step, counter=self.counter)
        self.texts.append(text)
        kid = keys.kid_for(keys.public_raw(device)).hex()
        return NewEvent(
            kind="award",
            member=member,
            points=1,
            code_id=f"{member}/{kid}/{step}/{self.counter}",
            code=text,
            checkout=f"k{i}",
            policy_version=1,
            details={"amount": "1.00"},
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: start one)")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {"events": args.events, "batch": BATCH, "repeats": args.repeats}
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        databases: dict[str, Callable[[int], str]] = {
            "sqlite": lambda i: f"sqlite:///{Path(tmp) / f'b{i}.sqlite'}"
        }
        with _postgres(args) as new_pg:
            if new_pg is not None:
                databases["postgres"] = new_pg
            for name, new_db in databases.items():
                runs = [
                    _one_run(new_db(i), Path(tmp) / f"{name}{i}", args.events)
                    for i in range(args.repeats)
                ]
                results[name] = {
                    key: round(statistics.median(run[key] for run in runs), 1) for key in runs[0]
                }
    print(json.dumps(results, indent=2))


@contextmanager
def _postgres(args: argparse.Namespace) -> Iterator[Callable[[int], str] | None]:
    if args.no_pg:
        yield None
    elif args.pg_url:
        yield lambda _i: str(args.pg_url)  # the caller's database: runs share it
    else:
        cluster_run = run_cluster()
        cluster = next(cluster_run)
        try:
            yield lambda _i: cluster.new_database()
        finally:
            next(cluster_run, None)


def _one_run(db_url: str, work: Path, count: int) -> dict[str, float]:
    """Rates (events per second) for one fresh database."""
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    rates: dict[str, float] = {}
    with ServerThread(create_app(engine, work / "issuer")) as server:
        url = f"http://127.0.0.1:{server.port}"
        key = keys.generate()
        with engine.begin() as conn:
            code = enrolment.new_code(conn, "S1", int(time.time()))
            code_hash, store = enrolment.redeem_code(conn, code, int(time.time())) or ("", "")
            terminal = enrolment.register_terminal(
                conn, code_hash, store, keys.public_raw(key).hex(), int(time.time())
            )
        phones = Phones(engine, work / "issuer", "M")
        with Outbox(work / "outbox.sqlite", terminal) as outbox:
            started = time.perf_counter()
            for i in range(count):
                outbox.append(phones.award(i))
            rates["queue"] = count / (time.perf_counter() - started)
            client = SyncClient(
                SignedSession(url, terminal, key), SyncSettings(batch_max_events=BATCH)
            )
            started = time.perf_counter()
            report = client.push(outbox)
            assert report.accepted == count, f"the backend rejected events: {report}"
            rates["sync_http"] = report.accepted / (time.perf_counter() - started)
            client.session.close()
        rates.update(_ingest_direct(engine, key, terminal, store, work, count))
        started = time.perf_counter()
        with engine.begin() as conn:
            total = sum(
                len(members.ledger_report(conn, f"M{i}")["entries"]) for i in range(MEMBERS)
            )
        rates["ledger_read"] = total / (time.perf_counter() - started)
    engine.dispose()
    return rates


def _ingest_direct(
    engine: Any, key: Any, first_terminal: str, store: str, work: Path, count: int
) -> dict[str, float]:
    """Ingest without HTTP for a second terminal; signature checks timed alone beside it."""
    key2 = keys.generate()
    with engine.begin() as conn:
        code = enrolment.new_code(conn, store, int(time.time()))
        code_hash, _ = enrolment.redeem_code(conn, code, int(time.time())) or ("", "")
        terminal = enrolment.register_terminal(
            conn, code_hash, store, keys.public_raw(key2).hex(), int(time.time())
        )
    phones = Phones(engine, work / "issuer", "N")
    with Outbox(work / "outbox2.sqlite", terminal) as outbox:
        for i in range(count):
            outbox.append(phones.award(i))
        sealed = []
        while events := outbox.claim_batch(BATCH, 10_000_000):
            sealed.append(batches.seal(terminal, events, key2)[1])
    public = keys.public_raw(key2)
    caller = Caller(terminal=terminal, store=store, public_key=public)
    signed = [
        (body, signing.sign_request(key2, terminal, "POST", "/v1/batches", body, 0))
        for body in sealed
    ]
    issuers = open_issuers(engine, work / "issuer")
    started = time.perf_counter()
    for body, headers in signed:
        signing.verify_request(
            public,
            "POST",
            "/v1/batches",
            0,
            headers[signing.HEADER_NONCE],
            body,
            headers[signing.HEADER_SIGNATURE],
        )
        batches.open_batch(body, terminal, public)
    signature_seconds = time.perf_counter() - started + _code_signatures(phones.texts, issuers)
    started = time.perf_counter()
    codes = MemberCodes(issuers)
    for body in sealed:
        opened = batches.open_batch(body, terminal, public)
        with engine.begin() as conn:
            outcomes = ingest.ingest(conn, caller, opened, int(time.time() * 1000), codes)
        assert all(o.status == ingest.ACCEPTED for o in outcomes), outcomes[:3]
    ingest_seconds = time.perf_counter() - started
    return {
        "ingest": count / ingest_seconds,
        "signature_checks": count / signature_seconds,
        "code_checks_cached": _code_checks(phones.texts, MemberCodes(issuers)),
        "code_checks_uncached": _code_checks(phones.texts, MemberCodes(issuers, 0)),
    }


def _code_signatures(texts: list[str], issuers: IssuerCache) -> float:
    """Seconds for the bare Ed25519 checks of each code: device and certificate signatures."""
    issuer_public = keys.public_from_raw(keys.public_raw(issuers.get().signing_key))
    prepared = []
    for text in texts:
        envelope = _decode(text, 4096)
        claims = certificate.parse_claims(loads_strict(envelope.cert.payload, max_size=4096))
        prepared.append((envelope.outer, keys.public_from_raw(claims.device_public), envelope.cert))
    started = time.perf_counter()
    for outer, device, cert in prepared:
        assert outer.verify(device) and cert.verify(issuer_public)
    return time.perf_counter() - started


def _code_checks(texts: list[str], codes: MemberCodes) -> float:
    """Codes verified per second (at the time they were made) by one MemberCodes."""
    started = time.perf_counter()
    for text in texts:
        codes.verify(text, time.time())
    return len(texts) / (time.perf_counter() - started)


if __name__ == "__main__":
    main()
