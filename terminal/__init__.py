"""The store counter terminal: counter operations (no Qt) and the Qt app (terminal.ui)."""
