"""Durable outbox, signed batch sync client and the reference loyalty backend."""
