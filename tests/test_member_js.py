"""The JavaScript member side (member-js/) against the Python terminal, with real processes.

Codes made by ``node member-js/bin/loyalty-wallet.mjs`` for every purpose and document verify in
``crypto.verify_code`` and ``loyalty-terminal verify``, and are awarded, redeemed and synced
through the real backend into its ledger; tampered ones get the reasons tampered Python codes
get; a wallet file enrolled by one implementation is continued by the other.

The web phone (member-js/web/, served by the JS wallet's ``serve``) in headless Chromium enrols
with a login code from the real backend and shows a code; a screenshot of its QR goes through
the terminal's decoder chain (``loyalty-terminal decode``) and verifies as that member's; with
the page's clock moved on 31 seconds it shows a different code.

Skipped, with the reason, where node or member-js/node_modules (or Chromium) is missing; under
CI=true that is a failure instead (CI must run these).
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import base45
import cbor2
import pytest

from crypto import keys
from crypto.code import PREFIX, Purpose
from crypto.errors import CodeRejected
from crypto.trust import TrustStore
from crypto.verify import VerifiedCode, VerifyOptions, verify_code
from tests import cli
from tests.console_browser import chromium
from tests.fixtures.backend import Backend
from tests.fixtures.members import issuer_of
from tests.fixtures.terminal import admin, enrol_wallet, next_code, provision, run_cli, terminal
from tests.requirements import require
from wallet.cli import main as wallet_main
from wallet.store import load_wallet

pytest_plugins = ["tests.fixtures.plugin"]

REPO = Path(__file__).resolve().parent.parent
MEMBER_JS = REPO / "member-js"
JS_WALLET = MEMBER_JS / "bin" / "loyalty-wallet.mjs"
NODE = shutil.which("node")


def _missing() -> str | None:
    if NODE is None:
        return "node is not installed (the JavaScript member side cannot run)"
    if not (MEMBER_JS / "node_modules").is_dir():
        return "member-js/node_modules is missing: run ./scripts/setup.sh --dev (npm ci)"
    return None


@pytest.fixture(autouse=True)
def _node() -> None:
    problem = _missing()
    require(problem is None, problem or "")


def js(*args: object, stdin: str | None = None) -> cli.Result:
    """Run the JavaScript wallet CLI as its own process."""
    assert NODE is not None
    proc = subprocess.run(
        [NODE, str(JS_WALLET), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    return cli.Result(proc.returncode, proc.stdout, proc.stderr)


def js_enrol(backend: Backend, member: str, path: Path) -> dict[str, Any]:
    """Enrol a wallet with the JS CLI; the login code goes through stdin, off the command line."""
    result = js(
        "enroll", "--backend", backend.url, "--member", member, "--login", "-", "--out", path,
        stdin=backend.login_code(member) + "\n",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    return dict(result.json)


def js_code(path: Path, purpose: Purpose = Purpose.CHECKOUT, *extra: object) -> str:
    result = js("code", path, "--purpose", purpose.value, *extra)
    assert result.code == 0, result.stderr
    text = result.stdout.strip()
    assert text.startswith(PREFIX)
    return text


def bundle_file(backend: Backend, folder: Path) -> Path:
    """The backend's signed bundle as a terminal keeps it (the issuer lives in its database)."""
    path = folder / "trust-bundle"
    path.write_bytes(issuer_of(backend).signed_bundle())
    return path


def trust_of(backend: Backend) -> TrustStore:
    return TrustStore.from_bundle(issuer_of(backend).signed_bundle())


def verified(backend: Backend, text: str, **options: Any) -> VerifiedCode:
    return verify_code(text, trust_of(backend), time.time(), VerifyOptions(**options))


def reason(text: str, trust: TrustStore, at: float, **options: Any) -> str:
    try:
        verify_code(text, trust, at, VerifyOptions(**options))
    except CodeRejected as exc:
        return exc.reason.value
    return "ok"


