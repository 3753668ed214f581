"""The balance model's rule, deterministically: the terminal's clock moves only when told.

An event is in a balance exactly when its ledger position is at or below the balance's
(docs/counter.md); a certificate without a position (balance model 1) is still judged by
the moment the terminal recorded the acceptance, until it expires.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.outbox import Result, Status
from terminal.counter.results import MemberView
from terminal.counter.service import CounterService
from tests.counter_setup import CASHIER, SUPERVISOR, Terminal, provision_offline
from tests.member_codes import T0


@pytest.fixture
def terminal(tmp_path) -> Terminal:
    return provision_offline(tmp_path / "terminal")


@pytest.fixture
def service(terminal: Terminal) -> Iterator[CounterService]:
    svc = terminal.open()
    yield svc
    svc.close()


def scan(service: CounterService, terminal: Terminal, **card: object) -> MemberView:
    phone = terminal.member("M7", **card)
    return service.scan(phone.code(at=terminal.clock.now), service.new_checkout())


def shown(view: MemberView) -> tuple[int, int, int, int, int]:
    return (
        view.balance,
        view.pending_points,
        view.pending_operations,
        view.available_points,
        view.spendable_offline,
    )


def spend_900_accepted_at(service: CounterService, terminal: Terminal, recorded_at: float) -> None:
    """A redemption of 900 on a card of 1210 (ledger entry 1), accepted as entry 2 and recorded
    by this terminal at ``recorded_at``."""
    view = scan(service, terminal, balance=1210, position=1)
    result = service.redeem(view, "R-BIG", CASHIER, override=SUPERVISOR)
    assert result.ok and result.points == -900 and result.event
    terminal.clock.now = recorded_at
    service.ctx.outbox.record_results({result.event: Result(Status.ACCEPTED, None, position=2)})


def test_a_card_stamped_before_the_terminal_recorded_the_acceptance_still_holds_it(
    terminal: Terminal, service: CounterService
) -> None:
    # The straddle: the card (310, holding entry 2) was stamped at T0 + 50; this terminal
    # recorded the acceptance at T0 + 100. By clocks the 900 were pending on the card
    # ("can spend -590"); by positions the card holds them.
    spend_900_accepted_at(service, terminal, T0 + 100)
    card = {"balance": 310, "issued_at": T0 + 50, "position": 2}
    assert shown(scan(service, terminal, **card)) == (310, 0, 0, 310, 310)


def test_a_card_stamped_after_the_acceptance_but_older_in_the_ledger_does_not_hold_it(
    terminal: Terminal, service: CounterService
) -> None:
    # The other straddle: the card was stamped after this terminal recorded the acceptance
    # (clock skew, a slow issuer), but it holds only entry 1. By clocks the 900 would vanish
    # into a balance that never had them; by positions they stay pending on it.
    spend_900_accepted_at(service, terminal, T0 + 100)
    card = {"balance": 1210, "issued_at": T0 + 200, "position": 1}
    assert shown(scan(service, terminal, **card)) == (1210, -900, 1, 310, 310)


def test_a_model_1_card_without_a_position_keeps_the_clock_rule_until_it_expires(
    terminal: Terminal, service: CounterService
) -> None:
    spend_900_accepted_at(service, terminal, T0 + 100)
    terminal.clock.now = T0 + 300
    # Stamped after the terminal recorded the acceptance: it holds the spend.
    assert shown(scan(service, terminal, balance=310, issued_at=T0 + 200)) == (310, 0, 0, 310, 310)
    # Stamped before: the spend is pending on it. The rule errs to "spent twice", and the
    # figures stop at zero instead of going negative.
    assert shown(scan(service, terminal, balance=310, issued_at=T0 + 50)) == (310, -900, 1, 0, 0)


def test_an_unanswered_spend_is_pending_and_a_rejected_one_nowhere(
    terminal: Terminal, service: CounterService
) -> None:
    view = scan(service, terminal, balance=1210, position=1)
    first = service.redeem(view, "R-BIG", CASHIER, override=SUPERVISOR)
    assert shown(service.refigure(view)) == (1210, -900, 1, 310, 310)
    assert first.event
    service.ctx.outbox.record_results({first.event: Result(Status.REJECTED, "code_reused")})
    assert shown(service.refigure(view)) == (1210, 0, 0, 1210, 1210)
