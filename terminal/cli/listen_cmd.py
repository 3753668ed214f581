"""``loyalty-terminal listen``: print codes from a camera or serial scanner as JSON lines."""

from __future__ import annotations

import argparse
import json
import queue
import sys
from typing import TYPE_CHECKING, Any

from drivers.debounce import Debouncer
from drivers.errors import DriverError
from drivers.events import ErrorEvent, Event, ScanEvent, StatusEvent
from drivers.serial_framing import SUFFIXES

if TYPE_CHECKING:
    from drivers.camera import CameraReader
    from drivers.serial_scanner import SerialScanner
from terminal.cli import EXIT_OK, EXIT_USAGE


def register(subparsers: Any) -> None:
    """Add the ``listen`` command."""
    parser = subparsers.add_parser(
        "listen",
        help="print codes read by a camera or serial scanner",
        description='One JSON line per code read: {"source", "text", "t"}; '
        "status and errors go to stderr. Stops on Ctrl-C, after --count codes, "
        "or at the end of a video file or image sequence.",
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--camera",
        metavar="SRC",
        help="device index, /dev/video path, video file, image pattern or image folder",
    )
    where.add_argument("--serial", metavar="PORT", help="serial port of a 2D scanner")
    parser.add_argument("--baud", type=int, default=115200, help="default 115200 (8N1)")
    parser.add_argument("--suffix", choices=tuple(SUFFIXES), default="auto")
    parser.add_argument("--aim", action="store_true", help="require and strip an AIM ID (]Q1)")
    parser.add_argument("--count", type=int, default=0, metavar="N", help="stop after N codes")
    parser.add_argument("--decoders", default="zxing,zbar", help="camera decoders, in order")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Listen until interrupted, N codes were read, or a file source ended."""
    # Drivers load here: the CLI's other commands run without OpenCV or pyserial.
    from drivers.camera import CameraReader
    from drivers.chain import build_chain, parse_decoder_names
    from drivers.serial_scanner import SerialScanner

    events: queue.Queue[Event] = queue.Queue()
    reader: CameraReader | SerialScanner
    try:
        if args.camera is not None:
            chain = build_chain(parse_decoder_names(args.decoders))
            reader = CameraReader(args.camera, events.put, chain=chain, debouncer=Debouncer())
        else:
            reader = SerialScanner(
                args.serial, events.put, baud=args.baud, suffix=args.suffix, aim=args.aim
            )
        reader.start()
    except DriverError as exc:
        print(f"loyalty-terminal listen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        _pump(events, args.count)
    finally:
        reader.stop()
    return EXIT_OK


def _pump(events: queue.Queue[Event], count: int) -> None:
    read = 0
    while count <= 0 or read < count:
        try:
            event = events.get(timeout=0.5)
        except queue.Empty:
            continue
        if isinstance(event, ScanEvent):
            print(json.dumps({"source": event.source, "text": event.text, "t": event.t}))
            sys.stdout.flush()
            read += 1
        elif isinstance(event, StatusEvent):
            print(f"status {event.source} {event.state}: {event.message}", file=sys.stderr)
            if event.state == "ended":
                return
        elif isinstance(event, ErrorEvent):
            print(f"error {event.source} {event.kind}: {event.message}", file=sys.stderr)
