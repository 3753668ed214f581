"""A terminal provisioned from a local issuer (no backend), and members for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from config.paths import DataPaths
from crypto import keys
from crypto.issuer import Issuer
from sync.state import TerminalState
from terminal.counter.results import Role, Staff
from terminal.counter.service import CounterService
from terminal.terminal_identity import TerminalIdentity, save_identity
from tests.member_codes import T0, Member, make_issuer

CASHIER = Staff("c1", "Lin", Role.CASHIER)
SUPERVISOR = Staff("s1", "Wang", Role.SUPERVISOR)
TECHNICIAN = Staff("t1", "Zhao", Role.TECHNICIAN)

CATALOG = {
    "rewards": [
        {"id": "R-MUG", "name": "Mug", "points": 300},
        {"id": "R-BAG", "name": "Tote bag", "points": 200, "cash": "5.00"},
        {"id": "R-BIG", "name": "Blender", "points": 900},
    ]
}


@dataclass
class Clock:
    now: float = T0

    def __call__(self) -> float:
        return self.now


@dataclass
class Terminal:
    data_dir: Path
    issuer: Issuer
    clock: Clock = field(default_factory=Clock)

    def open(self) -> CounterService:
        return CounterService.open(self.data_dir, clock=self.clock)

    def member(self, member_id: str = "M1001", **kwargs: object) -> Member:
        return Member(self.issuer, member=member_id, **kwargs)  # type: ignore[arg-type]


def provision_offline(
    data_dir: Path, issuer: Issuer | None = None, *, terminal_id: str = "T1", store_id: str = "S1"
) -> Terminal:
    """What provisioning leaves in a data dir, written straight from a local issuer."""
    issuer = issuer or make_issuer()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "trust-bundle").write_bytes(issuer.signed_bundle())
    (data_dir / "root.pub").write_text(issuer.bundle.root_public.hex())
    save_identity(DataPaths(data_dir), TerminalIdentity(terminal_id, store_id, "", keys.generate()))
    with TerminalState(data_dir / "state.sqlite") as state:
        state.save_document("catalog", 1, CATALOG)
    return Terminal(data_dir, issuer)
