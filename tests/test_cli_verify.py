"""loyalty-wallet and loyalty-terminal verify, end to end through the real commands."""

from __future__ import annotations

import stat
import time

import pytest

from crypto.timestep import time_step
from tests import cli


@pytest.fixture(scope="module")
def issuer_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("issuer")
    result = cli.wallet("issuer-init", directory)
    assert result.code == 0, result.stderr
    return directory


@pytest.fixture
def wallet(issuer_dir, tmp_path):
    path = tmp_path / "wallet.json"
    result = cli.wallet(
        "enroll",
        "--issuer",
        issuer_dir,
        "--member",
        "M42",
        "--tier",
        "silver",
        "--balance",
        "300",
        "--out",
        path,
    )
    assert result.code == 0, result.stderr
    return path


def test_issuer_init_writes_private_keys_0600_and_a_bundle(issuer_dir):
    key_files = list(issuer_dir.glob("*.key"))
    assert len(key_files) == 2
    for path in [*key_files]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (issuer_dir / "trust-bundle").stat().st_size > 100
    assert cli.wallet("issuer-init", issuer_dir).code == 2


def test_wallet_file_is_private(wallet):
    assert stat.S_IMODE(wallet.stat().st_mode) == 0o600


def test_code_verifies_then_is_refused_as_replayed(issuer_dir, wallet, tmp_path):
    code = cli.wallet("code", wallet).stdout.strip()
    bundle, seen = issuer_dir / "trust-bundle", tmp_path / "seen.sqlite"
    first = cli.terminal("verify", "--trust", bundle, "--seen", seen, code)
    assert first.code == 0, first.stderr
    assert first.json["ok"] is True
    assert (first.json["member"], first.json["tier"], first.json["balance"]) == (
        "M42",
        "silver",
        300,
    )
    second = cli.terminal("verify", "--trust", bundle, "--seen", seen, code)
    assert second.code == 1
    assert (second.json["ok"], second.json["reason"]) == (False, "replayed")


def test_same_code_in_the_same_checkout_is_the_same_scan(issuer_dir, wallet, tmp_path):
    code = cli.wallet("code", wallet).stdout.strip()
    args = (
        "verify",
        "--trust",
        issuer_dir / "trust-bundle",
        "--seen",
        tmp_path / "s",
        "--context",
        "chk-1",
        code,
    )
    assert cli.terminal(*args).json["scan"] == "new"
    assert cli.terminal(*args).json["scan"] == "same_scan"


def test_code_from_stdin_and_phone_and_terminal_clocks(issuer_dir, wallet):
    now = time.time()
    code = cli.wallet("code", wallet, "--at", now - 100).stdout.strip()
    bundle = issuer_dir / "trust-bundle"
    stale = cli.terminal("verify", "--trust", bundle, "--at", now, "-", stdin=code + "\n")
    assert (stale.code, stale.json["reason"]) == (1, "stale")
    ok = cli.terminal("verify", "--trust", bundle, "--at", now - 100, "-", stdin=code)
    assert ok.code == 0 and ok.json["step"] == time_step(now - 100)


def test_revocation_through_a_newer_bundle(issuer_dir, wallet, tmp_path):
    code = cli.wallet("code", wallet).stdout.strip()
    assert cli.wallet("revoke", "--issuer", issuer_dir, "--member", "M42").code == 0
    refused = cli.terminal("verify", "--trust", issuer_dir / "trust-bundle", code)
    assert (refused.code, refused.json["reason"]) == (1, "revoked")


def test_pickup_code_with_a_granted_order(issuer_dir, tmp_path):
    path = tmp_path / "w.json"
    cli.wallet("enroll", "--issuer", issuer_dir, "--member", "M77", "--out", path)
    granted = cli.wallet(
        "grant",
        "--issuer",
        issuer_dir,
        "--type",
        "pickup",
        "--id",
        "O-1",
        "--store",
        "S1",
        "--body",
        '{"items": [{"sku": "MUG", "qty": 1}]}',
        path,
    )
    assert granted.code == 0, granted.stderr
    code = cli.wallet("code", path, "--purpose", "pickup").stdout.strip()
    result = cli.terminal(
        "verify",
        "--trust",
        issuer_dir / "trust-bundle",
        "--purpose",
        "pickup",
        "--store",
        "S1",
        code,
    )
    assert result.code == 0, result.stdout
    assert result.json["document"]["id"] == "O-1"
    assert result.json["document"]["body"]["items"][0]["sku"] == "MUG"


@pytest.mark.parametrize("junk", ["", "LP1:", "LP1:" + "Z" * 5000, "\x00\x01", "LP9:ABC", "{}"])
def test_junk_input_is_refused_without_a_traceback(issuer_dir, junk):
    result = cli.terminal("verify", "--trust", issuer_dir / "trust-bundle", "-", stdin=junk)
    assert result.code == 1
    assert result.json["ok"] is False
    assert "Traceback" not in result.stderr


def test_configuration_errors_exit_2_with_a_sentence(tmp_path):
    missing = cli.terminal("verify", "--trust", tmp_path / "nope", "LP1:AB")
    assert missing.code == 2 and "cannot read trust bundle" in missing.stderr
    (tmp_path / "bad").write_bytes(b"not a bundle")
    bad = cli.terminal("verify", "--trust", tmp_path / "bad", "LP1:AB")
    assert bad.code == 2 and "refused" in bad.stderr
    assert cli.terminal("verify").code == 2
    assert "Traceback" not in missing.stderr + bad.stderr


def test_pinned_root_refuses_a_foreign_bundle(issuer_dir, tmp_path):
    other = tmp_path / "other"
    cli.wallet("issuer-init", other)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "root.pub").write_text((issuer_dir / "root.pub").read_text())
    result = cli.terminal(
        "verify", "--data-dir", data_dir, "--trust", other / "trust-bundle", "LP1:AB"
    )
    assert result.code == 2 and "root" in result.stderr


def test_show_writes_a_png_that_fits_version_12(wallet, tmp_path):
    result = cli.wallet("show", wallet, "--png", tmp_path / "code.png")
    assert result.code == 0
    assert (tmp_path / "code.png").read_bytes()[:4] == b"\x89PNG"


def test_console_demo_verifies_a_live_code_and_refuses_its_replay():
    result = cli.terminal("demo", "--console", "--cycles", "1", "--interval", "0")
    assert result.code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(("scan ", "replay "))]
    assert lines[0].startswith("scan ") and '"ok": true' in lines[0]
    assert '"reason": "replayed"' in lines[1]
