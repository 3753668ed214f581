"""Naming what a scanner read when it is not a member code (the wizard's test scan)."""

from __future__ import annotations

import pytest

from terminal.barcodes import SHOWN_CHARS, Scanned, classify


@pytest.mark.parametrize(
    ("text", "kind", "shown"),
    [
        ("4006381333931", "ean13", "4006381333931"),
        ("9780306406157", "isbn", "9780306406157"),
        ("96385074", "ean8", "96385074"),
        ("036000291452", "upca", "036000291452"),
        ("https://example.com/menu", "url", "https://example.com/menu"),
        ("LP1:6BFOXN", "loyalty", ""),
        ("LP2:ANYTHING", "loyalty", ""),
        ("  \r\n", "empty", ""),
        ("hello\nworld", "text", "hello world"),
    ],
)
def test_what_a_scan_is(text, kind, shown):
    assert classify(text) == Scanned(kind, shown)


def test_a_wrong_check_digit_is_not_a_product_barcode():
    assert classify("4006381333932").kind == "text"
    assert classify("96385075").kind == "text"


def test_a_long_text_is_cut_to_one_short_line():
    shown = classify("x" * 500).shown
    assert len(shown) == SHOWN_CHARS and shown.endswith("…")
