"""Turn a camera source string into an opened OpenCV capture.

A source is a device index (``0``), a device path (``/dev/video0``), a video file, an
image-sequence pattern (``frames/f_%03d.png``) or a folder of numbered images.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2

from drivers.errors import CameraUnavailable

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")
_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<digits>\d+)(?P<suffix>\.[A-Za-z]+)$")


@dataclass(frozen=True)
class Source:
    """A parsed source: ``kind`` is ``device``, ``video`` or ``images``."""

    kind: str
    target: int | str
    label: str

    @property
    def is_live(self) -> bool:
        """A device can drop out and come back; a file or sequence simply ends."""
        return self.kind == "device"


def parse_source(spec: str | int) -> Source:
    """Classify ``spec``; raises CameraUnavailable for a path that does not exist."""
    text = str(spec).strip()
    if text.isdigit():
        return Source("device", int(text), f"camera:{text}")
    label = f"camera:{text}"
    if text.startswith("/dev/"):
        return Source("device", text, label)
    if "%" in text:
        return Source("images", text, label)
    path = Path(text)
    if path.is_dir():
        return Source("images", _folder_pattern(path), label)
    if path.is_file():
        return Source("video", text, label)
    raise CameraUnavailable(
        f"camera source {text!r} does not exist; give a device index (0), a /dev/video path, "
        "a video file, an image pattern such as frames/f_%03d.png, or a folder of images"
    )


def _folder_pattern(folder: Path) -> str:
    names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    for name in names:
        match = _NUMBERED.match(name)
        if match:
            width = len(match["digits"])
            digits = f"%0{width}d" if match["digits"].startswith("0") else "%d"
            return str(folder / f"{match['prefix']}{digits}{match['suffix']}")
    raise CameraUnavailable(
        f"folder {folder} has no numbered images (such as frame_001.png) to play as a sequence"
    )


def open_capture(source: Source, width: int, height: int) -> Any:
    """An opened ``cv2.VideoCapture``; raises CameraUnavailable with what to check."""
    if source.kind == "images":
        capture = cv2.VideoCapture(str(source.target), cv2.CAP_IMAGES)
    else:
        capture = cv2.VideoCapture(source.target)
    if not capture.isOpened():
        capture.release()
        hint = {
            "device": "check the cable, that no other program uses the camera, and that "
            "this user may open video devices (group 'video')",
            "video": "check that the file is a video OpenCV can read (MJPG .avi, .mp4)",
            "images": "check the pattern and that the first image exists",
        }[source.kind]
        raise CameraUnavailable(f"cannot open {source.label}: {hint}")
    if source.is_live:
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        # A one-frame driver buffer keeps the image we decode close to what is in front now.
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
    return capture


def source_fps(capture: Any, source: Source, default: float = 10.0) -> float:
    """The frame rate a file claims, or ``default`` when it gives none (image sequences)."""
    fps = float(capture.get(cv2.CAP_PROP_FPS))
    if source.kind == "images" or not fps > 0 or fps > 240:
        return default
    return fps
