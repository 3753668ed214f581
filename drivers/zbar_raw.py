"""Run libzbar on a gray frame for QR codes only, returning the raw bytes of each code.

pyzbar's own ``decode`` lets zbar guess the charset of byte-mode data and convert it; on
Shift_JIS and Big5 codes the guess is often wrong, which would be a misread. zbar's BINARY
option returns the bytes as encoded, and the caller keeps only those that are valid UTF-8.
"""

from __future__ import annotations

from ctypes import c_void_p, string_at

import numpy as np
import numpy.typing as npt
from pyzbar import wrapper as zb  # raises ImportError when libzbar0 is missing

_GRAY_FOURCC = 808466521  # 'Y800': 8-bit grayscale
_CFG_BINARY = 4  # ZBAR_CFG_BINARY in zbar.h (zbar >= 0.23); unknown options are ignored


def scan_qr_bytes(gray: npt.NDArray[np.uint8]) -> list[bytes]:
    """The raw data of every QR code zbar finds in ``gray`` (2-D uint8)."""
    height, width = gray.shape
    pixels = np.ascontiguousarray(gray, dtype=np.uint8)
    scanner = zb.zbar_image_scanner_create()
    try:
        zb.zbar_image_scanner_set_config(scanner, zb.ZBarSymbol.NONE, zb.ZBarConfig.CFG_ENABLE, 0)
        zb.zbar_image_scanner_set_config(scanner, zb.ZBarSymbol.QRCODE, zb.ZBarConfig.CFG_ENABLE, 1)
        zb.zbar_image_scanner_set_config(scanner, zb.ZBarSymbol.QRCODE, _CFG_BINARY, 1)
        image = zb.zbar_image_create()
        try:
            zb.zbar_image_set_format(image, _GRAY_FOURCC)
            zb.zbar_image_set_size(image, width, height)
            zb.zbar_image_set_data(image, pixels.ctypes.data_as(c_void_p), pixels.size, None)
            if zb.zbar_scan_image(scanner, image) <= 0:
                return []
            return _symbol_data(image)
        finally:
            zb.zbar_image_destroy(image)
    finally:
        zb.zbar_image_scanner_destroy(scanner)


def _symbol_data(image: object) -> list[bytes]:
    found: list[bytes] = []
    symbol = zb.zbar_image_first_symbol(image)
    while symbol:
        if symbol.contents.type == zb.ZBarSymbol.QRCODE:
            length = zb.zbar_symbol_get_data_length(symbol)
            found.append(string_at(zb.zbar_symbol_get_data(symbol), length))
        symbol = zb.zbar_symbol_next(symbol)
    return found
