"""Counter operations: what cashiers and shop staff do, with no Qt, for the app and the CLI."""
