"""A till's sale, open to confirm through the till API, beside the counter operations alone.

Both in the same run, alternating, on one offline terminal data dir in a temporary
directory: the API's cost is HTTP + JSON + the sale store on top of scan + award.
Run: .venv/bin/python -m bench.bench_till [--sales 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.counter_setup import CASHIER, provision_offline
from tests.till_setup import Till


def summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"{name:<34} median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        term = provision_offline(Path(tmp) / "terminal")
        till = Till(term)
        direct = term.open()
        try:
            api: list[float] = []
            alone: list[float] = []
            for n in range(args.sales):
                member = term.member(f"M{n}")
                code = member.code()
                started = time.perf_counter()
                body = {"sale_ref": f"S-{n}", "amount": "50.00", "currency": "CNY", "code": code}
                assert till.post("/v1/sales", body).status_code == 200
                done = till.post(f"/v1/sales/S-{n}/confirm", {"paid_amount": "50.00"})
                assert done.status_code == 200, done.text
                api.append(time.perf_counter() - started)

                code = member.code()
                started = time.perf_counter()
                view = direct.scan(code, direct.new_checkout())
                direct.award(view, "50.00", CASHIER)
                alone.append(time.perf_counter() - started)
        finally:
            direct.close()
            till.stop()
    print(summary("till API: open (with code) + confirm", api))
    print(summary("counter alone: scan + award", alone))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
