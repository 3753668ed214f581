"""The tour's till sale: a till opens a sale, the terminal's scan identifies the member, the
till holds points as cash and a reward, then confirms; the glass is shot open and closed.

The till's requests go to the app's own till desk on its core lane (as the till API's do).
"""

from __future__ import annotations

from collections.abc import Callable

from terminal.ui.controllers.shell import Shell

TILL = "till-1"
SALE = "S-1043"


def till_sale(
    shell: Shell, code: str, shot: Callable[[Shell, str], None], wait: Callable[..., None]
) -> None:
    """Ring up a till sale for the member of ``code`` and shoot it held and confirmed."""
    wait(lambda: shell.till.runner is not None)
    runner = shell.till.runner
    assert runner is not None
    desk = runner.desk
    shell.counter.next_customer()
    shell.window.banner.dismiss()  # the supervisor's last message: read
    shell._go_scan()  # the scan screen, where the cashier scans for the till
    desk.call(lambda: desk.open_sale(TILL, SALE, "300.00", "CNY", None))
    wait(lambda: SALE in shell.window.scan.till_notice.text.text())
    shell.counter.scan(code)
    screen = shell.window.till_sale
    wait(lambda: shell.window.stack.currentWidget() is screen)
    desk.call(lambda: desk.discount(TILL, SALE, 300))
    desk.call(lambda: desk.redeem(TILL, SALE, "coffee"))
    wait(lambda: screen.sale is not None and "reward" in screen.sale)
    shot(shell, "till-sale")
    desk.call(lambda: desk.confirm(TILL, SALE, "297.00", "R-88"))
    wait(lambda: screen.sale is not None and screen.sale.get("state") == "confirmed")
    shot(shell, "till-result")
    screen.done_button.click()
