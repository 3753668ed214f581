"""``loyalty-backend``: the reference loyalty backend terminals and wallets talk to."""
