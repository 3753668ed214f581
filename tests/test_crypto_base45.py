"""crypto.base45 decodes exactly as the base45 package: the same bytes, the same refusals."""

from __future__ import annotations

import base45
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crypto.base45 import CHARSET, b45decode


def _package(text: str | bytes) -> bytes | None:
    try:
        return base45.b45decode(text)
    except ValueError:
        return None


def _ours(text: str | bytes) -> bytes | None:
    try:
        return b45decode(text)
    except ValueError:
        return None


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=600))
def test_every_encoding_decodes_to_its_bytes(data):
    encoded = base45.b45encode(data)
    assert b45decode(encoded) == data
    assert b45decode(encoded.decode("ascii")) == data


# Mostly base45 characters, with a few others (lower case, newline, non-ASCII) mixed in.
_ALPHABET = st.sampled_from(CHARSET.decode() + "a\n\u00e4\u70b9=")


@settings(max_examples=1000, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
@example(":::")  # 91124: the largest three characters can say
@example("GGW")  # 65536: one above the largest group
@example("FGW\n")  # 0xFFFF, with the trailing newline the package ignores in text
@example("U")  # one character left over: never valid
@example("ZZ")  # a final pair above 0xFF
def test_any_text_gets_the_package_answer(text):
    assert _ours(text) == _package(text)
    assert _ours(text.encode("utf-8")) == _package(text.encode("utf-8"))


def test_a_group_above_sixteen_bits_is_refused():
    with pytest.raises(ValueError, match="Invalid base45"):
        b45decode("GGW")
    assert b45decode("FGW") == b"\xff\xff"
