"""Canonical JSON carries integers only: a float is refused wherever it hides, and a batch
signed over a float is refused before anything in it is trusted."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crypto import keys
from protocol.batch import BatchInvalid, open_batch
from protocol.canonical import NotCanonical, canonical_json, parse_json, parse_json_checked


def test_canonical_json_is_sorted_compact_utf8_with_integers():
    value = {"b": [1, True, None], "a": {"z": "点", "y": -(2**53)}}
    assert (
        canonical_json(value) == '{"a":{"y":-9007199254740992,"z":"点"},"b":[1,true,null]}'.encode()
    )


@pytest.mark.parametrize(
    "value",
    [1.5, 1.0, {"points": 10.0}, [1, [2, {"deep": [0.1]}]], {"a": (1, 2.5)}, float("nan")],
)
def test_a_float_anywhere_is_refused(value):
    with pytest.raises(NotCanonical, match="integers only"):
        canonical_json(value)


def test_a_batch_signed_over_a_float_is_refused_as_malformed():
    # The attacker holds a real terminal key and signs their own batch: the float makes the
    # signed bytes ambiguous (1.0 or 1), so the backend refuses it before checking anything.
    key = keys.generate()
    batch = {"terminal": "T1", "batch_id": "b-1", "events": [{"points": 1.0}]}
    signed = json.dumps(batch, sort_keys=True, separators=(",", ":")).encode()
    body = json.dumps({"batch": batch, "sig": base64.b64encode(key.sign(signed)).decode()})
    with pytest.raises(BatchInvalid) as refused:
        open_batch(body.encode(), "T1", keys.public_raw(key.public_key()))
    assert refused.value.reason == "malformed" and "integers only" in str(refused.value)


# What canonical JSON carries: text (any code point but lone surrogates), integers of any size,
# booleans, null, lists and objects with text keys.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_TEXT, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_the_reused_encoder_is_byte_identical_to_json_dumps(value):
    # The reference is the encoding as first specified (docs/protocol.md): json.dumps with
    # these options; the shared encoder must never drift from it.
    reference = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
    assert canonical_json(value) == reference


@settings(max_examples=200, deadline=None)
@given(_JSON, st.floats(allow_nan=True, allow_infinity=True))
def test_a_float_hidden_in_any_value_is_refused(value, number):
    with pytest.raises(NotCanonical):
        canonical_json({"wrapper": [value, {"x": number}]})


@settings(max_examples=400, deadline=None)
@given(_JSON | st.floats())
def test_parse_json_gives_what_json_loads_gives(value):
    # Integers past 64 bits (orjson would read them as floats) and floats included.
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    parsed = parse_json(data)
    assert parsed == json.loads(data) or (parsed != parsed and value != value)  # NaN
    assert type(parsed) is type(json.loads(data))


@pytest.mark.parametrize(
    "data",
    [b"18446744073709551616", b"[-9223372036854775809]", b'"\\ud800"', b"NaN", b"\xef\xbb\xbf{}"],
)
def test_parse_json_falls_back_where_orjson_differs(data):
    assert repr(parse_json(data)) == repr(json.loads(data))


@settings(max_examples=300, deadline=None)
@given(_JSON | st.floats(), st.booleans())
def test_only_a_float_free_parse_skips_the_walk_and_both_encode_alike(value, nest):
    # What parse_json_checked calls float-free, canonical_json encodes without its walk to
    # the very bytes the walk gives; a value with a float is never called float-free (one
    # orjson could not read, an integer past 64 bits, is not called so either: no harm).
    data = json.dumps({"outer": [value]} if nest else value, ensure_ascii=False).encode()
    parsed, float_free = parse_json_checked(data)
    assert repr(parsed) == repr(parse_json(data))
    try:
        walked = canonical_json(parsed)
    except NotCanonical:
        assert not float_free
        return
    if float_free:
        assert canonical_json(parsed, float_free=True) == walked
