"""The issuer's keys and the backend's secrets, all in the database (stateless nodes).

``master``: the node's master key (LOYALTY_MASTER_KEY_FILE) and AES-256-GCM wrapping;
``signer``: one Signer interface picked by a key URI (``db:``, ``file:``, plug-ins);
``store``: the issuer's key registry and bundle history in the database, published under the
database's lock; ``tables``: those two tables; ``admin``: node start, importing a key
directory and rotating the master key; ``commands``: the ``loyalty-backend admin`` commands.
"""
