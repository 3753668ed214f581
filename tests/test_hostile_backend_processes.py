"""Several backend processes on one database and one issuer directory, racing for real.

Processes started together behind a barrier: revocations from N processes at once give N
bundle versions with every revocation in the last; N first starts on an empty issuer
directory leave one root key that matches issuer.json; N processes migrating one fresh
database all succeed; ``serve --workers 2`` on PostgreSQL takes batches from two terminals
at once with the ledger right, and keeps nonces and rate limits across its workers.
"""

from __future__ import annotations

import http.client
import multiprocessing
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import func, select

from backend import cli, db, rate_limits, schema
from backend.issuer_cache import IssuerCache, open_issuers
from config.errors import ConfigError
from config.files import write_secret
from config.paths import DataPaths
from crypto import keys, trust
from protocol import signing
from protocol.issuer_store import IssuerStore
from terminal.terminal_identity import load_identity
from tests import cli as commands
from tests.fixtures.backend import Backend, serve_process
from tests.fixtures.clock import wait_for_room_in_window
from tests.fixtures.postgres import Cluster
from tests.fixtures.terminal import award, enrol_wallet, provision

pytest_plugins = ["tests.fixtures.plugin"]

PROCESSES = 6
SPAWN = multiprocessing.get_context("spawn")  # fresh interpreters, as separate servers are


def _race(target: Callable[..., None], argsets: list[tuple[Any, ...]]) -> list[int]:
    """Run ``target`` in one process per argument set, released together; their exit codes."""
    barrier = SPAWN.Barrier(len(argsets))
    procs = [SPAWN.Process(target=target, args=(barrier, *a)) for a in argsets]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert all(not p.is_alive() for p in procs), "a racing process hung"
    return [int(p.exitcode or 0) for p in procs]


# Targets run in the child processes (module level, so "spawn" can import them).


def _revoke_member(barrier: Any, db_path: str, issuer_dir: str, member: str) -> None:
    barrier.wait()
    argv = ["admin", "revoke-member", "--db", db_path, "--issuer", issuer_dir, "--member", member]
    sys.exit(cli.main(argv))


def _first_start(barrier: Any, db_url: str, issuer_dir: str, out: str) -> None:
    engine = db.make_engine(db_url)
    barrier.wait()
    # What every backend process does at start.
    issuer = open_issuers(engine, Path(issuer_dir) if issuer_dir else None).get()
    Path(out).write_text(issuer.bundle.root_public.hex())
    engine.dispose()


def _migrate(barrier: Any, url: str) -> None:
    engine = db.make_engine(url)
    barrier.wait()
    db.upgrade(engine)
    engine.dispose()


# --- the issuer, in the database -------------------------------------------------------


def _issuers(db_url: str, issuer_dir: Path) -> IssuerCache:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    return open_issuers(engine, issuer_dir)


def test_revocations_from_processes_at_once_all_land_in_the_last_bundle(
    tmp_path: Path,
) -> None:
    issuer_dir, db_path = tmp_path / "issuer", str(tmp_path / "b.sqlite")
    store = _issuers(db_path, issuer_dir).store
    first = store.ensure(int(time.time()))
    members = [f"M{i}" for i in range(PROCESSES)]
    codes = _race(_revoke_member, [(db_path, str(issuer_dir), m) for m in members])
    assert codes == [0] * PROCESSES
    final = store.load()
    assert final.bundle.version == first.bundle.version + PROCESSES
    assert final.bundle.revoked_members == frozenset(members)
    # Every version was published once, and the last, as terminals verify it against the
    # pinned root, says the same.
    history = [store.bundle_at(v) for v in range(1, final.bundle.version + 1)]
    assert all(history)
    published = trust.TrustStore.from_bundle(
        history[-1] or b"", pinned_root=first.bundle.root_public
    )
    assert published.version == final.bundle.version
    assert all(published.is_revoked(b"\x00" * 8, m) for m in members)


def test_processes_starting_at_once_on_an_empty_issuer_directory_share_one_root(
    tmp_path: Path,
) -> None:
    issuer_dir, db_path = tmp_path / "issuer", str(tmp_path / "b.sqlite")
    db.upgrade(db.make_engine(db_path))
    outs = [tmp_path / f"root-{i}" for i in range(PROCESSES)]
    argsets = [(db_path, str(issuer_dir), str(o)) for o in outs]
    assert _race(_first_start, argsets) == [0] * PROCESSES
    roots = {o.read_text() for o in outs}
    assert len(roots) == 1
    loaded = _issuers(db_path, issuer_dir).store.load()  # unwraps both keys, checks them
    on_disk = keys.public_raw(keys.private_from_pem((issuer_dir / "root.key").read_bytes())).hex()
    assert roots == {on_disk} == {loaded.bundle.root_public.hex()}
    assert (issuer_dir / "root.pub").read_text().strip() == on_disk
    assert len(list(issuer_dir.glob("signing-*.key"))) == 1
    assert len(list(issuer_dir.glob("*master.key*"))) == 1  # one master key, no drafts left
    assert loaded.bundle.version == 1


