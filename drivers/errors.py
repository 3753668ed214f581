"""Errors of the scanning layer, named by what the technician at the counter should do.

DriverError
 ├── DecoderMissing      a decoder library is not installed: install it or drop it from the list
 ├── CameraUnavailable   the camera or video source cannot be opened or stopped delivering frames
 └── SerialPortError     the serial port cannot be opened or configured
"""

from __future__ import annotations


class DriverError(Exception):
    """Base of every scanning-layer error; the message says what to check or change."""


class DecoderMissing(DriverError):
    """A configured decoder cannot be loaded on this machine."""


class CameraUnavailable(DriverError):
    """A camera, video file or image sequence cannot be opened."""


class SerialPortError(DriverError):
    """A serial port cannot be opened or its settings are invalid."""
