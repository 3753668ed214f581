"""Why a counter operation did not happen.

CounterError
├── CounterRefused    the operation is refused; ``reason`` is a stable code, ``text`` the
│                     sentence for the cashier as a template and its arguments (translated
│                     by the app), ``message`` that sentence in English with the arguments in
└── NotProvisioned    the terminal has no keys or trust bundle yet: call a technician
"""

from __future__ import annotations

from decimal import Decimal

from terminal.sentences import Text


class CounterError(Exception):
    """Base of the counter operations' errors."""


class CounterRefused(CounterError):
    """An operation that must not happen, with the reason in plain words.

    ``CounterRefused("refund_too_large", "At most %1 can still be refunded.", remaining)``:
    the template is listed for translation in ``terminal/ui/reason_texts.py`` (a test holds
    every template raised here to that list); a ready ``Text`` may stand for template and args.
    """

    def __init__(
        self, reason: str, template: str | Text, *args: str | int | Decimal | Text
    ) -> None:
        text = template if isinstance(template, Text) else Text(template, tuple(args))
        super().__init__(text.english())
        self.reason = reason
        self.text = text
        self.message = text.english()


class NotProvisioned(CounterError):
    """The terminal must be provisioned by a technician before it can serve members."""
