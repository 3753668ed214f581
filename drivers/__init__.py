"""Scanner hardware: camera capture, QR decoders and serial scanners, as one stream of codes."""
