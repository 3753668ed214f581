"""The serving process's garbage collector: the heap built at start frozen, young collections rarer.

A batch allocates tens of thousands of short-lived objects (decoded codes, rows, answers). With
CPython's defaults a young collection runs every 700 of them, and every so often an old one
walks the whole start-up heap (FastAPI, SQLAlchemy, pydantic, the console's templates), which
never becomes garbage: together a tenth of ingest's CPU per event in bench.profile_ingest.
``gc.freeze`` moves what exists once the app is built out of the collector's sight, and young
collections every 10,000 allocations keep cycles bounded (reference counting frees the rest
at once). Called by ``serve`` once the app is built, in each worker process.
"""

from __future__ import annotations

import gc

YOUNG_COLLECTION_EVERY = 10_000


def settle() -> None:
    """Freeze the heap built so far and make young collections rarer (process-wide)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
