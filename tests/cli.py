"""Run the real console commands as a POS or a technician would, and read what they print.

A command runs in this process by default: its ``main(argv)`` with its own stdin, stdout,
stderr, environment and logging, exit codes and SystemExit as a process would give them, and
an escaping exception as a traceback and exit 1. That is most of what the suite spent its
time on (a second or two of imports for each process). ``process=True`` runs ``python -m
module`` in a subprocess, for tests whose subject is the process (Qt, a timeout, the
interpreter's environment at start).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The module ``python -m`` runs and the module holding its ``main``.
ENTRY_POINTS = {"terminal": "terminal.cli", "wallet": "wallet.cli", "backend": "backend.cli"}


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout.strip().splitlines()[-1])


def run(
    module: str,
    *args: object,
    stdin: str | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    process: bool = False,
) -> Result:
    """Run ``python -m module args``; ``env`` is added to this process's environment.

    ``timeout`` applies to a subprocess only (pytest-timeout bounds a test in any case).
    """
    argv = [*map(str, args)]
    if process or module not in ENTRY_POINTS:
        proc = subprocess.run(
            [sys.executable, "-m", module, *argv],
            input=stdin,
            env={**os.environ, **env} if env is not None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)
    return _in_process(ENTRY_POINTS[module], argv, stdin or "", env or {})


def _stream(text: str = "") -> io.TextIOWrapper:
    """A text stream with a ``buffer`` underneath, as sys.stdin and sys.stdout have."""
    return io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline=None)


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", errors="replace")


@contextlib.contextmanager
def _environment(extra: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(extra)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _fresh_logging() -> Iterator[None]:
    """The root logger as a new process has it, so the command's basicConfig takes effect."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = []
    try:
        yield
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers, root.level = handlers, level


def _in_process(entry: str, argv: list[str], stdin: str, env: dict[str, str]) -> Result:
    main = importlib.import_module(entry).main
    stdin_stream, out, err = _stream(stdin), _stream(), _stream()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin_stream, out, err
    try:
        with _environment(env), _fresh_logging():
            try:
                code = main(argv)
            except SystemExit as exc:
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:
                    print(exc.code, file=sys.stderr)
                    code = 1
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Result(int(code), _read(out), _read(err))


def terminal(*args: object, **kwargs: Any) -> Result:
    return run("terminal", *args, **kwargs)


def wallet(*args: object, **kwargs: Any) -> Result:
    return run("wallet", *args, **kwargs)
