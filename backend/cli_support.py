"""What every ``loyalty-backend admin`` command shares: its database and its JSON output."""

from __future__ import annotations

import argparse
import json
from typing import Any

from backend import db


def engine(args: argparse.Namespace) -> Any:
    """The engine of ``--db``, migrated to this build's schema."""
    found = db.make_engine(args.db)
    db.upgrade(found)
    return found


def emit(obj: dict[str, Any]) -> None:
    """A command's answer, as indented JSON on standard output."""
    print(json.dumps(obj, indent=2, default=str))
