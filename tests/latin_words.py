"""Latin words on a Chinese screen or page, outside what is shown as such (ids, codes, amounts).

Used by the console's and the app's zh_CN tests: a word of two or more Latin letters is a
finding unless it is on the allow-list below or shaped like an id or a code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Shown as such in Chinese too: units, formats, the language switch's own name.
ALLOWED = frozenset(
    {
        "CNY",
        "CSV",
        "UTF",
        "UTC",
        "JSON",
        "YYYY",
        "MM",
        "DD",
        "QR",
        "ID",
        "PIN",
        "USB",
        "ms",
        "English",
        "ESC",
        "POS",
    }
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# Ids and codes: letters with digits (M1001, S1, T-1A2B, SKU 4006381333931), hex, or a
# version string.
ID_LIKE = re.compile(r"^(?=.*\d)[A-Za-z0-9_.:/-]+$|^[0-9a-f]{6,}$|^[a-z]+://\S+$")


def latin_words(text: str, data: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words in ``text`` that should have been Chinese (``data``: names the data
    holds, such as a staff member's or a reward's, shown as they were given)."""
    found = []
    for token in text.split():
        if ID_LIKE.match(token.strip("()（）,，.。:：;；·…")) or token in data:
            continue
        for word in WORD.findall(token):
            if word not in ALLOWED and word not in data:
                found.append(word)
    return found


class _Visible(HTMLParser):
    """The text a person reads on a page: not scripts, styles, <code> or .mono (ids)."""

    SKIP = frozenset({"script", "style", "code", "textarea", "title"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"input", "br", "meta", "link", "img", "hr"}:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = tag in self.SKIP or "mono" in classes
        self.stack.append(skip or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"input", "br", "meta", "link", "img", "hr"} and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def visible_text(html: str) -> str:
    """What a page shows as text (see ``_Visible``)."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.text)
