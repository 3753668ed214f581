"""CameraReader on real video files and image sequences read through cv2.VideoCapture."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera import CameraReader
from drivers.chain import build_chain
from drivers.debounce import Debouncer
from drivers.decoders import ZxingDecoder
from drivers.errors import CameraUnavailable
from drivers.events import ErrorEvent, Event, ScanEvent, StatusEvent
from drivers.frames import LatestFrame
from drivers.sources import Source, parse_source
from drivers.synthetic import make_frame, qr_image


class Events:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.items: list[Event] = []
        self.on_scan: Callable[[ScanEvent], None] | None = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, ScanEvent) and self.on_scan is not None:
            self.on_scan(event)
        with self._cond:
            self.items.append(event)
            self._cond.notify_all()

    def wait_for(self, check: Callable[[], bool], timeout: float = 10.0) -> None:
        with self._cond:
            assert self._cond.wait_for(check, timeout), self.items

    def texts(self) -> list[str]:
        return [e.text for e in self.items if isinstance(e, ScanEvent)]

    def states(self) -> list[str]:
        return [e.state for e in self.items if isinstance(e, StatusEvent)]


def phone_frames() -> tuple[list[np.ndarray], list[str]]:
    """Three presentations: two phones shown in turn with empty counter frames in between."""
    first, second = make_frame("plain", 11), make_frame("perspective", 12)
    empty = make_frame("none", 13)
    frames = [first.image] * 6 + [empty.image] * 15 + [second.image] * 6 + [empty.image] * 15
    frames += [first.image] * 6
    return frames, [first.codes[0], second.codes[0], first.codes[0]]


def write_video(path: Path, frames: list[np.ndarray], fps: float = 25.0) -> None:
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()


def run_to_end(source: str, events: Events, **options: object) -> CameraReader:
    reader = CameraReader(
        source,
        events,
        chain=build_chain(["zxing"]),
        # 0.25 s: far longer than a frame (20 ms), far shorter than an absence (300+ ms).
        debouncer=Debouncer(hold_seconds=60, gone_seconds=0.25),
        **options,  # type: ignore[arg-type]
    )
    reader.start()
    try:
        assert reader.wait(timeout=20)
    finally:
        reader.stop()
    assert not reader.running
    return reader


def test_video_file_codes_are_reported_once_per_presentation(tmp_path):
    frames, expected = phone_frames()
    video = tmp_path / "counter.avi"
    write_video(video, frames)
    events = Events()
    reader = run_to_end(str(video), events, pace_fps=50)
    assert events.texts() == expected
    assert events.states() == ["open", "ended"]
    stats = reader.stats()
    assert stats.captured == len(frames)
    assert stats.decoded + stats.dropped == stats.captured
    assert reader.latest_frame() is not None
    assert reader.latest_frame().shape == (720, 1280, 3)


@pytest.mark.parametrize("as_pattern", [False, True], ids=["folder", "pattern"])
def test_image_sequence_is_read_in_order(tmp_path, as_pattern):
    frames, expected = phone_frames()
    encoded: dict[int, bytes] = {}  # three pictures shown in turn: each compressed once
    for index, frame in enumerate(frames, start=1):
        if id(frame) not in encoded:
            ok, png = cv2.imencode(".png", frame)
            assert ok
            encoded[id(frame)] = png.tobytes()
        (tmp_path / f"frame_{index:04d}.png").write_bytes(encoded[id(frame)])
    source = str(tmp_path / "frame_%04d.png") if as_pattern else str(tmp_path)
    events = Events()
    reader = run_to_end(source, events, pace_fps=50)
    assert events.texts() == expected
    assert reader.stats().captured == len(frames)


def test_a_slow_receiver_gets_the_newest_frame_not_stale_ones(tmp_path):
    # Every frame shows a different code, so a reported code names the frame it came from.
    codes = [f"LP1:FRAME-{i:02d}" for i in range(40)]
    frames = []
    for code in codes:
        canvas = np.full((360, 640), 255, np.uint8)
        qr = qr_image(code, 6)
        canvas[40 : 40 + qr.shape[0], 200 : 200 + qr.shape[1]] = qr
        frames.append(cv2.cvtColor(canvas, cv2.COLOR_GRAY2BGR))
    video = tmp_path / "fast.avi"
    write_video(video, frames)
    events = Events()
    reader = CameraReader(
        str(video),
        events,
        chain=build_chain(["zxing"]),
        debouncer=Debouncer(hold_seconds=60, gone_seconds=0.25),
        pace_fps=0,
    )

    def busy(_: ScanEvent) -> None:
        # The receiver is busy until the camera has delivered three more frames (or the
        # file's last): what it missed meanwhile must not be handed to it late.
        target = min(len(codes), reader.stats().captured + 3)
        deadline = time.monotonic() + 10
        while reader.stats().captured < target and time.monotonic() < deadline:
            time.sleep(0.001)

    events.on_scan = busy
    reader.start()
    try:
        assert reader.wait(timeout=20)
    finally:
        reader.stop()
    seen = [codes.index(text) for text in events.texts()]
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert len(seen) < len(codes)
    assert seen[-1] == len(codes) - 1
    assert reader.stats().dropped > 0


def test_latest_frame_slot_keeps_only_the_newest():
    slot = LatestFrame()
    for value in (1, 2, 3):
        slot.put(np.full((2, 2), value, np.uint8))
    taken = slot.take(timeout=0.1)
    assert taken is not None and taken[0, 0] == 3
    assert slot.dropped == 2
    assert slot.take(timeout=0.05) is None
    assert slot.peek() is not None and slot.peek()[0, 0] == 3


def test_take_wakes_up_when_the_slot_is_closed():
    slot = LatestFrame()
    threading.Timer(0.05, slot.close).start()
    started = time.monotonic()
    assert slot.take(timeout=5) is None
    assert time.monotonic() - started < 2


def test_a_missing_video_file_is_a_clear_error(tmp_path):
    with pytest.raises(CameraUnavailable, match="does not exist"):
        CameraReader(str(tmp_path / "nope.avi"), Events(), chain=build_chain(["zxing"]))


def test_a_folder_without_numbered_images_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(CameraUnavailable, match="numbered images"):
        parse_source(str(tmp_path))


def test_a_file_that_is_not_a_video_cannot_be_opened(tmp_path):
    bogus = tmp_path / "bogus.avi"
    bogus.write_bytes(b"not a video at all")
    reader = CameraReader(str(bogus), Events(), chain=build_chain(["zxing"]))
    with pytest.raises(CameraUnavailable, match="cannot open"):
        reader.start()


def test_device_sources_are_recognised():
    assert parse_source("0").kind == "device"
    assert parse_source("0").target == 0
    assert parse_source("/dev/video2").kind == "device"
    assert parse_source("frames/f_%03d.png").kind == "images"


def test_a_live_source_that_stops_is_reported_lost_and_reopened(tmp_path):
    # A video file declared as a device: when it runs out the reader must treat it as an
    # unplugged camera, report it, and open it again.
    frame = make_frame("plain", 31)
    video = tmp_path / "replug.avi"
    write_video(video, [frame.image] * 5)
    events = Events()
    reader = CameraReader(
        Source("device", str(video), "camera:replug"),
        events,
        chain=build_chain(["zxing"]),
        debouncer=Debouncer(hold_seconds=60, gone_seconds=0.2),
        reopen_seconds=0.4,
    )

    def kinds() -> list[str]:
        return [e.state if isinstance(e, StatusEvent) else "scan" for e in events.items]

    reader.start()
    try:
        # The file runs out, the reader waits reopen_seconds, opens it again and reads it.
        events.wait_for(lambda: len(kinds()) >= 5)
    finally:
        reader.stop()
    # Reported once per pass: the gap while the camera was away means the code left view.
    assert kinds()[:5] == ["open", "scan", "lost", "open", "scan"]
    assert set(events.texts()) == {frame.codes[0]}
    assert not reader.running


def test_a_missing_decoder_is_reported_as_an_error_event(tmp_path):
    from drivers.errors import DecoderMissing

    def missing():
        raise DecoderMissing("zbar decoder unavailable; apt-get install libzbar0")

    video = tmp_path / "one.avi"
    write_video(video, [make_frame("none", 2).image])
    events = Events()
    chain = build_chain(["zxing", "zbar"], {"zxing": ZxingDecoder, "zbar": missing})
    reader = CameraReader(str(video), events, chain=chain)
    reader.start()
    try:
        assert reader.wait(timeout=10)
    finally:
        reader.stop()
    errors = [e for e in events.items if isinstance(e, ErrorEvent)]
    assert [e.kind for e in errors] == ["decoder_missing"]
    assert "libzbar0" in errors[0].message


def test_reader_from_settings_uses_decoders_and_confirmation(tmp_path):
    from config.settings import CameraSettings

    once, twice = make_frame("plain", 41), make_frame("rotated", 42)
    empty = make_frame("none", 43).image
    video = tmp_path / "settings.avi"
    # A code seen on one frame only is not confirmed; one seen on many frames is.
    write_video(video, [empty] * 3 + [once.image] + [empty] * 3 + [twice.image] * 6 + [empty])
    settings = CameraSettings(source=str(video), decoders=("zxing",), confirm_frames=2)
    events = Events()
    reader = CameraReader.from_settings(settings, events)
    reader.start()
    try:
        assert reader.wait(timeout=10)
    finally:
        reader.stop()
    assert events.texts() == [twice.codes[0]]


class ExplodesOnce:
    """The real zxing decoder, except that its first call fails like a library bug would."""

    name = "explodes-once"

    def __init__(self) -> None:
        self.inner = ZxingDecoder()
        self.calls = 0

    def decode(self, gray):
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("simulated decoder crash")
        return self.inner.decode(gray)

    def quick(self, gray):
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("simulated decoder crash")
        return self.inner.quick(gray)


def test_a_decoder_crash_is_reported_once_and_decoding_goes_on(tmp_path):
    from drivers.chain import DecoderChain

    frame = make_frame("plain", 51)
    video = tmp_path / "crash.avi"
    write_video(video, [frame.image] * 6)
    events = Events()
    reader = CameraReader(str(video), events, chain=DecoderChain([ExplodesOnce()]))
    reader.start()
    try:
        assert reader.wait(timeout=10)
    finally:
        reader.stop()
    assert [e.kind for e in events.items if isinstance(e, ErrorEvent)] == ["decoder_failed"]
    assert events.texts() == [frame.codes[0]]
    assert events.states() == ["open", "ended"]


class CountingZxing(ZxingDecoder):
    """The real zxing decoder, counting full and quick passes."""

    def __init__(self) -> None:
        super().__init__()
        self.full = self.quick_calls = 0

    def decode(self, gray):
        self.full += 1
        return super().decode(gray)

    def quick(self, gray):
        self.quick_calls += 1
        return super().quick(gray)


def test_an_idle_camera_runs_the_full_chain_on_every_third_frame_only(tmp_path):
    from drivers.chain import DecoderChain

    sequence = tmp_path / "idle"
    sequence.mkdir()
    empty = make_frame("none", 5).image
    for index in range(9):
        cv2.imwrite(str(sequence / f"{index:03d}.png"), empty)
    decoder = CountingZxing()
    reader = CameraReader(str(sequence), Events(), chain=DecoderChain([decoder]), pace_fps=0)
    reader.start()
    try:
        assert reader.wait(timeout=20)
    finally:
        reader.stop()
    assert decoder.full + decoder.quick_calls == reader.stats().decoded
    assert decoder.full <= -(-reader.stats().decoded // 3)
    assert decoder.quick_calls >= decoder.full


def test_a_code_only_the_full_chain_reads_is_still_reported(tmp_path):
    hard = make_frame("small", 0)  # zxing's quick half-size pass misses it; the full one reads it
    gray = cv2.cvtColor(hard.image, cv2.COLOR_BGR2GRAY)
    assert ZxingDecoder().quick(gray) == [] and ZxingDecoder().decode(gray) == list(hard.codes)
    sequence = tmp_path / "hard"
    sequence.mkdir()
    for index in range(3):
        cv2.imwrite(str(sequence / f"{index:03d}.png"), hard.image)
    events = Events()
    run_to_end(str(sequence), events, pace_fps=0)
    assert events.texts() == list(hard.codes)
