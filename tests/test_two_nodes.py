"""Two ``loyalty-backend serve`` nodes on one PostgreSQL, as behind a load balancer.

Each node runs in its own working directory with its own copy of the master key and nothing
else: no --issuer, no shared files. They start at once on an empty database, race terminal
and member enrolments, revocations and document publications, serve one bundle history, take
each other's terminals and members, and one is killed (SIGKILL) in the middle of publishing a
bundle while the other carries on with nothing half-made.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, func, insert, select, text

from backend import db, downstream, schema
from backend.keys import tables
from config.paths import DataPaths
from crypto import keys
from crypto.trust import TrustStore
from tests.fixtures.backend import REPO, Backend
from tests.fixtures.postgres import Cluster, free_port
from tests.fixtures.terminal import award, enrol_wallet, provision, run_cli, sync
from wallet.cli import main as wallet_main

pytest_plugins = ["tests.fixtures.plugin"]


@dataclass
class Node:
    """One ``serve`` process: its address, its working directory and its master key file."""

    url: str
    process: subprocess.Popen[bytes]
    workdir: Path

    @property
    def key_file(self) -> Path:
        return self.workdir / "master.key"

    def env(self) -> dict[str, str]:
        return node_env(self.workdir)


def node_env(workdir: Path) -> dict[str, str]:
    """What a node gets: the master key file's name, a home of its own; nothing shared."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOYALTY_")}
    env.update(
        LOYALTY_MASTER_KEY_FILE=str(workdir / "master.key"),
        HOME=str(workdir),
        XDG_DATA_HOME=str(workdir / "data"),
        PYTHONPATH=str(REPO),
    )
    return env


