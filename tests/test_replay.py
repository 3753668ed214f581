"""The seen-codes store refuses a second use, and knows a repeated scan in one checkout."""

from __future__ import annotations

import base45
import cbor2
import pytest

from crypto.code import PREFIX
from crypto.errors import CodeRejected, Reason
from crypto.verify import verify_code
from terminal.replay import KEEP_SECONDS, Claim, SeenCodes
from tests.member_codes import T0, Member, make_issuer, trust_of


@pytest.fixture
def seen(tmp_path):
    with SeenCodes(tmp_path / "seen.sqlite") as store:
        yield store


def test_second_use_in_another_checkout_is_replayed(seen):
    assert seen.claim("M1/ab/1/1", "M1", "checkout-1", now=T0) is Claim.NEW
    with pytest.raises(CodeRejected) as info:
        seen.claim("M1/ab/1/1", "M1", "checkout-2", now=T0)
    assert info.value.reason is Reason.REPLAYED


def test_same_scan_twice_in_one_checkout_is_the_same_scan(seen):
    assert seen.claim("M1/ab/1/1", "M1", "checkout-1", now=T0) is Claim.NEW
    assert seen.claim("M1/ab/1/1", "M1", "checkout-1", now=T0) is Claim.SAME_SCAN


def test_reencoded_copy_of_a_used_code_is_caught(seen):
    issuer = make_issuer()
    code = Member(issuer).code()
    trust = trust_of(issuer)
    first = verify_code(code, trust, T0)
    seen.claim(first.code_id, first.member, "a", now=T0)
    outer = cbor2.loads(base45.b45decode(code[4:]))
    copy = PREFIX + base45.b45encode(cbor2.dumps(cbor2.CBORTag(18, outer))).decode()
    assert copy != code
    again = verify_code(copy, trust, T0)
    with pytest.raises(CodeRejected):
        seen.claim(again.code_id, again.member, "b", now=T0)


def test_the_store_survives_reopening(tmp_path):
    with SeenCodes(tmp_path / "seen.sqlite") as store:
        store.claim("id", "M1", "a", now=T0)
    with SeenCodes(tmp_path / "seen.sqlite") as store, pytest.raises(CodeRejected):
        store.claim("id", "M1", "b", now=T0)


def test_rows_older_than_any_valid_code_are_pruned(seen):
    seen.claim("old", "M1", "a", now=T0)
    seen.claim("new", "M1", "a", now=T0 + KEEP_SECONDS + 1)
    assert seen.claim("old", "M1", "b", now=T0 + KEEP_SECONDS + 2) is Claim.NEW
