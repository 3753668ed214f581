"""Alembic migrations, run programmatically by ``sync.backend.db.upgrade``."""
