"""A reference till: the smallest POS that rings a sale up through the loyalty terminal.

Copy it. It uses only the standard library, so it reads like the HTTP a POS sends:

    python scripts/reference_till.py --terminal http://127.0.0.1:8765 --amount 100.00 \\
        [--sale-ref S-1001] [--code -] [--points 400]

The token comes from the environment (``LOYALTY_TILL_TOKEN``, printed once by
``loyalty-terminal till-pair --name NAME``), never from the command line. Steps:

1. ``POST /v1/sales``: open the sale (with the member's code when the till's own scanner read
   it; ``--code -`` reads it from stdin).
2. ``GET /v1/sales/{ref}?wait=30``: wait while the member scans at the terminal.
3. ``POST .../discount``: points as cash, held until confirm (``--points``).
4. ``POST .../confirm``: what was paid; prints the lines for the receipt.

Any refusal prints the terminal's ``{"error", "message"}`` and cancels the sale. A retry of a
request after a timeout is safe: the terminal answers the same request with the same answer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from decimal import Decimal
from typing import Any

TOKEN_ENV = "LOYALTY_TILL_TOKEN"  # noqa: S105 (the variable's name, not a token)


class Refused(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status} {body.get('error')}: {body.get('message')}")
        self.body = body


class Terminal:
    """The loyalty terminal's till API, as seen by one paired till."""

    def __init__(self, url: str, token: str, timeout: float = 40) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"the terminal's URL must be http(s), not {url!r}")
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        # The scheme was checked in __init__: only http(s) reaches urllib.
        request = urllib.request.Request(self.url + path, data=data, method=method)  # noqa: S310
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                return dict(json.load(answer))
        except urllib.error.HTTPError as exc:
            raise Refused(exc.code, json.load(exc)) from None


def ring_up(
    terminal: Terminal, sale_ref: str, amount: Decimal, code: str | None, points: int
) -> dict[str, Any]:
    """One whole sale; returns the confirmed sale with its receipt lines."""
    opened: dict[str, Any] = {"sale_ref": sale_ref, "amount": str(amount), "currency": "CNY"}
    if code:
        opened["code"] = code
    sale = terminal.call("POST", "/v1/sales", opened)
    ref = f"/v1/sales/{sale_ref}"
    try:
        while sale["state"] == "awaiting_member":
            print("waiting for the member to scan at the terminal...", file=sys.stderr)
            sale = terminal.call("GET", f"{ref}?wait=30")
        if sale["state"] != "identified":
            raise SystemExit(f"the sale was {sale['state']}")
        member = sale["member"]
        print(f"member {member['member']} ({member['tier']}): {member['available_points']} points")
        to_pay = amount
        if points:
            sale = terminal.call("POST", f"{ref}/discount", {"points": points})
            to_pay = Decimal(sale["to_pay"])
            print(f"points as cash: -{sale['discount']['amount']}; to pay {to_pay}")
        # ... the till takes the payment here ...
        return terminal.call("POST", f"{ref}/confirm", {"paid_amount": str(to_pay)})
    except (Refused, KeyboardInterrupt, SystemExit):
        terminal.call("POST", f"{ref}/cancel", {})  # releases anything held
        raise


def receipt_lines(sale: dict[str, Any]) -> list[str]:
    result = sale["result"]
    lines = [f"Points earned   +{result['earned']}"]
    if result["spent"]:
        lines.append(f"Points as cash  -{result['spent']} (-{result['discount_amount']})")
    lines.append(f"Point balance    {result['balance']}")
    lines += [f"Coupon used      {c}" for c in result["coupons_used"]]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminal", default="http://127.0.0.1:8765")
    parser.add_argument("--amount", required=True, type=Decimal)
    parser.add_argument("--sale-ref", default=None, help="default: a new random reference")
    parser.add_argument("--code", help="the member's code from the till's scanner; - reads stdin")
    parser.add_argument("--points", type=int, default=0, help="points to spend as cash")
    args = parser.parse_args()
    token = os.environ.get(TOKEN_ENV)
    if not token:
        parser.error(f"set {TOKEN_ENV} to the token till-pair printed")
    code = sys.stdin.readline().strip() if args.code == "-" else args.code
    sale_ref = args.sale_ref or f"S-{uuid.uuid4().hex[:12]}"
    try:
        sale = ring_up(Terminal(args.terminal, token), sale_ref, args.amount, code, args.points)
    except Refused as exc:
        print(json.dumps(exc.body, ensure_ascii=False))
        return 1
    print("\n".join(receipt_lines(sale)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
