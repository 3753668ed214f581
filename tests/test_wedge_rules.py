"""The keyboard-wedge rules without Qt: scanner speed, code shape, prefix and suffix."""

from __future__ import annotations

import pytest

from config.errors import ConfigError
from config.settings import settings_from_mapping
from terminal.ui.keyburst import Burst, WedgeRules, keeps_up, verdict

RULES = WedgeRules()


def burst(text: str, gap_ms: float, rules: WedgeRules = RULES) -> tuple[Burst, float]:
    """``text`` typed one key every ``gap_ms``: the burst and when Enter came."""
    b, now = Burst(), 0.0
    for ch in text:
        now += gap_ms
        b.add(ch, now)
    return b, now + gap_ms


def scanned(text: str, gap_ms: float, rules: WedgeRules = RULES) -> str | None:
    b, end = burst(text, gap_ms, rules)
    found = verdict(b, end, rules)
    return found.text if found is not None and found.typed == 0 else None


def test_scanner_speed_and_a_code_shape_make_a_scan():
    code = "LP1:" + "ABC123$%*" * 40  # a member code is hundreds of characters long
    assert scanned(code, 4) == code
    assert scanned("4006381333931", 4) == "4006381333931"  # EAN-13, right check digit
    assert scanned("ORDER-77-A", 4) == "ORDER-77-A"  # long enough and not an amount


def test_a_typists_burst_is_never_a_scan():
    assert scanned("4006381333931", 90) is None  # the right shape, a hand's speed
    assert scanned("12345678", 4) is None  # digits without a check digit: an amount
    assert scanned("4006381333932", 4) is None  # a wrong check digit
    assert scanned("250", 4) is None  # short
    assert scanned("hello", 4) is None  # short and no shape
    assert scanned("LP1:ABCDEFGH", 60) is None  # over the gap


def test_the_whole_scan_is_capped_except_for_a_member_codes_length():
    rules = WedgeRules(max_scan_ms=1500)
    assert scanned("X" * 60, 30, rules) is None  # 1.8 s of fast keys
    b, _ = burst("X" * 40, 30, rules)
    assert keeps_up(b, 1230, rules) and not keeps_up(b, 1530, rules)
    assert not keeps_up(b, 1200 + 51, rules)  # the gap
    code = "LP1:" + "Z" * 200
    assert scanned(code, 30, rules) == code  # 6 s, every gap a scanner's


def test_keys_stamped_alike_are_a_scan_only_by_a_codes_own_marks():
    # Typing queued behind a busy GUI thread, stamped when it was read: as fast as anything.
    assert scanned("Wang Xiaoming", 0) is None  # long and not digits: a name, not a scan
    assert scanned("12345670", 0) is None  # an EAN-8 check digit: an order number too
    assert scanned("4006381333931", 0) is None
    code = "LP1:" + "ABC123" * 40
    assert scanned(code, 0) == code  # a member code says what it is
    marked = WedgeRules(prefix="#", suffix="!")
    assert scanned("#4006381333931!", 0, marked) == "4006381333931"
    # Stamped on a coarse tick (Windows: 10-16 ms) but arriving a scanner's 4 ms apart:
    # timed, and a barcode is a scan.
    coarse = Burst()
    for i, ch in enumerate("4006381333931"):
        coarse.add(ch, 16.0 * (i // 4), arrived_ms=4.0 * i)
    assert coarse.timed
    found = verdict(coarse, 48.0, RULES)
    assert found is not None and found.text == "4006381333931"
    # A key or two stamped with the one before (a short hiccup) leaves a scanner's burst timed.
    b, end = burst("400638133393", 4)
    b.add("1", b.last_ms)
    found = verdict(b, end, RULES)
    assert b.timed and found is not None and found.text == "4006381333931"


def test_keys_a_person_typed_just_before_a_member_code_are_theirs():
    b, end = burst("12LP1:ABCDEFGHIJ", 4)
    found = verdict(b, end, RULES)
    assert found is not None and (found.typed, found.text) == (2, "LP1:ABCDEFGHIJ")


def test_a_configured_prefix_and_suffix_mark_a_scan_and_are_removed():
    rules = WedgeRules(prefix="~", suffix="#")
    assert scanned("~1234#", 4, rules) == "1234"  # short digits, but the scanner marked them
    assert scanned("1234#", 4, rules) == "1234"
    assert scanned("1234", 4, rules) is None


def test_the_wedge_settings_are_checked():
    s = settings_from_mapping(
        {"scanner": {"wedge_max_gap_ms": 120, "wedge_prefix": "~", "wedge_min_length": 6}}
    )
    rules = WedgeRules.from_settings(s.scanner)
    assert (rules.max_gap_ms, rules.prefix, rules.min_length, rules.max_scan_ms) == (
        120.0,
        "~",
        6,
        1500.0,
    )
    with pytest.raises(ConfigError, match="wedge_max_gap_ms must be greater than 0"):
        settings_from_mapping({"scanner": {"wedge_max_gap_ms": 0}})
    with pytest.raises(ConfigError, match="wedge_max_scan_ms must be a finite number"):
        settings_from_mapping({"scanner": {"wedge_max_scan_ms": float("inf")}})
