"""crypto.cbor reads ahead in blocks, yet still finds every byte left after the item."""

from __future__ import annotations

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crypto.cbor import READ_SIZE, CborError, loads_strict

_ITEMS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.binary(max_size=40)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.integers(-50, 50), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_ITEMS, st.binary(min_size=1, max_size=20))
def test_any_trailing_bytes_are_refused(item, trailing):
    data = cbor2.dumps(item)
    assert loads_strict(data, max_size=10_000) == item
    with pytest.raises(CborError, match="trailing"):
        loads_strict(data + trailing, max_size=10_000)


def test_trailing_bytes_past_the_first_block_are_refused():
    # An item longer than one read-ahead block, then one stray byte.
    data = cbor2.dumps(b"x" * (READ_SIZE * 2 + 7))
    assert loads_strict(data, max_size=len(data)) == b"x" * (READ_SIZE * 2 + 7)
    with pytest.raises(CborError, match="trailing"):
        loads_strict(data + b"\x00", max_size=len(data) + 1)
