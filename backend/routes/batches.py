"""A terminal's signed batches of events (backend.ingest) and its heartbeat (backend.fleet)."""

from __future__ import annotations

import time
from typing import Any

import orjson
from fastapi import APIRouter, Response

from backend import fleet, http_errors, ingest, metrics, models
from backend.errors import BadRequest, Conflict
from backend.routes.deps import DB, Auth, Codes, ConsoleConfig, IngestSlots, Now
from protocol.batch import BatchInvalid, open_batch

router = APIRouter()


@router.post(
    "/v1/batches",
    response_model=models.BatchReply,
    openapi_extra={"requestBody": {"description": "signed batch, see docs/sync.md"}},
)
def batches(auth: Auth, engine: DB, codes: Codes, slots: IngestSlots, now: Now) -> Response:
    terminal = auth.caller.terminal
    try:
        batch = open_batch(auth.body, terminal, auth.caller.public_key)
    except BatchInvalid as exc:
        with engine.begin() as conn:
            ingest.flag_refused_batch(conn, terminal, f"batch_{exc.reason}", str(exc), int(now))
        raise BadRequest(f"batch_{exc.reason}", str(exc)) from None
    started = time.perf_counter()
    # One connection for the batch and its metric: one check-out (and liveness ping) less.
    with slots, engine.connect() as conn:
        try:
            with conn.begin():
                outcomes = ingest.ingest(conn, auth.caller, batch, int(now * 1000), codes)
        except Conflict as exc:  # a replayed batch: refused, and the office is told
            with conn.begin():
                ingest.flag_refused_batch(conn, terminal, exc.code, batch.batch_id, int(now))
            raise
        with conn.begin():  # apart from the ingest's transaction, so it never holds it up
            metrics.observe_ingest(conn, time.perf_counter() - started)
    # Already in BatchReply's shape (tests/test_api_stateful.py checks replies against the
    # OpenAPI document): FastAPI would validate and re-encode a reply of 200 results.
    return Response(orjson.dumps(ingest.summary(outcomes)), media_type="application/json")


@router.post("/v1/heartbeat", response_model=fleet.HeartbeatReply)
def heartbeat(auth: Auth, engine: DB, console: ConsoleConfig, now: Now) -> dict[str, Any]:
    beat = http_errors.parse(fleet.Heartbeat, auth.body)
    with engine.begin() as conn:
        fleet.record_heartbeat(conn, auth.caller.terminal, beat, int(now), console.fleet)
    return {"server_time_ms": int(now * 1000)}
