"""A sentence as a template and its arguments, so the app can translate it with the numbers.

The core (no Qt) raises and returns ``Text``; its ``english`` is what the CLI, the till API
and JSON print. The app looks the template up in its translation (``terminal.ui.texts``)
and fills in the same arguments, so a Chinese refusal keeps its amount. Placeholders are
Qt's: ``%1`` .. ``%9``. An argument may itself be a ``Text`` (a phrase translated on its own,
e.g. "never synced").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Text:
    """``template`` with ``%1``.. filled from ``args`` (numbers, ids or nested ``Text``)."""

    template: str
    args: tuple[str | int | Decimal | Text, ...] = ()

    def english(self) -> str:
        """The sentence in English with its arguments in place."""
        return self.render(lambda text: text)

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence with ``translate`` applied to the template and every nested phrase."""
        filled = [a.render(translate) if isinstance(a, Text) else str(a) for a in self.args]
        return fill(translate(self.template), filled)

    def __str__(self) -> str:
        return self.english()


def fill(template: str, args: Sequence[str]) -> str:
    """``%1``.. replaced by ``args`` in one pass (an argument's own ``%2`` stays as it is)."""

    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return args[index] if index < len(args) else match.group(0)

    return PLACEHOLDER.sub(one, template)
