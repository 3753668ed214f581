"""Sentences for a failed call to the loyalty server (enrolment, sync), by its code.

Nothing here shows an exception's name or the server's own (English, technical) words: the
code picks a sentence written for the person at the counter (context ``failures``), and a
code without one gets a general sentence. The details go to the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sync.errors import BackendUnavailable, BadReply, Refused
from terminal.sentences import Text
from terminal.ui.controllers.core_lane import refusal_of
from terminal.ui.texts import reason_sentence

log = logging.getLogger(__name__)

# By the code of sync.client.failure_code: the backend's refusal codes (docs/sync.md),
# ``unreachable`` and ``bad_reply``.
BACKEND_FAILURES = {
    "unreachable": QT_TRANSLATE_NOOP(
        "failures",
        "The loyalty server cannot be reached. Events stay on this terminal and are sent "
        "when it answers.",
    ),
    "bad_reply": QT_TRANSLATE_NOOP(
        "failures",
        "The loyalty server's answer could not be read. Check the server address; call a "
        "technician if it is right.",
    ),
    "code_invalid": QT_TRANSLATE_NOOP(
        "failures",
        "This enrolment code is unknown, already used or expired. Ask the loyalty office "
        "for a new code.",
    ),
    "rate_limited": QT_TRANSLATE_NOOP(
        "failures", "Too many attempts in a short time. Wait a minute, then try again."
    ),
    "terminal_revoked": QT_TRANSLATE_NOOP(
        "failures", "The loyalty server has blocked this terminal. Call a technician."
    ),
    "unknown_terminal": QT_TRANSLATE_NOOP(
        "failures",
        "The loyalty server does not know this terminal. Call a technician to enrol it again.",
    ),
    "bad_signature": QT_TRANSLATE_NOOP(
        "failures",
        "The loyalty server did not accept this terminal's signature. Call a technician.",
    ),
    "clock_skew": QT_TRANSLATE_NOOP(
        "failures",
        "This terminal's clock is too far from the server's. Correct the clock, then sync again.",
    ),
    "replayed_request": QT_TRANSLATE_NOOP(
        "failures", "The loyalty server received this request twice; it is sent again later."
    ),
    "too_large": QT_TRANSLATE_NOOP(
        "failures", "A request was too large for the loyalty server. Call a technician."
    ),
    "storage_unavailable": QT_TRANSLATE_NOOP(
        "failures", "The loyalty server cannot use its database right now. Try again later."
    ),
}
GENERAL = QT_TRANSLATE_NOOP(
    "failures", "The loyalty server refused the request. Call a technician if this goes on."
)
# At enrolment nothing is queued yet: the address or the network is what to check.
ENROL_UNREACHABLE = QT_TRANSLATE_NOOP(
    "failures",
    "The loyalty server cannot be reached at this address. Check the address and the "
    "network, then try again.",
)
# A scanner source that failed (drivers: state error, or lost for a serial port); the
# driver's own words go to the log and the technician screen.
DEVICE_FAILURES = {
    ("camera", "error"): QT_TRANSLATE_NOOP(
        "failures",
        "The camera cannot be used. Check its cable and the chosen device; the technician "
        "screen shows why.",
    ),
    ("serial", "error"): QT_TRANSLATE_NOOP(
        "failures",
        "The scanner port cannot be opened. Check the cable and the chosen port; the "
        "technician screen shows why.",
    ),
    ("serial", "lost"): QT_TRANSLATE_NOOP(
        "failures", "The scanner was disconnected. Plug it in again; it is found by itself."
    ),
}
SYNC_STOPPED = QT_TRANSLATE_NOOP(
    "failures", "The sync stopped. Restart the app; call a technician if it happens again."
)


def backend_failure(code: str) -> str:
    """The sentence for a failure code, in the chosen language; a general one if unknown."""
    return QCoreApplication.translate("failures", str(BACKEND_FAILURES.get(code, GENERAL)))


def network_code(error: BaseException) -> str | None:
    """The failure code of a network or server error, None for any other error."""
    if isinstance(error, Refused):
        return error.reason
    if isinstance(error, BackendUnavailable):
        return error.reason or "unreachable"
    if isinstance(error, BadReply):
        return "bad_reply"
    return None


def enrol_failure(error: BaseException) -> str:
    """What the technician reads when enrolment failed."""
    code = network_code(error)
    if code is None:
        return failure_sentence(error)
    log.info("enrolment failed: %s", error)
    if code == "unreachable":
        return QCoreApplication.translate("failures", str(ENROL_UNREACHABLE))
    return backend_failure(code)


def failure_sentence(error: BaseException) -> str:
    """Any error of a background job as a sentence: a server's by its code, the rest as the
    counter's refusals are (a storage fault says what to do, not SQLite's words)."""
    code = network_code(error)
    if code is not None:
        log.info("request failed: %s", error)
        return backend_failure(code)
    return reason_sentence(*refusal_of(error))


def sync_failure(error: str, message: str | Text, cause: str = "") -> str:
    """The sentence for a sync round's ``error`` (sync.worker.SyncChange)."""
    if error == "sync_error":
        return backend_failure(cause)
    if error == "internal":
        return QCoreApplication.translate("failures", str(SYNC_STOPPED))
    return reason_sentence(error, message)


def device_failure(kind: str, state: str) -> str:
    """The sentence for a camera or serial scanner that failed its test."""
    general = DEVICE_FAILURES[("camera", "error") if kind == "camera" else ("serial", "error")]
    return QCoreApplication.translate("failures", str(DEVICE_FAILURES.get((kind, state), general)))
