"""A short success or failure sound where the machine has audio; silence, never a crash.

The tones are written once as WAV files and played through QtMultimedia's ``QSoundEffect``
where it is installed (PySide6-Addons: the terminal's Windows install has it), else by the
first system player found (``pw-play``, ``paplay``, ``aplay``: PySide6-Essentials on Linux
has no QtMultimedia); with neither the app falls back to ``QApplication.beep()`` for
failures only.
"""

from __future__ import annotations

import logging
import math
import shutil
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

PLAYERS = ("pw-play", "paplay", "aplay")
RATE = 16000


def write_tone(path: Path, notes: list[tuple[float, float]], volume: float = 0.4) -> None:
    """A mono 16-bit WAV of (frequency Hz, seconds) notes with soft edges."""
    frames = bytearray()
    for freq, seconds in notes:
        count = int(RATE * seconds)
        fade = max(1, int(RATE * 0.01))
        for i in range(count):
            edge = min(1.0, i / fade, (count - i) / fade)
            value = volume * edge * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", int(value * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


class Sound:
    """``accepted()`` and ``refused()``; both return at once."""

    def __init__(self, cache_dir: Path | None, enabled: bool = True) -> None:
        self.enabled = enabled
        self._effects = _effect_class()
        self._player = (
            "QtMultimedia"
            if self._effects is not None
            else next((p for p in map(shutil.which, PLAYERS) if p), None)
        )
        self._files: dict[str, Path] = {}
        self._loaded: dict[str, Any] = {}
        if self._player and cache_dir is not None:
            try:
                self._files = {
                    "ok": cache_dir / "accepted.wav",
                    "refused": cache_dir / "refused.wav",
                }
                if not self._files["ok"].exists():
                    write_tone(self._files["ok"], [(880, 0.08), (1320, 0.12)])
                if not self._files["refused"].exists():
                    write_tone(self._files["refused"], [(330, 0.18), (220, 0.25)])
            except OSError as exc:
                log.info("no sound files (%s); using the system beep", exc)
                self._files = {}

    @property
    def backend(self) -> str:
        """What plays the sounds, for the diagnostics screen."""
        return Path(self._player).name if self._player and self._files else "beep"

    def accepted(self) -> None:
        """A short rising tone."""
        self._play("ok", beep=False)

    def refused(self) -> None:
        """A short falling tone (or the system beep)."""
        self._play("refused", beep=True)

    def _play(self, name: str, *, beep: bool) -> None:
        if not self.enabled:
            return
        path = self._files.get(name)
        if self._effects is not None and path is not None:
            self._effect(name, path).play()
        elif self._player and path is not None:
            QProcess.startDetached(self._player, [str(path)])
        elif beep:
            QApplication.beep()

    def _effect(self, name: str, path: Path) -> Any:
        """One QSoundEffect per tone, loaded on first use and kept (loading is asynchronous)."""
        if name not in self._loaded:
            effect = self._effects()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._loaded[name] = effect
        return self._loaded[name]


def _effect_class() -> Any:
    """QtMultimedia's QSoundEffect, or None where PySide6-Addons is not installed."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        return None
    return QSoundEffect
