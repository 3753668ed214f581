"""Secrets in the database: the master key file, AES-256-GCM wrapping, signer URIs, the
import of a key directory, TOTP secrets never in clear, and master-key rotation (SQLite)."""

from __future__ import annotations

import time
from pathlib import Path

import pyotp
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Engine, insert, select, update

from backend import cli, db, presence, schema
from backend.app import create_app
from backend.issuer_cache import IssuerCache, open_issuers
from backend.keys import tables
from backend.keys.master import Vault, VaultError, totp_aad
from backend.keys.signer import SignerContext, SignerError, register_scheme, signer_for
from backend.keys.store import IssuerDbStore
from config.errors import ConfigError
from config.files import write_secret
from crypto import cose, keys
from protocol.issuer_store import IssuerStore


def _engine(tmp_path: Path) -> Engine:
    engine = db.make_engine(str(tmp_path / "backend.sqlite"))
    db.upgrade(engine)
    return engine


def _key_file(path: Path, key: bytes = b"\x01" * 32) -> Path:
    write_secret(path, key.hex().encode() + b"\n")
    return path


def test_a_master_key_file_others_can_read_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = _key_file(tmp_path / "master.key")
    path.chmod(0o644)
    with pytest.raises(ConfigError, match=r"readable by other users.*chmod 600"):
        Vault.from_file(path)


