"""Typed settings loaded from a TOML file, with a clear error for every bad value.

Every section is a frozen dataclass; unknown keys are refused so that a typo in the file is
reported instead of silently ignored.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from config.errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True)
class TerminalSettings:
    language: str = "en"
    currency: str = "CNY"


@dataclass(frozen=True)
class VerifySettings:
    skew_back_steps: int = 1
    skew_forward_steps: int = 1
    max_code_chars: int = 2048


@dataclass(frozen=True)
class CameraSettings:
    source: str = ""
    width: int = 1280
    height: int = 720
    decoders: tuple[str, ...] = ("zxing", "zbar")
    debounce_seconds: float = 3.0
    confirm_frames: int = 1


@dataclass(frozen=True)
class ScannerSettings:
    port: str = ""
    baud: int = 115200
    suffix: str = "auto"
    aim: bool = False
    max_length: int = 4096
    # A USB keyboard-wedge scanner (any port): see docs/scanning.md "Keyboard-wedge scanners".
    wedge_max_gap_ms: float = 50.0
    wedge_min_length: int = 8
    wedge_max_scan_ms: float = 1500.0
    wedge_prefix: str = ""
    wedge_suffix: str = ""


@dataclass(frozen=True)
class SyncSettings:
    interval_seconds: float = 15.0
    batch_max_events: int = 200
    batch_max_bytes: int = 256_000
    request_timeout_seconds: float = 10.0
    online_timeout_seconds: float = 2.0
    clock_warn_seconds: float = 60.0
    # A light signed request when idle: the status bar turns offline within
    # online_timeout_seconds + heartbeat_seconds of the backend going away.
    heartbeat_seconds: float = 60.0


@dataclass(frozen=True)
class PrinterSettings:
    port: str = ""
    baud: int = 19200


@dataclass(frozen=True)
class TillSettings:
    # "HOST:PORT" the Qt app serves the till API on; empty: the app serves none.
    listen: str = ""
    # A sale neither confirmed nor cancelled within this is cancelled (its holds released).
    sale_deadline_seconds: float = 900.0


@dataclass(frozen=True)
class UiSettings:
    # With no touch or scan for this long, the member screen goes back to the scan screen so
    # the last member's id and points do not stay in view; 0 turns it off.
    idle_seconds: float = 60.0


@dataclass(frozen=True)
class Settings:
    terminal: TerminalSettings = field(default_factory=TerminalSettings)
    verify: VerifySettings = field(default_factory=VerifySettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    sync: SyncSettings = field(default_factory=SyncSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    till: TillSettings = field(default_factory=TillSettings)
    ui: UiSettings = field(default_factory=UiSettings)


_CHOICES: dict[str, tuple[str, ...]] = {
    "terminal.language": ("en", "zh_CN"),
    "scanner.suffix": ("auto", "cr", "lf", "crlf", "none"),
}
_POSITIVE = {
    "camera.width",
    "camera.height",
    "camera.confirm_frames",
    "scanner.baud",
    "printer.baud",
    "scanner.max_length",
    "scanner.wedge_max_gap_ms",
    "scanner.wedge_min_length",
    "scanner.wedge_max_scan_ms",
    "verify.max_code_chars",
    "sync.interval_seconds",
    "sync.batch_max_events",
    "sync.batch_max_bytes",
    "sync.request_timeout_seconds",
    "sync.online_timeout_seconds",
    "sync.heartbeat_seconds",
    "till.sale_deadline_seconds",
}
# Zero has a meaning here (off); a negative value is a typo.
_NOT_NEGATIVE = {"ui.idle_seconds"}


def load_settings(path: Path | None) -> Settings:
    """Read ``path`` (missing file: defaults) and return validated settings."""
    if path is None or not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    return settings_from_mapping(raw, source=str(path))


def settings_from_mapping(raw: dict[str, Any], *, source: str = "settings") -> Settings:
    """Build settings from an already parsed mapping, naming the source in every error."""
    return _build(Settings, raw, prefix="", source=source)


def _build(cls: type[T], raw: object, *, prefix: str, source: str) -> T:
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: [{prefix.rstrip('.')}] must be a table")
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ConfigError(
            f"{source}: unknown setting {prefix}{unknown[0]} "
            f"(known: {', '.join(prefix + name for name in fields)})"
        )
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        key = f"{prefix}{name}"
        hint = hints[name]
        if dataclasses.is_dataclass(hint):
            values[name] = _build(hint, value, prefix=f"{key}.", source=source)  # type: ignore[arg-type]
        else:
            values[name] = _coerce(hint, value, key=key, source=source)
    return cls(**values)


def _coerce(hint: Any, value: object, *, key: str, source: str) -> object:
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: {key} must be a list of strings, got {value!r}")
        return tuple(value)
    expected = {bool: (bool,), int: (int,), float: (int, float), str: (str,)}[hint]
    if (isinstance(value, bool) and hint is not bool) or not isinstance(value, expected):
        raise ConfigError(f"{source}: {key} must be {hint.__name__}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        # TOML allows nan and inf; a timeout of inf would hang the counter, nan compares false.
        raise ConfigError(f"{source}: {key} must be a finite number, got {value!r}")
    if key in _POSITIVE and value <= 0:  # type: ignore[operator]
        raise ConfigError(f"{source}: {key} must be greater than 0, got {value!r}")
    if key in _NOT_NEGATIVE and value < 0:  # type: ignore[operator]
        raise ConfigError(f"{source}: {key} must be 0 to turn it off, or more, got {value!r}")
    if key in _CHOICES and value not in _CHOICES[key]:
        raise ConfigError(f"{source}: {key} must be one of {', '.join(_CHOICES[key])}")
    return float(value) if hint is float else value  # type: ignore[arg-type]
