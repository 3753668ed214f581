"""Several worker processes for one backend: ``serve --workers N`` hands its settings over.

uvicorn starts each worker by importing an app factory. ``serve`` migrates the database and
creates the issuer once, then writes its settings to one environment variable that only its
own worker processes inherit; each worker's factory reads it when called, never at import.
Every piece of state is in the database (nonces, rate limits, codes, holds, the issuer's keys
and bundles), so the workers, and the nodes on other machines, agree on everything.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fastapi import FastAPI

from backend.console.web import ConsoleSettings
from backend.fleet import FleetSettings
from config.errors import ConfigError

SETTINGS_VARIABLE = "LOYALTY_BACKEND_WORKER_SETTINGS"
FACTORY = "backend.workers:app_from_handoff"


@dataclass(frozen=True)
class ServeSettings:
    """What a worker needs to build the app."""

    db_url: str
    issuer_dir: Path | None
    trusted_proxies: tuple[str, ...] = ()
    # The console's and fleet's settings (backend.console.web.ConsoleSettings).
    metrics_token_file: Path | None = None
    secure_cookies: bool = True
    stale_hours: float = 36.0
    heartbeat_days: int = 30
    # Money per point for the liability report, as text ("0.01"); None: the policy's rate.
    point_value: str | None = None
    # LOYALTY_MASTER_KEY_FILE, read by ``serve``; the key itself never goes in the environment.
    master_key_file: Path | None = None

    def to_json(self) -> str:
        # The metrics token itself is never put in the environment: each worker reads the file.
        return json.dumps(
            {
                "db_url": self.db_url,
                "issuer_dir": str(self.issuer_dir or ""),
                "trusted_proxies": list(self.trusted_proxies),
                "metrics_token_file": str(self.metrics_token_file or ""),
                "secure_cookies": self.secure_cookies,
                "stale_hours": self.stale_hours,
                "heartbeat_days": self.heartbeat_days,
                "point_value": self.point_value,
                "master_key_file": str(self.master_key_file or ""),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> ServeSettings:
        try:
            raw = json.loads(text)
            return cls(
                str(raw["db_url"]),
                Path(raw["issuer_dir"]) if raw.get("issuer_dir") else None,
                tuple(str(p) for p in raw["trusted_proxies"]),
                Path(raw["metrics_token_file"]) if raw.get("metrics_token_file") else None,
                bool(raw.get("secure_cookies", True)),
                float(raw.get("stale_hours", 36.0)),
                int(raw.get("heartbeat_days", 30)),
                str(raw["point_value"]) if raw.get("point_value") else None,
                Path(raw["master_key_file"]) if raw.get("master_key_file") else None,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{SETTINGS_VARIABLE} is malformed ({exc})") from exc


def hand_over(settings: ServeSettings, environ: dict[str, str] | None = None) -> None:
    """Put the settings where the worker processes started after this call will find them."""
    (os.environ if environ is None else environ)[SETTINGS_VARIABLE] = settings.to_json()


def build_app(settings: ServeSettings) -> FastAPI:
    """The app for these settings (the database is already migrated by ``serve``).

    Builds the serving process's app, so it also settles the process's heap (backend.heap).
    """
    from backend import db, heap
    from backend.app import create_app

    engine = db.make_engine(settings.db_url)
    app = create_app(
        engine,
        settings.issuer_dir,
        master_key_file=settings.master_key_file,
        trusted_proxies=settings.trusted_proxies,
        console=console_settings(settings),
    )
    heap.settle()
    return app


def console_settings(settings: ServeSettings) -> ConsoleSettings:
    """The console's settings; the metrics token is read from its file here."""
    token = None
    if settings.metrics_token_file is not None:
        token = settings.metrics_token_file.read_text().strip()
        if len(token) < 16:
            raise ConfigError("the metrics token file must hold a token of 16 characters or more")
    return ConsoleSettings(
        secure_cookies=settings.secure_cookies,
        fleet=FleetSettings(
            stale_seconds=int(settings.stale_hours * 3600),
            retention_seconds=settings.heartbeat_days * 86400,
        ),
        metrics_token=token,
        point_value=Decimal(settings.point_value) if settings.point_value else None,
    )


def app_from_handoff(environ: Mapping[str, str] | None = None) -> FastAPI:
    """uvicorn's factory in each worker: the app for the settings ``serve`` handed over."""
    text = (os.environ if environ is None else environ).get(SETTINGS_VARIABLE)
    if text is None:
        raise ConfigError(f"{SETTINGS_VARIABLE} is not set; start workers with 'serve --workers'")
    from backend import logs

    logs.configure()  # a worker is a new process: its logs are JSON lines too
    return build_app(ServeSettings.from_json(text))