def test_another_nodes_publication_is_seen_within_the_recheck_and_at_once_when_fresh(
    tmp_path: Path,
) -> None:
    clock = [100.0]
    db_path = str(tmp_path / "b.sqlite")
    here = _issuers(db_path, tmp_path / "issuer").store
    cache = IssuerCache(here, recheck_seconds=1.0, clock=lambda: clock[0])
    first = cache.get()
    elsewhere = _issuers(db_path, tmp_path / "issuer").store  # another node's store object
    elsewhere.update(lambda i: i.revoke(now=int(time.time()), member="GONE1"))
    assert cache.get().bundle.version == first.bundle.version  # checked less than 1 s ago
    assert cache.get(fresh=True).bundle.version == first.bundle.version + 1
    elsewhere.update(lambda i: i.revoke(now=int(time.time()), member="GONE2"))
    clock[0] += 1.0
    served = cache.get()
    assert served.bundle.version == first.bundle.version + 2
    assert {"GONE1", "GONE2"} <= served.bundle.revoked_members


def test_an_issuer_directory_whose_root_key_does_not_match_is_refused(tmp_path: Path) -> None:
    store = IssuerStore(tmp_path / "issuer")
    store.ensure(int(time.time()))
    # What an unserialised first start of two processes could leave: one's root.key, the
    # other's issuer.json.
    write_secret(tmp_path / "issuer" / "root.key", keys.private_to_pem(keys.generate()))
    with pytest.raises(ConfigError, match=r"root\.key does not match"):
        store.load()
    with pytest.raises(ConfigError):
        store.update(lambda i: i.revoke(now=int(time.time()), member="M1"))


# --- migrations -----------------------------------------------------------------------


def _head() -> str:
    """The newest migration's revision, as alembic reads the migrations directory."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    return str(ScriptDirectory.from_config(config).get_current_head())


def _check_migrated(url: str) -> None:
    engine = db.make_engine(url)
    with engine.begin() as conn:
        (version,) = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        names = conn.execute(select(schema.documents.c.name)).scalars().all()
        assert conn.execute(select(func.count()).select_from(schema.rate_limits)).scalar() == 0
    engine.dispose()
    assert version[0] == _head()
    assert sorted(names) == ["catalog", "policy"]


def test_processes_migrating_a_fresh_postgresql_database_at_once_all_succeed(
    pg_cluster: Cluster,
) -> None:
    url = pg_cluster.new_database()
    assert _race(_migrate, [(url,)] * PROCESSES) == [0] * PROCESSES
    _check_migrated(url)


def test_processes_migrating_a_fresh_sqlite_database_at_once_all_succeed(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert _race(_migrate, [(url,)] * PROCESSES) == [0] * PROCESSES
    _check_migrated(url)


# --- serve --workers 2 ----------------------------------------------------------------


def _worker_pids(pid: int) -> list[int]:
    """uvicorn's worker processes: children of ``serve`` started by multiprocessing."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def test_two_workers_on_postgresql_take_batches_from_two_terminals_at_once(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    db_url = pg_cluster.new_database()
    issuer_dir = tmp_path / "issuer"
    with serve_process(db_url, issuer_dir, "--workers", "2") as served:
        assert len(_worker_pids(served.pid)) == 2
        engine = db.make_engine(db_url)
        backend = Backend(served.url, db_url, issuer_dir, engine, "postgres")
        terminals = [tmp_path / "t1", tmp_path / "t2"]
        for data_dir in terminals:
            provision(backend, data_dir)
        wallets = {m: enrol_wallet(backend, m, tmp_path / f"{m}.json") for m in ("M1", "M2")}
        expected = {"M1": 0, "M2": 0}
        events = set()
        for n in range(4):
            for data_dir, member in zip(terminals, ("M1", "M2"), strict=True):
                for paying in (member, "M1"):  # both terminals also award the same member
                    done = award(data_dir, wallets[paying], f"{n + 2}.00")
                    expected[paying] += n + 2
                    events.add(done["event"])
        with ThreadPoolExecutor(2) as pool:  # both terminals sync at the same moment
            synced = list(pool.map(lambda d: commands.terminal("sync", "--data-dir", d), terminals))
        assert [s.code for s in synced] == [0, 0], [s.stderr for s in synced]
        for member, points in expected.items():
            report = backend.ledger(member)
            assert report["balance"] == points
        ledgered = {e["event"] for m in expected for e in backend.ledger(m)["entries"]}
        assert ledgered == events  # every event once, none lost, none twice
        engine.dispose()


