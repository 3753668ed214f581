"""Flags read as sentences in both languages: every reason the backend can flag has words.

The reasons are collected from the backend's own source (every literal it refuses, flags or
claims with), so a new refusal without a sentence fails here rather than showing as a code.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import backend
import protocol
from backend import ingest
from backend.authorisation import FLAGGED
from backend.console.flag_kinds import DETAILS, KINDS, describe
from crypto.errors import Reason
from tests.console_session import sign_in
from tests.fixtures.backend import Backend
from tests.test_console_roles import PASSWORD, a_terminal, office  # noqa: F401 - fixture

# Where the modules are installed (a backend-only venv runs this too), not beside the tests.
BACKEND = Path(backend.__file__).resolve().parent
PROTOCOL = Path(protocol.__file__).resolve().parent
# A reason is the first string argument of these calls, or the third of a once-only claim.
_CALLS = re.compile(
    r"(?:Rejected|Refusal|refuse|\bflag|Conflict)\(\s*(?:event,\s*)?\"([a-z_]+)\"", re.S
)
_CLAIMS = re.compile(r"_Claim\(\s*[\w.]+,\s*(?:\([^)]*\)|[\w.]+),\s*\"([a-z_]+)\"", re.S)
_BATCH = re.compile(r"BatchInvalid\(\s*\"([a-z_]+)\"")


def flaggable_reasons() -> set[str]:
    found = set(FLAGGED)
    for path in BACKEND.glob("*.py"):
        source = path.read_text()
        found |= set(_CALLS.findall(source)) | set(_CLAIMS.findall(source))
    for path in PROTOCOL.glob("*.py"):
        found |= {f"batch_{r}" for r in _BATCH.findall(path.read_text())}
    # Codes the backend does not flag (a refused HTTP request, not an event).
    return found - {"malformed", "totp_invalid", "key_in_use", "staff_key_missing"}


def test_every_reason_the_backend_flags_has_a_sentence_in_both_languages() -> None:
    reasons = flaggable_reasons()
    assert {"code_reused", "sale_reused", "batch_bad_signature", "chain_gap"} <= reasons
    assert reasons - set(KINDS) == set()
    for english, chinese in KINDS.values():
        assert english and chinese and not re.search(r"[A-Za-z]", chinese)


def test_the_verifiers_reasons_are_described_after_the_kind() -> None:
    assert {r.value for r in Reason} <= set(DETAILS)
    assert describe("code_invalid:revoked", "en") == "A member code that does not verify (revoked)"
    assert describe("code_invalid:revoked", "zh_CN") == "会员码校验未通过（已吊销）"
    assert describe("something_new", "zh_CN") == "something_new"  # shown, never a crash


def test_the_flags_page_shows_the_sentence_beside_the_code(office: Backend) -> None:  # noqa: F811
    terminal = a_terminal(office)
    with office.engine.begin() as conn:
        ingest.flag_refused_batch(conn, terminal, "batch_replayed", "b-words", int(time.time()))
    session = sign_in(office, "viewer", PASSWORD)
    for language, words in (
        ("en", "A batch sent again with other contents"),
        ("zh_CN", "重复发送且内容不同的批次"),
    ):
        session.cookies.set("console_lang", language)
        page = session.get(f"{office.url}/console/flags", timeout=10)
        assert page.status_code == 200
        row = re.search(r"<td class=\"kind\">([^<]*)<code", page.text)
        assert row is not None and words in page.text
        assert '<code class="small">batch_replayed</code>' in page.text
