"""Whether the backend is reachable: online means a recent answer (docs/counter.md).

Every request the terminal makes reports here: push, pull, member summary, authorisation and
the idle heartbeat. An answer (even a refusal) is contact; no answer within the timeout is
not. The indicator is online while the latest attempt got an answer and that answer is no
older than ``online_timeout + heartbeat``: with nothing queued, the next heartbeat finds out
that the backend went away, and the staleness rule holds even if no attempt is made at all.

One link per backend URL per process: the counter's lane and the sync thread share it, so
whichever talked to the backend last decides what the status bar says.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkState:
    """What the status bar shows, and when it last changed."""

    online: bool
    last_answer: float | None
    last_error: str | None


class Link:
    """Thread-safe record of the latest contact with one backend."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._last_answer: float | None = None
        self._last_failure: float | None = None
        self._last_error: str | None = None
        # online_timeout + heartbeat, set by whoever runs the heartbeat (SyncWorker).
        self.fresh_for = 62.0

    def answered(self) -> None:
        with self._lock:
            self._last_answer = self._clock()
            self._last_error = None

    def failed(self, error: str) -> None:
        with self._lock:
            self._last_failure = self._clock()
            self._last_error = error

    def state(self) -> LinkState:
        with self._lock:
            answer, failure, error = self._last_answer, self._last_failure, self._last_error
        now = self._clock()
        online = (
            answer is not None
            and (failure is None or answer >= failure)
            and now - answer <= self.fresh_for
        )
        return LinkState(online=online, last_answer=answer, last_error=error)

    def online(self) -> bool:
        return self.state().online


_LINKS: dict[str, Link] = {}
_LINKS_LOCK = threading.Lock()


def link_for(base_url: str) -> Link:
    """This process's link to the backend at ``base_url``."""
    with _LINKS_LOCK:
        return _LINKS.setdefault(base_url.rstrip("/"), Link())
