"""Translation sources (.ts); the compiled .qm files are build output (git-ignored)."""