def test_the_js_wallet_prints_what_the_python_wallet_prints_and_signs_the_same_bytes(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    js_out = js_enrol(sqlite_backend, "MJ1", tmp_path / "js.json")
    rc, py_out = run_cli(
        wallet_main,
        [
            *("enroll", "--backend", sqlite_backend.url, "--member", "MJ2"),
            *("--login", sqlite_backend.login_code("MJ2"), "--out", str(tmp_path / "py.json")),
        ],
    )
    assert rc == 0, py_out
    assert list(js_out) == list(py_out)
    assert js_out["member"] == "MJ1" and js_out["root_public"] == py_out["root_public"]
    assert stat.S_IMODE((tmp_path / "js.json").stat().st_mode) == 0o600

    # The same wallet file in both: Ed25519 is deterministic, so the texts are identical.
    shutil.copy(tmp_path / "js.json", tmp_path / "copy.json")
    at = str(time.time())
    from_js = js("code", tmp_path / "js.json", "--at", at)
    from_py = cli.wallet("code", tmp_path / "copy.json", "--at", at)
    assert from_js.code == from_py.code == 0, from_js.stderr + from_py.stderr
    assert from_js.stdout == from_py.stdout
    js_totp, py_totp = (
        js("totp", tmp_path / "js.json", "--at", at),
        cli.wallet("totp", tmp_path / "copy.json", "--at", at),
    )
    assert js_totp.stdout == py_totp.stdout and len(js_totp.stdout.strip()) == 8
    assert json.loads((tmp_path / "js.json").read_text())["counter"] == 1


def test_js_usage_and_refusals_exit_2_with_a_sentence(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    wrong = js(
        "enroll", "--backend", sqlite_backend.url, "--member", "MJ3", "--login", "-",
        "--out", tmp_path / "w.json", stdin="NOTACODE0000\n",
    )  # fmt: skip
    assert wrong.code == 2
    assert wrong.stderr.startswith("loyalty-wallet: the backend refused: login_invalid")
    assert not (tmp_path / "w.json").exists()
    assert js("code", tmp_path / "none.json").code == 2
    assert js("bogus").code == 2


def _grant_staff(backend: Backend, wallet: Path) -> None:
    """A staff credential signed by the backend's issuer, added by the Python wallet's grant."""
    rc, out = run_cli(
        wallet_main,
        [
            *("grant", "--issuer", str(backend.issuer_dir), "--type", "staff", "--id", "ST-1"),
            *("--body", '{"role": "cashier"}', str(wallet)),
        ],
    )
    assert rc == 0, out


def _orders_and_coupons(backend: Backend, member: str) -> None:
    body = '{"items": [{"sku": "CUP", "name": "Cup", "qty": 2}]}'
    admin(
        backend, "add-order", "--store", "S1", "--member", member, "--order", "O-1", "--body", body
    )
    admin(backend, "coupon", "--member", member, "--id", "C-1", "--kind", "amount", "--value", "20")


def test_js_codes_for_every_purpose_and_document_verify_in_python_and_at_the_cli(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    _orders_and_coupons(sqlite_backend, "MJ4")
    wallet = tmp_path / "w.json"
    assert set(js_enrol(sqlite_backend, "MJ4", wallet)["documents"]) == {"pickup:O-1", "coupon:C-1"}
    _grant_staff(sqlite_backend, wallet)
    bundle = bundle_file(sqlite_backend, tmp_path)
    documents = {Purpose.PICKUP: "O-1", Purpose.COUPON: "C-1", Purpose.STAFF: "ST-1"}
    # Two codes per purpose (one for each verifier): the first of each pair has an odd counter.
    for index, purpose in enumerate(Purpose):
        counter = 2 * index + 1
        text = js_code(wallet, purpose)
        code = verified(sqlite_backend, text, purpose=purpose, store="S1")
        assert (code.member, code.purpose, code.counter) == ("MJ4", purpose, counter)
        document_id = code.document.doc_id if code.document else None
        assert document_id == documents.get(purpose)
        # The terminal's own command, the code on stdin (codes never go on a command line).
        at_cli = cli.terminal(
            "verify", "--trust", bundle, "--purpose", purpose.value, "--store", "S1", "-",
            stdin=js_code(wallet, purpose),
        )  # fmt: skip
        assert at_cli.code == 0, at_cli.stdout + at_cli.stderr
        assert (at_cli.json["ok"], at_cli.json["member"]) == (True, "MJ4")
    # A named document: the JS wallet picks that one.
    named = js_code(wallet, Purpose.COUPON, "--document", "C-1")
    assert verified(sqlite_backend, named, purpose=Purpose.COUPON).document is not None
    missing = js("code", wallet, "--purpose", "coupon", "--document", "C-9")
    assert missing.code == 2 and "no coupon document with id C-9" in missing.stderr


def _resigned(text: str, change: Callable[[bytes], bytes]) -> str:
    item = cbor2.loads(base45.b45decode(text[len(PREFIX) :]))
    item[3] = change(item[3])
    return PREFIX + base45.b45encode(cbor2.dumps(item)).decode()


def _s_plus_l(signature: bytes) -> bytes:
    s = int.from_bytes(signature[32:], "little") + keys.GROUP_L
    return signature[:32] + s.to_bytes(32, "little")


def _changed_char(text: str) -> str:
    """One character of the signature's part changed, keeping the base45 decodable."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    position = len(text) - 12
    for replacement in alphabet:
        candidate = text[:position] + replacement + text[position + 1 :]
        if replacement != text[position]:
            try:
                base45.b45decode(candidate[len(PREFIX) :])
            except ValueError:
                continue
            return candidate
    raise AssertionError("no decodable change")


def _foreign_signature(text: str) -> str:
    """The same payload signed by another key than the certificate's (an attacker's phone)."""
    from crypto import cose

    item = cbor2.loads(base45.b45decode(text[len(PREFIX) :]))
    attacker = keys.generate()
    return PREFIX + base45.b45encode(cose.sign(item[2], attacker, tagged=False)).decode()


# (tampering, verify time offset in seconds, options, the reason both implementations get)
TAMPERINGS: list[tuple[str, Callable[[str], str], float, dict[str, Any], str]] = [
    ("one character changed", _changed_char, 0, {}, "bad_signature"),
    ("signed by an attacker's key", _foreign_signature, 0, {}, "bad_signature"),
    ("S + L", lambda t: _resigned(t, _s_plus_l), 0, {}, "bad_signature"),
    ("small-order R", lambda t: _resigned(t, lambda s: bytes([1]) + bytes(31) + s[32:]), 0, {}, "weak_key"),
    ("newer protocol version", lambda t: "LP2:" + t[4:], 0, {}, "unsupported"),
    ("truncated", lambda t: t[:-3], 0, {}, "malformed"),
    ("shown three steps ago", lambda t: t, 95, {}, "stale"),
    ("phone clock ahead", lambda t: t, -95, {}, "future"),
    ("check-in code where checkout is asked", lambda t: t, 0, {"purpose": Purpose.CHECKOUT}, "wrong_purpose"),
]  # fmt: skip


def test_tampered_js_codes_are_refused_with_the_reasons_python_codes_get(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    js_wallet = tmp_path / "js.json"
    js_enrol(sqlite_backend, "MJ5", js_wallet)
    py_wallet = enrol_wallet(sqlite_backend, "MJ6", tmp_path / "py.json")
    trust = trust_of(sqlite_backend)
    for name, tamper, offset, options, expected in TAMPERINGS:
        purpose = Purpose.CHECKIN if expected == "wrong_purpose" else Purpose.CHECKOUT
        now = time.time()
        from_js = tamper(js_code(js_wallet, purpose))
        from_py = tamper(next_code(py_wallet, purpose))
        got = (
            reason(from_js, trust, now + offset, **options),
            reason(from_py, trust, now + offset, **options),
        )
        assert got == (expected, expected), name
    # The terminal's command refuses a tampered JS code with the same reason.
    refused = cli.terminal(
        "verify", "--trust", bundle_file(sqlite_backend, tmp_path), "-",
        stdin=_resigned(js_code(js_wallet), _s_plus_l),
    )  # fmt: skip
    assert refused.code == 1
    assert (refused.json["ok"], refused.json["reason"]) == (False, "bad_signature")


def test_js_codes_are_awarded_redeemed_and_synced_into_the_ledger(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    backend = sqlite_backend
    data = tmp_path / "terminal"
    provision(backend, data)
    admin(backend, "reward", "--id", "R-MUG", "--name", "Mug", "--points", "30")
    _orders_and_coupons(backend, "MJ7")
    wallet = tmp_path / "w.json"
    js_enrol(backend, "MJ7", wallet)
    assert terminal(["sync", "--data-dir", str(data)])[0] == 0  # the catalog comes down

    def op(*args: str) -> dict[str, Any]:
        rc, out = terminal([args[0], "--data-dir", str(data), *args[1:]])
        assert rc == 0, out
        assert out["ok"] is True and out["event"]
        return dict(out)

    reported = [op("award", "--amount", "100.80", js_code(wallet))]
    assert reported[0]["points"] == 100
    assert terminal(["sync", "--data-dir", str(data)])[0] == 0
    refreshed = js("refresh", wallet)
    assert refreshed.code == 0, refreshed.stderr
    assert refreshed.json["balance"] == 100
    reported.append(op("redeem", "--reward", "R-MUG", js_code(wallet)))
    reported.append(op("checkin", js_code(wallet, Purpose.CHECKIN)))
    reported.append(op("coupon", js_code(wallet, Purpose.COUPON)))
    reported.append(op("pickup", js_code(wallet, Purpose.PICKUP)))
    rc, report = terminal(["sync", "--data-dir", str(data)])
    assert rc == 0, report
    assert (report["rejected"], report["pending"]) == (0, 0)

    ledger = backend.ledger("MJ7")
    assert sorted(e["event"] for e in ledger["entries"]) == sorted(r["event"] for r in reported)
    assert ledger["balance"] == sum(r["points"] for r in reported)
    assert ledger["flags"] == []
    final = js("refresh", wallet)
    assert final.json["balance"] == ledger["balance"]
    assert final.json["documents"] == []  # the order was handed over and the coupon used


def test_a_wallet_enrolled_by_one_implementation_is_continued_by_the_other(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    # Python enrols; JS continues (code and refresh); Python continues after JS wrote the file.
    py_first = enrol_wallet(sqlite_backend, "MJ8", tmp_path / "py.json")
    device = keys.public_raw(load_wallet(py_first).device_key)
    assert verified(sqlite_backend, next_code(py_first)).counter == 1
    from_js = verified(sqlite_backend, js_code(py_first))
    assert (from_js.counter, from_js.device_public) == (2, device)
    assert js("refresh", py_first).code == 0
    assert stat.S_IMODE(py_first.stat().st_mode) == 0o600
    assert verified(sqlite_backend, next_code(py_first)).counter == 3
    assert load_wallet(py_first).totp_secret

    # JS enrols; Python continues (code and refresh); JS continues after Python wrote the file.
    js_first = tmp_path / "js.json"
    js_enrol(sqlite_backend, "MJ9", js_first)
    js_device = keys.public_raw(load_wallet(js_first).device_key)
    assert verified(sqlite_backend, js_code(js_first)).counter == 1
    from_py = verified(sqlite_backend, next_code(js_first))
    assert (from_py.counter, from_py.device_public) == (2, js_device)
    rc, out = run_cli(wallet_main, ["refresh", str(js_first)])
    assert rc == 0, out
    assert verified(sqlite_backend, js_code(js_first)).counter == 3


# The web phone in Chromium.

PHONE = (390, 844)


@pytest.fixture
def web_phone(sqlite_backend: Backend) -> Iterator[str]:
    """``loyalty-wallet.mjs serve`` on a free port, forwarding to the real backend."""
    assert NODE is not None
    process = subprocess.Popen(
        [NODE, str(JS_WALLET), "serve", "--port", "0", "--backend", sqlite_backend.url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        yield str(json.loads(line)["web_phone"])
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[Any]:
    yield from chromium(tmp_path / "profile", *PHONE)


def _wait(condition: Any, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "the page did not get there"
        time.sleep(0.05)
    return value


def _shown_code(driver: Any) -> str:
    return str(driver.execute_script("return document.getElementById('qr').dataset.code || ''"))


def _enrol(driver: Any, url: str, backend: Backend, member: str, lang: str) -> str:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}?lang={lang}")
    _wait(lambda: driver.find_element(By.ID, "enrol").is_displayed())
    driver.find_element(By.ID, "member").send_keys(member)
    driver.find_element(By.ID, "login").send_keys(backend.login_code(member))
    driver.find_element(By.ID, "enrol-button").click()
    return str(_wait(lambda: _shown_code(driver)))


def test_the_web_phone_enrols_shows_a_scannable_code_and_rotates_it(
    phone: Any, web_phone: str, sqlite_backend: Backend, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    code = _enrol(phone, web_phone, sqlite_backend, "MW1", "en")
    assert phone.find_element(By.ID, "member-id").text == "MW1"
    assert phone.find_element(By.ID, "seconds").text.startswith("New code in")

    # The screen, photographed, read by the terminal's own decoders, verified as MW1's.
    png = tmp_path / "phone.png"
    png.write_bytes(phone.find_element(By.ID, "qr").screenshot_as_png)
    decoded = cli.terminal("decode", png)
    assert decoded.code == 0, decoded.stderr
    assert decoded.json["codes"] == [code]
    trust = TrustStore.from_bundle(issuer_of(sqlite_backend).signed_bundle())
    assert verify_code(code, trust, time.time()).member == "MW1"

    # The 8-digit code on request.
    phone.find_element(By.ID, "manual-button").click()
    assert len(phone.find_element(By.ID, "manual").text) == 8

    # The page's clock moved on 31 s (an injected clock, not a sleep): a different code.
    phone.execute_script("const real = Date.now; Date.now = () => real() + 31000")
    assert _wait(lambda: _shown_code(phone) not in ("", code))


def test_the_web_phone_speaks_chinese_and_says_why_a_login_code_is_refused(
    phone: Any, web_phone: str
) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{web_phone}?lang=zh")
    _wait(lambda: phone.find_element(By.ID, "enrol").is_displayed())
    assert phone.find_element(By.ID, "enrol-button").text == "登录"
    phone.find_element(By.ID, "member").send_keys("MW2")
    phone.find_element(By.ID, "login").send_keys("WRONGWRONG12")
    phone.find_element(By.ID, "enrol-button").click()
    assert _wait(lambda: phone.find_element(By.ID, "error").text) == (
        "登录码无效，请获取新的登录码后重试。"
    )
    assert phone.execute_script("return localStorage.getItem('loyalty-wallet')") is None
