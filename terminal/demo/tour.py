"""Screenshots of every main screen, in English and Chinese, at counter screen sizes.

``python -m terminal.demo.tour OUTDIR [--size WxH ...] [--lang en|zh_CN ...]`` provisions a
terminal from a local issuer in a temporary folder, drives the real app (real core, real
verification) to each screen and saves ``OUTDIR/<screen>-<lang>-<W>x<H>.png``; the default is
both languages at 1024x768 and 1920x1080. Run it under a real X server (Xvfb, with a screen
as large as the largest size) to see real font rendering; the offscreen platform works too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from config.paths import DataPaths
from config.settings import CameraSettings
from crypto import keys
from crypto.code import Purpose, make_code
from crypto.documents import Document
from crypto.issuer import Issuer, new_issuer
from crypto.timestep import time_step
from drivers.camera import CameraStats
from sync.state import TerminalState
from terminal.counter.results import Role
from terminal.counter.staff import StaffStore
from terminal.demo.keyboard import type_like_a_scanner
from terminal.demo.phone import PhoneCamera, PhoneFrames
from terminal.demo.till_tour import till_sale
from terminal.terminal_identity import TerminalIdentity, save_identity
from terminal.ui.app import Options, build, qt_app
from terminal.ui.controllers.shell import Shell

CATALOG = {
    "rewards": [
        {"id": "coffee", "name": "Coffee", "name_zh": "咖啡", "points": 200},
        {"id": "bag", "name": "Tote bag", "name_zh": "帆布袋", "points": 300, "cash": "5.00"},
        # Counted by the backend: the tour is offline, so the dialog shows it off and why.
        {"id": "scarf", "name": "Scarf", "name_zh": "围巾", "points": 150, "stock": 20},
    ]
}


class DemoMember:
    """A phone: device key, certificate and counter, for codes the real verifier accepts."""

    def __init__(self, issuer: Issuer, member: str, tier: str, balance: int) -> None:
        self.issuer = issuer
        self.member = member
        self.device = keys.generate()
        now = int(time.time())
        self.certificate = issuer.certify_member(
            member=member,
            device_public=keys.public_raw(self.device),
            tier=tier,
            balance=balance,
            now=now - 600,
        )
        self.counter = 0

    def code(self, purpose: Purpose = Purpose.CHECKOUT, document: bytes | None = None) -> str:
        self.counter += 1
        step = time_step(time.time())
        return make_code(
            self.certificate,
            self.device,
            step=step,
            counter=self.counter,
            purpose=purpose,
            document=document,
        )

    def order(self, order_id: str, items: list[dict[str, object]]) -> bytes:
        now = int(time.time())
        document = Document(
            "pickup", order_id, self.member, now - 600, now + 86400, None, {"items": items}
        )
        return self.issuer.sign_document(document)


def provision_locally(data_dir: Path, issuer: Issuer) -> None:
    """What provisioning leaves in a data dir, from a local issuer, plus three staff."""
    paths = DataPaths(data_dir).ensure()
    paths.trust_bundle.write_bytes(issuer.signed_bundle())
    paths.pinned_root.write_text(issuer.bundle.root_public.hex() + "\n")
    save_identity(paths, TerminalIdentity("T-DEMO", "S1", "", keys.generate(), int(time.time())))
    with TerminalState(paths.state) as state:
        state.save_document("catalog", 1, CATALOG)
    # The till API on a free port: the tour rings up a till's sale (terminal/demo/till_tour.py).
    paths.settings.write_text('[till]\nlisten = "127.0.0.1:0"\n')
    staff = StaffStore(paths.staff)
    try:
        supervisor = staff.add(None, "2001", "Wang", Role.SUPERVISOR, "222222")
        staff.add(supervisor, "1001", "Lin", Role.CASHIER, "111111")
        staff.add(supervisor, "9001", "Zhao", Role.TECHNICIAN, "999999")
    finally:
        staff.close()


def debug_state() -> str:
    """What the window shows, for a tour that got stuck."""
    for widget in qt_app().topLevelWidgets():
        banner = getattr(widget, "banner", None)
        if banner is not None and widget.isVisible():
            return f"banner {banner.property('state')!r}: {banner.text()!r}"
    return "no window"


def wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the event loop until ``condition`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not reach the expected screen ({debug_state()})")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(ms: int = 250) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def preview_frame(text: str) -> np.ndarray:
    """A camera-like frame with the code on a phone screen, for the preview."""
    from drivers.synthetic import qr_image

    frame = np.full((720, 1280, 3), (70, 80, 90), np.uint8)
    frame[60:660, 440:840] = 245
    qr = qr_image(text, 4)
    size = min(qr.shape[0], 380)
    frame[150 : 150 + size, 450 : 450 + size] = qr[:size, :size, None]
    return frame


SIZES = ((1024, 768), (1920, 1080))


def parse_size(text: str) -> tuple[int, int]:
    """``1024x768`` as (1024, 768)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1024x768") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"{text!r} is smaller than any counter screen")
    return width, height


