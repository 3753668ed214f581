"""Many rows in one short statement: PostgreSQL's arrays, SQLite's executemany.

Ingest writes and looks up a batch's rows (200 by default) with a few statements per batch.
On PostgreSQL, SQLAlchemy sends an executemany with RETURNING as one ``VALUES`` list with a
placeholder per value (thousands for a batch), and an ``IN`` list with a placeholder per
item: psycopg re-parses such a statement in Python every time (it caches only short ones),
and an executemany without RETURNING goes as one protocol round per row. Profiled, that was
a third of ingest's CPU on PostgreSQL. Here each column travels as one array parameter
(``unnest`` for rows, ``= ANY`` for lists), so the statement's text is the same, and short,
for any row count: parsed and planned once, its arrays encoded by psycopg's C dumpers. The
rows, their order (``WITH ORDINALITY``, so serial keys follow the list) and the answers are
those of the plain statements; SQLite keeps them, where executemany is already native.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, TypeDecorator, any_, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.selectable import TableValuedAlias

ORDER = "bulk_ordinality"
PARAM = "bulk_"


class _Column(list[Any]):
    """One column's values, which psycopg sends as a binary array.

    In text form every element is scanned and, for JSON bodies full of quotes, escaped by a
    regular expression in Python: more than the statement saved. Binary needs neither.
    Without the registration below (no psycopg) it is a plain list.
    """


class _BinaryArray(TypeDecorator[list[Any]]):
    """``ARRAY(item)`` whose values reach psycopg as ``_Column``, not a copied plain list."""

    impl = postgresql.ARRAY
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        return _Column


try:
    import psycopg
    from psycopg.types.array import ListBinaryDumper
except ImportError:  # SQLite only: nothing is sent as an array
    pass
else:
    psycopg.adapters.register_dumper(_Column, ListBinaryDumper)


def arrays_here(conn: Connection) -> bool:
    """Whether this connection takes whole columns as arrays (PostgreSQL)."""
    return conn.dialect.name == "postgresql"


def among(
    conn: Connection, column: ColumnClause[Any], values: Sequence[Any]
) -> ColumnElement[bool]:
    """``column IN values``: one array parameter on PostgreSQL, an IN list elsewhere."""
    if arrays_here(conn):
        values = list(values)
        return column == any_(bindparam(None, values, type_=_BinaryArray(column.type)))
    return column.in_(values)


def among_param(dialect_name: str, column: ColumnClause[Any], name: str) -> ColumnElement[bool]:
    """``column IN :name`` for a statement built once; the list is given at execution as
    ``{name: values}``: one array on PostgreSQL, an expanding IN list elsewhere."""
    if dialect_name == "postgresql":
        return column == any_(bindparam(name, type_=_BinaryArray(column.type)))
    return column.in_(bindparam(name, expanding=True))


def columns_as_arrays(columns: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
    """The parameters of an ``unnested`` source: each column's values under its name."""
    return {PARAM + name: list(values) for name, values in columns.items()}


@functools.lru_cache(maxsize=64)
def unnested(table: Table, names: tuple[str, ...]) -> TableValuedAlias:
    """``unnest(array, ...) WITH ORDINALITY``: rows from one array per column (PostgreSQL).

    Each array is typed as ``table``'s column of that name and filled by
    ``columns_as_arrays``; the row number is column ORDER. Built once per shape: making the
    statement anew cost more per batch than running it.
    """
    arrays = [bindparam(PARAM + name, type_=_BinaryArray(table.c[name].type)) for name in names]
    return func.unnest(*arrays).table_valued(*names, with_ordinality=ORDER).render_derived()


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    ignore_conflicts: bool = False,
    returning: Sequence[str] = (),
) -> list[Row[Any]]:
    """INSERT ``rows`` (all with the same keys), in order; the RETURNING rows, if asked.

    ``ignore_conflicts``: ON CONFLICT DO NOTHING, so RETURNING names only the rows inserted.
    """
    if not rows:
        return []
    names = tuple(rows[0])
    arrays = arrays_here(conn)
    statement = _insert(table, names, ignore_conflicts, tuple(returning), arrays)
    if arrays:
        result = conn.execute(
            statement, columns_as_arrays({name: [row[name] for row in rows] for name in names})
        )
    else:
        result = conn.execute(statement, [dict(row) for row in rows])
    return list(result) if returning else []


@functools.lru_cache(maxsize=64)
def _insert(
    table: Table,
    names: tuple[str, ...],
    ignore_conflicts: bool,
    returning: tuple[str, ...],
    arrays: bool,
) -> Any:
    if arrays:
        source = unnested(table, names)
        query = select(*(source.c[name] for name in names)).order_by(source.c[ORDER])
        statement: Any = postgresql.insert(table).from_select(names, query)
    else:
        statement = sqlite.insert(table)
    if ignore_conflicts:
        statement = statement.on_conflict_do_nothing()
    if returning:
        statement = statement.returning(*(table.c[name] for name in returning))
    return statement
