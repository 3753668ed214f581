"""Turn per-frame reads into one report per code presentation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class _Track:
    streak: int = 0
    last_seen: float = 0.0
    reported_at: float | None = None


class Debouncer:
    """Reports a text once while it stays in view, again after ``hold_seconds`` or a return.

    ``confirm_frames=2`` reports only a text read on two consecutive frames, which guards
    against a one-frame misread. A text unseen for ``gone_seconds`` has left the view;
    the grace period keeps one missed frame from causing a second beep.
    """

    def __init__(
        self, hold_seconds: float = 3.0, confirm_frames: int = 1, gone_seconds: float = 0.6
    ) -> None:
        if confirm_frames < 1:
            raise ValueError("confirm_frames must be at least 1")
        self.hold_seconds = hold_seconds
        self.confirm_frames = confirm_frames
        self.gone_seconds = gone_seconds
        self._tracks: dict[str, _Track] = {}

    def update(self, texts: Iterable[str], now: float) -> list[str]:
        """Feed the texts read on one frame at monotonic time ``now``; return those to report."""
        seen = list(dict.fromkeys(texts))
        for text, track in list(self._tracks.items()):
            # Checked for seen texts too: no frames at all (camera lost) also means it left.
            if now - track.last_seen > self.gone_seconds:
                del self._tracks[text]
            elif text not in seen:
                track.streak = 0
        report: list[str] = []
        for text in seen:
            track = self._tracks.setdefault(text, _Track())
            track.streak += 1
            track.last_seen = now
            if track.streak < self.confirm_frames:
                continue
            if track.reported_at is None or now - track.reported_at >= self.hold_seconds:
                track.reported_at = now
                report.append(text)
        return report