def _post_from(source: str, url: str, path: str, body: bytes, headers: dict[str, str]) -> int:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(
        parts.hostname or "", parts.port, timeout=20, source_address=(source, 0)
    )
    try:
        conn.request("POST", path, body, headers)  # a new connection: any worker may answer
        return conn.getresponse().status
    finally:
        conn.close()


def test_two_workers_share_rate_limits_and_nonces_through_the_database(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    db_url = pg_cluster.new_database()
    with serve_process(db_url, tmp_path / "issuer", "--workers", "2") as served:
        public = keys.public_raw(keys.generate()).hex()
        wait_for_room_in_window(rate_limits.TERMINAL_CODE_FAILURES.window, 10)
        statuses = [
            _post_from(
                "127.0.0.9",
                served.url,
                "/v1/terminals/enrol",
                f'{{"code": "AAAA-BBBB-CCCC-{n:04d}", "public_key": "{public}"}}'.encode(),
                {"Content-Type": "application/json"},
            )
            for n in range(8)
        ]
        assert statuses == [400] * 5 + [429] * 3
        engine = db.make_engine(db_url)
        backend = Backend(served.url, db_url, tmp_path / "issuer", engine, "postgres")
        provision(backend, tmp_path / "t1")
        identity = load_identity(DataPaths.resolve(tmp_path / "t1"))
        headers = signing.sign_request(
            identity.key, identity.terminal, "GET", "/v1/policy", b"", int(time.time())
        )
        replies = [
            requests.get(
                f"{served.url}/v1/policy", headers={**headers, "Connection": "close"}, timeout=10
            )
            for _ in range(4)
        ]
        assert replies[0].status_code == 200
        assert [r.json()["error"] for r in replies[1:]] == ["replayed_request"] * 3
        engine.dispose()


def test_serve_refuses_a_worker_count_out_of_range(tmp_path: Path) -> None:
    argv = ["serve", "--db", str(tmp_path / "b.sqlite"), "--workers", "0"]
    done = subprocess.run(
        [sys.executable, "-m", "backend", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "--workers" in done.stderr


def test_two_workers_on_sqlite_serve_one_database(tmp_path: Path) -> None:
    db_path = tmp_path / "b.sqlite"
    with serve_process(str(db_path), tmp_path / "issuer", "--workers", "2") as served:
        assert len(_worker_pids(served.pid)) == 2
        engine = db.make_engine(str(db_path))
        backend = Backend(served.url, str(db_path), tmp_path / "issuer", engine, "sqlite")
        data_dir = tmp_path / "t1"
        provision(backend, data_dir)
        wallet = enrol_wallet(backend, "M9", tmp_path / "w.json")
        done = [award(data_dir, wallet, "3.00")["event"] for _ in range(3)]
        assert commands.terminal("sync", "--data-dir", data_dir).code == 0
        report = backend.ledger("M9")
        assert (report["balance"], {e["event"] for e in report["entries"]}) == (9, set(done))
        engine.dispose()


def test_one_code_raced_through_two_workers_enrols_exactly_one_terminal(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    db_url = pg_cluster.new_database()
    with serve_process(db_url, tmp_path / "issuer", "--workers", "2") as served:
        engine = db.make_engine(db_url)
        backend = Backend(served.url, db_url, tmp_path / "issuer", engine, "postgres")
        code = backend.enrolment_code("S5")

        def enrol(i: int, code: str, public: str) -> int:
            body = f'{{"code": "{code}", "public_key": "{public}"}}'.encode()
            headers = {"Content-Type": "application/json"}
            return _post_from(
                f"127.0.0.{100 + i}", served.url, "/v1/terminals/enrol", body, headers
            )

        with ThreadPoolExecutor(PROCESSES) as pool:
            keys_ = [keys.public_raw(keys.generate()).hex() for _ in range(PROCESSES)]
            same_code = sorted(pool.map(lambda i: enrol(i, code, keys_[i]), range(PROCESSES)))
        assert same_code == [200] + [400] * (PROCESSES - 1)
        # Different codes, one key: one terminal, the others refused and their codes kept.
        shared = keys.public_raw(keys.generate()).hex()
        codes = [backend.enrolment_code("S6") for _ in range(PROCESSES)]
        with ThreadPoolExecutor(PROCESSES) as pool:
            same_key = sorted(pool.map(lambda i: enrol(20 + i, codes[i], shared), range(PROCESSES)))
        assert same_key == [200] + [409] * (PROCESSES - 1)
        with engine.begin() as conn:
            terminals = conn.execute(select(schema.terminals.c.store)).scalars().all()
            unused = conn.execute(
                select(func.count()).where(
                    schema.enrolment_codes.c.store == "S6",
                    schema.enrolment_codes.c.used_at.is_(None),
                )
            ).scalar_one()
        assert sorted(terminals) == ["S5", "S6"]
        assert unused == PROCESSES - 1
        engine.dispose()
