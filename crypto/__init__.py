"""Member codes, certificates, issuer documents and the trust bundle.

Pure functions only: no file, network or clock access. The time is always an argument.
"""
