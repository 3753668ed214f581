"""A guard against a reference-counting bug of PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 returns ``None`` (from every method without a result) and ``True`` (from
``Signal.emit``) without taking a reference. On Python 3.12 and later these objects are
immortal and nothing happens; on 3.11 each call lowers their count by one and after a few
thousand calls the interpreter aborts ("none_dealloc: deallocating None"). 6.11.3 does not
have the bug: pin ``PySide6-Essentials!=6.12.0``.

When the probe below finds the bug, the guard makes ``None``, ``True`` and ``False``
effectively immortal by adding 2**40 references, which is what CPython 3.12 does for them.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
IMMORTAL_REFS = 1 << 40


class _Probe(QObject):
    ping = Signal()


def _noop() -> None:
    return None


def lost_references(rounds: int = 50) -> dict[str, int]:
    """References to None and True lost per call by a void method and by ``emit``."""
    probe = _Probe()
    probe.ping.connect(_noop)
    ctypes.c_ssize_t.from_address(id(None)).value += 2 * rounds  # never reach zero here
    ctypes.c_ssize_t.from_address(id(True)).value += 2 * rounds
    before = sys.getrefcount(None)
    for _ in range(rounds):
        probe.setObjectName("probe")
    none_lost = before - sys.getrefcount(None)
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    true_lost = before - sys.getrefcount(True)
    return {"None": round(none_lost / rounds), "True": round(true_lost / rounds)}


def guard() -> bool:
    """Detect the bug and neutralise it; True when the guard had to act."""
    if sys.version_info >= (3, 12):
        return False  # None, True and False are immortal already
    lost = lost_references()
    if not any(lost.values()):
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += IMMORTAL_REFS
    log.warning(
        "this PySide6 loses references to None/True (%s per call); guarded. "
        "Install PySide6-Essentials other than 6.12.0 to remove the need.",
        lost,
    )
    return True
