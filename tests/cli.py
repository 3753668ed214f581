"""Run the real console commands in a subprocess, as a POS or a technician would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any


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
) -> Result:
    """Run ``python -m module args``; ``env`` is added to this process's environment."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        input=stdin,
        env={**os.environ, **env} if env is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def terminal(*args: object, **kwargs: Any) -> Result:
    return run("terminal", *args, **kwargs)


def wallet(*args: object, **kwargs: Any) -> Result:
    return run("wallet", *args, **kwargs)
