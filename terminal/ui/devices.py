"""Cameras as Qt lists them, on every OS: the wizard's choices and the source each opens.

``QMediaDevices`` (QtMultimedia, in PySide6-Addons, which the terminal installs on Windows)
names the cameras on Linux, Windows and macOS alike. Where QtMultimedia is missing (Linux
with PySide6-Essentials only) the V4L2 device files stand in. drivers/ never imports Qt:
the chosen value is a source that drivers/sources.py opens (a device path or an index).
"""

from __future__ import annotations

import glob
import logging

log = logging.getLogger(__name__)


def camera_sources(devices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, source) for Qt's cameras, given in order as (description, id).

    Qt's id is the device path on Linux (``/dev/video0``), which OpenCV opens as it is; on
    Windows it is a symbolic link OpenCV cannot open, so the camera's position in Qt's list
    stands for it (DirectShow and Media Foundation number the cameras in the same order).
    """
    choices = []
    for index, (description, ident) in enumerate(devices):
        source = ident if ident.startswith("/dev/") else str(index)
        label = f"{description}  ({source})" if description else source
        choices.append((label, source))
    return choices


def list_cameras() -> list[tuple[str, str]]:
    """(label, source) for each camera on this machine; call on the GUI thread."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        log.info("no QtMultimedia: listing /dev/video* instead")
        return [(path, path) for path in sorted(glob.glob("/dev/video*"))]
    return camera_sources(
        [
            (device.description(), bytes(device.id().data()).decode("utf-8", "replace"))
            for device in QMediaDevices.videoInputs()
        ]
    )
