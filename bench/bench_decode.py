"""Benchmark the decoder chain against each single decoder library on labelled images.

    python bench/bench_decode.py DIR [--decoders zxing,zbar]
    python bench/bench_decode.py --generate DIR [--per-category 15] [--seed 0]

DIR holds images (any depth) each with a same-name ``.txt`` holding the expected text
(the zxing test-corpus layout); an empty ``.txt`` means "no code here", and a frame with
more codes has ``NAME.2.txt``, ``NAME.3.txt``... The category of an image is its folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import zxingcpp

from drivers.chain import build_chain, parse_decoder_names
from drivers.decoders import to_gray
from drivers.synthetic import CATEGORIES, make_frame

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
DecodeFn = Callable[[Any], list[str]]


@dataclass
class Tally:
    read: int = 0
    wrong: int = 0
    false: int = 0
    ms: list[float] = field(default_factory=list)
    read_frames: set[Path] = field(default_factory=set)
    ms_by_frame: dict[Path, float] = field(default_factory=dict)


def expected_codes(image: Path) -> list[str]:
    """The texts an image is labelled with; raw bytes, no newline translation."""
    codes = [image.with_suffix(".txt").read_bytes().decode("utf-8")]
    extra = 2
    while (more := image.with_name(f"{image.stem}.{extra}.txt")).exists():
        codes.append(more.read_bytes().decode("utf-8"))
        extra += 1
    return [code for code in codes if code]


def labelled_images(root: Path) -> list[Path]:
    """Every image under ``root`` that has a ``.txt`` label."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in IMAGE_SUFFIXES and p.with_suffix(".txt").exists()
    )


def library_decoders() -> dict[str, DecodeFn]:
    """Each library alone, used the plain way: full frame, QR only, library defaults."""
    decoders: dict[str, DecodeFn] = {}

    qr: Any = zxingcpp.BarcodeFormat.QRCode

    def zxing_alone(gray: Any) -> list[str]:
        found = zxingcpp.read_barcodes(gray, formats=qr, text_mode=zxingcpp.TextMode.Plain)
        return [r.text for r in found]

    decoders["zxing-cpp"] = zxing_alone
    try:
        from pyzbar import pyzbar
    except ImportError as exc:
        print(f"pyzbar skipped: {exc}", file=sys.stderr)
        return decoders

    def pyzbar_alone(gray: Any) -> list[str]:
        found = pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])
        return [s.data.decode("utf-8", "replace") for s in found]

    decoders["pyzbar"] = pyzbar_alone
    return decoders


def timed(decode: DecodeFn, gray: Any, repeat: int) -> tuple[list[str], float]:
    """The texts and the fastest of ``repeat`` timings in ms (the least disturbed run)."""
    best = float("inf")
    texts: list[str] = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        texts = decode(gray)
        best = min(best, (time.perf_counter() - started) * 1000)
    return texts, best


def run(root: Path, decoder_names: str, repeat: int) -> int:
    """Print the markdown table for every labelled image under ``root``."""
    images = labelled_images(root)
    if not images:
        print(f"no labelled images under {root}", file=sys.stderr)
        return 2
    chain = build_chain(parse_decoder_names(decoder_names))
    decoders: dict[str, DecodeFn] = {"chain": chain.decode, **library_decoders()}
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for index, path in enumerate(images):
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None:
            print(f"unreadable image skipped: {path}", file=sys.stderr)
            continue
        gray = to_gray(image)
        expected = expected_codes(path)
        category = str(path.parent.relative_to(root)) or "."
        counts[category][0] += 1
        counts[category][1] += len(expected)
        if index == 0:
            for decode in decoders.values():
                decode(gray)  # warm-up: first calls load libraries and allocate
        # Rotate who goes first: the first decoder on a frame pays for cold caches.
        order = list(decoders)[index % len(decoders) :] + list(decoders)[: index % len(decoders)]
        for name in order:
            texts, ms = timed(decoders[name], gray, repeat)
            for tally in (tallies[name][category], tallies[name]["all"]):
                tally.ms.append(ms)
                tally.ms_by_frame[path] = ms
                tally.read += sum(1 for t in set(texts) if t in expected)
                if expected:
                    tally.wrong += sum(1 for t in set(texts) if t not in expected)
                    if any(t in expected for t in texts):
                        tally.read_frames.add(path)
                else:
                    tally.false += len(set(texts))
    counts["all"] = [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]
    print_table(decoders, tallies, counts)
    print_speed_ratio(tallies)
    return 0


def _cell(tally: Tally) -> str:
    ms = sorted(tally.ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))] if ms else 0.0
    median = statistics.median(ms) if ms else 0.0
    return f"{tally.read} / {tally.wrong} / {tally.false} · {median:.1f} / {p95:.1f}"


def print_table(
    decoders: dict[str, DecodeFn],
    tallies: dict[str, dict[str, Tally]],
    counts: dict[str, list[int]],
) -> None:
    """One row per category; each cell: read / wrong / false · median / p95 ms."""
    names = list(decoders)
    print("| category | frames | codes | " + " | ".join(names) + " |")
    print("|---|---:|---:|" + "---:|" * len(names))
    for category in sorted(counts, key=lambda c: (c == "all", c)):
        frames, codes = counts[category]
        cells = " | ".join(_cell(tallies[name][category]) for name in names)
        label = "**all**" if category == "all" else category
        print(f"| {label} | {frames} | {codes} | {cells} |")
    print("\ncells: codes read / wrong texts / codes on frames without one · median / p95 ms")


def print_speed_ratio(tallies: dict[str, dict[str, Tally]]) -> None:
    """Median chain time over median zxing-cpp time, on the frames zxing-cpp reads."""
    if "zxing-cpp" not in tallies:
        return
    zx = tallies["zxing-cpp"]["all"]
    frames = zx.read_frames
    chain = tallies["chain"]["all"]
    if not frames:
        return
    zx_ms = statistics.median(zx.ms_by_frame[f] for f in frames)
    chain_ms = statistics.median(chain.ms_by_frame[f] for f in frames)
    print(
        f"on the {len(frames)} frames zxing-cpp reads: chain median {chain_ms:.2f} ms, "
        f"zxing-cpp median {zx_ms:.2f} ms, ratio {chain_ms / zx_ms:.2f}"
    )


def generate(root: Path, per_category: int, seed: int) -> int:
    """Write synthetic phone-screen frames with their labels under ``root/<category>/``."""
    for category in CATEGORIES:
        folder = root / category
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(per_category):
            frame = make_frame(category, seed + index)
            stem = folder / f"{index:03d}"
            cv2.imwrite(str(stem.with_suffix(".png")), frame.image)
            first = frame.codes[0] if frame.codes else ""
            stem.with_suffix(".txt").write_bytes(first.encode("utf-8"))
            for extra, code in enumerate(frame.codes[1:], start=2):
                stem.with_name(f"{stem.name}.{extra}.txt").write_bytes(code.encode("utf-8"))
    print(f"wrote {per_category * len(CATEGORIES)} frames under {root}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dir", type=Path, help="labelled image folder (or output with --generate)")
    parser.add_argument("--generate", action="store_true", help="write synthetic frames to DIR")
    parser.add_argument("--per-category", type=int, default=15)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timings per frame; the fastest counts"
    )
    parser.add_argument("--decoders", default="zxing,zbar", help="chain order (default zxing,zbar)")
    args = parser.parse_args(argv)
    if args.generate:
        return generate(args.dir, args.per_category, args.seed)
    return run(args.dir, args.decoders, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
