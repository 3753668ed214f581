"""Which address a request comes from, for the per-client rate limits.

The socket peer, always, unless that peer is a reverse proxy the operator named with
``serve --trusted-proxy ADDRESS``: then the last address of its X-Forwarded-For header, the
one the proxy itself saw. Anything else in that header was written by the client and could
be anything, so it is never used; a header from a peer that is not a trusted proxy is
ignored for the same reason.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.requests import HTTPConnection

UNKNOWN = "unknown"


class ClientAddress:
    """Resolve a request's client address, trusting only the named proxies."""

    def __init__(self, trusted_proxies: Iterable[str] = ()) -> None:
        self.trusted = frozenset(_normal(p) for p in trusted_proxies)

    def of(self, request: HTTPConnection) -> str:
        """The client's address as text."""
        peer = _normal(request.client.host) if request.client else UNKNOWN
        if peer not in self.trusted:
            return peer
        forwarded = request.headers.get("x-forwarded-for", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        return _normal(last) if last else peer


def _normal(address: str) -> str:
    """One spelling per address (IPv6 compressed, IPv4-mapped unwrapped); bad input as-is."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:64]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)
