"""Colours, sizes and the style sheet: large touch targets, readable from a step away."""

from __future__ import annotations

from dataclasses import dataclass

TOUCH = 64  # minimum height of anything a finger presses, in px
CHIP_PX = 16  # the status chips' font size
FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", "sans-serif"]

OK = "#1b7f3b"
REFUSED = "#b3261e"
INFO = "#1f4e79"
MUTED = "#5f6b76"


@dataclass(frozen=True)
class TierStyle:
    """A tier card's colours. Text on ``background`` and ``pill_text`` on ``pill`` keep
    WCAG AA contrast (4.5:1, tests/test_ui_tiers.py); ``track`` is the progress bar's
    unfilled part, ``accent`` its filled part and the card's border."""

    background: str
    text: str
    pill: str
    pill_text: str
    accent: str
    track: str


TIERS: dict[str, TierStyle] = {
    "green": TierStyle("#e6f4ea", "#10361a", "#2e7d32", "#ffffff", "#2e7d32", "#c2e0ca"),
    # Silver and gold pills are light metal with dark text: white on them was 3.0:1 and 2.7:1.
    "silver": TierStyle("#eef0f3", "#252b33", "#c3cad3", "#1d252c", "#6b7785", "#d6dbe1"),
    "gold": TierStyle("#fff4d6", "#3d2e00", "#f2b705", "#2b2000", "#b58500", "#f1e0ad"),
    "platinum": TierStyle("#e8e6f4", "#1f1838", "#5b4b9a", "#ffffff", "#5b4b9a", "#d2cdea"),
}
DEFAULT_TIER = TierStyle("#eef3f8", "#14212e", INFO, "#ffffff", INFO, "#cfdbe7")

SHEET = f"""
QWidget {{ font-size: 18px; color: #1d252c; }}
QMainWindow, QWizard {{ background: #f6f7f9; }}
QPushButton {{
    min-height: {TOUCH}px; padding: 0 18px; border-radius: 10px;
    background: #e4e8ee; border: 1px solid #c5ccd4; font-size: 20px;
}}
QPushButton:pressed {{ background: #cfd6de; }}
QPushButton:disabled {{ color: #9aa3ab; background: #eef0f2; }}
QPushButton[role="primary"] {{ background: {INFO}; color: white; border: none; }}
QPushButton[role="go"] {{ background: {OK}; color: white; border: none; font-weight: bold; }}
QPushButton[role="danger"] {{ background: {REFUSED}; color: white; border: none; }}
QPushButton[role="go"]:disabled, QPushButton[role="primary"]:disabled,
QPushButton[role="danger"]:disabled {{ background: #c9d0d7; color: #eef0f2; }}
QComboBox::drop-down, QDateEdit::drop-down {{ width: 48px; border: none; }}
QPushButton[role="key"] {{ font-size: 28px; min-width: 84px; }}
QPushButton[role="nav"] {{ font-size: 17px; padding: 0 10px; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit {{
    min-height: 52px; font-size: 22px; padding: 0 10px;
    border: 1px solid #b8c1ca; border-radius: 8px; background: white;
}}
QLabel[role="title"] {{ font-size: 28px; font-weight: bold; }}
QLabel[role="hint"] {{ color: {MUTED}; font-size: 17px; }}
QLabel[role="big"] {{ font-size: 44px; font-weight: bold; }}
QLabel[role="chip"] {{
    padding: 4px 12px; border-radius: 14px; background: #e4e8ee; font-size: {CHIP_PX}px;
}}
QLabel[role="chip"][state="good"] {{ background: #d7efdd; color: {OK}; }}
QLabel[role="chip"][state="bad"] {{ background: #f6d9d7; color: {REFUSED}; }}
QLabel[role="chip"][state="warn"] {{ background: #fbeccc; color: #7a5200; }}
QFrame#topbar {{ background: #1d2b38; }}
QFrame#topbar QLabel {{ color: white; }}
QFrame#topbar QLabel[role="chip"] {{ color: #1d252c; }}
QFrame#strip {{ background: #f6f7f9; }}
QLabel#banner {{ padding: 4px 18px; font-size: 22px; font-weight: bold; color: white; }}
QLabel#banner[fit="1"] {{ font-size: 19px; }}
QLabel#banner[fit="2"] {{ font-size: 16px; }}
QLabel#banner[state="ok"] {{ background: {OK}; }}
QLabel#banner[state="refused"] {{ background: {REFUSED}; }}
QLabel#banner[state="info"] {{ background: {INFO}; }}
QTableWidget {{ font-size: 17px; background: white; }}
QHeaderView::section {{ font-size: 16px; padding: 6px; }}
QProgressBar {{
    min-height: 22px; border-radius: 11px; border: none; background: {DEFAULT_TIER.track};
    text-align: center;
}}
QPlainTextEdit {{ font-family: monospace; font-size: 14px; background: white; }}
"""


def tier_colours(tier: str) -> TierStyle:
    """A tier card's colours; unknown tiers get a neutral card."""
    return TIERS.get(tier.lower(), DEFAULT_TIER)


def restyle(widget: object) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()  # type: ignore[attr-defined]
    style.unpolish(widget)
    style.polish(widget)
