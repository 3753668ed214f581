"""``loyalty-backend``: serve the reference backend, and the admin commands beside it.

    loyalty-backend serve [--db URL] [--host 127.0.0.1] [--port 8700] [--issuer DIR]
                          [--workers N] [--trusted-proxy ADDRESS ...]
                          [--metrics-token-file FILE] [--insecure-cookies]
                          [--stale-hours 36] [--heartbeat-days 30] [--point-value 0.01]
    loyalty-backend admin console-user --db URL --name NAME --role viewer|operator|admin
    loyalty-backend admin enrolment-code --db URL --store STORE [--hours 24]
    loyalty-backend admin login-code --db URL --member ID
    loyalty-backend admin ledger --db URL --member ID
    loyalty-backend admin revoke-terminal --db URL --terminal ID
    loyalty-backend admin revoke-member --db URL --member ID [--issuer DIR]
    loyalty-backend admin import-issuer --db URL --issuer DIR [--keep-files]
    loyalty-backend admin rotate-master-key --db URL --new-key-file FILE [--issuer DIR]
    loyalty-backend admin new-master-key --out FILE
    loyalty-backend admin rotate-signing-key --db URL [--issuer DIR]
    loyalty-backend admin publish --db URL --name policy|catalog --file JSON
    loyalty-backend admin add-order --db URL --store STORE --member ID --order ID [--body JSON]
    loyalty-backend admin reward --db URL --id ID --name NAME --points N [--cash X]
    loyalty-backend admin coupon --db URL --member ID --id ID --kind amount|percent|gift [--value V]
    loyalty-backend admin set-tier --db URL --member ID --tier TIER
    loyalty-backend admin flags --db URL
    loyalty-backend admin staff add --db URL --id ID --name NAME --role ROLE (--store S ... | --all-stores)
    loyalty-backend admin staff disable|enable|pin --db URL --id ID
    loyalty-backend admin staff list|import|lockouts --db URL
    loyalty-backend admin staff clear-lockout --db URL --terminal T --id ID --since S

``--db`` takes a SQLAlchemy URL (``postgresql+psycopg://user@host/db``) or a SQLite file path;
the default is ``backend.sqlite`` in the platform data dir. The issuer's keys, its bundles and
every secret live in the database, wrapped under the master key in the file named by
``LOYALTY_MASTER_KEY_FILE`` (mode 0600; docs/deploy-nodes.md). Without that variable, the
master key is ``master.key`` in the ``--issuer`` directory, which defaults to
``<db file stem>-issuer`` beside a SQLite file, or ``issuer`` in the platform data dir for
PostgreSQL; that directory is created (root and signing key, 0600) when missing and imported
into an empty database once.
Exit codes: 0 done, 1 refused (unknown member/terminal), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import platformdirs
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from backend import (
    db,
    downstream,
    enrolment,
    login,
    logs,
    member_documents,
    members,
    revocations,
    schema,
    staff_cli,
)
from backend.cli_documents import cmd_add_order, cmd_coupon, cmd_publish, cmd_reward
from backend.cli_support import emit as _emit
from backend.cli_support import engine as _engine
from backend.console import accounts, audit
from backend.issuer_cache import open_issuers
from backend.keys import commands as key_commands
from backend.keys.admin import start_node
from config.errors import ConfigError
from config.numbers import finite_float

APP_NAME = "loyalty-backend"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ConfigError, SQLAlchemyError, OSError) as exc:
        print(f"loyalty-backend: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Reference loyalty backend.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("serve", help="run the HTTP API")
    _db_arg(p, required=False)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700)
    p.add_argument("--issuer", type=Path, help="issuer key directory (created if missing)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy whose X-Forwarded-For names the client (repeatable)",
    )
    p.add_argument(
        "--metrics-token-file",
        type=Path,
        help="file holding the bearer token that may read /metrics (else admins only)",
    )
    p.add_argument(
        "--insecure-cookies",
        action="store_true",
        help="console cookies without Secure, for plain HTTP on this machine only",
    )
    p.add_argument(
        "--stale-hours",
        type=finite_float,
        default=36.0,
        help="a terminal silent this long is stale",
    )
    p.add_argument("--heartbeat-days", type=int, default=30, help="days of heartbeat history kept")
    p.add_argument(
        "--point-value",
        help="money one point is worth in the liability report, e.g. 0.01 (default: the "
        "policy's points-as-cash rate)",
    )
    p.set_defaults(func=cmd_serve)

    admin = sub.add_parser("admin", help="administration").add_subparsers(
        dest="admin", required=True, metavar="ACTION"
    )
    p = admin.add_parser(
        "console-user",
        help="create a console account or change its role and password (password asked for)",
    )
    _db_arg(p)
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=accounts.ROLES, required=True)
    p.set_defaults(func=cmd_console_user)
    staff_cli.register(admin, _db_arg, _engine, _emit)
    p = admin.add_parser("enrolment-code", help="print a one-time terminal enrolment code")
    _db_arg(p)
    p.add_argument("--store", required=True)
    p.add_argument("--hours", type=finite_float, default=24.0)
    p.set_defaults(func=cmd_code)
    p = admin.add_parser(
        "login-code", help="print a one-time member login code (development login provider)"
    )
    _db_arg(p)
    p.add_argument("--member", required=True)
    p.set_defaults(func=cmd_login_code)
    p = admin.add_parser("ledger", help="a member's balance and ledger entries as JSON")
    _db_arg(p)
    p.add_argument("--member", required=True)
    p.set_defaults(func=cmd_ledger)
    p = admin.add_parser("revoke-terminal", help="refuse every later request of a terminal")
    _db_arg(p)
    p.add_argument("--terminal", required=True)
    p.set_defaults(func=cmd_revoke)
    p = admin.add_parser("revoke-member", help="revoke a member's certificates in a newer bundle")
    _db_arg(p)
    p.add_argument("--member", required=True)
    p.add_argument("--issuer", type=Path, help="issuer key directory (default: as for serve)")
    p.set_defaults(func=cmd_revoke_member)
    key_commands.add_commands(admin, _db_arg)
    p = admin.add_parser("publish", help="publish a new policy or catalog version")
    _db_arg(p)
    p.add_argument("--name", choices=downstream.DOCUMENT_NAMES, required=True)
    p.add_argument("--file", type=Path, required=True)
    p.set_defaults(func=cmd_publish)
    p = admin.add_parser("add-order", help="a pickup order ready at a store")
    _db_arg(p)
    p.add_argument("--store", required=True)
    p.add_argument("--member", required=True)
    p.add_argument("--order", required=True)
    p.add_argument("--body", default="{}")
    p.set_defaults(func=cmd_add_order)
    p = admin.add_parser("reward", help="add or change a catalog reward (a new catalog version)")
    _db_arg(p)
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--points", type=int, required=True)
    p.add_argument("--cash", help="money the member pays as well, e.g. 5.00")
    p.set_defaults(func=cmd_reward)
    p = admin.add_parser("coupon", help="give a member a coupon (reaches the wallet at refresh)")
    _db_arg(p)
    p.add_argument("--member", required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--kind", choices=member_documents.COUPON_KINDS, required=True)
    p.add_argument("--value", default="", help="amount off, percent off, or the gift's name")
    p.add_argument("--title", default="")
    p.add_argument("--store", action="append", help="valid only at this store (repeatable)")
    p.add_argument("--days", type=int, default=30)
    p.set_defaults(func=cmd_coupon)
    p = admin.add_parser("set-tier", help="set a member's tier")
    _db_arg(p)
    p.add_argument("--member", required=True)
    p.add_argument("--tier", required=True)
    p.set_defaults(func=cmd_set_tier)
    p = admin.add_parser("flags", help="every flag (reused codes, chain breaks, overdrafts)")
    _db_arg(p)
    p.set_defaults(func=cmd_flags)
    return parser


def default_db() -> str:
    """The SQLite file used when no --db is given."""
    return str(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backend.sqlite")


def default_issuer_dir(url: str) -> Path:
    """Beside a SQLite file; in the platform data dir otherwise."""
    url = db.normalise_url(url)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return path.with_name(f"{path.stem}-issuer")
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "issuer"


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from backend import workers
    from protocol.serving import ServedApp

    if not 1 <= args.workers <= 64:
        raise ConfigError("--workers must be between 1 and 64")
    if not 0 < args.stale_hours <= 24 * 365 or not 1 <= args.heartbeat_days <= 3650:
        raise ConfigError("--stale-hours must be above 0 and --heartbeat-days 1 to 3650")
    url = db.normalise_url(args.db or default_db())
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    master_key_file = key_commands.master_key_from_environment()
    issuer_dir = key_commands.issuer_dir(args.issuer, url, master_key_file)
    settings = workers.ServeSettings(
        url,
        issuer_dir,
        tuple(args.trusted_proxy),
        args.metrics_token_file,
        not args.insecure_cookies,
        args.stale_hours,
        args.heartbeat_days,
        point_value(args.point_value),
        master_key_file,
    )
    workers.console_settings(settings)  # a bad token file is refused before any worker starts
    logs.configure()
    # Once, before any worker starts: the schema and the issuer's keys.
    engine = db.make_engine(url)
    db.upgrade(engine)
    start_node(open_issuers(engine, issuer_dir, master_key_file))
    engine.dispose()
    if args.workers == 1:  # served in this process, on a socket bound as everywhere else
        ServedApp(workers.build_app(settings), args.host, args.port, name="backend").run()
        return 0
    workers.hand_over(settings)
    uvicorn.run(
        workers.FACTORY,
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="warning",
        # uvicorn's own handling believes X-Forwarded-For from loopback; backend.clients alone
        # decides, from the peers named by --trusted-proxy.
        proxy_headers=False,
    )
    return 0


def point_value(text: str | None) -> str | None:
    """``--point-value`` checked: a positive amount, or None."""
    if text is None:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise ConfigError(f"--point-value {text!r} is not an amount") from None
    if not value.is_finite() or value <= 0:
        raise ConfigError("--point-value must be an amount above 0")
    return str(value)


def cmd_console_user(args: argparse.Namespace) -> int:
    # Never from argv (visible to every user of the machine): a prompt, or stdin for scripts.
    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise ConfigError("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        with _engine(args).begin() as conn:
            users = schema.console_users
            before = conn.execute(select(users.c.role).where(users.c.name == args.name)).scalar()
            created = accounts.set_user(conn, args.name, args.role, password, int(time.time()))
            # The password is never audited: only that it was set.
            audit.record(
                conn,
                audit.cli_actor(),
                "console_user",
                args.name,
                None if before is None else {"role": before},
                {"role": args.role, "password": "set"},
            )
    except accounts.AccountError as exc:
        raise ConfigError(str(exc)) from None
    _emit({"name": args.name, "role": args.role, "created": created})
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        code = enrolment.new_code(conn, args.store, int(time.time()), args.hours)
        audit.record(
            conn, audit.cli_actor(), "enrolment_code", args.store, None, {"hours": args.hours}
        )
    print(f"enrolment code for store {args.store}, valid {args.hours:g} h, usable once:")
    print(code)
    return 0


def cmd_login_code(args: argparse.Namespace) -> int:
    if not members.MEMBER_ID.match(args.member):
        raise ConfigError("--member: member ids are 1 to 64 letters, digits, . _ -")
    with _engine(args).begin() as conn:
        code = login.DevelopmentLoginCodes().issue(conn, args.member, int(time.time()))
        minutes = login.CODE_LIFETIME_SECONDS // 60
        audit.record(conn, audit.cli_actor(), "login_code", args.member, None, {"minutes": minutes})
    # The member types it into their phone (the wallet's --login -); it is printed only here.
    print(f"login code for member {args.member}, valid {minutes} minutes, usable once:")
    print(code)
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        report = members.ledger_report(conn, args.member)
    _emit(report)
    return 0 if report["tier"] is not None else 1


def cmd_revoke(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        t = schema.terminals
        before = conn.execute(select(t.c.status).where(t.c.id == args.terminal)).scalar()
        found = enrolment.revoke_terminal(conn, args.terminal, int(time.time()))
        if found:
            after = {"status": "revoked"}
            audit.record(
                conn, audit.cli_actor(), "terminal_revoke", args.terminal, {"status": before}, after
            )
    _emit({"terminal": args.terminal, "revoked": found})
    return 0 if found else 1


def cmd_revoke_member(args: argparse.Namespace) -> int:
    engine = _engine(args)
    store = key_commands.issuers(args, engine).store
    now = int(time.time())
    with engine.begin() as conn:  # events after this time are rejected at ingest
        revocations.record(conn, now, member=args.member)
        after = {"revoked_at": now}
        audit.record(conn, audit.cli_actor(), "member_revoke", args.member, None, after)
    # Every node notices the newer bundle in the database and serves it.
    issuer = store.update(lambda current: current.revoke(now=now, member=args.member))
    _emit({"member": args.member, "bundle_version": issuer.bundle.version})
    return 0


def cmd_set_tier(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        m = schema.members
        before = conn.execute(select(m.c.tier).where(m.c.id == args.member)).scalar()
        members.set_tier(conn, args.member, args.tier, int(time.time()))
        after = {"tier": args.tier}
        audit.record(conn, audit.cli_actor(), "set_tier", args.member, {"tier": before}, after)
    _emit({"member": args.member, "tier": args.tier})
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        rows = conn.execute(select(schema.flags).order_by(schema.flags.c.id)).all()
    _emit({"flags": [dict(r._mapping) for r in rows]})
    return 0


def _db_arg(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--db", required=required, help="SQLAlchemy URL or SQLite file path")


if __name__ == "__main__":
    sys.exit(main())
