"""Synthetic phone-screen camera frames with known content, for tests, benchmarks and demos.

Every frame is 1280x720 BGR (by default), built from a seed so that the same call always
gives the same pixels. Categories mimic what a counter camera sees when members hold up phones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import segno

Image = npt.NDArray[np.uint8]

CATEGORIES: tuple[str, ...] = (
    "plain",
    "rotated",
    "perspective",
    "defocus",
    "motion",
    "dark",
    "moire",
    "glare",
    "dim",
    "small",
    "two",
    "none",
)
_BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


@dataclass(frozen=True)
class Frame:
    """A synthetic frame and the exact texts of the codes it shows (empty: no code)."""

    image: Image
    codes: tuple[str, ...]
    category: str


def _u8(image: npt.NDArray[Any]) -> Image:
    return np.asarray(image, dtype=np.uint8)


def member_code(rng: np.random.Generator) -> str:
    """A random text shaped like a member code: ``LP1:`` and 60-100 base45 characters."""
    length = int(rng.integers(60, 101))
    return "LP1:" + "".join(_BASE45[i] for i in rng.integers(0, len(_BASE45), length))


def qr_image(text: str, module_px: int, *, border: int = 4, dark: bool = False) -> Image:
    """A crisp QR code image, black on white (white on black when ``dark``)."""
    qr = segno.make_qr(text, error="m", boost_error=False)
    rows = [list(row) for row in qr.matrix_iter(scale=1, border=border)]
    modules = np.array(rows, dtype=bool)
    img = np.where(modules, 0, 255).astype(np.uint8)
    if dark:
        img = 255 - img
    return _u8(cv2.resize(img, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST))


def phone_screen(text: str | None, rng: np.random.Generator, *, dark: bool) -> Image:
    """A 420x760 gray phone screen: app chrome, text lines and the code (if any) in the middle."""
    height, width = 760, 420
    bg, fg = (18, 225) if dark else (250, 30)
    screen = np.full((height, width), bg, np.uint8)
    cv2.rectangle(screen, (0, 0), (width, 70), 60 if dark else 200, -1)
    cv2.putText(screen, "Member card", (20, 48), cv2.FONT_HERSHEY_SIMPLEX, 1.1, fg, 2)
    for i in range(3):
        y = 640 + 35 * i
        cv2.putText(screen, f"Points {int(rng.integers(0, 9999))}", (30, y), 0, 0.8, fg, 2)
    if text is None:
        # A screen without a code still has structure a decoder could mistake for one.
        for y in range(120, 600, 16):
            cv2.line(screen, (40, y), (380, y), fg, 1 + int(rng.integers(0, 2)))
        cv2.rectangle(screen, (60, 160), (110, 210), fg, -1)
        cv2.rectangle(screen, (310, 160), (360, 210), fg, -1)
        return screen
    code = qr_image(text, 1, dark=dark)
    side = 360
    code = _u8(cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST))
    top, left = 150, (width - side) // 2
    screen[top : top + side, left : left + side] = code
    return screen


def _background(rng: np.random.Generator, size: tuple[int, int]) -> Image:
    width, height = size
    ramp = np.linspace(int(rng.integers(60, 120)), int(rng.integers(120, 200)), width)
    bg = np.tile(ramp, (height, 1)).astype(np.float32)
    for _ in range(6):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(40, 300)), int(rng.integers(40, 200))
        shade = float(rng.integers(30, 220))
        cv2.rectangle(bg, (x, y), (x + w, y + h), shade, -1)
    return np.clip(bg, 0, 255).astype(np.uint8)


def _phone_corners(
    rng: np.random.Generator, size: tuple[int, int], height_px: float, angle: float, tilt: float
) -> npt.NDArray[np.float32]:
    width, height = size
    w, h = height_px * 420 / 760, height_px
    cx = float(rng.uniform(w / 2 + 20, width - w / 2 - 20)) if w < width - 40 else width / 2
    cy = float(rng.uniform(min(h / 2 + 10, height / 2), max(height - h / 2 - 10, height / 2)))
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    # A tilted phone: its far edge looks shorter; which edge is far is random.
    far = int(rng.integers(0, 4))
    a, b = far, (far + 1) % 4
    middle = (corners[a] + corners[b]) / 2
    corners[a] = middle + (corners[a] - middle) * (1 - tilt)
    corners[b] = middle + (corners[b] - middle) * (1 - tilt)
    rad = math.radians(angle)
    rot = np.array([[math.cos(rad), -math.sin(rad)], [math.sin(rad), math.cos(rad)]])
    return np.asarray(corners @ rot.T + np.array([cx, cy]), dtype=np.float32)


def _place(frame: Image, screen: Image, corners: npt.NDArray[np.float32], bezel: int = 18) -> None:
    body = cv2.copyMakeBorder(screen, bezel, bezel, bezel, bezel, cv2.BORDER_CONSTANT, value=15)
    bh, bw = body.shape
    src = np.array([[0, 0], [bw, 0], [bw, bh], [0, bh]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners)
    size = (frame.shape[1], frame.shape[0])
    warped = cv2.warpPerspective(body, matrix, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((bh, bw), 255, np.uint8), matrix, size)
    np.copyto(frame, warped, where=mask > 127)


def _moire(frame: Image, rng: np.random.Generator, strength: float) -> Image:
    h, w = frame.shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = float(rng.uniform(0, math.pi))
    period = float(rng.uniform(2.2, 3.5))
    wave = np.sin((x * math.cos(angle) + y * math.sin(angle)) * 2 * math.pi / period)
    beat = np.sin((x * math.cos(angle + 0.1) + y * math.sin(angle + 0.1)) * 2 * math.pi / 40)
    pattern = 1.0 + strength * wave * (0.6 + 0.4 * beat)
    return _u8(np.clip(frame.astype(np.float32) * pattern, 0, 255))


def _glare(frame: Image, rng: np.random.Generator, center: tuple[float, float]) -> Image:
    h, w = frame.shape
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    cx = center[0] + float(rng.uniform(-60, 60))
    cy = center[1] + float(rng.uniform(-60, 60))
    sx, sy = float(rng.uniform(60, 140)), float(rng.uniform(40, 90))
    blob = np.exp(-(((x - cx) / sx) ** 2 + ((y - cy) / sy) ** 2))
    peak = float(rng.uniform(170, 260))
    return _u8(np.clip(frame.astype(np.float32) + peak * blob, 0, 255))


def _motion_blur(frame: Image, rng: np.random.Generator) -> Image:
    length = int(rng.integers(6, 15))
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
    kernel = np.asarray(cv2.warpAffine(kernel, rot, (length, length)), dtype=np.float32)
    kernel /= max(float(kernel.sum()), 1e-6)
    return np.asarray(cv2.filter2D(frame, -1, kernel), dtype=np.uint8)


def _camera(frame: Image, rng: np.random.Generator, noise: float) -> Image:
    noisy = frame.astype(np.float32) + rng.normal(0, noise, frame.shape).astype(np.float32)
    gray = np.clip(noisy, 0, 255).astype(np.uint8)
    quality = int(rng.integers(75, 92))
    ok, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)


def _pose(category: str, rng: np.random.Generator, size: tuple[int, int]) -> tuple[float, ...]:
    angle = float(rng.uniform(-12, 12))
    tilt = float(rng.uniform(0.0, 0.08))
    height_px = float(rng.uniform(560, 680)) * size[1] / 720
    if category == "rotated":
        angle = float(rng.uniform(20, 340))
        height_px *= 0.85
    elif category == "perspective":
        tilt = float(rng.uniform(0.3, 0.55))
    elif category == "small":
        height_px = float(rng.uniform(150, 230)) * size[1] / 720
    return angle, tilt, height_px


def _optics(
    frame: Image, category: str, rng: np.random.Generator, center: tuple[float, float]
) -> Image:
    if category == "moire":
        frame = _moire(frame, rng, float(rng.uniform(0.5, 0.8)))
    elif category == "glare":
        frame = _glare(frame, rng, center)
    elif category == "defocus":
        frame = _u8(cv2.GaussianBlur(frame, (0, 0), float(rng.uniform(1.8, 3.2))))
    elif category == "motion":
        frame = _motion_blur(frame, rng)
    noise = 9.0 if category == "dim" else 3.0
    frame = _u8(cv2.GaussianBlur(frame, (0, 0), float(rng.uniform(0.5, 1.0))))
    return _camera(frame, rng, noise)


def make_frame(category: str, seed: int, size: tuple[int, int] = (1280, 720)) -> Frame:
    """One frame of ``category`` (see ``CATEGORIES``), fully determined by ``seed``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; known: {', '.join(CATEGORIES)}")
    rng = np.random.default_rng([seed, CATEGORIES.index(category)])
    frame = _background(rng, size)
    dark = category == "dark" or (category in ("none", "two") and rng.random() < 0.3)
    angle, tilt, height_px = _pose(category, rng, size)
    phones = 2 if category == "two" else 1
    codes: list[str] = []
    centers: list[tuple[float, float]] = []
    for index in range(phones):
        text = None if category == "none" else member_code(rng)
        screen = phone_screen(text, rng, dark=dark)
        if category == "dim":
            screen = _u8(screen.astype(np.float32) * rng.uniform(0.1, 0.22) + 8)
        corners = _phone_corners(rng, size, height_px * (0.85 if phones == 2 else 1.0), angle, tilt)
        if phones == 2:
            # Keep the two phones apart: one in each half of the counter.
            corners[:, 0] += size[0] / 4 + index * size[0] / 2 - corners[:, 0].mean()
        _place(frame, screen, corners)
        centers.append((float(corners[:, 0].mean()), float(corners[:, 1].mean())))
        codes.extend([text] if text is not None else [])
    frame = _optics(frame, category, rng, centers[0])
    return Frame(np.asarray(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)), tuple(codes), category)
