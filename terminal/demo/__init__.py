"""The demo and the screenshot tour: a member's phone on screen beside the counter app.

The reference backend runs as its own process (``python -m backend serve``), as a store would
reach it: the terminal's package never imports the server.
"""
