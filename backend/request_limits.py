"""FastAPI dependencies that count a request against its rate-limit buckets before the route.

They sit around the routes (``dependencies=[Depends(...)]``), not inside them: the member
enrolment route counts per client address and per member id, the refresh route per client
address. The count is committed before a refusal is raised, so refused attempts still count.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine

from backend import rate_limits

Bucket = tuple[rate_limits.Limit, str]
MEMBER_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class RequestLimits:
    """The rate-limit dependencies for one database."""

    def __init__(
        self,
        engine: Engine,
        client_of: Callable[[Request], str],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.client_of = client_of
        self.clock = clock  # the app's (Services.clock): windows are counted on its time

    async def member_enrolment(self, request: Request) -> None:
        """Member enrolment attempts, per client address and per member id."""
        buckets = [(rate_limits.MEMBER_ENROL_CLIENT, self.client_of(request))]
        member = member_field(await request.body())  # already read, and size-limited
        if member is not None:
            buckets.append((rate_limits.MEMBER_ENROL_MEMBER, member))
        await run_in_threadpool(self._count, buckets)

    async def refresh(self, request: Request) -> None:
        """Certificate refreshes (a signature check each), per client address."""
        bucket = (rate_limits.MEMBER_REFRESH_CLIENT, self.client_of(request))
        await run_in_threadpool(self._count, [bucket])

    def _count(self, buckets: list[Bucket]) -> None:
        now = int(self.clock())
        with self.engine.begin() as conn:
            refusals = [rate_limits.counted(conn, limit, key, now) for limit, key in buckets]
        for refusal in refusals:  # raised after the commit, so the attempt stays counted
            if refusal is not None:
                raise refusal


def member_field(body: bytes) -> str | None:
    """The member id a request body names, for its bucket; None when there is none."""
    try:
        value = json.loads(body).get("member")
    except (ValueError, AttributeError, RecursionError):
        return None  # malformed: still counted per client, then refused by validation
    # Only a well-formed id names a bucket: a lone surrogate or other odd text cannot even
    # be stored as a key, and the request is refused by validation anyway.
    if isinstance(value, str) and MEMBER_ID.match(value):
        return value
    return None
