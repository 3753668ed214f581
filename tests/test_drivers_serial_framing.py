import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.serial_framing import LineFramer, Rejected


def feed_all(framer: LineFramer, *chunks: bytes) -> list[object]:
    out: list[object] = []
    for chunk in chunks:
        out.extend(framer.feed(chunk))
    return out


def kinds(pieces: list[object]) -> list[str]:
    return [p.kind if isinstance(p, Rejected) else p for p in pieces]  # type: ignore[misc]


@pytest.mark.parametrize("suffix", [b"\r", b"\n", b"\r\n"])
def test_auto_mode_ends_a_code_at_cr_lf_or_crlf(suffix):
    assert feed_all(LineFramer(), b"LP1:A" + suffix + b"LP1:B" + suffix) == ["LP1:A", "LP1:B"]


def test_a_code_split_over_many_writes_is_joined():
    assert feed_all(LineFramer(), b"LP", b"1:", b"AB", b"C\r", b"\n") == ["LP1:ABC"]


def test_crlf_mode_keeps_a_lone_cr_inside_and_rejects_it_as_not_text():
    framer = LineFramer(suffix="crlf")
    assert kinds(feed_all(framer, b"A\rB\r\nLP1:C\r", b"\n")) == ["not_text", "LP1:C"]


def test_cr_mode_ignores_lf_as_terminator():
    assert feed_all(LineFramer(suffix="cr"), b"LP1:A\rLP1:B") == ["LP1:A"]


def test_none_mode_ends_a_code_only_on_flush():
    framer = LineFramer(suffix="none")
    assert framer.feed(b"LP1:A\r") == []
    assert kinds(framer.flush()) == ["not_text"]  # a CR is not text when no suffix is set
    framer.feed(b"LP1:")
    framer.feed(b"B")
    assert framer.flush() == ["LP1:B"]
    assert framer.flush() == []


def test_aim_identifier_is_checked_and_stripped():
    framer = LineFramer(aim=True)
    assert kinds(feed_all(framer, b"]Q1LP1:A\r", b"LP1:B\r", b"]Q3LP1:C\r")) == [
        "LP1:A",
        "bad_aim",
        "LP1:C",
    ]


def test_without_aim_the_identifier_is_part_of_the_text():
    assert feed_all(LineFramer(), b"]Q1LP1:A\r") == ["]Q1LP1:A"]


def test_non_text_bytes_give_an_error_and_the_next_code_is_read():
    pieces = feed_all(LineFramer(), b"\xc3\x28\xff\r", b"LP1:A\r")
    assert kinds(pieces) == ["not_text", "LP1:A"]
    assert "c3 28 ff" in pieces[0].message  # type: ignore[union-attr]


def test_garbage_between_codes_does_not_lose_codes():
    stream = b"LP1:A\r\n\x00\x00\r\n\x1b[2J\x07\r\n\r\n\nLP1:B\r\n"
    assert kinds(feed_all(LineFramer(), stream)) == ["LP1:A", "not_text", "LP1:B"]


def test_an_overlong_code_is_dropped_once_and_the_next_is_read():
    framer = LineFramer(max_length=16)
    pieces = feed_all(framer, b"X" * 10, b"X" * 10, b"X" * 30, b"\rLP1:OK\r")
    assert kinds(pieces) == ["too_long", "LP1:OK"]


def test_an_overlong_complete_line_is_dropped():
    assert kinds(LineFramer(max_length=4).feed(b"LP1:TOO-LONG\rLP1:\r")) == ["too_long", "LP1:"]


def test_reset_forgets_a_partial_code():
    framer = LineFramer()
    framer.feed(b"LP1:HAL")
    framer.reset()
    assert framer.feed(b"LP1:NEW\r") == ["LP1:NEW"]


def test_unknown_suffix_is_refused():
    with pytest.raises(ValueError, match="suffix"):
        LineFramer(suffix="tab")


printable = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffd")
codes = st.lists(st.text(alphabet=printable, min_size=1), max_size=5)


@settings(deadline=None)  # the shared CI machine may pause any example
@given(codes, st.sampled_from([b"\r", b"\n", b"\r\n"]), st.data())
def test_any_split_of_the_stream_gives_the_same_codes(items, suffix, data):
    stream = b"".join(c.encode() + suffix for c in items)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    chunks = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
    assert feed_all(LineFramer(), *chunks) == items
