"""Real images through the real decoders: zxing's public photos and generated phone frames."""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np
import pytest

from config.errors import ConfigError
from drivers.chain import build_chain
from drivers.decoders import Decoder, Gray, ZbarDecoder, ZxingDecoder, to_gray
from drivers.errors import DecoderMissing
from drivers.synthetic import make_frame, qr_image
from tests.requirements import require

ZXING_DIR = Path(__file__).parent / "data" / "zxing"
ZXING_IMAGES = sorted(ZXING_DIR.glob("*.png"))


def zbar_available() -> bool:
    try:
        ZbarDecoder()
    except DecoderMissing:
        return False
    return True


def need_zbar() -> None:
    require(zbar_available(), "libzbar0 is missing: apt-get install libzbar0")


def expected(image: Path) -> str:
    return image.with_suffix(".txt").read_bytes().decode("utf-8")


def gray_of(image: Path) -> Gray:
    return to_gray(cv2.imread(str(image), cv2.IMREAD_COLOR))


@pytest.fixture(scope="module")
def chain():
    need_zbar()
    return build_chain(["zxing", "zbar"])


def test_the_zxing_subset_is_present():
    assert len(ZXING_IMAGES) >= 10
    assert (ZXING_DIR / "LICENSE").exists()


@pytest.mark.parametrize("image", ZXING_IMAGES, ids=lambda p: p.stem)
def test_chain_reads_the_zxing_photo_exactly(chain, image):
    assert chain.decode(cv2.imread(str(image))) == [expected(image)]


@pytest.mark.parametrize("name", ["zxing", "zbar"])
def test_single_decoders_never_return_a_wrong_text_on_the_zxing_subset(name):
    if name == "zbar":
        need_zbar()
    decoder = ZxingDecoder() if name == "zxing" else ZbarDecoder()
    for image in ZXING_IMAGES:
        texts = decoder.decode(gray_of(image))
        assert texts in ([], [expected(image)]), image.name


def test_chain_reads_a_photo_zxing_alone_misses():
    need_zbar()
    image = ZXING_DIR / "qrcode-4-09.png"
    assert ZxingDecoder().decode(gray_of(image)) == []
    assert build_chain(["zxing", "zbar"]).decode(gray_of(image)) == [expected(image)]


def test_zbar_drops_shift_jis_instead_of_guessing_its_charset():
    need_zbar()
    # pyzbar's own decode turns this Shift_JIS code into wrong kanji; ours returns nothing.
    image = ZXING_DIR / "qrcode-2-17.png"
    assert ZbarDecoder().decode(gray_of(image)) == []
    assert ZxingDecoder().decode(gray_of(image)) == [expected(image)]


def test_control_characters_in_a_code_are_returned_as_encoded():
    image = ZXING_DIR / "qrcode-2-33.png"
    assert ZxingDecoder().decode(gray_of(image)) == ["\x01\x10AD:SUB:阿;;"]


SURE = ["plain", "rotated", "perspective", "dark", "moire", "dim"]
HARD = ["defocus", "motion", "glare", "small"]


@pytest.mark.parametrize("category", SURE)
def test_chain_reads_every_generated_frame_of(chain, category):
    for seed in range(3):
        frame = make_frame(category, seed)
        assert chain.decode(frame.image) == list(frame.codes), (category, seed)


@pytest.mark.parametrize("category", HARD)
def test_chain_reads_most_hard_frames_and_never_a_wrong_text(chain, category):
    read = 0
    for seed in range(6):
        frame = make_frame(category, seed)
        texts = chain.decode(frame.image)
        assert set(texts) <= set(frame.codes), (category, seed)
        read += texts == list(frame.codes)
    assert read >= 3


def test_chain_reads_both_codes_of_two_phones(chain):
    for seed in range(3):
        frame = make_frame("two", seed)
        assert len(frame.codes) == 2
        assert sorted(chain.decode(frame.image)) == sorted(frame.codes)


def test_frames_without_a_code_yield_nothing(chain):
    for seed in range(6):
        assert chain.decode(make_frame("none", seed).image) == []


def test_blank_and_noise_frames_yield_nothing(chain):
    rng = np.random.default_rng(7)
    assert chain.decode(np.zeros((720, 1280), np.uint8)) == []
    assert chain.decode(rng.integers(0, 256, (720, 1280), dtype=np.uint8)) == []


def test_zbar_reads_dark_mode_only_through_its_inverted_retry():
    need_zbar()
    from drivers.zbar_raw import scan_qr_bytes

    gray = to_gray(qr_image("LP1:DARK-MODE", 6, dark=True))
    assert scan_qr_bytes(gray) == []
    assert ZbarDecoder().decode(gray) == ["LP1:DARK-MODE"]


def test_zxing_reads_any_text_not_only_member_codes():
    gray = qr_image("https://example.com/ä?x=1", 5)
    assert ZxingDecoder().decode(gray) == ["https://example.com/ä?x=1"]


class Counting:
    """A real decoder that also counts how often the chain asks it."""

    def __init__(self, inner: Decoder) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0

    def decode(self, gray: Gray) -> list[str]:
        self.calls += 1
        return self.inner.decode(gray)

    def quick(self, gray: Gray) -> list[str]:
        return self.inner.quick(gray)


def test_chain_stops_at_the_first_decoder_that_reads():
    need_zbar()
    zbar = Counting(ZbarDecoder())
    chain = build_chain(["zxing", "zbar"], {"zxing": ZxingDecoder, "zbar": lambda: zbar})
    assert chain.decode(make_frame("plain", 0).image)
    assert zbar.calls == 0
    assert chain.decode(make_frame("none", 0).image) == []
    assert zbar.calls == 1


def test_chain_order_is_configurable():
    need_zbar()
    chain = build_chain(["zbar", "zxing"])
    assert chain.names == ("zbar", "zxing")
    frame = make_frame("plain", 1)
    assert chain.decode(frame.image) == list(frame.codes)


def _missing() -> Decoder:
    raise DecoderMissing("zbar decoder unavailable; install the system library: libzbar0")


def test_a_missing_decoder_is_skipped_with_one_log_line(caplog):
    caplog.set_level(logging.WARNING, logger="drivers.chain")
    chain = build_chain(["zxing", "zbar"], {"zxing": ZxingDecoder, "zbar": _missing})
    assert chain.names == ("zxing",)
    assert len(caplog.records) == 1
    assert "libzbar0" in caplog.records[0].getMessage()
    assert "libzbar0" in chain.skipped[0]


def test_no_decoder_at_all_is_an_error():
    with pytest.raises(DecoderMissing, match="no QR decoder"):
        build_chain(["zbar"], {"zbar": _missing})


def test_an_unknown_decoder_name_is_a_configuration_error():
    with pytest.raises(ConfigError, match="known decoders"):
        build_chain(["zxing", "quagga"])
