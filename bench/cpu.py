"""CPU seconds that other processes spent, read from Linux's /proc: the benches' backend and
PostgreSQL, whose CPU a wall-time rate on a shared machine cannot tell apart from waiting.

A process tree's total is its root's own time, the time of the children it has reaped
(``cutime``/``cstime``), and the own time of every live descendant: a worker that exits
between two readings moves from the last term to the second, so differences stay right.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def available() -> bool:
    """Whether this system has a Linux /proc to read."""
    return (PROC / "self" / "stat").exists()


def find(*needles: str) -> int | None:
    """The lowest pid whose command line holds every one of ``needles`` (None if none)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        line = " ".join(word.decode(errors="replace") for word in words)
        if all(needle in line for needle in needles):
            found.append(int(entry.name))
    return min(found) if found else None


def postmaster(port: int | None) -> int | None:
    """The local PostgreSQL server listening on ``port`` (its backends are its children)."""
    return None if port is None else find("postgres", "-D", f"-p {port} ")


def thread_seconds(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) of each live thread of ``pid`` so far, by thread id."""
    found = {}
    for task in (PROC / str(pid) / "task").iterdir():
        fields = _stat_fields(task / "stat")
        if fields is not None:
            found[int(task.name)] = (int(fields[11]) + int(fields[12])) / _TICKS
    return found


def tree_seconds(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its descendants so far."""
    stats = _all_stats()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    if root not in stats:
        return 0.0
    total = stats[root][2]  # the reaped children
    pending = [root]
    while pending:
        pid = pending.pop()
        total += stats[pid][1]
        pending.extend(children.get(pid, ()))
    return total


def _all_stats() -> dict[int, tuple[int, float, float]]:
    """pid -> (parent pid, own CPU seconds, reaped children's CPU seconds)."""
    stats = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(entry / "stat")
        if fields is None:
            continue
        ppid = int(fields[1])
        utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
        stats[int(entry.name)] = (ppid, (utime + stime) / _TICKS, (cutime + cstime) / _TICKS)
    return stats


def _stat_fields(path: Path) -> list[str] | None:
    """The fields of a /proc ``stat`` file after the command name; None if it is gone."""
    try:
        text = path.read_text()
    except OSError:
        return None  # the process or thread ended meanwhile
    # The command name (field 2) may hold spaces and parentheses: split after the last ")".
    return text[text.rindex(")") + 2 :].split()
