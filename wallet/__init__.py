"""The reference member wallet: stands in for the mini program in demos and tests."""
