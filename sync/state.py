"""What the terminal downloaded: policy, catalog, this store's pickup orders, used coupons,
clock offset, and when the order and coupon statuses were last brought up to date.

One SQLite file (state.sqlite in the data dir); each document is kept with its version so the
next download asks only for what changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from protocol.policy import Policy, policy_from_document
from sync.schema import Schema, create_tables
from sync.sqlite_util import connect, storage_errors

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, version INTEGER NOT NULL,"
    " body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, member TEXT NOT NULL,"
    " status TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS coupons (id TEXT PRIMARY KEY, status TEXT NOT NULL,"
    " version INTEGER NOT NULL)",
    # What the backend's ledger says was handed over of an order, at every counter.
)
# What every counter of the store handed over of each order (the order download's handed_over).
_ORDER_HANDOVERS = (
    "CREATE TABLE IF NOT EXISTS order_handovers (id TEXT PRIMARY KEY, items TEXT NOT NULL)"
)

# The state file's migrations (sync/schema.py): append a step to change the schema.
STATE_SCHEMA = Schema(
    "state",
    (
        # 1: the tables as release 0.1.0 made them (unversioned files already hold them).
        create_tables(*_SCHEMA),
        # 2: pickup orders finished across counters.
        create_tables(_ORDER_HANDOVERS),
    ),
)


class TerminalState:
    """The downstream cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = connect(path, STATE_SCHEMA)

    @storage_errors
    def document(self, name: str) -> tuple[int, dict[str, Any]] | None:
        """A downloaded document's version and body."""
        row = self._db.execute(
            "SELECT version, body FROM documents WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else (int(row[0]), dict(json.loads(row[1])))

    @storage_errors
    def version(self, name: str) -> int:
        """The version held (0 when none); asked at every scan, so the body is not read."""
        row = self._db.execute("SELECT version FROM documents WHERE name = ?", (name,)).fetchone()
        return 0 if row is None else int(row[0])

    @storage_errors
    def save_document(self, name: str, version: int, body: dict[str, Any]) -> None:
        """Keep a newer document."""
        self._db.execute(
            "INSERT INTO documents (name, version, body) VALUES (?, ?, ?) ON CONFLICT (name)"
            " DO UPDATE SET version = excluded.version, body = excluded.body",
            (name, version, json.dumps(body)),
        )

    def policy(self) -> Policy:
        """The policy in force (defaults before the first download)."""
        found = self.document("policy")
        return Policy() if found is None else policy_from_document(*found)

    def catalog(self) -> list[dict[str, Any]]:
        """The rewards catalog entries."""
        found = self.document("catalog")
        return [] if found is None else list(found[1].get("rewards", []))

    @storage_errors
    def save_orders(
        self, version: int, orders: list[dict[str, Any]], *, synced_at: float | None = None
    ) -> None:
        """Merge changed orders and remember the version to ask from next time."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for order in orders:
                self._db.execute(
                    "INSERT INTO orders (id, member, status, version, body) VALUES (?,?,?,?,?)"
                    " ON CONFLICT (id) DO UPDATE SET member = excluded.member,"
                    " status = excluded.status, version = excluded.version, body = excluded.body",
                    (
                        order["id"],
                        order["member"],
                        order["status"],
                        order["version"],
                        json.dumps(order.get("body", {})),
                    ),
                )
                handed = _quantities(order.get("handed_over"))
                self._db.execute(
                    "INSERT INTO order_handovers (id, items) VALUES (?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET items = excluded.items",
                    (order["id"], json.dumps(handed)),
                )
            self._set("orders_version", str(version))
            if synced_at is not None:
                self._set("orders_synced_at", str(int(synced_at)))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def orders_version(self) -> int:
        return int(self._get("orders_version") or 0)

    @storage_errors
    def order_status(self, order_id: str) -> str | None:
        """The order's status at the last download (None: not downloaded)."""
        row = self._db.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
        return None if row is None else str(row[0])

    @storage_errors
    def order_handed_over(self, order_id: str) -> dict[str, int]:
        """Quantities of the order handed over at every counter, by SKU, at the last download
        (empty: nothing, or not downloaded)."""
        row = self._db.execute(
            "SELECT items FROM order_handovers WHERE id = ?", (order_id,)
        ).fetchone()
        return {} if row is None else _quantities(json.loads(row[0]))

    @storage_errors
    def save_coupons(
        self, version: int, coupons: list[dict[str, Any]], *, synced_at: float | None = None
    ) -> None:
        """Merge the statuses of used coupons and remember the version to ask from next."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(
                "INSERT INTO coupons (id, status, version) VALUES (?, ?, ?) ON CONFLICT (id)"
                " DO UPDATE SET status = excluded.status, version = excluded.version",
                [(str(c["id"]), str(c["status"]), int(c["version"])) for c in coupons],
            )
            self._set("coupons_version", str(version))
            if synced_at is not None:
                self._set("coupons_synced_at", str(int(synced_at)))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def coupons_version(self) -> int:
        return int(self._get("coupons_version") or 0)

    @storage_errors
    def coupon_status(self, coupon_id: str) -> str | None:
        """``used`` when the last download said so; None when it did not mention the coupon."""
        row = self._db.execute("SELECT status FROM coupons WHERE id = ?", (coupon_id,)).fetchone()
        return None if row is None else str(row[0])

    def synced_at(self, what: str) -> int | None:
        """When ``orders`` or ``coupons`` statuses were last downloaded (UNIX s), or None."""
        value = self._get(f"{what}_synced_at")
        return None if value is None else int(value)

    @storage_errors
    def pickup_orders(
        self, member: str | None = None, status: str = "ready"
    ) -> list[dict[str, Any]]:
        """This store's orders with ``status``, for one member or all."""
        query = "SELECT id, member, status, version, body FROM orders WHERE status = ?"
        params: list[Any] = [status]
        if member is not None:
            query += " AND member = ?"
            params.append(member)
        rows = self._db.execute(query + " ORDER BY version", params).fetchall()
        return [
            {"id": r[0], "member": r[1], "status": r[2], "version": r[3], "body": json.loads(r[4])}
            for r in rows
        ]

    def clock_offset_ms(self) -> int:
        """Server clock minus terminal clock at the last sync (0 before the first)."""
        return int(self._get("clock_offset_ms") or 0)

    def set_clock_offset_ms(self, offset_ms: int) -> None:
        self._set("clock_offset_ms", str(offset_ms))

    @storage_errors
    def _get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @storage_errors
    def _set(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TerminalState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _quantities(raw: object) -> dict[str, int]:
    """``{sku: qty}`` from a reply, anything else left out (an older backend sends none)."""
    if not isinstance(raw, dict):
        return {}
    return {str(k): int(v) for k, v in raw.items() if isinstance(v, int) and v > 0}
