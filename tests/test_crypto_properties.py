"""No mutation of a valid code is accepted as a different code, and nothing raises uncaught."""

from __future__ import annotations

import base45
import cbor2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto.code import PREFIX
from crypto.errors import CodeRejected
from crypto.verify import verify_code
from tests.member_codes import T0, Member, make_issuer, trust_of

ISSUER = make_issuer()
TRUST = trust_of(ISSUER)
CODE = Member(ISSUER).code()
ORIGINAL = verify_code(CODE, TRUST, T0)
RAW = base45.b45decode(CODE[len(PREFIX) :])
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(text: str):
    try:
        return verify_code(text, TRUST, T0)
    except CodeRejected:
        return None


def assert_same_or_refused(text: str) -> None:
    result = outcome(text)
    assert result is None or result == ORIGINAL


@FUZZ
@given(st.integers(0, len(CODE) - 1), st.sampled_from(ALPHABET + "a\x00é"))
def test_substituted_character(index, char):
    assert_same_or_refused(CODE[:index] + char + CODE[index + 1 :])


@FUZZ
@given(st.integers(0, len(CODE)), st.integers(1, 12))
def test_deleted_run(index, length):
    assert_same_or_refused(CODE[:index] + CODE[index + length :])


@FUZZ
@given(st.integers(0, len(CODE)), st.text(alphabet=ALPHABET, min_size=1, max_size=9))
def test_inserted_run(index, extra):
    assert_same_or_refused(CODE[:index] + extra + CODE[index:])


@FUZZ
@given(st.integers(0, len(RAW) * 8 - 1))
def test_flipped_bit_in_the_signed_bytes(bit):
    mutated = bytearray(RAW)
    mutated[bit // 8] ^= 1 << (bit % 8)
    assert_same_or_refused(PREFIX + base45.b45encode(bytes(mutated)).decode())


@FUZZ
@given(st.integers(0, len(RAW) - 1), st.binary(min_size=1, max_size=6))
def test_spliced_bytes(index, junk):
    mutated = RAW[:index] + junk + RAW[index + len(junk) :]
    assert_same_or_refused(PREFIX + base45.b45encode(mutated).decode())


@FUZZ
@given(st.text(max_size=600))
def test_arbitrary_text_is_refused_cleanly(text):
    assert outcome(text) is None


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.binary(max_size=40) | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=5)
            | st.dictionaries(st.integers(-3, 9), children, max_size=5)
        ),
        max_leaves=20,
    )
)
def test_arbitrary_cbor_is_refused_cleanly(item):
    assert outcome(PREFIX + base45.b45encode(cbor2.dumps(item)).decode()) is None
