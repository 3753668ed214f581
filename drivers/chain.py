"""A configurable chain of decoders: each runs only when the ones before it found nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy.typing as npt

from config.errors import ConfigError
from drivers.decoders import FACTORIES, Decoder, to_gray
from drivers.errors import DecoderMissing

log = logging.getLogger(__name__)


class DecoderChain:
    """Decoders in order of preference; the first that returns anything wins the frame."""

    def __init__(self, decoders: Sequence[Decoder], skipped: Sequence[str] = ()) -> None:
        if not decoders:
            raise DecoderMissing("no QR decoder is available: " + "; ".join(skipped))
        self.decoders = tuple(decoders)
        # Why each configured decoder is missing, for the status line a technician reads.
        self.skipped = tuple(skipped)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the decoders that will run, in order."""
        return tuple(d.name for d in self.decoders)

    def decode(self, image: npt.NDArray[Any], *, quick: bool = False) -> list[str]:
        """Texts of the codes in a BGR or gray frame; empty when no decoder trusts a read.

        ``quick`` runs only each decoder's cheapest pass.
        """
        gray = to_gray(image)
        for decoder in self.decoders:
            texts = decoder.quick(gray) if quick else decoder.decode(gray)
            if texts:
                return texts
        return []


def build_chain(
    names: Sequence[str], factories: Mapping[str, Callable[[], Decoder]] = FACTORIES
) -> DecoderChain:
    """A chain of the named decoders; one whose library is missing is skipped and logged."""
    decoders: list[Decoder] = []
    skipped: list[str] = []
    for name in dict.fromkeys(names):
        factory = factories.get(name)
        if factory is None:
            known = ", ".join(factories)
            raise ConfigError(f"unknown decoder {name!r}; known decoders: {known}")
        try:
            decoders.append(factory())
        except DecoderMissing as exc:
            log.warning("skipping decoder %s: %s", name, exc)
            skipped.append(str(exc))
    return DecoderChain(decoders, skipped)


def parse_decoder_names(value: str) -> tuple[str, ...]:
    """``"zxing,zbar"`` -> ``("zxing", "zbar")``, ignoring blanks."""
    return tuple(part.strip() for part in value.split(",") if part.strip())
