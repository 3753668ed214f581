"""The backend's tables (SQLAlchemy Core); migrations/ creates them, this module names them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

terminals = Table(
    "terminals",
    metadata,
    Column("id", Text, primary_key=True),
    Column("store", Text, nullable=False),
    Column("public_key", Text, nullable=False, unique=True),
    Column("status", Text, nullable=False),  # active | revoked
    Column("created_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Column("last_seq", BigInteger, nullable=False),
    Column("last_hash", Text, nullable=False),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("code_hash", Text, primary_key=True),  # only the hash: the code is a secret
    Column("store", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("terminal", Text),
)

rate_limits = Table(
    "rate_limits",
    metadata,
    Column("scope", Text, nullable=False),  # which limit, e.g. terminal-enrol-fail-client
    Column("key", Text, nullable=False),  # client address or member id
    Column("window_start", BigInteger, nullable=False),
    Column("hits", Integer, nullable=False),
    PrimaryKeyConstraint("scope", "key", "window_start"),
    Index("rate_limits_window_start", "window_start"),
)

nonces = Table(
    "nonces",
    metadata,
    Column("terminal", Text, nullable=False),
    Column("nonce", Text, nullable=False),
    Column("at", BigInteger, nullable=False),
    PrimaryKeyConstraint("terminal", "nonce"),
    Index("nonces_at", "at"),
)

members = Table(
    "members",
    metadata,
    Column("id", Text, primary_key=True),
    Column("tier", Text, nullable=False),
    Column("balance", BigInteger, nullable=False),  # cache of SUM(ledger.points)
    Column("created_at", BigInteger, nullable=False),
    # The ledger position of the member's last entry: the balance holds entries 1..position.
    Column("position", BigInteger, nullable=False, server_default="0"),
)

member_devices = Table(
    "member_devices",
    metadata,
    Column("member", Text, nullable=False),
    Column("device_public", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    # Set when the member enrols another phone: this one may no longer refresh.
    Column("replaced_at", BigInteger),
    # Set (with replaced_at) when the office revokes the phone (a lost or stolen one).
    Column("revoked_at", BigInteger),
    PrimaryKeyConstraint("member", "device_public"),
)

# One-time login codes of the development login provider (backend.login): only the hash.
member_login_codes = Table(
    "member_login_codes",
    metadata,
    Column("code_hash", Text, primary_key=True),
    Column("member", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("tries", Integer, nullable=False, server_default="0"),  # failed logins meanwhile
    Index("member_login_codes_member", "member"),
)

# Every certificate issued, by device: what a re-enrolment must revoke.
member_certificates = Table(
    "member_certificates",
    metadata,
    Column("cert_id", Text, primary_key=True),  # hex
    Column("member", Text, nullable=False),
    Column("device_public", Text, nullable=False),
    Column("issued_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Index("member_certificates_member", "member"),
)

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("terminal", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("member", Text, nullable=False),
    Column("points", BigInteger, nullable=False),
    Column("status", Text, nullable=False),  # accepted | rejected
    Column("reason", Text),
    Column("batch_id", Text, nullable=False),
    Column("received_at", BigInteger, nullable=False),
    Column("ref_event", Text),  # the original of a refund or void
    Index("events_terminal_seq", "terminal", "seq"),
    Index("events_ref_event", "ref_event"),
)

# Append-only: the migration adds triggers refusing UPDATE and DELETE.
ledger = Table(
    "ledger",
    metadata,
    Column("entry", Integer, primary_key=True, autoincrement=True),
    Column("event", Text, nullable=False, unique=True),
    Column("member", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("points", BigInteger, nullable=False),
    Column("terminal", Text, nullable=False),
    Column("store", Text, nullable=False),
    Column("local_time_ms", BigInteger, nullable=False),
    Column("corrected_time_ms", BigInteger, nullable=False),
    Column("recorded_at_ms", BigInteger, nullable=False),
    # The member's ledger position of this entry (1, 2, 3 ... in commit order; migration 0010).
    Column("position", BigInteger),
    # Also every lookup by member (migration 0015 dropped a member-only index beside it).
    Index("ledger_member_position", "member", "position", unique=True),
)

code_uses = Table(
    "code_uses",
    metadata,
    Column("code_id", Text, primary_key=True),
    Column("event", Text, nullable=False),
    Column("terminal", Text, nullable=False),
    Column("checkout", Text),  # one code serves one checkout at one terminal
)

order_handovers = Table(
    "order_handovers",
    metadata,
    Column("order_id", Text, primary_key=True),
    Column("event", Text, nullable=False),
    Column("terminal", Text, nullable=False),
)

coupon_uses = Table(
    "coupon_uses",
    metadata,
    Column("coupon_id", Text, primary_key=True),
    Column("event", Text, nullable=False),
    Column("terminal", Text, nullable=False),
)

flags = Table(
    "flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("event", Text),
    Column("terminal", Text),
    Column("member", Text),
    Column("detail", Text, nullable=False),
    Column("at", BigInteger, nullable=False),
    Index("flags_member", "member"),
)

batches = Table(
    "batches",
    metadata,
    Column("id", Text, primary_key=True),
    Column("terminal", Text, nullable=False),
    Column("received_at", BigInteger, nullable=False),
    Column("events", Integer, nullable=False),
)

holds = Table(
    "holds",
    metadata,
    Column("event", Text, primary_key=True),
    Column("member", Text, nullable=False),
    Column("points", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Index("holds_member", "member"),
)

documents = Table(
    "documents",
    metadata,
    Column("name", Text, primary_key=True),  # policy | catalog
    Column("version", BigInteger, nullable=False),
    Column("body", Text, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
)

pickup_orders = Table(
    "pickup_orders",
    metadata,
    Column("id", Text, primary_key=True),
    Column("store", Text, nullable=False),
    Column("member", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("status", Text, nullable=False),  # ready | handed_over
    Column("version", BigInteger, nullable=False),
    Index("pickup_orders_store_version", "store", "version"),
)

member_coupons = Table(
    "member_coupons",
    metadata,
    Column("id", Text, primary_key=True),
    Column("member", Text, nullable=False),
    Column("body", Text, nullable=False),  # {"kind", "value", "title"}
    Column("stores", Text),  # JSON list, or NULL for every store
    Column("expires_at", BigInteger, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Index("member_coupons_member", "member"),
)

# Online authorisation (backend/authorisation.py). A hold is live until it expires or,
# for points and order items, until its event reaches the events table.
authorisations = Table(
    "authorisations",
    metadata,
    Column("event", Text, primary_key=True),
    Column("terminal", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("member", Text, nullable=False),
    Column("request_hash", Text, nullable=False),
    Column("reply", Text, nullable=False),  # JSON: the approval, given again for a repeat
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Index("authorisations_expires_at", "expires_at"),
)

# One row per thing used once: "code:<code_id>", "coupon:<id>", "checkin:<member>/<store>/<day>".
claims = Table(
    "claims",
    metadata,
    Column("claim", Text, primary_key=True),
    Column("event", Text, nullable=False),
    Column("terminal", Text, nullable=False),
    Column("checkout", Text, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Index("claims_event", "event"),
)

order_holds = Table(
    "order_holds",
    metadata,
    Column("event", Text, nullable=False),
    Column("order_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("qty", BigInteger, nullable=False),
    Column("terminal", Text, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    PrimaryKeyConstraint("event", "sku"),
    Index("order_holds_order", "order_id"),
)

# Used coupons as terminals download them (GET /v1/coupon-statuses?since=V).
coupon_statuses = Table(
    "coupon_statuses",
    metadata,
    Column("coupon_id", Text, primary_key=True),
    Column("status", Text, nullable=False),  # used
    Column("version", BigInteger, nullable=False),
    Index("coupon_statuses_version", "version"),
)

# Every version of the policy and catalog ever published: ingest recomputes each event's
# points from the version the event names.
document_versions = Table(
    "document_versions",
    metadata,
    Column("name", Text, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("body", Text, nullable=False),
    Column("published_at", BigInteger, nullable=False),
    PrimaryKeyConstraint("name", "version"),
)

# One award and one redemption per code: a checkout earns once and redeems once, as the
# counter enforces (earn: already_awarded, redeem: already_redeemed; discount: already_discounted).
code_kinds = Table(
    "code_kinds",
    metadata,
    Column("code_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("terminal", Text, nullable=False),
    PrimaryKeyConstraint("code_id", "kind"),
)

# One check-in per member per store per day, whichever terminal records it.
checkin_claims = Table(
    "checkin_claims",
    metadata,
    Column("member", Text, nullable=False),
    Column("store", Text, nullable=False),
    Column("day", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("terminal", Text, nullable=False),
    PrimaryKeyConstraint("member", "store", "day"),
)

# When a member or one certificate was revoked: codes from before still count, later ones not.
revocations = Table(
    "revocations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("member", Text),
    Column("cert_id", Text),  # hex
    Column("revoked_at", BigInteger, nullable=False),
    Index("revocations_member", "member"),
    Index("revocations_cert_id", "cert_id"),
)

# The latest word from each terminal (backend.fleet): any signed request is contact; a
# heartbeat also brings its report (JSON, the fields of POST /v1/heartbeat).
terminal_health = Table(
    "terminal_health",
    metadata,
    Column("terminal", Text, primary_key=True),
    Column("last_contact_at", BigInteger, nullable=False),
    Column("heartbeat_at", BigInteger),
    Column("report", Text),
)

# Heartbeat history: at most one row per terminal per HISTORY_INTERVAL, pruned after retention.
terminal_heartbeats = Table(
    "terminal_heartbeats",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("terminal", Text, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("report", Text, nullable=False),
    Index("terminal_heartbeats_terminal_at", "terminal", "at"),
    Index("terminal_heartbeats_at", "at"),
)

# Console accounts (backend.console.accounts): the password only as an scrypt hash.
console_users = Table(
    "console_users",
    metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),  # viewer | operator | admin
    Column("password_hash", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

# Console sessions, shared by every worker: the cookie's token only as SHA-256.
console_sessions = Table(
    "console_sessions",
    metadata,
    Column("token_hash", Text, primary_key=True),
    Column("user", Text, nullable=False),
    Column("csrf", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Index("console_sessions_expires_at", "expires_at"),
)

# A flag is resolved once, by a console user, with a note.
flag_resolutions = Table(
    "flag_resolutions",
    metadata,
    Column("flag", Integer, primary_key=True),
    Column("resolved_by", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("resolved_at", BigInteger, nullable=False),
)

# Cumulative ingest latency histogram, shared by every worker (backend.metrics): one row
# per bucket's upper bound; the row with bound_ms SUM_ROW holds the sum of all latencies.
ingest_latency = Table(
    "ingest_latency",
    metadata,
    Column("bound_ms", BigInteger, primary_key=True),
    Column("hits", BigInteger, nullable=False),
)

# The member's manual-code secret (RFC 6238, base32): created at enrolment or the next refresh,
# sent only to the member's phone, never to a terminal. ``last_step`` is the time step of the
# last code accepted: a code is good once, and never after a later one.
member_totp = Table(
    "member_totp",
    metadata,
    Column("member", Text, primary_key=True),
    Column("secret", Text, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("last_step", BigInteger, nullable=False, server_default="-1"),
)

# One award per sale: the till's sale reference, claimed by the first award that names it.
sale_claims = Table(
    "sale_claims",
    metadata,
    Column("terminal", Text, nullable=False),
    Column("till", Text, nullable=False),  # "" when the award names no till
    Column("sale_ref", Text, nullable=False),
    Column("event", Text, nullable=False),
    PrimaryKeyConstraint("terminal", "till", "sale_ref"),
)

# The office's own tables, declared on the same metadata (a module of their own for size).
from backend.schema_office import (  # noqa: E402, F401
    audit_log,
    staff_accounts,
    staff_lockout_clears,
    terminal_staff_keys,
)