def with_dialog(window: QWidget, dialog: QWidget) -> object:
    """The window with an open dialog drawn over its centre, as a person sees it."""
    picture = window.grab()
    painter = QPainter(picture)
    over = dialog.grab()
    painter.drawPixmap(
        QPoint((picture.width() - over.width()) // 2, (picture.height() - over.height()) // 2),
        over,
    )
    painter.end()
    return picture


def tour(
    out: Path, language: str, size: tuple[int, int], data_dir: Path, wizard_dir: Path
) -> list[Path]:
    """Drive the app to each screen at ``size`` and save them; returns the files written."""
    app = qt_app()
    saved: list[Path] = []

    def shot(shell: Shell, name: str, dialog: QWidget | None = None) -> None:
        shell.window.resize(*size)
        settle()
        path = out / f"{name}-{language}-{size[0]}x{size[1]}.png"
        picture = shell.window.grab() if dialog is None else with_dialog(shell.window, dialog)
        picture.save(str(path))  # type: ignore[attr-defined]
        saved.append(path)

    shell, wedge = build(
        app, Options(data_dir=wizard_dir, language=language, start_devices=False, sound=False)
    )
    shell.window.resize(*size)
    shell.start()
    wait(lambda: shell.first_screen_shown)
    shot(shell, "wizard")
    # The test-scan step after a serial scanner read a product's barcode.
    shell.window.wizard.go(2)
    shell.bridge.scanned.emit("serial:/dev/ttyACM0", "4006381333931", 0.0)
    wait(lambda: shell.window.wizard.scan_result.text() != "")
    shot(shell, "wizard-scan")
    # The same step when a USB keyboard scanner reads it: the scan names that scanner.
    shell.window.wizard.wait_for_scan()
    shell.window.wizard.next_button.setFocus()
    type_like_a_scanner("9780306406157", target=shell.window.wizard.next_button)
    wait(lambda: "ISBN" in shell.window.wizard.scan_result.text())
    shot(shell, "wizard-wedge")
    shell.shutdown()
    shell.window.close()
    app.removeEventFilter(wedge)

    issuer = new_issuer(int(time.time()) - 3600)
    if not (data_dir / "terminal.json").exists():
        provision_locally(data_dir, issuer)
    else:
        raise SystemExit(f"{data_dir} is already provisioned; give an empty folder")
    shell, wedge = build(
        app, Options(data_dir=data_dir, language=language, start_devices=False, sound=False)
    )
    shell.window.resize(*size)
    shell.start()
    wait(lambda: shell.counter.is_open)
    shell.window.signin.staff_id.setText("1001")
    shot(shell, "signin")
    shell.counter.sign_in("1001", "111111")
    wait(lambda: shell.counter.staff is not None)
    member = DemoMember(issuer, "M1001", "gold", 1280)
    code = member.code()
    shell.window.scan.set_source_state("camera", "open")
    shell.window.scan.show_frame(preview_frame(code))
    shell.counter.scan(code)
    wait(lambda: shell.counter.member is not None)
    shell.window.member.amount.setText("88.00")
    shell.window.member.award_button.click()
    wait(lambda: getattr(shell.counter.member, "pending_operations", 0) == 1)
    shot(shell, "member")
    wedge_scan_into_amount(shell, DemoMember(issuer, "M1002", "silver", 420), shot)
    shell.counter.next_customer()
    shell.counter.scan(code)  # the same code again: refused as already used
    wait(lambda: shell.window.banner.property("state") == "refused")
    shot(shell, "scan-refused")
    spend_dialogs(shell, shot, issuer)
    order = member.order(
        "O-2041",
        [
            {"sku": "TEA", "name": "Oolong tea 250 g", "qty": 2},
            {"sku": "CUP", "name": "Travel cup", "qty": 1},
        ],
    )
    shell.counter.scan(member.code(Purpose.PICKUP, order))
    wait(lambda: shell.window.stack.currentWidget() is shell.window.pickup)
    shot(shell, "pickup")
    shell.counter.next_customer()
    shell.window.sync_button.click()
    wait(lambda: shell.window.sync.values["pending"].text() == "1")
    shot(shell, "sync")
    approval(shell, shot)
    shell.counter.sign_out()
    supervisor_screens(shell, shot)
    till_sale(shell, member.code(), shot, wait)
    shell.counter.sign_out()
    frames = PhoneFrames()  # a camera that sees the counter with no phone in front of it
    shell.scanners.start_camera(CameraSettings(), lambda sink: PhoneCamera(frames, sink))
    shell.counter.sign_in("9001", "999999")
    wait(lambda: shell.window.stack.currentWidget() is shell.window.technician)
    wait(lambda: (shell.scanners.camera_stats() or CameraStats(0, 0, 0, 0, 0)).decoded > 10)
    settle(1200)
    shot(shell, "technician")
    shell.shutdown()
    shell.window.close()
    app.removeEventFilter(wedge)
    return saved


def wedge_scan_into_amount(shell: Shell, member: DemoMember, shot: Callable[..., None]) -> None:
    """The amount field has focus when a USB keyboard scanner types the next member's code:
    the new member shows and the field holds nothing of the code."""
    amount = shell.window.member.amount
    shell.window.activateWindow()
    amount.setFocus()
    settle()
    type_like_a_scanner(member.code(), target=amount)
    wait(lambda: getattr(shell.counter.member, "member", "") == member.member)
    if "LP1" in amount.text():
        raise RuntimeError("the wedge scan landed in the amount field")
    shot(shell, "wedge-amount")


def spend_dialogs(shell: Shell, shot: Callable[..., None], issuer: Issuer) -> None:
    """Points as cash before it is spent, and the rewards with the points a member lacks (and
    a stocked one, off while offline)."""
    for member_id, balance in (("M2002", 750), ("M2003", 250)):
        member = DemoMember(issuer, member_id, "silver", balance)
        shell.counter.scan(member.code())
        wait(lambda m=member_id: getattr(shell.counter.member, "member", "") == m)
        if member_id == "M2002":
            shell.window.member.amount.setText("100")
            shell.window.member.discount_button.click()
            wait(lambda: shell.approvals.discount_dialog is not None)
            dialog: QWidget | None = shell.approvals.discount_dialog
            name = "points-as-cash"
        else:
            shell.window.member.redeem_button.click()
            wait(lambda: shell.approvals.reward_dialog is not None)
            dialog = shell.approvals.reward_dialog
            name = "reward-shortfall"
        assert dialog is not None
        settle()
        shot(shell, name, dialog)
        dialog.reject()  # type: ignore[attr-defined]
        shell.counter.next_customer()


def approval(shell: Shell, shot: Callable[..., None]) -> None:
    """The cashier's refund waits for a supervisor: the approval dialog over the window."""
    shell.window.refund_button.click()
    refund = shell.window.refund
    wait(lambda: refund.table.rowCount() == 1)
    refund.select(0)
    refund.amount.setText("30")
    refund.refund_button.click()
    wait(lambda: shell.approvals.refund_dialog is not None)
    dialog = shell.approvals.refund_dialog
    assert dialog is not None
    dialog.staff_id.setText("2001")
    settle()
    shot(shell, "approval", dialog)
    dialog.reject()
    wait(lambda: shell.approvals.refund_dialog is None)
    shell.window.scan_button.click()


def supervisor_screens(shell: Shell, shot: Callable[[Shell, str], None]) -> None:
    """A supervisor refunds part of the award, then the day's report."""
    shell.counter.sign_in("2001", "222222")
    wait(lambda: shell.counter.staff is not None)
    refund = shell.window.refund
    refund.table.setRowCount(0)  # the cashier's visit left the list: wait for a fresh one
    shell.window.refund_button.click()
    wait(lambda: refund.table.rowCount() == 1)
    refund.select(0)
    refund.amount.setText("30")
    refund.refund_button.click()
    wait(lambda: shell.window.banner.property("state") == "ok" and not refund.event_id.text())
    refund.select(0)
    refund.amount.setText("20")
    shot(shell, "refund")
    shell.window.staff_button.click()  # the supervisor's menu holds the day's report
    shell.window.staff_screen.report_button.click()
    wait(lambda: shell.window.report.operations.rowCount() == 2)
    shot(shell, "report")
    staff_screen(shell, shot)


def staff_screen(shell: Shell, shot: Callable[[Shell, str], None]) -> None:
    """The supervisor adds a cashier, then picks an account."""
    shell.window.staff_button.click()
    screen = shell.window.staff_screen
    wait(lambda: screen.table.rowCount() == 3)
    screen.staff_id.setText("1002")
    screen.name.setText("Chen")
    screen.pin.setText("246810")
    # The list may still be reloading (the report was opened from this screen): wait for it.
    wait(screen.add_button.isEnabled)
    screen.add_button.click()
    wait(lambda: screen.table.rowCount() == 4)
    screen.select(1)
    screen.staff_id.setText("1003")
    shot(shell, "staff")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--lang", action="append", choices=["en", "zh_CN"], help="default: both")
    parser.add_argument(
        "--size",
        action="append",
        type=parse_size,
        help="window size WIDTHxHEIGHT, repeatable; default: 1024x768 and 1920x1080",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.size or SIZES:
        for language in args.lang or ["en", "zh_CN"]:
            with tempfile.TemporaryDirectory(prefix="loyalty-tour-") as tmp:
                root = Path(tmp)
                for path in tour(args.out, language, size, root / "terminal", root / "new"):
                    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
