"""``loyalty-terminal decode IMAGE...``: print the QR codes in image files, one JSON line each."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.errors import DecoderMissing

if TYPE_CHECKING:
    from drivers.chain import DecoderChain
from terminal.cli import EXIT_OK, EXIT_USAGE


def register(subparsers: Any) -> None:
    """Add the ``decode`` command."""
    parser = subparsers.add_parser(
        "decode",
        help="print the QR codes found in image files",
        description="Decode QR codes in images; one JSON line per image: "
        '{"file": ..., "codes": [...], "ms": ...}. Exit 2 if any image cannot be read.',
    )
    parser.add_argument(
        "--decoders",
        default="zxing,zbar",
        help="decoders to try, in order (default: zxing,zbar)",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Decode every image; exit 2 if one could not be read or no decoder is available."""
    try:
        from drivers.chain import build_chain, parse_decoder_names

        chain = build_chain(parse_decoder_names(args.decoders))
    except DecoderMissing as exc:
        print(f"loyalty-terminal decode: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.images:
        record = decode_file(chain, path)
        if "error" in record:
            status = EXIT_USAGE
        print(json.dumps(record), flush=True)
    return status


def decode_file(chain: DecoderChain, path: str) -> dict[str, Any]:
    """The JSON record for one image file."""
    if not Path(path).is_file():
        return {"file": path, "codes": [], "ms": 0.0, "error": "no such file"}
    import cv2  # here: the CLI's other commands run without OpenCV (a backend-only install)

    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        return {"file": path, "codes": [], "ms": 0.0, "error": "not an image OpenCV can read"}
    started = time.perf_counter()
    codes = chain.decode(image)
    ms = (time.perf_counter() - started) * 1000
    return {"file": path, "codes": codes, "ms": round(ms, 2)}