def test_a_missing_or_malformed_master_key_file_is_refused_with_a_sentence(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Vault.from_file(tmp_path / "none.key")
    write_secret(tmp_path / "short.key", b"abcd\n")
    with pytest.raises(ConfigError, match="64 hex digits"):
        Vault.from_file(tmp_path / "short.key")


def test_each_wrap_has_a_fresh_nonce_and_opens_only_for_its_own_row(tmp_path: Path) -> None:
    vault = Vault.from_file(_key_file(tmp_path / "master.key"))
    first, second = (vault.wrap(b"same secret", b"row:1") for _ in range(2))
    assert first != second  # a constant IV would make these equal
    assert vault.unwrap(first, b"row:1") == vault.unwrap(second, b"row:1") == b"same secret"
    with pytest.raises(VaultError, match="moved from another row"):
        vault.unwrap(first, b"row:2")  # copied into another member's row
    tampered = first[:-1] + bytes([first[-1] ^ 1])
    with pytest.raises(VaultError, match="damaged"):
        vault.unwrap(tampered, b"row:1")


def test_a_secret_wrapped_under_another_master_key_names_both_keys(tmp_path: Path) -> None:
    mine = Vault.from_file(_key_file(tmp_path / "a.key", b"\x01" * 32))
    other = Vault.from_file(_key_file(tmp_path / "b.key", b"\x02" * 32))
    with pytest.raises(VaultError) as refused:
        mine.unwrap(other.wrap(b"x", b"row"), b"row")
    assert other.key_id.hex() in str(refused.value)
    assert mine.key_id.hex() in str(refused.value)


def test_issuer_keys_are_stored_wrapped_never_in_clear(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    issuer = open_issuers(engine, None, _key_file(tmp_path / "master.key")).get()
    with engine.connect() as conn:
        rows = conn.execute(select(tables.issuer_keys)).all()
    raw = {issuer.root_key.private_bytes_raw(), issuer.signing_key.private_bytes_raw()}
    assert {r.uri for r in rows} == {f"db:{r.key_id}" for r in rows}
    assert len(rows) == 2
    assert not any(secret in bytes(r.wrapped) for r in rows for secret in raw)
    assert not (tmp_path / "issuer").exists()  # a node with a master key file needs no directory


def test_a_node_with_another_master_key_refuses_to_start(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    open_issuers(engine, None, _key_file(tmp_path / "a.key", b"\x01" * 32)).get()
    with pytest.raises(VaultError, match="give this node the current key file"):
        open_issuers(engine, None, _key_file(tmp_path / "b.key", b"\x02" * 32)).get()


def test_an_old_key_directory_is_imported_once_and_keeps_signing(tmp_path: Path) -> None:
    directory = tmp_path / "issuer"
    old = IssuerStore(directory).create(int(time.time()))
    engine = _engine(tmp_path)
    issuers = open_issuers(engine, directory)
    assert issuers.get().bundle == old.bundle
    assert issuers.get().signed_bundle() == (directory / "trust-bundle").read_bytes()
    # The directory changing later does not touch the database: it was imported once.
    IssuerStore(directory).update(lambda i: i.revoke(now=int(time.time()), member="M1"))
    assert open_issuers(engine, directory).get().bundle.version == 1


def test_import_with_keep_files_signs_from_the_files_through_file_uris(tmp_path: Path) -> None:
    directory = tmp_path / "issuer"
    old = IssuerStore(directory).create(int(time.time()))
    url = str(tmp_path / "backend.sqlite")
    argv = ["admin", "import-issuer", "--db", url, "--issuer", str(directory), "--keep-files"]
    assert cli.main(argv) == 0
    engine = db.make_engine(url)
    with engine.connect() as conn:
        uris = set(conn.execute(select(tables.issuer_keys.c.uri)).scalars())
    assert uris == {
        f"file:{(directory / 'root.key').resolve()}",
        f"file:{(directory / f'signing-{old.signing_kid.hex()}.key').resolve()}",
    }
    loaded = open_issuers(engine, None, directory / "master.key").get()
    assert loaded.signed_bundle() == old.signed_bundle()
    assert cli.main(argv) == 2  # a second import is refused: the database has an issuer


class _Hsm:
    """A key store whose key never leaves it: what a KMS or PKCS#11 plug-in talks to."""

    def __init__(self) -> None:
        self._key = keys.generate()
        self.calls = 0

    def sign(self, data: bytes) -> bytes:
        self.calls += 1
        return self._key.sign(data)

    def public_key(self) -> Ed25519PublicKey:
        return self._key.public_key()


def test_a_plugged_in_scheme_signs_without_exporting_and_unknown_ones_are_named(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    vault = Vault.from_file(_key_file(tmp_path / "master.key"))
    hsm = _Hsm()
    register_scheme("testhsm", lambda uri, context: hsm)
    with engine.connect() as conn:
        context = SignerContext(conn, vault)
        signer = signer_for("testhsm:slot=1;id=root", "root-x", context)
        signed = cose.sign(b"payload", signer)
        with pytest.raises(SignerError, match=r"awskms.*register_scheme"):
            signer_for("awskms:arn:aws:kms:eu-west-1:1:key/abc", "root-y", context)
    assert hsm.calls == 1
    message = cose.decode(signed, max_size=1024)
    assert message.verify(hsm.public_key())
    with pytest.raises(SignerError, match="cannot be exported"):
        signer.private_bytes_raw()


def test_totp_secrets_are_stored_wrapped_and_old_clear_ones_are_wrapped_at_start(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    key_file = _key_file(tmp_path / "master.key")
    vault = Vault.from_file(key_file)
    with engine.begin() as conn:
        secret = presence.ensure_secret(conn, "M1", 1, vault=vault)
        # What an earlier version left: a secret in clear.
        conn.execute(
            insert(schema.member_totp).values(
                member="M2", secret="JBSWY3DPEHPK3PXP", created_at=1, last_step=-1
            )
        )
    table = schema.member_totp
    with engine.connect() as conn:
        stored = dict(conn.execute(select(table.c.member, table.c.secret)).all())
    assert secret not in stored["M1"] and stored["M1"].startswith("gcm1:")
    assert vault.unwrap_text(stored["M1"], totp_aad("M1")) == secret
    with pytest.raises(VaultError, match="in clear"):
        vault.unwrap_text(stored["M2"], totp_aad("M2"))
    create_app(engine, None, master_key_file=key_file)  # a node starts
    with engine.connect() as conn:
        wrapped = conn.execute(select(table.c.secret).where(table.c.member == "M2")).scalar_one()
    assert vault.unwrap_text(wrapped, totp_aad("M2")) == "JBSWY3DPEHPK3PXP"
    with engine.begin() as conn:
        assert presence.ensure_secret(conn, "M2", 2, vault=vault) == "JBSWY3DPEHPK3PXP"
        # One member's wrapped secret copied into another's row does not open there.
        conn.execute(update(table).where(table.c.member == "M2").values(secret=stored["M1"]))
        with pytest.raises(VaultError, match="moved from another row"):
            presence.ensure_secret(conn, "M2", 3, vault=vault)


def test_rotate_master_key_rewraps_every_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _engine(tmp_path)
    old_file = _key_file(tmp_path / "old.key", b"\x01" * 32)
    issuer = open_issuers(engine, None, old_file).get()
    with engine.begin() as conn:
        secret = presence.ensure_secret(conn, "M1", 1, vault=Vault.from_file(old_file))
    monkeypatch.setenv("LOYALTY_MASTER_KEY_FILE", str(old_file))
    url = str(tmp_path / "backend.sqlite")
    new_file = tmp_path / "new.key"
    assert (
        cli.main(["admin", "rotate-master-key", "--db", url, "--new-key-file", str(new_file)]) == 0
    )
    assert '"issuer_keys": 2' in capsys.readouterr().out
    assert new_file.stat().st_mode & 0o777 == 0o600
    new = Vault.from_file(new_file)
    with pytest.raises(VaultError):
        open_issuers(engine, None, old_file).get()
    reloaded = open_issuers(engine, None, new_file).get()
    assert reloaded.signed_bundle() == issuer.signed_bundle()
    with engine.begin() as conn:
        assert presence.ensure_secret(conn, "M1", 2, vault=new) == secret
    assert pyotp.TOTP(secret).now()  # still a valid base32 secret


def test_serve_refuses_a_master_key_file_others_can_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = _key_file(tmp_path / "master.key")
    key_file.chmod(0o640)
    monkeypatch.setenv("LOYALTY_MASTER_KEY_FILE", str(key_file))
    assert cli.main(["serve", "--db", str(tmp_path / "b.sqlite"), "--port", "1"]) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_the_store_refuses_a_change_that_does_not_publish_a_newer_version(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    store = IssuerDbStore(engine, Vault.from_file(_key_file(tmp_path / "master.key")))
    first = store.ensure(1)
    assert store.update(lambda current: current) == first  # nothing to publish
    rotated = store.update(lambda current: current.rotate_signing_key(now=2))
    assert isinstance(rotated.signing_key, Ed25519PrivateKey)
    assert store.load().signing_kid == rotated.signing_kid
    assert store.bundle_at(1) == first.signed_bundle()
    assert store.bundle_at(2) == rotated.signed_bundle()


def test_the_issuer_is_read_inside_a_requests_write_transaction_without_waiting(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path)
    key_file = _key_file(tmp_path / "master.key")
    clock = [0.0]
    issuers = open_issuers(engine, None, key_file, recheck_seconds=1.0)
    issuers = IssuerCache(issuers.store, recheck_seconds=1.0, clock=lambda: clock[0])
    first = issuers.get()
    other = open_issuers(engine, None, key_file).store  # another node publishes
    other.update(lambda i: i.revoke(now=int(time.time()), member="M1"))
    clock[0] = 5.0
    started = time.monotonic()
    with engine.begin() as conn:  # a request holds SQLite's write lock, as handlers do
        conn.execute(select(schema.members.c.id)).all()
        assert issuers.get().bundle.version == first.bundle.version + 1
        assert open_issuers(engine, None, key_file).get(fresh=True).bundle.version == 2
    assert time.monotonic() - started < 10  # not the 60 s busy timeout


def test_new_master_key_writes_a_0600_file_and_never_overwrites_one(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "master.key"
    assert cli.main(["admin", "new-master-key", "--out", str(path)]) == 0
    assert path.stat().st_mode & 0o777 == 0o600
    before = path.read_bytes()
    assert cli.main(["admin", "new-master-key", "--out", str(path)]) == 2
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name != "master.key"]  # no drafts left


def test_rotate_signing_key_publishes_a_new_key_every_node_signs_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(tmp_path)
    key_file = _key_file(tmp_path / "master.key")
    first = open_issuers(engine, None, key_file).get()
    monkeypatch.setenv("LOYALTY_MASTER_KEY_FILE", str(key_file))
    url = str(tmp_path / "backend.sqlite")
    assert cli.main(["admin", "rotate-signing-key", "--db", url]) == 0
    rotated = open_issuers(engine, None, key_file).get()
    assert rotated.bundle.version == first.bundle.version + 1
    assert rotated.signing_kid != first.signing_kid
    assert rotated.bundle.root_public == first.bundle.root_public
    with engine.connect() as conn:
        roles = conn.execute(select(tables.issuer_keys.c.role)).scalars().all()
    assert sorted(roles) == ["root", "signing", "signing"]  # the old key stays, for its window
