"""``loyalty-terminal run``: the counter app (the set-up wizard on a terminal not set up yet)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("run", help="start the counter app")
    p.add_argument("--data-dir", type=Path, help="the terminal's data directory")
    p.add_argument("--lang", choices=["en", "zh_CN"], help="interface language (default: settings)")
    p.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="save the first screen to FILE and exit"
    )
    p.add_argument("--fullscreen", action="store_true", help="fill the screen (kiosk)")
    p.add_argument("--no-sound", action="store_true", help="no accepted/refused sounds")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Qt is imported only when the app really starts, so other commands stay light.
    from terminal.ui.app import Options, choose_platform
    from terminal.ui.app import run as run_app

    problem = choose_platform(headless=args.screenshot is not None)
    if problem is not None:
        print(f"loyalty-terminal: {problem}", file=sys.stderr)
        return 2
    options = Options(data_dir=args.data_dir, language=args.lang, sound=not args.no_sound)
    return run_app(options, screenshot=args.screenshot, fullscreen=args.fullscreen)
