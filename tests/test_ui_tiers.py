"""Tier cards as drawn: text readable at WCAG AA (4.5:1) on the pill and the card, and the
progress track in the colour meant (it was lemon yellow: #ffffff80 read as #AARRGGBB)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from terminal.counter.results import MemberView
from terminal.ui.app import qt_app
from terminal.ui.views.member import TierCard
from terminal.ui.views.style import DEFAULT_TIER, TIERS, tier_colours

AA = 4.5


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.x)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = channel(colour.red()), channel(colour.green()), channel(colour.blue())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast(QColor("#ffffff"), QColor("#000000")) == pytest.approx(21.0)
    assert contrast(QColor("#ffffff"), QColor("#767676")) == pytest.approx(4.54, abs=0.01)
    # The old pills the issue measured: white on gold 2.7:1, on silver 3.0:1.
    assert contrast(QColor("#ffffff"), QColor("#c99400")) == pytest.approx(2.7, abs=0.05)
    assert contrast(QColor("#ffffff"), QColor("#8a96a3")) == pytest.approx(3.0, abs=0.05)


def view(tier: str) -> MemberView:
    return MemberView(
        member="M1001",
        tier=tier,
        privileges=("member prices", "free delivery"),
        balance=1280,
        balance_as_of=1_800_000_000,
        pending_points=0,
        pending_operations=0,
        next_tier="platinum",
        next_tier_min_spend=Decimal("5000"),
        code_id="c1",
        purpose="checkout",
        spend_to_next_tier=Decimal("3000"),  # 40 % of the way
    )


def drawn_card(qtbot, tier: str) -> TierCard:
    qt_app()  # the app's style sheet, as in the real window
    card = TierCard()
    qtbot.addWidget(card)
    card.show_member(view(tier))
    card.resize(560, 560)
    card.show()
    QApplication.processEvents()
    return card


def pixel(widget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


@pytest.mark.parametrize("tier", [*TIERS, "bronze"])
def test_tier_text_meets_aa_contrast_as_drawn(qtbot, tier):
    card = drawn_card(qtbot, tier)
    pill = card.tier
    pill_background = pixel(pill, 6, pill.height() // 2)
    pill_text = pill.palette().color(QPalette.ColorRole.WindowText)
    assert pill_background == QColor(tier_colours(tier).pill)
    assert contrast(pill_text, pill_background) >= AA, (tier, pill_text.name())
    card_background = pixel(card, card.width() // 2, card.height() - 12)
    assert card_background == QColor(tier_colours(tier).background)
    for label in (card.balance, card.balance_caption, card.member, card.as_of, card.progress_text):
        text = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(text, card_background) >= AA, (tier, label.text(), text.name())


@pytest.mark.parametrize("tier", [*TIERS, "bronze"])
def test_the_progress_track_is_drawn_in_its_tier_colour(qtbot, tier):
    card = drawn_card(qtbot, tier)
    bar = card.progress
    assert bar.isVisible() and bar.value() == 40
    middle = bar.height() // 2
    filled = pixel(bar, int(bar.width() * 0.2), middle)
    unfilled = pixel(bar, int(bar.width() * 0.8), middle)
    colours = tier_colours(tier)
    assert filled == QColor(colours.accent)
    assert unfilled == QColor(colours.track)
    assert unfilled != QColor("#ffff80")  # the lemon yellow of the old style sheet
    # The track must show on the card: the unfilled part is not the card's own colour.
    assert unfilled != QColor(colours.background)


def test_unknown_tiers_get_the_neutral_card():
    assert tier_colours("bronze") is DEFAULT_TIER
    assert tier_colours("GOLD") is TIERS["gold"]


def test_the_card_says_where_its_balance_comes_from(qtbot):
    """docs/counter.md: the backend's balance for this scan, else the signed card's."""
    from dataclasses import replace

    qt_app()
    card = TierCard()
    qtbot.addWidget(card)
    card.show_member(view("gold"))
    assert card.as_of.text().startswith("Card balance 1,280 as of ")
    card.show_member(replace(view("gold"), balance=1412, balance_source="backend"))
    assert card.as_of.text().startswith("Server balance 1,412 as of ")
