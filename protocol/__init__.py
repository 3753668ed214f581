"""What the terminal and the backend share: events, batches, canonical JSON, request signing,
policy and catalog documents, the issuer's key store. Imports only crypto and config."""
