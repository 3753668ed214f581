from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.text import is_clean_text, text_from_bytes


def test_member_code_is_clean_text():
    assert is_clean_text("LP1:ABC DEF$%*+-./:")


def test_replacement_character_is_rejected():
    assert not is_clean_text("LP1:AB\ufffdC")


def test_empty_text_is_rejected():
    assert not is_clean_text("")
    assert text_from_bytes(b"") is None


def test_lone_surrogate_is_rejected():
    assert not is_clean_text("LP1:\udc80")


def test_control_characters_pass_for_codes_but_not_for_serial_lines():
    assert is_clean_text("\x01\x10AD:SUB;;")
    assert not is_clean_text("\x01\x10AD:SUB;;", allow_controls=False)
    assert is_clean_text("a\tb", allow_controls=False)


def test_invalid_utf8_gives_none():
    assert text_from_bytes(b"\x83R\x81[\x83h") is None  # Shift_JIS, not UTF-8


def test_valid_utf8_gives_the_text():
    assert text_from_bytes("測試 ﾃﾞｻﾞｲﾝ".encode()) == "測試 ﾃﾞｻﾞｲﾝ"


@settings(deadline=None)  # the shared CI machine may pause any example
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_printable_utf8_round_trips(text: str):
    if "\ufffd" in text:
        return
    assert text_from_bytes(text.encode("utf-8")) == text


@settings(deadline=None)  # the shared CI machine may pause any example
@given(st.binary(min_size=1))
def test_bytes_give_none_or_their_exact_utf8_text(data: bytes):
    text = text_from_bytes(data)
    if text is not None:
        assert text.encode("utf-8") == data
        assert "\ufffd" not in text
