"""Errors of the configuration layer: the person who wrote the settings must fix them."""


class ConfigError(Exception):
    """A settings file, path or option is wrong; the message says which and how to fix it."""
