"""The wizard's camera choices come from Qt's list and name a source OpenCV opens."""

from __future__ import annotations

from drivers.sources import parse_source
from terminal.ui.devices import camera_sources, list_cameras


def test_a_linux_camera_is_opened_by_its_device_path():
    assert camera_sources([("USB Camera", "/dev/video2")]) == [
        ("USB Camera  (/dev/video2)", "/dev/video2")
    ]


def test_a_windows_camera_is_opened_by_its_place_in_qts_list():
    windows = [
        ("Integrated Webcam", "\\\\?\\usb#vid_0c45&pid_6713#6&1f2a&0&0000#{e5323777}\\global"),
        ("HD Pro Webcam C920", "\\\\?\\usb#vid_046d&pid_082d#8&2b3c&0&0000#{e5323777}\\global"),
    ]
    assert [source for _, source in camera_sources(windows)] == ["0", "1"]
    assert camera_sources(windows)[1][0] == "HD Pro Webcam C920  (1)"


def test_every_listed_camera_is_a_device_the_driver_opens():
    listed = camera_sources([("A", "/dev/video0"), ("B", "opaque-id")]) + list_cameras()
    assert all(parse_source(source).kind == "device" for _, source in listed)
