"""Where a receipt goes: a network printer (a real socket), a printer device file, and a
printer that is not there (a sentence with its reason, never a made-up file)."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from terminal.counter.receipts import PrinterError, Receipt, escpos, render, send
from tests.escpos_decode import decode, fields

RECEIPT = Receipt(
    "redeem", "S1", "T1", "Lin", "M100042", "0123456789", 0, -900,
    {"name": "Blender", "cash": "5.00"}, currency="CNY", balance_hint=380,
)  # fmt: skip


def test_a_network_printer_gets_the_receipt_over_tcp():
    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def printer() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=printer)
    thread.start()
    try:
        send(escpos(render(RECEIPT)), f"tcp://127.0.0.1:{server.getsockname()[1]}")
        thread.join(timeout=10)
    finally:
        server.close()
    lines, cut = decode(bytes(received))
    found = fields(lines)
    assert cut and lines[0].strip() == "REWARD REDEEMED"
    assert found["Member"] == "***0042" and found["Points"] == "-900"
    assert found["Reward"] == "Blender" and found["Cash"] == "5.00 CNY"
    assert found["Est. balance"] == "380"


def test_a_printer_device_file_gets_the_receipt_appended(tmp_path):
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    send(escpos(render(RECEIPT)), str(device))
    send(escpos(render(RECEIPT.as_copy())), str(device))
    data = device.read_bytes()
    first, second = data.split(b"\x1dV\x00")[:2]
    assert fields(decode(first + b"\x1dV\x00")[0])["Points"] == "-900"
    assert decode(second + b"\x1dV\x00")[0][1].strip() == "*** COPY ***"


def test_a_printer_that_is_not_there_is_named_and_nothing_is_created(tmp_path):
    missing = tmp_path / "ttyUSB9"
    with pytest.raises(PrinterError) as no_file:
        send(b"x", str(missing))
    assert no_file.value.reason == "printer_unreachable" and not missing.exists()
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there any more
    with pytest.raises(PrinterError) as refused:
        send(b"x", f"tcp://127.0.0.1:{port}")
    assert refused.value.reason == "printer_unreachable"
    assert f"tcp://127.0.0.1:{port}" in str(refused.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a FIFO stands in for a jammed device")
def test_a_printer_device_that_takes_no_data_fails_in_time_instead_of_hanging(tmp_path):
    jammed = tmp_path / "lp-jammed"
    os.mkfifo(jammed)
    reader = os.open(jammed, os.O_RDONLY | os.O_NONBLOCK)  # opened, never read: the pipe fills
    try:
        with pytest.raises(PrinterError) as stuck:
            send(b"x" * (1 << 20), str(jammed), timeout=0.3)
    finally:
        os.close(reader)  # the writer thread then fails and ends
    assert stuck.value.reason == "printer_failed" and "took no data" in str(stuck.value)


@pytest.mark.parametrize(
    ("port", "serial"),
    [
        ("/dev/ttyUSB0", True),
        ("/dev/pts/3", True),
        ("/dev/serial/by-id/usb-Printer-if00", True),
        ("COM3", True),
        ("\\\\.\\COM12", True),
        ("/dev/usb/lp0", False),
        ("/tmp/receipts.bin", False),
        ("tcp://10.0.0.9", False),
    ],
)
def test_serial_ports_are_told_from_device_files_by_name_on_every_os(port, serial):
    from terminal.counter.receipts import is_serial_port

    assert is_serial_port(port) is serial
