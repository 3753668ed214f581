"""SerialScanner over real pseudo-terminal pairs, including unplug and replug."""

from __future__ import annotations

import array
import contextlib
import fcntl
import os
import termios
import threading
import time
import tty
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.errors import SerialPortError
from drivers.events import ErrorEvent, Event, ScanEvent, StatusEvent
from drivers.serial_scanner import SerialScanner


class Events:
    """Thread-safe event sink that tests can wait on."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.items: list[Event] = []

    def __call__(self, event: Event) -> None:
        with self._cond:
            self.items.append(event)
            self._cond.notify_all()

    def wait_for(self, check: Callable[[list[Event]], bool], timeout: float = 5.0) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: check(self.items), timeout), self.items

    def texts(self) -> list[str]:
        return [e.text for e in self.items if isinstance(e, ScanEvent)]

    def errors(self) -> list[str]:
        return [e.kind for e in self.items if isinstance(e, ErrorEvent)]

    def states(self) -> list[str]:
        return [e.state for e in self.items if isinstance(e, StatusEvent)]


class Pty:
    """A pty pair; the master plays the scanner, the slave is the port the reader opens."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        # Raw mode so the line discipline neither echoes nor turns CR into LF.
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def read_by_the_port(self, timeout: float = 5.0) -> None:
        """Wait until the reader has taken everything written (the port's queue is empty)."""
        waiting = array.array("i", [0])
        deadline = time.monotonic() + timeout
        while True:
            fcntl.ioctl(self.slave, termios.FIONREAD, waiting)
            if waiting[0] == 0:
                return
            assert time.monotonic() < deadline, f"{waiting[0]} bytes never read"
            time.sleep(0.002)

    def unplug(self) -> None:
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty_pair() -> Iterator[Pty]:
    pair = Pty()
    yield pair
    for fd in (pair.master, pair.slave):
        with contextlib.suppress(OSError):  # already closed by an unplug test
            os.close(fd)


def started(port: str, events: Events, **options: object) -> SerialScanner:
    scanner = SerialScanner(port, events, reopen_seconds=0.02, **options)  # type: ignore[arg-type]
    scanner.start()
    return scanner


def test_codes_split_over_writes_and_suffixes_are_read(pty_pair):
    events = Events()
    scanner = started(pty_pair.path, events)
    try:
        pty_pair.write(b"LP1:AB")
        pty_pair.read_by_the_port()  # read on its own: the code's end comes in another read
        pty_pair.write(b"C\r")
        pty_pair.write(b"LP1:D\r\nLP1:E\n")
        events.wait_for(lambda _: len(events.texts()) == 3)
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:ABC", "LP1:D", "LP1:E"]
    assert events.states() == ["open", "stopped"]
    assert all(
        isinstance(e, ScanEvent) and e.source == f"serial:{pty_pair.path}"
        for e in events.items
        if isinstance(e, ScanEvent)
    )


def test_aim_prefix_is_stripped_and_a_missing_one_reported(pty_pair):
    events = Events()
    scanner = started(pty_pair.path, events, aim=True)
    try:
        pty_pair.write(b"]Q1LP1:A\r\nLP1:NOAIM\r\n]Q1LP1:B\r\n")
        events.wait_for(lambda _: len(events.texts()) == 2)
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:A", "LP1:B"]
    assert events.errors() == ["bad_aim"]


def test_garbage_overlong_and_non_text_do_not_stop_reading(pty_pair):
    events = Events()
    scanner = started(pty_pair.path, events, max_length=64)
    try:
        pty_pair.write(b"\x00\x00LP1:A\r\n\xff\xfe\x81\r\n" + b"Z" * 200 + b"\r\nLP1:B\r\n")
        events.wait_for(lambda _: len(events.texts()) == 2)
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:A", "LP1:B"]
    assert events.errors() == ["not_text", "too_long"]


def test_without_suffix_a_pause_ends_the_code(pty_pair):
    events = Events()
    scanner = started(pty_pair.path, events, suffix="none", gap_seconds=0.05)
    try:
        pty_pair.write(b"LP1:NO-")
        pty_pair.write(b"SUFFIX")
        events.wait_for(lambda _: len(events.texts()) == 1)
        pty_pair.write(b"LP1:NEXT")
        events.wait_for(lambda _: len(events.texts()) == 2)
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:NO-SUFFIX", "LP1:NEXT"]


def test_unplug_and_replug_reports_status_and_reopens(tmp_path: Path):
    link = tmp_path / "ttyScanner"
    first = Pty()
    link.symlink_to(first.path)
    events = Events()
    scanner = started(str(link), events)
    try:
        first.write(b"LP1:BEFORE\r")
        events.wait_for(lambda _: events.texts() == ["LP1:BEFORE"])
        first.write(b"LP1:HALF")  # unplugged mid-code: these bytes must not join the next code
        first.read_by_the_port()
        first.unplug()
        link.unlink()
        events.wait_for(lambda _: "lost" in events.states())
        # Several reopen attempts fail while nothing is plugged in; the scanner keeps trying.
        deadline = time.monotonic() + 5
        while scanner.failed_reopens < 3 and time.monotonic() < deadline:
            time.sleep(0.005)
        assert scanner.failed_reopens >= 3
        assert scanner.running
        second = Pty()
        link.symlink_to(second.path)
        events.wait_for(lambda _: events.states().count("open") == 2)
        second.write(b"LP1:AFTER\r")
        events.wait_for(lambda _: len(events.texts()) == 2)
        second.unplug()
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:BEFORE", "LP1:AFTER"]
    assert events.states()[:3] == ["open", "lost", "open"]
    assert scanner.failed_reopens == 0  # counted afresh at the next loss
    lost = next(e for e in events.items if isinstance(e, StatusEvent) and e.state == "lost")
    assert "plugged in again" in lost.message


def test_a_port_that_does_not_exist_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SerialPortError, match="check the cable"):
        SerialScanner(str(tmp_path / "ttyNope"), Events()).start()


def test_a_failing_receiver_does_not_stop_the_scanner(pty_pair):
    events = Events()

    def flaky(event: Event) -> None:
        events(event)
        if isinstance(event, ScanEvent) and event.text == "LP1:BOOM":
            raise RuntimeError("receiver bug")

    scanner = SerialScanner(pty_pair.path, flaky)
    scanner.start()
    try:
        pty_pair.write(b"LP1:BOOM\rLP1:STILL\r")
        events.wait_for(lambda _: len(events.texts()) == 2)
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:BOOM", "LP1:STILL"]


def test_scanner_from_settings_applies_aim_and_length(pty_pair):
    from config.settings import ScannerSettings

    settings = ScannerSettings(port=pty_pair.path, aim=True, max_length=20)
    events = Events()
    scanner = SerialScanner.from_settings(settings, events)
    scanner.start()
    try:
        pty_pair.write(b"]Q1LP1:SETTINGS\r]Q1LP1:" + b"X" * 30 + b"\r]Q1LP1:END\r")
        events.wait_for(lambda _: len(events.texts()) == 2)
    finally:
        scanner.stop()
    assert events.texts() == ["LP1:SETTINGS", "LP1:END"]
    assert events.errors() == ["too_long"]
