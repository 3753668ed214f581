"""The till API: a POS register rings up a sale and the terminal does the loyalty part (no Qt)."""
