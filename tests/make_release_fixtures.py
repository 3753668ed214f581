"""Write the terminal's SQLite files as a release makes them, for the migration tests.

Run it with the code of the release the fixtures stand for, never with newer code:

    git worktree add /tmp/rel 0064208 && cd /tmp/rel
    python /path/to/tests/make_release_fixtures.py /path/to/tests/data/release-0.1.0

(0064208 is the last commit before the files carried ``PRAGMA user_version``.) Each file holds
a little of everything: events in every state, a claimed code, a rejected event on the
reconciliation list, documents, staff with a lockout count, a till's sale and pairing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path


def make(out: Path) -> None:
    """Fill a data dir through the release's own code and copy its SQLite files to ``out``."""
    from crypto.code import Purpose
    from sync.outbox import Outbox, Result, Status
    from terminal.counter.results import Role
    from terminal.counter.staff import StaffStore
    from terminal.replay import SeenCodes
    from terminal.till.store import Sale, SaleStore
    from terminal.till.tokens import TillTokens
    from tests.counter_setup import CASHIER, SUPERVISOR, provision_offline

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "terminal"
        terminal = provision_offline(data)
        service = terminal.open()
        member = terminal.member(tier="gold", balance=1280)
        view = service.scan(member.code(), service.new_checkout())
        service.award(view, "100", CASHIER)
        view = service.scan(member.code(at=terminal.clock.now + 30), service.new_checkout())
        service.award(view, "20", CASHIER)
        service.checkin(service.scan(member.code(purpose=Purpose.CHECKIN), "checkin-1"), CASHIER)
        service.close()
        with Outbox(data / "outbox.sqlite", "T1") as outbox:
            sent = outbox.claim_batch(2, 1 << 20)
            outbox.record_results(
                {
                    sent[0].id: Result(Status.ACCEPTED),
                    sent[1].id: Result(Status.REJECTED, "code_reused"),
                }
            )
        staff = StaffStore(data / "staff.sqlite")
        staff.add(None, "s1", "Wang", Role.SUPERVISOR, "222222")
        staff.add(SUPERVISOR, "c1", "Lin", Role.CASHIER, "111111")
        for _ in range(2):
            try:
                staff.sign_in("c1", "000000")
            except Exception:  # noqa: S112 (wrong PINs on purpose, to leave a lockout count)
                continue
        staff.close()
        sales = SaleStore(data / "till.sqlite")
        sales.open(Sale("till-1", "sale-1", "awaiting_member", "25.00", "CNY",
                        terminal.clock.now, terminal.clock.now + 120, None, None))  # fmt: skip
        sales.close()
        tokens = TillTokens(data / "till.sqlite")
        tokens.pair("till-1")
        tokens.close()
        with SeenCodes(data / "seen-codes.sqlite") as seen:
            seen.claim("0" * 32, "M1001", "verify-cli", terminal.clock.now)
        out.mkdir(parents=True, exist_ok=True)
        for name in ("outbox", "state", "staff", "till", "seen-codes"):
            shutil.copyfile(data / f"{name}.sqlite", out / f"{name}.sqlite")


if __name__ == "__main__":
    sys.path.insert(0, str(Path.cwd()))
    make(Path(sys.argv[1]).resolve())
