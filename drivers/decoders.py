"""QR decoders behind one small interface, each trying its own cheap-to-costly image variants.

A decoder returns every clean text found in the first variant that yields anything; a text
with replacement characters or bytes that are not text is dropped (a miss beats a misread).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt

from config.errors import ConfigError
from drivers.errors import DecoderMissing
from drivers.text import is_clean_text, text_from_bytes

Gray = npt.NDArray[np.uint8]


class Decoder(Protocol):
    """Anything that turns a grayscale frame into the texts of the QR codes it shows."""

    name: str

    def decode(self, gray: Gray) -> list[str]:
        """Texts of the codes in ``gray``, in reading order; empty when none is trusted."""
        ...

    def quick(self, gray: Gray) -> list[str]:
        """Like ``decode`` with only the cheapest pass (a camera's frames between full tries)."""
        ...


def to_gray(image: npt.NDArray[Any]) -> Gray:
    """A contiguous 8-bit grayscale view of a BGR or gray frame."""
    if image.ndim == 3:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    return np.ascontiguousarray(image, dtype=np.uint8)


def half(gray: Gray) -> Gray:
    """``gray`` at half size; INTER_AREA averages away screen moiré and sensor noise."""
    h, w = gray.shape[:2]
    return np.asarray(
        cv2.resize(gray, (max(w // 2, 1), max(h // 2, 1)), interpolation=cv2.INTER_AREA),
        dtype=np.uint8,
    )


def sharpen(gray: Gray) -> Gray:
    """``gray`` with an unsharp mask (sigma 1.5), restoring module edges lost to blur."""
    blurred = cv2.GaussianBlur(gray, (0, 0), 1.5)
    return np.asarray(cv2.addWeighted(gray, 2.0, blurred, -1.0, 0), dtype=np.uint8)


def _unique(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(texts))


class ZxingDecoder:
    """zxing-cpp, QR only: the half-size frame first (fast), then full resolution, sharpened."""

    name = "zxing"

    def __init__(self) -> None:
        try:
            import zxingcpp
        except ImportError as exc:
            raise DecoderMissing(
                f"zxing decoder unavailable ({exc}); install it with: pip install zxing-cpp"
            ) from exc
        self._zx: Any = zxingcpp

    def _read(self, gray: Gray, *, downscale: bool) -> list[str]:
        zx = self._zx
        results = zx.read_barcodes(
            gray,
            formats=zx.BarcodeFormat.QRCode,
            try_downscale=downscale,
            try_invert=True,
            text_mode=zx.TextMode.Plain,
        )
        texts = [r.text for r in results if r.valid and is_clean_text(r.text)]
        return _unique(texts)

    def quick(self, gray: Gray) -> list[str]:
        """The half-size pass alone (full size for a small image): about 1 ms a frame."""
        if min(gray.shape[:2]) >= 480:
            return self._read(half(gray), downscale=False)
        return self._read(gray, downscale=True)

    def decode(self, gray: Gray) -> list[str]:
        """Texts from the first of: half size, full size, sharpened full size."""
        # A camera frame at half size still has enough pixels per module for a phone held
        # at the counter; a small image (a crop, a scan) would lose its modules.
        if min(gray.shape[:2]) >= 480:
            texts = self._read(half(gray), downscale=False)
            if texts:
                return texts
        texts = self._read(gray, downscale=True)
        if texts:
            return texts
        # Unsharp masking recovers slightly defocused, shaken or far-away codes (+5 of 13
        # misses on the generated frames) for about 10 ms, paid only when all else failed.
        return self._read(sharpen(gray), downscale=False)


class ZbarDecoder:
    """libzbar0 through pyzbar's bindings, QR only, raw bytes kept only when valid UTF-8."""

    name = "zbar"

    def __init__(self) -> None:
        try:
            from drivers import zbar_raw
        except (ImportError, OSError) as exc:
            raise DecoderMissing(
                f"zbar decoder unavailable ({exc}); install the system library: "
                "apt-get install libzbar0"
            ) from exc
        self._scan = zbar_raw.scan_qr_bytes

    def _read(self, gray: Gray) -> list[str]:
        texts = [text_from_bytes(data) for data in self._scan(gray)]
        return _unique([t for t in texts if t is not None])

    def quick(self, gray: Gray) -> list[str]:
        """Nothing: even at half size zbar costs over 20 ms, too much for a quick pass."""
        return []

    def decode(self, gray: Gray) -> list[str]:
        """Texts from the first of: half size, full size, inverted half size (dark mode)."""
        # Half size first: four times cheaper, and averaging removes most screen moiré.
        variants: tuple[Callable[[Gray], Gray], ...] = (
            half,
            lambda g: g,
            lambda g: np.asarray(255 - half(g), dtype=np.uint8),
        )
        for variant in variants:
            texts = self._read(variant(gray))
            if texts:
                return texts
        return []


FACTORIES: dict[str, Callable[[], Decoder]] = {"zxing": ZxingDecoder, "zbar": ZbarDecoder}


def make_decoder(name: str) -> Decoder:
    """The decoder called ``name``; raises DecoderMissing when its library cannot load."""
    factory = FACTORIES.get(name)
    if factory is None:
        raise ConfigError(f"unknown decoder {name!r}; known decoders: {', '.join(FACTORIES)}")
    return factory()
