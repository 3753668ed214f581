"""A fleet of real terminals against a real backend process, for the ingest and load benches.

The backend runs as `loyalty-backend serve` in its own process (``--workers N``); terminals are
provisioned through the real enrolment call, queue real awards through the counter service
(each with a fresh member code signed by a phone key the backend's issuer certified), and push
at the same moment from one thread each. Members are written straight into the backend's
database (enrolment is not what these benches measure).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert, select

from backend import db, enrolment, schema
from config.paths import DataPaths
from crypto import keys
from crypto.code import Purpose, make_code
from crypto.timestep import time_step
from protocol.issuer_store import IssuerStore
from sync.client import Backoff, PushReport
from terminal.backend_link import signed_client
from terminal.counter.results import Role, Staff
from terminal.counter.service import CounterService
from terminal.provisioning import provision

POS = Staff("pos", "POS", Role.CASHIER)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def backend_process(db_url: str, issuer_dir: Path, workers: int = 1) -> Iterator[str]:
    """`loyalty-backend serve` in a child process; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "backend", "serve", "--db", db_url, "--port", str(port)]
    command += ["--issuer", str(issuer_dir)]
    if workers != 1:
        command += ["--workers", str(workers)]
    # Its log goes to a file: a pipe nobody reads fills after 64 KiB of request lines, and the
    # backend then blocks in its next log call (a long load run stalled so).
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(proc, url, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_for(proc: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the backend exited: {log.read().decode(errors='replace')[-2000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/v1/time", timeout=1).ok:
                return
        if time.monotonic() > deadline:
            raise RuntimeError("the backend did not start within 60 s")
        time.sleep(0.1)


@dataclass
class Phone:
    """A member's phone: a device key and a certificate from the backend's own issuer."""

    member: str
    device_key: Ed25519PrivateKey
    certificate: bytes
    counter: int = 0

    def code(self, at: float) -> str:
        self.counter += 1
        return make_code(
            self.certificate,
            self.device_key,
            step=time_step(at),
            counter=self.counter,
            purpose=Purpose.CHECKOUT,
        )


def add_members(db_url: str, issuer_dir: Path, count: int, tier: str = "gold") -> list[str]:
    """``count`` members with a zero balance, written in bulk; their ids."""
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    IssuerStore(issuer_dir).ensure(int(time.time()))
    ids = [f"M{i:06d}" for i in range(count)]
    now = int(time.time())
    with engine.begin() as conn:
        for start in range(0, count, 5000):
            rows = [
                {"id": m, "tier": tier, "balance": 0, "created_at": now}
                for m in ids[start : start + 5000]
            ]
            conn.execute(insert(schema.members), rows)
    engine.dispose()
    return ids


def phones_for(issuer_dir: Path, members: Sequence[str], tier: str = "gold") -> dict[str, Phone]:
    """A certified phone for each member (the certificate the backend's issuer would give)."""
    issuer = IssuerStore(issuer_dir).load()
    now = int(time.time())
    phones = {}
    for member in members:
        device = keys.generate()
        cert = issuer.certify_member(
            member=member, device_public=keys.public_raw(device), tier=tier, balance=0, now=now
        )
        phones[member] = Phone(member, device, cert)
    return phones


def provision_terminals(url: str, db_url: str, work: Path, count: int) -> list[Path]:
    """``count`` terminals enrolled with one-time codes, each with the policy and catalog."""
    engine = db.make_engine(db_url)
    dirs = []
    for i in range(count):
        with engine.begin() as conn:
            code = enrolment.new_code(conn, f"S{i % 8}", int(time.time()))
        data_dir = work / f"t{i:02d}"
        provision(DataPaths(data_dir), url, code)
        service = CounterService.open(data_dir)
        try:
            service.sync_now()  # policy, catalog, bundle
        finally:
            service.close()
        dirs.append(data_dir)
    engine.dispose()
    return dirs


def queue_awards(data_dir: Path, phones: Sequence[Phone], amounts: Sequence[str]) -> int:
    """One award per phone, each in its own checkout with a fresh code; the points queued."""
    service = CounterService.open(data_dir)
    total = 0
    try:
        for phone, amount in zip(phones, amounts, strict=True):
            view = service.scan(phone.code(time.time()), service.new_checkout())
            total += service.award(view, amount, POS).points
    finally:
        service.close()
    return total


@dataclass
class PushOutcome:
    """One terminal's push at the fleet's start signal."""

    report: PushReport
    seconds: float
    error: str | None = None


@dataclass
class FleetRun:
    outcomes: list[PushOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def accepted(self) -> int:
        return sum(o.report.accepted for o in self.outcomes)

    @property
    def rejected(self) -> int:
        return sum(o.report.rejected for o in self.outcomes)

    @property
    def pending(self) -> int:
        return sum(o.report.pending for o in self.outcomes)

    @property
    def errors(self) -> list[str]:
        return [o.error or o.report.error or "" for o in self.outcomes if o.error or o.report.error]


def push_at_once(data_dirs: Sequence[Path], timeout: float = 60.0) -> FleetRun:
    """Every terminal pushes its whole queue at the same moment, one thread each, no retry."""
    services = [CounterService.open(d) for d in data_dirs]
    clients = []
    for service in services:
        settings = service.ctx.settings
        sync = dataclasses.replace(settings.sync, request_timeout_seconds=timeout)
        settings = dataclasses.replace(settings, sync=sync)
        clients.append(signed_client(service.ctx.identity, settings, backoff=Backoff(attempts=1)))
    start = threading.Barrier(len(services) + 1)
    run = FleetRun(outcomes=[PushOutcome(PushReport(), 0.0) for _ in services])

    def push(i: int) -> None:
        start.wait()
        began = time.perf_counter()
        try:
            report = clients[i].push(services[i].ctx.outbox)
            run.outcomes[i] = PushOutcome(report, time.perf_counter() - began)
        except Exception as exc:  # a bench reports every failure instead of dying on one
            run.outcomes[i] = PushOutcome(PushReport(), time.perf_counter() - began, repr(exc))

    threads = [threading.Thread(target=push, args=(i,)) for i in range(len(services))]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - began
    for client, service in zip(clients, services, strict=True):
        client.session.close()
        service.close()
    return run


def ledger_total(db_url: str) -> tuple[int, int]:
    """(sum of the ledger's points, sum of member balances): both must equal what was queued."""
    engine = db.make_engine(db_url)
    with engine.begin() as conn:
        ledger = sum(int(p) for (p,) in conn.execute(select(schema.ledger.c.points)))
        balances = sum(int(b) for (b,) in conn.execute(select(schema.members.c.balance)))
    engine.dispose()
    return ledger, balances


def amounts(rng: random.Random, count: int) -> list[str]:
    return [f"{rng.randint(5, 400)}.{rng.randint(0, 99):02d}" for _ in range(count)]


def cpu_count() -> int:
    return len(os.sched_getaffinity(0))