def _launch(db_url: str, workdir: Path, master_key: bytes, *extra: str) -> Node:
    workdir.mkdir()
    fd = os.open(workdir / "master.key", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(master_key.hex() + "\n")
    port = free_port()
    argv = [sys.executable, "-m", "backend", "serve", "--db", db_url, "--port", str(port), *extra]
    with open(workdir / "node.log", "wb") as log:
        process = subprocess.Popen(
            argv, cwd=workdir, env=node_env(workdir), stdout=log, stderr=subprocess.STDOUT
        )
    return Node(f"http://127.0.0.1:{port}", process, workdir)


def _wait_until_serving(node: Node, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        log = (node.workdir / "node.log").read_text(errors="replace")[-3000:]
        assert node.process.poll() is None, log
        assert time.monotonic() < deadline, f"the node did not start: {log}"
        try:
            if requests.get(f"{node.url}/v1/time", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)


@contextlib.contextmanager
def two_nodes(db_url: str, tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    """Nodes A and B started at the same moment on ``db_url``; stopped afterwards.

    B runs two worker processes, which get the master key file's name from ``serve``.
    """
    master_key = secrets.token_bytes(32)
    nodes = [
        _launch(db_url, tmp_path / "node-a", master_key),
        _launch(db_url, tmp_path / "node-b", master_key, "--workers", "2"),
    ]
    try:
        for node in nodes:
            _wait_until_serving(node)
        yield nodes[0], nodes[1]
    finally:
        for node in nodes:
            if node.process.poll() is None:
                node.process.terminate()
        for node in nodes:
            try:
                node.process.wait(30)
            except subprocess.TimeoutExpired:
                node.process.kill()
                node.process.wait(10)
    for node in nodes:  # a node keeps nothing on its disk: all of it is in the database
        assert sorted(p.name for p in node.workdir.iterdir()) == ["master.key", "node.log"]


def _backend(node: Node, db_url: str, engine: Engine) -> Backend:
    # The tests' helpers reach the database directly; the node is reached only by HTTP.
    return Backend(node.url, db_url, node.workdir / "no-issuer-dir", engine, "postgres")


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call at once, released together by a barrier; their results."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _move(path: Path, field: str, url: str) -> None:
    """Point a terminal's or a wallet's saved backend address at another node."""
    saved = json.loads(path.read_text())
    saved[field] = url
    path.write_text(json.dumps(saved))


def _history(engine: Engine) -> list[tuple[int, bytes]]:
    table = tables.issuer_bundles
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.version, table.c.bundle).order_by(table.c.version))
        return [(int(r.version), bytes(r.bundle)) for r in rows]


def _check_history(engine: Engine) -> TrustStore:
    """Versions 1..N each published once, each signed by the one root, revocations only
    growing; the last as a trust store."""
    history = _history(engine)
    assert [v for v, _ in history] == list(range(1, len(history) + 1))
    first = TrustStore.from_bundle(history[0][1])
    stores = [TrustStore.from_bundle(raw, first.root_public) for _, raw in history]
    assert [s.version for s in stores] == [v for v, _ in history]
    for older, newer in itertools.pairwise(stores):
        assert older.content.revoked_certs <= newer.content.revoked_certs
        assert older.content.revoked_members <= newer.content.revoked_members
    return stores[-1]


def _revoked_cert_ids(engine: Engine) -> set[bytes]:
    certs = schema.member_certificates
    with engine.connect() as conn:
        rows = conn.execute(select(certs.c.cert_id).where(certs.c.revoked_at.is_not(None)))
        return {bytes.fromhex(r.cert_id) for r in rows}


def _admin(db_url: str, node: Node, command: str, *args: str) -> Callable[[], int]:
    """``loyalty-backend admin COMMAND`` run as the operator runs it on ``node``'s machine."""
    argv = [sys.executable, "-m", "backend", "admin", command, "--db", db_url, *args]
    return lambda: (
        (
            subprocess.run(argv, cwd=node.workdir, env=node.env(), capture_output=True, timeout=120)
        ).returncode
    )


def _reward(reward: str) -> list[str]:
    return ["--id", reward, "--name", reward, "--points", "100"]


def _enrol_member(node: Node, backend: Backend, member: str) -> requests.Response:
    body = {
        "member": member,
        "device_public": keys.public_raw(keys.generate()).hex(),
        "login": backend.login_code(member),
    }
    return requests.post(f"{node.url}/v1/members/enrol", json=body, timeout=60)


def test_two_nodes_started_at_once_share_one_issuer_and_serve_each_others_enrolments(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    db_url = pg_cluster.new_database()
    engine = db.make_engine(db_url)
    with two_nodes(db_url, tmp_path) as (a, b):
        # Racing first starts made one issuer: one bundle, one root and one signing key.
        assert [v for v, _ in _history(engine)] == [1]
        with engine.connect() as conn:
            roles = conn.execute(select(tables.issuer_keys.c.role)).scalars().all()
        assert sorted(roles) == ["root", "signing"]
        at_a, at_b = _backend(a, db_url, engine), _backend(b, db_url, engine)

        # Terminal enrolments racing at both nodes: every code used once, one issuer.
        codes = [at_a.enrolment_code() for _ in range(6)]

        def enrol(i: int) -> Callable[[], requests.Response]:
            node = (a, b)[i % 2]
            body = {"code": codes[i], "public_key": keys.public_raw(keys.generate()).hex()}
            return lambda: requests.post(f"{node.url}/v1/terminals/enrol", json=body, timeout=60)

        replies = [r.json() for r in _race([enrol(i) for i in range(6)])]
        assert len({r["terminal"] for r in replies}) == 6
        assert len({(r["root_public"], r["trust_bundle"]) for r in replies}) == 1

        # A terminal enrolled at A syncs at B; a member enrolled at A refreshes at B.
        terminal_dir = tmp_path / "t1"
        provision(at_a, terminal_dir)
        wallet = enrol_wallet(at_a, "M1", tmp_path / "m1.json")
        _move(wallet, "backend", b.url)
        assert run_cli(wallet_main, ["refresh", str(wallet)])[0] == 0
        award(terminal_dir, wallet, "10.00")
        _move(DataPaths.resolve(terminal_dir).identity, "backend_url", b.url)
        rc, out = sync(terminal_dir)
        assert rc == 0, out
        assert [e["points"] for e in at_b.ledger("M1")["entries"]] == [10]
    engine.dispose()


def test_revocations_and_publications_racing_through_two_nodes_make_one_history(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    db_url = pg_cluster.new_database()
    engine = db.make_engine(db_url)
    with two_nodes(db_url, tmp_path) as (a, b):
        at_a, at_b = _backend(a, db_url, engine), _backend(b, db_url, engine)
        # Rewards added to the catalog at once (read, change, publish) all land.
        rewards = [f"R{i}" for i in range(4)]
        calls = [
            _admin(db_url, (a, b)[i % 2], "reward", *_reward(r)) for i, r in enumerate(rewards)
        ]
        assert _race(calls) == [0] * 4
        with engine.connect() as conn:
            catalog = downstream.document(conn, "catalog")[1]
        assert set(rewards) <= {r["id"] for r in catalog["rewards"]}

        members = ["M1", "M2", "M3", "M4"]
        for member in members:  # first phones, all at A
            assert _enrol_member(a, at_a, member).status_code == 200

        def new_phone(i: int) -> Callable[[], Any]:
            node, backend = ((a, at_a), (b, at_b))[i % 2]
            return lambda: _enrol_member(node, backend, members[i]).status_code

        def publish(version: int) -> Callable[[], Any]:
            def run() -> int:
                with engine.begin() as conn:
                    return downstream.publish(conn, "catalog", {"rewards": [], "n": version})

            return run

        calls = [new_phone(i) for i in range(4)]
        calls += [_admin(db_url, a, "revoke-member", "--member", "GONE1")]
        calls += [_admin(db_url, b, "revoke-member", "--member", "GONE2")]
        calls += [publish(1), publish(2), publish(3)]
        results = _race(calls)
        assert results[:6] == [200] * 4 + [0, 0]
        assert sorted(results[6:]) == [6, 7, 8]

        last = _check_history(engine)
        assert {"GONE1", "GONE2"} <= last.content.revoked_members
        assert _revoked_cert_ids(engine) <= last.content.revoked_certs  # every old phone
        # Both nodes serve that last bundle to their terminals.
        for backend, name in ((at_a, "ta"), (at_b, "tb")):
            provision(backend, tmp_path / name)
            assert sync(tmp_path / name)[0] == 0
            served = DataPaths.resolve(tmp_path / name).trust_bundle.read_bytes()
            assert served == _history(engine)[-1][1]
        documents = schema.document_versions
        with engine.connect() as conn:
            versions = conn.execute(
                select(documents.c.version).where(documents.c.name == "catalog")
            ).scalars()
            assert sorted(versions) == list(range(1, 9))
    engine.dispose()


def _waiting_bundle_inserts(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE 'INSERT INTO issuer_bundles%'"
                )
            ).scalar_one()
        )


def _until(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_node_killed_mid_publication_leaves_nothing_half_made_and_the_other_carries_on(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    db_url = pg_cluster.new_database()
    engine = db.make_engine(db_url)
    with two_nodes(db_url, tmp_path) as (a, b):
        at_a, at_b = _backend(a, db_url, engine), _backend(b, db_url, engine)
        assert _enrol_member(a, at_a, "M1").status_code == 200
        before = _history(engine)
        with engine.connect() as conn:
            keys_before = conn.execute(select(func.count()).select_from(tables.issuer_keys))
            key_count = keys_before.scalar_one()
        # Hold A inside its publication: A takes the lock and inserts the next version, which
        # waits behind this uncommitted row of the same version.
        blocker = engine.connect()
        blocking = blocker.begin()
        blocker.execute(
            insert(tables.issuer_bundles).values(
                version=len(before) + 1,
                root_key_id="blocker",
                signing_key_id="blocker",
                state="{}",
                bundle=b"",
                published_at=0,
            )
        )
        with ThreadPoolExecutor(1) as pool:
            # A new phone for M1 at A: the enrolment commits, then A publishes the revocation.
            pending = pool.submit(_enrol_member, a, at_a, "M1")
            _until(lambda: _waiting_bundle_inserts(engine) == 1, "A never began publishing")
            os.kill(a.process.pid, signal.SIGKILL)
            a.process.wait(30)
            blocking.rollback()
            blocker.close()
            with pytest.raises(requests.ConnectionError):
                pending.result(60)
        _until(lambda: _waiting_bundle_inserts(engine) == 0, "A's transaction lingers")
        assert _history(engine) == before  # nothing of A's publication is left
        with engine.connect() as conn:
            assert conn.execute(
                select(func.count()).select_from(tables.issuer_keys)
            ).scalar_one() == (key_count)

        # B carries on: the next publication also lists what A's enrolment revoked.
        assert _enrol_member(b, at_b, "M1").status_code == 200
        last = _check_history(engine)
        assert last.version == len(before) + 1
        assert _revoked_cert_ids(engine) <= last.content.revoked_certs
        provision(at_b, tmp_path / "tb")
        assert sync(tmp_path / "tb")[0] == 0
        assert (
            TrustStore.from_bundle(
                DataPaths.resolve(tmp_path / "tb").trust_bundle.read_bytes(), last.root_public
            ).version
            == last.version
        )
    engine.dispose()
