"""Canonical JSON carries integers only: a float is refused wherever it hides, and a batch
signed over a float is refused before anything in it is trusted."""

from __future__ import annotations

import base64
import json

import pytest

from crypto import keys
from protocol.batch import BatchInvalid, open_batch
from protocol.canonical import NotCanonical, canonical_json


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
