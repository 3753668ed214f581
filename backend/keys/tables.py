"""The issuer's key registry and bundle history (migration 0011)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, LargeBinary, Table, Text

from backend.schema import metadata

# Every issuer key ever used: where it is (a signer URI) and, for db: keys, the private key
# wrapped under the master key with the key id as associated data (backend.keys.master).
issuer_keys = Table(
    "issuer_keys",
    metadata,
    Column("key_id", Text, primary_key=True),  # root-<kid hex> or signing-<kid hex>
    Column("role", Text, nullable=False),  # root | signing
    Column("uri", Text, nullable=False),
    Column("public", Text, nullable=False),  # raw public key, hex
    Column("wrapped", LargeBinary, nullable=True),
    Column("created_at", BigInteger, nullable=False),
)

# Every bundle the issuer published, in order; the highest version is the one in force.
issuer_bundles = Table(
    "issuer_bundles",
    metadata,
    Column("version", BigInteger, primary_key=True),
    Column("root_key_id", Text, nullable=False),
    Column("signing_key_id", Text, nullable=False),
    Column("state", Text, nullable=False),  # protocol.issuer_store's issuer.json content
    Column("bundle", LargeBinary, nullable=False),  # the signed bundle terminals load
    Column("published_at", BigInteger, nullable=False),
)
